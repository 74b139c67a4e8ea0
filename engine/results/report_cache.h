/* report_cache: what report_check found for a results file, kept between runs of kefu report
 * and keyed by the SHA-256 of the file's bytes, so a report run again rescores only new or
 * changed files (docs/report.md, "Checking results"). The cache lives with HR's user, never in
 * the results folder a trainee controls, and is only a shortcut: losing it costs time. */
#ifndef KEFU_REPORT_CACHE_H
#define KEFU_REPORT_CACHE_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/rubric.h"
#include "results/report_check.h"

#define REPORT_CACHE_SCHEMA "kefu.report-checks/1"
#define REPORT_CACHE_KEY 32 /* bytes of a key: a SHA-256 */

typedef struct ReportCache ReportCache;

/* The default place, $XDG_CACHE_HOME/kefu/report-checks or else ~/.cache/kefu/report-checks,
 * into buf. Returns 0, or -1 when neither variable is set (then no cache is kept). */
int report_cache_default_path(char *buf, size_t size);

/* What a cached check depends on besides the file: this program's version, the rubric's own
 * version, its model's and the SHA-256 of its file's bytes, as lowercase hex into hex (65
 * bytes). A rubric of NULL (nothing is rescored) gives its own context. Returns 0, or -1 when
 * the rubric's file cannot be read (then no cache should be used). */
int report_cache_context(const Rubric *rubric, char hex[65]);

/* Reads the cache at path made under context. A file that is missing, unreadable, damaged, of
 * another schema or made under another context gives an empty cache (the file is rewritten at
 * the next save). Returns NULL only out of memory. Free with report_cache_destroy. */
ReportCache *report_cache_load(const char *path, const char context[65]);
void report_cache_destroy(ReportCache *c);

/* The key of a file's bytes buf[0..len). */
void report_cache_key(const char *buf, size_t len, unsigned char key[REPORT_CACHE_KEY]);

/* What was found for key as the cache was loaded: 1 with *out, or 0. Safe to call from several
 * threads at once, also while report_cache_put runs (put never changes what get reads). */
int report_cache_get(const ReportCache *c, const unsigned char key[REPORT_CACHE_KEY],
                     ReportCheck *out);

/* Notes a check made in this run, for report_cache_save; one thread at a time. Returns 0, or -1
 * out of memory (the entry is then not kept). */
int report_cache_put(ReportCache *c, const unsigned char key[REPORT_CACHE_KEY],
                     const ReportCheck *check);

/* Writes the cache back when this run added to it: the entries loaded and the new ones, one a
 * line, the whole file rewritten through base/atomicfile (a crash leaves the old file or the
 * new one; two reports at once: the last one's file stays, each complete). Makes the folder
 * when missing. Returns 0 (also when there was nothing to write), or -1 with err. */
int report_cache_save(ReportCache *c, KefuError *err);

#endif
