/* srcfile: the one reader of scenario and rubric files: plain files only (no symbolic link,
 * FIFO or device is ever opened for reading or quoted), at most a size cap, never blocking. */
#ifndef KEFU_SRCFILE_H
#define KEFU_SRCFILE_H

#include <stddef.h>

#include "base/kerr.h"

/* The largest scenario or rubric file read (1 MiB); the shipped ones are under 40 KiB. */
#define SRCFILE_MAX_BYTES (1024u * 1024u)

/* Reads path into a NUL-terminated malloc'd buffer the caller frees, with its length in
 * *len_out. The last component of path must be a regular file, not a symbolic link (opened
 * with O_NOFOLLOW); a FIFO, device or folder is refused at once (opened with O_NONBLOCK, then
 * fstat), and a file over SRCFILE_MAX_BYTES is refused before it is read. On failure returns
 * NULL with err "path: what is wrong" (never any byte of the file). */
char *srcfile_read(const char *path, size_t *len_out, KefuError *err);

/* What a reader of plain files is for: the cap, whether a symbolic link may be followed, and
 * the words its messages use for such files ("scenario and rubric files", "model files"). */
typedef struct SrcfileRule {
    size_t max_bytes;
    int follow_links;
    const char *kind;
} SrcfileRule;

/* srcfile_read under another rule (the meaning model's file, a replies file): the same
 * guarantees, with rule's cap, links followed only when rule says so, and rule->kind named in
 * the messages ("path: is a FIFO (named pipe), not a regular file; model files must be plain
 * files"). */
char *srcfile_read_as(const char *path, const SrcfileRule *rule, size_t *len_out,
                      KefuError *err);

/* Checks without opening it that path names a regular file and not a symbolic link (lstat).
 * Returns 1 when it does, 0 when nothing is there (err untouched), -1 with err in
 * srcfile_read's words when something else is ("path: is a FIFO (named pipe), not a regular
 * file; ...", "path: is a symbolic link; ..."). */
int srcfile_check(const char *path, KefuError *err);

#endif
