/* dbreport: feeds the HR report (results/report.h) from the shared database instead of a
 * folder: the report's filters become the query's WHERE clause on indexed columns, so only
 * the cohort asked for leaves the server, and every row goes through the same reader as a
 * file does, so the terminal, CSV and HTML are the folder's. */
#ifndef KEFU_DBREPORT_H
#define KEFU_DBREPORT_H

#include "results/report.h"
#include "store/db.h"

/* Adds every result the database lets this login read and opt's filters keep (trainees,
 * scenario, mode unless "auto", since/until) to r, each named "<id>.json" in messages and in
 * the CSV. A row that cannot be used goes to warn (may be NULL) and counts as skipped, as a
 * bad file does. Returns the number of rows read, or -1 with err (the database failed; r is
 * then incomplete and must not be written). */
long dbreport_add(Report *r, Db *db, const ReportOptions *opt, ReportWarnFn warn, void *ud,
                  KefuError *err);

#endif
