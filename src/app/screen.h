/* screen: what a screen of the app is (one table of what it does on entering, on an event, as
 * time passes and when drawn) and app_go, the one way to move the app to another screen. */
#ifndef KEFU_APP_SCREEN_H
#define KEFU_APP_SCREEN_H

#include <SDL.h>

#include "app.h"

/* A screen's operations. enter, event and draw are required; the others may be NULL. Each
 * screen_*.c defines one table; only app.c looks them up, and screens reach each other only
 * through app_go. */
typedef struct ScreenOps {
    /* The app moves here from screen from; arg is the screen's own (see app_go). Returns 0,
     * or -1 to stay where the app is (App.notice says why). */
    int (*enter)(App *app, Screen from, int arg);
    /* One event (keys, text input, IME compositions, SDL_TEXTEDITING_EXT included, whose text
     * the app frees afterwards, mouse, wheel). Returns 1 when the screen needs redrawing. */
    int (*event)(App *app, const SDL_Event *ev);
    /* Time passed (the session's messages, the wait timer). Returns 1 to redraw. */
    int (*tick)(App *app);
    /* Draws the screen into the cleared frame. */
    void (*draw)(App *app);
    /* How long the loop may sleep before tick has work, in ms; -1 for forever. */
    int (*wait_ms)(App *app);
    /* The app is closing while this screen shows: save what must not be lost. */
    void (*quit)(App *app);
    /* Frees what the screen holds (the app is being destroyed). */
    void (*deinit)(App *app);
} ScreenOps;

extern const ScreenOps screen_start;
extern const ScreenOps screen_chat;
extern const ScreenOps screen_score;
extern const ScreenOps screen_history;
extern const ScreenOps screen_exam;
extern const ScreenOps screen_review;
extern const ScreenOps screen_rush;

/* Moves the app to screen to: the new screen's enter runs with arg and, when it worked, the new
 * screen is current and the app redraws. This is the only place the current screen changes.
 * What arg means:
 *   SCREEN_START    the StartFocus to take, or -1 to keep the last one;
 *   SCREEN_CHAT     the index in App.scenarios to start a session of;
 *   SCREEN_SCORE    nothing (0): the scorecard shows App.score;
 *   SCREEN_HISTORY  1 to read the results folder afresh, 0 to come back to the list as left;
 *   SCREEN_EXAM     nothing (0): the roster and the attempts are counted afresh;
 *   SCREEN_REVIEW   nothing (0): marks judgements of the past session App.score shows;
 *   SCREEN_RUSH     the index in App.rushes to start, or -1 to come back to the rush's
 *                   scorecard (from a customer's scorecard).
 * In an exam (App.exam_def set) the exam's screen is home: SCREEN_START means SCREEN_EXAM.
 * Returns 0, or -1 when enter failed: the app stays where it was and App.notice says why. */
int app_go(App *app, Screen to, int arg);

#endif
