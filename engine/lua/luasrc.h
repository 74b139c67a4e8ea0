/* luasrc: a light lexer for Lua source and the locator every command uses to name the line
 * where a field of a file's table is written ("scorecard.principles[3].weight" -> 16). */
#ifndef KEFU_LUASRC_H
#define KEFU_LUASRC_H

#include <stddef.h>

typedef enum LuaTokKind {
    LUATOK_EOF,
    LUATOK_NAME,
    LUATOK_STRING,
    LUATOK_NUMBER,
    LUATOK_OP
} LuaTokKind;

typedef struct LuaTok {
    LuaTokKind kind;
    int line;
    const char *p; /* the raw text in the source (borrowed from it) */
    size_t n;
    char *str; /* LUATOK_STRING: the decoded bytes, escapes applied, NUL-terminated */
    size_t slen;
} LuaTok;

/* A lexed source: the tokens, the last one LUATOK_EOF. Zero-initialise or fill with
 * luasrc_lex; free with luasrc_deinit. Tokens borrow the text, which must outlive them. */
typedef struct LuaSrc {
    LuaTok *v;
    int n;
    int cap;
} LuaSrc;

/* Tokenises text[0..len): names, strings (decoded), numbers and operators, comments skipped.
 * It never reports syntax errors (the real loader does): the list simply ends where the text
 * stops making sense. Returns 0, or -1 out of memory (out holds what was read; deinit it). */
int luasrc_lex(const char *text, size_t len, LuaSrc *out);
void luasrc_deinit(LuaSrc *src);

/* Token i is of kind with exactly the text word (NULL: any text). Out of range is never. */
int luasrc_is(const LuaSrc *src, int i, LuaTokKind kind, const char *word);

/* Token i is the operator op ("{", "=", ...). */
int luasrc_op(const LuaSrc *src, int i, const char *op);

/* One field of a table constructor. */
typedef struct LuaField {
    int key_tok; /* the key's token (a name, or a bracketed key's first token), or -1 */
    int value;   /* first token of the value */
    int end;     /* the separator or '}' after it */
} LuaField;

/* Called for each field of a constructor; index is the 1-based position of a positional
 * field, 0 for a keyed one. A non-zero return stops the walk. */
typedef int (*LuaFieldFn)(const LuaSrc *src, const LuaField *f, int index, void *ud);

/* Walks the fields of the constructor whose '{' is token open. Returns what fn stopped with,
 * or 0 after the last field. */
int luasrc_each_field(const LuaSrc *src, int open, LuaFieldFn fn, void *ud);

/* The line where the field named by path is written: path is a key, then [index] or .key
 * steps ("tests[2].expect.outcome"). The first key is looked up in the table the chunk
 * returns (`return { ... }` outside any function; `return NAME` follows NAME = { ... }), or,
 * when the chunk returns no constructor, as `key = {` anywhere. A step whose value is a name
 * (`lines = lines`) continues in that name's constructor. Returns the line of the deepest
 * step found, or 0 when even the first key is not written. */
int luasrc_locate(const LuaSrc *src, const char *path);

/* What luasrc_locate_memo keeps between calls on one source: the returned table and the
 * steps of the last path located. Zero-initialise; nothing to free. */
enum { LUASRC_MEMO_STEPS = 16 };
typedef struct LuaSrcMemo {
    int ready;     /* root and root_name are known */
    int root;      /* the returned constructor's '{', or -1 */
    int root_name; /* the NAME of `return NAME`, or -1 */
    char path[256];
    int depth; /* how many of path's steps were found in constructors */
    int value[LUASRC_MEMO_STEPS];
    int line[LUASRC_MEMO_STEPS];
} LuaSrcMemo;

/* The constructor written for the field path (as luasrc_locate finds it; a name's own
 * constructor for `lines = lines`): its '{' token, or -1 when the field is not written as a
 * table constructor. */
int luasrc_table(const LuaSrc *src, const char *path);

/* luasrc_locate, resuming from the steps path shares with the last path located with the
 * same memo (reading a file's fields in order then costs a little per field, not a walk of
 * the file each). A path the returned table does not hold is also looked for as an
 * assignment to the returned name's fields (`return cat` after `cat.principles[1] = {`). */
int luasrc_locate_memo(const LuaSrc *src, const char *path, LuaSrcMemo *memo);

/* Whether a comma missing between two fields of a constructor explains Lua's syntax error
 * `what` (the message after "chunk:line: ", e.g. "'}' expected (to close '{' at line 8) near
 * 'kind'") at line: the index of the token the comma belongs after (where the field before
 * ends), or -1 when the error is another one. */
int luasrc_missing_comma(const LuaSrc *src, int line, const char *what);

/* The words for it, after "chunk:line: ": a format taking the line the field before ends on,
 * then Lua's own message. */
#define LUASRC_MISSING_COMMA "missing ',' after the field ending at line %d? (%s)"

/* luasrc_locate on text[0..len), lexed for this one call. 0 when out of memory. */
int luasrc_line(const char *text, size_t len, const char *path);

#endif
