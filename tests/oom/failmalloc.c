/* failmalloc: an LD_PRELOAD shim that makes the Nth allocation of a program fail, so tests
 * can check that running out of memory is an error message, never a crash or a wrong answer.
 *
 * Environment:
 *   KEFU_FAIL_AT=N       the Nth counted allocation (1-based) returns NULL (errno ENOMEM)
 *   KEFU_FAIL_AFTER=1    ... and so does every allocation after it
 *   KEFU_COUNT_ALLOCS=1  at exit, write "failmalloc: N allocations" to stderr
 *
 * What counts: every malloc, calloc and realloc (a realloc to size 0 is a free and does not
 * count) made after the program's main has been entered. The shim interposes
 * __libc_start_main and swaps in a main that switches counting on first, so allocations made
 * by the dynamic loader and by libraries' constructors (libstdc++'s exception pool, OpenCC's
 * static objects) are never failed: the program cannot handle those, and they are not ours.
 * Everything from main on counts, including atexit handlers and destructors. strdup, strndup,
 * getline and stdio's buffers go through glibc's internal malloc, which is the same interposed
 * malloc, so they need no wrapper of their own. posix_memalign, aligned_alloc and memalign are
 * not wrapped (nothing here uses them).
 *
 * The real allocator is reached through glibc's __libc_malloc & co. instead of
 * dlsym(RTLD_NEXT, "malloc"), because dlsym itself allocates and would recurse. Linux/glibc
 * only, and never together with AddressSanitizer, which replaces malloc itself. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

typedef int (*MainFn)(int, char **, char **);
typedef int (*StartMainFn)(MainFn main, int argc, char **argv, void (*init)(void),
                           void (*fini)(void), void (*rtld_fini)(void), void *stack_end);

int __libc_start_main(MainFn main, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end);

static atomic_int counting;      /* set once main has been entered */
static atomic_ulong count;       /* counted allocations so far */
static unsigned long fail_at;    /* 0: never fail */
static int fail_after;           /* fail every allocation from fail_at on */
static int report_count;         /* KEFU_COUNT_ALLOCS=1 */
static MainFn real_main;

static unsigned long env_ulong(const char *name)
{
    const char *v = getenv(name);
    return v ? strtoul(v, NULL, 10) : 0;
}

/* Counts one allocation and says whether it must fail. */
static int should_fail(void)
{
    if (!atomic_load(&counting))
        return 0;
    unsigned long n = atomic_fetch_add(&count, 1) + 1;
    if (fail_at == 0)
        return 0;
    return n == fail_at || (fail_after && n > fail_at);
}

void *malloc(size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if ((size > 0 || !p) && should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, size);
}

static void write_count(void)
{
    char line[64];
    int len = snprintf(line, sizeof line, "failmalloc: %lu allocations\n", atomic_load(&count));
    if (len > 0 && write(2, line, (size_t)len) < 0)
        return;
}

static int counting_main(int argc, char **argv, char **envp)
{
    /* Read the settings before counting starts: getenv does not allocate, but be safe. */
    fail_at = env_ulong("KEFU_FAIL_AT");
    fail_after = env_ulong("KEFU_FAIL_AFTER") != 0;
    report_count = env_ulong("KEFU_COUNT_ALLOCS") != 0;
    atomic_store(&counting, 1);
    return real_main(argc, argv, envp);
}

/* The program's _start calls this; we pass it our main, which switches counting on. */
int __libc_start_main(MainFn main, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end)
{
    StartMainFn next = (StartMainFn)(uintptr_t)dlsym(RTLD_NEXT, "__libc_start_main");
    if (!next) {
        static const char msg[] = "failmalloc: cannot find __libc_start_main\n";
        if (write(2, msg, sizeof msg - 1) < 0)
            _exit(127);
        _exit(127);
    }
    real_main = main;
    return next(counting_main, argc, argv, init, fini, rtld_fini, stack_end);
}

/* Runs after the program's own atexit handlers and destructors (this library was loaded
 * before the program, so it is finalised after it). */
__attribute__((destructor)) static void at_exit(void)
{
    if (report_count)
        write_count();
}
