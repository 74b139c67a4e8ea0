/* Unit tests for engine/base/inert: scenario text made safe to print. */
#include <stdio.h>
#include <string.h>

#include "base/inert.h"
#include "check.h"

static const char *copy(const char *s, size_t len, unsigned flags)
{
    static char out[256];
    return inert_copy(out, sizeof out, s, len, flags);
}

static void inert_should_escape_controls(void)
{
    CHECK_STR(copy("\x1b[2Jall tests passed", 20, 0), "\\x1b[2Jall tests passed");
    CHECK_STR(copy("a\tb\rc\x7f", 6, 0), "a\\x09b\\x0dc\\x7f");
    CHECK_STR(copy("a\0b", 3, 0), "a\\x00b");
    CHECK_STR(copy("x\xc2\x9b"
                   "31m",
                   6, 0),
              "x\\u009b31m"); /* C1 CSI */
    CHECK_STR(copy("bad\xff", 4, 0), "bad\\xff");
}

static void inert_should_keep_text_and_chosen_newlines(void)
{
    CHECK_STR(copy("亲，您好！\\n", strlen("亲，您好！\\n"), 0), "亲，您好！\\n");
    CHECK_STR(copy("one\ntwo", 7, 0), "one\\x0atwo");
    CHECK_STR(copy("one\ntwo", 7, INERT_KEEP_NEWLINES), "one\ntwo");
}

static void inert_should_cut_between_characters(void)
{
    char out[8];
    CHECK_STR(inert_copy(out, sizeof out, "亲亲亲", 9, 0), "亲亲");
    CHECK_STR(inert_copy(out, sizeof out, "ab\x1b\x1b", 4, 0), "ab\\x1b");
    char s[32] = "t\x1b[H";
    CHECK_STR(inert_inplace(s, sizeof s, 0), "t\\x1b[H");
}

static void inert_should_print_with_one_line_end(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    inert_printf(f, "%s: %s\n", "x.lua:2", "\x1b[2Jboom\n");
    char buf[128] = "";
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    CHECK_STR(buf, "x.lua:2: \\x1b[2Jboom\\x0a\n");
    fclose(f);
}

int main(void)
{
    RUN(inert_should_escape_controls);
    RUN(inert_should_keep_text_and_chosen_newlines);
    RUN(inert_should_cut_between_characters);
    RUN(inert_should_print_with_one_line_end);
    CHECK_DONE();
}
