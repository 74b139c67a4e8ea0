/* reload: F5's reload and replay, with lint's static scan before the old session is let go. */
#include "authoring/reload.h"

#include <stdio.h>
#include <string.h>

#include "authoring/lint_source.h"
#include "lua/luadata.h"

void reload_deinit(Replayed *r)
{
    if (!r)
        return;
    session_destroy(r->session);
    scenario_destroy(r->scenario);
    rubric_destroy(r->rubric);
    memset(r, 0, sizeof *r);
}

int reload_replay(const char *scenario_path, const char *rubric_path, unsigned long seed,
                  const ReplayReply *replies, int n, double now, Replayed *out, KefuError *err)
{
    memset(out, 0, sizeof *out);
    /* The rubric loader reads its table outside a protected call, so its data is checked for
     * metatables first; scenario_load checks a scenario's itself. */
    if (luadata_check_file(rubric_path, err) < 0 ||
        !(out->rubric = rubric_load(rubric_path, err)) ||
        !(out->scenario = scenario_load(scenario_path, out->rubric, err)))
        goto fail;

    /* The loader passes a file whose customer lines or outcomes are broken in ways only a
     * later turn would hit; lint's static scan catches those now, while the old session
     * still stands. */
    LintReport rep = {0};
    lint_source(scenario_path, out->scenario->text, out->scenario->text_len, out->scenario,
                out->rubric, &rep);
    for (int i = 0; i < rep.n; i++)
        if (!rep.v[i].warning) {
            kerr_set(err, "%s", rep.v[i].text);
            break;
        }
    int lint_errors = rep.errors;
    lint_report_deinit(&rep);
    if (lint_errors)
        goto fail;

    SessionConfig cfg = {out->scenario, out->rubric, seed};
    if (!(out->session = session_create(&cfg, err)) || session_start(out->session, err) < 0)
        goto fail;
    double last = 0;
    int first_dropped = -1;
    for (int i = 0; i < n; i++) {
        const ReplayReply *r = &replies[i];
        if (r->t > last)
            last = r->t;
        if (!session_accepts_replies(out->session)) {
            if (first_dropped < 0)
                first_dropped = i;
            out->dropped++;
            continue;
        }
        int rc = session_reply(out->session, r->t, r->text ? r->text : "", r->text ? r->len : 0,
                               r->typing_s, err);
        if (rc == -1)
            goto fail;
        if (rc >= 0)
            out->replayed++;
    }
    if (session_advance(out->session, now >= 0 && now > last ? now : last, err) < 0)
        goto fail;
    if (out->dropped)
        snprintf(out->note, sizeof out->note,
                 "重新加载后，顾客在你的第 %d 条回复之前已经结束了对话（%s），后面 %d "
                 "条回复没有重放。",
                 first_dropped + 1, outcome_label(session_outcome(out->session)), out->dropped);
    return 0;
fail:
    reload_deinit(out);
    return -1;
}
