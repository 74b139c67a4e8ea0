/* platform_win: the platform contract on Windows: UTF-8 names turned into the wide Win32 calls,
 * files opened sharing delete (so renames and removals of open files work as on POSIX), renames
 * written through, FlushFileBuffers for fsync, LockFileEx for flock, the console's control
 * events for signals. */
#ifdef _WIN32
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601 /* Windows 7: GetFileInformationByHandleEx */
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif

#include "base/platform.h"

#include <errno.h>
#include <io.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include <shellapi.h>

#ifndef EWOULDBLOCK
#define EWOULDBLOCK EAGAIN
#endif

/* ------------------------------------------------------------------------ names */

/* The wide form of the UTF-8 string s, malloc'd (caller frees); NULL with errno EINVAL (not
 * UTF-8) or ENOMEM. */
static wchar_t *wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0) {
        errno = EINVAL;
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
    return w;
}

/* The UTF-8 form of w into buf. Returns 0, or -1 when it does not fit. */
static int narrow_into(const wchar_t *w, char *buf, size_t size)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)(size > INT32_MAX ? INT32_MAX : size),
                                NULL, NULL);
    return n > 0 ? 0 : -1;
}

/* The UTF-8 form of w, malloc'd; NULL when out of memory. */
static char *narrow(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = n > 0 ? malloc((size_t)n) : NULL;
    if (s)
        WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    return s;
}

/* errno for the Win32 error code e. */
static int errno_of(DWORD e)
{
    switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_WRITE_PROTECT:
        return EACCES;
    case ERROR_LOCK_VIOLATION:
    case ERROR_IO_PENDING:
        return EWOULDBLOCK;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return EEXIST;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return ENOMEM;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    case ERROR_DIRECTORY:
        return ENOTDIR;
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
    case ERROR_INVALID_PARAMETER:
        return EINVAL;
    case ERROR_INVALID_HANDLE:
        return EBADF;
    case ERROR_TOO_MANY_LINKS:
        return EMLINK;
    case ERROR_INVALID_FUNCTION:
    case ERROR_NOT_SUPPORTED:
        return ENOTSUP;
    case ERROR_FILENAME_EXCED_RANGE:
        return ENAMETOOLONG;
    default:
        return EIO;
    }
}

/* -1 with errno from GetLastError. */
static int fail_last(void)
{
    errno = errno_of(GetLastError());
    return -1;
}

static HANDLE handle_of(int fd)
{
    intptr_t h = _get_osfhandle(fd);
    return h == -1 ? INVALID_HANDLE_VALUE : (HANDLE)h;
}

/* FILETIME (100 ns since 1601) as seconds since 1970. */
static long long unix_seconds(FILETIME ft)
{
    unsigned long long t = ((unsigned long long)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    return (long long)((t - 116444736000000000ULL) / 10000000ULL);
}

static unsigned mode_of(DWORD attrs)
{
    if (attrs & FILE_ATTRIBUTE_DIRECTORY)
        return _S_IFDIR | 0755;
    return _S_IFREG | ((attrs & FILE_ATTRIBUTE_READONLY) ? 0444 : 0644);
}

/* ------------------------------------------------------------------------ the process */

void plat_init_process(int *argc, char ***argv)
{
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    int n = 0;
    wchar_t **wv = CommandLineToArgvW(GetCommandLineW(), &n);
    if (!wv)
        return;
    char **v = calloc((size_t)n + 1, sizeof *v);
    for (int i = 0; v && i < n; i++)
        if (!(v[i] = narrow(wv[i]))) {
            /* out of memory this early: keep the system's argv */
            for (int j = 0; j < i; j++)
                free(v[j]);
            free(v);
            v = NULL;
        }
    LocalFree(wv);
    if (!v)
        return;
    *argc = n;
    *argv = v; /* for the life of the process */
}

void plat_release_own_console(void)
{
    DWORD pids[2];
    if (GetConsoleProcessList(pids, 2) == 1)
        FreeConsole();
}

int plat_exe_dir(char *buf, size_t size)
{
    static wchar_t w[32768];
    DWORD n = GetModuleFileNameW(NULL, w, sizeof w / sizeof w[0]);
    if (n == 0 || n >= sizeof w / sizeof w[0])
        return -1;
    wchar_t *cut = NULL;
    for (wchar_t *p = w; *p; p++)
        if (*p == L'\\' || *p == L'/')
            cut = p;
    if (!cut)
        return -1;
    *cut = 0;
    return narrow_into(w, buf, size);
}

int plat_appdata_dir(char *buf, size_t size)
{
    const wchar_t *a = _wgetenv(L"APPDATA");
    char *s = a && *a ? narrow(a) : NULL;
    int rc = s && (size_t)snprintf(buf, size, "%s\\kefu", s) < size ? 0 : -1;
    free(s);
    if (rc < 0 && size > 0)
        buf[0] = '\0';
    return rc;
}

const char *plat_results_dir(void)
{
    static char dir[4096];
    if (!dir[0]) {
        char base[4000];
        if (plat_appdata_dir(base, sizeof base) == 0)
            snprintf(dir, sizeof dir, "%s\\results", base);
        else
            snprintf(dir, sizeof dir, "results");
    }
    return dir;
}

const char *plat_last_sep(const char *path)
{
    const char *last = NULL;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            last = p;
    return last;
}

int plat_is_sep(int c)
{
    return c == '/' || c == '\\';
}

static void (*stop_fn)(int);

static BOOL WINAPI on_console(DWORD type)
{
    switch (type) {
    case CTRL_C_EVENT:
        stop_fn(SIGINT);
        return TRUE;
    case CTRL_BREAK_EVENT:
        stop_fn(SIGTERM);
        return TRUE;
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        /* Windows ends the process when this returns: wait, while the program saves and exits
         * (which ends this thread too), up to the few seconds Windows allows. */
        stop_fn(SIGHUP);
        Sleep(4500);
        return TRUE;
    default:
        return FALSE;
    }
}

void plat_catch_stop(void (*on_stop)(int sig))
{
    stop_fn = on_stop;
    SetConsoleCtrlHandler(on_console, TRUE);
}

long plat_getpid(void)
{
    return (long)GetCurrentProcessId();
}

int plat_cpu_count(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return si.dwNumberOfProcessors < 1 ? 1 : (int)si.dwNumberOfProcessors;
}

void *plat_aligned_alloc(size_t align, size_t size)
{
    return _aligned_malloc(size, align);
}

void plat_aligned_free(void *p)
{
    _aligned_free(p);
}

/* ------------------------------------------------------------------------ files by name */

int plat_open(const char *path, int flags, int mode)
{
    (void)mode;
    int acc = flags & (O_RDONLY | O_WRONLY | O_RDWR);
    DWORD access = acc == O_RDWR     ? GENERIC_READ | GENERIC_WRITE
                   : acc == O_WRONLY ? GENERIC_WRITE
                                     : GENERIC_READ;
    DWORD disp;
    if (flags & O_CREAT)
        disp = (flags & O_EXCL) ? CREATE_NEW : (flags & O_TRUNC) ? CREATE_ALWAYS : OPEN_ALWAYS;
    else
        disp = (flags & O_TRUNC) ? TRUNCATE_EXISTING : OPEN_EXISTING;
    /* A folder opens only for reading, and only with backup semantics; plat_fstat then says it
     * is one, as open(2) would let it. */
    DWORD attrs = FILE_ATTRIBUTE_NORMAL | (acc == O_RDONLY ? FILE_FLAG_BACKUP_SEMANTICS : 0);
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    HANDLE h = CreateFileW(w, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           disp, attrs, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return fail_last();
    int fd = _open_osfhandle((intptr_t)h, (acc == O_RDONLY ? _O_RDONLY : 0) |
                                              ((flags & O_APPEND) ? _O_APPEND : 0));
    if (fd < 0) {
        CloseHandle(h);
        errno = EMFILE;
        return -1;
    }
    _setmode(fd, _O_BINARY);
    return fd;
}

FILE *plat_fopen(const char *path, const char *mode)
{
    int plus = strchr(mode, '+') != NULL, flags;
    switch (mode[0]) {
    case 'r':
        flags = plus ? O_RDWR : O_RDONLY;
        break;
    case 'w':
        flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
        break;
    case 'a':
        flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
        break;
    default:
        errno = EINVAL;
        return NULL;
    }
    if (strchr(mode, 'x'))
        flags |= O_EXCL;
    char m[4] = {mode[0], plus ? '+' : 'b', plus ? 'b' : '\0', '\0'};
    int fd = plat_open(path, flags, 0666);
    if (fd < 0)
        return NULL;
    FILE *f = _fdopen(fd, m);
    if (!f) {
        int e = errno;
        _close(fd);
        errno = e;
    }
    return f;
}

FILE *plat_tmpfile(void)
{
    wchar_t dir[MAX_PATH + 1], name[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, dir);
    if (n == 0 || n > MAX_PATH || !GetTempFileNameW(dir, L"kfu", 0, name)) {
        fail_last();
        return NULL;
    }
    HANDLE h =
        CreateFileW(name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                    CREATE_ALWAYS, FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fail_last();
        DeleteFileW(name);
        return NULL;
    }
    int fd = _open_osfhandle((intptr_t)h, 0);
    if (fd < 0) {
        CloseHandle(h);
        errno = EMFILE;
        return NULL;
    }
    FILE *f = _fdopen(fd, "w+b");
    if (!f)
        _close(fd);
    return f;
}

int plat_stat(const char *path, PlatStat *st)
{
    WIN32_FILE_ATTRIBUTE_DATA fad;
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    BOOL ok = GetFileAttributesExW(w, GetFileExInfoStandard, &fad);
    free(w);
    if (!ok)
        return fail_last();
    st->mode = mode_of(fad.dwFileAttributes);
    st->size = (long long)(((unsigned long long)fad.nFileSizeHigh << 32) | fad.nFileSizeLow);
    st->mtime = unix_seconds(fad.ftLastWriteTime);
    return 0;
}

int plat_lstat(const char *path, PlatStat *st)
{
    return plat_stat(path, st);
}

int plat_fstat(int fd, PlatStat *st)
{
    HANDLE h = handle_of(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    memset(st, 0, sizeof *st);
    DWORD type = GetFileType(h);
    if (type == FILE_TYPE_CHAR || type == FILE_TYPE_PIPE) {
        st->mode = type == FILE_TYPE_CHAR ? _S_IFCHR : _S_IFIFO;
        return 0;
    }
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(h, &info))
        return fail_last();
    st->mode = mode_of(info.dwFileAttributes);
    st->size = (long long)(((unsigned long long)info.nFileSizeHigh << 32) | info.nFileSizeLow);
    st->mtime = unix_seconds(info.ftLastWriteTime);
    return 0;
}

int plat_exists(const char *path)
{
    wchar_t *w = wide(path);
    if (!w)
        return 0;
    DWORD a = GetFileAttributesW(w);
    free(w);
    if (a == INVALID_FILE_ATTRIBUTES) {
        fail_last();
        return 0;
    }
    return 1;
}

int plat_mkdir(const char *path, int mode)
{
    (void)mode;
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    BOOL ok = CreateDirectoryW(w, NULL);
    free(w);
    return ok ? 0 : fail_last();
}

/* FILE_RENAME_INFO as FileRenameInfoEx reads it (Windows 10 1607+): flags in place of
 * ReplaceIfExists, at the same offset. */
typedef struct RenameInfoEx {
    DWORD flags;
    HANDLE root;
    DWORD length;
    WCHAR name[1];
} RenameInfoEx;

#define RENAME_REPLACE_IF_EXISTS 0x1u
#define RENAME_POSIX_SEMANTICS 0x2u
#define FILE_RENAME_INFO_EX ((FILE_INFO_BY_HANDLE_CLASS)22)

/* Replaces to, which someone holds open, by from with POSIX semantics (NTFS, Windows 10 1809+):
 * the old file leaves its name at once and lives on for its holders. */
static BOOL rename_posix(const wchar_t *from, const wchar_t *to)
{
    wchar_t full[32768];
    DWORD n = GetFullPathNameW(to, sizeof full / sizeof full[0], full, NULL);
    if (n == 0 || n >= sizeof full / sizeof full[0])
        return FALSE;
    size_t size = sizeof(RenameInfoEx) + (size_t)n * sizeof(wchar_t);
    RenameInfoEx *ri = calloc(1, size);
    HANDLE h = ri ? CreateFileW(from, DELETE | SYNCHRONIZE,
                                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                                OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL)
                  : INVALID_HANDLE_VALUE;
    BOOL ok = FALSE;
    if (h != INVALID_HANDLE_VALUE) {
        ri->flags = RENAME_REPLACE_IF_EXISTS | RENAME_POSIX_SEMANTICS;
        ri->length = n * sizeof(wchar_t);
        memcpy(ri->name, full, (size_t)n * sizeof(wchar_t));
        ok = SetFileInformationByHandle(h, FILE_RENAME_INFO_EX, ri, (DWORD)size) &&
             FlushFileBuffers(h);
        CloseHandle(h);
    }
    free(ri);
    return ok;
}

/* Where POSIX semantics are missing (older Windows, FAT, Wine): the open target is moved aside
 * to a hidden name first (kefu opens files sharing delete, so that is allowed), then from takes
 * its place and the old one is removed, for good once its holders close it. Not atomic: a crash
 * between the two moves leaves the old content under the hidden name only. */
static BOOL rename_aside(const wchar_t *from, const wchar_t *to)
{
    static unsigned counter;
    size_t n = wcslen(to), cut = n;
    while (cut > 0 && to[cut - 1] != L'\\' && to[cut - 1] != L'/')
        cut--;
    wchar_t *aside = malloc((n + 48) * sizeof *aside);
    if (!aside)
        return FALSE;
    swprintf(aside, n + 48, L"%.*ls.%ls.%lu-%u.replaced", (int)cut, to, to + cut,
             (unsigned long)GetCurrentProcessId(), ++counter);
    BOOL ok = MoveFileExW(to, aside, MOVEFILE_WRITE_THROUGH);
    if (ok) {
        ok = MoveFileExW(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
        DWORD e = GetLastError();
        if (ok)
            DeleteFileW(aside);
        else
            MoveFileExW(aside, to, MOVEFILE_WRITE_THROUGH); /* put back what was there */
        SetLastError(e);
    }
    free(aside);
    return ok;
}

int plat_rename(const char *from, const char *to)
{
    wchar_t *wf = wide(from), *wt = wf ? wide(to) : NULL;
    BOOL ok = wf && wt && MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
    /* Refused because to is open somewhere (a journal being restarted, a file being read). */
    if (!ok && wf && wt && GetLastError() == ERROR_ACCESS_DENIED) {
        DWORD e = GetLastError();
        ok = rename_posix(wf, wt) || rename_aside(wf, wt);
        if (!ok)
            SetLastError(e);
    }
    int rc = ok ? 0 : wf && wt ? fail_last() : -1;
    free(wf);
    free(wt);
    return rc;
}

int plat_link(const char *from, const char *to)
{
    wchar_t *wf = wide(from), *wt = wf ? wide(to) : NULL;
    BOOL ok = wf && wt && CreateHardLinkW(wt, wf, NULL);
    int rc = ok ? 0 : wf && wt ? fail_last() : -1;
    free(wf);
    free(wt);
    return rc;
}

int plat_rename_new(const char *from, const char *to)
{
    wchar_t *wf = wide(from), *wt = wf ? wide(to) : NULL;
    BOOL ok = wf && wt && MoveFileExW(wf, wt, MOVEFILE_WRITE_THROUGH);
    int rc = ok ? 0 : wf && wt ? fail_last() : -1;
    free(wf);
    free(wt);
    return rc;
}

int plat_unlink(const char *path)
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    BOOL ok = DeleteFileW(w);
    free(w);
    return ok ? 0 : fail_last();
}

int plat_rmdir(const char *path)
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    BOOL ok = RemoveDirectoryW(w);
    free(w);
    return ok ? 0 : fail_last();
}

int plat_mkstemp(char *tmpl)
{
    static unsigned long long counter;
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    for (int tries = 0; tries < 100; tries++) {
        unsigned long long r =
            (unsigned long long)rand() ^ ((unsigned long long)GetCurrentProcessId() << 20) ^
            ((unsigned long long)GetTickCount64() << 7) ^ (++counter * 0x9E3779B97F4A7C15ULL);
        for (size_t i = n - 6; i < n; i++) {
            tmpl[i] = chars[r % (sizeof chars - 1)];
            r /= sizeof chars - 1;
        }
        int fd = plat_open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* ------------------------------------------------------------------------ open files */

int plat_fsync(int fd)
{
    HANDLE h = handle_of(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    return FlushFileBuffers(h) ? 0 : fail_last();
}

int plat_fdatasync(int fd)
{
    return plat_fsync(fd);
}

long plat_pread(int fd, void *buf, size_t n, long long off)
{
    HANDLE h = handle_of(fd);
    OVERLAPPED ov;
    DWORD got = 0;
    memset(&ov, 0, sizeof ov);
    ov.Offset = (DWORD)((unsigned long long)off & 0xFFFFFFFFu);
    ov.OffsetHigh = (DWORD)((unsigned long long)off >> 32);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    if (!ReadFile(h, buf, n > 0x40000000u ? 0x40000000u : (DWORD)n, &got, &ov))
        return GetLastError() == ERROR_HANDLE_EOF ? 0 : fail_last();
    return (long)got;
}

int plat_fchmod(int fd, int mode)
{
    (void)fd;
    (void)mode;
    return 0;
}

int plat_sync_dir(const char *dir)
{
    (void)dir;
    return 0;
}

/* The byte plat_lock locks: far past any content, so the lock never blocks a read. */
#define LOCK_OFFSET_HIGH 0x40000000u

int plat_lock(int fd, int wait)
{
    HANDLE h = handle_of(fd);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.OffsetHigh = LOCK_OFFSET_HIGH;
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    DWORD how = LOCKFILE_EXCLUSIVE_LOCK | (wait ? 0 : LOCKFILE_FAIL_IMMEDIATELY);
    return LockFileEx(h, how, 0, 1, 0, &ov) ? 0 : fail_last();
}

int plat_unlock(int fd)
{
    HANDLE h = handle_of(fd);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.OffsetHigh = LOCK_OFFSET_HIGH;
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    return UnlockFileEx(h, 0, 1, 0, &ov) ? 0 : fail_last();
}

int plat_open_anonymous(const char *dir, int mode)
{
    (void)dir;
    (void)mode;
    errno = ENOTSUP;
    return -1;
}

int plat_name_anonymous(int fd, const char *path)
{
    (void)fd;
    (void)path;
    errno = ENOTSUP;
    return -1;
}

int plat_still_named(int fd, const char *path)
{
    HANDLE h = handle_of(fd);
    BY_HANDLE_FILE_INFORMATION a, b;
    FILE_STANDARD_INFO si;
    if (h == INVALID_HANDLE_VALUE || !GetFileInformationByHandle(h, &a) || a.nNumberOfLinks == 0)
        return 0;
    /* Removed while open: the name lingers until the last handle closes. */
    if (GetFileInformationByHandleEx(h, FileStandardInfo, &si, sizeof si) && si.DeletePending)
        return 0;
    wchar_t *w = wide(path);
    if (!w)
        return 0;
    HANDLE p = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    free(w);
    if (p == INVALID_HANDLE_VALUE)
        return 0;
    int same = GetFileInformationByHandle(p, &b) &&
               a.dwVolumeSerialNumber == b.dwVolumeSerialNumber &&
               a.nFileIndexHigh == b.nFileIndexHigh && a.nFileIndexLow == b.nFileIndexLow;
    CloseHandle(p);
    return same;
}

long plat_getline(char **line, size_t *cap, FILE *f)
{
    size_t n = 0;
    int c = EOF;
    if (!*line || *cap == 0) {
        *cap = 128;
        if (!(*line = malloc(*cap))) {
            *cap = 0;
            errno = ENOMEM;
            return -1;
        }
    }
    while ((c = getc(f)) != EOF) {
        if (n + 2 > *cap) {
            char *bigger = realloc(*line, *cap * 2);
            if (!bigger) {
                errno = ENOMEM;
                return -1;
            }
            *line = bigger;
            *cap *= 2;
        }
        (*line)[n++] = (char)c;
        if (c == '\n')
            break;
    }
    (*line)[n] = '\0';
    return n == 0 && c == EOF ? -1 : (long)n;
}

char *plat_strndup(const char *s, size_t n)
{
    size_t len = 0;
    while (len < n && s[len])
        len++;
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

/* ------------------------------------------------------------------------ folders */

struct PlatDir {
    HANDLE h;
    int pending; /* data holds a name not yet returned */
    WIN32_FIND_DATAW data;
    char name[MAX_PATH * 3 + 1];
};

PlatDir *plat_opendir(const char *path)
{
    size_t n = strlen(path);
    char *pattern = malloc(n + 3);
    PlatDir *d = calloc(1, sizeof *d);
    if (!pattern || !d) {
        free(pattern);
        free(d);
        errno = ENOMEM;
        return NULL;
    }
    memcpy(pattern, path, n);
    size_t k = n;
    if (k > 0 && path[k - 1] != '/' && path[k - 1] != '\\')
        pattern[k++] = '\\';
    pattern[k++] = '*';
    pattern[k] = '\0';
    wchar_t *w = wide(pattern);
    free(pattern);
    if (!w) {
        free(d);
        return NULL;
    }
    d->h = FindFirstFileExW(w, FindExInfoBasic, &d->data, FindExSearchNameMatch, NULL, 0);
    free(w);
    if (d->h == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        if (e != ERROR_FILE_NOT_FOUND) { /* not found: a folder with no names at all */
            free(d);
            errno = errno_of(e);
            return NULL;
        }
    } else {
        d->pending = 1;
    }
    return d;
}

const char *plat_readdir(PlatDir *d)
{
    for (;;) {
        if (d->h == INVALID_HANDLE_VALUE)
            return NULL;
        if (!d->pending && !FindNextFileW(d->h, &d->data)) {
            DWORD e = GetLastError();
            if (e != ERROR_NO_MORE_FILES)
                errno = errno_of(e);
            return NULL;
        }
        d->pending = 0;
        if (narrow_into(d->data.cFileName, d->name, sizeof d->name) == 0)
            return d->name;
    }
}

void plat_closedir(PlatDir *d)
{
    if (!d)
        return;
    if (d->h != INVALID_HANDLE_VALUE)
        FindClose(d->h);
    free(d);
}

/* ------------------------------------------------------------------------ time */

struct tm *plat_localtime(time_t t, struct tm *out)
{
    return localtime_s(out, &t) == 0 ? out : NULL;
}

struct tm *plat_gmtime(time_t t, struct tm *out)
{
    return gmtime_s(out, &t) == 0 ? out : NULL;
}

double plat_monotonic(void)
{
    LARGE_INTEGER now, freq;
    QueryPerformanceCounter(&now);
    QueryPerformanceFrequency(&freq);
    return (double)now.QuadPart / (double)freq.QuadPart;
}

double plat_thread_cpu(void)
{
    FILETIME created, ended, kernel, user;
    if (!GetThreadTimes(GetCurrentThread(), &created, &ended, &kernel, &user))
        return 0;
    unsigned long long k = ((unsigned long long)kernel.dwHighDateTime << 32) | kernel.dwLowDateTime;
    unsigned long long u = ((unsigned long long)user.dwHighDateTime << 32) | user.dwLowDateTime;
    return (double)(k + u) / 1e7;
}

void plat_sleep_ms(long ms)
{
    Sleep(ms > 0 ? (DWORD)ms : 0);
}

#else
typedef int platform_win_unused; /* ISO C wants a declaration in every file */
#endif
