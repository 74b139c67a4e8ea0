/* atomicfile: crash-safe writes: temp file beside the target, fsync, rename or link, fsync the
 * folder; the old file stays whole until the new one is complete. */
#include "base/atomicfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/platform.h"

struct AtomicFile {
    FILE *f;
    int anon; /* an unnamed O_TMPFILE: nothing to remove, ever (tmp is then unused until the
               * rename's temporary name is made) */
    char path[4096];
    char tmp[4096];
    char dir[4096];
};

void atomicfile_dirname(const char *path, char *buf, size_t size)
{
    const char *slash = plat_last_sep(path);
    if (slash == path)
        snprintf(buf, size, "/");
    else if (slash)
        snprintf(buf, size, "%.*s", (int)(slash - path), path);
    else
        snprintf(buf, size, ".");
}

int atomicfile_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int atomicfile_mkdirs(const char *dir, KefuError *err)
{
    char path[4096];
    PlatStat st;
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) {
        kerr_set(err, "%s: bad folder name", dir);
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (!plat_is_sep(path[i]) && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        /* A part that exists may still refuse creation with another reason than EEXIST (a
         * Windows drive "C:"). */
        if (plat_mkdir(path, 0755) < 0 && errno != EEXIST &&
            !(plat_stat(path, &st) == 0 && S_ISDIR(st.mode))) {
            kerr_set(err, "%s: cannot create folder: %s", path, strerror(errno));
            return -1;
        }
        path[i] = c;
    }
    if (plat_stat(dir, &st) < 0 || !S_ISDIR(st.mode)) {
        kerr_set(err, "%s: not a folder", dir);
        return -1;
    }
    return 0;
}

int atomicfile_sync_dir(const char *dir, KefuError *err)
{
    if (plat_sync_dir(dir) < 0) {
        kerr_set(err, "%s: cannot sync the folder: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

AtomicFile *atomicfile_open(const char *path, KefuError *err)
{
    AtomicFile *af = calloc(1, sizeof *af);
    if (!af) {
        kerr_set(err, "%s: cannot write: out of memory", path);
        return NULL;
    }
    size_t n = strlen(path);
    const char *slash = plat_last_sep(path);
    const char *base = slash ? slash + 1 : path;
    if (n == 0 || *base == '\0' || n + 16 > sizeof af->tmp) {
        kerr_set(err, "%s: cannot write: not a file name", path);
        free(af);
        return NULL;
    }
    memcpy(af->path, path, n + 1);
    atomicfile_dirname(path, af->dir, sizeof af->dir);
    /* Beside the target (the same folder, so rename is atomic), hidden from readers that skip
     * dot-files, and named after it so a stray one says what it was for. */
    snprintf(af->tmp, sizeof af->tmp, "%.*s.%s.XXXXXX", (int)(base - path), path, base);
    /* An unnamed file, which a crash can never leave behind, where the system has them. */
    int fd = plat_open_anonymous(af->dir, 0600);
    if (fd >= 0)
        af->anon = 1;
    else
        fd = plat_mkstemp(af->tmp);
    if (fd < 0) {
        kerr_set(err, "%s: cannot write: %s", path, strerror(errno));
        free(af);
        return NULL;
    }
    af->f = fdopen(fd, "wb");
    if (!af->f) {
        kerr_set(err, "%s: cannot write: %s", path, strerror(errno));
        close(fd);
        if (!af->anon)
            plat_unlink(af->tmp);
        free(af);
        return NULL;
    }
    return af;
}

FILE *atomicfile_stream(AtomicFile *af)
{
    return af->f;
}

void atomicfile_abort(AtomicFile *af)
{
    if (!af)
        return;
    if (af->f)
        fclose(af->f);
    if (!af->anon)
        plat_unlink(af->tmp);
    free(af);
}

/* Links the complete temp file to its name without ever replacing a file: link() refuses to,
 * and where hard links are missing the name is claimed exclusively first. Returns 0,
 * ATOMICFILE_EXISTS, or -1 with errno. */
static int link_new(const char *tmp, const char *path)
{
    if (plat_link(tmp, path) == 0)
        return 0;
    int e = errno;
    if (e == EEXIST)
        return ATOMICFILE_EXISTS;
    if (e != EPERM && e != ENOTSUP && e != ENOSYS && e != EMLINK) {
        errno = e;
        return -1;
    }
    int fd = plat_open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        return errno == EEXIST ? ATOMICFILE_EXISTS : -1;
    close(fd);
    if (plat_rename(tmp, path) == 0)
        return 0;
    e = errno;
    plat_unlink(path);
    errno = e;
    return -1;
}

/* Names the unnamed file fd with a fresh temporary name made from af->tmp's template, for the
 * rename over the target. Returns 0 or -1 with errno. */
static int name_for_rename(AtomicFile *af, int fd)
{
    size_t n = strlen(af->tmp);
    for (int tries = 0; tries < 100; tries++) {
        /* The same shape mkstemp makes: six characters from a random source. */
        static const char chars[] =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        uint64_t r = (uint64_t)rand() ^ ((uint64_t)plat_getpid() << 20) ^ (uint64_t)(uintptr_t)af ^
                     ((uint64_t)tries * 0x9E3779B97F4A7C15ULL);
        for (size_t i = n - 6; i < n; i++) {
            af->tmp[i] = chars[r % (sizeof chars - 1)];
            r /= sizeof chars - 1;
        }
        if (plat_name_anonymous(fd, af->tmp) == 0) {
            af->anon = 0; /* from here on there is a name to remove on failure */
            return 0;
        }
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

int atomicfile_commit(AtomicFile *af, int replace, int mode, KefuError *err)
{
    int fd = fileno(af->f);
    PlatStat st;
    int rc;
    if (mode < 0)
        mode = plat_stat(af->path, &st) == 0 ? (int)(st.mode & 07777) : 0644;
    /* ferror: a write the caller made failed earlier (fflush usually reports the reason
     * again; when not, the reason is unknown: EIO). */
    errno = 0;
    if (fflush(af->f) != 0 || ferror(af->f) || plat_fchmod(fd, mode) < 0 || plat_fsync(fd) < 0) {
        kerr_set(err, "%s: cannot write: %s", af->path, strerror(errno ? errno : EIO));
        goto fail;
    }
    if (af->anon && !replace) {
        /* An unnamed file linked straight to its name: never a temporary name at all, and
         * linkat refuses to replace. */
        if (plat_name_anonymous(fd, af->path) < 0) {
            if (errno == EEXIST) {
                atomicfile_abort(af);
                return ATOMICFILE_EXISTS;
            }
            kerr_set(err, "%s: cannot write: %s", af->path, strerror(errno));
            goto fail;
        }
        fclose(af->f); /* synced above: nothing left to fail */
        af->f = NULL;
        goto synced;
    }
    if (af->anon && name_for_rename(af, fd) < 0) {
        kerr_set(err, "%s: cannot write: %s", af->path, strerror(errno));
        goto fail;
    }
    rc = fclose(af->f);
    af->f = NULL;
    if (rc != 0) {
        kerr_set(err, "%s: cannot write: %s", af->path, strerror(errno));
        goto fail;
    }
    if (replace) {
        if (plat_rename(af->tmp, af->path) < 0) {
            kerr_set(err, "%s: cannot write: %s", af->path, strerror(errno));
            goto fail;
        }
    } else {
        rc = link_new(af->tmp, af->path);
        if (rc == ATOMICFILE_EXISTS) {
            atomicfile_abort(af);
            return ATOMICFILE_EXISTS;
        }
        if (rc < 0) {
            kerr_set(err, "%s: cannot write: %s", af->path, strerror(errno));
            goto fail;
        }
        if (plat_unlink(af->tmp) < 0 && errno != ENOENT) {
            kerr_set(err, "%s: cannot remove the temporary file: %s", af->tmp, strerror(errno));
            plat_unlink(af->path);
            goto fail;
        }
    }
synced:
    if (atomicfile_sync_dir(af->dir, err) < 0) {
        /* Not durable. A new name is taken back rather than left behind with a failure
         * reported; a replaced file cannot be, but it is complete either way. */
        if (!replace)
            plat_unlink(af->path);
        free(af);
        return -1;
    }
    free(af);
    return 0;
fail:
    atomicfile_abort(af);
    return -1;
}

static int write_whole(const char *path, const char *data, size_t len, int replace, KefuError *err)
{
    AtomicFile *af = atomicfile_open(path, err);
    if (!af)
        return -1;
    if (atomicfile_write_all(fileno(af->f), data, len) < 0) {
        kerr_set(err, "%s: cannot write: %s", path, strerror(errno));
        atomicfile_abort(af);
        return -1;
    }
    return atomicfile_commit(af, replace, -1, err);
}

int atomicfile_replace(const char *path, const char *data, size_t len, KefuError *err)
{
    return write_whole(path, data, len, 1, err);
}

int atomicfile_create(const char *path, const char *data, size_t len, KefuError *err)
{
    return write_whole(path, data, len, 0, err);
}
