/* lint_globals: the static check of a scenario's names: a function assigning to a name no
 * `local` declares (a typo: `unanswerd = unanswered + 1`), and any name read that is neither
 * a local, a global the file defines at its top level, nor one the sandbox provides. */
#ifndef KEFU_LINT_GLOBALS_H
#define KEFU_LINT_GLOBALS_H

#include "lua/luasrc.h"

/* Called once per undeclared name (its first use; later lines are listed in the message):
 * line and a message without the file ("assignment to undeclared global 'unanswerd'; did
 * you mean unanswered?"). */
typedef void (*LintGlobalFn)(void *ud, int line, const char *msg);

/* Walks the tokens of a source that compiles, resolving each name through the scopes Lua
 * would (blocks, function parameters, for variables, local and local function), and reports
 * through found. Returns the number reported, or -1 out of memory (some may be missing). */
int lint_globals(const LuaSrc *t, LintGlobalFn found, void *ud);

#endif
