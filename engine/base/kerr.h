/* kerr: the caller-owned error report every engine call fills on failure. */
#ifndef KEFU_KERR_H
#define KEFU_KERR_H

#include <stddef.h>

/* A user-facing message, "file:line: what was expected, what was found". The caller owns
 * the struct (usually on the stack); engine calls write into it only on failure. */
typedef struct KefuError {
    char msg[1024];
} KefuError;

/* Formats into err->msg (printf-style), truncating safely. err may be NULL. */
void kerr_set(KefuError *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Reads a whole file into a NUL-terminated malloc'd buffer the caller frees. On failure
 * returns NULL and says why in err (naming the path). */
char *kerr_read_file(const char *path, size_t *len_out, KefuError *err);

#endif
