/* dboverview: HR's overview page at organisation scale (kefu report --db --overview): every
 * figure computed by the database server (counts, averages, the score distribution, per
 * trainee, per scenario, per principle, the trainee x principle heat map from the tally the
 * uploads keep), so a million results cost a few queries, not a million JSON bodies. It has
 * no per-session drill-down; the full report (results/report.h through store/dbreport.h) has. */
#ifndef KEFU_DBOVERVIEW_H
#define KEFU_DBOVERVIEW_H

#include <stdio.h>

#include "results/report_figures.h"
#include "store/db.h"

/* Writes the overview of the results opt's filters keep (trainees, scenario, mode: "auto"
 * means exam when there is any exam session, as the report decides; since/until) to out as
 * one self-contained HTML page (inline CSS, no script, every text escaped). Returns the
 * number of sessions it covers (0: none matched, nothing written), or -1 with err (also for
 * a database whose schema is older than version 2). */
long dboverview_write_html(Db *db, const ReportOptions *opt, FILE *out, KefuError *err);

#endif
