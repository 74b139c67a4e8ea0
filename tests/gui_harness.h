/* gui_harness: what the GUI tests share: one hidden window with a software renderer under SDL's
 * offscreen driver, a virtual clock the app reads, scripted SDL events (keys, IME compositions
 * and commits, resizes), screenshots saved as PNGs under $KEFU_TEST_OUT/screens with pixel
 * counts over them, and the running session's transcript. Header-only: every function is static
 * inline, and each tests/test_gui_*.c that includes it has its own copy of the state `gui`. */
#ifndef KEFU_GUI_HARNESS_H
#define KEFU_GUI_HARNESS_H

#include <SDL.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "shot.h"

typedef struct GuiHarness {
    SDL_Window *win;
    SDL_Renderer *ren;
    uint64_t clock_ms;         /* the virtual clock: what the app reads as now, in ms */
    const char *scenarios_dir; /* the folder gui_make_app's apps list */
    char out_dir[1024];        /* $KEFU_TEST_OUT, or build/test-out */
    char results_dir[1100];    /* out_dir/<the folder the test named>, where sessions are saved */
    char config_dir[1200];     /* XDG_CONFIG_HOME for the apps: results_dir-config */
    int keep_settings;         /* gui_make_app keeps the name an earlier app remembered */
} GuiHarness;

static GuiHarness gui = {.clock_ms = 1000, .scenarios_dir = "scenarios"};

static inline uint64_t gui_clock(void *ud)
{
    (void)ud;
    return gui.clock_ms;
}

/* ---- Files ------------------------------------------------------------------------------- */

/* The whole file at path (caller frees), or NULL after printing why; a failed read is a failed
 * check. */
static inline char *gui_read_text(const char *path)
{
    KefuError err = {{0}};
    size_t n = 0;
    char *t = kerr_read_file(path, &n, &err);
    if (!t)
        fprintf(stderr, "  %s\n", err.msg);
    CHECK(t != NULL);
    return t;
}

/* The JSON file at path parsed (caller deletes), or NULL. */
static inline cJSON *gui_read_json(const char *path)
{
    char *t = gui_read_text(path);
    cJSON *j = t ? cJSON_Parse(t) : NULL;
    free(t);
    return j;
}

/* Removes the files in dir (not the folder itself, nor names starting with a dot). */
static inline void gui_empty_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[2200];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        remove(p);
    }
    closedir(d);
}

/* ---- The window -------------------------------------------------------------------------- */

/* The settings file the apps remember the trainee's name in (under gui.config_dir). */
static inline void gui_settings_path(char *buf, size_t size)
{
    snprintf(buf, size, "%s/kefu/settings", gui.config_dir);
}

/* Forgets the name an earlier app remembered. */
static inline void gui_forget_settings(void)
{
    char p[1300];
    gui_settings_path(p, sizeof p);
    remove(p);
}

/* Makes the output folders (out_dir, its screens/ and results_name/), starts SDL's video on the
 * offscreen driver (unless SDL_VIDEODRIVER says otherwise) and opens a resizable 1100x760 window
 * titled title with a software renderer. Returns 0, or -1 after printing SDL's reason. */
static inline int gui_open(const char *title, const char *results_name)
{
    const char *o = getenv("KEFU_TEST_OUT");
    snprintf(gui.out_dir, sizeof gui.out_dir, "%s", o && *o ? o : "build/test-out");
    snprintf(gui.results_dir, sizeof gui.results_dir, "%s/%s", gui.out_dir, results_name);
    char screens[1200];
    snprintf(screens, sizeof screens, "%s/screens", gui.out_dir);
    mkdir(gui.out_dir, 0777);
    mkdir(screens, 0777);
    mkdir(gui.results_dir, 0777);
    /* The apps remember names here, never in the real user's ~/.config. */
    snprintf(gui.config_dir, sizeof gui.config_dir, "%s-config", gui.results_dir);
    mkdir(gui.config_dir, 0777);
    setenv("XDG_CONFIG_HOME", gui.config_dir, 1);
    gui_forget_settings();
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return -1;
    }
    gui.win = SDL_CreateWindow(title, 0, 0, 1100, 760, SDL_WINDOW_RESIZABLE);
    gui.ren = gui.win ? SDL_CreateRenderer(gui.win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!gui.ren) {
        fprintf(stderr, "no renderer: %s\n", SDL_GetError());
        return -1;
    }
    return 0;
}

static inline void gui_close(void)
{
    SDL_DestroyRenderer(gui.ren);
    SDL_DestroyWindow(gui.win);
    SDL_Quit();
}

/* An app on the harness's window and clock, saving to results_dir and listing scenarios_dir,
 * with seed 7 unless extra (may be NULL) names another or an exam. No name is remembered from
 * an earlier app unless gui.keep_settings. The caller destroys it; NULL is a failed check,
 * with app_create's message printed. */
static inline App *gui_make_app(const AppOptions *extra)
{
    AppOptions opt = {0};
    if (extra)
        opt = *extra;
    opt.results_dir = gui.results_dir;
    opt.scenarios_dir = gui.scenarios_dir;
    if (!opt.seed && !opt.exam)
        opt.seed = 7;
    if (!gui.keep_settings)
        gui_forget_settings();
    KefuError err = {{0}};
    App *app = app_create(gui.win, gui.ren, &opt, &err);
    if (!app)
        fprintf(stderr, "app_create: %s\n", err.msg);
    CHECK(app != NULL);
    if (app)
        app_set_clock(app, gui_clock, NULL);
    return app;
}

/* ---- Events and time --------------------------------------------------------------------- */

/* A key pressed and released. */
static inline void gui_push_key(SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = mod;
    ev.key.windowID = SDL_GetWindowID(gui.win);
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
}

/* A key pressed and released, and the app pumped once to take it. */
static inline void gui_press(App *app, SDL_Keycode sym, Uint16 mod)
{
    gui_push_key(sym, mod);
    app_pump(app);
}

/* An IME commit: SDL_TEXTINPUT carries at most 31 bytes, so a long commit arrives as several
 * events, each cut on a character boundary (SDL_utf8strlcpy never splits a character). Returns
 * how many events it took. */
static inline int gui_push_text(const char *s)
{
    int events = 0;
    size_t n = strlen(s);
    while (n > 0) {
        SDL_Event ev = {0};
        ev.type = SDL_TEXTINPUT;
        ev.text.windowID = SDL_GetWindowID(gui.win);
        size_t took = SDL_utf8strlcpy(ev.text.text, s, sizeof ev.text.text);
        if (took == 0) /* one byte that is not UTF-8 at all: send it alone */
            ev.text.text[0] = s[0], took = 1;
        SDL_PushEvent(&ev);
        s += took;
        n -= took;
        events++;
    }
    return events;
}

/* Raw bytes in one event, however broken (at most 31 of them). */
static inline void gui_push_raw_text(const char *bytes)
{
    SDL_Event ev = {0};
    ev.type = SDL_TEXTINPUT;
    ev.text.windowID = SDL_GetWindowID(gui.win);
    size_t n = strlen(bytes);
    if (n >= sizeof ev.text.text)
        n = sizeof ev.text.text - 1;
    memcpy(ev.text.text, bytes, n);
    SDL_PushEvent(&ev);
}

/* An IME composition (pinyin not yet committed) with the cursor at byte cursor. */
static inline void gui_push_editing(const char *comp, int cursor)
{
    SDL_Event ev = {0};
    ev.type = SDL_TEXTEDITING;
    ev.edit.windowID = SDL_GetWindowID(gui.win);
    SDL_utf8strlcpy(ev.edit.text, comp, sizeof ev.edit.text);
    ev.edit.start = cursor;
    ev.edit.length = 0;
    SDL_PushEvent(&ev);
}

/* Resizes the window as a user would (the size-changed event included) and pumps the app. */
static inline void gui_resize(App *app, int w, int h)
{
    SDL_SetWindowSize(gui.win, w, h);
    SDL_Event ev = {0};
    ev.type = SDL_WINDOWEVENT;
    ev.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    ev.window.data1 = w;
    ev.window.data2 = h;
    SDL_PushEvent(&ev);
    app_pump(app);
}

/* Lets virtual time pass in steps of 250 ms, pumping the app at each. */
static inline void gui_advance(App *app, double seconds)
{
    for (double t = 0; t < seconds; t += 0.25) {
        gui.clock_ms += 250;
        app_pump(app);
    }
}

/* A left click at (x, y) in window points (a double click with clicks 2), pumped. */
static inline void gui_click(App *app, int x, int y, int clicks)
{
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.windowID = SDL_GetWindowID(gui.win);
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.state = SDL_PRESSED;
    ev.button.clicks = (Uint8)clicks;
    ev.button.x = x;
    ev.button.y = y;
    SDL_PushEvent(&ev);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
    app_pump(app);
}

/* The mouse at (x, y) and the wheel turned by dy notches (positive: away from the user), pumped. */
static inline void gui_wheel(App *app, int x, int y, int dy)
{
    SDL_WarpMouseInWindow(gui.win, x, y);
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEMOTION;
    ev.motion.windowID = SDL_GetWindowID(gui.win);
    ev.motion.x = x;
    ev.motion.y = y;
    SDL_PushEvent(&ev);
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEWHEEL;
    ev.wheel.windowID = SDL_GetWindowID(gui.win);
    ev.wheel.y = dy;
    ev.wheel.mouseX = x;
    ev.wheel.mouseY = y;
    ev.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
    SDL_PushEvent(&ev);
    app_pump(app);
}

/* The centre of the last frame's click target whose rectangle lies inside within (any, when
 * within is NULL) with argument arg, in window points: 1, or 0 when there is none. */
static inline int gui_target_centre(App *app, const SDL_Rect *within, int arg, int *x, int *y)
{
    for (int i = 0; i < app->ui.ntargets; i++) {
        const UiTarget *t = &app->ui.targets[i];
        SDL_Rect r = t->rect;
        if (t->arg != arg || (within && !SDL_HasIntersection(&r, within)))
            continue;
        *x = (int)((r.x + r.w / 2) / app->ui.scale);
        *y = (int)((r.y + r.h / 2) / app->ui.scale);
        return 1;
    }
    return 0;
}

/* The marked part name of the last frame (ui_mark), or a zero rectangle (a failed check). */
static inline SDL_Rect gui_marked(App *app, const char *name)
{
    SDL_Rect r = {0, 0, 0, 0};
    int found = ui_marked(&app->ui, name, &r);
    if (!found)
        fprintf(stderr, "  nothing marked \"%s\" on screen %d\n", name, (int)app_screen(app));
    CHECK(found);
    return r;
}

/* ---- Pixels ------------------------------------------------------------------------------ */

static inline Uint32 gui_pixel(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

/* Pixels in r (clipped to the surface) whose distance from colour c, the sum of the three
 * channels' differences, lies strictly between lo and hi. */
static inline long gui_count_between(SDL_Surface *s, SDL_Rect r, SDL_Color c, int lo, int hi)
{
    long n = 0;
    for (int y = r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x; x < r.x + r.w && x < s->w; x++) {
            Uint8 cr, cg, cb;
            SDL_GetRGB(gui_pixel(s, x, y), s->format, &cr, &cg, &cb);
            int d = abs(cr - c.r) + abs(cg - c.g) + abs(cb - c.b);
            n += d > lo && d < hi;
        }
    return n;
}

/* Pixels in r that differ from colour bg by more than a little. */
static inline long gui_count_not(SDL_Surface *s, SDL_Rect r, SDL_Color bg)
{
    return gui_count_between(s, r, bg, 30, INT_MAX);
}

/* Pixels in r within a small distance of colour c. */
static inline long gui_count_near(SDL_Surface *s, SDL_Rect r, SDL_Color c)
{
    return gui_count_between(s, r, c, -1, 24);
}

/* Renders the current screen, saves it as screens/NAME.png and returns its pixels (caller
 * frees), or NULL; a missing or tiny PNG is a failed check. */
static inline SDL_Surface *gui_screenshot(App *app, const char *name)
{
    app_render(app, 1);
    SDL_Surface *s = shot_read(gui.ren);
    CHECK(s != NULL);
    if (!s)
        return NULL;
    char path[1200];
    snprintf(path, sizeof path, "%s/screens/%s.png", gui.out_dir, name);
    KefuError err = {{0}};
    CHECK_INT(shot_write_png(s, path, &err), ==, 0);
    struct stat st;
    CHECK(stat(path, &st) == 0 && st.st_size > 1000);
    return s;
}

/* A screen is not blank: many pixels away from the background, in many colours. */
static inline void gui_check_not_blank(SDL_Surface *s, const char *name)
{
    long busy = gui_count_not(s, (SDL_Rect){0, 0, s->w, s->h}, C_BG);
    if (busy <= (long)s->w * s->h / 20)
        fprintf(stderr, "  screen %s is nearly blank\n", name);
    CHECK_INT(busy, >, (long)s->w * s->h / 20);
}

/* Saves the current screen as screens/NAME.png for the docs and a reader's eye; nothing is
 * checked in its pixels. */
static inline void gui_save_screenshot(App *app, const char *name)
{
    SDL_FreeSurface(gui_screenshot(app, name));
}

/* Saves the current screen as screens/NAME.png and checks that it is not blank. */
static inline void gui_check_screenshot(App *app, const char *name)
{
    SDL_Surface *s = gui_screenshot(app, name);
    if (s)
        gui_check_not_blank(s, name);
    SDL_FreeSurface(s);
}

/* ---- The conversation -------------------------------------------------------------------- */

/* The chat's transcript, or NULL when no session runs; valid until the next pump. */
static inline const Transcript *gui_transcript(App *app)
{
    return app->chat.session ? session_transcript(app->chat.session) : NULL;
}

/* How many messages in the transcript came from who. */
static inline int gui_count_from(App *app, Sender who)
{
    const Transcript *t = gui_transcript(app);
    int n = 0;
    for (int i = 0; t && i < t->n; i++)
        n += t->msgs[i].from == who;
    return n;
}

/* The k-th message (from 0) from who, or NULL; valid until the next pump. */
static inline const Message *gui_nth_from(App *app, Sender who, int k)
{
    const Transcript *t = gui_transcript(app);
    for (int i = 0; t && i < t->n; i++)
        if (t->msgs[i].from == who && k-- == 0)
            return &t->msgs[i];
    return NULL;
}

#endif
