/* sandbox: a Lua state safe for untrusted scenario and rubric files. */
#include "lua/sandbox.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MEMORY (32u * 1024u * 1024u)
#define DEFAULT_INSTRUCTIONS 20000000L
#define HOOK_STEP 1000
/* Lua's pattern matcher backtracks inside C where no instruction hook can stop it; a
 * subject^quantifiers estimate above this is refused as too costly. */
#define PATTERN_COST_LIMIT 1e10

struct Sandbox {
    lua_State *L;
    size_t used;
    size_t limit;
    long budget;
    long spent;
    int exhausted;
    char chunkname[512];
};

/* ---------------------------------------------------------------- limits */

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
    if (nsize > osize && sb->used - osize + nsize > sb->limit)
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

/* Counts instructions. Once the budget is spent it re-arms itself to fire on every
 * instruction and raises each time, so a pcall loop in the script cannot outlast it. */
static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    Sandbox *sb = sandbox_of(L);
    if (!sb->exhausted) {
        sb->spent += HOOK_STEP;
        if (sb->spent <= sb->budget)
            return;
        sb->exhausted = 1;
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
    }
    /* Inside a hook, level 0 is the Lua function that was running: name its line. */
    lua_Debug where;
    if (lua_getstack(L, 0, &where) && lua_getinfo(L, "Sl", &where) && where.currentline > 0)
        lua_pushfstring(L, "%s:%d: ", where.short_src, where.currentline);
    else
        lua_pushliteral(L, "");
    lua_pushliteral(L, "instruction budget exceeded (an endless loop?)");
    lua_concat(L, 2);
    lua_error(L);
}

static void arm_budget(Sandbox *sb)
{
    sb->spent = 0;
    sb->exhausted = 0;
    lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, HOOK_STEP);
}

/* ---------------------------------------------------------------- the environment */

static int strict_index(lua_State *L)
{
    const char *name = lua_tostring(L, 2);
    return luaL_error(L, "unknown global '%s' (not available in scenario files)",
                      name ? name : "?");
}

static int quantifiers(const char *p, size_t n)
{
    int q = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '%') {
            i++;
            continue;
        }
        if (p[i] == '*' || p[i] == '-' || p[i] == '+' || p[i] == '?')
            q++;
    }
    return q;
}

/* Wraps string.find/match/gmatch/gsub: plain searches pass; pattern searches whose
 * backtracking could run for minutes on a long subject are refused with a message. */
static int guarded_pattern(lua_State *L)
{
    size_t ns = 0, np = 0;
    const char *subject = luaL_checklstring(L, 1, &ns);
    const char *pattern = luaL_checklstring(L, 2, &np);
    int plain = lua_toboolean(L, 4) && lua_tointeger(L, lua_upvalueindex(2)) == 1;
    (void)subject;
    if (!plain) {
        int q = quantifiers(pattern, np);
        double cost = 1, len = (double)ns + 1;
        for (int i = 0; i < (q ? q : 1); i++)
            cost *= len;
        if (lua_tointeger(L, lua_upvalueindex(2)) == 2) /* gmatch/gsub scan the subject */
            cost *= len;
        if (cost > PATTERN_COST_LIMIT)
            return luaL_error(L,
                              "pattern '%s' is too costly for a %d-byte text (use plain "
                              "find or s:mentions)",
                              np > 40 ? "..." : pattern, (int)ns);
    }
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

static void guard(lua_State *L, const char *name, int mode)
{
    lua_getfield(L, -1, name);
    lua_pushinteger(L, mode);
    lua_pushcclosure(L, guarded_pattern, 2);
    lua_setfield(L, -2, name);
}

static void open_libs(lua_State *L)
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
    lua_getfield(L, -1, "setmetatable");
    lua_pushcclosure(L, guarded_setmetatable, 1);
    lua_setfield(L, -2, "setmetatable");
    lua_getfield(L, -1, "string");
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    guard(L, "find", 1);
    guard(L, "match", 0);
    guard(L, "gmatch", 2);
    guard(L, "gsub", 2);
    lua_pop(L, 1);
    /* Reading an unknown global is an error (a typo in a hook should not pass as nil). */
    lua_newtable(L);
    lua_pushcfunction(L, strict_index);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
}

/* ---------------------------------------------------------------- life cycle */

Sandbox *sandbox_create(const SandboxLimits *limits, KefuError *err)
{
    Sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    sb->limit = limits && limits->memory_bytes ? limits->memory_bytes : DEFAULT_MEMORY;
    sb->budget = limits && limits->instructions ? limits->instructions : DEFAULT_INSTRUCTIONS;
    sb->L = lua_newstate(capped_alloc, sb);
    if (!sb->L) {
        free(sb);
        kerr_set(err, "cannot create a Lua state");
        return NULL;
    }
    lua_gc(sb->L, LUA_GCGEN, 0, 0);
    open_libs(sb->L);
    snprintf(sb->chunkname, sizeof sb->chunkname, "?");
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
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
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
    lua_pop(sb->L, 2);
}

int sandbox_pcall(Sandbox *sb, int nargs, int nresults, const char *what, KefuError *err)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    arm_budget(sb);
    int status = lua_pcall(L, nargs, nresults, base);
    /* The hook stays armed: finalizers may run during later API calls, outside any call
     * of ours, and must not loop forever either. The next call re-arms it. */
    lua_remove(L, base);
    if (status != LUA_OK) {
        take_error(sb, status, what, err);
        return -1;
    }
    return 0;
}

int sandbox_run_chunk(Sandbox *sb, const char *buf, size_t len, const char *chunkname,
                      KefuError *err)
{
    snprintf(sb->chunkname, sizeof sb->chunkname, "%s", chunkname);
    if (len >= 1 && buf[0] == 0x1B) { /* LUA_SIGNATURE: refuse before Lua even looks */
        kerr_set(err, "%s: binary chunks are not allowed (scenario files are Lua text)", chunkname);
        return -1;
    }
    int status = luaL_loadbufferx(sb->L, buf, len, "=" CHUNK_MARKER, "t");
    if (status != LUA_OK) {
        take_error(sb, status, NULL, err);
        return -1;
    }
    return sandbox_pcall(sb, 0, 1, NULL, err);
}

int sandbox_run_file(Sandbox *sb, const char *path, KefuError *err)
{
    size_t len = 0;
    char *buf = kerr_read_file(path, &len, err);
    if (!buf)
        return -1;
    int rc = sandbox_run_chunk(sb, buf, len, path, err);
    free(buf);
    return rc;
}
