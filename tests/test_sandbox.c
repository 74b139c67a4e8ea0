/* Unit tests for engine/lua/sandbox: what scenario files can and cannot do. */
#include <lauxlib.h>
#include <lua.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "lua/sandbox.h"

/* Runs src as chunk "t.lua"; returns the error message, or "" on success. */
static const char *run(const char *src)
{
    static KefuError err;
    KefuError e = {{0}};
    Sandbox *sb = sandbox_create(NULL, &e);
    if (!sb)
        return "create failed";
    err.msg[0] = '\0';
    if (sandbox_run_chunk(sb, src, strlen(src), "t.lua", &err) == 0)
        err.msg[0] = '\0';
    sandbox_destroy(sb);
    return err.msg;
}

static void sandbox_should_run_plain_code(void)
{
    CHECK_STR(run("local t = {} for i = 1, 10 do t[#t+1] = string.format('%d', i) end "
                  "return table.concat(t) .. utf8.char(20146) .. math.floor(2.5)"),
              "");
}

static void sandbox_should_refuse_files_and_shell(void)
{
    CHECK_CONTAINS(run("return io.open('/etc/passwd')"), "unknown global 'io'");
    CHECK_CONTAINS(run("return os.execute('ls')"), "unknown global 'os'");
    CHECK_CONTAINS(run("return dofile('/etc/passwd')"), "unknown global 'dofile'");
    CHECK_CONTAINS(run("return load('return 1')()"), "unknown global 'load'");
    CHECK_CONTAINS(run("return require('os')"), "unknown global 'require'");
    CHECK_CONTAINS(run("return string.dump(function() end)"), "t.lua:1:");
    CHECK_CONTAINS(run("print('hi')"), "unknown global 'print'");
    CHECK_CONTAINS(run("collectgarbage()"), "unknown global 'collectgarbage'");
    CHECK_CONTAINS(run("\x1bLua"), "binary chunks are not allowed");
}

static void sandbox_should_stop_endless_loops_even_inside_pcall(void)
{
    clock_t t0 = clock();
    CHECK_CONTAINS(run("while true do end"), "t.lua:1: instruction budget exceeded");
    CHECK_CONTAINS(run("\nfor i = 1, 1e12 do while true do pcall(function() while true do "
                       "end end) end end"),
                   "instruction budget exceeded");
    CHECK_CONTAINS(run("local function f() return f() end return f()"),
                   "instruction budget exceeded");
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
}

static void sandbox_should_stop_runaway_memory_and_recursion(void)
{
    CHECK_CONTAINS(run("return string.rep('x', 1e9)"), "t.lua");
    CHECK_CONTAINS(run("local t = {} while true do t[#t+1] = {} end"), "t.lua");
    CHECK_CONTAINS(run("local function f(n) return 1 + f(n + 1) end return f(1)"), "t.lua");
    CHECK_CONTAINS(run("local s = string.rep('a', 30000) return s:find('.-.-.-.-b')"),
                   "too costly");
    /* Finalizers run with hooks off: a looping one could never be stopped. */
    CHECK_CONTAINS(run("setmetatable({}, {__gc = function() while true do end end})"),
                   "t.lua:1: __gc metamethods are not allowed");
    CHECK_STR(run("local mt = {} setmetatable({}, mt) mt.__gc = function() while true do end "
                  "end collectgarbage_is_gone = true"),
              "");
}

static void sandbox_should_report_syntax_errors_with_lines(void)
{
    CHECK_STR(run("local x = 1\nlocal y = = 2\n"), "t.lua:2: unexpected symbol near '='");
    CHECK_STR(run("\n\nerror('boom')"), "t.lua:3: boom");
    CHECK_STR(run("error({})"), "t.lua: (error object is a table value)");
    CHECK_STR(run("return undefined_name"), "t.lua:1: unknown global 'undefined_name' (not "
                                            "available in scenario files)");
}

static void sandbox_should_name_long_paths_in_full(void)
{
    KefuError err;
    const char *path = "/home/trainer/某个很长很长的目录/another/long/folder/name/scenarios/"
                       "my_new_persona_draft.lua";
    Sandbox *sb = sandbox_create(NULL, &err);
    const char *src = "local x = 1\nlocal y = = 2\n";
    CHECK_INT(sandbox_run_chunk(sb, src, strlen(src), path, &err), ==, -1);
    CHECK_STR(err.msg, "/home/trainer/某个很长很长的目录/another/long/folder/name/scenarios/"
                       "my_new_persona_draft.lua:2: unexpected symbol near '='");
    src = "return function() error('boom') end";
    CHECK_INT(sandbox_run_chunk(sb, src, strlen(src), path, &err), ==, 0);
    CHECK_INT(sandbox_pcall(sb, 0, 0, "in hook start", &err), ==, -1);
    CHECK_STR(err.msg, "/home/trainer/某个很长很长的目录/another/long/folder/name/scenarios/"
                       "my_new_persona_draft.lua:1: boom (in hook start)");
    sandbox_destroy(sb);
}

int main(void)
{
    RUN(sandbox_should_run_plain_code);
    RUN(sandbox_should_refuse_files_and_shell);
    RUN(sandbox_should_stop_endless_loops_even_inside_pcall);
    RUN(sandbox_should_stop_runaway_memory_and_recursion);
    RUN(sandbox_should_report_syntax_errors_with_lines);
    RUN(sandbox_should_name_long_paths_in_full);
    CHECK_DONE();
}
