/* kefu report: HR's summary of a folder of results (terminal, and optionally CSV and HTML). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/platform.h"
#include "cli_common.h"
#include "cli_db.h"
#include "commands.h"
#include "results/report.h"
#include "results/report_cache.h"
#include "store/dbreport.h"
#include "store/dest.h"

#define MAX_TRAINEES 64
#define MAX_REQUIRED 64

static const char usage_text[] =
    "usage: kefu report DIR [--html FILE] [--csv FILE] [--trainee NAME]... [--scenario ID]\n"
    "                       [--mode exam|practice|all] [--require ID,ID...]\n"
    "                       [--since DATE] [--until DATE] [--rubric FILE | --scenarios DIR]\n"
    "  Reads every *.json results file below DIR and prints a summary per trainee, scenario,\n"
    "  principle and response time: of the exam sessions when there are any, else of the\n"
    "  practice ones (--mode says which). --html FILE also writes FILE's folder FILE_files/\n"
    "  with one page per trainee. DATE is YYYY-MM-DD (a local day, both ends inclusive) or\n"
    "  YYYY-MM-DDTHH:MM:SSZ. Every file scored by the rubric (--rubric, else\n"
    "  scenarios/rubric.lua) is rescored, and one whose total or exam transcript was edited\n"
    "  is flagged. See docs/report.md.\n"
    "       kefu report [--db URL] [the same options]\n"
    "  Without DIR: the results in the shared database (--db URL, else $KEFU_DB, else the\n"
    "  config file; docs/deploy.md), filtered by the server. --overview with --html FILE:\n"
    "  one overview page computed by the database (for very many results).\n";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int
usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("kefu report: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

/* Another copy of the rubric for a reading thread (ReportOptions.rubric_copy): ud is the
 * --rubric path, or NULL for the default. */
static struct Rubric *load_rubric_copy(void *ud)
{
    return cli_load_rubric("report", NULL, ud);
}

/* The reading threads: one per processor, at most 8 (reading is all it speeds up). */
static int reading_threads(void)
{
    int n = plat_cpu_count();
    return n > 8 ? 8 : n;
}

static void warn_stderr(void *ud, const char *msg)
{
    (void)ud;
    fprintf(stderr, "kefu report: skipped %s\n", msg);
}

/* Writes one output crash-safe (base/atomicfile: a temporary file beside it, flushed to disk,
 * renamed into place), so a failed run never leaves half a report behind and the old report
 * stays until the new one is whole. Returns 0, or -1 after saying why on stderr. */
static int write_output(const Report *r, const char *path, int html, int trainee)
{
    KefuError err = {{0}};
    AtomicFile *af = atomicfile_open(path, &err);
    if (!af) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        return -1;
    }
    FILE *f = atomicfile_stream(af);
    const char *base = strrchr(path, '/');
    int rc = trainee >= 0 ? report_write_trainee_html(r, trainee, f, base ? base + 1 : path, &err)
             : html       ? report_write_html(r, f, &err)
                          : report_write_csv(r, f, &err);
    if (rc != 0) {
        /* A failed write says so with its reason; anything else (out of memory) as the writer
         * put it. Either way the file is named. */
        int e = errno;
        if (ferror(f))
            fprintf(stderr, "kefu report: %s: cannot write: %s\n", path, strerror(e));
        else
            fprintf(stderr, "kefu report: %s: %s\n", path, err.msg);
        atomicfile_abort(af);
        return -1;
    }
    if (atomicfile_commit(af, 1, -1, &err) != 0) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        return -1;
    }
    return 0;
}

/* The per-trainee pages of --html FILE: the folder's name as the main page links it
 * ("report_files" for "out/report.html") and its path ("out/report_files"). Returns 0, or -1
 * when a buffer is too small. */
static int pages_folder(const char *html, char *rel, size_t rsize, char *path, size_t psize)
{
    const char *base = strrchr(html, '/');
    base = base ? base + 1 : html;
    size_t stem = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        stem = (size_t)(dot - base);
    int n = snprintf(rel, rsize, "%.*s_files", (int)stem, base);
    int m = snprintf(path, psize, "%.*s%s", (int)(base - html), html, rel);
    return n < 0 || (size_t)n >= rsize || m < 0 || (size_t)m >= psize ? -1 : 0;
}

/* Writes every trainee's page into dir (made when missing). Returns 0, or -1 after saying why. */
static int write_pages(const Report *r, const char *dir)
{
    if (plat_mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "kefu report: %s: cannot make the folder: %s\n", dir, strerror(errno));
        return -1;
    }
    char path[4096 + 160], name[128];
    for (int t = 0; t < report_trainee_count(r); t++) {
        report_trainee_page_name(r, t, name, sizeof name);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        if (write_output(r, path, 1, t) != 0)
            return -1;
    }
    return 0;
}

/* Splits "a,b,c" into ids (copied into buf). Returns 0, or -1 when empty, an id is empty, or
 * there are too many. */
static int split_ids(const char *v, char *buf, size_t size, const char **ids, int *n)
{
    if (!v[0] || strlen(v) >= size)
        return -1;
    memcpy(buf, v, strlen(v) + 1);
    *n = 0;
    for (char *p = buf;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p || *n == MAX_REQUIRED)
            return -1;
        ids[(*n)++] = p;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* An option's value: "--opt value" or "--opt=value". Returns NULL when this is not opt. */
static const char *opt_value(int argc, char **argv, int *i, const char *opt, int *missing)
{
    size_t n = strlen(opt);
    if (strncmp(argv[*i], opt, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* Reads the results the database holds for this report (store/dbreport.h). Returns how many
 * rows it read, or -1 with err. */
static long report_from_db(Report *r, const Dest *dest, const ReportOptions *opt, KefuError *err)
{
    Db *db = db_connect(dest->url, dest->timeout_s, err);
    if (!db)
        return -1;
    long n = dbreport_add(r, db, opt, warn_stderr, NULL, err);
    db_close(db);
    return n;
}

static int is_json_path(const char *p)
{
    size_t n = strlen(p);
    return n >= 5 && strcmp(p + n - 5, ".json") == 0;
}

int cmd_report(int argc, char **argv)
{
    ReportOptions opt = {.mode = "auto"};
    const char *trainees[MAX_TRAINEES];
    const char *required[MAX_REQUIRED];
    static char required_buf[4096];
    char pages[4096] = "", pages_dir[4096] = "";
    const char *dir = NULL, *html = NULL, *csv = NULL, *rubric_path = NULL, *v, *db_flag = NULL;
    const char *scenarios = NULL; /* the folder whose rubric.lua scores (--scenarios) */
    Dest dest = {.timeout_s = 0};
    int overview = 0;
    KefuError err = {{0}};
    int rc = EXIT_BAD_INPUT;

    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--html", &missing)) != NULL) {
            html = v;
        } else if ((v = opt_value(argc, argv, &i, "--csv", &missing)) != NULL) {
            csv = v;
        } else if ((v = opt_value(argc, argv, &i, "--trainee", &missing)) != NULL) {
            if (opt.ntrainees == MAX_TRAINEES)
                return usage_error("at most %s --trainee options", "64");
            trainees[opt.ntrainees++] = v;
        } else if ((v = opt_value(argc, argv, &i, "--db", &missing)) != NULL) {
            db_flag = v;
        } else if (strcmp(a, "--overview") == 0) {
            overview = 1;
        } else if ((v = opt_value(argc, argv, &i, "--rubric", &missing)) != NULL) {
            rubric_path = v;
        } else if ((v = opt_value(argc, argv, &i, "--scenarios", &missing)) != NULL) {
            scenarios = v;
        } else if ((v = opt_value(argc, argv, &i, "--scenario", &missing)) != NULL) {
            opt.scenario = v;
        } else if ((v = opt_value(argc, argv, &i, "--mode", &missing)) != NULL) {
            if (strcmp(v, "exam") != 0 && strcmp(v, "practice") != 0 && strcmp(v, "all") != 0)
                return usage_error("--mode must be exam, practice or all; got \"%s\"", v);
            opt.mode = v;
        } else if ((v = opt_value(argc, argv, &i, "--require", &missing)) != NULL) {
            if (split_ids(v, required_buf, sizeof required_buf, required, &opt.nrequired) != 0)
                return usage_error("--require: expected scenario ids separated by commas (at "
                                   "most %d); got \"%s\"",
                                   MAX_REQUIRED, v);
        } else if ((v = opt_value(argc, argv, &i, "--since", &missing)) != NULL) {
            if (report_parse_date(v, 0, &opt.since) != 0)
                return usage_error("--since: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; got "
                                   "\"%s\"",
                                   v);
            opt.has_since = 1;
        } else if ((v = opt_value(argc, argv, &i, "--until", &missing)) != NULL) {
            if (report_parse_date(v, 1, &opt.until) != 0)
                return usage_error("--until: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; got "
                                   "\"%s\"",
                                   v);
            opt.has_until = 1;
        } else if (missing) {
            return usage_error("%s needs a value", a);
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option %s", a);
        } else if (dir) {
            return usage_error("one folder only (got a second: %s)", a);
        } else {
            dir = a;
        }
    }
    if (dir && db_flag)
        return usage_error("%s", "one source: a folder or --db, not both");
    if (!dir && dest_resolve(db_flag, &dest, &err) <= 0) {
        if (err.msg[0])
            fprintf(stderr, "kefu report: %s\n", err.msg);
        return usage_error("%s", "which folder? (kefu report DIR)");
    }
    if (!dir && cli_db_missing("report"))
        return EXIT_BAD_INPUT;
    if ((html && is_json_path(html)) || (csv && is_json_path(csv)))
        return usage_error("will not write %s: .json files are results, never overwritten",
                           html && is_json_path(html) ? html : csv);
    if (opt.has_since && opt.has_until && opt.since > opt.until)
        return usage_error("%s", "--since is after --until");
    opt.trainees = trainees;
    opt.required = required;
    if (overview && (dir || !html || csv))
        return usage_error("%s", "--overview reads the database and writes --html FILE only");
    if (overview)
        return cli_overview(&dest, &opt, html);
    opt.html = html != NULL;
    /* Without a rubric the totals cannot be checked; the exam chains still are. */
    opt.rubric = cli_load_rubric("report", scenarios, rubric_path);
    if (!opt.rubric)
        fprintf(stderr, "kefu report: the totals are not rescored (no rubric)\n");
    opt.threads = reading_threads();
    opt.rubric_copy = load_rubric_copy;
    opt.rubric_copy_ud = (void *)rubric_path;
    /* What each file's check found, kept for the next run (docs/report.md). */
    char cache[4096];
    if (report_cache_default_path(cache, sizeof cache) == 0)
        opt.check_cache = cache;
    if (html) {
        if (pages_folder(html, pages, sizeof pages, pages_dir, sizeof pages_dir) != 0)
            return usage_error("--html: the path is too long: %s", html);
        opt.html_pages = pages;
    }

    Report *r = report_create(&opt, &err);
    if (!r) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        rubric_destroy(opt.rubric);
        return EXIT_BAD_INPUT;
    }
    long found = dir ? report_add_dir(r, dir, warn_stderr, NULL, &err)
                     : report_from_db(r, &dest, &opt, &err);
    if (!dir) /* the messages below name the source */
        dir = "the database";
    if (found < 0) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        goto done;
    }
    if (found == 0) {
        fprintf(stderr, "kefu report: no results files (*.json) under %s: nothing to report\n",
                dir);
        goto done;
    }
    if (report_finish(r, &err) != 0) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        goto done;
    }
    if (report_files_read(r) == 0) {
        fprintf(stderr,
                "kefu report: none of the %ld *.json files under %s is a usable results "
                "file\nread 0 files, skipped %d\n",
                found, dir, report_files_skipped(r));
        goto done;
    }
    if (report_session_count(r) == 0) {
        fprintf(stderr,
                "kefu report: no session under %s matches the filters\n"
                "read %d files, skipped %d\n",
                dir, report_files_read(r), report_files_skipped(r));
        goto done;
    }
    if (report_write_text(r, stdout) != 0) {
        fprintf(stderr, "kefu report: cannot write the summary: %s\n", strerror(errno));
        goto done;
    }
    if (csv && write_output(r, csv, 0, -1) != 0)
        goto done;
    if (csv)
        printf("CSV: %s (%d rows)\n", csv, report_session_count(r));
    if (html && (write_output(r, html, 1, -1) != 0 || write_pages(r, pages_dir) != 0))
        goto done;
    if (html)
        printf("HTML: %s (学员页面: %s/)\n", html, pages_dir);
    if (report_rush_files(r) > 0) /* a rush's conversations were counted as files */
        printf("read %d files (%d of them rushes, with %d conversations), skipped %d\n",
               report_files_read(r) - report_rush_sessions(r) + report_rush_files(r),
               report_rush_files(r), report_rush_sessions(r), report_files_skipped(r));
    else
        printf("read %d files, skipped %d\n", report_files_read(r), report_files_skipped(r));
    rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_BAD_INPUT;
done:
    report_destroy(r);
    rubric_destroy(opt.rubric);
    return rc;
}
