/* luasrc: a light lexer for Lua source and the locator of a table field's line. */
#include "lua/luasrc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* ---------------------------------------------------------------- the lexer */

/* Enough of Lua's lexical grammar to find calls and table constructors in a scenario's
 * source with their lines: names, strings (decoded, escapes included, so "\xff" is seen
 * for what it makes), numbers and operators; comments skipped. It never reports syntax
 * errors: the real loader does, and the scan simply stops where the text stops making
 * sense. */

void luasrc_deinit(LuaSrc *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->v[i].str);
    free(t->v);
    memset(t, 0, sizeof *t);
}

static LuaTok *toks_add(LuaSrc *t, LuaTokKind kind, int line, const char *p, size_t n)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 256;
        LuaTok *v = realloc(t->v, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        t->v = v;
        t->cap = cap;
    }
    LuaTok *k = &t->v[t->n++];
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
int luasrc_lex(const char *s, size_t n, LuaSrc *out)
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
            LuaTok *t = toks_add(out, LUATOK_STRING, start_line, s + i, k - i);
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
            LuaTok *t = toks_add(out, LUATOK_STRING, start_line, s + i, k - i);
            if (!t) {
                free(b.p);
                return -1;
            }
            t->str = b.p;
            t->slen = b.len;
            i = k;
            continue;
        }
        if (is_alpha((unsigned char)c)) {
            size_t k = i;
            while (k < n && (is_alpha((unsigned char)s[k]) || is_digit((unsigned char)s[k])))
                k++;
            if (!toks_add(out, LUATOK_NAME, line, s + i, k - i))
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
            if (!toks_add(out, LUATOK_NUMBER, line, s + i, k - i))
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
        if (!toks_add(out, LUATOK_OP, line, s + i, len))
            return -1;
        i += len;
    }
    return toks_add(out, LUATOK_EOF, line, s + n, 0) ? 0 : -1;
}

/* Token i is of kind with exactly the text word (NULL: any text). Out of range is LUATOK_EOF. */
int luasrc_is(const LuaSrc *t, int i, LuaTokKind kind, const char *word)
{
    if (i < 0 || i >= t->n || t->v[i].kind != kind)
        return 0;
    return !word || (strlen(word) == t->v[i].n && memcmp(t->v[i].p, word, t->v[i].n) == 0);
}

int luasrc_op(const LuaSrc *t, int i, const char *op)
{
    return luasrc_is(t, i, LUATOK_OP, op);
}

/* Blocks that `end` (or `until`) closes, so commas in a function body inside a table
 * constructor are not taken for the constructor's. */
static int opens_block(const LuaSrc *t, int i)
{
    return luasrc_is(t, i, LUATOK_NAME, "function") || luasrc_is(t, i, LUATOK_NAME, "if") ||
           luasrc_is(t, i, LUATOK_NAME, "do") || luasrc_is(t, i, LUATOK_NAME, "repeat");
}

static int closes_block(const LuaSrc *t, int i)
{
    return luasrc_is(t, i, LUATOK_NAME, "end") || luasrc_is(t, i, LUATOK_NAME, "until");
}

/* From token i, skips one expression of a field list: returns the index of the ',' ';' or
 * '}' (or ')') that ends it at nesting depth 0, or t->n - 1 (EOF). */
static int skip_expr(const LuaSrc *t, int i)
{
    int depth = 0;
    for (; i < t->n - 1; i++) {
        if (depth == 0 && (luasrc_op(t, i, ",") || luasrc_op(t, i, ";") || luasrc_op(t, i, "}") ||
                           luasrc_op(t, i, ")")))
            return i;
        if (luasrc_op(t, i, "{") || luasrc_op(t, i, "(") || luasrc_op(t, i, "[") ||
            opens_block(t, i))
            depth++;
        else if (luasrc_op(t, i, "}") || luasrc_op(t, i, ")") || luasrc_op(t, i, "]") ||
                 closes_block(t, i))
            depth--;
    }
    return t->n - 1;
}

/* Reads the field starting at token i (inside a constructor). */
static LuaField read_field(const LuaSrc *t, int i)
{
    LuaField f = {-1, i, i};
    if (luasrc_is(t, i, LUATOK_NAME, NULL) && luasrc_op(t, i + 1, "=")) {
        f.key_tok = i;
        f.value = i + 2;
    } else if (luasrc_op(t, i, "[")) {
        int depth = 0, k = i;
        for (; k < t->n - 1; k++) {
            if (luasrc_op(t, k, "["))
                depth++;
            else if (luasrc_op(t, k, "]") && --depth == 0)
                break;
        }
        if (luasrc_op(t, k + 1, "=")) {
            f.key_tok = i + 1;
            f.value = k + 2;
        }
    }
    f.end = skip_expr(t, f.value);
    return f;
}

int luasrc_each_field(const LuaSrc *t, int open, LuaFieldFn fn, void *ud)
{
    int i = open + 1, index = 0;
    while (i < t->n - 1 && !luasrc_op(t, i, "}")) {
        LuaField f = read_field(t, i);
        if (f.key_tok < 0)
            index++;
        int rc = fn(t, &f, f.key_tok < 0 ? index : 0, ud);
        if (rc)
            return rc;
        if (f.end >= t->n - 1 || luasrc_op(t, f.end, "}") || luasrc_op(t, f.end, ")"))
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

static int find_step(const LuaSrc *t, const LuaField *f, int index, void *ud)
{
    FindStep *fs = ud;
    int match = 0;
    if (fs->step->key[0]) {
        if (f->key_tok >= 0 && t->v[f->key_tok].kind == LUATOK_NAME)
            match = luasrc_is(t, f->key_tok, LUATOK_NAME, fs->step->key);
        else if (f->key_tok >= 0 && t->v[f->key_tok].kind == LUATOK_STRING)
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

/* The `NAME = {` that binds name (token name) to a constructor, not a field of another
 * table (`x.NAME = {`): the first one in the file. Returns the '{' token, or -1. */
static int constructor_of(const LuaSrc *t, int name)
{
    for (int i = 0; i + 2 < t->n; i++)
        if (t->v[i].kind == LUATOK_NAME && t->v[i].n == t->v[name].n &&
            memcmp(t->v[i].p, t->v[name].p, t->v[i].n) == 0 && luasrc_op(t, i + 1, "=") &&
            luasrc_op(t, i + 2, "{") && !luasrc_op(t, i - 1, ".") && !luasrc_op(t, i - 1, ":"))
            return i + 2;
    return -1;
}

/* A value that is one name alone (`lines = lines`, `return M`): the name's constructor. */
static int follow(const LuaSrc *t, int value)
{
    if (luasrc_op(t, value, "{"))
        return value;
    if (luasrc_is(t, value, LUATOK_NAME, NULL) &&
        (luasrc_op(t, value + 1, ",") || luasrc_op(t, value + 1, ";") ||
         luasrc_op(t, value + 1, "}") || luasrc_is(t, value + 1, LUATOK_EOF, NULL)))
        return constructor_of(t, value);
    return -1;
}

/* The constructor the chunk returns: a `return` outside every function, block and
 * bracket. Returns its '{' token, or -1 (no such return, or it returns something else). */
static int returned_table(const LuaSrc *t)
{
    int depth = 0;
    for (int i = 0; i < t->n - 1; i++) {
        if (depth == 0 && luasrc_is(t, i, LUATOK_NAME, "return"))
            return follow(t, i + 1);
        if (luasrc_op(t, i, "{") || luasrc_op(t, i, "(") || luasrc_op(t, i, "[") ||
            opens_block(t, i))
            depth++;
        else if (luasrc_op(t, i, "}") || luasrc_op(t, i, ")") || luasrc_op(t, i, "]") ||
                 closes_block(t, i))
            depth--;
    }
    return -1;
}

/* `NAME.a[2].b = value` (or NAME["a"]...) at the start of a statement: how many of steps
 * from the first on the target spells, when it is exactly those steps. Returns that count (0:
 * not such an assignment); *value is the value's first token. */
static int assigned_steps(const LuaSrc *t, int i, const Step *steps, int nsteps, int *value)
{
    int k = 0, j = i + 1;
    while (k < nsteps) {
        const Step *s = &steps[k];
        if (s->key[0] && luasrc_op(t, j, ".") && luasrc_is(t, j + 1, LUATOK_NAME, s->key)) {
            j += 2;
        } else if (luasrc_op(t, j, "[") && luasrc_op(t, j + 2, "]") &&
                   ((s->key[0] && t->v[j + 1].kind == LUATOK_STRING &&
                     strcmp(t->v[j + 1].str, s->key) == 0) ||
                    (!s->key[0] && luasrc_is(t, j + 1, LUATOK_NUMBER, NULL) &&
                     strtol(t->v[j + 1].p, NULL, 10) == s->index))) {
            j += 3;
        } else {
            break;
        }
        k++;
    }
    if (k == 0 || !luasrc_op(t, j, "="))
        return 0;
    *value = j + 1;
    return k;
}

/* The deepest assignment to a field of the returned variable (token name) that spells more
 * than `have` of steps: a file that fills its table after the constructor
 * (`cat.principles[1] = {...}`). Returns the steps it spells, or 0; sets *line and *value. */
static int find_assignment(const LuaSrc *t, int name, const Step *steps, int nsteps, int have,
                           int *line, int *value)
{
    int best = 0;
    for (int i = 0; i + 2 < t->n; i++) {
        if (t->v[i].kind != LUATOK_NAME || t->v[i].n != t->v[name].n ||
            memcmp(t->v[i].p, t->v[name].p, t->v[i].n) != 0 || luasrc_op(t, i - 1, ".") ||
            luasrc_op(t, i - 1, ":"))
            continue;
        int v = -1, k = assigned_steps(t, i, steps, nsteps, &v);
        if (k > have && k > best) {
            best = k;
            *line = t->v[i].line;
            *value = v;
        }
    }
    return best;
}

/* Goes down steps from step k, whose value starts at token value and is written on line;
 * notes each step found in memo. Returns the line of the deepest step found. */
static int descend(const LuaSrc *t, const Step *steps, int nsteps, int k, int value, int line,
                   LuaSrcMemo *memo)
{
    for (; k < nsteps; k++) {
        int open = follow(t, value);
        if (open < 0)
            break;
        FindStep fs = {&steps[k], -1, -1};
        if (!luasrc_each_field(t, open, find_step, &fs))
            break;
        line = t->v[fs.found].line;
        value = fs.value;
        if (k < LUASRC_MEMO_STEPS) {
            memo->value[k] = value;
            memo->line[k] = line;
            memo->depth = k + 1;
        }
    }
    return line;
}

static int same_step(const Step *a, const Step *b)
{
    return strcmp(a->key, b->key) == 0 && (a->key[0] || a->index == b->index);
}

int luasrc_locate_memo(const LuaSrc *t, const char *path, LuaSrcMemo *memo)
{
    Step steps[LUASRC_MEMO_STEPS], was[LUASRC_MEMO_STEPS];
    int nsteps = parse_steps(path, steps, LUASRC_MEMO_STEPS);
    if (nsteps == 0 || !steps[0].key[0])
        return 0;
    if (!memo->ready) {
        memo->ready = 1;
        memo->root = returned_table(t);
        memo->root_name = -1;
        memo->depth = 0;
        /* `return NAME`: the name, for assignments to its fields after the constructor */
        for (int i = 0, depth = 0; memo->root >= 0 && i < t->n - 1; i++) {
            if (depth == 0 && luasrc_is(t, i, LUATOK_NAME, "return")) {
                if (luasrc_is(t, i + 1, LUATOK_NAME, NULL))
                    memo->root_name = i + 1;
                break;
            }
            if (luasrc_op(t, i, "{") || luasrc_op(t, i, "(") || luasrc_op(t, i, "[") ||
                opens_block(t, i))
                depth++;
            else if (luasrc_op(t, i, "}") || luasrc_op(t, i, ")") || luasrc_op(t, i, "]") ||
                     closes_block(t, i))
                depth--;
        }
    }
    /* Fields are mostly read in order, siblings and children of the last one: resume below
     * the steps this path shares with the last, rather than walking from the top again. */
    int nwas = parse_steps(memo->path, was, LUASRC_MEMO_STEPS), common = 0;
    while (common < nsteps && common < nwas && common < memo->depth &&
           same_step(&steps[common], &was[common]))
        common++;
    if (common == nsteps && common > 0) /* the very same path (or a found prefix of it) */
        return memo->line[common - 1];
    snprintf(memo->path, sizeof memo->path, "%s", path);
    memo->depth = common;
    int line = 0;
    if (common > 0) {
        line = descend(t, steps, nsteps, common, memo->value[common - 1], memo->line[common - 1],
                       memo);
    } else if (memo->root >= 0) {
        FindStep fs = {&steps[0], -1, -1};
        if (luasrc_each_field(t, memo->root, find_step, &fs)) {
            memo->value[0] = fs.value;
            memo->line[0] = t->v[fs.found].line;
            memo->depth = 1;
            line = descend(t, steps, nsteps, 1, fs.value, memo->line[0], memo);
        }
    } else {
        /* No returned constructor to start from: the key written `key = {` anywhere (a field
         * or a variable), else its last `key =`. */
        int at = -1;
        for (int i = 0; i + 2 < t->n; i++)
            if (luasrc_is(t, i, LUATOK_NAME, steps[0].key) && luasrc_op(t, i + 1, "=") &&
                !luasrc_op(t, i - 1, ".") && !luasrc_op(t, i - 1, ":")) {
                at = i;
                if (luasrc_op(t, i + 2, "{"))
                    break;
            }
        if (at < 0)
            return 0;
        memo->value[0] = at + 2;
        memo->line[0] = t->v[at].line;
        memo->depth = 1;
        line = descend(t, steps, nsteps, 1, at + 2, memo->line[0], memo);
    }
    if (memo->depth < nsteps && memo->root_name >= 0) {
        int aline = 0, value = -1;
        int k = find_assignment(t, memo->root_name, steps, nsteps, memo->depth, &aline, &value);
        if (k) {
            /* the memo holds constructor steps only; an assigned path is not resumed from */
            memo->depth = 0;
            line = descend(t, steps, nsteps, k, value, aline, memo);
            memo->depth = 0;
        }
    }
    return line;
}

int luasrc_table(const LuaSrc *t, const char *path)
{
    Step steps[LUASRC_MEMO_STEPS];
    LuaSrcMemo memo;
    memset(&memo, 0, sizeof memo);
    int nsteps = parse_steps(path, steps, LUASRC_MEMO_STEPS);
    if (nsteps == 0 || !luasrc_locate_memo(t, path, &memo) || memo.depth != nsteps)
        return -1;
    return follow(t, memo.value[nsteps - 1]);
}

int luasrc_locate(const LuaSrc *t, const char *path)
{
    LuaSrcMemo memo;
    memset(&memo, 0, sizeof memo);
    return luasrc_locate_memo(t, path, &memo);
}

int luasrc_line(const char *text, size_t len, const char *path)
{
    LuaSrc t;
    int line = luasrc_lex(text, len, &t) < 0 ? 0 : luasrc_locate(&t, path);
    luasrc_deinit(&t);
    return line;
}

/* ---------------------------------------------------------------- a missing comma */

/* Whether token i ends a value (so a field could end there) and token i + 1 begins a field. */
static int fields_side_by_side(const LuaSrc *t, int i)
{
    static const char *const ends[] = {"end", "true", "false", "nil", NULL};
    int ends_value = t->v[i].kind == LUATOK_STRING || t->v[i].kind == LUATOK_NUMBER ||
                     luasrc_op(t, i, "}") || luasrc_op(t, i, ")") || luasrc_op(t, i, "]");
    for (int k = 0; ends[k] && !ends_value; k++)
        ends_value = luasrc_is(t, i, LUATOK_NAME, ends[k]);
    if (!ends_value && luasrc_is(t, i, LUATOK_NAME, NULL))
        ends_value = !luasrc_op(t, i - 1, "{") && !luasrc_op(t, i - 1, ",") &&
                     !luasrc_op(t, i - 1, ";") && !luasrc_is(t, i - 1, LUATOK_NAME, "local");
    int starts_field = (luasrc_is(t, i + 1, LUATOK_NAME, NULL) && luasrc_op(t, i + 2, "=")) ||
                       luasrc_op(t, i + 1, "[") || luasrc_op(t, i + 1, "{") ||
                       t->v[i + 1].kind == LUATOK_STRING || t->v[i + 1].kind == LUATOK_NUMBER;
    return ends_value && starts_field;
}

int luasrc_missing_comma(const LuaSrc *t, int line, const char *what)
{
    const char *near = strstr(what, " near '");
    size_t nlen = near ? strlen(near + 7) : 0;
    if (strncmp(what, "'}' expected", 12) != 0 || nlen < 2 || near[7 + nlen - 1] != '\'')
        return -1;
    near += 7;
    nlen--;
    for (int i = 1; i < t->n - 1; i++)
        if (t->v[i].line == line && t->v[i].n == nlen && memcmp(t->v[i].p, near, nlen) == 0)
            return fields_side_by_side(t, i - 1) ? i - 1 : -1;
    return -1;
}
