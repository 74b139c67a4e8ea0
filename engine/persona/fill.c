/* fill: replaces {name} placeholders in customer lines with the persona's values. */
#include "persona/fill.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <string.h>

#include "lua/sandbox.h"

#define MAX_NAME 64

/* The placeholder starting at text[i] ('{'): its name's length (letters, digits, '_', at most
 * one '.'), or 0 when it is no placeholder (a '{' in ordinary text). */
static size_t placeholder(const char *text, size_t len, size_t i)
{
    size_t n = 0;
    int dots = 0;
    for (size_t k = i + 1; k < len; k++, n++) {
        char c = text[k];
        if (c == '}')
            return n > 0 && n < MAX_NAME && text[k - 1] != '.' ? n : 0;
        if (c == '.' && n > 0 && !dots++)
            continue;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              (c >= '0' && c <= '9' && n > 0)))
            return 0;
    }
    return 0;
}

/* Pushes a value as text: a string or number as it is, a list its entries joined with "、";
 * returns 0 (pushing nothing) for anything else. */
static int push_text(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TSTRING || lua_type(L, idx) == LUA_TNUMBER) {
        lua_pushvalue(L, idx);
        lua_tostring(L, -1);
        return 1;
    }
    if (!lua_istable(L, idx) || lua_rawlen(L, idx) == 0)
        return 0;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int added = 0;
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, idx); i++) {
        int t = lua_rawgeti(L, idx, i);
        lua_pop(L, 1); /* the buffer wants its own slot on top while it grows */
        if (t != LUA_TSTRING && t != LUA_TNUMBER)
            continue;
        if (added++)
            luaL_addstring(&b, "、");
        lua_rawgeti(L, idx, i);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    return 1;
}

/* Pushes the value of placeholder name (n bytes) and returns 1, or pushes nothing and
 * returns 0. knows entries may be a list of variants: the first is the value. */
static int push_value(lua_State *L, int scenario, int values, const char *name, size_t n)
{
    char key[MAX_NAME];
    memcpy(key, name, n);
    key[n] = '\0';
    int top = lua_gettop(L);
    char *dot = strchr(key, '.');
    if (dot) {
        *dot = '\0';
        if (strcmp(key, "product") == 0 && sandbox_rawfield(L, scenario, "product") == LUA_TTABLE) {
            sandbox_rawfield(L, -1, dot + 1);
            if (push_text(L, -1)) {
                lua_replace(L, top + 1);
                lua_settop(L, top + 1);
                return 1;
            }
        }
        lua_settop(L, top);
        return 0;
    }
    if (values)
        lua_pushvalue(L, values);
    else
        sandbox_rawfield(L, scenario, "values");
    if (lua_istable(L, -1)) {
        sandbox_rawfield(L, -1, key);
        if (push_text(L, -1)) {
            lua_replace(L, top + 1);
            lua_settop(L, top + 1);
            return 1;
        }
    }
    lua_settop(L, top);
    if (sandbox_rawfield(L, scenario, "knows") == LUA_TTABLE) {
        int t = sandbox_rawfield(L, -1, key);
        if (t == LUA_TTABLE)
            lua_rawgeti(L, -1, 1);
        if (push_text(L, -1)) {
            lua_replace(L, top + 1);
            lua_settop(L, top + 1);
            return 1;
        }
    }
    lua_settop(L, top);
    return 0;
}

void fill_push(lua_State *L, int scenario, int values, const char *text, size_t len)
{
    scenario = lua_absindex(L, scenario);
    values = values ? lua_absindex(L, values) : 0;
    if (!memchr(text, '{', len)) {
        lua_pushlstring(L, text, len);
        return;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        size_t n = text[i] == '{' ? placeholder(text, len, i) : 0;
        if (n == 0)
            continue;
        luaL_addlstring(&b, text + from, i - from);
        if (!push_value(L, scenario, values, text + i + 1, n))
            luaL_error(L, "no value for placeholder {%s} (give it in values = {...}, knows, "
                          "or the product)",
                       lua_pushlstring(L, text + i + 1, n));
        luaL_addvalue(&b);
        i += n + 1;
        from = i + 1;
    }
    luaL_addlstring(&b, text + from, len - from);
    luaL_pushresult(&b);
}

int fill_check(lua_State *L, int scenario, const char *text, size_t len, char *name,
               size_t size)
{
    scenario = lua_absindex(L, scenario);
    for (size_t i = 0; i < len; i++) {
        size_t n = text[i] == '{' ? placeholder(text, len, i) : 0;
        if (n == 0)
            continue;
        if (!push_value(L, scenario, 0, text + i + 1, n)) {
            snprintf(name, size, "%.*s", (int)n, text + i + 1);
            return 0;
        }
        lua_pop(L, 1);
        i += n + 1;
    }
    return 1;
}
