/* test_buf: the engine's one growable buffer: growth, the sticky out-of-memory flag, printf of
 * any length, handing the contents over. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check.h"

static void buf_should_grow_and_stay_terminated(void)
{
    Buf b = {0};
    CHECK(b.p == NULL);
    for (int i = 0; i < 10000; i++)
        CHECK_INT(buf_putc(&b, (char)('a' + i % 26)), ==, 0);
    CHECK_INT(b.len, ==, 10000);
    CHECK_INT(b.cap, >, b.len);
    CHECK_INT(b.p[10000], ==, '\0');
    CHECK_INT(b.p[0], ==, 'a');
    CHECK_INT(b.p[9999], ==, 'a' + 9999 % 26);
    CHECK_INT(buf_puts(&b, NULL), ==, 0); /* nothing for NULL */
    CHECK_INT(buf_put(&b, "xyz", 2), ==, 0);
    CHECK_INT(b.len, ==, 10002);
    CHECK_STR(b.p + 10000, "xy");
    buf_free(&b);
    CHECK(b.p == NULL);
    CHECK_INT(b.len, ==, 0);
    buf_free(NULL); /* does nothing */
}

static void buf_should_clear_but_keep_memory(void)
{
    Buf b = {0};
    buf_puts(&b, "hello");
    size_t cap = b.cap;
    char *p = b.p;
    buf_clear(&b);
    CHECK_INT(b.len, ==, 0);
    CHECK_STR(b.p, "");
    CHECK_INT(b.cap, ==, cap);
    CHECK(b.p == p);
    buf_puts(&b, "again");
    CHECK_STR(b.p, "again");
    buf_free(&b);
}

static void buf_should_print_long_strings(void)
{
    Buf b = {0};
    char *big = malloc(100001);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, 'x', 100000);
    big[100000] = '\0';
    buf_puts(&b, "<");
    CHECK_INT(buf_printf(&b, "%s|%d|%.1f", big, 42, 2.25), ==, 0);
    CHECK_INT(b.len, ==, 1 + 100000 + strlen("|42|2.2"));
    CHECK_INT(b.p[0], ==, '<');
    CHECK_INT(b.p[100000], ==, 'x');
    CHECK_STR(b.p + 100001, "|42|2.2");
    CHECK_INT(strlen(b.p), ==, b.len);
    free(big);
    buf_free(&b);
}

static void buf_should_stick_after_out_of_memory(void)
{
    Buf b = {0};
    buf_puts(&b, "abc");
    /* A size that cannot be allocated sets the flag; later appends do nothing. */
    CHECK_INT(buf_put(&b, "", SIZE_MAX - 8), ==, -1);
    CHECK_INT(b.oom, ==, 1);
    CHECK_INT(buf_puts(&b, "more"), ==, -1);
    CHECK_INT(buf_printf(&b, "%d", 7), ==, -1);
    CHECK_STR(b.p, "abc"); /* what was there stays readable */
    buf_clear(&b);
    CHECK_INT(b.oom, ==, 1); /* clear keeps the flag */
    CHECK(buf_take(&b) == NULL);
    CHECK(b.p == NULL);
    CHECK_INT(b.oom, ==, 0); /* take frees and resets */
}

static void buf_should_hand_over_its_contents(void)
{
    Buf b = {0};
    char *empty = buf_take(&b); /* nothing appended: an empty string */
    CHECK(empty != NULL);
    CHECK_STR(empty, "");
    free(empty);
    buf_printf(&b, "%s-%03d", "id", 7);
    char *s = buf_take(&b);
    CHECK_STR(s, "id-007");
    CHECK(b.p == NULL);
    CHECK_INT(b.len, ==, 0);
    CHECK_INT(b.cap, ==, 0);
    free(s);
    buf_puts(&b, "reused"); /* the buffer is usable again */
    CHECK_STR(b.p, "reused");
    buf_free(&b);
}

int main(void)
{
    RUN(buf_should_grow_and_stay_terminated);
    RUN(buf_should_clear_but_keep_memory);
    RUN(buf_should_print_long_strings);
    RUN(buf_should_stick_after_out_of_memory);
    RUN(buf_should_hand_over_its_contents);
    CHECK_DONE();
}
