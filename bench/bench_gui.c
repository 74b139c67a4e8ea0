/* bench_gui: the app's budgets on the software renderer (offscreen unless SDL_VIDEODRIVER says
 * otherwise): launch to first frame (SDL, window, rubric, scenarios, fonts, first draw), and
 * frame times with a 500-message conversation (scrolling through it, the wait timer's tick at
 * the bottom, a new message arriving), plus the peak resident memory.
 * Usage: bench_gui [MESSAGES]   from the repository root (it reads scenarios/). */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "app_state.h"
#include "judge/transcript.h"

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
    qsort(v, (size_t)n, sizeof *v, by_value);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += v[i];
    printf("%-52s frames %4d  mean %6.2f ms  p50 %6.2f  p99 %6.2f  max %6.2f\n", what, n,
           sum / n, v[n / 2], v[(int)(n * 0.99) < n ? (int)(n * 0.99) : n - 1], v[n - 1]);
}

static long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

/* Lines in the style of the personas and of trainees, short and long. */
static const char *const customer_lines[] = {
    "亲，这款实木床能便宜点吗？", "在吗？", "别家同款才两千五呢，再少点嘛",
    "好吧，东西看着确实不错……那能包邮吗？你们发什么物流，大概几天能到，到了以后是送货上门还是要自己去物流点提货呀？",
    "嗯嗯实木的是好一点～那总得送点小东西吧？",
};
static const char *const agent_lines[] = {
    "亲，您好！欢迎光临小店^_^ 有什么可以帮您的吗？",
    "您真有眼光，这款是我们卖得最好的床，北美白橡木实木，用料扎实，用十年都没问题哦",
    "亲，价格是公司统一定的，我们客服没有改价权限，希望理解哈。不过我可以帮您跟主管申请一个小礼品，其他顾客可没有哦[微笑]",
    "好的亲，马上帮您看哦",
    "跟您核对一下：1.8米胡桃色床一张，收货地址是上海市浦东新区某某路88号，预计3天内发货，物流到当地后会电话联系您提货，对吗？",
};

int main(int argc, char **argv)
{
    double t_start = now_ms();
    int messages = argc > 1 ? atoi(argv[1]) : 500;
    if (messages < 2)
        messages = 2;
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "bench_gui: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *win = SDL_CreateWindow("bench", 0, 0, 1100, 760, SDL_WINDOW_RESIZABLE);
    SDL_Renderer *ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!ren) {
        fprintf(stderr, "bench_gui: %s\n", SDL_GetError());
        return 1;
    }
    AppOptions opt = {.trainee = "压测", .scenarios_dir = "scenarios", .results_dir = "/tmp/kefu-bench-results",
                      .seed = 1};
    KefuError err = {{0}};
    App *app = app_create(win, ren, &opt, &err);
    if (!app) {
        fprintf(stderr, "bench_gui: %s\n", err.msg);
        return 1;
    }
    app_render(app, 1);
    double t_first = now_ms();
    printf("launch to first frame (in process, %s): %.1f ms\n", SDL_GetCurrentVideoDriver(),
           t_first - t_start);

    /* A conversation of the asked length: a real session on haggler, its transcript filled
     * with alternating lines, each agent line judged by the rubric as a live one is. */
    app_set_clock(app, vclock, NULL);
    int idx = 0;
    for (int i = 0; i < app->nscenarios; i++)
        if (strcmp(app->scenarios[i]->id, "haggler") == 0)
            idx = i;
    if (app_go(app, SCREEN_CHAT, idx) < 0) {
        fprintf(stderr, "bench_gui: %s\n", app->notice);
        return 1;
    }
    Transcript *t = (Transcript *)session_transcript(app->chat.session);
    for (int i = t->n; i < messages; i++) {
        int agent = i % 2 == 1;
        const char *line = agent ? agent_lines[i / 2 % 5] : customer_lines[i / 2 % 5];
        /* All at t = 0.5: the session's own clock stays near the start, so the customer is
         * still there for the typing part below. */
        Message *m = transcript_add(t, 0.5, agent ? FROM_AGENT : FROM_CUSTOMER, line,
                                    strlen(line));
        if (m && agent) {
            ReplyContext ctx = {"haggler", NULL, i / 2, 5.0, NULL};
            rubric_analyze(app->rubric, m->text, m->len, &ctx, &m->hits);
        }
    }
    vclock_ms += 1000;
    double t0 = now_ms();
    app_tick(app);
    app_render(app, 1);
    printf("first frame with %d messages (layout of all): %.1f ms\n", t->n, now_ms() - t0);

    enum { MAXF = 4096 };
    static double ft[MAXF], ct[MAXF];
    int n = 0;
    /* Scroll from the bottom to the top, a page at a time, then back with the wheel. */
    SDL_Event key = {0};
    key.type = SDL_KEYDOWN;
    key.key.keysym.sym = SDLK_PAGEUP;
    while (n < MAXF / 2) {
        int before = app->chat.scroll;
        double a = now_ms(), ca = cpu_ms();
        app_handle_event(app, &key);
        app_render(app, 1);
        ct[n] = cpu_ms() - ca;
        ft[n++] = now_ms() - a;
        if (app->chat.scroll == before)
            break;
    }
    SDL_Event wheel = {0};
    wheel.type = SDL_MOUSEWHEEL;
    wheel.wheel.y = -3;
    while (n < MAXF - 200) {
        int before = app->chat.scroll;
        double a = now_ms(), ca = cpu_ms();
        app_handle_event(app, &wheel);
        app_render(app, 1);
        ct[n] = cpu_ms() - ca;
        ft[n++] = now_ms() - a;
        if (app->chat.scroll == before)
            break;
    }
    report("scroll through the conversation (wall)", ft, n);
    report("scroll through the conversation (cpu)", ct, n);

    /* Typing in the box and sending, with the customer answering. */
    n = 0;
    for (int i = 0; i < 40; i++) {
        SDL_Event te = {0};
        te.type = SDL_TEXTINPUT;
        SDL_utf8strlcpy(te.text.text, "好的亲", sizeof te.text.text);
        double a = now_ms(), ca = cpu_ms();
        app_handle_event(app, &te);
        app_render(app, 1);
        ct[n] = cpu_ms() - ca;
        ft[n++] = now_ms() - a;
        if (i % 8 == 7 && session_accepts_replies(app->chat.session)) {
            SDL_Event en = {0};
            en.type = SDL_KEYDOWN;
            en.key.keysym.sym = SDLK_RETURN;
            vclock_ms += 1000;
            a = now_ms();
            ca = cpu_ms();
            app_handle_event(app, &en);
            app_tick(app);
            app_render(app, 1);
            ct[n] = cpu_ms() - ca;
        ft[n++] = now_ms() - a;
        }
    }
    report("typing and sending (customer answering) (wall)", ft, n);
    report("typing and sending (customer answering) (cpu)", ct, n);
    /* At the bottom: the timer's one-second ticks. */
    n = 0;
    for (int i = 0; i < 50; i++) {
        vclock_ms += 1000;
        double a = now_ms(), ca = cpu_ms();
        app_tick(app);
        app_render(app, 1);
        ct[n] = cpu_ms() - ca;
        ft[n++] = now_ms() - a;
    }
    report("timer ticks at the bottom (wall)", ft, n);
    report("timer ticks at the bottom (cpu)", ct, n);

    printf("peak resident memory (VmHWM): %.1f MB\n", peak_rss_kb() / 1024.0);
    printf("messages in the conversation: %d\n", session_transcript(app->chat.session)->n);
    app_destroy(app);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return 0;
}
