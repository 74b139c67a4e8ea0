/* sandbox: a Lua 5.4 state safe for untrusted scenario and rubric files: only base,
 * string, table, math and utf8; no load/loadfile/dofile/require/collectgarbage/print/
 * string.dump; text chunks only; reading an unknown global or a function assigning to one raises
 * (with the nearest name: "did you mean unanswered?"); instruction and wall-clock budgets per
 * call and for the state's whole life (a session) that pcall, xpcall handlers and C library
 * calls cannot escape; pattern searches whose worst case is too costly refused; a memory cap. */
#ifndef KEFU_SANDBOX_H
#define KEFU_SANDBOX_H

#include <stddef.h>

#include "base/kerr.h"

struct lua_State;
typedef struct Sandbox Sandbox;

/* Every field 0 means its default. A session runs in one state, so the totals are a
 * conversation's; the defaults are documented in docs/scenario-api.md. */
typedef struct SandboxLimits {
    size_t memory_bytes;     /* cap for the whole state; default 32 MiB */
    long instructions;       /* per protected call; default 20 million */
    double seconds;          /* CPU time per protected call; default 0.5 s */
    long total_instructions; /* across every call in the state; default 100 million */
    double total_seconds;    /* CPU time across every call in the state; default 1 s */
} SandboxLimits;

/* Every message about an exceeded budget (instructions, time, a session's totals) contains
 * these words, so a caller running many sessions of one file can stop after the first. */
#define SANDBOX_OVER_BUDGET "budget exceeded"

/* Whether msg reports an exceeded budget. */
int sandbox_over_budget(const char *msg);

/* The factor the default budgets (instructions and seconds, per call, per state, per file in
 * lint and test) are multiplied by: 1, or the test-only environment variable
 * KEFU_TEST_BUDGET_SCALE (above 0, at most 1), which tests of hostile scenarios set so that
 * every budget they exhaust runs out sooner. docs/scenario-api.md documents it. */
double sandbox_budget_scale(void);

/* Seconds this thread has spent running Lua code in every sandbox so far: lint and test
 * compare it before and after a file's sessions to bound the file's total. */
double sandbox_thread_seconds(void);

/* Creates a sandboxed state. limits may be NULL for defaults. Returns NULL (err filled) if
 * the state cannot be made. The caller frees it with sandbox_destroy. */
Sandbox *sandbox_create(const SandboxLimits *limits, KefuError *err);
void sandbox_destroy(Sandbox *sb);

/* The raw state, for bindings. Borrowed; valid until sandbox_destroy. */
struct lua_State *sandbox_state(Sandbox *sb);

/* Loads the text chunk buf[0..len) named chunkname (shown in messages, e.g. the file path)
 * and runs it in the sandbox's environment, leaving its single return value on the stack.
 * Returns 0, or -1 with err "file:line: message" (syntax error, runtime error, instruction
 * budget exceeded, out of memory); a syntax error that a comma missing between two table
 * fields explains says so first ("missing ',' after the field ending at line 10? (...)"). */
int sandbox_run_chunk(Sandbox *sb, const char *buf, size_t len, const char *chunkname,
                      KefuError *err);

/* Reads path with srcfile_read (a plain file, at most 1 MiB) and runs it as
 * sandbox_run_chunk does, naming the file in messages. */
int sandbox_run_file(Sandbox *sb, const char *path, KefuError *err);

/* Calls the function at stack index -(nargs+1) with nargs arguments, under the budgets and a
 * traceback-free message handler, leaving nresults results. Returns 0, or -1 with err
 * "file:line: message" (with what, e.g. "in hook on_reply", appended when given); control
 * characters in the message are escaped (base/inert), so it is safe to print. */
int sandbox_pcall(Sandbox *sb, int nargs, int nresults, const char *what, KefuError *err);

/* Pushes t[key] for the table at stack index idx without running any metamethod and returns
 * the value's type. Untrusted files' tables are read this way: an __index that raises or loops
 * must never run outside a protected, budgeted call. */
int sandbox_rawfield(struct lua_State *L, int idx, const char *key);

/* Memory currently held by the state, in bytes. */
size_t sandbox_memory(const Sandbox *sb);

#endif
