/* sandbox: a Lua state safe for untrusted scenario and rubric files. */
#include "lua/sandbox.h"

#include <ctype.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/inert.h"
#include "base/platform.h"
#include "lua/luasrc.h"
#include "lua/srcfile.h"
#include "lua/suggest.h"

#define DEFAULT_MEMORY (32u * 1024u * 1024u)
#define DEFAULT_INSTRUCTIONS 20000000L
#define DEFAULT_SECONDS 0.5
#define DEFAULT_TOTAL_INSTRUCTIONS 100000000L
#define DEFAULT_TOTAL_SECONDS 1.0
/* The hook counts in steps of this many instructions and looks at the clock at each step:
 * small enough that even steps of costly instructions (concatenating megabyte strings) end
 * within a few hundredths of a second of a time budget. */
#define HOOK_STEP 100
/* Lua's pattern matcher backtracks inside C where no hook can stop it, so a search whose
 * worst case (bounded from the pattern and the subject, see pattern_work) exceeds this many
 * matcher steps, about a tenth of a second, is refused before it starts. */
#define PATTERN_WORK_LIMIT 5e7
/* string.rep builds its result in one C call: larger results are refused. */
#define REP_MAX_BYTES (1024u * 1024u)
/* Outside protected calls the host (bindings pushing a reply, the loader reading fields) may
 * allocate this much past the cap, so a script that filled the cap cannot make a host call
 * fail where no protected call would catch it. */
#define HOST_RESERVE (1024u * 1024u)

struct Sandbox {
    lua_State *L;
    size_t used;
    size_t limit;
    int depth; /* sandbox_pcall nesting: the script's code runs while > 0 */
    /* the current call */
    long budget;
    long spent;
    double seconds;
    double started;
    /* the state's whole life */
    long total_budget;
    long total_spent;
    double total_seconds;
    double total_used;
    const char *exhausted; /* why the script must stop (NULL: it may run) */
    char chunkname[512];
};

static _Thread_local double thread_seconds;

/* ---------------------------------------------------------------- limits */

/* The thread's CPU time, not the wall clock: a busy machine (another build, a CI runner with
 * two cores) slows a scenario's calls without making them more expensive, and a budget that
 * counted waiting would stop honest scenarios there. Runaway work burns CPU and is caught. */
static double now_seconds(void)
{
    return plat_thread_cpu();
}

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    Sandbox *sb = ud;
    if (!ptr)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        sb->used -= osize;
        return NULL;
    }
    size_t limit = sb->depth > 0 ? sb->limit : sb->limit + HOST_RESERVE;
    if (nsize > osize && sb->used - osize + nsize > limit)
        return NULL; /* Lua raises "not enough memory" cleanly */
    void *p = realloc(ptr, nsize);
    if (p)
        sb->used = sb->used - osize + nsize;
    return p;
}

static Sandbox *sandbox_of(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

/* Pushes "chunk:line: " for the innermost Lua function running (a C function, or the hook's
 * own level, has no line), or "" when there is none. */
static void push_where(lua_State *L)
{
    lua_Debug ar;
    for (int level = 0; lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    lua_pushliteral(L, "");
}

/* Raises msg at the line of the innermost Lua function (luaL_error would name the C
 * function's level, which has no line). */
static int raise_at_line(lua_State *L, const char *msg)
{
    push_where(L);
    lua_pushstring(L, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

/* Which budget the script has overrun, or NULL. */
static const char *overrun(Sandbox *sb)
{
    static char total_msg[160], time_msg[160];
    if (sb->spent > sb->budget)
        return "instruction budget exceeded (an endless loop?)";
    /* Outside sandbox_pcall the clock is the host's (compiling a rubric's patterns between
     * calls), not the script's: only instructions count there. */
    double elapsed = sb->depth > 0 ? now_seconds() - sb->started : 0;
    if (elapsed > sb->seconds) {
        snprintf(time_msg, sizeof time_msg,
                 "time budget exceeded: a hook may run for %g s (an endless loop?)", sb->seconds);
        return time_msg;
    }
    if (sb->total_spent + sb->spent > sb->total_budget ||
        sb->total_used + elapsed > sb->total_seconds) {
        snprintf(total_msg, sizeof total_msg,
                 "session budget exceeded: a conversation's hooks may run %ld million "
                 "instructions and %g s in all",
                 sb->total_budget / 1000000, sb->total_seconds);
        return total_msg;
    }
    return NULL;
}

/* Counts instructions and watches the clock, at every HOOK_STEP instructions and at every
 * return (so a loop of costly C calls is stopped after the first call past the budget).
 * Once a budget is spent it re-arms itself to fire on every instruction and raises each
 * time, so a pcall loop in the script cannot outlast it. */
static void budget_hook(lua_State *L, lua_Debug *ar)
{
    Sandbox *sb = sandbox_of(L);
    if (!sb->exhausted) {
        if (ar->event == LUA_HOOKCOUNT)
            sb->spent += HOOK_STEP;
        if (!(sb->exhausted = overrun(sb)))
            return;
        lua_sethook(L, budget_hook, LUA_MASKCOUNT | LUA_MASKRET, 1);
    }
    raise_at_line(L, sb->exhausted);
}

static void arm_budget(Sandbox *sb)
{
    sb->spent = 0;
    sb->started = now_seconds();
    /* A session that spent its totals runs no more code: its first instruction raises. */
    sb->exhausted = overrun(sb);
    lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT | LUA_MASKRET, sb->exhausted ? 1 : HOOK_STEP);
}

int sandbox_over_budget(const char *msg)
{
    return msg && strstr(msg, SANDBOX_OVER_BUDGET) != NULL;
}

double sandbox_budget_scale(void)
{
    /* Read once: the tests of hostile scenarios set it so that each budget they exhaust is
     * exhausted in a fraction of the time (the limits hold the same way, only smaller). */
    static double scale = -1;
    if (scale < 0) {
        const char *v = getenv("KEFU_TEST_BUDGET_SCALE");
        double x = v ? strtod(v, NULL) : 1;
        scale = x > 0 && x <= 1 ? x : 1;
    }
    return scale;
}

double sandbox_thread_seconds(void)
{
    return thread_seconds;
}

/* ---------------------------------------------------------------- the environment */

/* Offers the names the Lua function at stack level `level` can see to s: its locals at the
 * current point, its upvalues (the file's top-level locals a hook uses) and the globals
 * (table at index g). */
static void offer_names(lua_State *L, int level, int g, Suggest *s)
{
    lua_Debug ar;
    size_t n = 0;
    const char *name;
    if (lua_getstack(L, level, &ar)) {
        for (int i = 1; (name = lua_getlocal(L, &ar, i)); i++) {
            lua_pop(L, 1);
            if (name[0] != '(')
                suggest_offer(s, name, strlen(name));
        }
        if (lua_getinfo(L, "f", &ar)) {
            for (int i = 1; (name = lua_getupvalue(L, -1, i)); i++) {
                lua_pop(L, 1);
                if (name[0] && strcmp(name, "_ENV") != 0)
                    suggest_offer(s, name, strlen(name));
            }
            lua_pop(L, 1);
        }
    }
    lua_pushnil(L);
    while (lua_next(L, g)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && (name = lua_tolstring(L, -1, &n)))
            suggest_offer(s, name, n);
    }
}

/* " Did you mean X?" for name in the function at level 1, into buf ("" when nothing is close). */
static const char *did_you_mean(lua_State *L, const char *name, char *buf, size_t size)
{
    Suggest s;
    suggest_init(&s, name);
    offer_names(L, 1, 1, &s);
    if (suggest_best(&s))
        snprintf(buf, size, "; did you mean %s?", suggest_best(&s));
    else
        buf[0] = '\0';
    return buf;
}

/* __index of the globals: reading a name that is neither a global nor a local is a typo. */
static int strict_index(lua_State *L)
{
    char hint[SUGGEST_NAME_MAX + 32];
    const char *name = lua_tostring(L, 2);
    return luaL_error(L, "unknown global '%s' (not available in scenario files%s)",
                      name ? name : "?", name ? did_you_mean(L, name, hint, sizeof hint) : "");
}

/* __newindex of the globals: a file's main chunk may define globals (as strict.lua allows);
 * a function assigning to a name that is not declared is a typo (`unanswerd = unanswered + 1`
 * would otherwise make a new global and leave the counter as it was) or a missing `local`. */
static int strict_newindex(lua_State *L)
{
    lua_Debug ar;
    if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "S", &ar) || strcmp(ar.what, "main") == 0 ||
        strcmp(ar.what, "C") == 0) {
        lua_settop(L, 3);
        lua_rawset(L, 1);
        return 0;
    }
    char hint[SUGGEST_NAME_MAX + 32];
    const char *name = lua_tostring(L, 2);
    if (!name)
        return luaL_error(L, "assignment to an undeclared global");
    did_you_mean(L, name, hint, sizeof hint);
    if (hint[0])
        return luaL_error(L, "assignment to undeclared global '%s'%s", name, hint);
    return luaL_error(L,
                      "assignment to undeclared global '%s' (declare it at the top of the file: "
                      "local %s)",
                      name, name);
}

/* ---------------------------------------------------------------- pattern searches */

/* Whether byte c is in Lua's character class %cl (cl a letter; upper case complements). */
static int class_has(int cl, unsigned char c)
{
    int res;
    switch (tolower(cl)) {
    case 'a':
        res = isalpha(c);
        break;
    case 'c':
        res = iscntrl(c);
        break;
    case 'd':
        res = isdigit(c);
        break;
    case 'g':
        res = isgraph(c);
        break;
    case 'l':
        res = islower(c);
        break;
    case 'p':
        res = ispunct(c);
        break;
    case 's':
        res = isspace(c);
        break;
    case 'u':
        res = isupper(c);
        break;
    case 'w':
        res = isalnum(c);
        break;
    case 'x':
        res = isxdigit(c);
        break;
    default:
        return cl == c;
    }
    if (isupper(cl))
        res = !res;
    return res != 0;
}

/* The end of the single-character item at p[i] ("a", "%d", ".", "[^%s,]"), or np when it is
 * malformed (the real matcher then reports it). */
static size_t item_end(const char *p, size_t np, size_t i)
{
    if (p[i] == '%')
        return i + 2 <= np ? i + 2 : np;
    if (p[i] != '[')
        return i + 1;
    size_t k = i + 1;
    if (k < np && p[k] == '^')
        k++;
    do { /* the first character, even ']', belongs to the set */
        if (k >= np)
            return np;
        if (p[k++] == '%')
            k++;
    } while (k < np && p[k] != ']');
    return k < np ? k + 1 : np;
}

/* Whether byte c matches the single-character item p[i..e). */
static int item_has(const char *p, size_t i, size_t e, unsigned char c)
{
    if (p[i] == '.')
        return 1;
    if (p[i] == '%')
        return i + 1 < e && class_has((unsigned char)p[i + 1], c);
    if (p[i] != '[')
        return (unsigned char)p[i] == c;
    size_t k = i + 1, end = e - 1; /* the closing ']' */
    int negate = k < end && p[k] == '^', found = 0;
    if (negate)
        k++;
    for (; k < end; k++) {
        if (p[k] == '%' && k + 1 < end) {
            found |= class_has((unsigned char)p[k + 1], c);
            k++;
        } else if (k + 2 < end && p[k + 1] == '-') {
            found |= (unsigned char)p[k] <= c && c <= (unsigned char)p[k + 2];
            k += 2;
        } else {
            found |= (unsigned char)p[k] == c;
        }
    }
    return negate ? !found : found;
}

/* The longest run of subject bytes the item p[i..e) matches: how far a quantifier on it can
 * expand, so how many ways the rest of the pattern is tried after it. */
static double longest_run(const char *p, size_t i, size_t e, const char *s, size_t ns)
{
    size_t best = 0, run = 0;
    if (p[i] == '.')
        return (double)ns;
    for (size_t k = 0; k < ns; k++) {
        run = item_has(p, i, e, (unsigned char)s[k]) ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return (double)best;
}

/* An upper bound on the steps Lua's backtracking matcher takes for pattern p on subject s:
 * at each start position, every item is tried once for each way the quantifiers before it
 * can expand (a quantified item by at most its longest run in s, plus one), and %b, %f's
 * neighbours and back-references scan at most the subject. Exact enough that searches on
 * trainee replies and customer lines pass, while ".-b" over 300 KB or "%b()" over a million
 * "(" (minutes of work) are refused at once. */
static double pattern_work(const char *p, size_t np, const char *s, size_t ns, int may_anchor)
{
    double n1 = (double)ns + 1, reach = 1, work = 0;
    size_t i = 0;
    int anchored = may_anchor && np > 0 && p[0] == '^';
    if (anchored)
        i = 1;
    while (i < np) {
        if (p[i] == '(' || p[i] == ')' || (p[i] == '$' && i + 1 == np)) {
            work += reach;
            i++;
            continue;
        }
        if (p[i] == '%' && i + 1 < np &&
            (p[i + 1] == 'b' || (p[i + 1] >= '0' && p[i + 1] <= '9'))) {
            work += reach * n1; /* a balanced run or a back-reference: a scan of the subject */
            i += p[i + 1] == 'b' ? 4 : 2;
            continue;
        }
        if (p[i] == '%' && i + 1 < np && p[i + 1] == 'f') {
            work += reach;
            i = item_end(p, np, i + 2);
            continue;
        }
        size_t e = item_end(p, np, i);
        char q = e < np ? p[e] : '\0';
        if (q == '*' || q == '+' || q == '-') {
            double ways = longest_run(p, i, e, s, ns) + 1;
            work += reach * ways;
            reach *= ways;
            e++;
        } else if (q == '?') {
            work += reach * 2;
            reach *= 2;
            e++;
        } else {
            work += reach;
        }
        i = e;
    }
    return (anchored ? 1 : n1) * (work + reach);
}

/* Wraps string.find/match/gmatch/gsub (upvalue 1 the original, 2 its kind: 1 find, 0 match,
 * 2 gmatch, 3 gsub): plain searches pass; a pattern search whose worst case is too costly is
 * refused with a message before the matcher starts. */
static int guarded_pattern(lua_State *L)
{
    size_t ns = 0, np = 0;
    const char *subject = luaL_checklstring(L, 1, &ns);
    const char *pattern = luaL_checklstring(L, 2, &np);
    lua_Integer kind = lua_tointeger(L, lua_upvalueindex(2));
    int plain = kind == 1 && lua_toboolean(L, 4);
    if (!plain && pattern_work(pattern, np, subject, ns, kind != 2) > PATTERN_WORK_LIMIT) {
        char shown[80], msg[240];
        inert_copy(shown, sizeof shown, pattern, np > 40 ? 40 : np, 0);
        snprintf(msg, sizeof msg,
                 "pattern '%s%s' is too costly for a %zu-byte text (use plain find or "
                 "s:mentions)",
                 shown, np > 40 ? "..." : "", ns);
        return raise_at_line(L, msg);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* string.rep with its result capped: the whole string is built in one C call. */
static int guarded_rep(lua_State *L)
{
    size_t l = 0, lsep = 0;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    double size = n > 0 ? (double)l * (double)n + (double)lsep * (double)(n - 1) : 0;
    if (size > REP_MAX_BYTES) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "string.rep would make a %.0f-byte string; scenario code may make at most %u "
                 "KiB at once",
                 size, REP_MAX_BYTES / 1024u);
        return raise_at_line(L, msg);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* ---------------------------------------------------------------- message handlers */

/* Runs the script's xpcall handler (upvalue 1) on the error, unless a budget is spent: an
 * error raised by the budget hook reaches the handler while Lua runs no hooks, so a handler
 * that loops could never be stopped. The message passes as it is instead. */
static int guarded_handler(lua_State *L)
{
    if (sandbox_of(L)->exhausted)
        return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* xpcall(f, handler, ...) with the handler wrapped in guarded_handler. */
static int guarded_xpcall(lua_State *L)
{
    luaL_checkany(L, 2);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* setmetatable without __gc: Lua runs finalizers with hooks switched off, so a finalizer
 * that loops could never be stopped. Lua marks an object for finalization only when its
 * metatable has __gc at the time it is set, so checking here is enough. */
static int guarded_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in scenario files");
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static void guard(lua_State *L, const char *name, int kind)
{
    lua_getfield(L, -1, name);
    lua_pushinteger(L, kind);
    lua_pushcclosure(L, guarded_pattern, 2);
    lua_setfield(L, -2, name);
}

/* Replaces table[name] (the table at the stack top) by fn with the original as upvalue 1. */
static void wrap(lua_State *L, const char *name, lua_CFunction fn)
{
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, name);
}

/* Opens and trims the libraries; run inside lua_pcall, so running out of memory here is an
 * error returned to sandbox_create, not a panic. */
static int open_libs(lua_State *L)
{
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},        {LUA_TABLIBNAME, luaopen_table},
        {LUA_STRLIBNAME, luaopen_string}, {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},  {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    static const char *const removed[] = {"dofile",         "loadfile", "load", "require",
                                          "collectgarbage", "print",    "warn", NULL};
    lua_pushglobaltable(L);
    for (int i = 0; removed[i]; i++) {
        lua_pushnil(L);
        lua_setfield(L, -2, removed[i]);
    }
    wrap(L, "setmetatable", guarded_setmetatable);
    wrap(L, "xpcall", guarded_xpcall);
    lua_getfield(L, -1, "string");
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    guard(L, "find", 1);
    guard(L, "match", 0);
    guard(L, "gmatch", 2);
    guard(L, "gsub", 3);
    wrap(L, "rep", guarded_rep);
    lua_pop(L, 1);
    /* Reading an unknown global is an error (a typo in a hook should not pass as nil), and so
     * is a function assigning to one. */
    lua_newtable(L);
    lua_pushcfunction(L, strict_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, strict_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
    return 0;
}

/* Lua calls this on an error outside every protected call, then aborts. Every script runs
 * under sandbox_pcall and host allocations have HOST_RESERVE, so this is the system itself
 * running out of memory: say so and exit instead of aborting with a core dump. */
static int on_panic(lua_State *L)
{
    char msg[300];
    const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "unknown error";
    inert_copy(msg, sizeof msg, m, strlen(m), 0);
    fprintf(stderr, "kefu: a scenario's Lua state failed outside a protected call: %s\n", msg);
    fflush(stderr);
    exit(EXIT_FAILURE);
}

/* ---------------------------------------------------------------- life cycle */

Sandbox *sandbox_create(const SandboxLimits *limits, KefuError *err)
{
    Sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    SandboxLimits none = {0};
    if (!limits)
        limits = &none;
    sb->limit = limits->memory_bytes ? limits->memory_bytes : DEFAULT_MEMORY;
    double k = sandbox_budget_scale();
    sb->budget = limits->instructions > 0 ? limits->instructions
                                          : (long)(DEFAULT_INSTRUCTIONS * k);
    sb->seconds = limits->seconds > 0 ? limits->seconds : DEFAULT_SECONDS * k;
    sb->total_budget = limits->total_instructions > 0
                           ? limits->total_instructions
                           : (long)(DEFAULT_TOTAL_INSTRUCTIONS * k);
    sb->total_seconds =
        limits->total_seconds > 0 ? limits->total_seconds : DEFAULT_TOTAL_SECONDS * k;
    snprintf(sb->chunkname, sizeof sb->chunkname, "?");
    sb->L = lua_newstate(capped_alloc, sb);
    if (!sb->L) {
        free(sb);
        kerr_set(err, "cannot create a Lua state");
        return NULL;
    }
    lua_atpanic(sb->L, on_panic);
    lua_gc(sb->L, LUA_GCGEN, 0, 0);
    lua_pushcfunction(sb->L, open_libs);
    if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
        kerr_set(err, "cannot open the Lua libraries: %s",
                 lua_type(sb->L, -1) == LUA_TSTRING ? lua_tostring(sb->L, -1) : "out of memory");
        lua_close(sb->L);
        free(sb);
        return NULL;
    }
    return sb;
}

void sandbox_destroy(Sandbox *sb)
{
    if (!sb)
        return;
    /* Closing runs __gc finalizers: a budget stops one that never returns (Lua turns its
     * error into a warning and goes on closing). */
    arm_budget(sb);
    lua_close(sb->L);
    free(sb);
}

lua_State *sandbox_state(Sandbox *sb)
{
    return sb->L;
}

int sandbox_rawfield(lua_State *L, int idx, const char *key)
{
    idx = lua_absindex(L, idx);
    lua_pushstring(L, key);
    return lua_rawget(L, idx);
}

size_t sandbox_memory(const Sandbox *sb)
{
    return sb->used;
}

/* ---------------------------------------------------------------- running code */

static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        /* An error object's __tostring is the script's code: it runs under the budget, and
         * not at all once a budget is spent (the hook's error may run this with hooks off). */
        if (!sandbox_of(L)->exhausted && luaL_callmeta(L, 1, "__tostring") &&
            lua_type(L, -1) == LUA_TSTRING)
            return 1;
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    return 1;
}

/* Lua cuts chunk names past 60 bytes in its messages ("...ild/test-out/x.lua:16:"), so
 * chunks are named by this one-byte marker and the marker is replaced by the full path. */
#define CHUNK_MARKER "\x01"

/* Pushes msg with every marker replaced by the chunk's path. */
static const char *expand_marker(Sandbox *sb, const char *msg)
{
    return luaL_gsub(sb->L, msg, CHUNK_MARKER, sb->chunkname);
}

/* Formats the error on the stack top into err, naming the file when Lua did not. */
static void take_error(Sandbox *sb, int status, const char *what, KefuError *err)
{
    const char *msg = lua_tostring(sb->L, -1);
    if (!msg)
        msg = "unknown error";
    msg = expand_marker(sb, msg);
    char where[600];
    if (what && *what)
        snprintf(where, sizeof where, " (%s)", what);
    else
        where[0] = '\0';
    if (status == LUA_ERRMEM)
        kerr_set(err, "%s: out of memory (the scenario may use at most %zu MiB)%s", sb->chunkname,
                 sb->limit / (1024 * 1024), where);
    else if (strncmp(msg, sb->chunkname, strlen(sb->chunkname)) == 0)
        kerr_set(err, "%s%s", msg, where);
    else
        kerr_set(err, "%s: %s%s", sb->chunkname, msg, where);
    /* Keep it to one line: Lua messages rarely hold newlines, but a raised string might. */
    for (char *p = err ? err->msg : NULL; p && *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    /* The words are the script's: error("\27[2J") must not reach a terminal raw. */
    if (err)
        inert_inplace(err->msg, sizeof err->msg, 0);
    lua_pop(sb->L, 2);
}

int sandbox_pcall(Sandbox *sb, int nargs, int nresults, const char *what, KefuError *err)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    if (sb->depth++ == 0)
        arm_budget(sb);
    int status = lua_pcall(L, nargs, nresults, base);
    /* The count hook stays armed: Lua code the host runs later, outside any call of ours,
     * must not loop forever either. The next call re-arms the rest. */
    if (--sb->depth == 0) {
        double elapsed = now_seconds() - sb->started;
        sb->total_spent += sb->spent;
        sb->total_used += elapsed;
        thread_seconds += elapsed;
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, sb->exhausted ? 1 : HOOK_STEP);
    }
    lua_remove(L, base);
    if (status != LUA_OK) {
        take_error(sb, status, what, err);
        return -1;
    }
    return 0;
}

/* Lua says a table was not closed ("'}' expected (to close '{' at line 8) near 'kind'") where
 * a comma between two fields is missing: when the token it names starts a field right after
 * one that ended, the message (on the stack top) is replaced by one that says so first. */
static void name_missing_comma(lua_State *L, const char *buf, size_t len)
{
    const char *msg = lua_tostring(L, -1);
    int line = 0, consumed = 0, ended = -1;
    if (!msg || sscanf(msg, CHUNK_MARKER ":%d: %n", &line, &consumed) != 1 || consumed == 0)
        return;
    LuaSrc t;
    if (luasrc_lex(buf, len, &t) == 0) {
        int k = luasrc_missing_comma(&t, line, msg + consumed);
        ended = k >= 0 ? t.v[k].line : -1;
    }
    luasrc_deinit(&t);
    if (ended < 0)
        return;
    lua_pushfstring(L, CHUNK_MARKER ":%d: " LUASRC_MISSING_COMMA, line, ended, msg + consumed);
    lua_replace(L, -2);
}

int sandbox_run_chunk(Sandbox *sb, const char *buf, size_t len, const char *chunkname,
                      KefuError *err)
{
    snprintf(sb->chunkname, sizeof sb->chunkname, "%s", chunkname);
    if (len >= 1 && buf[0] == 0x1B) { /* LUA_SIGNATURE: refuse before Lua even looks */
        kerr_set(err, "%s: binary chunks are not allowed (scenario files are Lua text)", chunkname);
        return -1;
    }
    sb->depth++; /* the parser's memory counts against the cap, as the script's does */
    int status = luaL_loadbufferx(sb->L, buf, len, "=" CHUNK_MARKER, "t");
    sb->depth--;
    if (status == LUA_ERRSYNTAX)
        name_missing_comma(sb->L, buf, len);
    if (status != LUA_OK) {
        take_error(sb, status, NULL, err);
        return -1;
    }
    return sandbox_pcall(sb, 0, 1, NULL, err);
}

int sandbox_run_file(Sandbox *sb, const char *path, KefuError *err)
{
    size_t len = 0;
    char *buf = srcfile_read(path, &len, err);
    if (!buf)
        return -1;
    int rc = sandbox_run_chunk(sb, buf, len, path, err);
    free(buf);
    return rc;
}
