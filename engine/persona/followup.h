/* followup: the follow-up questions a persona asks before she decides (docs/scenario-api.md,
 * "Follow-up questions"): `follow_ups` checked at load, `s:follow_up` and the engine's
 * handling of the replies while she asks. */
#ifndef KEFU_FOLLOWUP_H
#define KEFU_FOLLOWUP_H

#include "lua/luadata.h"

struct lua_State;

/* Checks the `follow_ups` of the scenario table on the top of d->L's stack (absent is fine):
 * a list of {ask = key, reask = key, words = {...}} whose keys name entries of `lines`, and
 * an optional `state` among the nstates names in states (default "details", which must then
 * be declared). Returns 0, or -1 after reporting "file:line: 'follow_ups[2].words' ..." with
 * luadata_fail. Leaves the stack as it found it. */
int followup_check(LuaData *d, char *const *states, int nstates);

/* s:follow_up(state, key [, outcome]): a lua_CFunction for the `s` methods. She starts
 * asking the scenario's follow_ups about the reply being handled (followup_begin): the
 * first one it has not answered already, in the follow-up state; when it answered all, it
 * is s:go(state, key, outcome) at once, and otherwise that is what the engine does once
 * she has asked the last. Raises on bad arguments or a scenario without follow_ups. */
int followup_l_start(struct lua_State *L);

/* Before a hook runs: the normalised reply it handles (NULL for hooks without one), which
 * s:follow_up matches the questions against. Raises only on running out of memory. */
void followup_begin(struct lua_State *L, const char *norm);

/* After on_reply ran for the reply given to followup_begin, with s at stack index s_idx:
 * when she is asking follow-ups, is in the follow-up state and the hook did nothing that
 * answered the reply (acted 0: said nothing, did not move, finish or re-ask), the engine
 * answers it: her next unanswered question, s:reask(reask) when the reply missed the one she
 * asked, or the decision s:follow_up was given after the last. Runs under the hook's
 * protected call and raises like the s methods it calls. */
void followup_reply(struct lua_State *L, int s_idx, int acted);

#endif
