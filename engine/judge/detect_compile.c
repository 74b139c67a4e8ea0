/* detect_compile: turns a RubricSpec's pattern text into detectors: fragments expanded,
 * PCRE2 compiled and JIT-compiled, alternations split into branches, and every reply
 * pattern's literal sets registered with the prefilter. */
#include "judge/detect.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "judge/patlit.h"

#define FRAGMENT_DEPTH 8   /* fragments may use fragments, this deep */
#define MATCH_LIMIT 200000 /* PCRE2 backtracking budget per match: a runaway pattern fails */
/* The JIT's stack: PCRE2's own 32 KiB runs out on a long paste of one repeated character
 * ("啊啊啊…" ten thousand times), which would leave the reply without a verdict; it grows on
 * demand up to this, allocated only by the replies that need it. */
#define JIT_STACK_START (32 * 1024)
#define JIT_STACK_MAX (16 * 1024 * 1024)

typedef struct Compiler {
    Detectors *d;
    const RubricSpec *spec;
    KefuError *err;
    const char *pid; /* the principle being compiled */
    char **memo;     /* the expanded text of each distinct customer pattern, by slot */
    pcre2_general_context *gctx; /* PCRE2's memory through pcre_malloc and pcre_free */
    pcre2_compile_context *cctx;
} Compiler;

/* ---------------------------------------------------------------- PCRE2's memory */

/* PCRE2 10.42's JIT compiler does not survive every failed allocation: some it dereferences
 * (a segfault inside pcre2_jit_compile, not an error code). So every pattern is compiled with
 * a general context whose allocations come here, and while the JIT compiler runs (guarded) a
 * failed allocation jumps back to jit_compile instead of returning NULL; what the compiler
 * had allocated by then is freed there. Anything else PCRE2 does (pcre2_compile, freeing)
 * sees a plain malloc that may return NULL, which it handles. */
#define GUARD_TRACK 1024 /* allocations of one JIT compile remembered for freeing */

typedef struct JitGuard {
    jmp_buf back;
    void *live[GUARD_TRACK]; /* allocated during the compile and not yet freed */
    int nlive;
} JitGuard;

/* Thread-local and static, not on jit_compile's stack: setjmp leaves a function's own
 * automatic variables changed after it indeterminate once longjmp returns. */
static _Thread_local JitGuard guard;
static _Thread_local int guarding;

static void *pcre_malloc(size_t size, void *data)
{
    (void)data;
    void *p = malloc(size);
    if (guarding) {
        if (!p)
            longjmp(guard.back, 1);
        if (guard.nlive < GUARD_TRACK)
            guard.live[guard.nlive++] = p; /* past that many, a failure leaks the rest */
    }
    return p;
}

static void pcre_free(void *p, void *data)
{
    (void)data;
    if (guarding && p)
        for (int i = guard.nlive - 1; i >= 0; i--)
            if (guard.live[i] == p) {
                guard.live[i] = guard.live[--guard.nlive];
                break;
            }
    free(p);
}

/* JIT-compiles re. Returns 1 when it may run with pcre2_jit_match, 0 when it must run
 * interpreted (no JIT on this machine, or no executable memory: PCRE2's own error codes), or
 * -1 out of memory. */
static int jit_compile(pcre2_code *re)
{
    guard.nlive = 0;
    if (setjmp(guard.back)) {
        guarding = 0;
        for (int i = 0; i < guard.nlive; i++)
            free(guard.live[i]);
        guard.nlive = 0;
        return -1;
    }
    guarding = 1;
    int rc = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    guarding = 0;
    return rc == 0;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Fills the error with "file:line: message" (just "file: message" when line is 0). */
static void compile_fail(Compiler *cc, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void compile_fail(Compiler *cc, int line, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        kerr_set(cc->err, "%s:%d: %s", cc->spec->path, line, msg);
    else
        kerr_set(cc->err, "%s: %s", cc->spec->path, msg);
}

/* ---------------------------------------------------------------- fragments */

static const char *fragment(const Compiler *ld, const char *name, size_t n)
{
    const RubricSpec *spec = ld->spec;
    for (int i = 0; i < spec->nfrags; i++)
        if (strlen(spec->frags[i].name) == n && memcmp(spec->frags[i].name, name, n) == 0)
            return spec->frags[i].body;
    return NULL;
}

/* Expands {NAME} references (upper-case names; \p{Han}-style escapes and {2,3} quantifiers
 * are left alone) into non-capturing groups, and {=NAME} into the fragment's text bare: inside
 * a lookbehind its alternatives must be top-level branches ("(?<!{=NOTDO}|自己)帮您"), since
 * PCRE2 refuses a group of alternatives of different lengths there. */
static int expand(Compiler *ld, const char *pat, Buf *out, int depth, int line)
{
    if (depth > FRAGMENT_DEPTH) {
        compile_fail(ld, line,
                     "principle %s: fragments nest deeper than %d (a fragment uses itself?)",
                     ld->pid ? ld->pid : "?", FRAGMENT_DEPTH);
        return -1;
    }
    const char *p = pat;
    while (*p) {
        if (*p == '\\' && p[1]) {
            /* copy an escape whole, including \p{...} */
            const char *q = p + 2;
            if ((p[1] == 'p' || p[1] == 'P' || p[1] == 'x' || p[1] == 'N' || p[1] == 'g' ||
                 p[1] == 'k') &&
                *q == '{') {
                while (*q && *q != '}')
                    q++;
                if (*q)
                    q++;
            }
            buf_put(out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        int bare = *p == '{' && p[1] == '=';
        if (*p == '{' && p[1 + bare] >= 'A' && p[1 + bare] <= 'Z') {
            const char *name = p + 1 + bare;
            const char *q = name;
            while ((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_')
                q++;
            if (*q == '}') {
                const char *body = fragment(ld, name, (size_t)(q - name));
                if (!body) {
                    compile_fail(ld, line, "principle %s: unknown fragment {%s%.*s} (fragments: "
                              "define it in the fragments table)",
                              ld->pid ? ld->pid : "?", bare ? "=" : "", (int)(q - name), name);
                    return -1;
                }
                if (!bare)
                    buf_put(out, "(?:", 3);
                if (expand(ld, body, out, depth + 1, line) < 0)
                    return -1;
                if (!bare)
                    buf_put(out, ")", 1);
                p = q + 1;
                continue;
            }
        }
        buf_put(out, p, 1);
        p++;
    }
    if (out->oom) {
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    return 0;
}


/* ---------------------------------------------------------------- one pattern */

/* Registers with the prefilter the literal sets pattern p[0..n) requires, for pattern pat
 * (and notes its anchor set's literals). Returns the number of sets (0: no prefilter; the
 * pattern always runs), or -1 out of memory. */
static int register_literals(Detectors *d, const char *p, size_t n, Pattern *pat)
{
    PatLits pl;
    patlit_derive(p, n, &pl);
    int rc = pl.n;
    pat->anchor = pl.anchor;
    pat->anchor_w = pl.anchor_w;
    for (int k = 0; k < pl.n; k++) {
        const LitSet *set = &pl.set[k];
        if (patlit_minlen(set) == 0)
            rc = 0;
        if (rc > 0 && k == pat->anchor) {
            pat->alits = malloc((size_t)set->n * sizeof *pat->alits);
            if (!pat->alits)
                rc = -1;
        }
        for (int m = 0; rc > 0 && m < set->n; m++) {
            int lit = prefilter_add(&d->pf, set->s[m], set->len[m], pat->id, k);
            if (lit < 0)
                rc = -1;
            else if (k == pat->anchor)
                pat->alits[pat->nalits++] = lit;
        }
    }
    if (rc <= 0) {
        pat->anchor = -1;
        free(pat->alits);
        pat->alits = NULL;
        pat->nalits = 0;
    }
    patlit_free(&pl);
    return rc;
}

/* Registers with the customer prefilter the literal sets the customer pattern p[0..n)
 * requires. Returns the number of sets (0: none; the pattern always runs), or -1 out of
 * memory. */
static int register_customer_literals(Detectors *d, const char *p, size_t n, const Pattern *pat)
{
    PatLits pl;
    patlit_derive(p, n, &pl);
    int rc = pl.n;
    for (int k = 0; k < pl.n; k++)
        if (patlit_minlen(&pl.set[k]) == 0)
            rc = 0;
    for (int k = 0; rc > 0 && k < pl.n; k++)
        for (int m = 0; rc > 0 && m < pl.set[k].n; m++)
            if (prefilter_add(&d->cpf, pl.set[k].s[m], pl.set[k].len[m], pat->id, k) < 0)
                rc = -1;
    patlit_free(&pl);
    return rc;
}

/* Compiles the expanded pattern p[0..n) into out (no JIT yet, no literals): returns 0, or -1
 * with PCRE2's error in *code and *off. */
static int compile_expanded(Compiler *ld, const char *p, size_t n, Pattern *out, int prefilter,
                            int *code, PCRE2_SIZE *off)
{
    /* Reply patterns may be given an offset limit (the last place a match can start, from the
     * prefilter); the option must be set when compiling. */
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | (prefilter ? PCRE2_USE_OFFSET_LIMIT : 0);
    out->re = NULL;
    /* A pattern that opens with a look-behind gets no start characters from PCRE2, so its JIT
     * tries every position; a look-ahead of the characters a match can start with, put in
     * front, lets it skip to them (the same matches: the look-ahead only says what the
     * pattern already requires). Written as the trainer wrote it when that is not known, and
     * compiled as written for the error message should it not compile. */
    char first[PATLIT_FIRST * 5 + 8];
    if (n > 4 && memcmp(p, "(?<", 3) == 0 && (p[3] == '=' || p[3] == '!') &&
        patlit_first_class(p, n, first, sizeof first) > 0) {
        Buf q = {0};
        buf_puts(&q, "(?=");
        buf_puts(&q, first);
        buf_puts(&q, ")");
        buf_put(&q, p, n);
        if (!q.oom)
            out->re = pcre2_compile((PCRE2_SPTR)q.p, q.len, opts, code, off, ld->cctx);
        buf_free(&q);
    }
    if (!out->re)
        out->re = pcre2_compile((PCRE2_SPTR)p, n, opts, code, off, ld->cctx);
    if (!out->re) {
        if (*code == PCRE2_ERROR_HEAP_FAILED)
            *code = 0; /* out of memory, not a bad pattern */
        return -1;
    }
    out->id = ld->d->npats++;
    out->anchor = -1;
    return 0;
}

/* The callouts of one pattern, counted by pcre2_callout_enumerate. */
typedef struct CalloutCount {
    int echo;  /* the echo checks, (?C1) to (?C3) */
    int other; /* anything else */
} CalloutCount;

static int count_callout(pcre2_callout_enumerate_block *cb, void *data)
{
    CalloutCount *c = data;
    if (cb->callout_string || !detect_is_echo(cb->callout_number))
        c->other++;
    else
        c->echo++;
    return 0;
}

/* A pattern may use callouts only as the echo checks of detect.h ((?C1) to (?C3), written
 * {ECHO} and friends in the catalog), and only on the reply: the customer's own message
 * echoes itself. Returns 0, or -1 with the error set. */
static int check_callouts(Compiler *ld, const pcre2_code *re, int reply, int line,
                          const char *what)
{
    CalloutCount count = {0, 0};
    pcre2_callout_enumerate(re, count_callout, &count);
    if (count.other) {
        compile_fail(ld, line,
                     "principle %s: %s pattern has a callout other than (?C1), (?C2) or (?C3), "
                     "the echo checks of {ECHO}",
                     ld->pid, what);
        return -1;
    }
    if (count.echo && !reply) {
        compile_fail(ld, line,
                     "principle %s: %s pattern checks an echo of the customer's words "
                     "({ECHO}, (?C1) to (?C3)): only a pattern on the reply can",
                     ld->pid, what);
        return -1;
    }
    return 0;
}

/* Makes a compiled pattern ready to run: JIT, and for reply patterns (prefilter set) the
 * literal sets the prefilter looks for. Returns 0, or -1 out of memory. */
static int finish_pattern(Compiler *ld, const char *p, size_t n, Pattern *out, int prefilter)
{
    out->jit = jit_compile(out->re);
    if (out->jit < 0) {
        out->jit = 0;
        return -1;
    }
    if (prefilter) {
        out->nsets = register_literals(ld->d, p, n, out);
        if (out->nsets < 0)
            return -1;
    } else {
        out->csets = register_customer_literals(ld->d, p, n, out);
        if (out->csets < 0)
            return -1;
    }
    return 0;
}

/* Compiles one pattern as written (ps) into out; reply patterns (prefilter set) may run as
 * branches and get literal sets, customer patterns get a slot for their remembered answer.
 * what: the field it was read from, for messages. Returns 0, or -1 with the error set. */
static int compile_one(Compiler *ld, const PatternSpec *ps, Pattern *out, int prefilter,
                       const char *what)
{
    const char *raw = ps->text;
    int line = ps->line;
    if (!text_valid_utf8(raw, strlen(raw), NULL)) {
        compile_fail(ld, line, "principle %s: %s pattern is not valid UTF-8", ld->pid, what);
        return -1;
    }
    Buf b = {0};
    if (expand(ld, raw, &b, 0, line) < 0) {
        buf_free(&b);
        return -1;
    }
    const char *p = b.p ? b.p : "";
    int code;
    PCRE2_SIZE off;
    /* the whole pattern first: its errors are the ones to show the trainer */
    if (compile_expanded(ld, p, b.len, out, prefilter, &code, &off) < 0) {
        if (code == 0) {
            kerr_set(ld->err, "out of memory");
        } else {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            compile_fail(ld, line, "principle %s: bad %s pattern: %s at offset %zu of \"%s\"",
                         ld->pid, what, (const char *)msg, (size_t)off, p);
        }
        buf_free(&b);
        return -1;
    }
    if (check_callouts(ld, out->re, prefilter, line, what) < 0) {
        buf_free(&b);
        return -1;
    }
    out->memo = -1;
    if (!prefilter) {
        /* A customer pattern: the same fragment ({COMPLAIN}, {HAGGLE}) conditions many
         * principles, and its answer for one customer message is the same each time. */
        int slot = 0;
        while (slot < ld->d->nmemo && strcmp(ld->memo[slot], p) != 0)
            slot++;
        if (slot == ld->d->nmemo) {
            char **m = realloc(ld->memo, (size_t)(slot + 1) * sizeof *m);
            if (!m || !(m[slot] = xstrdup(p))) {
                if (m)
                    ld->memo = m;
                buf_free(&b);
                kerr_set(ld->err, "out of memory");
                return -1;
            }
            ld->memo = m;
            ld->d->nmemo++;
        }
        out->memo = slot;
    }
    /* (?:a|b|c) written whole is the alternation a|b|c: patlit_branches looks inside */
    const char *q = p;
    size_t qn = b.len;
    PatSpan spans[PATLIT_BRANCHES];
    int nspans = 0;
    if (prefilter && patlit_branches(q, qn, spans, &nspans) && nspans > 1) {
        Pattern *br = calloc((size_t)nspans, sizeof *br);
        int ok = br != NULL;
        for (int k = 0; ok && k < nspans; k++)
            ok = compile_expanded(ld, spans[k].p, spans[k].n, &br[k], 1, &code, &off) == 0;
        if (ok) {
            pcre2_code_free(out->re);
            out->re = NULL;
            out->branch = br;
            out->nbranch = nspans;
            out->split = ld->d->nsplit++;
            for (int k = 0; k < nspans; k++) {
                if (finish_pattern(ld, spans[k].p, spans[k].n, &br[k], 1) < 0) {
                    buf_free(&b);
                    kerr_set(ld->err, "out of memory");
                    return -1;
                }
                if (!br[k].nsets)
                    out->always |= (uint64_t)1 << k;
            }
            buf_free(&b);
            return 0;
        }
        /* a branch that does not stand alone: run the pattern whole (the ids the branches
         * took stay unused) */
        for (int k = 0; br && k < nspans; k++)
            pcre2_code_free(br[k].re);
        free(br);
    }
    if (finish_pattern(ld, p, b.len, out, prefilter) < 0) {
        buf_free(&b);
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    buf_free(&b);
    return 0;
}

/* ---------------------------------------------------------------- lists, conditions, rules */

static int compile_list(Compiler *cc, const PatternListSpec *in, PatList *out, int prefilter)
{
    if (!in->n)
        return 0;
    out->v = calloc((size_t)in->n, sizeof *out->v);
    if (!out->v) {
        kerr_set(cc->err, "out of memory");
        return -1;
    }
    for (int i = 0; i < in->n; i++) {
        out->n++; /* counted at once, so detect_destroy frees what a failure leaves */
        if (compile_one(cc, &in->v[i], &out->v[i], prefilter, in->key) < 0)
            return -1;
    }
    return 0;
}

static int compile_cond(Compiler *cc, const CondSpec *in, Cond *out)
{
    out->persona = in->persona;
    out->npersona = in->npersona;
    out->turn_max = in->turn_max;
    out->set = in->set;
    if (compile_list(cc, &in->customer, &out->customer, 0) < 0 ||
        compile_list(cc, &in->unless_customer, &out->unless_customer, 0) < 0)
        return -1;
    return 0;
}

/* Compiles one principle's patterns in the order the loader reads them (applies, then the
 * detector: its common unless, then each rule's any, all, unless and when), so that the first
 * bad pattern reported is the first in the file. */
static int compile_detector(Compiler *cc, const PrincipleSpec *ps, Detector *d)
{
    const DetectorSpec *in = &ps->detect;
    d->gate = in->gate;
    d->builtin = in->builtin;
    d->timing = ps->info.kind == KIND_TIMING;
    if (compile_cond(cc, &in->applies, &d->applies) < 0)
        return -1;
    if (compile_list(cc, &in->unless, &d->unless, 1) < 0 ||
        compile_list(cc, &in->never, &d->never, 1) < 0 ||
        compile_cond(cc, &in->model_when, &d->model_when) < 0)
        return -1;
    if (in->nrules) {
        d->rules = calloc((size_t)in->nrules, sizeof *d->rules);
        if (!d->rules) {
            kerr_set(cc->err, "out of memory");
            return -1;
        }
    }
    for (int k = 0; k < in->nrules; k++) {
        const RuleSpec *rs = &in->rules[k];
        Rule *rule = &d->rules[k];
        d->nrules = k + 1;
        rule->index = cc->d->nrules++;
        if (compile_list(cc, &rs->any, &rule->any, 1) < 0 ||
            compile_list(cc, &rs->all, &rule->all, 1) < 0 ||
            compile_list(cc, &rs->unless, &rule->unless, 1) < 0 ||
            compile_cond(cc, &rs->when, &rule->when) < 0)
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- the prefilter's view */

/* Tells the prefilter, for every reply pattern, how many literal sets it needs, which
 * principle an `any` pattern is for, and which split pattern a branch belongs to (so the scan
 * notes the branches that can match, and matching never looks at the others); then packs it. */
static int prefilter_setup(Compiler *cc)
{
    Detectors *d = cc->d;
    Prefilter *pf = &d->pf;
    if (prefilter_marks(pf, d->npats, d->n, d->nrules, d->nsplit) < 0) {
        kerr_set(cc->err, "out of memory");
        return -1;
    }
    for (int i = 0; i < d->n; i++) {
        Detector *det = &d->det[i];
        if (det->builtin)
            det->pfree = 1;
        for (int k = 0; k < det->nrules; k++) {
            Rule *rule = &det->rules[k];
            rule->marked = rule->any.n <= 64;
            for (int m = 0; m < rule->any.n; m++) {
                const Pattern *pat = &rule->any.v[m];
                /* tried whatever the prefilter saw: no literal sets, or a branch without */
                if (rule->marked && (pat->nbranch ? pat->always != 0 : !pat->nsets))
                    rule->always |= (uint64_t)1 << m;
                int nb = pat->nbranch ? pat->nbranch : 1;
                for (int q = 0; q < nb; q++) {
                    const Pattern *one = pat->nbranch ? &pat->branch[q] : pat;
                    prefilter_pattern_any(pf, one->id, i, rule->index, rule->marked ? m : -1);
                    if (!one->nsets)
                        det->pfree = 1;
                }
            }
        }
    }
    for (int i = 0; i < d->n; i++) {
        const Detector *det = &d->det[i];
        for (int k = 0; k <= det->nrules; k++) {
            const PatList *lists[3] = {&det->unless, &det->never, NULL};
            if (k < det->nrules) {
                lists[0] = &det->rules[k].any;
                lists[1] = &det->rules[k].all;
                lists[2] = &det->rules[k].unless;
            }
            for (int l = 0; l < 3 && lists[l]; l++)
                for (int m = 0; m < lists[l]->n; m++) {
                    const Pattern *pat = &lists[l]->v[m];
                    prefilter_pattern_sets(pf, pat->id, pat->nsets);
                    for (int q = 0; q < pat->nbranch; q++) {
                        prefilter_pattern_sets(pf, pat->branch[q].id, pat->branch[q].nsets);
                        prefilter_pattern_branch(pf, pat->branch[q].id, pat->split, q);
                    }
                }
        }
    }
    int rc = prefilter_pack(pf);
    if (rc < 0) {
        kerr_set(cc->err, "out of memory");
        return -1;
    }
    if (rc == 0) {
        /* the customer's message has its own prefilter, over the customer patterns only */
        Prefilter *cpf = &d->cpf;
        if (prefilter_marks(cpf, d->npats, d->n, 0, 0) < 0) {
            kerr_set(cc->err, "out of memory");
            return -1;
        }
        for (int i = 0; i < d->n; i++) {
            const Detector *det = &d->det[i];
            const Cond *conds[3] = {&det->model_when, &det->applies, NULL};
            for (int k = -2; k < det->nrules; k++) {
                const Cond *c = k < 0 ? conds[k + 2] : &det->rules[k].when;
                const PatList *lists[2] = {&c->customer, &c->unless_customer};
                for (int l = 0; l < 2; l++)
                    for (int m = 0; m < lists[l]->n; m++)
                        prefilter_pattern_sets(cpf, lists[l]->v[m].id, lists[l]->v[m].csets);
            }
        }
        rc = prefilter_pack(cpf);
        if (rc < 0) {
            kerr_set(cc->err, "out of memory");
            return -1;
        }
        d->cpf_ready = rc == 0;
    }
    if (rc > 0) {
        compile_fail(cc, 0, "a pattern's literal is too long for the prefilter (%d bytes)", rc);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- lifecycle */

Detectors *detect_compile(const RubricSpec *spec, int patterns_only, KefuError *err)
{
    Detectors *d = calloc(1, sizeof *d);
    Compiler cc = {d, spec, err, NULL, NULL, NULL, NULL};
    if (!d) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    cc.gctx = pcre2_general_context_create(pcre_malloc, pcre_free, NULL);
    cc.cctx = cc.gctx ? pcre2_compile_context_create(cc.gctx) : NULL;
    prefilter_init(&d->pf);
    prefilter_init(&d->cpf);
    d->tn = text_normalizer_shared();
    d->md = pcre2_match_data_create(1, NULL);
    d->mctx = pcre2_match_context_create(NULL);
    d->mlim = pcre2_match_context_create(NULL);
    d->jstack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, NULL);
    d->det = calloc((size_t)spec->n + 1, sizeof *d->det);
    if (!cc.cctx || !d->md || !d->mctx || !d->mlim || !d->jstack || !d->det) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    pcre2_set_match_limit(d->mctx, MATCH_LIMIT);
    pcre2_set_match_limit(d->mlim, MATCH_LIMIT);
    pcre2_set_callout(d->mctx, detect_echo_callout, d);
    pcre2_set_callout(d->mlim, detect_echo_callout, d);
    pcre2_jit_stack_assign(d->mctx, NULL, d->jstack);
    pcre2_jit_stack_assign(d->mlim, NULL, d->jstack);
    for (int i = 0; i < spec->n; i++) {
        d->n = i + 1; /* so detect_destroy frees what was compiled */
        cc.pid = spec->p[i].info.id;
        if (compile_detector(&cc, &spec->p[i], &d->det[i]) < 0)
            goto fail;
    }
    if (!patterns_only) {
        d->mgen = calloc((size_t)d->nmemo + 1, sizeof *d->mgen);
        d->mres = calloc((size_t)d->nmemo + 1, 1);
        d->cgen = 1;
        if (!d->mgen || !d->mres) {
            kerr_set(err, "out of memory");
            goto fail;
        }
        if (prefilter_setup(&cc) < 0)
            goto fail;
    }
    for (int i = 0; i < d->nmemo; i++)
        free(cc.memo[i]);
    free(cc.memo);
    pcre2_compile_context_free(cc.cctx);
    pcre2_general_context_free(cc.gctx);
    return d;
fail:
    for (int i = 0; cc.memo && i < d->nmemo; i++)
        free(cc.memo[i]);
    free(cc.memo);
    pcre2_compile_context_free(cc.cctx);
    pcre2_general_context_free(cc.gctx);
    detect_destroy(d);
    return NULL;
}

static void patlist_free(PatList *l)
{
    for (int i = 0; i < l->n; i++) {
        pcre2_code_free(l->v[i].re);
        free(l->v[i].alits);
        for (int k = 0; k < l->v[i].nbranch; k++) {
            pcre2_code_free(l->v[i].branch[k].re);
            free(l->v[i].branch[k].alits);
        }
        free(l->v[i].branch);
    }
    free(l->v);
}

static void cond_free(Cond *c)
{
    patlist_free(&c->customer);
    patlist_free(&c->unless_customer);
}

void detect_destroy(Detectors *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->n; i++) {
        Detector *det = &d->det[i];
        for (int k = 0; k < det->nrules; k++) {
            patlist_free(&det->rules[k].any);
            patlist_free(&det->rules[k].all);
            patlist_free(&det->rules[k].unless);
            cond_free(&det->rules[k].when);
        }
        free(det->rules);
        patlist_free(&det->unless);
        patlist_free(&det->never);
        cond_free(&det->model_when);
        cond_free(&det->applies);
    }
    free(d->det);
    prefilter_deinit(&d->pf);
    prefilter_deinit(&d->cpf);
    free(d->mgen);
    free(d->mres);
    free(d->ckey);
    text_norm_deinit(&d->cnorm);
    pcre2_match_data_free(d->md);
    pcre2_match_context_free(d->mctx);
    pcre2_match_context_free(d->mlim);
    pcre2_jit_stack_free(d->jstack);
    free(d);
}
