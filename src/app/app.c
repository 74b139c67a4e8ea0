/* app: creation, the clock, the screens' table and the one place the screen changes, routing
 * events, ticks and drawing to the current screen, waiting. */
#include "app_state.h"
#include "results/exam.h"
#include "app_sync.h"
#include "assets.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"

/* The screens, by Screen. */
static const ScreenOps *const screens[] = {
    [SCREEN_START] = &screen_start, [SCREEN_CHAT] = &screen_chat,
    [SCREEN_SCORE] = &screen_score, [SCREEN_HISTORY] = &screen_history,
    [SCREEN_EXAM] = &screen_exam,
    [SCREEN_REVIEW] = &screen_review,
    [SCREEN_RUSH] = &screen_rush,
};

static const ScreenOps *current(const App *app)
{
    return screens[app->screen];
}

int app_go(App *app, Screen to, int arg)
{
    /* An exam's home is its own screen: the start screen (a typed name, the mode, every
     * scenario) is never shown. */
    if (to == SCREEN_START && app->exam_def) {
        to = SCREEN_EXAM;
        arg = 0;
    }
    if (screens[to]->enter(app, app->screen, arg) < 0)
        return -1;
    app->screen = to;
    app->dirty = 1;
    return 0;
}

static uint64_t real_clock(void *ud)
{
    (void)ud;
    return SDL_GetTicks64();
}

uint64_t app_ms(App *app)
{
    return app->clock(app->clock_ud);
}

double chat_now(App *app, const Chat *c)
{
    /* Signed: a rush customer's t = 0 is in the future until they arrive. */
    return (double)(int64_t)(app_ms(app) - c->t0_ms) / 1000.0;
}

double app_now(App *app)
{
    return chat_now(app, &app->chat);
}

void app_set_clock(App *app, AppClock clock, void *ud)
{
    /* A session (or a rush) already running keeps its time: t = 0 moves onto the new clock. */
    uint64_t before = app_ms(app);
    app->clock = clock ? clock : real_clock;
    app->clock_ud = ud;
    uint64_t shift = app_ms(app) - before; /* modulo 2^64, as the clock's differences are */
    app->chat.t0_ms += shift;
    app->rb.t0_ms += shift;
    for (int i = 0; i < RUSH_MAX_CUSTOMERS; i++)
        app->rb.conv[i].t0_ms += shift;
}

void app_notice(App *app, int is_error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->notice, sizeof app->notice, fmt, ap);
    va_end(ap);
    if (is_error)
        snprintf(app->last_error, sizeof app->last_error, "%s", app->notice);
    app->dirty = 1;
}

void app_text_input(App *app, int on, const SDL_Rect *rect)
{
    if (on) {
        if (rect) {
            /* The IME wants window points; the app draws in drawable pixels. */
            float s = app->ui.scale > 0 ? app->ui.scale : 1;
            SDL_Rect pts = {(int)(rect->x / s), (int)(rect->y / s), (int)(rect->w / s) + 1,
                            (int)(rect->h / s) + 1};
            SDL_SetTextInputRect(&pts);
        }
        if (!SDL_IsTextInputActive())
            SDL_StartTextInput();
    } else if (SDL_IsTextInputActive()) {
        SDL_StopTextInput();
    }
}

int key_is(const SDL_Event *ev, SDL_Keycode k)
{
    return ev->type == SDL_KEYDOWN && ev->key.keysym.sym == k;
}

int key_ctrl(const SDL_Event *ev)
{
    return (ev->key.keysym.mod & KMOD_CTRL) != 0;
}

int key_shift(const SDL_Event *ev)
{
    return (ev->key.keysym.mod & KMOD_SHIFT) != 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Creation.                                                                                  */

static char *dup_or(const char *s, const char *fallback)
{
    const char *v = s && *s ? s : fallback;
    return v ? strdup(v) : NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the folder's scenario files into the empty App.scenarios; keep stands in for the file
 * at its path (see app_reload_scenarios). */
static void load_scenarios(App *app, Scenario *keep)
{
    const char *dir = app->scenarios_dir;
    PlatDir *d = plat_opendir(dir);
    if (!d) {
        snprintf(app->scenario_errors, sizeof app->scenario_errors, "%s: 无法打开场景文件夹", dir);
        return;
    }
    char **names = NULL;
    int n = 0, cap = 0;
    const char *e; /* the name */
    while ((e = plat_readdir(d))) {
        size_t len = strlen(e);
        if (len < 5 || strcmp(e + len - 4, ".lua") != 0 || strcmp(e, "rubric.lua") == 0 ||
            e[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(names, (size_t)cap * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        names[n] = strdup(e);
        if (names[n])
            n++;
    }
    plat_closedir(d);
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, by_name);
    app->scenarios = calloc((size_t)n + 1, sizeof *app->scenarios);
    int kept = -1;
    for (int i = 0; i < n; i++) {
        char path[1024];
        KefuError err = {{0}};
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (keep && app->scenarios && kept < 0 && strcmp(path, keep->path) == 0) {
            /* Just loaded (and checked) by the caller: not read a second time. */
            kept = app->nscenarios;
            app->scenarios[app->nscenarios++] = keep;
            free(names[i]);
            continue;
        }
        Scenario *sc = app->scenarios ? scenario_load(path, app->rubric, &err) : NULL;
        if (sc) {
            app->scenarios[app->nscenarios++] = sc;
        } else {
            size_t used = strlen(app->scenario_errors);
            snprintf(app->scenario_errors + used, sizeof app->scenario_errors - used, "%s%s",
                     used ? "\n" : "", err.msg);
        }
        free(names[i]);
    }
    free(names);
    if (keep && kept < 0 && app->scenarios) {
        /* A scenario from outside the folder (kefu play --scenario PATH) stays listed. */
        kept = app->nscenarios;
        app->scenarios[app->nscenarios++] = keep;
    }
    if (kept >= 0)
        app->sel = kept;
}

void app_load_scenarios(App *app)
{
    load_scenarios(app, NULL);
}

void app_reload_scenarios(App *app, Scenario *keep)
{
    for (int i = 0; i < app->nscenarios; i++)
        if (app->scenarios[i] != keep)
            scenario_destroy(app->scenarios[i]);
    free(app->scenarios);
    app->scenarios = NULL;
    app->nscenarios = 0;
    app->scenario_errors[0] = 0;
    load_scenarios(app, keep);
    if (keep && app->nscenarios == 0) {
        /* Out of memory while listing: keep must not be lost (the chat borrows it). */
        app->scenarios = malloc(sizeof *app->scenarios);
        if (app->scenarios) {
            app->scenarios[0] = keep;
            app->nscenarios = 1;
            app->sel = 0;
        }
    }
    if (app->sel >= app->nscenarios)
        app->sel = app->nscenarios ? app->nscenarios - 1 : 0;
}

/* The name remembered from the last launch, unless kefu play was given one. A broken settings
 * file is named on stderr and otherwise ignored. */
static void recall_name(App *app, const AppOptions *opt)
{
    KefuError err = {{0}};
    if (settings_path(app->settings_path, sizeof app->settings_path) < 0)
        return;
    if (settings_load(app->settings_path, &app->settings, &err) < 0) {
        fprintf(stderr, "kefu play: warning: %s (the file is ignored)\n", err.msg);
        return;
    }
    if (opt->trainee || !app->settings.trainee[0])
        return;
    if (app->exam_def)
        app_exam_pick(app, app->settings.trainee); /* only when it is on the roster */
    else
        textedit_insert(&app->name, app->settings.trainee, strlen(app->settings.trainee));
}

void app_remember_name(App *app)
{
    const char *name = app->name.buf ? app->name.buf : "";
    if (!app->settings_path[0] || !settings_name_ok(name) ||
        strcmp(name, app->settings.trainee) == 0)
        return;
    Settings next = app->settings;
    snprintf(next.trainee, sizeof next.trainee, "%s", name);
    KefuError err = {{0}};
    if (settings_save(app->settings_path, &next, &err) < 0) {
        fprintf(stderr, "kefu play: warning: the name is not remembered: %s\n", err.msg);
        return;
    }
    app->settings = next;
}

/* KEFU_UI_SCALE enlarges everything (and lets tests draw as a 2x screen would); 1 unset. */
static float env_scale(void)
{
    const char *env = getenv("KEFU_UI_SCALE");
    return env && atof(env) >= 0.5 && atof(env) <= 4 ? (float)atof(env) : 1.0f;
}

static float drawable_scale(SDL_Window *win, SDL_Renderer *r)
{
    int ww = 0, wh = 0, dw = 0, dh = 0;
    SDL_GetWindowSize(win, &ww, &wh);
    SDL_GetRendererOutputSize(r, &dw, &dh);
    float s = ww > 0 && dw > 0 ? (float)dw / (float)ww : 1.0f;
    return s * env_scale();
}

static void update_size(App *app)
{
    SDL_GetRendererOutputSize(app->r, &app->ui.w, &app->ui.h);
    float s = drawable_scale(app->win, app->r);
    if (s != app->ui.scale) {
        KefuError err = {{0}};
        if (font_set_scale(app->fonts, s, &err) < 0)
            app_notice(app, 1, "%s", err.msg);
        app->ui.scale = s;
    }
    app->dirty = 1;
}

/* kefu play --rush FILE: the rush is listed (added when it is not in the folder) and, with a
 * trainee, its workbench opens at once. A rush that does not load is the error. */
static int open_rush(App *app, KefuError *err)
{
    /* An id is a file of the scenarios folder's rush/, as kefu run finds it. */
    char path[2048];
    const char *o = app->rush_opt;
    size_t len = strlen(o);
    if (!strchr(o, '/') && (len < 4 || strcmp(o + len - 4, ".lua") != 0))
        snprintf(path, sizeof path, "%s/%s/%s.lua", app->scenarios_dir, RUSH_FOLDER, o);
    else
        snprintf(path, sizeof path, "%s", o);
    RushSpec *spec = rush_load(path, app->scenarios_dir, err);
    if (!spec)
        return -1;
    int found = -1;
    for (int i = 0; i < app->nrushes && found < 0; i++)
        if (strcmp(app->rushes[i]->path, spec->path) == 0 ||
            strcmp(app->rushes[i]->id, spec->id) == 0)
            found = i;
    if (found >= 0) {
        rush_spec_destroy(spec);
    } else {
        RushSpec **v = realloc(app->rushes, (size_t)(app->nrushes + 1) * sizeof *v);
        if (!v) {
            rush_spec_destroy(spec);
            kerr_set(err, "kefu play: out of memory");
            return -1;
        }
        app->rushes = v;
        found = app->nrushes++;
        app->rushes[found] = spec;
    }
    app->rush_sel = found;
    if (!textedit_blank(&app->name) && app_go(app, SCREEN_RUSH, found) < 0) {
        kerr_set(err, "%s", app->notice);
        return -1;
    }
    return 0;
}

App *app_create(SDL_Window *win, SDL_Renderer *r, const AppOptions *opt, KefuError *err)
{
    App *app = calloc(1, sizeof *app);
    if (!app) {
        kerr_set(err, "kefu play: out of memory");
        return NULL;
    }
    app->win = win;
    app->r = r;
    app->clock = real_clock;
    app->scenario_opt = dup_or(opt->scenario, NULL);
    app->scenarios_dir = dup_or(scenario_dir(opt->scenarios_dir), ".");
    app->results_dir = dup_or(opt->results_dir, plat_results_dir());
    app->seed = opt->seed;
    app->exam = opt->mode && strcmp(opt->mode, "exam") == 0;
    app->rush_sel = -1;
    app->rush_opt = dup_or(opt->rush, NULL);
    app->chat.typing_start = -1;
    app->hist.detail_for = -1;
    textedit_init(&app->name, 64, 0);
    textedit_init(&app->chat.edit, INPUT_LIMIT, 1);
    if (opt->trainee)
        textedit_insert(&app->name, opt->trainee, strlen(opt->trainee));

    char rubric_path[1024];
    snprintf(rubric_path, sizeof rubric_path, "%s/rubric.lua", app->scenarios_dir);
    app->rubric = rubric_load(rubric_path, err);
    if (!app->rubric)
        goto fail;

    /* The layout holds from APP_MIN_W x APP_MIN_H points up; KEFU_UI_SCALE makes every part
     * bigger, so the window's least size grows with it. A smaller window grows to it. */
    SDL_SetWindowMinimumSize(win, (int)(APP_MIN_W * env_scale()), (int)(APP_MIN_H * env_scale()));
    app->ui.r = r;
    app->ui.scale = drawable_scale(win, r);
    SDL_GetRendererOutputSize(r, &app->ui.w, &app->ui.h);
    app->fonts = font_create(app->ui.scale, err);
    if (!app->fonts)
        goto fail;
    app->ui.fonts = app->fonts;

    app_load_scenarios(app);
    app_load_rushes(app);
    assets_set_icon(win); /* none found: the default icon, nothing wrong */
    if (opt->exam && app->rush_opt) {
        kerr_set(err, "%s: a rush cannot be sat as an exam (no --rush with --exam)", opt->exam);
        goto fail;
    }
    if (opt->exam) {
        if (app->scenario_opt) {
            kerr_set(err, "%s: an exam names its own scenarios (no --scenario)", opt->exam);
            goto fail;
        }
        if (app_exam_load(app, opt->exam, err) < 0)
            goto fail;
        if (opt->trainee && app_exam_pick(app, opt->trainee) < 0) {
            kerr_set(err, "\"%s\" is not on the roster of the exam \"%s\" (%s)", opt->trainee,
                     app->exam_def->title, opt->exam);
            goto fail;
        }
    }
    recall_name(app, opt);
    /* What a crash or a kill left unfinished is saved first (so it counts as an attempt), and
     * the first screen says so. */
    app_recover(app);
    app_go(app, SCREEN_START, app->name.len ? SF_LIST : SF_NAME);
    if (app->exam_def && opt->trainee)
        app->ev.focus = EF_SCENARIOS; /* the name was given: Enter starts the first sitting */
    app_sync(app->results_dir, NULL);

    if (app->scenario_opt) {
        /* An asked-for scenario must exist: say which and why, rather than open a list. */
        char path[1024];
        if (scenario_resolve(app->scenarios_dir, app->scenario_opt, path, sizeof path, err) < 0)
            goto fail;
        int found = -1;
        for (int i = 0; i < app->nscenarios && found < 0; i++)
            if (strcmp(app->scenarios[i]->id, app->scenario_opt) == 0 ||
                strcmp(app->scenarios[i]->path, path) == 0)
                found = i;
        if (found < 0) {
            Scenario *sc = scenario_load(path, app->rubric, err);
            if (!sc)
                goto fail;
            Scenario **v =
                realloc(app->scenarios, (size_t)(app->nscenarios + 1) * sizeof *app->scenarios);
            if (!v) {
                scenario_destroy(sc);
                kerr_set(err, "kefu play: out of memory");
                goto fail;
            }
            app->scenarios = v;
            app->scenarios[app->nscenarios] = sc;
            found = app->nscenarios++;
        }
        app->sel = found;
        if (!textedit_blank(&app->name) && app_go(app, SCREEN_CHAT, found) < 0) {
            kerr_set(err, "%s", app->notice);
            goto fail;
        }
    } else if (app->rush_opt && open_rush(app, err) < 0) {
        goto fail;
    }
    return app;
fail:
    app_destroy(app);
    return NULL;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    /* Never lose work: a session still open is saved as abandoned. */
    if (current(app)->quit)
        current(app)->quit(app);
    /* A bounded wait for an upload still running (app_sync.h): the result is already in the
     * folder and its outbox either way. */
    app_sync_quit();
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
        if (screens[i]->deinit)
            screens[i]->deinit(app);
    app_score_clear(app);
    app_exam_free(app);
    textedit_deinit(&app->name);
    textedit_deinit(&app->chat.edit);
    for (int i = 0; i < app->nscenarios; i++)
        scenario_destroy(app->scenarios[i]);
    free(app->scenarios);
    app_free_rushes(app);
    free(app->rush_opt);
    rubric_destroy(app->rubric);
    ui_deinit(&app->ui);
    font_destroy(app->fonts);
    free(app->scenario_opt);
    free(app->scenarios_dir);
    free(app->results_dir);
    free(app);
}

/* ------------------------------------------------------------------------------------------ */
/* The loop's parts.                                                                          */

/* Closing: the current screen saves what must not be lost (an open session, as abandoned)
 * before anything else happens. */
static void quit(App *app)
{
    if (current(app)->quit)
        current(app)->quit(app);
    app->quit = 1;
}

int app_handle_event(App *app, const SDL_Event *ev)
{
    if (app_sync_is_event(ev)) {
        app->dirty = 1; /* the background upload ended: the status line changed */
        return 1;
    }
    switch (ev->type) {
    case SDL_QUIT:
        /* Save first: whatever happens after a quit request, the transcript is on disk. */
        quit(app);
        return 0;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_CLOSE) {
            quit(app);
            return 0;
        }
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            ev->window.event == SDL_WINDOWEVENT_RESIZED ||
            ev->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED)
            update_size(app);
        if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
            ev->window.event == SDL_WINDOWEVENT_SHOWN ||
            ev->window.event == SDL_WINDOWEVENT_RESTORED)
            app->dirty = 1;
        return app->dirty;
    case SDL_TEXTEDITING_EXT:
        /* A composition too long for SDL_TEXTEDITING (SDL_HINT_IME_SUPPORT_EXTENDED_TEXT): the
         * screen shows it, and the text is ours to free. */
        if (current(app)->event(app, ev))
            app->dirty = 1;
        SDL_free(ev->editExt.text);
        return app->dirty;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        app->dirty = 1;
        return 1;
    case SDL_KEYDOWN:
        if (key_is(ev, SDLK_q) && key_ctrl(ev)) {
            quit(app);
            return 0;
        }
        break;
    default:
        break;
    }
    if (current(app)->event(app, ev))
        app->dirty = 1;
    return app->dirty;
}

int app_tick(App *app)
{
    if (current(app)->tick && current(app)->tick(app))
        app->dirty = 1;
    return app->dirty;
}

int app_render(App *app, int force)
{
    if (!app->dirty && !force)
        return 0;
    app->dirty = 0;
    ui_begin_frame(&app->ui);
    ui_colour(&app->ui, C_BG);
    SDL_RenderClear(app->r);
    current(app)->draw(app);
    SDL_RenderPresent(app->r);
    app->frames++;
    return 1;
}

int app_wait_ms(App *app)
{
    if (app->dirty)
        return 0;
    return current(app)->wait_ms ? current(app)->wait_ms(app) : -1;
}

int app_pump(App *app)
{
    SDL_Event ev;
    int n = 0;
    while (SDL_PollEvent(&ev)) {
        app_handle_event(app, &ev);
        n++;
    }
    app_tick(app);
    app_render(app, 0);
    return n;
}

int app_should_quit(const App *app)
{
    return app->quit;
}

Screen app_screen(const App *app)
{
    return app->screen;
}

const char *app_last_result(const App *app)
{
    return app->last_result;
}

const char *app_last_error(const App *app)
{
    return app->last_error;
}

const char *app_input_text(const App *app)
{
    /* In a rush: the draft of the conversation shown. */
    const TextEdit *e = app->screen == SCREEN_RUSH && app->rb.rush && !app->rb.done
                            ? &app->rb.conv[app->rb.sel].edit
                            : &app->chat.edit;
    return e->buf ? e->buf : "";
}

const char *app_composition(const App *app)
{
    if (app->screen == SCREEN_RUSH && app->rb.rush && !app->rb.done)
        return app->rb.conv[app->rb.sel].edit.comp;
    return app->chat.edit.comp;
}

int app_frames(const App *app)
{
    return app->frames;
}
