/* bench_report: kefu report over a generated cohort of 10,000 results files (10–20 messages
 * each, shaped like the engine writes them): time for each phase and peak memory.
 * Usage: bench_report [DIR [N [THREADS]]]   (default /tmp/kefu-bench-report, 10000, one per
 * processor). Files already in DIR from an earlier run are reused; the CSV and HTML go beside
 * DIR (DIR.csv, DIR.html). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "../tests/report_gen.h"
#include "results/report.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int generate(const char *dir, int n)
{
    static const char *scn[] = {"haggler", "angry_complainant", "authenticity_skeptic",
                                "indecisive_buyer"};
    static const char *titles[] = {"砍价的王女士", "愤怒的张先生", "怀疑正品的李小姐",
                                   "选择困难的小陈"};
    static const char *oc[] = {"sale",      "sale",      "resolved",  "left",
                               "escalated", "abandoned", "incomplete"};
    unsigned st = 20261123;
    long long bytes = 0;
    char path[4096];
    for (int i = 0; i < n; i++) {
        if (i % 1000 == 0) { /* a folder per batch, as results pile up by day */
            snprintf(path, sizeof path, "%s/day%02d", dir, i / 1000);
            if (gen_mkdirs(path) != 0) {
                perror(path);
                return -1;
            }
        }
        double waits[32];
        int nw = 22 + (int)(gen_rand(&st) % 10); /* 22–31 exchanges: about 20 KB, like a real
                                                 * session with its hits */
        for (int k = 0; k < nw; k++)
            waits[k] = 1 + gen_rand(&st) % 280 / 10.0;
        char statuses[GEN_NPRINCIPLES + 1];
        for (int k = 0; k < GEN_NPRINCIPLES; k++)
            statuses[k] = "mmmmmxxvn"[gen_rand(&st) % 9];
        statuses[GEN_NPRINCIPLES] = '\0';
        char name[32];
        snprintf(name, sizeof name, "学员%03u", gen_rand(&st) % 200);
        int s = (int)(gen_rand(&st) % 4);
        GenSession g = {.trainee = name,
                        .scenario = scn[s],
                        .title = titles[s],
                        .mode = gen_rand(&st) % 3 ? "exam" : "practice",
                        .seed = gen_rand(&st),
                        .started = 1793000000LL + i * 257LL,
                        .outcome = oc[gen_rand(&st) % 7],
                        .total = (int)(gen_rand(&st) % 101),
                        .first_response = waits[0],
                        .waits = waits,
                        .nwaits = nw,
                        .statuses = statuses};
        char *json = gen_json(&g);
        snprintf(path, sizeof path, "%s/day%02d/r%05d.json", dir, i / 1000, i);
        if (!json || gen_write_text(path, json, strlen(json)) != 0) {
            perror(path);
            free(json);
            return -1;
        }
        bytes += (long long)strlen(json);
        free(json);
    }
    printf("generated %d files, %.1f MB (%.1f KB each)\n", n, bytes / 1e6, bytes / 1e3 / n);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/kefu-bench-report";
    int n = argc > 2 ? atoi(argv[2]) : 10000;
    int threads = argc > 3 ? atoi(argv[3]) : (int)sysconf(_SC_NPROCESSORS_ONLN);
    char marker[4096], csv_path[4096], html_path[4096];
    KefuError err = {{0}};

    snprintf(marker, sizeof marker, "%s/day00/r00000.json", dir);
    char pages_dir[4096 + 16];
    snprintf(pages_dir, sizeof pages_dir, "%s_files", dir);
    if (file_size(marker) < 0 && generate(dir, n) != 0)
        return 1;
    snprintf(csv_path, sizeof csv_path, "%s.csv", dir);
    snprintf(html_path, sizeof html_path, "%s.html", dir);

    double t0 = now();
    const char *pages = strrchr(pages_dir, '/') ? strrchr(pages_dir, '/') + 1 : pages_dir;
    ReportOptions opt = {.html = 1, .html_pages = pages, .mode = "auto", .threads = threads};
    Report *r = report_create(&opt, &err);
    if (!r || report_add_dir(r, dir, NULL, NULL, &err) < 0 || report_finish(r, &err) != 0) {
        fprintf(stderr, "bench_report: %s\n", err.msg);
        return 1;
    }
    double t1 = now();
    FILE *devnull = fopen("/dev/null", "w");
    FILE *csv = fopen(csv_path, "wb"), *html = fopen(html_path, "wb");
    if (!devnull || !csv || !html) {
        perror("bench_report: output");
        return 1;
    }
    report_write_text(r, devnull);
    double t2 = now();
    if (report_write_csv(r, csv, &err) != 0) {
        fprintf(stderr, "bench_report: %s\n", err.msg);
        return 1;
    }
    double t3 = now();
    if (report_write_html(r, html, &err) != 0) {
        fprintf(stderr, "bench_report: %s\n", err.msg);
        return 1;
    }
    fclose(devnull);
    fclose(csv);
    fclose(html);
    long long pages_bytes = 0;
    mkdir(pages_dir, 0777);
    for (int t = 0; t < report_trainee_count(r); t++) {
        char name[128], path[8192];
        report_trainee_page_name(r, t, name, sizeof name);
        snprintf(path, sizeof path, "%s/%s", pages_dir, name);
        FILE *f = fopen(path, "wb");
        const char *main_page = strrchr(html_path, '/') ? strrchr(html_path, '/') + 1 : html_path;
        if (!f || report_write_trainee_html(r, t, f, main_page, &err) != 0) {
            fprintf(stderr, "bench_report: %s: %s\n", path, f ? err.msg : "cannot open");
            return 1;
        }
        fclose(f);
        pages_bytes += file_size(path);
    }
    double t4 = now();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("files read %d, skipped %d, sessions %d\n", report_files_read(r),
           report_files_skipped(r), report_session_count(r));
    printf("reading threads %d\n", threads);
    printf("read+aggregate %.3f s, terminal %.3f s, csv %.3f s, html %.3f s\n", t1 - t0, t2 - t1,
           t3 - t2, t4 - t3);
    printf("total %.3f s (budget 2 s): %s\n", t4 - t0, t4 - t0 <= 2.0 ? "ok" : "OVER");
    printf("csv %.1f MB, html main page %.2f MB, trainee pages %.1f MB (%d), peak RSS %.1f MB\n",
           file_size(csv_path) / 1e6, file_size(html_path) / 1e6, pages_bytes / 1e6,
           report_trainee_count(r), ru.ru_maxrss / 1024.0);
    report_destroy(r);
    return 0;
}
