/* explore_bank: the replies exploration draws from that know the persona: its self-tests'
 * replies, answers made of its product card, and the rubric's technique phrasings that the
 * persona's scorecard rewards. */
#ifndef KEFU_EXPLORE_BANK_H
#define KEFU_EXPLORE_BANK_H

#include "base/kerr.h"
#include "judge/rubric.h"
#include "authoring/selftest.h"
#include "persona/persona.h"

/* ExploreBank itself is declared in authoring/selftest.h, where exploration reads it. */

/* Builds the bank for sc (its self-tests read with selftest_load; a file whose tests cannot be
 * read gives the other sources only). Returns 0, or -1 out of memory (err). The caller frees
 * out with explore_bank_deinit, also after a failure. */
int explore_bank_build(ExploreBank *out, const Scenario *sc, Rubric *rubric, KefuError *err);
void explore_bank_deinit(ExploreBank *b);

#endif
