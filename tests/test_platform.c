/* test_platform: the platform layer's contract (engine/base/platform.h): replacing renames,
 * links that never replace, folders listed with Chinese names, locks, the still-named check,
 * temporary files, lines, the executable's folder and local time. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/platform.h"
#include "check.h"

static char dir[2048];

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
    char p[2200];
    path_of(p, sizeof p, name);
    FILE *f = plat_fopen(p, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* The file's text ("" when missing), in a static buffer. */
static const char *get(const char *name)
{
    static char text[256];
    char p[2200];
    path_of(p, sizeof p, name);
    text[0] = '\0';
    FILE *f = plat_fopen(p, "rb");
    if (f) {
        size_t n = fread(text, 1, sizeof text - 1, f);
        text[n] = '\0';
        fclose(f);
    }
    return text;
}

static int exists(const char *name)
{
    char p[2200];
    path_of(p, sizeof p, name);
    return plat_exists(p);
}

/* Removes path and, when it is a folder, everything in it. */
static void remove_all(const char *path)
{
    PlatStat st;
    if (plat_lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.mode)) {
        PlatDir *d = plat_opendir(path);
        const char *name;
        while (d && (name = plat_readdir(d))) {
            char p[2400];
            snprintf(p, sizeof p, "%s/%s", path, name);
            if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
                remove_all(p);
        }
        plat_closedir(d);
        plat_rmdir(path);
    } else {
        plat_unlink(path);
    }
}

/* A fresh, empty folder for this run. */
static void fresh_dir(void)
{
    const char *out = getenv("KEFU_TEST_OUT");
    char base[1800];
    snprintf(base, sizeof base, "%s", out && *out ? out : "build/test-out");
    plat_mkdir(base, 0755);
    snprintf(dir, sizeof dir, "%s/platform", base);
    remove_all(dir);
    CHECK_INT(plat_mkdir(dir, 0755), ==, 0);
}

static void platform_should_replace_a_file_by_renaming(void)
{
    char a[2200], b[2200];
    put("a.txt", "old");
    put("b.txt", "new");
    path_of(a, sizeof a, "a.txt");
    path_of(b, sizeof b, "b.txt");
    CHECK_INT(plat_rename(b, a), ==, 0);
    CHECK_STR(get("a.txt"), "new");
    CHECK(!exists("b.txt"));
}

static void platform_should_link_without_ever_replacing(void)
{
    char a[2200], b[2200], c[2200];
    put("keep.txt", "kept");
    put("tmp.txt", "fresh");
    path_of(a, sizeof a, "keep.txt");
    path_of(b, sizeof b, "tmp.txt");
    path_of(c, sizeof c, "new.txt");
    errno = 0;
    CHECK_INT(plat_link(b, a), ==, -1);
    CHECK_INT(errno, ==, EEXIST);
    CHECK_STR(get("keep.txt"), "kept");
    CHECK_INT(plat_link(b, c), ==, 0);
    CHECK_STR(get("new.txt"), "fresh");
    CHECK(exists("tmp.txt"));
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void platform_should_list_and_open_chinese_file_names(void)
{
    char sub[2200], p[2400];
    path_of(sub, sizeof sub, "客服");
    CHECK_INT(plat_mkdir(sub, 0755), ==, 0);
    errno = 0;
    CHECK_INT(plat_mkdir(sub, 0755), ==, -1);
    CHECK_INT(errno, ==, EEXIST);
    put("客服/退款_一.json", "{\"退\":1}");
    put("客服/好评.txt", "谢谢");
    PlatDir *d = plat_opendir(sub);
    CHECK(d != NULL);
    char *names[8];
    int n = 0;
    const char *name;
    while (d && n < 8 && (name = plat_readdir(d)))
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
            names[n++] = strdup(name);
    plat_closedir(d);
    CHECK_INT(n, ==, 2);
    qsort(names, (size_t)n, sizeof *names, by_name);
    if (n == 2) {
        CHECK_STR(names[0], "好评.txt");
        CHECK_STR(names[1], "退款_一.json");
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    snprintf(p, sizeof p, "%s/好评.txt", sub);
    PlatStat st;
    CHECK_INT(plat_stat(p, &st), ==, 0);
    CHECK(S_ISREG(st.mode));
    CHECK_INT(st.size, ==, strlen("谢谢"));
    CHECK_INT(plat_stat(sub, &st), ==, 0);
    CHECK(S_ISDIR(st.mode));
    CHECK_STR(get("客服/好评.txt"), "谢谢");
    errno = 0;
    CHECK(plat_opendir("no such folder 无") == NULL);
    CHECK_INT(errno, ==, ENOENT);
}

static void platform_should_lock_one_holder_at_a_time(void)
{
    char p[2200];
    put("lock", "");
    path_of(p, sizeof p, "lock");
    int a = plat_open(p, O_RDWR, 0), b = plat_open(p, O_RDWR, 0);
    CHECK(a >= 0 && b >= 0);
    CHECK_INT(plat_lock(a, 1), ==, 0);
    errno = 0;
    CHECK_INT(plat_lock(b, 0), ==, -1);
    CHECK_INT(errno, ==, EWOULDBLOCK);
    CHECK_INT(plat_unlock(a), ==, 0);
    CHECK_INT(plat_lock(b, 0), ==, 0);
    close(a);
    close(b);
}

static void platform_should_tell_when_a_name_no_longer_holds_the_file(void)
{
    char p[2200], q[2200];
    put("live", "1");
    put("other", "2");
    path_of(p, sizeof p, "live");
    path_of(q, sizeof q, "other");
    int fd = plat_open(p, O_RDONLY, 0);
    CHECK(fd >= 0);
    CHECK_INT(plat_still_named(fd, p), ==, 1);
    CHECK_INT(plat_still_named(fd, q), ==, 0);
    CHECK_INT(plat_rename(q, p), ==, 0); /* replaced while open */
    CHECK_INT(plat_still_named(fd, p), ==, 0);
    close(fd);
    fd = plat_open(p, O_RDONLY, 0);
    CHECK_INT(plat_unlink(p), ==, 0); /* removed while open */
    CHECK_INT(plat_still_named(fd, p), ==, 0);
    close(fd);
}

static void platform_should_make_unique_temporary_files(void)
{
    char t1[2200], t2[2200];
    path_of(t1, sizeof t1, ".tmp.XXXXXX");
    path_of(t2, sizeof t2, ".tmp.XXXXXX");
    int a = plat_mkstemp(t1), b = plat_mkstemp(t2);
    CHECK(a >= 0 && b >= 0);
    CHECK(strcmp(t1, t2) != 0);
    CHECK(strstr(t1, "XXXXXX") == NULL);
    CHECK_INT(write(a, "x", 1), ==, 1);
    CHECK_INT(plat_fsync(a), ==, 0);
    CHECK_INT(plat_fdatasync(a), ==, 0);
    close(a);
    close(b);
    CHECK_INT(plat_unlink(t1), ==, 0);
    CHECK_INT(plat_unlink(t2), ==, 0);
    char sub[2200];
    path_of(sub, sizeof sub, "empty");
    CHECK_INT(plat_mkdir(sub, 0755), ==, 0);
    CHECK_INT(plat_sync_dir(sub), ==, 0);
    CHECK_INT(plat_rmdir(sub), ==, 0);
    CHECK(!exists("empty"));
}

static void platform_should_read_lines_and_copy_prefixes(void)
{
    char p[2200];
    put("lines", "一行\n\nlast");
    path_of(p, sizeof p, "lines");
    FILE *f = plat_fopen(p, "r");
    char *line = NULL;
    size_t cap = 0;
    CHECK_INT(plat_getline(&line, &cap, f), ==, strlen("一行\n"));
    CHECK_STR(line, "一行\n");
    CHECK_INT(plat_getline(&line, &cap, f), ==, 1);
    CHECK_INT(plat_getline(&line, &cap, f), ==, 4);
    CHECK_STR(line, "last");
    CHECK_INT(plat_getline(&line, &cap, f), ==, -1);
    free(line);
    fclose(f);
    char *s = plat_strndup("abcdef", 3);
    CHECK_STR(s, "abc");
    free(s);
    s = plat_strndup("ab", 10);
    CHECK_STR(s, "ab");
    free(s);
}

static void platform_should_know_its_own_folder(void)
{
    char exe[4096], self[4200];
    PlatStat st;
    CHECK_INT(plat_exe_dir(exe, sizeof exe), ==, 0);
    snprintf(self, sizeof self, "%s/test_platform", exe);
    if (plat_stat(self, &st) != 0) /* Windows: test_platform.exe */
        snprintf(self, sizeof self, "%s/test_platform.exe", exe);
    CHECK_INT(plat_stat(self, &st), ==, 0);
    CHECK(S_ISREG(st.mode));
    const char *s = plat_last_sep("a/b/c.json");
    CHECK(s && strcmp(s, "/c.json") == 0);
    CHECK(plat_last_sep("c.json") == NULL);
    CHECK(plat_is_sep('/'));
    CHECK(!plat_is_sep('a'));
    /* POSIX: no per-user folder, results in the current folder's; Windows: both under
     * %APPDATA%\kefu. */
    char appdata[1024] = "x";
    if (plat_appdata_dir(appdata, sizeof appdata) < 0) {
        CHECK_STR(appdata, "");
        CHECK_STR(plat_results_dir(), "results");
    } else {
        CHECK(strncmp(plat_results_dir(), appdata, strlen(appdata)) == 0);
        CHECK(strstr(plat_results_dir(), "results") != NULL);
    }
}

static void platform_should_convert_times_local_and_utc(void)
{
    /* A zone by rule, needing no time zone database: UTC+8, as in China. */
    setenv("TZ", "CST-8", 1);
    tzset();
    struct tm tm;
    CHECK(plat_localtime(0, &tm) != NULL);
    CHECK_INT(tm.tm_year, ==, 70);
    CHECK_INT(tm.tm_hour, ==, 8);
    CHECK(plat_gmtime(86399, &tm) != NULL);
    CHECK_INT(tm.tm_mday, ==, 1);
    CHECK_INT(tm.tm_hour, ==, 23);
    CHECK(plat_localtime(86399, &tm) != NULL);
    CHECK_INT(tm.tm_mday, ==, 2);
    CHECK_INT(tm.tm_hour, ==, 7);
    double t0 = plat_monotonic();
    plat_sleep_ms(2);
    CHECK(plat_monotonic() >= t0);
    CHECK(plat_thread_cpu() >= 0);
    CHECK(plat_getpid() > 0);
}

int main(void)
{
    fresh_dir();
    RUN(platform_should_replace_a_file_by_renaming);
    RUN(platform_should_link_without_ever_replacing);
    RUN(platform_should_list_and_open_chinese_file_names);
    RUN(platform_should_lock_one_holder_at_a_time);
    RUN(platform_should_tell_when_a_name_no_longer_holds_the_file);
    RUN(platform_should_make_unique_temporary_files);
    RUN(platform_should_read_lines_and_copy_prefixes);
    RUN(platform_should_know_its_own_folder);
    RUN(platform_should_convert_times_local_and_utc);
    CHECK_DONE();
}
