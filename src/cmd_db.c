/* kefu db: the shared results database's administration: migrate its schema, show its
 * version, publish scenarios and exams (docs/deploy.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_db.h"
#include "commands.h"
#include "store/db.h"
#include "store/dest.h"

static const char usage_text[] =
    "usage: kefu db migrate [--db URL]     create or update the tables, roles and policies\n"
    "         [--to N]                     only up to schema version N (step by step)\n"
    "       kefu db status [--db URL]      the schema version the database is at\n"
    "       kefu db publish scenario|exam FILE... [--db URL]   (trainers) publish files\n"
    "  URL: postgresql://USER@HOST/DB; else $KEFU_DB, else the config file's \"db = URL\"\n"
    "  ($KEFU_CONFIG, ~/.config/kefu/config, /etc/kefu/config). See docs/deploy.md.\n";

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "kefu db: %s%s\n%s", msg, arg ? arg : "", usage_text);
    return EXIT_USAGE;
}

/* The file's name without folder and extension: the id a published file goes by. */
static void file_id(const char *path, char *buf, size_t size)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    snprintf(buf, size, "%.*s", (int)n, b);
}

static int publish(Db *db, const char *kind, char **files, int nfiles)
{
    for (int i = 0; i < nfiles; i++) {
        KefuError err = {{0}};
        size_t len;
        char id[256];
        char *text = kerr_read_file(files[i], &len, &err);
        if (!text) {
            fprintf(stderr, "kefu db: %s\n", err.msg);
            return EXIT_BAD_INPUT;
        }
        file_id(files[i], id, sizeof id);
        int rc = db_publish(db, kind, id, text, len, &err);
        free(text);
        if (rc < 0) {
            fprintf(stderr, "kefu db: %s: %s\n", files[i], err.msg);
            return EXIT_BAD_INPUT;
        }
        printf("published %s %s (%s)\n", kind, id, files[i]);
    }
    return EXIT_OK;
}

int cmd_db(int argc, char **argv)
{
    const char *flag = NULL, *action = NULL, *kind = NULL;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, rc = EXIT_BAD_INPUT, target = 0;
    if (!files) {
        fprintf(stderr, "kefu db: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            free(files);
            return EXIT_OK;
        } else if (strcmp(a, "--db") == 0) {
            if (i + 1 >= argc) {
                free(files);
                return usage_error("--db needs a value", NULL);
            }
            flag = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            flag = a + 5;
        } else if (strcmp(a, "--to") == 0) {
            char *end;
            if (i + 1 >= argc || (target = (int)strtol(argv[i + 1], &end, 10)) < 1 || *end) {
                free(files);
                return usage_error("--to needs a schema version (1, 2, ...)", NULL);
            }
            i++;
        } else if (a[0] == '-' && a[1]) {
            free(files);
            return usage_error("unknown option ", a);
        } else if (!action) {
            action = a;
        } else if (strcmp(action, "publish") == 0 && !kind) {
            kind = a;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    int is_publish = action && strcmp(action, "publish") == 0;
    if (!action ||
        (strcmp(action, "migrate") != 0 && strcmp(action, "status") != 0 && !is_publish)) {
        free(files);
        return usage_error("what to do? migrate, status or publish; got ",
                           action ? action : "none");
    }
    if (is_publish &&
        (!kind || (strcmp(kind, "scenario") != 0 && strcmp(kind, "exam") != 0) || nfiles == 0)) {
        free(files);
        return usage_error("publish scenario FILE... or publish exam FILE...", NULL);
    }
    if (target && strcmp(action, "migrate") != 0) {
        free(files);
        return usage_error("--to goes with migrate only", NULL);
    }
    if (!is_publish && nfiles > 0) {
        const char *extra = files[0];
        free(files);
        return usage_error("unexpected argument ", extra);
    }

    if (cli_db_missing("db")) {
        free(files);
        return EXIT_BAD_INPUT;
    }
    Dest dest;
    KefuError err = {{0}};
    int has = dest_resolve(flag, &dest, &err);
    if (has <= 0) {
        fprintf(stderr, "kefu db: %s\n",
                has < 0 ? err.msg
                        : "no database named (--db URL, KEFU_DB or the config file; "
                          "docs/deploy.md)");
        free(files);
        return has < 0 ? EXIT_BAD_INPUT : EXIT_USAGE;
    }
    Db *db = db_connect(dest.url, dest.timeout_s, &err);
    if (!db) {
        fprintf(stderr, "kefu db: %s\n", err.msg);
        free(files);
        return EXIT_BAD_INPUT;
    }
    if (strcmp(action, "migrate") == 0) {
        int from, to;
        if (db_migrate(db, target, &from, &to, &err) < 0) {
            fprintf(stderr, "kefu db: %s\n", err.msg);
        } else {
            if (from == to)
                printf("database schema: version %d, up to date\n", to);
            else
                printf("database schema: migrated from version %d to %d\n", from, to);
            rc = EXIT_OK;
        }
    } else if (strcmp(action, "status") == 0) {
        int v = db_version(db, &err);
        if (v < 0) {
            fprintf(stderr, "kefu db: %s\n", err.msg);
        } else {
            printf("database schema: version %d (this kefu: %d)%s\n", v, db_latest_version(),
                   v < db_latest_version() ? "; run kefu db migrate" : "");
            rc = v == db_latest_version() ? EXIT_OK : EXIT_BAD_INPUT;
        }
    } else {
        rc = publish(db, kind, files, nfiles);
    }
    db_close(db);
    free(files);
    return rc;
}
