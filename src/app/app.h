/* app: the trainee's workbench as state plus event handling, apart from the window: it takes
 * SDL events and a clock, drives the engine (the same calls as kefu run), and draws its
 * screens (start, chat, scorecard, history) with any SDL renderer, so tests run it offscreen. */
#ifndef KEFU_APP_APP_H
#define KEFU_APP_APP_H

#include <SDL.h>
#include <stdint.h>

#include "base/kerr.h"

typedef struct App App;

typedef enum Screen {
    SCREEN_START,
    SCREEN_CHAT,
    SCREEN_SCORE,
    SCREEN_HISTORY,
    SCREEN_EXAM,
    SCREEN_REVIEW,
    SCREEN_RUSH
} Screen;

/* What kefu play was asked for. Strings are copied by app_create. */
typedef struct AppOptions {
    const char *scenario;      /* id or path: go straight into its chat (with a trainee) */
    const char *trainee;       /* the trainee's name */
    const char *mode;          /* "practice" (default) or "exam" */
    const char *scenarios_dir; /* NULL: scenario_dir's search */
    const char *results_dir;   /* NULL: "results" */
    unsigned long seed;        /* 0: from the clock */
    const char *exam;          /* an exam file (docs/exams.md): the roster picker, mode exam */
    const char *rush; /* a rush file (docs/rush.md): straight into its workbench (with a trainee) */
} AppOptions;

/* Milliseconds from any fixed origin; the app's session clock is built on it. */
typedef uint64_t (*AppClock)(void *ud);

/* The smallest window, in points, at which every screen's parts fit without overlapping
 * (tests/test_gui_layout.c checks it); app_create sets it, times KEFU_UI_SCALE, as the
 * window's minimum size. */
#define APP_MIN_W 800
#define APP_MIN_H 600

/* Loads the rubric and the scenarios and opens the fonts for renderer's scale. The window
 * and renderer are borrowed and must outlive the app. With a scenario and a trainee in opt
 * the chat starts at once; with an exam the exam's roster picker shows instead of the start
 * screen. Returns NULL with err (which file, what) when the rubric, the fonts, the exam (or a
 * scenario it lists) or the asked-for scenario cannot be loaded. Free with app_destroy. */
App *app_create(SDL_Window *win, SDL_Renderer *r, const AppOptions *opt, KefuError *err);

/* Saves an unfinished session (outcome abandoned) and frees everything. NULL is ignored. */
void app_destroy(App *app);

/* Replaces the clock (tests drive a virtual one); a running session's time carries on. */
void app_set_clock(App *app, AppClock clock, void *ud);

/* Handles one event: keys, text input and composition, mouse, wheel, window changes, quit.
 * Returns 1 when the screen needs redrawing. */
int app_handle_event(App *app, const SDL_Event *ev);

/* Moves the session to the clock's now (customer messages due, nudges, the wait timer's
 * second). Returns 1 when the screen needs redrawing. */
int app_tick(App *app);

/* Draws the current screen when something changed since the last draw (or always, with
 * force) and presents it. Returns 1 when it drew. */
int app_render(App *app, int force);

/* How long the main loop may sleep waiting for events before app_tick has work: the next
 * customer message or idle check, the wait timer's next second; -1 for forever. */
int app_wait_ms(App *app);

/* Processes every queued event, ticks and renders: one turn of the main loop without
 * sleeping. Returns the number of events handled. */
int app_pump(App *app);

/* The user asked to quit (window closed, Ctrl+Q). */
int app_should_quit(const App *app);

Screen app_screen(const App *app);

/* The results file the last finished session was written to ("" when none). */
const char *app_last_result(const App *app);

/* The last problem shown to the user ("" when none): engine errors, failed saves. */
const char *app_last_error(const App *app);

/* The text in the chat input box (in a rush, the shown conversation's) and whether a
 * composition is showing (for tests). */
const char *app_input_text(const App *app);
const char *app_composition(const App *app);

/* Frame time statistics since start: frames drawn and the slowest frame in ms. */
int app_frames(const App *app);

#endif
