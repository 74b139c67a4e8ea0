/* app_sync: uploading the app's results to the shared database on a background thread, and the
 * line that says so. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app_sync.h"
#include "store/db.h"
#include "store/dest.h"
#include "store/outbox.h"

/* How long closing the app waits for an upload still running. Nothing is lost by not waiting
 * longer: every result is in the results folder and marked in its outbox before the upload
 * starts, and a result leaves the outbox only once the database holds it, so the next start
 * (or kefu sync) uploads whatever this one did not. */
#define QUIT_WAIT_MS 2000

static const char *flag_url;

/* Shared with the worker, under lock: the request (one slot: a second request while one runs
 * only sets pending again), whether a run is going, and the status line. */
static SDL_mutex *lock;
static SDL_cond *changed;
static SDL_Thread *worker;
static struct {
    int pending;
    int running;
    int quiet; /* the app is closing: push no events */
    char dir[1024];
    char url[2048];
    int timeout_s;
    char status[600];
} sh;

static Uint32 done_event = (Uint32)-1;
static char shown[600]; /* app_sync_status's copy, UI thread only */

void app_sync_set_url(const char *url)
{
    flag_url = url;
}

static void set_status(const char *s)
{
    snprintf(sh.status, sizeof sh.status, "%s", s);
}

/* set_status from the UI thread, formatted, taking the lock once there is one. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (lock)
        SDL_LockMutex(lock);
    vsnprintf(sh.status, sizeof sh.status, fmt, ap);
    if (lock)
        SDL_UnlockMutex(lock);
    va_end(ap);
}

/* The worker: one delivery at a time, for as long as the process lives (the app's last
 * upload may still be waiting on the database when main returns; exiting ends it). */
static int work(void *unused)
{
    (void)unused;
    SDL_LockMutex(lock);
    for (;;) {
        while (!sh.pending)
            SDL_CondWait(changed, lock);
        char dir[sizeof sh.dir], url[sizeof sh.url];
        memcpy(dir, sh.dir, sizeof dir);
        memcpy(url, sh.url, sizeof url);
        int timeout_s = sh.timeout_s;
        sh.pending = 0;
        sh.running = 1;
        SDL_UnlockMutex(lock);

        KefuError err = {{0}};
        int rc = outbox_deliver(dir, NULL, url, timeout_s, NULL, NULL, &err);
        int waiting = outbox_count(dir);
        char line[sizeof sh.status];
        /* The screen has room for a short line; the reason goes to stderr. */
        if (rc == 0) {
            snprintf(line, sizeof line, "成绩已同步到数据库");
            fprintf(stderr, "kefu play: %s\n", line);
        } else {
            snprintf(line, sizeof line, "已保存在本机，%d 份待同步到数据库",
                     waiting > 0 ? waiting : 1);
            fprintf(stderr, "kefu play: %s: %s\n", line, err.msg);
        }

        SDL_LockMutex(lock);
        sh.running = 0;
        if (!sh.pending) /* a queued run will say its own */
            set_status(line);
        if (!sh.quiet && done_event != (Uint32)-1) {
            SDL_Event ev;
            memset(&ev, 0, sizeof ev);
            ev.type = done_event;
            SDL_PushEvent(&ev);
        }
        SDL_CondBroadcast(changed);
    }
    return 0;
}

/* Creates the lock and the worker on first use; 0, or -1 when the system refuses. */
static int start(void)
{
    if (worker)
        return 0;
    if (!lock)
        lock = SDL_CreateMutex();
    if (!changed)
        changed = SDL_CreateCond();
    if (done_event == (Uint32)-1)
        done_event = SDL_RegisterEvents(1);
    if (!lock || !changed)
        return -1;
    worker = SDL_CreateThread(work, "kefu-sync", NULL);
    if (!worker)
        return -1;
    SDL_DetachThread(worker); /* never joined: see work */
    return 0;
}

void app_sync(const char *results_dir, const char *result_path)
{
    Dest dest;
    KefuError err = {{0}};
    int has = dest_resolve(flag_url, &dest, &err);
    if (has <= 0) {
        if (has < 0)
            say("成绩只保存在本机：%.400s", err.msg);
        return;
    }
    if (!db_available()) {
        /* Built without the database: as kefu run, the result stays in the folder only. */
        say("成绩只保存在本机：%s", DB_NONE_MESSAGE);
        return;
    }
    /* Marked here, on disk, before anything waits on the network: from now on the result is
     * safe whatever happens to the upload. */
    if (result_path && outbox_add(results_dir, result_path, &err) < 0)
        fprintf(stderr, "kefu play: %s\n", err.msg);
    int idle = !lock || !app_sync_busy();
    if (idle && outbox_count(results_dir) == 0) {
        /* Nothing waits (or the result could not even be marked). */
        say("%s", result_path ? "已保存在本机，1 份待同步到数据库" : "成绩已同步到数据库");
        return;
    }
    if (start() < 0) {
        /* No thread: upload here, as before there was one. */
        int rc = outbox_deliver(results_dir, NULL, dest.url, dest.timeout_s ? dest.timeout_s : 5,
                                NULL, NULL, &err);
        int waiting = outbox_count(results_dir);
        if (rc == 0)
            say("成绩已同步到数据库");
        else
            say("已保存在本机，%d 份待同步到数据库", waiting > 0 ? waiting : 1);
        return;
    }
    SDL_LockMutex(lock);
    snprintf(sh.dir, sizeof sh.dir, "%s", results_dir);
    snprintf(sh.url, sizeof sh.url, "%s", dest.url);
    sh.timeout_s = dest.timeout_s ? dest.timeout_s : 5;
    sh.pending = 1;
    sh.quiet = 0;
    set_status("正在同步到数据库…");
    SDL_CondBroadcast(changed);
    SDL_UnlockMutex(lock);
}

const char *app_sync_status(void)
{
    if (lock)
        SDL_LockMutex(lock);
    memcpy(shown, sh.status, sizeof shown);
    if (lock)
        SDL_UnlockMutex(lock);
    return shown[0] ? shown : NULL;
}

int app_sync_is_event(const SDL_Event *ev)
{
    return done_event != (Uint32)-1 && ev->type == done_event;
}

int app_sync_busy(void)
{
    if (!lock)
        return 0;
    SDL_LockMutex(lock);
    int busy = sh.pending || sh.running;
    SDL_UnlockMutex(lock);
    return busy;
}

int app_sync_wait(int timeout_ms)
{
    if (!lock)
        return 1;
    Uint64 until = SDL_GetTicks64() + (Uint64)(timeout_ms > 0 ? timeout_ms : 0);
    SDL_LockMutex(lock);
    while (sh.pending || sh.running) {
        Uint64 now = SDL_GetTicks64();
        if (now >= until)
            break;
        SDL_CondWaitTimeout(changed, lock, (Uint32)(until - now));
    }
    int idle = !sh.pending && !sh.running;
    SDL_UnlockMutex(lock);
    return idle;
}

void app_sync_quit(void)
{
    if (!lock)
        return;
    app_sync_wait(QUIT_WAIT_MS);
    SDL_LockMutex(lock);
    sh.quiet = 1;
    SDL_UnlockMutex(lock);
}
