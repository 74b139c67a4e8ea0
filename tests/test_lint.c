/* Unit tests for engine/lint: the Lua source scan, field lines, and whole-file checks. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "authoring/lint.h"
#include "lua/luasrc.h"

static Rubric *rubric;

/* Scans src (named t.lua) and returns every message joined by newlines. The fragments use
 * s, reply, r and name as a hook's code would: declared on the first line, so lines stay. */
static const char *scan(const char *src)
{
    static char all[8192], text[8192];
    LintReport r = {0};
    snprintf(text, sizeof text, "local s, reply, r, name; %s", src);
    lint_source("t.lua", text, strlen(text), NULL, rubric, &r);
    all[0] = '\0';
    for (int i = 0; i < r.n; i++) {
        strncat(all, r.v[i].text, sizeof all - strlen(all) - 2);
        strcat(all, "\n");
    }
    lint_report_deinit(&r);
    return all;
}

static void lint_should_find_lines_of_nested_fields(void)
{
    const char *src = "-- tests = { not this one }\n"
                      "local x = [[ tests = { nor this } ]]\n"
                      "return {\n"
                      "  on_reply = function(s, r) local a, b = 1, 2; if a then s:say('x') end end,\n"
                      "  tests = {\n"
                      "    { name = \"one\", replies = { {after = 1, text = \"a,b}\"} },\n"
                      "      expect = { outcome = \"sale\" } },\n"
                      "    { name = \"two\",\n"
                      "      replies = {\n"
                      "        {after = 1, text = \"x\"},\n"
                      "        {after = 2, text = \"y\"},\n"
                      "      },\n"
                      "      expect = {\n"
                      "        outcome = \"won\",\n"
                      "      } },\n"
                      "  },\n"
                      "}\n";
    size_t n = strlen(src);
    CHECK_INT(luasrc_line(src, n, "tests"), ==, 5);
    CHECK_INT(luasrc_line(src, n, "tests[1]"), ==, 6);
    CHECK_INT(luasrc_line(src, n, "tests[1].expect.outcome"), ==, 7);
    CHECK_INT(luasrc_line(src, n, "tests[2]"), ==, 8);
    CHECK_INT(luasrc_line(src, n, "tests[2].replies[2]"), ==, 11);
    CHECK_INT(luasrc_line(src, n, "tests[2].replies[2].text"), ==, 11);
    CHECK_INT(luasrc_line(src, n, "tests[2].expect.outcome"), ==, 14);
    /* A step that is not there: the deepest one found. */
    CHECK_INT(luasrc_line(src, n, "tests[2].expect.says"), ==, 13);
    CHECK_INT(luasrc_line(src, n, "nothing"), ==, 0);
}

static void lint_should_check_customer_lines_after_decoding_escapes(void)
{
    CHECK_STR(scan("s:say('好的')\ns:say \"嗯\"\ns:say([[长\n字符串]])"), "");
    CHECK_CONTAINS(scan("\n\ns:say(\"\")"), "t.lua:3: empty customer line in s:say");
    CHECK_CONTAINS(scan("s:say('   ')"), "t.lua:1: blank customer line in s:say");
    CHECK_CONTAINS(scan("s:say('ok\\xff')"), "t.lua:1: customer line in s:say is not valid UTF-8 "
                                            "(byte 3): \"ok\\xff\"");
    CHECK_CONTAINS(scan("s:say('\\u{D800}')"), "not valid UTF-8");
    CHECK_CONTAINS(scan("s:say('\\237\\160\\128')"), "not valid UTF-8");
    CHECK_STR(scan("s:say('\\u{4EB2}\\z\n   好')"), "");
    CHECK_STR(scan("s:say('\\230\\136\\145')"), ""); /* 我 in decimal escapes */
    /* Concatenation: only a literal that is the whole argument is a line. */
    CHECK_STR(scan("s:say('' .. name)"), "");
    /* Comments and long strings are not code. */
    CHECK_STR(scan("-- s:say('')\n--[==[ s:say('') ]==]\nlocal t = [[ s:say('') ]]"), "");
}

static void lint_should_check_pick_lists_and_line_tables(void)
{
    CHECK_CONTAINS(scan("s:say(s:pick{'a', '', 'c'})"), "t.lua:1: empty customer line in "
                                                       "s:pick{...}");
    CHECK_CONTAINS(scan("s:pick({'a',\n 'b\\xc3'})"), "t.lua:2: customer line in s:pick{...} "
                                                     "is not valid UTF-8");
    CHECK_CONTAINS(scan("local L = {\n open = {'a', 'b'},\n bye = {'c', ''},\n}\n"
                        "local function say(s, k) s:say(s:pick(L[k])) end"),
                   "t.lua:3: empty customer line in L (read by s:pick)");
    CHECK_STR(scan("local L = { open = {'a', 'b'} }\nlocal x = s:pick(L.open)"), "");
    /* A pick of prefixes concatenated elsewhere is not checked when not a line table. */
    CHECK_STR(scan("local pre = s:pick{'a', 'b'} .. ''"), "");
}

static void lint_should_check_outcomes_and_hits(void)
{
    CHECK_CONTAINS(scan("s:finish('won')"), "t.lua:1: s:finish(\"won\"): the outcome must be one "
                                            "of sale, resolved, left, escalated");
    CHECK_STR(scan("s:finish('sale') s:finish(\"left\") s:finish('resolved')"), "");
    CHECK_CONTAINS(scan("if reply.hits.two_choise_close then end"),
                   "t.lua:1: reply.hits.two_choise_close: unknown principle id");
    CHECK_CONTAINS(scan("local h = reply.hits\nif h.aplogy then end"),
                   "t.lua:2: reply.hits.aplogy: unknown principle id 'aplogy'");
    CHECK_CONTAINS(scan("if r.hits['arguin'] then end"), "unknown principle id 'arguin'");
    CHECK_STR(scan("local h = reply.hits\nif h.apology or reply.hits.arguing then end"), "");
    /* A name also bound to something else is not taken for the hits. */
    CHECK_STR(scan("local h = reply.hits\nh = {}\nif h.whatever then end"), "");
}

static void lint_should_warn_on_word_lists_the_rubric_judges(void)
{
    LintReport r = {0};
    const char *src = "local s, reply; if s:mentions(reply.norm, \"价\", \"便宜\") then end\n"
                      "if s:mentions(reply.norm, \"价\",\n  \"嫌贵就别买\") then end\n";
    CHECK_INT(lint_source("t.lua", src, strlen(src), NULL, rubric, &r), ==, 0);
    CHECK_INT(r.warnings, ==, 1);
    CHECK_INT(r.errors, ==, 0);
    CHECK_STR(r.n == 1 ? r.v[0].text : "",
              "t.lua:3: warning: \"嫌贵就别买\" in s:mentions is what the rubric judges as "
              "cold_reply; react to reply.hits.cold_reply so the customer and the scorecard "
              "agree");
    lint_report_deinit(&r);
    /* Topic words are no principle, whole replies of one word notwithstanding. */
    CHECK_STR(scan("s:mentions(reply.norm, \"处理\", \"补发\", \"物流\")"), "");
}

static void lint_should_catch_undeclared_names(void)
{
    /* The typo on the left of an assignment that passed lint, tests and explored runs. */
    CHECK_STR(scan("local unanswered = 0\n"
                   "return { on_reply = function(s, reply)\n"
                   "  unanswerd = unanswered + 1\n"
                   "  if unanswerd > 2 then s:finish('left') end\n"
                   "end }"),
              "t.lua:3: assignment to undeclared global 'unanswerd' (also on line 4); did you "
              "mean unanswered?\n");
    CHECK_STR(scan("local function f()\n  count = 1\nend"),
              "t.lua:2: assignment to undeclared global 'count' (declare it at the top of the "
              "file: local count)\n");
    CHECK_STR(scan("local patience = 60\nlocal function f() return patiense * 2 end"),
              "t.lua:2: unknown global 'patiense' (not available in scenario files; did you mean "
              "patience?)\n");
    /* Scopes as Lua has them: parameters, for variables, locals of a block, methods' self,
     * table keys, fields, the file's own globals, what the sandbox provides. */
    CHECK_STR(scan("local t = {a = 1, b = {c = 2}}\n"
                   "defined_here = 0\n"
                   "local M = {}\n"
                   "function M:go(x, ...) return self, x, t.a, string.format('%d', #t) end\n"
                   "local function g(a, b)\n"
                   "  for i = 1, a do defined_here = defined_here + i end\n"
                   "  for k, v in pairs(t) do local y <const> = v; b = k .. tostring(y) end\n"
                   "  do local z = 1; a = z end\n"
                   "  repeat local w = a until w\n"
                   "  if a then local q = 1; a = q elseif b then a = 2 else a = 3 end\n"
                   "  goto done\n"
                   "  ::done::\n"
                   "  return math.max(a, 1), t.b.c, {[a] = b}, _ENV\n"
                   "end"),
              "");
    /* A local's scope ends with its block. */
    CHECK_STR(scan("local function f()\n  do local inner = 1 end\n  return inner\nend"),
              "t.lua:3: unknown global 'inner' (not available in scenario files)\n");
    /* Top-level assignments define globals, functions named at the top level too. */
    CHECK_STR(scan("function helper() return 1 end\nlocal function f() return helper() end"), "");
}

static void lint_should_suggest_the_nearest_state_line_and_principle(void)
{
    const char *head = "local lines = { open = {'a'}, two_choice = {'b'} }\n"
                       "return { lines = lines, states = {'asking', 'decided'},\n"
                       "  on_reply = function(s, reply)\n";
    char src[1024];
    snprintf(src, sizeof src, "%s%s", head,
             "    s:state('decidd'); s:line('two_choise')\n"
             "    if reply.hits.two_choice_clos then s:line('open') end\n"
             "    s:state('zzz')\n  end }");
    CHECK_STR(scan(src),
              "t.lua:4: s:state(\"decidd\"): state 'decidd' is not declared in states; did you "
              "mean decided?\n"
              "t.lua:4: s:line(\"two_choise\"): no line 'two_choise' in lines; did you mean "
              "two_choice?\n"
              "t.lua:5: reply.hits.two_choice_clos: unknown principle id 'two_choice_clos'; did "
              "you mean two_choice_close? (it would never be true; see rubric.lua for the ids)\n"
              "t.lua:6: s:state(\"zzz\"): state 'zzz' is not declared in states\n");
    /* Keys that are not all literal: no guess about what s:line may read. */
    CHECK_STR(scan("local k = 'x'\nreturn { lines = { [k] = {'a'} }, start = function(s) "
                   "s:line('y') end }"),
              "");
}

static void lint_should_report_problems_in_line_order(void)
{
    const char *all = scan("s:finish('won')\ns:say('')\ns:say('x\\xff')");
    const char *a = strstr(all, "t.lua:1:"), *b = strstr(all, "t.lua:2:"),
               *c = strstr(all, "t.lua:3:");
    CHECK(a && b && c && a < b && b < c);
}

static void lint_should_tell_rubrics_from_scenarios(void)
{
    CHECK_INT(lint_is_rubric("scenarios/rubric.lua"), ==, 1);
    CHECK_INT(lint_is_rubric("tests/data/lint/bad_rubric_threshold.lua"), ==, 1);
    CHECK_INT(lint_is_rubric("tests/data/lint/good.lua"), ==, 0);
    CHECK_INT(lint_is_rubric("tests/data/lint/syntax_error.lua"), ==, 0);
}

static void lint_should_pass_a_good_scenario_and_count_what_it_ran(void)
{
    LintReport r = {0};
    CHECK_INT(lint_scenario("tests/data/lint/good.lua", rubric, &r), ==, 0);
    CHECK_INT(r.errors, ==, 0);
    CHECK_INT(r.warnings, ==, 0);
    CHECK_INT(r.tests, ==, 2);
    CHECK_INT(r.states_declared, ==, 2);
    CHECK_INT(r.states_reached, ==, 2);
    CHECK_INT(r.smoke_runs, >, 10);
    lint_report_deinit(&r);
}

static void lint_should_accumulate_over_files(void)
{
    LintReport r = {0};
    lint_scenario("tests/data/lint/unreached_state.lua", rubric, &r);
    lint_scenario("tests/data/lint/wrong_type.lua", rubric, &r);
    CHECK_INT(r.errors, ==, 1);
    CHECK_INT(r.warnings, ==, 1);
    CHECK_INT(r.n, ==, 2);
    CHECK(r.n == 2 && r.v[0].warning && !r.v[1].warning);
    if (r.n == 2)
        CHECK_CONTAINS(r.v[0].text, "unreached_state.lua:22: warning: state 'haggling'");
    lint_report_deinit(&r);
}

int main(void)
{
    KefuError err;
    rubric = rubric_load("scenarios/rubric.lua", &err);
    if (!rubric) {
        fprintf(stderr, "cannot load the rubric: %s\n", err.msg);
        return 1;
    }
    RUN(lint_should_find_lines_of_nested_fields);
    RUN(lint_should_check_customer_lines_after_decoding_escapes);
    RUN(lint_should_check_pick_lists_and_line_tables);
    RUN(lint_should_check_outcomes_and_hits);
    RUN(lint_should_warn_on_word_lists_the_rubric_judges);
    RUN(lint_should_catch_undeclared_names);
    RUN(lint_should_suggest_the_nearest_state_line_and_principle);
    RUN(lint_should_report_problems_in_line_order);
    RUN(lint_should_tell_rubrics_from_scenarios);
    RUN(lint_should_pass_a_good_scenario_and_count_what_it_ran);
    RUN(lint_should_accumulate_over_files);
    rubric_destroy(rubric);
    CHECK_DONE();
}
