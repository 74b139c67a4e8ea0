/* dest: where results go besides the folder: the database URL from --db, else the KEFU_DB
 * environment variable, else a small config file (docs/deploy.md). */
#ifndef KEFU_DEST_H
#define KEFU_DEST_H

#include "base/kerr.h"

typedef struct Dest {
    char url[2048];  /* the connection string; empty: the folder only */
    char from[1100]; /* where it came from: "--db", "KEFU_DB", or the config file's path */
    int timeout_s;   /* KEFU_DB_TIMEOUT, else the file's "timeout", else 0 (db's default) */
} Dest;

/* Fills out from flag (the --db value, may be NULL), KEFU_DB, then the first config file that
 * exists: $KEFU_CONFIG, else $XDG_CONFIG_HOME/kefu/config (or ~/.config/kefu/config), else
 * /etc/kefu/config. A config file holds "key = value" lines ("db", "timeout"), '#' comments.
 * Returns 1 when a database is named, 0 when none is (results stay in the folder only), -1
 * with err "FILE:LINE: problem" for a config file that cannot be read or is malformed. */
int dest_resolve(const char *flag, Dest *out, KefuError *err);

/* The URL with any password replaced by "***", for messages, into buf. */
void dest_redact(const char *url, char *buf, size_t size);

#endif
