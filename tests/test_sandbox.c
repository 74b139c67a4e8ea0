/* Unit tests for engine/lua/sandbox: what scenario files can and cannot do. */
#include <lauxlib.h>
#include <lua.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "lua/sandbox.h"

/* Runs src as chunk "t.lua" under limits (NULL: the defaults); returns the error message,
 * or "" on success. */
static const char *run_with(const SandboxLimits *limits, const char *src)
{
    static KefuError err;
    KefuError e = {{0}};
    Sandbox *sb = sandbox_create(limits, &e);
    if (!sb)
        return "create failed";
    err.msg[0] = '\0';
    if (sandbox_run_chunk(sb, src, strlen(src), "t.lua", &err) == 0)
        err.msg[0] = '\0';
    sandbox_destroy(sb);
    return err.msg;
}

static const char *run(const char *src)
{
    return run_with(NULL, src);
}

/* Wall-clock budgets far away, so the instruction counts decide (on a busy machine too). */
static const SandboxLimits counted = {0, 0, 100, 0, 100};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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
    CHECK_CONTAINS(run_with(&counted, "while true do end"), "t.lua:1: instruction budget exceeded");
    CHECK_CONTAINS(run_with(&counted, "\nfor i = 1, 1e12 do while true do pcall(function() "
                                      "while true do end end) end end"),
                   "instruction budget exceeded");
    CHECK_CONTAINS(run_with(&counted, "local function f() return f() end return f()"),
                   "instruction budget exceeded");
    /* with the default clock too, whichever budget runs out first */
    CHECK_CONTAINS(run("while true do end"), "t.lua:1: ");
    CHECK_CONTAINS(run("while true do end"), SANDBOX_OVER_BUDGET);
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

/* The holes a hostile file found: each ends with a budget message naming the line, quickly
 * (the bound is generous: it fails a hang, it is not a speed test). */
static void sandbox_should_keep_the_budget_in_handlers_and_c_calls(void)
{
    double t0 = now();
    /* an xpcall handler runs with hooks off when the budget hook raised */
    CHECK_CONTAINS(run("local function h() while true do end end\n"
                       "xpcall(function() while true do end end, h)"),
                   SANDBOX_OVER_BUDGET);
    CHECK_CONTAINS(run("while true do xpcall(error, function() while true do end end) end"),
                   "t.lua:1: ");
    /* an error object whose __tostring loops */
    CHECK_CONTAINS(run("error(setmetatable({}, {__tostring = function() while true do end "
                       "end}))"),
                   SANDBOX_OVER_BUDGET);
    /* costly C calls in a loop: few instructions, seconds of work */
    CHECK_CONTAINS(run("local s = string.rep('a', 1000000)\nwhile true do local u = s:upper() "
                       "end"),
                   "t.lua:2: ");
    CHECK_CONTAINS(run("while true do pcall(string.rep, 'x', 1e9) end"), SANDBOX_OVER_BUDGET);
    CHECK_CONTAINS(run("local t = {} while true do pcall(function() t[#t+1] = "
                       "string.rep('x', 1000000) .. #t end) end"),
                   SANDBOX_OVER_BUDGET);
    CHECK((now() - t0) < 30.0);
}

static void sandbox_should_cap_strings_and_pattern_work(void)
{
    CHECK_CONTAINS(run("return string.rep('abc', 1e7)"),
                   "t.lua:1: string.rep would make a 30000000-byte string");
    CHECK_STR(run("return #string.rep('ab', 1000, ',')"), "");
    CHECK_CONTAINS(run("return string.find(string.rep('a', 3e5), '.-b')"),
                   "t.lua:1: pattern '.-b' is too costly for a 300000-byte text");
    CHECK_CONTAINS(run("return string.find(string.rep('(', 1e6), '%b()')"), "too costly");
    CHECK_CONTAINS(run("return ('x'):rep(100000):gsub('.-.-y', '')"), "too costly");
    CHECK_CONTAINS(run("for w in string.rep('a', 1e5):gmatch('a-b') do end"), "too costly");
    /* what a scenario does with replies passes: a bound by the runs the classes really
     * have, not by the subject's length alone */
    CHECK_STR(run("local r = string.rep('亲，这款床只要 1999 元，包邮的哦 ', 60)\n"
                  "assert(r:find('(%d+)%s*元'))\n"
                  "assert(r:match('^%s*(.-)%s*$'))\n"
                  "for n in r:gmatch('%d+') do end\n"
                  "assert(r:gsub('%s+', ' '))"),
              "");
    CHECK_STR(run("return string.find(string.rep('a', 3e5), 'b', 1, true)"), "");
}

static void sandbox_should_limit_a_session_in_all(void)
{
    KefuError err;
    SandboxLimits few = {0, 0, 0, 3000000, 100};
    Sandbox *sb = sandbox_create(&few, &err);
    const char *src = "return function() for i = 1, 200000 do end end";
    CHECK_INT(sandbox_run_chunk(sb, src, strlen(src), "t.lua", &err), ==, 0);
    int calls = 0, rc = 0;
    for (; calls < 1000 && rc == 0; calls++) {
        lua_pushvalue(sandbox_state(sb), -1);
        rc = sandbox_pcall(sb, 0, 0, "in hook on_idle", &err);
    }
    CHECK_INT(rc, ==, -1);
    CHECK(calls < 1000);
    CHECK_CONTAINS(err.msg, "t.lua:1: session budget exceeded");
    CHECK_CONTAINS(err.msg, "(in hook on_idle)");
    /* and it stays spent: the next call stops at once */
    lua_pushvalue(sandbox_state(sb), -1);
    CHECK_INT(sandbox_pcall(sb, 0, 0, NULL, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "session budget exceeded");
    CHECK(sandbox_over_budget(err.msg));
    sandbox_destroy(sb);
    CHECK(sandbox_thread_seconds() > 0);
}

static void sandbox_should_escape_control_characters_in_messages(void)
{
    CHECK_STR(run("error('\\27[2Jall tests passed\\7')"), "t.lua:1: \\x1b[2Jall tests passed\\x07");
    CHECK_STR(run("error('two\\nlines')"), "t.lua:1: two lines");
}

static void sandbox_should_report_syntax_errors_with_lines(void)
{
    CHECK_STR(run("local x = 1\nlocal y = = 2\n"), "t.lua:2: unexpected symbol near '='");
    CHECK_STR(run("\n\nerror('boom')"), "t.lua:3: boom");
    /* A missing comma between fields is named, with Lua's words after it. */
    CHECK_STR(run("return {\n  a = {1, 2}\n  tell_length = 3,\n}"),
              "t.lua:3: missing ',' after the field ending at line 2? ('}' expected (to close '{' "
              "at line 1) near 'tell_length')");
    CHECK_STR(run("return { 'a' 'b' }"),
              "t.lua:1: missing ',' after the field ending at line 1? ('}' expected near ''b'')");
    /* Not every unclosed table is a missing comma. */
    CHECK_STR(run("return {\n  a = 1 + \n}"), "t.lua:3: unexpected symbol near '}'");
    CHECK_STR(run("return { a = 'x' b }"), "t.lua:1: '}' expected near 'b'");
    CHECK_STR(run("error({})"), "t.lua: (error object is a table value)");
    CHECK_STR(run("return undefined_name"), "t.lua:1: unknown global 'undefined_name' (not "
                                            "available in scenario files)");
}

/* Runs src, then calls the function it returns; the call's error, or "". */
static const char *call_returned(const char *src)
{
    static KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    err.msg[0] = '\0';
    if (sandbox_run_chunk(sb, src, strlen(src), "t.lua", &err) == 0 &&
        sandbox_pcall(sb, 0, 0, "in hook on_reply", &err) == 0)
        err.msg[0] = '\0';
    sandbox_destroy(sb);
    return err.msg;
}

static void sandbox_should_refuse_undeclared_globals_in_functions(void)
{
    /* The typo the guide promised to catch: a new global instead of the counter. */
    CHECK_STR(call_returned("local unanswered = 0\n"
                            "return function()\n"
                            "  unanswerd = unanswered + 1\n"
                            "end\n"),
              "t.lua:3: assignment to undeclared global 'unanswerd'; did you mean unanswered? "
              "(in hook on_reply)");
    CHECK_STR(
        call_returned("return function()\n  local mood = 1\n  if mood then moood = 2 end\nend"),
        "t.lua:3: assignment to undeclared global 'moood'; did you mean mood? (in hook "
        "on_reply)");
    CHECK_STR(call_returned("return function() fresh_name = 1 end"),
              "t.lua:1: assignment to undeclared global 'fresh_name' (declare it at the top of "
              "the file: local fresh_name) (in hook on_reply)");
    /* Reading one names the nearest too; a global the file defines at its top level is fine. */
    CHECK_STR(call_returned("local patience = 1\nreturn function() return patience + patienc end"),
              "t.lua:2: unknown global 'patienc' (not available in scenario files; did you mean "
              "patience?) (in hook on_reply)");
    CHECK_STR(call_returned("return function() return tostrin(1) end"),
              "t.lua:1: unknown global 'tostrin' (not available in scenario files; did you mean "
              "tostring?) (in hook on_reply)");
    CHECK_STR(call_returned("count = 0\nreturn function() count = count + 1 end"), "");
    CHECK_STR(run("top_level = 1\nreturn top_level"), "");
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
    RUN(sandbox_should_keep_the_budget_in_handlers_and_c_calls);
    RUN(sandbox_should_cap_strings_and_pattern_work);
    RUN(sandbox_should_limit_a_session_in_all);
    RUN(sandbox_should_escape_control_characters_in_messages);
    RUN(sandbox_should_report_syntax_errors_with_lines);
    RUN(sandbox_should_name_long_paths_in_full);
    RUN(sandbox_should_refuse_undeclared_globals_in_functions);
    CHECK_DONE();
}
