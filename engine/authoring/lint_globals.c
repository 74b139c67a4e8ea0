/* lint_globals: names used without a declaration, found by resolving the source's scopes. */
#include "authoring/lint_globals.h"

#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/sandbox.h"
#include "lua/suggest.h"

/* What encloses a token: a block (`do`, `then`, `else`, `repeat`), a function body, or a
 * bracket of an expression; a `NAME =` is an assignment in the first two, a field in '{'. */
typedef struct Ctx {
    char kind;       /* 'b' block, 'f' function body, '{', '(', '[' */
    int first_local; /* the locals declared before it opened */
} Ctx;

/* One undeclared name, reported once: at its first assignment if it has one (reading it
 * afterwards is the same typo), else at its first use, with the other lines listed. */
typedef struct Use {
    int tok;        /* the first use */
    int assign_tok; /* the first assignment, or -1 */
    int lines[9];   /* every line it is used on, in order, without repeats */
    int nlines;
    char hint[SUGGEST_NAME_MAX + 40];
} Use;

typedef struct Walk {
    const LuaSrc *t;
    int collect; /* first pass: only note the globals the main chunk defines */
    int *locals; /* name tokens declared and in scope, innermost last */
    int nlocals, cap_locals;
    Ctx *ctx;
    int nctx, cap_ctx;
    int pending[16]; /* for-loop variables, declared when its `do` opens */
    int npending;
    int *globals; /* names the main chunk assigns: the file's own globals */
    int nglobals, cap_globals;
    Use *uses;
    int nuses, cap_uses;
    lua_State *L; /* the sandbox's globals, for the names it provides */
    int oom;
} Walk;

static const char *const keywords[] = {"and",   "break", "do",       "else",  "elseif", "end",
                                       "false", "for",   "function", "goto",  "if",     "in",
                                       "local", "nil",   "not",      "or",    "repeat", "return",
                                       "then",  "true",  "until",    "while", NULL};

static int is_keyword(const LuaTok *k)
{
    for (int i = 0; keywords[i]; i++)
        if (strlen(keywords[i]) == k->n && memcmp(keywords[i], k->p, k->n) == 0)
            return 1;
    return 0;
}

static int same(const LuaSrc *t, int a, int b)
{
    return t->v[a].n == t->v[b].n && memcmp(t->v[a].p, t->v[b].p, t->v[a].n) == 0;
}

/* Appends x to the growable int array *v. */
static void push_int(Walk *w, int **v, int *n, int *cap, int x)
{
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 32;
        int *p = realloc(*v, (size_t)c * sizeof *p);
        if (!p) {
            w->oom = 1;
            return;
        }
        *v = p;
        *cap = c;
    }
    (*v)[(*n)++] = x;
}

static void declare(Walk *w, int tok)
{
    push_int(w, &w->locals, &w->nlocals, &w->cap_locals, tok);
}

static void open_ctx(Walk *w, char kind)
{
    if (w->nctx == w->cap_ctx) {
        int c = w->cap_ctx ? w->cap_ctx * 2 : 32;
        Ctx *p = realloc(w->ctx, (size_t)c * sizeof *p);
        if (!p) {
            w->oom = 1;
            return;
        }
        w->ctx = p;
        w->cap_ctx = c;
    }
    w->ctx[w->nctx].kind = kind;
    w->ctx[w->nctx++].first_local = w->nlocals;
}

/* Closes the innermost context (a source that compiles closes what it opens). */
static void close_ctx(Walk *w)
{
    if (w->nctx == 0)
        return;
    w->nlocals = w->ctx[--w->nctx].first_local;
}

static char top(const Walk *w)
{
    return w->nctx ? w->ctx[w->nctx - 1].kind : 'b';
}

static int in_function(const Walk *w)
{
    for (int i = 0; i < w->nctx; i++)
        if (w->ctx[i].kind == 'f')
            return 1;
    return 0;
}

/* A method's implicit `self` is declared as this token number. */
#define SELF_TOK (-1)

static int is_local(const Walk *w, int tok)
{
    for (int i = w->nlocals - 1; i >= 0; i--) {
        if (w->locals[i] == SELF_TOK) {
            if (luasrc_is(w->t, tok, LUATOK_NAME, "self"))
                return 1;
        } else if (same(w->t, w->locals[i], tok)) {
            return 1;
        }
    }
    return 0;
}

static int is_file_global(const Walk *w, int tok)
{
    for (int i = 0; i < w->nglobals; i++)
        if (same(w->t, w->globals[i], tok))
            return 1;
    return 0;
}

/* Whether the sandbox provides the name (string, pairs, tostring, ...). */
static int is_provided(Walk *w, int tok)
{
    if (!w->L)
        return 1; /* no sandbox to ask: report nothing rather than guess */
    const LuaTok *k = &w->t->v[tok];
    lua_pushglobaltable(w->L);
    lua_pushlstring(w->L, k->p, k->n);
    int found = lua_rawget(w->L, -2) != LUA_TNIL;
    lua_pop(w->L, 2);
    return found;
}

/* "; did you mean X?" among the names visible at tok, or "". */
static void hint_for(Walk *w, int tok, char *out, size_t size)
{
    const LuaTok *k = &w->t->v[tok];
    char word[SUGGEST_NAME_MAX];
    Suggest s;
    out[0] = '\0';
    if (k->n >= sizeof word)
        return;
    memcpy(word, k->p, k->n);
    word[k->n] = '\0';
    suggest_init(&s, word);
    for (int i = w->nlocals - 1; i >= 0; i--)
        if (w->locals[i] != SELF_TOK)
            suggest_offer(&s, w->t->v[w->locals[i]].p, w->t->v[w->locals[i]].n);
    for (int i = 0; i < w->nglobals; i++)
        suggest_offer(&s, w->t->v[w->globals[i]].p, w->t->v[w->globals[i]].n);
    if (w->L) {
        lua_pushglobaltable(w->L);
        lua_pushnil(w->L);
        while (lua_next(w->L, -2)) {
            size_t n = 0;
            lua_pop(w->L, 1);
            const char *g = lua_type(w->L, -1) == LUA_TSTRING ? lua_tolstring(w->L, -1, &n) : NULL;
            if (g)
                suggest_offer(&s, g, n);
        }
        lua_pop(w->L, 1);
    }
    if (suggest_best(&s))
        snprintf(out, size, "; did you mean %s?", suggest_best(&s));
}

static void note_use(Walk *w, int tok, int assign)
{
    Use *u = NULL;
    for (int i = 0; i < w->nuses && !u; i++)
        if (same(w->t, w->uses[i].tok, tok))
            u = &w->uses[i];
    if (!u) {
        if (w->nuses == w->cap_uses) {
            int c = w->cap_uses ? w->cap_uses * 2 : 8;
            Use *p = realloc(w->uses, (size_t)c * sizeof *p);
            if (!p) {
                w->oom = 1;
                return;
            }
            w->uses = p;
            w->cap_uses = c;
        }
        u = &w->uses[w->nuses++];
        memset(u, 0, sizeof *u);
        u->tok = tok;
        u->assign_tok = -1;
        hint_for(w, tok, u->hint, sizeof u->hint);
    }
    if (assign && u->assign_tok < 0)
        u->assign_tok = tok;
    int line = w->t->v[tok].line;
    if (u->nlines < 9 && (u->nlines == 0 || u->lines[u->nlines - 1] != line))
        u->lines[u->nlines++] = line;
}

/* Whether the name at i starts the target list of an assignment: `a = ...`, `a, b.c = ...`. */
static int assigned(const LuaSrc *t, int i)
{
    int j = i + 1;
    while (luasrc_op(t, j, ",") && luasrc_is(t, j + 1, LUATOK_NAME, NULL)) {
        j += 2;
        while (luasrc_op(t, j, ".") && luasrc_is(t, j + 1, LUATOK_NAME, NULL))
            j += 2;
    }
    return luasrc_op(t, j, "=");
}

/* A variable use at name token i. */
static void use(Walk *w, int i)
{
    const LuaSrc *t = w->t;
    int assign = (top(w) == 'b' || top(w) == 'f') && assigned(t, i);
    if (is_local(w, i))
        return;
    if (w->collect) {
        if (assign && !in_function(w) && !is_file_global(w, i))
            push_int(w, &w->globals, &w->nglobals, &w->cap_globals, i);
        return;
    }
    /* As the sandbox does: the main chunk may define globals, and assigning to one that
     * exists (the file's own, or the sandbox's) is no typo. */
    if (is_file_global(w, i) || (assign && !in_function(w)) || is_provided(w, i) ||
        luasrc_is(t, i, LUATOK_NAME, "_ENV"))
        return;
    note_use(w, i, assign);
}

/* `function [NAME{.NAME}[:NAME]] (params)` at token i; local_name: the name was declared by
 * `local function`. Opens the body and returns the index of the ')' ending the parameters. */
static int function_head(Walk *w, int i, int local_name)
{
    const LuaSrc *t = w->t;
    int j = i + 1, method = 0;
    if (luasrc_is(t, j, LUATOK_NAME, NULL)) {
        if (!local_name) {
            if (luasrc_op(t, j + 1, ".") || luasrc_op(t, j + 1, ":")) {
                if (!is_local(w, j) && !w->collect && !is_file_global(w, j) && !is_provided(w, j))
                    note_use(w, j, 0);
            } else if (!is_local(w, j)) {
                /* function NAME() ... end assigns the global NAME */
                if (w->collect && !in_function(w))
                    push_int(w, &w->globals, &w->nglobals, &w->cap_globals, j);
                else if (!w->collect && in_function(w) && !is_file_global(w, j) &&
                         !is_provided(w, j))
                    note_use(w, j, 1);
            }
        }
        j++;
        while ((luasrc_op(t, j, ".") || luasrc_op(t, j, ":")) &&
               luasrc_is(t, j + 1, LUATOK_NAME, NULL)) {
            method = luasrc_op(t, j, ":");
            j += 2;
        }
    }
    open_ctx(w, 'f');
    if (method)
        declare(w, SELF_TOK);
    if (!luasrc_op(t, j, "("))
        return j - 1;
    for (j++; j < t->n - 1 && !luasrc_op(t, j, ")"); j++)
        if (luasrc_is(t, j, LUATOK_NAME, NULL))
            declare(w, j);
    return j;
}

/* Whether token i, met right after an `until` condition's tokens, starts the next statement:
 * a statement keyword, a ';', or a name or string after a complete operand (two operands side
 * by side are two statements). */
static int until_ends(const LuaSrc *t, int i)
{
    static const char *const starts[] = {"local", "function", "if",     "for",  "while",
                                         "do",    "repeat",   "return", "end",  "until",
                                         "else",  "elseif",   "break",  "goto", NULL};
    if (luasrc_op(t, i, ";") || luasrc_op(t, i, "::"))
        return 1;
    for (int k = 0; starts[k]; k++)
        if (luasrc_is(t, i, LUATOK_NAME, starts[k]))
            return !luasrc_is(t, i, LUATOK_NAME, "function") || !luasrc_op(t, i - 1, "=");
    int operand = luasrc_is(t, i - 1, LUATOK_NAME, NULL) ||
                  luasrc_is(t, i - 1, LUATOK_STRING, NULL) ||
                  luasrc_is(t, i - 1, LUATOK_NUMBER, NULL) || luasrc_op(t, i - 1, ")") ||
                  luasrc_op(t, i - 1, "]") || luasrc_op(t, i - 1, "}");
    int keyword_before =
        luasrc_is(t, i - 1, LUATOK_NAME, "and") || luasrc_is(t, i - 1, LUATOK_NAME, "or") ||
        luasrc_is(t, i - 1, LUATOK_NAME, "not") || luasrc_is(t, i - 1, LUATOK_NAME, "until");
    return operand && !keyword_before && luasrc_is(t, i, LUATOK_NAME, NULL);
}

static void walk(Walk *w)
{
    const LuaSrc *t = w->t;
    w->nlocals = w->nctx = w->npending = 0;
    for (int i = 0; i < t->n - 1 && !w->oom; i++) {
        const LuaTok *k = &t->v[i];
        if (top(w) == 'u' && until_ends(t, i))
            close_ctx(w);
        if (k->kind == LUATOK_OP) {
            if (luasrc_op(t, i, "{") || luasrc_op(t, i, "(") || luasrc_op(t, i, "["))
                open_ctx(w, k->p[0]);
            else if (luasrc_op(t, i, "}") || luasrc_op(t, i, ")") || luasrc_op(t, i, "]"))
                close_ctx(w);
            continue;
        }
        if (k->kind != LUATOK_NAME)
            continue;
        if (luasrc_op(t, i - 1, ".") || luasrc_op(t, i - 1, ":") || luasrc_op(t, i - 1, "::") ||
            luasrc_is(t, i - 1, LUATOK_NAME, "goto"))
            continue; /* a field, a method, a label */
        if (!is_keyword(k)) {
            if (top(w) == '{' && luasrc_op(t, i + 1, "="))
                continue; /* a field's key */
            use(w, i);
            continue;
        }
        if (luasrc_is(t, i, LUATOK_NAME, "local")) {
            if (luasrc_is(t, i + 1, LUATOK_NAME, "function")) {
                declare(w, i + 2);
                i = function_head(w, i + 1, 1);
                continue;
            }
            int j = i + 1;
            while (luasrc_is(t, j, LUATOK_NAME, NULL)) {
                declare(w, j++);
                if (luasrc_op(t, j, "<")) /* <const>, <close> */
                    j += 3;
                if (!luasrc_op(t, j, ","))
                    break;
                j++;
            }
            i = j - 1;
        } else if (luasrc_is(t, i, LUATOK_NAME, "function")) {
            i = function_head(w, i, 0);
        } else if (luasrc_is(t, i, LUATOK_NAME, "for")) {
            int j = i + 1;
            w->npending = 0;
            while (luasrc_is(t, j, LUATOK_NAME, NULL) && !luasrc_is(t, j, LUATOK_NAME, "in")) {
                if (w->npending < 16)
                    w->pending[w->npending++] = j;
                j++;
                if (!luasrc_op(t, j, ","))
                    break;
                j++;
            }
            i = j - 1;
        } else if (luasrc_is(t, i, LUATOK_NAME, "do")) {
            open_ctx(w, 'b');
            for (int p = 0; p < w->npending; p++)
                declare(w, w->pending[p]);
            w->npending = 0;
        } else if (luasrc_is(t, i, LUATOK_NAME, "then") || luasrc_is(t, i, LUATOK_NAME, "repeat")) {
            open_ctx(w, 'b');
        } else if (luasrc_is(t, i, LUATOK_NAME, "else")) {
            close_ctx(w);
            open_ctx(w, 'b');
        } else if (luasrc_is(t, i, LUATOK_NAME, "until")) {
            /* The condition still sees the loop body's locals: the block closes after it. */
            if (w->nctx)
                w->ctx[w->nctx - 1].kind = 'u';
        } else if (luasrc_is(t, i, LUATOK_NAME, "elseif") || luasrc_is(t, i, LUATOK_NAME, "end")) {
            close_ctx(w);
        }
    }
}

int lint_globals(const LuaSrc *t, LintGlobalFn found, void *ud)
{
    Walk w;
    memset(&w, 0, sizeof w);
    w.t = t;
    KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    w.L = sb ? sandbox_state(sb) : NULL;
    w.collect = 1;
    walk(&w);
    w.collect = 0;
    walk(&w);
    int reported = 0;
    for (int i = 0; i < w.nuses && !w.oom; i++) {
        const Use *u = &w.uses[i];
        int assign = u->assign_tok >= 0, at_tok = assign ? u->assign_tok : u->tok;
        const LuaTok *k = &t->v[at_tok];
        char msg[600], list[100] = "", also[120] = "";
        size_t at = 0;
        int more = 0;
        for (int l = 0; l < u->nlines && at < sizeof list - 16; l++)
            if (u->lines[l] != k->line)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%d", more++ ? ", " : "",
                                       u->lines[l]);
        if (more)
            snprintf(also, sizeof also, " (also on line%s %s)", more > 1 ? "s" : "", list);
        if (assign && u->hint[0])
            snprintf(msg, sizeof msg, "assignment to undeclared global '%.*s'%s%s", (int)k->n, k->p,
                     also, u->hint);
        else if (assign)
            snprintf(msg, sizeof msg,
                     "assignment to undeclared global '%.*s'%s (declare it at the top of the "
                     "file: local %.*s)",
                     (int)k->n, k->p, also, (int)k->n, k->p);
        else
            snprintf(msg, sizeof msg, "unknown global '%.*s'%s (not available in scenario files%s)",
                     (int)k->n, k->p, also, u->hint);
        found(ud, k->line, msg);
        reported++;
    }
    int oom = w.oom;
    free(w.locals);
    free(w.ctx);
    free(w.globals);
    free(w.uses);
    sandbox_destroy(sb);
    return oom ? -1 : reported;
}
