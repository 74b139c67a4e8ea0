/* platform: the few things POSIX and Windows do differently, behind one contract: files named in
 * UTF-8, crash-safe renames and links, flushing and locking, folders, the process's own folder
 * and per-user folder, time, and stop requests. platform_posix.c and platform_win.c implement it;
 * the rest of kefu calls these instead of the system, and never tests which system it is on.
 * Failures return -1 (or NULL) with errno set, as the POSIX calls they stand for. */
#ifndef KEFU_PLATFORM_H
#define KEFU_PLATFORM_H

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

/* Flags and file kinds one of the systems lacks mean nothing there. */
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif
#ifndef ELOOP
#define ELOOP ENOENT
#endif
#ifndef S_IFLNK
#define S_IFLNK 0120000
#endif
#ifndef S_ISLNK
#define S_ISLNK(m) 0
#endif
#ifndef S_ISSOCK
#define S_ISSOCK(m) 0
#endif
#ifndef S_ISFIFO
#define S_ISFIFO(m) 0
#endif
#ifndef S_ISCHR
#define S_ISCHR(m) 0
#endif
#ifndef S_ISBLK
#define S_ISBLK(m) 0
#endif
#ifndef SIGHUP
#define SIGHUP 1 /* Windows: the console window closed, the user logged off or shut down */
#endif

/* ------------------------------------------------------------------------ the process */

/* Call first in main. POSIX: nothing. Windows: argv is replaced by the UTF-8 form of the wide
 * command line (kept for the life of the process), stdin, stdout and stderr are made binary (a
 * newline is written as "\n", as on Linux) and the console shows UTF-8. */
void plat_init_process(int *argc, char ***argv);

/* For the app started without arguments. Windows: kefu.exe is a console program, so a double
 * click in Explorer opens a console window beside the app; this closes it when no other program
 * shares it (started from a terminal, the terminal stays). POSIX: nothing. */
void plat_release_own_console(void);

/* The folder of the running executable (no trailing separator) into buf. Returns 0, or -1 when
 * it cannot be found or does not fit. */
int plat_exe_dir(char *buf, size_t size);

/* The folder where this user's kefu files live on a system without XDG folders: Windows'
 * "%APPDATA%\kefu" (UTF-8). Returns 0, or -1 (buf "") on POSIX, where callers follow XDG. */
int plat_appdata_dir(char *buf, size_t size);

/* The default results folder: "results" (relative to the current folder) on POSIX; on Windows
 * "%APPDATA%\kefu\results" (a double-clicked kefu.exe starts in a folder that may be read-only),
 * or "results" when APPDATA is not set. Borrowed, valid for the life of the process. */
const char *plat_results_dir(void);

/* The last path separator in path ('/', and '\\' on Windows), or NULL when there is none. */
const char *plat_last_sep(const char *path);

/* Whether c separates a path's parts: '/', and '\\' on Windows. */
int plat_is_sep(int c);

/* Calls on_stop(sig) when the user or the system asks the program to stop: SIGTERM, SIGHUP and
 * SIGINT on POSIX (SA_RESTART); on Windows the console's Ctrl-C (SIGINT), Ctrl-Break (SIGTERM),
 * and close, logoff and shutdown (SIGHUP; the process is then given a few seconds to save).
 * on_stop must only note the request. Call once, early. */
void plat_catch_stop(void (*on_stop)(int sig));

/* The process id, for unique names. */
long plat_getpid(void);

/* The number of processors online (at least 1). */
int plat_cpu_count(void);

/* aligned_alloc(3): size bytes aligned to align (a power of two; size a multiple of it), freed
 * with plat_aligned_free only. NULL when out of memory. */
void *plat_aligned_alloc(size_t align, size_t size);
void plat_aligned_free(void *p);

/* ------------------------------------------------------------------------ files by name */

/* File facts: mode as st_mode (S_ISREG, S_ISDIR, ... work on it; Windows knows only files and
 * folders, with permission bits 0644 or 0444 read-only, 0755 for folders), size in bytes,
 * modification time in seconds since the epoch. */
typedef struct PlatStat {
    unsigned mode;
    long long size;
    long long mtime;
} PlatStat;

/* fopen with a UTF-8 path. Files are always binary (no "\r\n" translation); on Windows they may
 * be renamed or removed while open, as on POSIX. Returns NULL with errno. */
FILE *plat_fopen(const char *path, const char *mode);

/* tmpfile(3): a new file opened "w+b", removed when closed; Windows: in the user's temporary
 * folder (msvcrt's tmpfile writes to the drive's root, which users may not). NULL with errno. */
FILE *plat_tmpfile(void);

/* open(2) with a UTF-8 path; flags are the O_* of <fcntl.h> (O_BINARY added on Windows), mode
 * the permissions of a created file (ignored on Windows). Returns the descriptor or -1. */
int plat_open(const char *path, int flags, int mode);

/* stat(2), lstat(2) (the link itself; Windows: as plat_stat) and fstat(2). 0 or -1. */
int plat_stat(const char *path, PlatStat *st);
int plat_lstat(const char *path, PlatStat *st);
int plat_fstat(int fd, PlatStat *st);

/* Whether path exists (access F_OK): 1, or 0 with errno. */
int plat_exists(const char *path);

/* mkdir(2) with mode (ignored on Windows). 0, or -1 (EEXIST when path exists). */
int plat_mkdir(const char *path, int mode);

/* Renames from to to, atomically replacing to when it exists, durable on Windows
 * (MOVEFILE_WRITE_THROUGH). 0 or -1. */
int plat_rename(const char *from, const char *to);

/* A second name to for the file from (a hard link), never replacing: -1 with EEXIST when to
 * exists, ENOTSUP/EPERM where the file system has no hard links. 0 or -1. */
int plat_link(const char *from, const char *to);

/* Moves from to the new name to, never replacing: -1 with EEXIST when to exists (from is then
 * untouched). POSIX: link(2) then unlink(2) of from; Windows: MoveFileExW without
 * MOVEFILE_REPLACE_EXISTING, written through (no hard links needed). 0 or -1. */
int plat_rename_new(const char *from, const char *to);

/* Removes the name path. 0 or -1. */
int plat_unlink(const char *path);

/* Removes the folder path when it is empty (rmdir). 0 or -1. */
int plat_rmdir(const char *path);

/* mkstemp(3): replaces the trailing "XXXXXX" of tmpl and creates that file exclusively, read
 * and write, mode 0600. Returns the descriptor, or -1 (tmpl then unspecified). */
int plat_mkstemp(char *tmpl);

/* ------------------------------------------------------------------------ open files */

/* Everything written to fd reaches the disk (fsync; Windows FlushFileBuffers). 0 or -1. */
int plat_fsync(int fd);

/* As plat_fsync, but metadata only as far as needed to read the data back (fdatasync). */
int plat_fdatasync(int fd);

/* pread(2): up to n bytes from offset off of fd, the file position untouched on POSIX (moved on
 * Windows). Returns the count read (0 at the end) or -1. */
long plat_pread(int fd, void *buf, size_t n, long long off);

/* fchmod(2); Windows: nothing (0). */
int plat_fchmod(int fd, int mode);

/* Makes dir's entries (creations, renames, removals) durable: fsync on the folder, file systems
 * that refuse it accepted; Windows: nothing, the renames were written through. 0 or -1. */
int plat_sync_dir(const char *dir);

/* An exclusive advisory lock on fd's file, held until plat_unlock or the last close: waits when
 * wait, else -1 with EWOULDBLOCK when another holds it. On Windows a byte far past any content is
 * locked, so readers of the file are never blocked. 0 or -1. */
int plat_lock(int fd, int wait);
int plat_unlock(int fd);

/* A file without a name in folder dir (Linux O_TMPFILE, opened read-write with mode), which a
 * crash never leaves behind; -1 where the system, the file system or /proc has none (always on
 * Windows). */
int plat_open_anonymous(const char *dir, int mode);

/* Gives the nameless file fd (from plat_open_anonymous) the name path, never replacing: -1 with
 * EEXIST when path exists. 0 or -1. */
int plat_name_anonymous(int fd, const char *path);

/* 1 when fd is still the file path names (not removed, not replaced), else 0. */
int plat_still_named(int fd, const char *path);

/* getline(3): reads a line (with its newline) into *line (grown with realloc, caller frees).
 * Returns its length, or -1 at the end or on error (errno then set). */
long plat_getline(char **line, size_t *cap, FILE *f);

/* strndup(3): at most n bytes of s, terminated; caller frees. NULL when out of memory. */
char *plat_strndup(const char *s, size_t n);

/* ------------------------------------------------------------------------ folders */

typedef struct PlatDir PlatDir;

/* Opens folder path (UTF-8) for reading its names. NULL with errno (ENOMEM, ENOENT, ...). */
PlatDir *plat_opendir(const char *path);

/* The next name in the folder ("." and ".." included as the system gives them), borrowed until
 * the next call; NULL at the end (errno untouched) or on error (errno set). Clear errno first
 * to tell them apart. */
const char *plat_readdir(PlatDir *d);

/* Closes the folder; NULL does nothing. */
void plat_closedir(PlatDir *d);

/* ------------------------------------------------------------------------ time */

/* localtime_r / gmtime_r: t as local or UTC calendar time into out. Returns out, NULL on
 * failure. */
struct tm *plat_localtime(time_t t, struct tm *out);
struct tm *plat_gmtime(time_t t, struct tm *out);

/* A monotonic clock, in seconds from an unspecified start. */
double plat_monotonic(void);

/* The CPU time the calling thread has used, in seconds. */
double plat_thread_cpu(void);

/* Sleeps ms milliseconds. */
void plat_sleep_ms(long ms);

#endif
