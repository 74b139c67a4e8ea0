/* srcfile: scenario and rubric files read without following links, blocking or overreading. */
#include "lua/srcfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/platform.h"

/* What a file that is not a regular one is, for the message. */
static const char *kind_of(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a regular file";
}

static const SrcfileRule SCENARIOS = {SRCFILE_MAX_BYTES, 0, "scenario and rubric files"};

static void not_regular(const char *path, mode_t mode, const SrcfileRule *rule, KefuError *err)
{
    if (S_ISLNK(mode))
        kerr_set(err, "%s: is a symbolic link; %s are read only as plain files (copy the file "
                 "here instead)",
                 path, rule->kind);
    else
        kerr_set(err, "%s: is %s, not a regular file; %s must be plain files", path,
                 kind_of(mode), rule->kind);
}

int srcfile_check(const char *path, KefuError *err)
{
    PlatStat st;
    if (plat_lstat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.mode))
        return 1;
    not_regular(path, st.mode, &SCENARIOS, err);
    return -1;
}

char *srcfile_read(const char *path, size_t *len_out, KefuError *err)
{
    return srcfile_read_as(path, &SCENARIOS, len_out, err);
}

char *srcfile_read_as(const char *path, const SrcfileRule *rule, size_t *len_out,
                      KefuError *err)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
     * O_NOFOLLOW: a link to /etc/shadow or /dev/zero is refused, never read. */
    int fd = plat_open(
        path, O_RDONLY | (rule->follow_links ? 0 : O_NOFOLLOW) | O_NONBLOCK | O_CLOEXEC, 0);
    PlatStat st;
    char *buf = NULL;
    if (fd < 0) {
        int e = errno;
        if (!rule->follow_links && (e == ELOOP || (plat_lstat(path, &st) == 0 && S_ISLNK(st.mode))))
            not_regular(path, S_IFLNK, rule, err);
        else
            kerr_set(err, "%s: cannot open: %s", path, strerror(e));
        return NULL;
    }
    if (plat_fstat(fd, &st) != 0) {
        kerr_set(err, "%s: cannot read: %s", path, strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.mode)) {
        not_regular(path, st.mode, rule, err);
        goto fail;
    }
    if (st.size < 0 || (unsigned long long)st.size > rule->max_bytes) {
        kerr_set(err, "%s: the file is %lld bytes; %s may be at most %zu KiB", path,
                 (long long)st.size, rule->kind, rule->max_bytes / 1024u);
        goto fail;
    }
    /* One byte past the cap is asked for, so a file that grew after fstat is still caught. */
    size_t cap = (size_t)st.size + 1, len = 0;
    buf = malloc(cap + 1);
    if (!buf) {
        kerr_set(err, "%s: out of memory reading the file", path);
        goto fail;
    }
    for (;;) {
        if (len == cap) {
            if (cap > rule->max_bytes) {
                kerr_set(err, "%s: the file is over %zu KiB; %s may be at most %zu KiB", path,
                         rule->max_bytes / 1024u, rule->kind, rule->max_bytes / 1024u);
                goto fail;
            }
            size_t ncap = cap * 2 > rule->max_bytes + 1 ? rule->max_bytes + 1 : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                kerr_set(err, "%s: out of memory reading the file", path);
                goto fail;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            kerr_set(err, "%s: read error: %s", path, strerror(errno));
            goto fail;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
fail:
    free(buf);
    close(fd);
    return NULL;
}
