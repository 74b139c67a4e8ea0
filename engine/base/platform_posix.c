/* platform_posix: the platform contract on Linux and other POSIX systems: the system calls
 * themselves, with /proc for the executable's folder and unnamed files. */
#ifndef _WIN32
#define _GNU_SOURCE /* O_TMPFILE, flock, linkat; before any header */

#include "base/platform.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* ------------------------------------------------------------------------ the process */

void plat_init_process(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

void plat_release_own_console(void)
{
}

int plat_exe_dir(char *buf, size_t size)
{
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0 || (size_t)n >= sizeof path - 1)
        return -1;
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    if ((size_t)snprintf(buf, size, "%s", slash == path ? "/" : path) >= size)
        return -1;
    return 0;
}

int plat_appdata_dir(char *buf, size_t size)
{
    if (size > 0)
        buf[0] = '\0';
    return -1;
}

const char *plat_results_dir(void)
{
    return "results";
}

const char *plat_last_sep(const char *path)
{
    return strrchr(path, '/');
}

int plat_is_sep(int c)
{
    return c == '/';
}

void plat_catch_stop(void (*on_stop)(int sig))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

long plat_getpid(void)
{
    return (long)getpid();
}

int plat_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 4096 ? 4096 : (int)n;
}

void *plat_aligned_alloc(size_t align, size_t size)
{
    return aligned_alloc(align, size);
}

void plat_aligned_free(void *p)
{
    free(p);
}

/* ------------------------------------------------------------------------ files by name */

FILE *plat_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}

FILE *plat_tmpfile(void)
{
    return tmpfile();
}

int plat_open(const char *path, int flags, int mode)
{
    return open(path, flags, (mode_t)mode);
}

static void fill(PlatStat *out, const struct stat *st)
{
    out->mode = (unsigned)st->st_mode;
    out->size = (long long)st->st_size;
    out->mtime = (long long)st->st_mtime;
}

int plat_stat(const char *path, PlatStat *st)
{
    struct stat s;
    if (stat(path, &s) != 0)
        return -1;
    fill(st, &s);
    return 0;
}

int plat_lstat(const char *path, PlatStat *st)
{
    struct stat s;
    if (lstat(path, &s) != 0)
        return -1;
    fill(st, &s);
    return 0;
}

int plat_fstat(int fd, PlatStat *st)
{
    struct stat s;
    if (fstat(fd, &s) != 0)
        return -1;
    fill(st, &s);
    return 0;
}

int plat_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

int plat_mkdir(const char *path, int mode)
{
    return mkdir(path, (mode_t)mode);
}

int plat_rename(const char *from, const char *to)
{
    return rename(from, to);
}

int plat_link(const char *from, const char *to)
{
    return link(from, to);
}

int plat_rename_new(const char *from, const char *to)
{
    if (link(from, to) < 0)
        return -1;
    unlink(from);
    return 0;
}

int plat_unlink(const char *path)
{
    return unlink(path);
}

int plat_rmdir(const char *path)
{
    return rmdir(path);
}

int plat_mkstemp(char *tmpl)
{
    return mkstemp(tmpl);
}

/* ------------------------------------------------------------------------ open files */

int plat_fsync(int fd)
{
    return fsync(fd);
}

int plat_fdatasync(int fd)
{
    return fdatasync(fd);
}

long plat_pread(int fd, void *buf, size_t n, long long off)
{
    return (long)pread(fd, buf, n, (off_t)off);
}

int plat_fchmod(int fd, int mode)
{
    return fchmod(fd, (mode_t)mode);
}

int plat_sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    if (fsync(fd) < 0) {
        int e = errno;
        close(fd);
        /* Some file systems refuse fsync on a folder; the data itself is synced. */
        if (e == EINVAL || e == ENOTSUP)
            return 0;
        errno = e;
        return -1;
    }
    close(fd);
    return 0;
}

int plat_lock(int fd, int wait)
{
    return flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB);
}

int plat_unlock(int fd)
{
    return flock(fd, LOCK_UN);
}

int plat_open_anonymous(const char *dir, int mode)
{
#ifdef O_TMPFILE
    if (access("/proc/self/fd", X_OK) != 0)
        return -1;
    return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, (mode_t)mode);
#else
    (void)dir;
    (void)mode;
    errno = ENOTSUP;
    return -1;
#endif
}

int plat_name_anonymous(int fd, const char *path)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
}

int plat_still_named(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && a.st_nlink > 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino &&
           a.st_dev == b.st_dev;
}

long plat_getline(char **line, size_t *cap, FILE *f)
{
    return (long)getline(line, cap, f);
}

char *plat_strndup(const char *s, size_t n)
{
    return strndup(s, n);
}

/* ------------------------------------------------------------------------ folders */

struct PlatDir {
    DIR *d;
};

PlatDir *plat_opendir(const char *path)
{
    PlatDir *pd = malloc(sizeof *pd);
    if (!pd) {
        errno = ENOMEM;
        return NULL;
    }
    if (!(pd->d = opendir(path))) {
        int e = errno;
        free(pd);
        errno = e;
        return NULL;
    }
    return pd;
}

const char *plat_readdir(PlatDir *d)
{
    struct dirent *e = readdir(d->d);
    return e ? e->d_name : NULL;
}

void plat_closedir(PlatDir *d)
{
    if (!d)
        return;
    closedir(d->d);
    free(d);
}

/* ------------------------------------------------------------------------ time */

struct tm *plat_localtime(time_t t, struct tm *out)
{
    return localtime_r(&t, out);
}

struct tm *plat_gmtime(time_t t, struct tm *out)
{
    return gmtime_r(&t, out);
}

double plat_monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double plat_thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void plat_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

#else
typedef int platform_posix_unused; /* ISO C wants a declaration in every file */
#endif
