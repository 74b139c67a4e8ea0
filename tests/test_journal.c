/* Unit tests for engine/results/journal and engine/base/atomicfile: every event of a session on
 * disk as it happens, the journal gone once the result is written, and recovery: torn last
 * lines, corrupt and foreign files, live journals, crashed recoveries, never twice. */
#define _GNU_SOURCE /* flock */

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "check.h"
#include "persona/playback.h"
#include "results/journal.h"
#include "results/record.h"

#define SCENARIO_FILE "scenarios/late_parcel.lua"

static Rubric *rubric;
static Scenario *scenario;
static char base_dir[1024];

/* ------------------------------------------------------------------------ helpers */

static const char *fresh_dir(const char *name)
{
    static char dir[1200];
    snprintf(dir, sizeof dir, "%s/%s-XXXXXX", base_dir, name);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "mkdtemp %s: %s\n", dir, strerror(errno));
        exit(1);
    }
    return dir;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    KefuError err;
    char *s = kerr_read_file(path, NULL, &err);
    if (!s)
        fprintf(stderr, "  %s\n", err.msg);
    return s;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        fprintf(stderr, "  cannot write %s\n", path);
}

static int count_lines(const char *text)
{
    int n = 0;
    for (const char *p = text; p && *p; p++)
        n += *p == '\n';
    return n;
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A session of the test scenario with n scripted replies, journaled into dir. The session is
 * returned; the caller ends the journal (done, close: a crash) and destroys the session. */
static Session *play(const char *dir, int n, Journal **j)
{
    KefuError err = {{0}};
    SessionConfig cfg = {scenario, rubric, 7};
    Session *s = session_create(&cfg, &err);
    CHECK(s != NULL);
    ArchiveInfo info = {"测试员", "exam", 7, 1795428900, NULL, 0};
    *j = journal_open(dir, s, rubric, &info, &err);
    if (!*j)
        fprintf(stderr, "  journal_open: %s\n", err.msg);
    CHECK(*j != NULL);
    Script script = {0};
    for (int i = 0; i < n; i++) {
        char text[64];
        snprintf(text, sizeof text, "亲，我帮您查一下物流【r%d】", i);
        script_add(&script, 3, 2, text);
    }
    CHECK_INT(playback_run(s, &script, &err), ==, 0);
    script_deinit(&script);
    return s;
}

typedef struct Seen {
    int n;
    int problems;
    int torn;
    int already;
    int replies;
    Outcome outcome;
    char problem[1024];
    char result[1024];
} Seen;

static void seen(void *ctx, const JournalRecovery *r)
{
    Seen *s = ctx;
    s->n++;
    s->torn += r->torn;
    s->already += r->already_saved;
    if (r->problem) {
        s->problems++;
        snprintf(s->problem, sizeof s->problem, "%s", r->problem);
        return;
    }
    s->replies = r->replies;
    s->outcome = r->outcome;
    snprintf(s->result, sizeof s->result, "%s", r->result ? r->result : "");
}

/* ------------------------------------------------------------------------ writing */

static void journal_should_hold_every_event_and_go_once_saved(void)
{
    const char *dir = fresh_dir("events");
    Journal *j = NULL;
    Session *s = play(dir, 3, &j);
    char path[2048];
    snprintf(path, sizeof path, "%s", journal_path(j));
    char *text = slurp(path);
    const Transcript *t = session_transcript(s);
    /* The head, every message and the outcome, each on its own line, nothing else. */
    CHECK_INT(count_lines(text), ==, 1 + t->n + 1);
    CHECK(text && strncmp(text, "{\"journal\":\"kefu.journal/1\",", 28) == 0);
    CHECK_INT(count_of(text, "\"from\":\"agent\""), ==, 3);
    CHECK_CONTAINS(text, "【r2】");
    CHECK_CONTAINS(text, "\"typing_s\":2");
    CHECK_CONTAINS(text, "{\"outcome\":\"incomplete\"");
    CHECK_STR(journal_error(j), "");
    free(text);
    CHECK_INT(journal_done(j, NULL), ==, 0);
    session_destroy(s);
    CHECK(access(path, F_OK) != 0);
    /* The empty journal folder goes with it. */
    CHECK_INT(count_entries(dir), ==, 0);
}

/* ------------------------------------------------------------------------ recovery */

static void journal_should_recover_a_killed_session_once(void)
{
    const char *dir = fresh_dir("killed");
    Journal *j = NULL;
    Session *s = play(dir, 4, &j);
    char id[200];
    snprintf(id, sizeof id, "%s", journal_id(j));
    journal_close(j); /* the process dies: the journal stays, unlocked */
    session_destroy(s);

    Seen a = {0};
    KefuError err = {{0}};
    CHECK_INT(journal_recover(dir, rubric, seen, &a, &err), ==, 1);
    CHECK_INT(a.problems, ==, 0);
    CHECK_INT(a.replies, ==, 4);
    /* It reached the end of its replies before it died: that outcome is kept. */
    CHECK_INT(a.outcome, ==, OUTCOME_INCOMPLETE);
    char want[2048];
    snprintf(want, sizeof want, "%s/%s.json", dir, id);
    CHECK_STR(a.result, want);
    Result r;
    CHECK_INT(record_load(want, rubric, &r, &err), ==, 0);
    CHECK_STR(r.id, id);
    CHECK_STR(r.trainee, "测试员");
    result_deinit(&r);
    /* Only the result is left, and a second recovery finds nothing. */
    CHECK_INT(count_entries(dir), ==, 1);
    Seen b = {0};
    CHECK_INT(journal_recover(dir, rubric, seen, &b, &err), ==, 0);
    CHECK_INT(b.n, ==, 0);
}

static void journal_should_recover_everything_before_a_torn_line(void)
{
    const char *dir = fresh_dir("torn");
    char path[2048], *text;
    Journal *j = NULL;
    Session *s = play(dir, 2, &j);
    snprintf(path, sizeof path, "%s", journal_path(j));
    journal_close(j);
    session_destroy(s);
    /* Keep the head and the lines up to the second reply (no outcome: the session was still
     * going), then half a line, as a kill in the middle of a write leaves it. */
    text = slurp(path);
    char *second = text ? strstr(text, "【r1】") : NULL;
    CHECK(second != NULL);
    if (!second) {
        free(text);
        return;
    }
    *(strchr(second, '\n') + 1) = '\0';
    char *cut = malloc(strlen(text) + 64);
    sprintf(cut, "%s{\"t\":99,\"from\":\"agent\",\"text\":\"半句", text);
    spit(path, cut);
    free(cut);
    free(text);

    Seen a = {0};
    KefuError err = {{0}};
    CHECK_INT(journal_recover(dir, rubric, seen, &a, &err), ==, 1);
    CHECK_INT(a.problems, ==, 0);
    CHECK_INT(a.torn, ==, 1);
    CHECK_INT(a.replies, ==, 2);
    CHECK_INT(a.outcome, ==, OUTCOME_ABANDONED);
    text = slurp(a.result);
    CHECK_CONTAINS(text, "【r1】");
    CHECK(text && !strstr(text, "半句"));
    CHECK_CONTAINS(text, "\"outcome\":\t\"abandoned\"");
    free(text);
}

static void journal_should_call_a_session_without_replies_incomplete(void)
{
    const char *dir = fresh_dir("noreply");
    Journal *j = NULL;
    Session *s = play(dir, 0, &j);
    char path[2048];
    snprintf(path, sizeof path, "%s", journal_path(j));
    journal_close(j);
    session_destroy(s);
    /* Only the head and the customer's opening: drop the outcome line playback added. */
    char *text = slurp(path);
    char *oc = text ? strstr(text, "{\"outcome\"") : NULL;
    if (oc)
        *oc = '\0';
    spit(path, text ? text : "");
    free(text);
    Seen a = {0};
    KefuError err = {{0}};
    CHECK_INT(journal_recover(dir, rubric, seen, &a, &err), ==, 1);
    CHECK_INT(a.replies, ==, 0);
    CHECK_INT(a.outcome, ==, OUTCOME_INCOMPLETE);
}

static void journal_should_move_corrupt_and_foreign_files_aside(void)
{
    const char *dir = fresh_dir("corrupt");
    char jdir[2048], path[2200], head[8192];
    Journal *j = NULL;
    Session *s = play(dir, 1, &j);
    char *text = slurp(journal_path(j));
    journal_close(j);
    session_destroy(s);
    snprintf(jdir, sizeof jdir, "%s/.journal", dir);
    snprintf(head, sizeof head, "%.*s", (int)(strchr(text, '\n') - text + 1), text);
    free(text);

    snprintf(path, sizeof path, "%s/a-corrupt.jsonl", jdir);
    char body[9000];
    snprintf(body, sizeof body,
             "%s{\"t\":0,\"from\":\"customer\",\"text\":\"在吗\"}\n{\"t\": oops\n", head);
    spit(path, body);
    snprintf(path, sizeof path, "%s/b-foreign.jsonl", jdir);
    spit(path, "{\"hello\": 1}\n");
    snprintf(path, sizeof path, "%s/c-bot.jsonl", jdir);
    snprintf(body, sizeof body, "%s{\"t\":1,\"from\":\"bot\",\"text\":\"x\"}\n", head);
    spit(path, body);

    Seen a = {0};
    KefuError err = {{0}};
    /* The three bad files and the good journal: all handled, the good one recovered. */
    CHECK_INT(journal_recover(dir, rubric, seen, &a, &err), ==, 4);
    CHECK_INT(a.problems, ==, 3);
    CHECK_INT(count_entries(dir), ==, 2); /* the result and .journal with the .bad files */
    CHECK_INT(count_entries(jdir), ==, 3);
    snprintf(path, sizeof path, "%s/a-corrupt.bad", jdir);
    CHECK(access(path, F_OK) == 0);
    /* Each is named with its line. */
    Seen one = {0};
    snprintf(path, sizeof path, "%s/x.jsonl", jdir);
    spit(path, "{\"hello\": 1}\n");
    journal_recover(dir, rubric, seen, &one, &err);
    CHECK_CONTAINS(one.problem, "x.jsonl:1: not a kefu journal");
    snprintf(path, sizeof path, "%s/y.jsonl", jdir);
    snprintf(body, sizeof body, "%s{\"t\":1,\"from\":\"bot\",\"text\":\"x\"}\n", head);
    spit(path, body);
    journal_recover(dir, rubric, seen, &one, &err);
    CHECK_CONTAINS(one.problem, "y.jsonl:2: \"from\" must be one of customer, agent, system");
    snprintf(path, sizeof path, "%s/z.jsonl", jdir);
    snprintf(body, sizeof body, "%s{\"t\": oops\n{\"t\":1,\"from\":\"agent\",\"text\":\"x\"}\n",
             head);
    spit(path, body);
    journal_recover(dir, rubric, seen, &one, &err);
    CHECK_CONTAINS(one.problem, "z.jsonl:2: not a JSON object");
    snprintf(path, sizeof path, "%s/w.jsonl", jdir);
    spit(path, "{\"journal\":\"kefu.journal/9\"}\n");
    journal_recover(dir, rubric, seen, &one, &err);
    CHECK_CONTAINS(one.problem, "w.jsonl:1: journal format \"kefu.journal/9\" is not one");
}

static void journal_should_leave_a_live_session_alone(void)
{
    const char *dir = fresh_dir("live");
    Journal *j = NULL;
    Session *s = play(dir, 2, &j);
    Seen a = {0};
    KefuError err = {{0}};
    /* The journal is open (locked): not recovery's to take. */
    CHECK_INT(journal_recover(dir, rubric, seen, &a, &err), ==, 0);
    CHECK(access(journal_path(j), F_OK) == 0);
    CHECK_INT(journal_done(j, &err), ==, 0);
    session_destroy(s);
}

static void journal_should_finish_a_recovery_that_crashed(void)
{
    const char *dir = fresh_dir("crashed");
    char path[2048], claimed[2048];
    Journal *j = NULL;
    Session *s = play(dir, 2, &j);
    snprintf(path, sizeof path, "%s", journal_path(j));
    journal_close(j);
    session_destroy(s);
    /* A recovery claimed it and died before writing the result. */
    snprintf(claimed, sizeof claimed, "%.*s.recovering", (int)(strlen(path) - 6), path);
    CHECK_INT(rename(path, claimed), ==, 0);
    Seen a = {0};
    KefuError err = {{0}};
    CHECK_INT(journal_recover(dir, rubric, seen, &a, &err), ==, 1);
    CHECK_INT(a.problems, ==, 0);
    CHECK_INT(a.replies, ==, 2);
    CHECK_INT(count_entries(dir), ==, 1);

    /* One that died after writing the result (or a session that died after saving, before
     * removing its journal): the result is not written twice. */
    j = NULL;
    s = play(dir, 1, &j);
    char result[2100];
    snprintf(result, sizeof result, "%s/%s.json", dir, journal_id(j));
    journal_close(j);
    session_destroy(s);
    spit(result, "{}\n");
    Seen b = {0};
    CHECK_INT(journal_recover(dir, rubric, seen, &b, &err), ==, 1);
    CHECK_INT(b.already, ==, 1);
    CHECK_INT(count_entries(dir), ==, 2);
}

static void journal_should_choose_an_id_no_result_has(void)
{
    const char *dir = fresh_dir("ids");
    Journal *a = NULL, *b = NULL;
    Session *s1 = play(dir, 1, &a);
    Session *s2 = play(dir, 1, &b);
    CHECK(strcmp(journal_id(a), journal_id(b)) != 0);
    journal_done(a, NULL);
    journal_done(b, NULL);
    session_destroy(s1);
    session_destroy(s2);
}

/* ------------------------------------------------------------------------ atomicfile */

static void atomicfile_should_keep_the_old_file_when_writing_fails(void)
{
    const char *dir = fresh_dir("atomic");
    char path[2048];
    KefuError err = {{0}};
    snprintf(path, sizeof path, "%s/out.csv", dir);
    spit(path, "old\n");
    char big[4096];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    /* The disk fills up half-way (a file size limit makes write() fail). */
    struct rlimit old, small;
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old);
    small = old;
    small.rlim_cur = 1024;
    setrlimit(RLIMIT_FSIZE, &small);
    int rc = atomicfile_replace(path, big, strlen(big), &err);
    AtomicFile *af = atomicfile_open(path, &err);
    fputs(big, atomicfile_stream(af));
    KefuError err2 = {{0}};
    int rc2 = atomicfile_commit(af, 1, -1, &err2);
    setrlimit(RLIMIT_FSIZE, &old);
    CHECK_INT(rc, ==, -1);
    CHECK_INT(rc2, ==, -1);
    char want[2200];
    snprintf(want, sizeof want, "%s: cannot write: %s", path, strerror(EFBIG));
    CHECK_STR(err.msg, want);
    CHECK_STR(err2.msg, want);
    char *s = slurp(path);
    CHECK_STR(s, "old\n");
    free(s);
    CHECK_INT(count_entries(dir), ==, 1);
    /* And it works when there is room; create never replaces. */
    CHECK_INT(atomicfile_replace(path, "new\n", 4, &err), ==, 0);
    s = slurp(path);
    CHECK_STR(s, "new\n");
    free(s);
    CHECK_INT(atomicfile_create(path, "x", 1, &err), ==, ATOMICFILE_EXISTS);
    CHECK_INT(count_entries(dir), ==, 1);
}

int main(void)
{
    KefuError err = {{0}};
    const char *out = getenv("KEFU_TEST_OUT");
    snprintf(base_dir, sizeof base_dir, "%s/journal-unit",
             out && *out ? out : "/tmp/kefu-test-out");
    if (atomicfile_mkdirs(base_dir, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    rubric = rubric_load("scenarios/rubric.lua", &err);
    scenario = rubric ? scenario_load(SCENARIO_FILE, rubric, &err) : NULL;
    if (!scenario) {
        fprintf(stderr, "cannot load the fixtures: %s\n", err.msg);
        return 1;
    }
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    RUN(journal_should_hold_every_event_and_go_once_saved);
    RUN(journal_should_recover_a_killed_session_once);
    RUN(journal_should_recover_everything_before_a_torn_line);
    RUN(journal_should_call_a_session_without_replies_incomplete);
    RUN(journal_should_move_corrupt_and_foreign_files_aside);
    RUN(journal_should_leave_a_live_session_alone);
    RUN(journal_should_finish_a_recovery_that_crashed);
    RUN(journal_should_choose_an_id_no_result_has);
    RUN(atomicfile_should_keep_the_old_file_when_writing_fails);
    scenario_destroy(scenario);
    rubric_destroy(rubric);
    CHECK_DONE();
}
