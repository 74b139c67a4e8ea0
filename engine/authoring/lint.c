/* lint: checks scenario and rubric files, every problem one "file:line: message" line. */
#include "authoring/lint.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/sandbox.h"
#include "authoring/selftest.h"
#include "persona/session.h"
#include "base/text.h"

/* ---------------------------------------------------------------- the report */

void lint_report_deinit(LintReport *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++)
        free(r->v[i].text);
    free(r->v);
    memset(r, 0, sizeof *r);
}

int lint_add(LintReport *r, int warning, const char *fmt, ...)
{
    char buf[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* One problem, one line: a raised Lua string may hold newlines. */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (warning)
        r->warnings++;
    else
        r->errors++;
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 16;
        LintMessage *v = realloc(r->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        r->v = v;
        r->cap = cap;
    }
    char *text = strdup(buf);
    if (!text)
        return -1;
    r->v[r->n].warning = warning;
    r->v[r->n].text = text;
    r->n++;
    return 0;
}

/* ---------------------------------------------------------------- a light Lua lexer */

/* Enough of Lua's lexical grammar to find calls and table constructors in a scenario's
 * source with their lines: names, strings (decoded, escapes included, so "\xff" is seen
 * for what it makes), numbers and operators; comments skipped. It never reports syntax
 * errors: the real loader does, and the scan simply stops where the text stops making
 * sense. */

typedef enum TokKind { T_EOF, T_NAME, T_STRING, T_NUMBER, T_OP } TokKind;

typedef struct Tok {
    TokKind kind;
    int line;
    const char *p; /* raw text in the source */
    size_t n;
    char *str; /* T_STRING: the decoded bytes (malloc'd, NUL-terminated) */
    size_t slen;
} Tok;

typedef struct Toks {
    Tok *v;
    int n;
    int cap;
} Toks;

typedef struct Buf {
    char *p;
    size_t n;
    size_t cap;
} Buf;

static int buf_put(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

static void toks_deinit(Toks *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->v[i].str);
    free(t->v);
    memset(t, 0, sizeof *t);
}

static Tok *toks_add(Toks *t, TokKind kind, int line, const char *p, size_t n)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 256;
        Tok *v = realloc(t->v, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        t->v = v;
        t->cap = cap;
    }
    Tok *k = &t->v[t->n++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->line = line;
    k->p = p;
    k->n = n;
    return k;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Lua's own \u{...} encoding (luaO_utf8esc): up to 0x7FFFFFFF in at most 6 bytes, so an
 * escape Lua accepts but UTF-8 forbids (a surrogate, past U+10FFFF) yields the same bytes. */
static size_t utf8_escape(char *out, unsigned long x)
{
    char buf[8];
    int n = 1;
    if (x < 0x80) {
        out[0] = (char)x;
        return 1;
    }
    unsigned mfb = 0x3f;
    do {
        buf[8 - (n++)] = (char)(0x80 | (x & 0x3f));
        x >>= 6;
        mfb >>= 1;
    } while (x > mfb);
    buf[8 - n] = (char)((~mfb << 1) | x);
    memcpy(out, buf + 8 - n, (size_t)n);
    return (size_t)n;
}

/* The level of a long bracket opening at s[i] ("[[" 0, "[==[" 2), or -1. */
static int long_bracket(const char *s, size_t n, size_t i)
{
    if (i >= n || s[i] != '[')
        return -1;
    size_t j = i + 1;
    while (j < n && s[j] == '=')
        j++;
    return j < n && s[j] == '[' ? (int)(j - i - 1) : -1;
}

/* Skips a long bracket body opened at s[*i] with level; returns its content span. Returns
 * -1 when it never closes. */
static int skip_long(const char *s, size_t n, size_t *i, int level, int *line, size_t *cstart,
                     size_t *cend)
{
    size_t j = *i + (size_t)level + 2;
    if (j < n && s[j] == '\r')
        j++;
    if (j < n && s[j] == '\n') { /* the first newline is not part of the string */
        (*line)++;
        j++;
    }
    *cstart = j;
    for (; j < n; j++) {
        if (s[j] == '\n')
            (*line)++;
        if (s[j] != ']')
            continue;
        size_t k = j + 1;
        while (k < n && s[k] == '=')
            k++;
        if (k < n && s[k] == ']' && (int)(k - j - 1) == level) {
            *cend = j;
            *i = k + 1;
            return 0;
        }
    }
    return -1;
}

/* Decodes a short string opened at s[*i]. Returns 0, or -1 when it is broken (the scan
 * stops there). */
static int short_string(const char *s, size_t n, size_t *i, int *line, Buf *out)
{
    char q = s[*i];
    size_t j = *i + 1;
    while (j < n && s[j] != q) {
        char c = s[j];
        if (c == '\n' || c == '\r')
            return -1;
        if (c != '\\') {
            if (buf_put(out, &c, 1) < 0)
                return -1;
            j++;
            continue;
        }
        j++;
        if (j >= n)
            return -1;
        char e = s[j], b[8];
        size_t bn = 1;
        switch (e) {
        case 'a':
            b[0] = '\a';
            j++;
            break;
        case 'b':
            b[0] = '\b';
            j++;
            break;
        case 'f':
            b[0] = '\f';
            j++;
            break;
        case 'n':
            b[0] = '\n';
            j++;
            break;
        case 'r':
            b[0] = '\r';
            j++;
            break;
        case 't':
            b[0] = '\t';
            j++;
            break;
        case 'v':
            b[0] = '\v';
            j++;
            break;
        case '\\':
        case '"':
        case '\'':
            b[0] = e;
            j++;
            break;
        case '\n':
        case '\r':
            b[0] = '\n';
            (*line)++;
            j++;
            if (j < n && (s[j] == '\n' || s[j] == '\r') && s[j] != e)
                j++;
            break;
        case 'x': {
            int h1 = j + 1 < n ? hex_value(s[j + 1]) : -1;
            int h2 = j + 2 < n ? hex_value(s[j + 2]) : -1;
            if (h1 < 0 || h2 < 0)
                return -1;
            b[0] = (char)(h1 * 16 + h2);
            j += 3;
            break;
        }
        case 'z':
            bn = 0;
            j++;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' ||
                             s[j] == '\f' || s[j] == '\v')) {
                if (s[j] == '\n')
                    (*line)++;
                j++;
            }
            break;
        case 'u': {
            unsigned long x = 0;
            j++;
            if (j >= n || s[j] != '{')
                return -1;
            j++;
            int digits = 0;
            while (j < n && hex_value(s[j]) >= 0) {
                x = x * 16 + (unsigned long)hex_value(s[j]);
                if (x > 0x7FFFFFFFUL)
                    return -1;
                digits++;
                j++;
            }
            if (!digits || j >= n || s[j] != '}')
                return -1;
            j++;
            bn = utf8_escape(b, x);
            break;
        }
        default:
            if (!is_digit(e))
                return -1; /* an invalid escape: Lua's loader reports it */
            {
                int v = 0, k = 0;
                while (k < 3 && j < n && is_digit(s[j])) {
                    v = v * 10 + (s[j] - '0');
                    j++;
                    k++;
                }
                if (v > 255)
                    return -1;
                b[0] = (char)v;
            }
        }
        if (bn && buf_put(out, b, bn) < 0)
            return -1;
    }
    if (j >= n)
        return -1;
    *i = j + 1;
    return 0;
}

/* Tokenises text. Returns 0, or -1 out of memory; a broken spot just ends the list. */
static int lex(const char *s, size_t n, Toks *out)
{
    static const char *const ops3[] = {"...", NULL};
    static const char *const ops2[] = {"..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>", NULL};
    size_t i = 0;
    int line = 1;
    memset(out, 0, sizeof *out);
    while (i < n) {
        char c = s[i];
        if (c == '\n') {
            line++;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue;
        }
        if (c == '-' && i + 1 < n && s[i + 1] == '-') {
            int level = long_bracket(s, n, i + 2);
            if (level >= 0) {
                size_t a, b, k = i + 2;
                if (skip_long(s, n, &k, level, &line, &a, &b) < 0)
                    break;
                i = k;
            } else {
                while (i < n && s[i] != '\n')
                    i++;
            }
            continue;
        }
        int level = long_bracket(s, n, i);
        if (level >= 0) {
            size_t a, b, k = i;
            int start_line = line;
            if (skip_long(s, n, &k, level, &line, &a, &b) < 0)
                break;
            Tok *t = toks_add(out, T_STRING, start_line, s + i, k - i);
            if (!t || !(t->str = malloc(b - a + 1)))
                return -1;
            memcpy(t->str, s + a, b - a);
            t->str[b - a] = '\0';
            t->slen = b - a;
            i = k;
            continue;
        }
        if (c == '"' || c == '\'') {
            Buf b = {0};
            size_t k = i;
            int start_line = line;
            if (buf_put(&b, "", 0) < 0)
                return -1;
            if (short_string(s, n, &k, &line, &b) < 0) {
                free(b.p);
                break;
            }
            Tok *t = toks_add(out, T_STRING, start_line, s + i, k - i);
            if (!t) {
                free(b.p);
                return -1;
            }
            t->str = b.p;
            t->slen = b.n;
            i = k;
            continue;
        }
        if (is_alpha((unsigned char)c)) {
            size_t k = i;
            while (k < n && (is_alpha((unsigned char)s[k]) || is_digit((unsigned char)s[k])))
                k++;
            if (!toks_add(out, T_NAME, line, s + i, k - i))
                return -1;
            i = k;
            continue;
        }
        if (is_digit((unsigned char)c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
            size_t k = i;
            while (k < n &&
                   (is_alpha((unsigned char)s[k]) || is_digit((unsigned char)s[k]) || s[k] == '.' ||
                    ((s[k] == '+' || s[k] == '-') && k > i && strchr("eEpP", s[k - 1]))))
                k++;
            if (!toks_add(out, T_NUMBER, line, s + i, k - i))
                return -1;
            i = k;
            continue;
        }
        size_t len = 1;
        for (int k = 0; ops3[k]; k++)
            if (n - i >= 3 && memcmp(s + i, ops3[k], 3) == 0)
                len = 3;
        for (int k = 0; len == 1 && ops2[k]; k++)
            if (n - i >= 2 && memcmp(s + i, ops2[k], 2) == 0)
                len = 2;
        if (!toks_add(out, T_OP, line, s + i, len))
            return -1;
        i += len;
    }
    return toks_add(out, T_EOF, line, s + n, 0) ? 0 : -1;
}

/* Token i is of kind with exactly the text word (NULL: any text). Out of range is T_EOF. */
static int is_tok(const Toks *t, int i, TokKind kind, const char *word)
{
    if (i < 0 || i >= t->n || t->v[i].kind != kind)
        return 0;
    return !word || (strlen(word) == t->v[i].n && memcmp(t->v[i].p, word, t->v[i].n) == 0);
}

static int is_op(const Toks *t, int i, const char *op)
{
    return is_tok(t, i, T_OP, op);
}

/* Blocks that `end` (or `until`) closes, so commas in a function body inside a table
 * constructor are not taken for the constructor's. */
static int opens_block(const Toks *t, int i)
{
    return is_tok(t, i, T_NAME, "function") || is_tok(t, i, T_NAME, "if") ||
           is_tok(t, i, T_NAME, "do") || is_tok(t, i, T_NAME, "repeat");
}

static int closes_block(const Toks *t, int i)
{
    return is_tok(t, i, T_NAME, "end") || is_tok(t, i, T_NAME, "until");
}

/* From token i, skips one expression of a field list: returns the index of the ',' ';' or
 * '}' (or ')') that ends it at nesting depth 0, or t->n - 1 (EOF). */
static int skip_expr(const Toks *t, int i)
{
    int depth = 0;
    for (; i < t->n - 1; i++) {
        if (depth == 0 &&
            (is_op(t, i, ",") || is_op(t, i, ";") || is_op(t, i, "}") || is_op(t, i, ")")))
            return i;
        if (is_op(t, i, "{") || is_op(t, i, "(") || is_op(t, i, "[") || opens_block(t, i))
            depth++;
        else if (is_op(t, i, "}") || is_op(t, i, ")") || is_op(t, i, "]") || closes_block(t, i))
            depth--;
    }
    return t->n - 1;
}

/* One field of a table constructor whose first token is at i. */
typedef struct Field {
    int key_tok; /* the key's token (a name or a bracketed expression's first), or -1 */
    int value;   /* first token of the value */
    int end;     /* the separator or '}' after it */
} Field;

/* Reads the field starting at token i (inside a constructor). */
static Field read_field(const Toks *t, int i)
{
    Field f = {-1, i, i};
    if (is_tok(t, i, T_NAME, NULL) && is_op(t, i + 1, "=")) {
        f.key_tok = i;
        f.value = i + 2;
    } else if (is_op(t, i, "[")) {
        int depth = 0, k = i;
        for (; k < t->n - 1; k++) {
            if (is_op(t, k, "["))
                depth++;
            else if (is_op(t, k, "]") && --depth == 0)
                break;
        }
        if (is_op(t, k + 1, "=")) {
            f.key_tok = i + 1;
            f.value = k + 2;
        }
    }
    f.end = skip_expr(t, f.value);
    return f;
}

/* Calls fn for each field of the constructor whose '{' is token open; positional fields
 * get their 1-based index. Stops when fn returns non-zero and returns that value. */
typedef int (*FieldFn)(const Toks *t, const Field *f, int index, void *ud);

static int each_field(const Toks *t, int open, FieldFn fn, void *ud)
{
    int i = open + 1, index = 0;
    while (i < t->n - 1 && !is_op(t, i, "}")) {
        Field f = read_field(t, i);
        if (f.key_tok < 0)
            index++;
        int rc = fn(t, &f, f.key_tok < 0 ? index : 0, ud);
        if (rc)
            return rc;
        if (f.end >= t->n - 1 || is_op(t, f.end, "}") || is_op(t, f.end, ")"))
            break;
        i = f.end + 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- field lines */

typedef struct Step {
    char key[64]; /* "" for an index step */
    long index;
} Step;

typedef struct FindStep {
    const Step *step;
    int found; /* the field's first token */
    int value;
} FindStep;

static int find_step(const Toks *t, const Field *f, int index, void *ud)
{
    FindStep *fs = ud;
    int match = 0;
    if (fs->step->key[0]) {
        if (f->key_tok >= 0 && t->v[f->key_tok].kind == T_NAME)
            match = is_tok(t, f->key_tok, T_NAME, fs->step->key);
        else if (f->key_tok >= 0 && t->v[f->key_tok].kind == T_STRING)
            match = strcmp(t->v[f->key_tok].str, fs->step->key) == 0;
    } else {
        match = f->key_tok < 0 && index == fs->step->index;
    }
    if (!match)
        return 0;
    fs->found = f->key_tok >= 0 ? f->key_tok : f->value;
    fs->value = f->value;
    return 1;
}

static int parse_steps(const char *path, Step *steps, int max)
{
    int n = 0;
    const char *p = path;
    while (*p && n < max) {
        Step *s = &steps[n];
        memset(s, 0, sizeof *s);
        if (*p == '[') {
            s->index = strtol(p + 1, (char **)&p, 10);
            if (*p != ']')
                return n;
            p++;
        } else {
            if (*p == '.')
                p++;
            size_t k = 0;
            while (*p && *p != '.' && *p != '[' && k + 1 < sizeof s->key)
                s->key[k++] = *p++;
            s->key[k] = '\0';
            if (!k)
                return n;
        }
        n++;
    }
    return n;
}

static int toks_line(const Toks *t, const char *path)
{
    Step steps[16];
    int nsteps = parse_steps(path, steps, 16);
    if (nsteps == 0 || !steps[0].key[0])
        return 0;
    /* The first step is a key written `key = {` anywhere (a field or a variable). */
    int at = -1;
    for (int i = 0; i + 2 < t->n; i++)
        if (is_tok(t, i, T_NAME, steps[0].key) && is_op(t, i + 1, "=") && !is_op(t, i - 1, ".") &&
            !is_op(t, i - 1, ":")) {
            at = i;
            if (is_op(t, i + 2, "{"))
                break;
        }
    if (at < 0)
        return 0;
    int line = t->v[at].line, value = at + 2;
    for (int k = 1; k < nsteps; k++) {
        if (!is_op(t, value, "{"))
            break;
        FindStep fs = {&steps[k], -1, -1};
        if (!each_field(t, value, find_step, &fs))
            break;
        line = t->v[fs.found].line;
        value = fs.value;
    }
    return line;
}

int lint_source_line(const char *text, size_t len, const char *path)
{
    Toks t;
    if (lex(text, len, &t) < 0) {
        toks_deinit(&t);
        return 0;
    }
    int line = toks_line(&t, path);
    toks_deinit(&t);
    return line;
}

/* ---------------------------------------------------------------- the source scan */

typedef struct Found {
    int line;
    char *text;
} Found;

typedef struct Scan {
    const char *path;
    const Toks *t;
    const Scenario *sc;
    const Rubric *rubric;
    unsigned char *seen; /* per token: already judged as a customer line */
    Found *found;        /* problems, reported sorted by line at the end */
    int nfound;
    int cap;
} Scan;

static void scan_error(Scan *s, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void scan_error(Scan *s, int line, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (s->nfound == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        Found *v = realloc(s->found, (size_t)cap * sizeof *v);
        if (!v)
            return;
        s->found = v;
        s->cap = cap;
    }
    if ((s->found[s->nfound].text = strdup(msg)))
        s->found[s->nfound++].line = line;
}

static int by_line(const void *a, const void *b)
{
    const Found *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* Shows a string for a message: at most 24 characters, bad bytes as \xNN. */
static void show(const char *str, size_t len, char *out, size_t size)
{
    size_t o = 0, i = 0;
    int chars = 0;
    while (i < len && o + 8 < size) {
        if (chars == 24) {
            o += (size_t)snprintf(out + o, size - o, "…");
            break;
        }
        size_t bad = 0, step = 1;
        unsigned char c = (unsigned char)str[i];
        if (c >= 0x80) {
            step = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (i + step > len || !text_valid_utf8(str + i, step, &bad))
                step = 0;
        }
        if (step == 0 || c < 0x20 || c == 0x7f) {
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
            i++;
        } else {
            memcpy(out + o, str + i, step);
            o += step;
            i += step;
        }
        chars++;
    }
    out[o < size ? o : size - 1] = '\0';
}

/* A customer line literal: non-empty, valid UTF-8. */
static void check_line(Scan *s, int tok, const char *call)
{
    const Tok *k = &s->t->v[tok];
    size_t bad = 0;
    if (s->seen[tok])
        return;
    s->seen[tok] = 1;
    if (k->slen == 0 || text_chars(k->str, k->slen) == 0) {
        scan_error(s, k->line, "empty customer line in %s (the customer cannot say nothing)", call);
        return;
    }
    int blank = 1;
    for (size_t i = 0; i < k->slen && blank; i++)
        blank = k->str[i] == ' ' || k->str[i] == '\t' || k->str[i] == '\n';
    if (blank) {
        scan_error(s, k->line, "blank customer line in %s (only spaces)", call);
        return;
    }
    if (!text_valid_utf8(k->str, k->slen, &bad)) {
        char shown[200];
        show(k->str, k->slen, shown, sizeof shown);
        scan_error(s, k->line, "customer line in %s is not valid UTF-8 (byte %zu): \"%s\"", call,
                   bad + 1, shown);
    }
}

/* A string literal alone as one field or argument: followed by a separator. */
static int lone_string(const Toks *t, int i)
{
    return is_tok(t, i, T_STRING, NULL) && (is_op(t, i + 1, ",") || is_op(t, i + 1, ";") ||
                                            is_op(t, i + 1, "}") || is_op(t, i + 1, ")"));
}

typedef struct LinesCtx {
    Scan *scan;
    const char *call;
    int deep; /* check nested constructors too (a table of line lists) */
} LinesCtx;

static int check_line_field(const Toks *t, const Field *f, int index, void *ud)
{
    LinesCtx *c = ud;
    (void)index;
    if (lone_string(t, f->value))
        check_line(c->scan, f->value, c->call);
    else if (c->deep && is_op(t, f->value, "{"))
        each_field(t, f->value, check_line_field, c);
    return 0;
}

/* The name a `s:pick(NAME...)` argument reads its lines from, e.g. L in s:pick(L[key]). */
static int pick_table_name(const Toks *t, int arg)
{
    if (is_tok(t, arg, T_NAME, NULL) &&
        (is_op(t, arg + 1, ")") || is_op(t, arg + 1, "[") || is_op(t, arg + 1, ".")))
        return arg;
    return -1;
}

static int same_name(const Toks *t, int a, int b)
{
    return t->v[a].kind == T_NAME && t->v[b].kind == T_NAME && t->v[a].n == t->v[b].n &&
           memcmp(t->v[a].p, t->v[b].p, t->v[a].n) == 0;
}

/* Checks the constructor assigned to the variable named by token name (`L = { ... }`):
 * every lone string in it, at any depth, is a customer line. */
static void check_line_table(Scan *s, int name, int *checked, int *nchecked)
{
    const Toks *t = s->t;
    for (int k = 0; k < *nchecked; k++)
        if (same_name(t, checked[k], name))
            return;
    if (*nchecked < 32)
        checked[(*nchecked)++] = name;
    for (int i = 0; i + 2 < t->n; i++) {
        if (!same_name(t, i, name) || !is_op(t, i + 1, "=") || !is_op(t, i + 2, "{") ||
            is_op(t, i - 1, ".") || is_op(t, i - 1, ":"))
            continue;
        char call[128];
        snprintf(call, sizeof call, "%.*s (read by s:pick)", (int)t->v[i].n, t->v[i].p);
        LinesCtx c = {s, call, 1};
        each_field(t, i + 2, check_line_field, &c);
    }
}

static const char *const finish_outcomes[] = {"sale", "resolved", "left", "escalated", NULL};

static int declared_state(const Scenario *sc, const char *name)
{
    for (int i = 0; i < sc->nstates; i++)
        if (strcmp(sc->states[i], name) == 0)
            return 1;
    return 0;
}

/* Names bound to a reply's hits (`local h = reply.hits`) and never to anything else. */
static int hits_alias(const Toks *t, int name)
{
    int bound = 0;
    for (int i = 0; i + 4 < t->n; i++) {
        if (!same_name(t, i, name) || !is_op(t, i + 1, "=") || is_op(t, i - 1, ".") ||
            is_op(t, i - 1, ":") || is_op(t, i - 1, ","))
            continue;
        if (is_tok(t, i + 2, T_NAME, NULL) && is_op(t, i + 3, ".") &&
            is_tok(t, i + 4, T_NAME, "hits") && !is_op(t, i + 5, ".") && !is_op(t, i + 5, "[") &&
            !is_op(t, i + 5, "(") && !is_op(t, i + 5, ":"))
            bound = 1;
        else
            return 0;
    }
    return bound;
}

static void check_hit_id(Scan *s, int tok, const char *id, size_t n)
{
    char name[128];
    if (!s->rubric || n >= sizeof name)
        return;
    memcpy(name, id, n);
    name[n] = '\0';
    if (rubric_find(s->rubric, name) < 0)
        scan_error(s, s->t->v[tok].line,
                   "reply.hits.%s: unknown principle id '%s' (it would never be true; see "
                   "rubric.lua for the ids)",
                   name, name);
}

int lint_source(const char *path, const char *text, size_t len, const Scenario *sc,
                const Rubric *rubric, LintReport *out)
{
    Toks t;
    Scan s = {path, &t, sc, rubric, NULL, NULL, 0, 0};
    int checked[32], nchecked = 0;
    int aliases[32], naliases = 0, not_alias[32], nnot_alias = 0;
    if (lex(text, len, &t) < 0 || !(s.seen = calloc((size_t)t.n + 1, 1))) {
        toks_deinit(&t);
        lint_add(out, 0, "%s: out of memory scanning the file", path);
        return 1;
    }

    for (int i = 0; i < t.n - 1; i++) {
        if (!is_op(&t, i, ":") || !is_tok(&t, i + 1, T_NAME, NULL))
            continue;
        int m = i + 1;
        int arg = is_op(&t, m + 1, "(") ? m + 2 : m + 1; /* s:say "x" / s:pick{...} forms */
        if (is_tok(&t, m, T_NAME, "say")) {
            if (lone_string(&t, arg) || (arg == m + 1 && is_tok(&t, arg, T_STRING, NULL)))
                check_line(&s, arg, "s:say");
        } else if (is_tok(&t, m, T_NAME, "pick")) {
            if (is_op(&t, arg, "{")) {
                LinesCtx c = {&s, "s:pick{...}", 0};
                each_field(&t, arg, check_line_field, &c);
            } else if (pick_table_name(&t, arg) >= 0) {
                check_line_table(&s, arg, checked, &nchecked);
            }
        } else if (is_tok(&t, m, T_NAME, "finish") && lone_string(&t, arg)) {
            const char *o = t.v[arg].str;
            int ok = 0;
            for (int k = 0; finish_outcomes[k]; k++)
                ok |= strcmp(o, finish_outcomes[k]) == 0;
            if (!ok) {
                char shown[200];
                show(o, t.v[arg].slen, shown, sizeof shown);
                scan_error(&s, t.v[arg].line,
                           "s:finish(\"%s\"): the outcome must be one of sale, resolved, left, "
                           "escalated",
                           shown);
            }
        } else if (is_tok(&t, m, T_NAME, "state") && lone_string(&t, arg) && sc) {
            const char *st = t.v[arg].str;
            if (!declared_state(sc, st)) {
                char shown[200];
                show(st, t.v[arg].slen, shown, sizeof shown);
                if (sc->nstates == 0)
                    scan_error(&s, t.v[arg].line,
                               "s:state(\"%s\"): the scenario declares no states (add "
                               "states = {\"%s\", ...})",
                               shown, shown);
                else
                    scan_error(&s, t.v[arg].line,
                               "s:state(\"%s\"): state '%s' is not declared in states", shown,
                               shown);
            }
        }
    }

    /* Any other literal that decodes to invalid UTF-8 (a stray "\xff") is a mistake wherever
     * it is: every text a scenario shows or matches is UTF-8. */
    for (int i = 0; i < t.n - 1; i++) {
        size_t bad = 0;
        if (t.v[i].kind != T_STRING || s.seen[i] || text_valid_utf8(t.v[i].str, t.v[i].slen, &bad))
            continue;
        char shown[200];
        show(t.v[i].str, t.v[i].slen, shown, sizeof shown);
        scan_error(&s, t.v[i].line,
                   "string is not valid UTF-8 (byte %zu): \"%s\" (check its \\x or \\ddd "
                   "escapes)",
                   bad + 1, shown);
    }

    /* reply.hits.<id>, reply.hits["<id>"], and h.<id> for `local h = reply.hits`. */
    for (int i = 0; i + 2 < t.n; i++) {
        if (is_tok(&t, i, T_NAME, "hits") && is_op(&t, i - 1, ".")) {
            if (is_op(&t, i + 1, ".") && is_tok(&t, i + 2, T_NAME, NULL))
                check_hit_id(&s, i + 2, t.v[i + 2].p, t.v[i + 2].n);
            else if (is_op(&t, i + 1, "[") && is_tok(&t, i + 2, T_STRING, NULL) &&
                     is_op(&t, i + 3, "]"))
                check_hit_id(&s, i + 2, t.v[i + 2].str, t.v[i + 2].slen);
            continue;
        }
        if (!is_tok(&t, i, T_NAME, NULL) || !is_op(&t, i + 1, ".") ||
            !is_tok(&t, i + 2, T_NAME, NULL) || is_op(&t, i - 1, ".") || is_op(&t, i - 1, ":") ||
            is_op(&t, i + 3, "(") || is_op(&t, i + 3, "="))
            continue;
        int known = -1;
        for (int k = 0; k < naliases && known < 0; k++)
            if (same_name(&t, aliases[k], i))
                known = 1;
        for (int k = 0; k < nnot_alias && known < 0; k++)
            if (same_name(&t, not_alias[k], i))
                known = 0;
        if (known < 0) {
            known = hits_alias(&t, i);
            if (known && naliases < 32)
                aliases[naliases++] = i;
            else if (!known && nnot_alias < 32)
                not_alias[nnot_alias++] = i;
        }
        if (known == 1)
            check_hit_id(&s, i + 2, t.v[i + 2].p, t.v[i + 2].n);
    }

    if (s.nfound > 1)
        qsort(s.found, (size_t)s.nfound, sizeof *s.found, by_line);
    for (int i = 0; i < s.nfound; i++) {
        lint_add(out, 0, "%s:%d: %s", path, s.found[i].line, s.found[i].text);
        free(s.found[i].text);
    }
    int errors = s.nfound;
    free(s.found);
    free(s.seen);
    toks_deinit(&t);
    return errors;
}

/* ---------------------------------------------------------------- rubric files */

/* Whether the table at idx, or any table reachable from it through plain fields, has a
 * metatable. Raw accesses only; seen (a table at seen_idx) stops cycles. */
static int metatable_inside(lua_State *L, int idx, int seen_idx)
{
    idx = lua_absindex(L, idx);
    lua_pushvalue(L, idx);
    if (lua_rawget(L, seen_idx) != LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, seen_idx);
    if (lua_getmetatable(L, idx)) {
        lua_pop(L, 1);
        return 1;
    }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if ((lua_type(L, -1) == LUA_TTABLE && metatable_inside(L, -1, seen_idx)) ||
            (lua_type(L, -2) == LUA_TTABLE && metatable_inside(L, -2, seen_idx))) {
            lua_pop(L, 2);
            return 1;
        }
        lua_pop(L, 1);
    }
    return 0;
}

int lint_plain_data(const char *path, KefuError *err)
{
    Sandbox *sb = sandbox_create(NULL, err);
    if (!sb)
        return -1;
    int rc = 0;
    if (sandbox_run_file(sb, path, err) < 0) {
        rc = 0; /* the loader reports it, with its own words */
    } else {
        lua_State *L = sandbox_state(sb);
        if (lua_istable(L, -1)) {
            lua_newtable(L);
            if (metatable_inside(L, -2, lua_gettop(L))) {
                kerr_set(err,
                         "%s: the returned table (or a table inside it) has a metatable; "
                         "scenario and rubric data must be plain tables (no setmetatable)",
                         path);
                rc = -1;
            }
        }
    }
    sandbox_destroy(sb);
    return rc;
}

int lint_is_rubric(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "rubric.lua") == 0)
        return 1;
    KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    int rubric = 0;
    if (sb && sandbox_run_file(sb, path, &err) == 0) {
        lua_State *L = sandbox_state(sb);
        if (lua_istable(L, -1)) { /* raw reads: the file's metamethods never run here */
            lua_pushliteral(L, "principles");
            int has_principles = lua_rawget(L, -2) != LUA_TNIL;
            lua_pushliteral(L, "persona");
            int has_persona = lua_rawget(L, -3) != LUA_TNIL;
            rubric = has_principles && !has_persona;
        }
    }
    sandbox_destroy(sb);
    return rubric;
}

/* The ranges a scenario may override thresholds within (persona.c reads the same). */
static const struct {
    const char *key;
    double lo, hi;
} threshold_ranges[] = {
    {"first_response_s", 1, 600},    {"first_response_excellent_s", 0.5, 600},
    {"reply_wait_s", 1, 600},        {"typing_cpm", 1, 1000},
    {"long_reply_chars", 10, 10000},
};

int lint_rubric(const char *path, LintReport *out)
{
    KefuError err;
    int before = out->errors;
    if (lint_plain_data(path, &err) < 0) {
        lint_add(out, 0, "%s", err.msg);
        return out->errors - before;
    }
    Rubric *r = rubric_load(path, &err);
    if (!r) {
        lint_add(out, 0, "%s", err.msg);
        return out->errors - before;
    }
    /* The loader asks only for numbers above 0; a standard of 5000 seconds is a typo. */
    const Thresholds *th = rubric_thresholds(r);
    const double values[] = {th->first_response_s, th->first_response_excellent_s, th->reply_wait_s,
                             th->typing_cpm, th->long_reply_chars};
    size_t len = 0;
    char *text = kerr_read_file(path, &len, NULL);
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        if (values[i] >= threshold_ranges[i].lo && values[i] <= threshold_ranges[i].hi)
            continue;
        char field_path[96];
        snprintf(field_path, sizeof field_path, "thresholds.%s", threshold_ranges[i].key);
        int line = text ? lint_source_line(text, len, field_path) : 0;
        char where[32] = "";
        if (line)
            snprintf(where, sizeof where, ":%d", line);
        lint_add(out, 0, "%s%s: thresholds.%s must be from %g to %g, got %g", path, where,
                 threshold_ranges[i].key, threshold_ranges[i].lo, threshold_ranges[i].hi,
                 values[i]);
    }
    if (th->first_response_excellent_s > th->first_response_s) {
        int line = text ? lint_source_line(text, len, "thresholds.first_response_excellent_s") : 0;
        lint_add(out, 0,
                 "%s:%d: thresholds.first_response_excellent_s (%g) must not exceed "
                 "first_response_s (%g)",
                 path, line, th->first_response_excellent_s, th->first_response_s);
    }
    free(text);
    rubric_destroy(r);
    return out->errors - before;
}

/* ---------------------------------------------------------------- scenario files */

/* Generic conversations for the smoke runs: they know nothing of the persona, only what any
 * customer can be told. */
static const Scripted smoke_good[] = {
    {3, 5, (char *)"亲，您好！欢迎光临小店，有什么可以帮您的吗？"},
    {4, 8, (char *)"您真有眼光，这款是我们卖得最好的，用料扎实，品质有保障哦^_^"},
    {4, 8, (char *)"理解您的心情，请放心，有任何问题我们都会负责到底的哈"},
    {4, 8, (char *)"您看是要现在拍下，还是我先帮您把订单备注好呢？"},
    {4, 6, (char *)"亲，喜欢的话就放心拍下吧，我这边马上给您安排发货"},
    {3, 6, (char *)"感谢您的光临，祝您生活愉快，欢迎下次再来哦"},
    {5, 6, (char *)"还有什么需要随时找我哈^_^"},
    {5, 6, (char *)"好的亲，祝您购物愉快！"},
};

/* Each rude line opens one smoke run (the sequence rotated), since most personas end the
 * conversation at the first of them: every line gets its turn to be the first. */
static const Scripted smoke_rude[] = {
    {3, 2, (char *)"不行"},
    {4, 2, (char *)"爱买不买"},
    {4, 3, (char *)"你自己没看清楚"},
    {4, 3, (char *)"不知道，你自己看详情页"},
    {4, 3, (char *)"您凭什么这么说？"},
    {4, 1, (char *)"在"},
    {4, 2, (char *)"不行就是不行"},
    {4, 1, (char *)"嗯"},
};

static const Scripted smoke_silent[] = {
    {4000, -1, (char *)"亲，不好意思久等了"},
};

/* A greeting, then silence mid-conversation. */
static const Scripted smoke_greet_then_silent[] = {
    {3, 4, (char *)"亲，您好！有什么可以帮您的吗？"},
    {4000, -1, (char *)"亲，还在吗？"},
};

typedef struct SmokePlan {
    const char *name;
    const Scripted *replies;
    int n;
    int rotations; /* play it this many times, each starting one reply further on */
} SmokePlan;

#define PLAN(name, arr, rot)                                                                       \
    {                                                                                              \
        name, arr, (int)(sizeof arr / sizeof arr[0]), rot                                          \
    }

static const SmokePlan smoke_plans[] = {
    PLAN("good", smoke_good, 1),
    PLAN("rude", smoke_rude, (int)(sizeof smoke_rude / sizeof smoke_rude[0])),
    PLAN("silent", smoke_silent, 1),
    PLAN("greet then silent", smoke_greet_then_silent, 1),
};

#define SMOKE_SEEDS 2
#define COVERAGE_RUNS 40

/* "file:line:" of a message, or its length 0 when it has none. */
static size_t where_prefix(const char *msg)
{
    const char *c = strchr(msg, ':');
    if (!c || c[1] < '0' || c[1] > '9')
        return 0;
    const char *p = c + 1;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == ':' ? (size_t)(p - msg + 1) : 0;
}

/* Adds a runtime error once: the same hook error met by several runs is one problem, and
 * one the source scan already reported at that line (an empty line, an unknown outcome)
 * needs no second message. */
static void add_runtime(LintReport *out, int from, const char *msg, const char *how)
{
    size_t w = where_prefix(msg);
    for (int i = from; i < out->n; i++) {
        if (strncmp(out->v[i].text, msg, strlen(msg)) == 0)
            return;
        if (w && !out->v[i].warning && strncmp(out->v[i].text, msg, w) == 0)
            return;
    }
    lint_add(out, 0, "%s [%s]", msg, how);
}

/* What the runs of one scenario share: where they report and what they found. */
typedef struct Smoke {
    const Scenario *sc;
    Rubric *rubric;
    int *reached; /* per declared state: runs that were in it */
    int from;     /* this file's first message in the report */
    int failed;   /* runs that ended in a runtime error */
    LintReport *out;
} Smoke;

/* After this many failing runs the rest would only fail alike, each possibly spending its
 * whole instruction budget: the scenario's errors are reported, coverage is not judged. */
#define SMOKE_MAX_FAILED 3

/* Plays one scripted conversation; a runtime error goes to the report. Returns 0, or -1
 * when the run failed. */
static int smoke_run(Smoke *k, const Script *script, unsigned long seed, const char *how)
{
    KefuError err;
    SessionConfig cfg = {k->sc, k->rubric, seed};
    Session *s = session_create(&cfg, &err);
    if (!s) {
        add_runtime(k->out, k->from, err.msg, "loading the persona for a session");
        k->failed = SMOKE_MAX_FAILED;
        return -1;
    }
    int rc = playback_run(s, script, &err);
    if (rc < 0) {
        /* Name how far the conversation got, so the trainer can find the branch. */
        char where[400], last[160] = "";
        int turns = session_agent_turns(s);
        if (turns > 0 && turns <= script->n) {
            char shown[120];
            show(script->v[turns - 1].text, strlen(script->v[turns - 1].text), shown, sizeof shown);
            snprintf(last, sizeof last, ", the last \"%s\"", shown);
        }
        if (turns == 0)
            snprintf(where, sizeof where, "%s, before any agent message", how);
        else
            snprintf(where, sizeof where, "%s, after %d agent message%s%s", how, turns,
                     turns == 1 ? "" : "s", last);
        add_runtime(k->out, k->from, err.msg, where);
        k->failed++;
    }
    const char **names = NULL;
    int nv = session_states_visited(s, &names);
    for (int i = 0; i < nv; i++)
        for (int j = 0; j < k->sc->nstates; j++)
            if (strcmp(names[i], k->sc->states[j]) == 0)
                k->reached[j]++;
    k->out->smoke_runs++;
    session_destroy(s);
    return rc < 0 ? -1 : 0;
}

/* The plan's replies starting at rotation: v[rot..n) then v[0..rot), the first keeping the
 * plan's first delay. */
static int script_from(const Scripted *v, int n, int rot, Script *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < n; i++) {
        const Scripted *r = &v[(i + rot) % n];
        if (script_add(out, i == 0 ? v[0].after : r->after, r->typing, r->text) < 0)
            return -1;
    }
    return 0;
}

/* The line of state name in `states = {...}`, else of `states`. */
static int state_line(const Scenario *sc, int index)
{
    char path[64];
    snprintf(path, sizeof path, "states[%d]", index + 1);
    return lint_source_line(sc->text, sc->text_len, path);
}

/* Outcomes s:finish names in the source, as a bit set over Outcome. */
static unsigned finish_literals(const Scenario *sc, int lines[OUTCOME_COUNT])
{
    Toks t;
    unsigned set = 0;
    if (lex(sc->text, sc->text_len, &t) == 0) {
        for (int i = 0; i + 3 < t.n; i++) {
            if (!is_op(&t, i, ":") || !is_tok(&t, i + 1, T_NAME, "finish"))
                continue;
            int arg = is_op(&t, i + 2, "(") ? i + 3 : i + 2;
            if (!is_tok(&t, arg, T_STRING, NULL))
                continue;
            Outcome o = outcome_parse(t.v[arg].str);
            if (o != OUTCOME_NONE && !(set & (1u << o))) {
                set |= 1u << o;
                lines[o] = t.v[arg].line;
            }
        }
    }
    toks_deinit(&t);
    return set;
}

static void lint_tests(Smoke *k)
{
    const Scenario *sc = k->sc;
    Rubric *rubric = k->rubric;
    LintReport *out = k->out;
    SelfTestSet set = {0};
    KefuError err;
    if (selftest_load(sc, rubric, &set, &err) < 0) {
        lint_add(out, 0, "%s", err.msg);
        return;
    }
    out->tests = set.n;
    if (set.n == 0) {
        lint_add(out, 1,
                 "%s: warning: no self-tests (add tests = {...}; kefu test has nothing to "
                 "check)",
                 sc->path);
        selftest_set_deinit(&set);
        return;
    }
    unsigned tested = 0;
    for (int i = 0; i < set.n; i++) {
        char how[300];
        snprintf(how, sizeof how, "self-test \"%s\"", set.v[i].name);
        /* The self-tests' replies count for coverage; their pass or fail is kefu test's
         * business, but a hook error on the way is a lint error. */
        if (k->failed < SMOKE_MAX_FAILED)
            smoke_run(k, &set.v[i].replies, set.v[i].seed, how);
        if (set.v[i].outcome != OUTCOME_NONE)
            tested |= 1u << set.v[i].outcome;
    }
    int lines[OUTCOME_COUNT] = {0};
    unsigned finishes = finish_literals(sc, lines);
    for (int o = 1; o < OUTCOME_COUNT; o++)
        if ((finishes & (1u << o)) && !(tested & (1u << o)))
            lint_add(out, 1,
                     "%s:%d: warning: no self-test expects outcome '%s' (s:finish(\"%s\") is "
                     "here); add one with expect = {outcome = \"%s\"}",
                     sc->path, lines[o], outcome_name((Outcome)o), outcome_name((Outcome)o),
                     outcome_name((Outcome)o));
    selftest_set_deinit(&set);
}

/* Whether text parses as Lua (without running it). */
static int compiles(const char *text, size_t len)
{
    KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    int ok = sb && luaL_loadbufferx(sandbox_state(sb), text, len, "=lint", "t") == LUA_OK;
    sandbox_destroy(sb);
    return ok;
}

/* The loader names a field by its path ('scorecard.principles[3]') and points at the first
 * line where the key is written, which for a list entry may be another entry's line. When
 * the constructors give the field's own line, the message is rewritten to use it. Returns 1
 * with out filled, 0 to keep msg as it is. */
static int relocate(const char *msg, const char *path, const char *text, size_t len, char *out,
                    size_t size)
{
    size_t plen = strlen(path);
    if (strncmp(msg, path, plen) != 0 || msg[plen] != ':')
        return 0;
    const char *rest = msg + plen + 1;
    const char *p = rest;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p > rest && *p == ':')
        rest = p + 1;
    while (*rest == ' ')
        rest++;
    if (*rest != '\'')
        return 0;
    const char *q = rest + 1;
    char field_path[128];
    size_t k = 0;
    while (*q && *q != '\'' && k + 1 < sizeof field_path) {
        if (!(is_alpha((unsigned char)*q) || is_digit((unsigned char)*q) || *q == '.' ||
              *q == '[' || *q == ']'))
            return 0;
        field_path[k++] = *q++;
    }
    field_path[k] = '\0';
    if (*q != '\'' || k == 0)
        return 0;
    int line = lint_source_line(text, len, field_path);
    if (line <= 0)
        return 0;
    snprintf(out, size, "%s:%d: %s", path, line, rest);
    return 1;
}

int lint_scenario(const char *path, Rubric *rubric, LintReport *out)
{
    KefuError err;
    int before = out->errors;
    int *reached = NULL;
    out->smoke_runs = 0;
    out->tests = 0;
    out->states_declared = 0;
    out->states_reached = 0;

    if (lint_plain_data(path, &err) < 0) {
        lint_add(out, 0, "%s", err.msg);
        return out->errors - before;
    }
    Scenario *sc = scenario_load(path, rubric, &err);
    if (!sc) {
        size_t len = 0;
        char *text = kerr_read_file(path, &len, NULL);
        char msg[sizeof err.msg];
        if (text && relocate(err.msg, path, text, len, msg, sizeof msg))
            lint_add(out, 0, "%s", msg);
        else
            lint_add(out, 0, "%s", err.msg);
        /* The static scan still helps when the table has a problem, not when the file does
         * not parse (the loader's message says it all). */
        if (text && text_valid_utf8(text, len, NULL) && compiles(text, len))
            lint_source(path, text, len, NULL, rubric, out);
        free(text);
        return out->errors - before;
    }
    int from = out->n; /* this file's messages start here */
    lint_source(path, sc->text, sc->text_len, sc, rubric, out);

    reached = calloc((size_t)(sc->nstates + 1), sizeof *reached);
    if (!reached) {
        lint_add(out, 0, "%s: out of memory", path);
        goto done;
    }
    Smoke k = {sc, rubric, reached, from, 0, out};
    for (size_t p = 0; p < sizeof smoke_plans / sizeof smoke_plans[0]; p++) {
        const SmokePlan *plan = &smoke_plans[p];
        for (int rot = 0; rot < plan->rotations && k.failed < SMOKE_MAX_FAILED; rot++) {
            Script script;
            if (script_from(plan->replies, plan->n, rot, &script) < 0) {
                script_deinit(&script);
                lint_add(out, 0, "%s: out of memory", path);
                goto done;
            }
            for (unsigned long seed = 1; seed <= SMOKE_SEEDS && k.failed < SMOKE_MAX_FAILED;
                 seed++) {
                char how[160];
                if (plan->rotations > 1)
                    snprintf(how, sizeof how, "smoke run \"%s\" from \"%s\", seed %lu", plan->name,
                             script.v[0].text, seed);
                else
                    snprintf(how, sizeof how, "smoke run \"%s\", seed %lu", plan->name, seed);
                smoke_run(&k, &script, seed, how);
            }
            script_deinit(&script);
        }
    }
    lint_tests(&k);

    /* A few seeded random conversations widen the coverage the state warnings rest on. */
    ExploreOptions opt = {COVERAGE_RUNS, 1, 0, SMOKE_MAX_FAILED};
    ExploreReport rep = {0};
    if (k.failed >= SMOKE_MAX_FAILED) {
        /* The errors above say what to fix; coverage from failing runs means nothing. */
        goto done;
    } else if (selftest_explore(sc, rubric, &opt, &rep, &err) < 0) {
        lint_add(out, 0, "%s", err.msg);
    } else {
        for (int e = 0; e < rep.nerrors; e++) {
            char how[160];
            snprintf(how, sizeof how,
                     "random conversation %d, after %d agent message%s; kefu test --explore %d "
                     "--seed 1 --save DIR writes its replies",
                     rep.errors[e].first_run, rep.errors[e].reply,
                     rep.errors[e].reply == 1 ? "" : "s", COVERAGE_RUNS);
            add_runtime(out, from, rep.errors[e].msg, how);
        }
        for (int j = 0; j < sc->nstates && j < rep.nstates; j++)
            reached[j] += rep.reached[j];
        out->smoke_runs += rep.runs;
        k.failed += rep.errored_runs;
    }
    explore_report_deinit(&rep);
    if (k.failed) /* a run that broke off says nothing about the states beyond it */
        goto done;

    out->states_declared = sc->nstates;
    for (int j = 0; j < sc->nstates; j++) {
        if (reached[j]) {
            out->states_reached++;
            continue;
        }
        int line = state_line(sc, j);
        char where[64] = "";
        if (line)
            snprintf(where, sizeof where, ":%d", line);
        lint_add(out, 1,
                 "%s%s: warning: state '%s' was never reached (smoke runs, self-tests and %d "
                 "random conversations); no reply leads to it, or add a self-test that does",
                 path, where, sc->states[j], COVERAGE_RUNS);
    }
done:
    free(reached);
    scenario_destroy(sc);
    return out->errors - before;
}
