/* Tests for engine/linebreak: UAX #14 opportunities and wrapping by the Chinese rules. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/linebreak.h"
#include "base/text.h"

/* Every character one unit wide, as a monospace terminal would: widths are character counts. */
static double unit_advance(void *ud, uint32_t cp)
{
    (void)ud;
    (void)cp;
    return 1.0;
}

/* CJK two units, everything else one: a rough proportional font. */
static double cjk_advance(void *ud, uint32_t cp)
{
    (void)ud;
    return cp >= 0x2E80 ? 2.0 : 1.0;
}

static uint32_t first_cp(const char *s, size_t start, size_t end)
{
    size_t i = start;
    return start < end ? text_next(s, end, &i) : 0;
}

static uint32_t last_cp(const char *s, size_t start, size_t end)
{
    uint32_t cp = 0;
    size_t i = start;
    while (i < end)
        cp = text_next(s, end, &i);
    return cp;
}

/* Checks every line of a wrap: inside the text, in order, none starting with closing
 * punctuation or ending with an opening mark (unless it holds a single character). Returns
 * the number of lines. */
static int check_wrap(const char *s, double width, LinebreakAdvance adv)
{
    enum { MAX = 20000 };
    LineSpan *lines = malloc(MAX * sizeof *lines);
    size_t len = strlen(s);
    int n = linebreak_wrap(s, len, "zh", width, adv, NULL, lines, MAX);
    CHECK_INT(n, >=, 1);
    CHECK_INT(n, <, MAX);
    size_t prev_end = 0;
    for (int i = 0; i < n && i < MAX; i++) {
        CHECK_INT(lines[i].start, >=, prev_end);
        CHECK_INT(lines[i].end, >=, lines[i].start);
        CHECK_INT(lines[i].end, <=, len);
        prev_end = lines[i].end;
        size_t chars = text_chars(s + lines[i].start, lines[i].end - lines[i].start);
        if (chars > 1) {
            if (linebreak_no_line_start(first_cp(s, lines[i].start, lines[i].end)) && i > 0)
                fprintf(stderr, "  width %g, line %d starts with closing punctuation: %.*s\n",
                        width, i, (int)(lines[i].end - lines[i].start), s + lines[i].start);
            CHECK(!(i > 0 && linebreak_no_line_start(first_cp(s, lines[i].start, lines[i].end))));
            CHECK(!(i + 1 < n && linebreak_no_line_end(last_cp(s, lines[i].start, lines[i].end))));
            CHECK_DBL(lines[i].width, <=, width);
        }
    }
    free(lines);
    return n;
}

static void linebreak_should_find_opportunities_between_chinese_characters(void)
{
    const char *s = "亲，您好！"; /* 亲 ， 您 好 ！ : 3 bytes each */
    unsigned char brk[16];
    CHECK_INT(linebreak_find(s, strlen(s), "zh", brk), ==, 0);
    CHECK_INT(brk[0], ==, LINEBREAK_NONE);
    CHECK_INT(brk[1], ==, LINEBREAK_NONE); /* inside 亲 */
    CHECK_INT(brk[3], ==, LINEBREAK_NONE); /* before ，: never */
    CHECK_INT(brk[6], ==, LINEBREAK_ALLOW); /* after ，, before 您 */
    CHECK_INT(brk[9], ==, LINEBREAK_ALLOW); /* between 您 and 好 */
    CHECK_INT(brk[12], ==, LINEBREAK_NONE); /* before ！ */
    CHECK_INT(brk[15], ==, LINEBREAK_MUST); /* the end */
}

static void linebreak_should_keep_closing_marks_off_line_starts(void)
{
    const char *samples[] = {
        "亲，您好！欢迎光临小店，有什么可以帮您的吗？我们的“北欧实木床”（胡桃色）很受欢迎。",
        "您好：这款《使用说明》里写了；发货时间、包装方式、售后政策……请您放心！",
        "请问您要第1款还是第2款呢？您看是要德邦物流还是天地华宇物流？",
        "这款经常脱销，仓库这批只剩不多了，喜欢的话建议早点定下来哦^_^ [微笑]",
        "理解您的心情，换谁遇到都会着急的。“我们一定负责到底”，请您相信我们！",
    };
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        /* From four characters a line up: narrower than the longest unbreakable run (底”，)
         * nothing can satisfy the rules, and the wrapper just cuts. */
        for (int w = 4; w <= 60; w++) {
            check_wrap(samples[i], w, unit_advance);
            check_wrap(samples[i], 2 * w, cjk_advance);
        }
    }
}

static void linebreak_should_break_at_newlines(void)
{
    LineSpan l[4];
    const char *s = "第一行\n第二行\r\n第三行";
    int n = linebreak_wrap(s, strlen(s), "zh", 100, unit_advance, NULL, l, 4);
    CHECK_INT(n, ==, 3);
    CHECK_INT(l[0].start, ==, 0);
    CHECK_INT(l[0].end, ==, 9);
    CHECK_INT(l[1].start, ==, 10);
    CHECK_INT(l[1].end, ==, 19); /* the \r\n is not shown */
    CHECK_INT(l[2].end, ==, strlen(s));
    CHECK_DBL(l[2].width, ==, 3);
}

static void linebreak_should_wrap_latin_at_spaces_and_hang_them(void)
{
    LineSpan l[8];
    const char *s = "hello world foo";
    int n = linebreak_wrap(s, strlen(s), "zh", 11, unit_advance, NULL, l, 8);
    CHECK_INT(n, ==, 2);
    CHECK_INT(l[0].end - l[0].start, ==, 11); /* "hello world" */
    CHECK_DBL(l[0].width, ==, 11);
    CHECK_STR(s + l[1].start, "foo");
    /* A word longer than the line is cut between letters. */
    n = linebreak_wrap("abcdefghij", 10, "zh", 3, unit_advance, NULL, l, 8);
    CHECK_INT(n, ==, 4);
    CHECK_INT(l[3].start, ==, 9);
}

static void linebreak_should_count_lines_without_an_array(void)
{
    const char *s = "一二三四五六七八九十";
    CHECK_INT(linebreak_wrap(s, strlen(s), "zh", 4, unit_advance, NULL, NULL, 0), ==, 3);
    CHECK_INT(linebreak_wrap("", 0, "zh", 4, unit_advance, NULL, NULL, 0), ==, 1);
    LineSpan l[2];
    /* Only two spans wanted: stops there. */
    CHECK_INT(linebreak_wrap(s, strlen(s), "zh", 4, unit_advance, NULL, l, 2), ==, 2);
    CHECK_INT(l[1].end, ==, 24);
}

static void linebreak_should_survive_any_bytes(void)
{
    const char bad[] = "\xff\xfe好\xe4\xbd\x20\xc0\xaf，\x80\x80\x80吗";
    int n = check_wrap(bad, 3, unit_advance);
    CHECK_INT(n, >=, 3);
    unsigned char brk[sizeof bad];
    CHECK_INT(linebreak_find(bad, sizeof bad - 1, NULL, brk), ==, 0);
    CHECK_INT(brk[sizeof bad - 1], ==, LINEBREAK_MUST);
    /* 10,000 characters of a long paste, wrapped at a narrow width. */
    size_t len = 10000 * 3;
    char *big = malloc(len + 1);
    for (size_t i = 0; i < 10000; i++)
        memcpy(big + 3 * i, i % 7 == 6 ? "，" : "好", 3);
    big[len] = 0;
    CHECK_INT(check_wrap(big, 17, cjk_advance), >=, 10000 * 2 / 17);
    /* Zero width: every character on its own line, never a loop. */
    CHECK_INT(linebreak_wrap(big, len, "zh", 0, unit_advance, NULL, NULL, 0), ==, 10000);
    free(big);
}

int main(void)
{
    RUN(linebreak_should_find_opportunities_between_chinese_characters);
    RUN(linebreak_should_keep_closing_marks_off_line_starts);
    RUN(linebreak_should_break_at_newlines);
    RUN(linebreak_should_wrap_latin_at_spaces_and_hang_them);
    RUN(linebreak_should_count_lines_without_an_array);
    RUN(linebreak_should_survive_any_bytes);
    CHECK_DONE();
}
