/* db_app_sync: the app's side of the shared database, driven by e2e_gui_db.sh (which starts the
 * server and sets KEFU_DB): a session saved with the database up is synced and the score screen
 * says so; saved with it down, it waits in the outbox and the screen says how many wait; the
 * next start uploads what waits; with a database that never answers, the window keeps handling
 * events and drawing while the upload waits, then says the result waits. Not a ctest of its
 * own: it needs the script's server.
 *   db_app_sync online|offline|start|silent
 * Built without the database, `db_app_sync nodb` is the ctest nodb_app_says_so. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

#include "app_sync.h"
#include "chat.h"
#include "gui_harness.h"
#include "store/outbox.h"

/* Generous: the uploads take milliseconds against the script's server, and at most the
 * database timeout (KEFU_DB_TIMEOUT) against one that does not answer. */
#define UPLOAD_WAIT_MS 120000

/* Empties the results folder and its outbox (an earlier run of the script may have left a
 * result waiting). */
static void empty_results(void)
{
    char outbox[1200];
    snprintf(outbox, sizeof outbox, "%s/.outbox", gui.results_dir);
    gui_empty_dir(outbox);
    gui_empty_dir(gui.results_dir);
}

/* Plays a short session to the score screen and leaves the app there (the upload of its result
 * started in the background). */
static App *play(void)
{
    AppOptions opt = {.scenario = "late_parcel", .trainee = "测试员"};
    App *app = gui_make_app(&opt);
    if (!app)
        return NULL;
    gui_advance(app, 4);
    gui_push_text("亲，您好，非常抱歉让您久等了，我马上帮您查一下物流");
    app_pump(app);
    gui_advance(app, 3);
    gui_press(app, SDLK_RETURN, 0);
    gui_advance(app, 2);
    CHECK_INT(chat_finish(app, 1), ==, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    return app;
}

/* play, then waits for the upload and shows its line on the score screen. */
static void play_and_finish(const char *shot)
{
    App *app = play();
    if (!app)
        return;
    CHECK(app_sync_wait(UPLOAD_WAIT_MS));
    app_pump(app); /* the upload's finished-event */
    app_render(app, 1);
    gui_save_screenshot(app, shot);
    app_destroy(app);
}

static void db_app_should_sync_a_saved_session(void)
{
    empty_results();
    play_and_finish("db_synced");
    CHECK(app_sync_status() != NULL);
    CHECK_CONTAINS(app_sync_status(), "成绩已同步到数据库");
    CHECK_INT(outbox_count(gui.results_dir), ==, 0);
}

static void db_app_should_keep_a_session_waiting_when_the_database_is_down(void)
{
    play_and_finish("db_waiting");
    CHECK(app_sync_status() != NULL);
    CHECK_CONTAINS(app_sync_status(), "1 份待同步到数据库");
    CHECK_INT(outbox_count(gui.results_dir), ==, 1);
}

static void db_app_should_upload_what_waits_at_start(void)
{
    CHECK_INT(outbox_count(gui.results_dir), ==, 1);
    App *app = gui_make_app(NULL);
    if (!app)
        return;
    CHECK(app_sync_wait(UPLOAD_WAIT_MS));
    CHECK_CONTAINS(app_sync_status(), "成绩已同步到数据库");
    CHECK_INT(outbox_count(gui.results_dir), ==, 0);
    app_destroy(app);
}

/* A "database" that accepts connections and never says a word: KEFU_DB points at it. Returns
 * the listening socket, or -1. */
static int silent_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 8) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
        perror("silent server");
        return -1;
    }
    char url[200];
    snprintf(url, sizeof url, "postgresql://alice@127.0.0.1:%d/kefu?sslmode=disable",
             ntohs(a.sin_port));
    setenv("KEFU_DB", url, 1);
    return fd;
}

static void db_app_should_keep_drawing_while_the_database_does_not_answer(void)
{
    empty_results();
    int srv = silent_server();
    CHECK(srv >= 0);
    if (srv < 0)
        return;
    App *app = play();
    if (!app)
        return;
    /* The session is saved and the app is back, while the upload has not even been answered:
     * before, saving waited here for the database's timeout. */
    CHECK(app_sync_busy());
    CHECK_CONTAINS(app_sync_status(), "正在同步到数据库");
    CHECK_INT(outbox_count(gui.results_dir), ==, 1);
    /* The upload really is at the server's door, waiting: take its connection, say nothing. */
    struct pollfd p = {.fd = srv, .events = POLLIN};
    CHECK_INT(poll(&p, 1, UPLOAD_WAIT_MS), ==, 1);
    int conn = accept(srv, NULL, NULL);
    CHECK(conn >= 0);
    /* Meanwhile the window handles events and draws, for as long as the upload waits; the
     * upload's end is an event too, which redraws the status line. */
    int turns = 0, drawn = 1, told = 0;
    SDL_Event ev;
    for (Uint64 until = SDL_GetTicks64() + UPLOAD_WAIT_MS;
         app_sync_busy() && SDL_GetTicks64() < until; turns++) {
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_WINDOWEVENT;
        ev.window.event = SDL_WINDOWEVENT_EXPOSED;
        ev.window.windowID = SDL_GetWindowID(gui.win);
        SDL_PushEvent(&ev);
        while (SDL_PollEvent(&ev)) {
            told |= app_sync_is_event(&ev);
            app_handle_event(app, &ev);
        }
        app_tick(app);
        drawn &= app_render(app, 0);
        SDL_Delay(10);
    }
    CHECK(turns > 0);
    CHECK(drawn);
    CHECK(!app_sync_busy());
    /* Timed out: the line says the result waits, and the event saying so redraws the screen
     * (pushed before the upload counts as ended). */
    CHECK_CONTAINS(app_sync_status(), "1 份待同步到数据库");
    CHECK_INT(outbox_count(gui.results_dir), ==, 1);
    while (SDL_PollEvent(&ev))
        if (app_sync_is_event(&ev))
            told |= app_handle_event(app, &ev);
    CHECK(told);
    app_render(app, 0);
    gui_save_screenshot(app, "db_silent");
    app_destroy(app);
    if (conn >= 0)
        close(conn);
    close(srv);
}

/* Built without the database (-DKEFU_DB=OFF), with one named: the result stays in the folder
 * only, as kefu run's does, and the screen says so; no upload starts. */
static void nodb_app_should_keep_the_result_in_the_folder_only(void)
{
    empty_results();
    App *app = play();
    if (!app)
        return;
    CHECK(!app_sync_busy());
    CHECK_CONTAINS(app_sync_status(), "成绩只保存在本机");
    CHECK_INT(outbox_count(gui.results_dir), ==, 0);
    CHECK(app_last_result(app)[0] != 0);
    app_destroy(app);
}

int main(int argc, char **argv)
{
    if (argc != 2 || gui_open("kefu database test", "gui-db-results") < 0)
        return 1;
    if (strcmp(argv[1], "online") == 0)
        RUN(db_app_should_sync_a_saved_session);
    else if (strcmp(argv[1], "offline") == 0)
        RUN(db_app_should_keep_a_session_waiting_when_the_database_is_down);
    else if (strcmp(argv[1], "nodb") == 0)
        RUN(nodb_app_should_keep_the_result_in_the_folder_only);
    else if (strcmp(argv[1], "silent") == 0)
        RUN(db_app_should_keep_drawing_while_the_database_does_not_answer);
    else
        RUN(db_app_should_upload_what_waits_at_start);
    gui_close();
    CHECK_DONE();
}
