/* check.h: tiny test assertions that print file:line, the expression and both values. */
#ifndef KEFU_CHECK_H
#define KEFU_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);         \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

#define CHECK_INT(a, op, b)                                                                  \
    do {                                                                                     \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                \
        if (!(va_ op vb_)) {                                                                 \
            fprintf(stderr, "%s:%d: CHECK_INT(%s %s %s) failed: %lld vs %lld\n", __FILE__,   \
                    __LINE__, #a, #op, #b, va_, vb_);                                        \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

#define CHECK_DBL(a, op, b)                                                                  \
    do {                                                                                     \
        double va_ = (double)(a), vb_ = (double)(b);                                         \
        if (!(va_ op vb_)) {                                                                 \
            fprintf(stderr, "%s:%d: CHECK_DBL(%s %s %s) failed: %g vs %g\n", __FILE__,       \
                    __LINE__, #a, #op, #b, va_, vb_);                                        \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                                      \
    do {                                                                                     \
        const char *sa_ = (a), *sb_ = (b);                                                   \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                                         \
            fprintf(stderr, "%s:%d: CHECK_STR(%s, %s) failed:\n  got:      \"%s\"\n"          \
                            "  expected: \"%s\"\n",                                          \
                    __FILE__, __LINE__, #a, #b, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)"); \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

/* The haystack must contain the needle: for error messages, which must say where and what. */
#define CHECK_CONTAINS(hay, needle)                                                          \
    do {                                                                                     \
        const char *h_ = (hay), *n_ = (needle);                                              \
        if (!h_ || !strstr(h_, n_)) {                                                        \
            fprintf(stderr, "%s:%d: CHECK_CONTAINS(%s, %s) failed:\n  text:    \"%s\"\n"      \
                            "  missing: \"%s\"\n",                                           \
                    __FILE__, __LINE__, #hay, #needle, h_ ? h_ : "(null)", n_);              \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

#define RUN(test)                                                                            \
    do {                                                                                     \
        int before_ = check_failures;                                                        \
        test();                                                                              \
        printf("%s %s\n", check_failures == before_ ? "ok  " : "FAIL", #test);               \
    } while (0)

#define CHECK_DONE()                                                                         \
    do {                                                                                     \
        if (check_failures) {                                                                \
            fprintf(stderr, "%d check(s) failed\n", check_failures);                         \
            return 1;                                                                        \
        }                                                                                    \
        return 0;                                                                            \
    } while (0)

#endif
