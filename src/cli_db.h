/* cli_db: what the commands that write a result do about the shared database. */
#ifndef KEFU_CLI_DB_H
#define KEFU_CLI_DB_H

/* After cmd ("run") wrote the result at path into dir: when a database is named (flag, which
 * may be NULL, else KEFU_DB, else the config file), marks the result as waiting and uploads
 * what waits (store/outbox.h), saying on stderr where it went. With no database named it does
 * nothing and says nothing. The result is safe in dir either way: returns 0 when everything is
 * uploaded or no database is named, 1 when something still waits (kefu sync retries). */
int cli_deliver(const char *cmd, const char *dir, const char *path, const char *flag);

/* In a kefu built without the database (cmake -DKEFU_DB=OFF): says "kefu CMD: this build has no
 * database: results stay in the folder" on stderr and returns 1. Else 0, saying nothing. */
int cli_db_missing(const char *cmd);

struct ReportOptions;
struct Dest;

/* kefu report --db --overview --html PATH: writes the overview page computed by the database
 * (store/dboverview.h) crash-safe to path and says so on stdout. Returns the exit status. */
int cli_overview(const struct Dest *dest, const struct ReportOptions *opt, const char *path);

#endif
