/* One mistake, one message: the same broken scenario gives the same "file:line: words" in
 * kefu run, kefu list, kefu lint, kefu test and the app's F5 reload (reload_replay), since
 * all of them read the file with scenario_load. Needs KEFU_BIN (ctest sets it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "authoring/reload.h"
#include "check.h"

#define DIR "tests/data/same"
#define RUBRIC "scenarios/rubric.lua"

/* Each fixture and the one message every command must give for it. */
static const struct {
    const char *file;
    const char *msg;
} cases[] = {
    {DIR "/weight_third.lua",
     DIR "/weight_third.lua:18: 'scorecard.principles[3].weight' must be from 0.1 to 100, got "
         "500"},
    {DIR "/type_after_comment.lua",
     DIR "/type_after_comment.lua:10: 'difficulty' must be a number, got string"},
    {DIR "/unknown_principle.lua",
     DIR "/unknown_principle.lua:17: 'scorecard.principles[2]': unknown principle id "
         "'harsh_refusl'; did you mean harsh_refusal? (see rubric.lua)"},
    {DIR "/missing_title.lua", DIR "/missing_title.lua: 'title' is required (a string)"},
    {DIR "/threshold.lua",
     DIR "/threshold.lua:21: 'thresholds.reply_wait_s' must be from 1 to 600, got 900"},
    {DIR "/empty_variant.lua",
     DIR "/empty_variant.lua:4: 'lines.thanks[2]' must be a non-empty string"},
    {DIR "/hook_type.lua", DIR "/hook_type.lua:27: hook 'on_reply' must be a function, got string"},
    {DIR "/metatable.lua",
     DIR "/metatable.lua: the returned table (or a table inside it) has a metatable; scenario "
         "and rubric data must be plain tables (no setmetatable)"},
};
#define NCASES (sizeof cases / sizeof cases[0])

static const char *kefu;
static char outdir[64];

/* Everything cmd prints (stdout and stderr), malloc'd; "" when it cannot run. */
static char *output_of(const char *cmd)
{
    char full[1024];
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    FILE *p = popen(full, "r");
    size_t n = 0, cap = 4096;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    buf[0] = '\0';
    if (!p)
        return buf;
    int c;
    while ((c = fgetc(p)) != EOF) {
        if (n + 2 > cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                break;
            buf = b;
        }
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    pclose(p);
    return buf;
}

/* The rest of the first line of out that starts with prefix followed by file (the message
 * itself when prefix is "": the file's name starts it). Written into line; "" when none. */
static const char *message_in(const char *out, const char *prefix, const char *file, char *line,
                              size_t size)
{
    char start[512];
    snprintf(start, sizeof start, "%s%s", prefix, file);
    line[0] = '\0';
    for (const char *p = out; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (strncmp(p, start, strlen(start)) == 0) {
            const char *m = p + strlen(prefix);
            size_t mlen = len - strlen(prefix);
            snprintf(line, size, "%.*s", (int)mlen, m);
            break;
        }
        p = nl ? nl + 1 : NULL;
    }
    return line;
}

static void same_message_should_come_from_kefu_run(void)
{
    for (size_t i = 0; i < NCASES; i++) {
        char cmd[512], line[1200];
        snprintf(cmd, sizeof cmd, "%s run %s --replies tests/data/replies/simple.jsonl --out %s",
                 kefu, cases[i].file, outdir);
        char *out = output_of(cmd);
        CHECK_STR(message_in(out, "kefu run: ", cases[i].file, line, sizeof line), cases[i].msg);
        free(out);
    }
}

static void same_message_should_come_from_kefu_list(void)
{
    char cmd[512], line[1200];
    snprintf(cmd, sizeof cmd, "%s list --scenarios %s --rubric %s", kefu, DIR, RUBRIC);
    char *out = output_of(cmd);
    for (size_t i = 0; i < NCASES; i++)
        CHECK_STR(message_in(out, "kefu list: ", cases[i].file, line, sizeof line), cases[i].msg);
    free(out);
}

static void same_message_should_come_from_kefu_lint(void)
{
    for (size_t i = 0; i < NCASES; i++) {
        char cmd[512], line[1200];
        snprintf(cmd, sizeof cmd, "%s lint --quiet --rubric %s %s", kefu, RUBRIC, cases[i].file);
        char *out = output_of(cmd);
        /* The loader's message comes first; the static scan may add its own after it. */
        CHECK_STR(message_in(out, "", cases[i].file, line, sizeof line), cases[i].msg);
        free(out);
    }
}

static void same_message_should_come_from_kefu_test(void)
{
    for (size_t i = 0; i < NCASES; i++) {
        char cmd[512], line[1200], prefix[300];
        snprintf(cmd, sizeof cmd, "%s test --rubric %s %s", kefu, RUBRIC, cases[i].file);
        snprintf(prefix, sizeof prefix, "FAIL %s: ", cases[i].file);
        char *out = output_of(cmd);
        CHECK_STR(message_in(out, prefix, cases[i].file, line, sizeof line), cases[i].msg);
        free(out);
    }
}

static void same_message_should_come_from_the_reload(void)
{
    for (size_t i = 0; i < NCASES; i++) {
        KefuError err = {{0}};
        Replayed r;
        CHECK_INT(reload_replay(cases[i].file, RUBRIC, 1, NULL, 0, -1, &r, &err), ==, -1);
        CHECK_STR(err.msg, cases[i].msg);
        reload_deinit(&r);
    }
}

int main(void)
{
    kefu = getenv("KEFU_BIN");
    if (!kefu || !*kefu)
        kefu = "build/kefu";
    if (access(kefu, X_OK) != 0) {
        fprintf(stderr, "no kefu program at %s (set KEFU_BIN)\n", kefu);
        return 1;
    }
    snprintf(outdir, sizeof outdir, "/tmp/kefu_same_XXXXXX");
    if (!mkdtemp(outdir)) {
        fprintf(stderr, "cannot make a temporary folder\n");
        return 1;
    }
    RUN(same_message_should_come_from_kefu_run);
    RUN(same_message_should_come_from_kefu_list);
    RUN(same_message_should_come_from_kefu_lint);
    RUN(same_message_should_come_from_kefu_test);
    RUN(same_message_should_come_from_the_reload);
    char rm[128];
    snprintf(rm, sizeof rm, "rm -rf %s", outdir);
    if (system(rm) != 0)
        fprintf(stderr, "could not remove %s\n", outdir);
    CHECK_DONE();
}
