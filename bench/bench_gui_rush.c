/* bench_gui_rush: the rush workbench's budgets on the software renderer (offscreen unless
 * SDL_VIDEODRIVER says otherwise): five conversations of 200 messages each (rush_1111, every
 * customer in), frame times scrolling one, switching between them (Ctrl+Down), the five wait
 * timers ticking, how many frames a switch takes to show the new conversation, the CPU the app
 * takes while idle on the real clock, and the peak resident memory.
 * Usage: bench_gui_rush [MESSAGES] [IDLE_SECONDS]   from the repository root. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "app_state.h"
#include "judge/transcript.h"
#include "results/journal.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: what a frame costs, apart from waiting for a shared core. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint64_t vclock_ms = 1000;

static uint64_t vclock(void *ud)
{
    (void)ud;
    return vclock_ms;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, int n)
{
    if (n == 0)
        return;
    qsort(v, (size_t)n, sizeof *v, by_value);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += v[i];
    printf("%-46s frames %4d  mean %6.2f ms  p50 %6.2f  p99 %6.2f  max %6.2f\n", what, n, sum / n,
           v[n / 2], v[(int)(n * 0.99) < n ? (int)(n * 0.99) : n - 1], v[n - 1]);
}

static long status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t kl = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, kl) == 0)
            kb = strtol(line + kl, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

static const char *const customer_lines[] = {
    "亲，这款能便宜点吗？",
    "在吗？",
    "别家同款便宜不少呢，再少点嘛",
    "好吧，东西看着确实不错……那能包邮吗？你们发什么物流，大概几天能到，到了以后是送货上门还是要自己"
    "去物流点提货呀？",
    "是正品吗？有没有授权书可以看看",
};
static const char *const agent_lines[] = {
    "亲，您好！欢迎光临小店^_^ 有什么可以帮您的吗？",
    "您真有眼光，这款是我们卖得最好的，用料扎实，用十年都没问题哦",
    "亲，价格是公司统一定的，我们客服没有改价权限，希望理解哈。不过我可以帮您跟主管申请一个小礼品["
    "微笑]",
    "好的亲，马上帮您看哦",
    "亲，我们是品牌授权店，每件都有防伪码，支持专柜验货，假一赔十的",
};

static void key(App *app, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = sym;
    ev.key.keysym.mod = mod;
    app_handle_event(app, &ev);
}

int main(int argc, char **argv)
{
    int messages = argc > 1 ? atoi(argv[1]) : 200;
    double idle_s = argc > 2 ? atof(argv[2]) : 5;
    if (messages < 2)
        messages = 2;
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "bench_gui_rush: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *win = SDL_CreateWindow("bench", 0, 0, 1100, 760, SDL_WINDOW_RESIZABLE);
    SDL_Renderer *ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!ren) {
        fprintf(stderr, "bench_gui_rush: %s\n", SDL_GetError());
        return 1;
    }
    long rss_start = status_kb("VmRSS:");
    AppOptions opt = {.trainee = "压测",
                      .scenarios_dir = "scenarios",
                      .results_dir = "/tmp/kefu-bench-results",
                      .seed = 1,
                      .rush = "rush_1111"};
    KefuError err = {{0}};
    App *app = app_create(win, ren, &opt, &err);
    if (!app) {
        fprintf(stderr, "bench_gui_rush: %s\n", err.msg);
        return 1;
    }
    app_set_clock(app, vclock, NULL);
    RushBench *rb = &app->rb;
    /* Everyone in (the last at 25 s), then each conversation filled to the asked length with
     * alternating lines, each agent line judged by the rubric as a live one is. */
    for (int s = 0; s < 30; s++) {
        vclock_ms += 1000;
        app_tick(app);
        app_render(app, 0);
    }
    for (int c = 0; c < rb->n; c++) {
        Transcript *t = (Transcript *)session_transcript(rb->conv[c].session);
        double at = session_now(rb->conv[c].session);
        for (int i = t->n; i < messages; i++) {
            int agent = i % 2 == 1;
            const char *line =
                agent ? agent_lines[(i / 2 + c) % 5] : customer_lines[(i / 2 + c) % 5];
            Message *m =
                transcript_add(t, at, agent ? FROM_AGENT : FROM_CUSTOMER, line, strlen(line));
            if (m && agent) {
                ReplyContext ctx = {rb->conv[c].scenario->id, NULL, i / 2, 5.0, NULL};
                rubric_analyze(app->rubric, m->text, m->len, &ctx, &m->hits);
            }
        }
    }
    vclock_ms += 200;
    double a = now_ms();
    app_tick(app);
    app_render(app, 1);
    printf("conversations: %d of %d messages; first frame (layout of the shown one): %.1f ms\n",
           rb->n, messages, now_ms() - a);

    enum { MAXF = 4096 };
    static double ft[MAXF], ct[MAXF];
    int n = 0;
    /* Scrolling the conversation shown, a page at a time to the top. */
    while (n < MAXF / 2) {
        int before = rb->conv[rb->sel].scroll;
        double w0 = now_ms(), c0 = cpu_ms();
        key(app, SDLK_PAGEUP, 0);
        app_render(app, 1);
        ct[n] = cpu_ms() - c0;
        ft[n++] = now_ms() - w0;
        if (rb->conv[rb->sel].scroll == before)
            break;
    }
    report("scroll one conversation (wall)", ft, n);
    report("scroll one conversation (cpu)", ct, n);

    /* Switching: Ctrl+Down, one frame drawn. The conversations not shown were laid out as
     * their messages came (between frames); the first visit to each still makes the textures
     * of the bubbles in view, later visits find them made. A switch is shown in one frame when
     * the frame drawn right after the key shows the new conversation's name in the header. */
    double first_w[16], first_c[16];
    int nfirst = 0, late = 0, one_frame = 0, switches = 0;
    int visited[RUSH_MAX_CUSTOMERS] = {0};
    visited[rb->sel] = 1;
    n = 0;
    for (int k = 0; k < 100; k++) {
        int target = (rb->sel + 1) % rb->n;
        int fresh = !visited[target];
        visited[target] = 1;
        double w0 = now_ms(), c0 = cpu_ms();
        key(app, SDLK_DOWN, KMOD_CTRL);
        app_render(app, 0);
        double w = now_ms() - w0, c = cpu_ms() - c0;
        switches++;
        SDL_Rect name;
        if (rb->sel == target && ui_marked(&app->ui, "rush.name", &name) &&
            rb->conv[target].laid_w > 0)
            one_frame++;
        else
            late++;
        if (fresh && nfirst < 16) {
            first_w[nfirst] = w;
            first_c[nfirst++] = c;
        } else {
            ft[n] = w;
            ct[n++] = c;
        }
    }
    report("switch, first visit (wall)", first_w, nfirst);
    report("switch, first visit (cpu)", first_c, nfirst);
    report("switch, later visits (wall)", ft, n);
    report("switch, later visits (cpu)", ct, n);
    printf("switches shown in the frame right after the key: %d of %d\n", one_frame, switches);

    /* Idle on the real clock, as the main loop runs: sleep until an event or wait_ms, tick,
     * draw when something changed. */
    app_set_clock(app, NULL, NULL);
    /* A first second not counted: the clock's change, the frames it brings. */
    for (double t0 = now_ms(); now_ms() - t0 < 1000;) {
        SDL_Event ev;
        int wait = app_wait_ms(app);
        if (SDL_WaitEventTimeout(&ev, wait < 0 || wait > 1000 ? 1000 : wait))
            app_handle_event(app, &ev);
        app_tick(app);
        app_render(app, 0);
    }
    int waiting = 0;
    for (int k = 0; k < rb->n; k++)
        waiting += session_outcome(rb->conv[k].session) == OUTCOME_NONE &&
                   session_waiting_since(rb->conv[k].session) >= 0;
    double w0 = now_ms(), c0 = cpu_ms();
    int frames0 = app_frames(app), wakeups = 0;
    double work = 0; /* the app's own part: events, ticks, frames (not SDL's waiting) */
    while (now_ms() - w0 < idle_s * 1000) {
        int wait = app_wait_ms(app);
        double left = idle_s * 1000 - (now_ms() - w0);
        if (wait < 0 || wait > left)
            wait = (int)left + 1;
        SDL_Event ev;
        int got = SDL_WaitEventTimeout(&ev, wait);
        double wc = cpu_ms();
        if (got)
            app_handle_event(app, &ev);
        wakeups++;
        app_tick(app);
        app_render(app, 0);
        work += cpu_ms() - wc;
    }
    double wall = now_ms() - w0, cpu = cpu_ms() - c0;
    printf("idle %.1f s on the real clock, %d customers waiting (their timers redraw each second): "
           "cpu %.1f ms (%.2f%% of a core), %d wake-ups, %d frames\n",
           wall / 1000, waiting, cpu, 100 * cpu / wall, wakeups, app_frames(app) - frames0);
    printf("  of which the app's ticks and frames: %.1f ms (%.2f%%); the rest is SDL waiting (the "
           "%s driver polls)\n",
           work, 100 * work / wall, SDL_GetCurrentVideoDriver());
    app_set_clock(app, vclock, NULL);
    /* The timers: a second passes, five customers' clocks move, one frame. */
    n = 0;
    for (int i = 0; i < 60; i++) {
        vclock_ms += 1000;
        double tw = now_ms(), tc = cpu_ms();
        app_tick(app);
        app_render(app, 0);
        ct[n] = cpu_ms() - tc;
        ft[n++] = now_ms() - tw;
    }
    report("a second of five timers (wall)", ft, n);
    report("a second of five timers (cpu)", ct, n);

    printf("resident memory: %.1f MB at the start, %.1f MB now, peak (VmHWM) %.1f MB\n",
           rss_start / 1024.0, status_kb("VmRSS:") / 1024.0, status_kb("VmHWM:") / 1024.0);
    /* Not saved: the bench leaves no result behind (the journals are dropped). */
    for (int c = 0; c < rb->n; c++) {
        journal_discard(rb->conv[c].journal);
        rb->conv[c].journal = NULL;
    }
    rb->done = 1;
    app_destroy(app);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return 0;
}
