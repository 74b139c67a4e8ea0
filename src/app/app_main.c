/* kefu play: opens the workbench window and runs the event loop (events in, engine calls,
 * render), sleeping until an event, the next customer message or the wait timer's tick; a stop
 * signal or a lost display saves the session like quitting does. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "app_state.h"
#include "app_sync.h"
#include "commands.h"
#include "base/platform.h"
#include "base/stopsignal.h"
#include "base/text.h"
#include "store/db.h"

const char cmd_play_usage[] =
    "usage: kefu play [--scenario ID] [--trainee NAME] [--mode practice|exam] "
    "[--scenarios DIR] [--results DIR] [--seed N] [--size WxH]\n"
    "       kefu play --exam FILE [--trainee NAME] [--scenarios DIR] [--results DIR] "
    "[--size WxH]\n"
    "       kefu play --rush FILE|ID [--trainee NAME] [--scenarios DIR] [--results DIR] "
    "[--seed N] [--size WxH]\n";

static int usage(void)
{
    fputs(cmd_play_usage, stderr);
    return EXIT_USAGE;
}

static double mono_ms(void)
{
    return plat_monotonic() * 1e3;
}

/* KEFU_TEST_INPUT_LOG=FILE, for tests/e2e_gui_xvfb.sh: the app appends "ready" once its first
 * frame is drawn, then "input<TAB>text" each time the chat's input line holds other text (a
 * newline written as \n, a backslash as \\), so a test typing through the real window waits
 * for each key to arrive rather than sleeping. *last is the text last written (malloc'd). */
static void input_log(FILE *f, char **last, const char *now)
{
    if (!f || (*last && strcmp(*last, now) == 0))
        return;
    free(*last);
    *last = strdup(now);
    fputs("input\t", f);
    for (const char *p = now; *p; p++) {
        if (*p == '\n' || *p == '\\')
            fputc('\\', f);
        fputc(*p == '\n' ? 'n' : *p, f);
    }
    fputc('\n', f);
    fflush(f);
}

/* ------------------------------------------------------------------------ stopping */

/* SIGTERM, SIGHUP (the terminal that started kefu closed) or SIGINT: the handler only notes it;
 * the loop, which never sleeps longer than STOP_POLL_MS, turns it into a quit, which saves the
 * session as abandoned like closing the window does. */
#define STOP_POLL_MS 250

/* The display going away (the X server dies, or its connection breaks) makes Xlib end the
 * process with exit() from inside SDL. The app still open then is saved here, with engine calls
 * only: nothing may touch the display any more. */
static App *live_app;

static void save_at_exit(void)
{
    App *app = live_app;
    live_app = NULL;
    if (app)
        app_save_now(app);
}

/* ------------------------------------------------------------------------ test hooks */

/* KEFU_TEST_TYPE=FILE, test only (tests/e2e_journal.sh): one message per line, typed into the
 * chat and sent with Enter, one every TYPE_EVERY_MS while the chat accepts replies, as a
 * trainee would, so a test can kill the app in the middle of a session. */
#define TYPE_EVERY_MS 40

typedef struct TestTyping {
    FILE *f;
    double next_ms;
} TestTyping;

static void test_type(App *app, TestTyping *tt)
{
    char line[2048];
    if (!tt->f || app_screen(app) != SCREEN_CHAT || !app->chat.session ||
        !session_accepts_replies(app->chat.session) || app_input_text(app)[0] ||
        mono_ms() < tt->next_ms)
        return;
    if (!fgets(line, sizeof line, tt->f)) {
        fclose(tt->f);
        tt->f = NULL;
        return;
    }
    line[strcspn(line, "\r\n")] = '\0';
    SDL_Event ev;
    /* SDL_TEXTINPUT holds 31 bytes: longer text arrives as several, cut between characters. */
    for (size_t at = 0, n = strlen(line); at < n;) {
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_TEXTINPUT;
        size_t took = SDL_utf8strlcpy(ev.text.text, line + at, sizeof ev.text.text);
        if (took == 0)
            break;
        app_handle_event(app, &ev);
        at += took;
    }
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = SDLK_RETURN;
    ev.key.keysym.scancode = SDL_SCANCODE_RETURN;
    app_handle_event(app, &ev);
    tt->next_ms = mono_ms() + TYPE_EVERY_MS;
}

int cmd_play(int argc, char **argv)
{
    double started = mono_ms();
    AppOptions opt = {0};
    int w = 1100, h = 760;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "play") == 0 && i == 1)
            continue; /* kefu --trainee X arrives here with argv[0] = "kefu" */
        if (i + 1 >= argc) {
            fprintf(stderr, "kefu play: %s needs a value\n", a);
            return usage();
        }
        const char *v = argv[++i];
        if (strcmp(a, "--scenario") == 0)
            opt.scenario = v;
        else if (strcmp(a, "--trainee") == 0)
            opt.trainee = v;
        else if (strcmp(a, "--mode") == 0) {
            if (strcmp(v, "practice") != 0 && strcmp(v, "exam") != 0) {
                fprintf(stderr, "kefu play: --mode must be practice or exam, got '%s'\n", v);
                return EXIT_USAGE;
            }
            opt.mode = v;
        } else if (strcmp(a, "--scenarios") == 0)
            opt.scenarios_dir = v;
        else if (strcmp(a, "--results") == 0)
            opt.results_dir = v;
        else if (strcmp(a, "--exam") == 0)
            opt.exam = v;
        else if (strcmp(a, "--rush") == 0)
            opt.rush = v;
        else if (strcmp(a, "--db") == 0 && !db_available()) {
            fprintf(stderr, "kefu play: %s\n", DB_NONE_MESSAGE);
            return EXIT_BAD_INPUT;
        } else if (strcmp(a, "--db") == 0)
            app_sync_set_url(v);
        else if (strcmp(a, "--seed") == 0) {
            char *end = NULL;
            opt.seed = strtoul(v, &end, 10);
            if (!*v || *end) {
                fprintf(stderr, "kefu play: --seed needs a whole number, got '%s'\n", v);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--size") == 0) {
            if (sscanf(v, "%dx%d", &w, &h) != 2 || w < APP_MIN_W || h < APP_MIN_H) {
                fprintf(stderr, "kefu play: --size needs WxH (at least %dx%d), got '%s'\n",
                        APP_MIN_W, APP_MIN_H, v);
                return EXIT_USAGE;
            }
        } else {
            fprintf(stderr, "kefu play: unknown option %s\n", a);
            return usage();
        }
    }
    /* An exam fixes the mode, the scenarios and their seeds (as kefu run --exam). */
    if (opt.exam && (opt.scenario || opt.seed || (opt.mode && strcmp(opt.mode, "exam") != 0))) {
        fprintf(stderr, "kefu play: --exam takes the scenarios, their seeds and the mode from the "
                        "exam (no --scenario, --seed or --mode practice)\n");
        return EXIT_USAGE;
    }
    if (opt.trainee && !text_valid_utf8(opt.trainee, strlen(opt.trainee), NULL)) {
        fprintf(stderr, "kefu play: --trainee is not valid UTF-8\n");
        return EXIT_USAGE;
    }

    /* Our own handlers, not SDL's (which turn only SIGINT and SIGTERM into a quit). */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    stopsignal_catch();
    /* The software renderer without Mesa's EGL: the same pixels in a fifth of the memory. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
    SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
    /* Long pinyin compositions arrive whole as SDL_TEXTEDITING_EXT, not cut at 31 bytes. */
    SDL_SetHint(SDL_HINT_IME_SUPPORT_EXTENDED_TEXT, "1");
    /* main is ours, not SDL_main (Windows): SDL is told it may start. */
    SDL_SetMainReady();
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "kefu play: cannot open the display: %s\n", SDL_GetError());
        return EXIT_BAD_INPUT;
    }
    /* With no display SDL falls back to its invisible offscreen driver: the app would run
     * where nobody can see it. Only tests ask for that, by naming the driver. */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) &&
        !(asked && strcmp(asked, driver) == 0)) {
        fprintf(stderr, "kefu play: no display found (DISPLAY and WAYLAND_DISPLAY are not set); "
                        "run kefu on a desktop, or use the headless commands (kefu run, kefu "
                        "--help)\n");
        SDL_Quit();
        return EXIT_BAD_INPUT;
    }
    double t_sdl = mono_ms();
    int rc = EXIT_BAD_INPUT;
    SDL_Renderer *ren = NULL;
    App *app = NULL;
    SDL_Window *win = SDL_CreateWindow("客服训练营", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       w, h, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!win) {
        fprintf(stderr, "kefu play: cannot open a window: %s\n", SDL_GetError());
        goto done;
    }
    ren = SDL_CreateRenderer(win, -1, 0);
    if (!ren) {
        fprintf(stderr, "kefu play: cannot draw in the window: %s\n", SDL_GetError());
        goto done;
    }
    KefuError err = {{0}};
    double t_win = mono_ms();
    app = app_create(win, ren, &opt, &err);
    double t_app = mono_ms();
    if (!app) {
        fprintf(stderr, "kefu play: %s\n", err.msg);
        goto done;
    }
    live_app = app;
    static int exit_hook;
    if (!exit_hook++)
        atexit(save_at_exit);
    app_render(app, 1);
    /* KEFU_TRACE_STARTUP=1 says how long the first frame took (bench/bench_gui_xvfb.sh). */
    if (getenv("KEFU_TRACE_STARTUP"))
        fprintf(stderr,
                "kefu play: first frame after %.1f ms (%s: SDL %.1f, window %.1f, rubric, "
                "scenarios and fonts %.1f, drawing %.1f)\n",
                mono_ms() - started, SDL_GetCurrentVideoDriver(), t_sdl - started, t_win - t_sdl,
                t_app - t_win, mono_ms() - t_app);
    const char *log_path = getenv("KEFU_TEST_INPUT_LOG");
    FILE *input_file = log_path && *log_path ? plat_fopen(log_path, "a") : NULL;
    char *logged = NULL;
    if (input_file) {
        fputs("ready\n", input_file);
        input_log(input_file, &logged, app_input_text(app));
    } else if (log_path && *log_path) {
        fprintf(stderr, "kefu play: %s: cannot open for appending\n", log_path);
    }
    const char *type_path = getenv("KEFU_TEST_TYPE");
    TestTyping typing = {type_path && *type_path ? plat_fopen(type_path, "r") : NULL, 0};
    int stopped_by = 0;
    while (!app_should_quit(app)) {
        SDL_Event ev;
        int ms = app_wait_ms(app);
        /* Never asleep for long: a stop signal is seen within STOP_POLL_MS. */
        if (ms < 0 || ms > STOP_POLL_MS)
            ms = STOP_POLL_MS;
        if (typing.f && ms > TYPE_EVERY_MS / 2)
            ms = TYPE_EVERY_MS / 2;
        if (stopsignal_pending()) {
            /* Saved like closing the window: the quit event's path. */
            stopped_by = stopsignal_pending();
            memset(&ev, 0, sizeof ev);
            ev.type = SDL_QUIT;
            app_handle_event(app, &ev);
            break;
        }
        if (SDL_WaitEventTimeout(&ev, ms)) {
            app_handle_event(app, &ev);
            while (!app_should_quit(app) && SDL_PollEvent(&ev))
                app_handle_event(app, &ev);
        }
        test_type(app, &typing);
        app_tick(app);
        app_render(app, 0);
        input_log(input_file, &logged, app_input_text(app));
    }
    if (typing.f)
        fclose(typing.f);
    if (stopped_by)
        fprintf(stderr, "kefu play: stopped by %s\n", stopsignal_name(stopped_by));
    free(logged);
    if (input_file)
        fclose(input_file);
    if (app_last_result(app)[0])
        fprintf(stderr, "kefu play: saved %s\n", app_last_result(app));
    rc = app_last_error(app)[0] && strstr(app_last_error(app), "没能保存") ? EXIT_BAD_INPUT
                                                                           : EXIT_OK;
done:
    live_app = NULL;
    app_destroy(app);
    if (ren)
        SDL_DestroyRenderer(ren);
    if (win)
        SDL_DestroyWindow(win);
    SDL_Quit();
    return rc;
}
