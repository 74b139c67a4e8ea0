/* atomicfile: files written crash-safe (a temporary file beside the target, flushed to disk,
 * renamed or linked into place, the folder synced): a crash or a full disk leaves the old file
 * or the new one, never half of one. Every file kefu writes goes through here. */
#ifndef KEFU_ATOMICFILE_H
#define KEFU_ATOMICFILE_H

#include <stddef.h>
#include <stdio.h>

#include "base/kerr.h"

/* atomicfile_commit / atomicfile_create with replace 0: the target name is taken. */
#define ATOMICFILE_EXISTS (-2)

typedef struct AtomicFile AtomicFile;

/* Starts writing path: creates a temporary file ".<name>.XXXXXX" in path's folder (readers that
 * skip dot-files never see it). Returns NULL with err "PATH: cannot write: REASON" when it
 * cannot be made. Finish with atomicfile_commit or atomicfile_abort, which free it. */
AtomicFile *atomicfile_open(const char *path, KefuError *err);

/* The stream to write the new content to; borrowed until commit or abort. */
FILE *atomicfile_stream(AtomicFile *af);

/* Puts the new content in place: flushes and fsyncs the temporary file, gives it mode (or, when
 * mode is -1, the old file's permissions, else 0644), then with replace renames it over path,
 * without replace links it to path (ATOMICFILE_EXISTS, nothing changed, when path exists), and
 * fsyncs the folder. Frees af. Returns 0, ATOMICFILE_EXISTS, or -1 with err "PATH: cannot
 * write: REASON" (the errno text). On any failure the temporary file is removed and path is as
 * it was. */
int atomicfile_commit(AtomicFile *af, int replace, int mode, KefuError *err);

/* Drops what was written: removes the temporary file and frees af. NULL does nothing. */
void atomicfile_abort(AtomicFile *af);

/* The whole cycle for content in memory: replaces path with len bytes of data (the old file's
 * permissions kept). Returns 0, or -1 with err; path is then untouched. */
int atomicfile_replace(const char *path, const char *data, size_t len, KefuError *err);

/* Like atomicfile_replace but never replaces: ATOMICFILE_EXISTS when path already exists. */
int atomicfile_create(const char *path, const char *data, size_t len, KefuError *err);

/* mkdir -p with mode 0755: creates dir and its missing parents. Returns 0, or -1 with err
 * "DIR: cannot create folder: REASON" or "DIR: not a folder". */
int atomicfile_mkdirs(const char *dir, KefuError *err);

/* Makes the folder's entries durable (fsync on the folder; file systems that refuse it are
 * accepted). Returns 0, or -1 with err "DIR: cannot sync the folder: REASON". */
int atomicfile_sync_dir(const char *dir, KefuError *err);

/* The folder part of path ("." when it has none) into buf. */
void atomicfile_dirname(const char *path, char *buf, size_t size);

/* write(2) until all len bytes are written, retrying on EINTR. Returns 0, or -1 with errno. */
int atomicfile_write_all(int fd, const void *buf, size_t len);

#endif
