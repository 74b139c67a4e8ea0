/* reload: F5 in the chat: the scenario and the rubric read again from disk and the trainee's
 * replies so far replayed with them, or, when a file is broken, its lint message in a banner
 * while the old session goes on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "authoring/reload.h"

#define TOAST_MS 4000      /* how long "已重新载入 …" stays */
#define TOAST_NOTE_MS 9000 /* longer when it says that some replies were not replayed */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void clear_toast(Chat *c)
{
    c->toast_msg[0] = 0;
    c->toast_until = 0;
    textblock_deinit(&c->toast);
}

void reload_dismiss(App *app)
{
    Chat *c = &app->chat;
    c->banner_msg[0] = 0;
    c->banner_rect = (SDL_Rect){0, 0, 0, 0};
    textblock_deinit(&c->banner);
    app->dirty = 1;
}

/* The failure: the old session is untouched; the message stays until dismissed or until a
 * reload works. */
static void show_banner(App *app, const char *msg)
{
    Chat *c = &app->chat;
    clear_toast(c);
    snprintf(c->banner_msg, sizeof c->banner_msg, "%s", msg);
    snprintf(app->last_error, sizeof app->last_error, "%s", msg);
    textblock_deinit(&c->banner);
    textblock_init(&c->banner, FONT_BODY, C_TEXT);
    textblock_set(&c->banner, app->fonts, c->banner_msg, strlen(c->banner_msg), 0, 0);
    app->dirty = 1;
}

static void show_toast(App *app, const char *scenario_path, const char *note)
{
    Chat *c = &app->chat;
    snprintf(c->toast_msg, sizeof c->toast_msg, "已重新载入 %.255s 和 rubric.lua%s%.511s",
             base_name(scenario_path), *note ? "\n" : "", note);
    textblock_deinit(&c->toast);
    textblock_init(&c->toast, FONT_BODY, C_WHITE);
    textblock_set(&c->toast, app->fonts, c->toast_msg, strlen(c->toast_msg), 0, 0);
    c->toast_until = app_ms(app) + (*note ? TOAST_NOTE_MS : TOAST_MS);
    app->dirty = 1;
}

int reload_chat(App *app)
{
    Chat *c = &app->chat;
    if (!c->session || !c->scenario)
        return -1;
    KefuError err = {{0}};
    Replayed rp;
    memset(&rp, 0, sizeof rp);

    /* The agent's messages as they were sent: the text, when (on the session clock, which
     * carries on at the same now) and how long each took to type. They are borrowed from the
     * old transcript, which stays as it is until the replay has worked. */
    const Transcript *t = session_transcript(c->session);
    ReplayReply *replies = calloc((size_t)(t->n > 0 ? t->n : 1), sizeof *replies);
    if (!replies) {
        show_banner(app, "kefu play: out of memory");
        return -1;
    }
    int n = 0;
    for (int i = 0; i < t->n; i++) {
        const Message *m = &t->msgs[i];
        if (m->from != FROM_AGENT)
            continue;
        replies[n].t = m->t;
        replies[n].typing_s = m->typing_s;
        replies[n].text = m->text;
        replies[n].len = m->len;
        n++;
    }
    char scenario_path[1024], rubric_path[1024];
    snprintf(scenario_path, sizeof scenario_path, "%s", c->scenario->path);
    snprintf(rubric_path, sizeof rubric_path, "%s/rubric.lua", app->scenarios_dir);
    int rc =
        reload_replay(scenario_path, rubric_path, c->seed, replies, n, app_now(app), &rp, &err);
    free(replies);
    if (rc < 0) {
        show_banner(app, err.msg[0] ? err.msg : "重新载入失败（没有说明原因）");
        return -1;
    }

    /* Take the new ones. The old session goes first: it borrows the old scenario and rubric. */
    session_destroy(c->session);
    c->session = rp.session;
    app_journal_restart(app); /* the journal follows the replayed session */
    Rubric *old_rubric = app->rubric;
    app->rubric = rp.rubric;
    c->scenario = rp.scenario;
    /* The other scenarios were checked against the old rubric (principle ids, thresholds), so
     * the list is read again with the new one; the replayed scenario takes its own place in
     * it and the old one is freed with the rest. */
    app_reload_scenarios(app, rp.scenario);
    rubric_destroy(old_rubric);

    reload_dismiss(app);
    chat_rebuild(app);
    c->reloads++;
    show_toast(app, scenario_path, rp.note);
    app->notice[0] = 0;
    return 0;
}
