/* db_app_sync: the app's side of the shared database, driven by e2e_gui_db.sh (which starts the
 * server and sets KEFU_DB): a session saved with the database up is synced and the score screen
 * says so; saved with it down, it waits in the outbox and the screen says how many wait; the
 * next start uploads what waits. Not a ctest of its own: it needs the script's server.
 *   db_app_sync online|offline|start */
#include <string.h>

#include "app_sync.h"
#include "chat.h"
#include "gui_harness.h"
#include "store/outbox.h"

static void play_and_finish(const char *shot)
{
    AppOptions opt = {.scenario = "late_parcel", .trainee = "测试员"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    gui_advance(app, 4);
    gui_push_text("亲，您好，非常抱歉让您久等了，我马上帮您查一下物流");
    app_pump(app);
    gui_advance(app, 3);
    gui_press(app, SDLK_RETURN, 0);
    gui_advance(app, 2);
    CHECK_INT(chat_finish(app, 1), ==, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    app_render(app, 1);
    gui_save_screenshot(app, shot);
    app_destroy(app);
}

static void db_app_should_sync_a_saved_session(void)
{
    gui_empty_dir(gui.results_dir);
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
    CHECK_CONTAINS(app_sync_status(), "成绩已同步到数据库");
    CHECK_INT(outbox_count(gui.results_dir), ==, 0);
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
    else
        RUN(db_app_should_upload_what_waits_at_start);
    gui_close();
    CHECK_DONE();
}
