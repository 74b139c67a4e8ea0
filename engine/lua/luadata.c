/* luadata: typed reads of a Lua file's plain data, each mistake in one wording at its line. */
#include "lua/luadata.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/inert.h"
#include "base/text.h"
#include "lua/sandbox.h"

void luadata_init(LuaData *d, lua_State *L, const char *chunk, const char *text, size_t len,
                  KefuError *err)
{
    memset(d, 0, sizeof *d);
    d->L = L;
    d->chunk = chunk;
    d->text = text;
    d->len = len;
    d->err = err;
}

void luadata_deinit(LuaData *d)
{
    if (!d)
        return;
    luasrc_deinit(&d->src);
    d->lexed = 0;
}

int luadata_line(LuaData *d, const char *path)
{
    if (!d->text || !path)
        return 0;
    /* Lexed once per reading, and only when a line is asked for: a file read without a
     * mistake never pays for it. */
    if (!d->lexed) {
        d->lexed = 1;
        if (luasrc_lex(d->text, d->len, &d->src) < 0) {
            luasrc_deinit(&d->src);
            return 0;
        }
    }
    return d->src.v ? luasrc_locate_memo(&d->src, path, &d->memo) : 0;
}

int luadata_fail(LuaData *d, const char *path, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    if (d->failed && !d->more)
        return -1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = luadata_line(d, path);
    for (int i = 0; i < d->nlines && line > 0; i++)
        if (d->lines[i] == line)
            return -1; /* a consequence of the mistake already reported there */
    if (d->nlines < (int)(sizeof d->lines / sizeof d->lines[0]))
        d->lines[d->nlines++] = line;
    KefuError one, *to = d->failed ? &one : d->err;
    if (line)
        kerr_set(to, "%s:%d: %s", d->chunk, line, msg);
    else
        kerr_set(to, "%s: %s", d->chunk, msg);
    /* Messages quote the file's own strings ("got \"%s\""): never a raw control byte. */
    if (to)
        inert_inplace(to->msg, sizeof to->msg, 0);
    if (d->failed)
        d->more(d->more_ud, one.msg);
    d->failed = 1;
    return -1;
}

/* How messages call a field: its name when given, else its path, quoted when the reading
 * asks for it (into buf, which must outlive the message). */
static const char *shown(const LuaData *d, const char *name, const char *path, char *buf)
{
    if (name || !path)
        return name ? name : "the returned table";
    if (!d->quote)
        return path;
    snprintf(buf, LUADATA_NAME_MAX, "'%s'", path);
    return buf;
}

/* Pushes t[key] of the table on the top of the stack; returns its type. */
static int field(LuaData *d, const char *key)
{
    return sandbox_rawfield(d->L, -1, key);
}

/* Checks the string on the top of the stack and copies it to *out. Returns 1 or -1. */
static int check_string(LuaData *d, const char *name, const char *path, unsigned flags, char **out)
{
    size_t len = 0, bad = 0;
    const char *s = lua_tolstring(d->L, -1, &len);
    if (!text_valid_utf8(s, len, &bad))
        return luadata_fail(d, path, "%s is not valid UTF-8 (byte %zu)", name, bad + 1);
    if ((flags & LUADATA_NONEMPTY) && len == 0)
        return luadata_fail(d, path, "%s must not be empty", name);
    if (memchr(s, '\0', len))
        return luadata_fail(d, path, "%s contains a NUL byte (\\0)", name);
    if (!(*out = malloc(len + 1)))
        return luadata_fail(d, path, "%s could not be read: out of memory", name);
    memcpy(*out, s, len + 1);
    return 1;
}

int luadata_string(LuaData *d, const char *key, const char *name, const char *path, unsigned flags,
                   char **out)
{
    int rc = 0;
    int type = field(d, key);
    *out = NULL;
    char buf[LUADATA_NAME_MAX];
    name = shown(d, name, path, buf);
    if (type == LUA_TNIL) {
        if (flags & LUADATA_REQUIRED)
            rc = luadata_fail(d, path, "%s is required (a string)", name);
    } else if (type != LUA_TSTRING) {
        rc = luadata_fail(d, path, "%s must be a string, got %s", name, lua_typename(d->L, type));
    } else {
        rc = check_string(d, name, path, flags, out);
    }
    lua_pop(d->L, 1);
    return rc;
}

int luadata_item_string(LuaData *d, long long i, const char *path, unsigned flags, char **out)
{
    int rc;
    char buf[LUADATA_NAME_MAX];
    const char *name = shown(d, NULL, path, buf);
    int type = lua_rawgeti(d->L, -1, (lua_Integer)i);
    *out = NULL;
    if (type != LUA_TSTRING)
        rc = luadata_fail(d, path, "%s must be a string, got %s", name, lua_typename(d->L, type));
    else
        rc = check_string(d, name, path, flags, out);
    lua_pop(d->L, 1);
    return rc;
}

int luadata_boolean(LuaData *d, const char *key, const char *name, const char *path, int *out)
{
    char buf[LUADATA_NAME_MAX];
    int rc = 0;
    int type = field(d, key);
    if (type == LUA_TBOOLEAN) {
        *out = lua_toboolean(d->L, -1);
        rc = 1;
    } else if (type != LUA_TNIL) {
        rc = luadata_fail(d, path, "%s must be true or false, got %s", shown(d, name, path, buf),
                          lua_typename(d->L, type));
    }
    lua_pop(d->L, 1);
    return rc;
}

int luadata_choice(LuaData *d, const char *name, const char *path, const char *value,
                   const char *const *choices)
{
    char buf[LUADATA_NAME_MAX];
    char list[400] = "";
    for (int i = 0; choices[i]; i++) {
        if (strcmp(value, choices[i]) == 0)
            return i;
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 choices[i]);
    }
    return luadata_fail(d, path, "%s must be one of %s; got \"%s\"", shown(d, name, path, buf),
                        list, value);
}

int luadata_number(LuaData *d, const char *key, const char *name, const char *path, double *out)
{
    char buf[LUADATA_NAME_MAX];
    int rc = 0;
    int type = field(d, key);
    if (type == LUA_TNUMBER) {
        *out = lua_tonumber(d->L, -1);
        rc = 1;
    } else if (type != LUA_TNIL) {
        rc = luadata_fail(d, path, "%s must be a number, got %s", shown(d, name, path, buf),
                          lua_typename(d->L, type));
    }
    lua_pop(d->L, 1);
    return rc;
}

int luadata_range(LuaData *d, const char *name, const char *path, double v, double lo, double hi)
{
    char buf[LUADATA_NAME_MAX];
    if (v >= lo && v <= hi)
        return 0;
    return luadata_fail(d, path, "%s must be from %g to %g, got %g", shown(d, name, path, buf), lo,
                        hi, v);
}

int luadata_table(LuaData *d, const char *key, const char *name, const char *path, unsigned flags)
{
    int type = field(d, key);
    if (type == LUA_TTABLE)
        return 1;
    char buf[LUADATA_NAME_MAX];
    lua_pop(d->L, 1);
    name = shown(d, name, path, buf);
    if (type != LUA_TNIL)
        return luadata_fail(d, path, "%s must be a table, got %s", name, lua_typename(d->L, type));
    if (flags & LUADATA_REQUIRED)
        return luadata_fail(d, path, "%s is required (a table)", name);
    return 0;
}

int luadata_item_table(LuaData *d, long long i, const char *path)
{
    int type = lua_rawgeti(d->L, -1, (lua_Integer)i);
    if (type == LUA_TTABLE)
        return 1;
    char buf[LUADATA_NAME_MAX];
    lua_pop(d->L, 1);
    return luadata_fail(d, path, "%s must be a table, got %s", shown(d, NULL, path, buf),
                        lua_typename(d->L, type));
}

int luadata_known_fields(LuaData *d, const char *name, const char *const *names, const char *list,
                         unsigned flags)
{
    lua_State *L = d->L;
    char joined[600] = "", buf[LUADATA_NAME_MAX];
    if (!list) {
        for (int i = 0; names[i]; i++)
            snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", i ? ", " : "",
                     names[i]);
        list = joined;
    }
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TNUMBER && (flags & LUADATA_LIST))
            continue;
        if (lua_type(L, -1) != LUA_TSTRING) {
            lua_pop(L, 1);
            return luadata_fail(d, name, "%s has an unexpected list entry (expected fields %s)",
                                shown(d, NULL, name, buf), list);
        }
        const char *k = lua_tostring(L, -1);
        int ok = 0;
        for (int i = 0; names[i]; i++)
            ok |= strcmp(k, names[i]) == 0;
        if (!ok) {
            char path[256];
            snprintf(path, sizeof path, "%s%s%s", name ? name : "", name ? "." : "", k);
            lua_pop(L, 1);
            return luadata_fail(d, path, "%s is not a known field (expected %s)",
                                shown(d, NULL, path, buf), list);
        }
    }
    return 0;
}

int luadata_known_keys(LuaData *d, const char *name, const char *const *names, const char *list)
{
    return luadata_known_fields(d, name, names, list, 0);
}

/* ---------------------------------------------------------------- plain data */

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

int luadata_check_plain(lua_State *L, int idx, const char *chunk, KefuError *err)
{
    if (!lua_istable(L, idx))
        return 0;
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    int inside = metatable_inside(L, idx, lua_gettop(L));
    lua_pop(L, 1);
    if (!inside)
        return 0;
    kerr_set(err,
             "%s: the returned table (or a table inside it) has a metatable; scenario and "
             "rubric data must be plain tables (no setmetatable)",
             chunk);
    return -1;
}

int luadata_check_file(const char *path, KefuError *err)
{
    Sandbox *sb = sandbox_create(NULL, err);
    if (!sb)
        return -1;
    int rc = 0;
    KefuError run_err;
    /* A file that does not run is its loader's to report, in the loader's words. */
    if (sandbox_run_file(sb, path, &run_err) == 0)
        rc = luadata_check_plain(sandbox_state(sb), -1, path, err);
    sandbox_destroy(sb);
    return rc;
}
