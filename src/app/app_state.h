/* app_state: the App's insides, shared by app.c and the screens (and tests that look at the
 * state); nothing else should need them. The screens' operations are in screen.h. */
#ifndef KEFU_APP_APP_STATE_H
#define KEFU_APP_APP_STATE_H

#include <time.h>

#include "app.h"
#include "doc.h"
#include "font.h"
#include "persona/persona.h"
#include "persona/rush.h"
#include "results/record.h"
#include "judge/rubric.h"
#include "judge/scorecard.h"
#include "persona/session.h"
#include "screen.h"
#include "settings.h"
#include "textblock.h"
#include "textedit.h"
#include "ui.h"

#define INPUT_LIMIT 40000 /* bytes in the chat box: a 10,000-character paste fits */

/* One message of the conversation as shown: its paragraph and, in practice, its hits. */
typedef struct MsgView {
    TextBlock body;
    TextBlock good; /* practice mode: "✓ 热情问候（手册 002 欢迎和欢送）" lines, may be empty */
    TextBlock bad; /* practice mode: the violations, with the words that made them */
    int y, h;      /* in the conversation's content, pixels */
} MsgView;

enum ChatFocus { CF_INPUT, CF_EMOJI, CF_SEND, CF_END, CF_COUNT };

typedef struct Chat {
    Session *session;
    struct Journal *journal; /* the session's journal (app_record.c), NULL when none */
    const Scenario *scenario; /* borrowed from App.scenarios */
    unsigned long seed;
    time_t started_at;
    uint64_t t0_ms; /* the clock at t = 0 */
    TextEdit edit;
    TextBlock edit_tb; /* the input as drawn: text with the composition at the caret */
    int edit_dirty;
    int edit_scroll;     /* pixels the input box is scrolled */
    double typing_start; /* session time of the first keystroke or composition; -1 none */
    MsgView *views;
    int nviews;
    int capviews;
    int laid_w; /* the width the views were laid out for */
    int scroll; /* conversation scroll, pixels from its top */
    int content_h;
    int view_h;
    int stick;  /* follow new messages (the trainee has not scrolled up) */
    int unseen; /* messages arrived while scrolled up */
    int focus;  /* enum ChatFocus */
    int picker; /* the emoticon picker is open */
    int picker_sel;
    int confirm;     /* "end the session?" is asked */
    long shown_wait; /* the whole seconds the timer shows (to redraw on change) */
    int shown_typing;
    int shown_mood;
    Outcome shown_outcome;
    int shown_n;
    Doc card;            /* the product card */
    SDL_Rect input_rect; /* where the input box was drawn (for the IME rect) */
    int side_x;          /* where the product card's column starts (0: hidden) */
    /* F5 (reload.c): a failed reload leaves a banner until dismissed; one that worked, a
     * toast for a few seconds. */
    char banner_msg[1024]; /* "file:line: message" ("" when no banner) */
    TextBlock banner;
    SDL_Rect banner_rect; /* where it was drawn (for tests: never over the input box) */
    char toast_msg[1024]; /* "已重新载入 haggler.lua 和 rubric.lua" (+ the note), "" none */
    TextBlock toast;
    uint64_t toast_until; /* clock ms at which the toast goes */
    int reloads;          /* reloads that worked in this session */
    /* A conversation of a rush (screen_rush.c): replies go through rush_reply to customer
     * rush_index, who arrived rush_at seconds into the rush; NULL for a single session. */
    struct Rush *rush;
    int rush_index;
    double rush_at;
} Chat;

/* The rush workbench (workbench.c starts, saves and scores it; screen_rush.c shows it):
 * several customers at once on one clock, a Chat each (its own draft, scroll and card). */
typedef struct RushBench {
    RushSpec *spec; /* the rush played (owned); NULL when none */
    struct Rush *rush;
    Chat conv[RUSH_MAX_CUSTOMERS];
    int n;
    int sel;                             /* the conversation shown */
    int unread[RUSH_MAX_CUSTOMERS];      /* customer messages come in while not shown */
    int arrived[RUSH_MAX_CUSTOMERS];     /* arrivals the list has signalled */
    long shown_wait[RUSH_MAX_CUSTOMERS]; /* whole seconds each timer shows */
    int shown_outcome[RUSH_MAX_CUSTOMERS];
    int shown_typing[RUSH_MAX_CUSTOMERS];
    uint64_t flash_until[RUSH_MAX_CUSTOMERS]; /* clock ms: the row is lit for a new arrival */
    uint64_t t0_ms;                           /* the clock at the rush's t = 0 */
    time_t started_at;
    unsigned long seed;
    int confirm;                   /* "end the rush?" is asked */
    SDL_Rect conv_rect;            /* where the last frame drew the conversation (w 0: not yet) */
    SDL_Rect head_rect, card_rect; /* the header and the card, likewise */
    SDL_Texture *scratch; /* 1x1 target the conversations not shown are drawn into (warming) */
    struct Chime *chime;
    /* After the end: the rush scorecard. */
    int done;
    RushStats stats;
    int total[RUSH_MAX_CUSTOMERS]; /* each conversation's score, -1 unknown */
    int pass[RUSH_MAX_CUSTOMERS];
    int score_sel;   /* the customer whose full scorecard Enter opens */
    char path[1024]; /* the kefu.rush/1 file written ("" when it could not be) */
    /* A saved rush opened from the history (workbench_load): no rush runs, the scorecard is
     * the file's; each conversation's kefu.result/1 text is kept for its full scorecard. */
    int loaded;
    char title[256];
    char *conv_json[RUSH_MAX_CUSTOMERS];
    char persona[RUSH_MAX_CUSTOMERS][64];
    const char *avatar[RUSH_MAX_CUSTOMERS]; /* borrowed from App.scenarios; NULL none */
    int outcome[RUSH_MAX_CUSTOMERS];        /* an Outcome */
} RushBench;

typedef struct Score {
    Result result;
    Scorecard sc;
    int have;
    Doc doc;
    int focus;        /* 0 retry, 1 back, 2 history */
    int from_history; /* opened from the history: back returns there */
    int from_rush;    /* opened from a rush's scorecard: back returns there */
    char path[1024];
} Score;

typedef struct HistoryRow {
    char *path;
    char *id;
    char *trainee;
    char *title;
    char *mode;
    char *outcome;
    char *started;
    int total;
    int pass;
    /* A rush's file (kefu.rush/1): its customers, served and lost; broken says why a file
     * that looks like a rush's could not be read (NULL when it could). */
    int rush;
    int customers, served, lost;
    char *broken;
} HistoryRow;

typedef struct History {
    HistoryRow *rows;
    int n;
    int sel;
    int top;
    int mine_only; /* only the current trainee's results */
    Doc detail;
    int detail_for; /* row the detail was built for, -1 none */
    int skipped;    /* files that could not be read */
} History;

enum StartFocus { SF_NAME, SF_MODE, SF_LIST, SF_START, SF_HISTORY, SF_COUNT };

enum ExamFocus { EF_ROSTER, EF_SCENARIOS, EF_START, EF_COUNT };

/* The exam screen: the roster on the left, the exam's scenarios with the picked trainee's
 * attempts on the right. */
typedef struct ExamView {
    int *scenario;          /* per exam scenario: its index in App.scenarios */
    int *used;              /* per exam scenario: attempts the picked trainee used (-1 unknown) */
    int sel;                /* the exam scenario selected */
    int focus;              /* enum ExamFocus */
    int roster_top;         /* first roster row shown */
    int roster_fit;         /* roster rows the last frame showed */
    int scen_top;           /* first exam scenario shown */
    char closed[512];       /* why no sitting can start now (the window), "" when it can */
    char count_error[1100]; /* the results folder could not be read, "" when it could */
} ExamView;

struct App {
    SDL_Window *win;
    SDL_Renderer *r;
    Ui ui;
    FontSet *fonts;
    char *scenario_opt;
    char *scenarios_dir;
    char *results_dir;
    unsigned long seed;
    Rubric *rubric;
    Scenario **scenarios;
    int nscenarios;
    char scenario_errors[1024]; /* files that failed to load, shown on the start screen */
    Screen screen;
    int dirty;
    int quit;
    AppClock clock;
    void *clock_ud;
    /* start */
    TextEdit name;
    char settings_path[1024]; /* where the name is remembered ("" when nowhere) */
    Settings settings;        /* as last read or written */
    int exam;
    /* kefu play --exam (exam_flow.c, screen_exam.c): the exam HR issued, the roster entry
     * picked (-1 none), the attempt number the running session was admitted as, and the
     * exam screen's state. */
    struct Exam *exam_def;
    int roster_sel;
    int exam_attempt;
    ExamView ev;
    int sel;
    /* The start screen's scenario list: pixels scrolled, its content and view heights and its
     * scrollbar's track at the last draw; follow puts the selected card in view at the next
     * draw (the keyboard moved it), drag is set while the thumb is held. */
    int list_scroll;
    int list_content_h, list_view_h;
    SDL_Rect list_track;
    int list_follow;
    int list_drag;
    int start_focus;
    char notice[512];
    /* The rushes of the scenarios folder's rush/ (after the scenarios on the start screen);
     * rush_sel is the one selected, -1 when a scenario is. */
    RushSpec **rushes;
    int nrushes;
    int rush_sel;
    char *rush_opt; /* kefu play --rush FILE */
    /* the others */
    Chat chat;
    RushBench rb;
    Score score;
    History hist;
    struct ReviewScreen *review; /* screen_review.c's state, NULL until first shown */
    char last_result[1024];
    char last_error[1024];
    int frames;
};

/* The session clock: seconds since the chat's start. */
double app_now(App *app);
/* Conversation c's clock: seconds since its t0_ms. */
double chat_now(App *app, const Chat *c);
uint64_t app_ms(App *app);

/* Shows a short message on the current screen (and keeps it as the last error when err). */
void app_notice(App *app, int is_error, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Loads every scenario file of the scenarios folder (not rubric.lua), sorted by file name,
 * into App.scenarios (which must be empty). Files that fail are listed in scenario_errors
 * and skipped. */
void app_load_scenarios(App *app);

/* Reloads the scenario list like app_load_scenarios, freeing the old entries, except keep
 * (when not NULL): the file at keep's path is not loaded again, keep takes its place (or is
 * appended when it is not in the folder) and App.sel points at it. */
void app_reload_scenarios(App *app, Scenario *keep);

/* Text input on or off, with the IME's candidate window placed at rect (pixels). */
void app_text_input(App *app, int on, const SDL_Rect *rect);

/* F5 in the chat (reload.c and the chat screen). */

/* Rebuilds what the chat shows from App.chat.session after it was replaced (views, bubble
 * textures, product card), keeping the draft, the mode and the scroll. */
void chat_rebuild(App *app);

/* Reloads the scenario and the rubric from disk and replays the trainee's replies so far with
 * them (selftest_replay). On success the new session, scenario and rubric replace the old ones
 * and a toast says so; on failure the old session goes on untouched and a banner shows the
 * "file:line: message". Returns 0 or -1. */
int reload_chat(App *app);
/* Closes the banner a failed reload left. */
void reload_dismiss(App *app);

/* Frees the result the scorecard shows (App.score: the Result, its Scorecard, the drawn
 * document) and marks it absent; whoever fills App.score calls it first. */
void app_score_clear(App *app);

/* Saves a finished session like kefu run does: builds the Result, rescores it with the
 * rubric (record_rescore), writes results_dir/<id>.json crash-safe. Fills out (the Result)
 * and sc (its scorecard) for the scorecard screen; the caller frees them (result_deinit,
 * scorecard_deinit). Returns 0, or -1 with err. */
int app_record_session(App *app, Result *out, Scorecard *sc, char *path, size_t path_size,
                       KefuError *err);

/* The running session's journal (results/journal.h), in app_record.c. app_journal_open opens
 * it for App.chat.session once created and before it starts (on failure the session goes on
 * without one: err says why, also on stderr); app_record_session removes it once the result is
 * written, or leaves it for the next start when the result could not be written;
 * app_journal_restart starts it again after F5 replaced the session; app_journal_discard drops
 * it when the session could not start. */
int app_journal_open(App *app, KefuError *err);
void app_journal_restart(App *app);
void app_journal_discard(App *app);

/* Saves the session still open, if any, as abandoned, with engine calls only (no SDL: it runs
 * at exit, when the display may be gone), and frees it. Returns 0, or -1 after saying why on
 * stderr (its journal then stays for the next start). */
int app_save_now(App *app);

/* Recovers the journals an earlier run of the app (or kefu run) left in the results folder
 * into results, printing a line each on stderr; the start screen's notice names the session
 * saved (or the journal that could not be). */
void app_recover(App *app);

/* kefu play --exam (exam_flow.c). */

/* Reads the exam file into App.exam_def, fixes the mode to exam, checks every scenario it lists
 * is among App.scenarios and gives them the exam's pass mark. Returns 0, or -1 with err naming
 * the file and the problem. */
int app_exam_load(App *app, const char *path, KefuError *err);
/* Frees the exam and the exam screen's state. */
void app_exam_free(App *app);
/* Picks name on the roster (App.roster_sel, and App.name holds it) and counts its attempts.
 * Returns its roster index, or -1 (nothing changed) when it is not on the roster. */
int app_exam_pick(App *app, const char *name);
/* Counts again, for the trainee picked on the roster, the attempts used at each of the exam's
 * scenarios (App.ev.used), and whether the window is open now (App.ev.closed). */
void app_exam_refresh(App *app);
/* The exam scenario i's attempts left for the picked trainee (0 when unknown or none). */
int app_exam_left(const App *app, int i);
/* Admits the trainee named in App.name to a sitting of scenario sc: on the roster, inside the
 * window, an attempt left (exam_admit, as kefu run --exam). Sets App.exam_attempt and returns
 * it, or -1 with err a sentence for the trainee in Chinese (the engine's own words after it
 * when only exam_admit refused). Outside an exam returns 0. */
int app_exam_admit(App *app, const Scenario *sc, KefuError *err);
/* The seed the exam fixes for sc, or fallback outside an exam. */
unsigned long app_exam_seed(const App *app, const Scenario *sc, unsigned long fallback);

/* Remembers the name in App.name for the next launch (settings.h) when it is a new one; a
 * file that cannot be written is said on stderr and the session goes on. */
void app_remember_name(App *app);

/* The rush workbench (workbench.c). */

/* Loads the rush files of the scenarios folder's rush/ into App.rushes (sorted by file name);
 * files that fail are listed in scenario_errors. */
void app_load_rushes(App *app);
void app_free_rushes(App *app);
/* Starts a rush: spec (taken: owned by the workbench from now, even on failure) on the app's
 * clock, every customer's session made and journaled, the first conversation shown. Returns
 * 0, or -1 with the notice saying why. */
int workbench_start(App *app, RushSpec *spec);
/* Ends the rush (open conversations abandoned), writes its kefu.rush/1 file, removes the
 * journals once it is written and fills the rush scorecard (App.rb.done). Engine calls only
 * (app_save_now runs it at exit). Returns 0, or -1 when the file could not be written (the
 * journals then stay for the next start). */
int workbench_finish(App *app);
/* Frees the rush, its conversations and its scorecard. */
void workbench_free(App *app);
/* The rush's clock: seconds since its start. */
double workbench_now(App *app);
/* Fills App.score with customer i's conversation as a single result (for the scorecard
 * screen). Returns 0, or -1 with the notice. */
int workbench_open_score(App *app, int i);
/* Reads a rush results file's text buf[0..len) (kefu.rush/1; name names it in messages) for a
 * history row: fills row's id, trainee, title, mode, outcome (""), started, customers, served
 * and lost (malloc'd strings, the row's to free), leaving path and broken alone. Every
 * conversation must be a result the results reader takes. Returns 0, or -1 with why
 * "name: problem" (row untouched). */
int workbench_rush_row(const char *name, const char *buf, size_t len, HistoryRow *row,
                       KefuError *why);
/* Opens the saved rush file path as the workbench's scorecard (App.rb.loaded), its customers
 * rescored with the current rubric (messages name the file by its name only). Returns 0, or
 * -1 with the notice (nothing kept). */
int workbench_load(App *app, const char *path);

/* Keyboard helpers shared by screens. */
int key_is(const SDL_Event *ev, SDL_Keycode k);
int key_ctrl(const SDL_Event *ev);
int key_shift(const SDL_Event *ev);

#endif
