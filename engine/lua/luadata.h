/* luadata: the one reader of plain data out of a Lua file's tables: typed reads of fields by
 * path, each mistake in one wording ("scenarios/x.lua:16: 'difficulty' must be a number, got
 * string"), the line found by the source locator (luasrc), and the plain-data check. */
#ifndef KEFU_LUADATA_H
#define KEFU_LUADATA_H

#include <stddef.h>

#include "base/kerr.h"
#include "lua/luasrc.h"

struct lua_State;

enum { LUADATA_NAME_MAX = 300 }; /* the longest field name messages show */

/* Where a reading's mistakes after the first go: msg is one line, "chunk:line: message". */
typedef void (*LuaDataMoreFn)(void *ud, const char *msg);

/* A reading in progress: which file, its source for lines, where the first mistake goes.
 * Every read looks at the table on the top of the stack with raw accesses only (the file's
 * metamethods never run outside a protected call) and leaves the stack as it found it,
 * except luadata_table, which pushes the table it returns 1 for. */
typedef struct LuaData {
    struct lua_State *L;
    const char *chunk; /* the file named in messages (borrowed) */
    const char *text;  /* its source, for lines (borrowed; NULL: messages name no line) */
    size_t len;
    KefuError *err; /* filled by the first mistake only */
    int failed;     /* set by the first mistake; later ones are not reported */
    int quote;      /* messages call a field by its path in quotes ('title'), as scenarios do */
    LuaSrc src;     /* lexed on the first need */
    int lexed;
    LuaSrcMemo memo; /* where the last line asked for was found */
    /* Set by the caller after luadata_init (NULL: later mistakes are dropped): receives each
     * mistake after the first that is on a line of its own (one on a line already reported
     * is taken for a consequence of that one), so lint can show a file's every mistake. */
    LuaDataMoreFn more;
    void *more_ud;
    int lines[32]; /* the lines reported so far, for that */
    int nlines;
} LuaData;

/* Starts a reading; text may be NULL. Free with luadata_deinit. */
void luadata_init(LuaData *d, struct lua_State *L, const char *chunk, const char *text, size_t len,
                  KefuError *err);
void luadata_deinit(LuaData *d);

/* The line where the field path ("scorecard.principles[3].weight") is written, 0 unknown. */
int luadata_line(LuaData *d, const char *path);

/* Reports a mistake about the field at path as "chunk:line: message" ("chunk: message" when
 * the line is unknown or path is NULL) into err, unless one was already reported (then to
 * the reading's `more`, when set); control characters in it are escaped (base/inert).
 * Returns -1. */
int luadata_fail(LuaData *d, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* In the reads below, key is the Lua key read from the table on the top of the stack, name
 * how messages call the field (NULL: path, in quotes when the reading's quote is set), path
 * where the locator looks for its line. */

enum {
    LUADATA_REQUIRED = 1, /* absent is a mistake */
    LUADATA_NONEMPTY = 2, /* "" is a mistake */
};

/* A string field, valid UTF-8. Returns 1 with *out a copy the caller frees, 0 when absent
 * (*out NULL), -1 after reporting: "NAME is required (a string)", "NAME must be a string,
 * got TYPE", "NAME is not valid UTF-8 (byte N)", "NAME must not be empty", "NAME contains a
 * NUL byte (\0)" (C would read the text only up to it). */
int luadata_string(LuaData *d, const char *key, const char *name, const char *path, unsigned flags,
                   char **out);

/* The same checks on entry i of the list on the top of the stack, named path ("any[2]"):
 * returns 1 with *out a copy the caller frees, -1 after reporting (an absent entry is "PATH
 * must be a string, got nil"). */
int luadata_item_string(LuaData *d, long long i, const char *path, unsigned flags, char **out);

/* A number field. Returns 1 with *out set, 0 when absent (*out untouched), -1 after
 * reporting "NAME must be a number, got TYPE". Ranges are the caller's (luadata_range). */
int luadata_number(LuaData *d, const char *key, const char *name, const char *path, double *out);

/* Checks lo <= v <= hi (NaN is out). Returns 0, or -1 after reporting "NAME must be from LO
 * to HI, got V". */
int luadata_range(LuaData *d, const char *name, const char *path, double v, double lo, double hi);

/* A boolean field. Returns 1 with *out 0 or 1, 0 when absent (*out untouched), -1 after
 * reporting "NAME must be true or false, got TYPE". */
int luadata_boolean(LuaData *d, const char *key, const char *name, const char *path, int *out);

/* The index of value in choices (NULL-ended), or -1 after reporting "NAME must be one of A, B,
 * C; got \"VALUE\"". */
int luadata_choice(LuaData *d, const char *name, const char *path, const char *value,
                   const char *const *choices);

/* A table field: pushes it and returns 1; returns 0 when absent (pushes nothing); -1 after
 * reporting "NAME is required (a table)" (when required) or "NAME must be a table, got
 * TYPE". */
int luadata_table(LuaData *d, const char *key, const char *name, const char *path, unsigned flags);

/* Entry i of the list on the top of the stack, named path ("principles[3]"), when it is a
 * table: pushes it and returns 1; -1 after reporting "PATH must be a table, got TYPE". */
int luadata_item_table(LuaData *d, long long i, const char *path);

/* Every key of the table on the top of the stack is one of names (NULL-ended); list is how
 * messages show them (NULL: names joined with ", "); name is the table's path (NULL: the
 * table the file returns, whose keys are paths of their own). Returns 0, or -1 after
 * reporting "NAME has an unexpected list entry (expected fields LIST)" or "NAME.KEY is not a
 * known field (expected LIST)". */
int luadata_known_keys(LuaData *d, const char *name, const char *const *names, const char *list);

/* luadata_known_keys for a table that may also hold a list (LUADATA_LIST: integer keys are
 * its entries, not mistakes). */
enum { LUADATA_LIST = 4 };
int luadata_known_fields(LuaData *d, const char *name, const char *const *names, const char *list,
                         unsigned flags);

/* The value at idx and every table reachable from it are plain: no metatable (raw reads
 * only, cycles stopped). Returns 0, or -1 with err "chunk: the returned table (or a table
 * inside it) has a metatable; ...". */
int luadata_check_plain(struct lua_State *L, int idx, const char *chunk, KefuError *err);

/* Runs path in a fresh sandbox and checks what it returns with luadata_check_plain. Returns
 * 0 also when the file does not run (its loader says why, in its own words), -1 with err
 * when the data has a metatable or no sandbox can be made. */
int luadata_check_file(const char *path, KefuError *err);

#endif
