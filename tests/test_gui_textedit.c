/* Tests for src/app/textedit: the input box's text stays valid UTF-8 whatever arrives, and the
 * caret and deletions move by character, never by byte. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/text.h"
#include "textedit.h"

static const char *buf(const TextEdit *te)
{
    return te->buf ? te->buf : "";
}

static void textedit_should_delete_by_character(void)
{
    TextEdit te;
    textedit_init(&te, 1000, 1);
    textedit_insert(&te, "好😊a", strlen("好😊a"));
    CHECK_INT(te.caret, ==, 8);
    CHECK(textedit_backspace(&te));
    CHECK_STR(buf(&te), "好😊");
    CHECK(textedit_backspace(&te)); /* the 4-byte emoji goes whole */
    CHECK_STR(buf(&te), "好");
    textedit_left(&te);
    CHECK_INT(te.caret, ==, 0);
    CHECK(textedit_delete(&te));
    CHECK_STR(buf(&te), "");
    CHECK(!textedit_backspace(&te));
    CHECK(!textedit_delete(&te));
    textedit_deinit(&te);
}

static void textedit_should_move_between_lines_by_column(void)
{
    TextEdit te;
    textedit_init(&te, 1000, 1);
    textedit_insert(&te, "第一行文字\r\n第二\n第三行", strlen("第一行文字\r\n第二\n第三行"));
    CHECK_STR(buf(&te), "第一行文字\n第二\n第三行");
    textedit_up(&te); /* from the end of 第三行 (column 3) to the end of 第二 */
    CHECK_INT(te.caret, ==, strlen("第一行文字\n第二"));
    textedit_up(&te); /* column 2 of the first line */
    CHECK_INT(te.caret, ==, strlen("第一"));
    textedit_home(&te);
    CHECK_INT(te.caret, ==, 0);
    textedit_end(&te);
    CHECK_INT(te.caret, ==, strlen("第一行文字"));
    textedit_down(&te); /* column 5 clamps to the end of 第二 */
    CHECK_INT(te.caret, ==, strlen("第一行文字\n第二"));
    textedit_down(&te); /* and on from column 2 */
    CHECK_INT(te.caret, ==, strlen("第一行文字\n第二\n第三"));
    textedit_down(&te);
    CHECK_INT(te.caret, ==, te.len);
    textedit_deinit(&te);
}

static void textedit_should_clean_what_it_is_given(void)
{
    TextEdit te;
    textedit_init(&te, 1000, 0);
    const char bad[] = "a\xff\xc0\xaf\tb\nc\0d";
    textedit_insert(&te, bad, sizeof bad - 1);
    CHECK(text_valid_utf8(buf(&te), te.len, NULL));
    CHECK_INT(strlen(buf(&te)), ==, te.len); /* no NUL inside */
    CHECK(strchr(buf(&te), '\n') == NULL);     /* one-line field: newlines become spaces */
    CHECK_CONTAINS(buf(&te), "\xef\xbf\xbd");
    textedit_deinit(&te);
}

static void textedit_should_cut_at_the_limit_on_a_character_boundary(void)
{
    TextEdit te;
    textedit_init(&te, 10, 1);
    int n = textedit_insert(&te, "一二三四五", strlen("一二三四五"));
    CHECK_INT(n, ==, 9);
    CHECK(te.truncated);
    CHECK_STR(buf(&te), "一二三");
    CHECK_INT(textedit_insert(&te, "四", 3), ==, 0);
    CHECK_INT(textedit_insert(&te, "x", 1), ==, 1);
    CHECK_INT(te.len, ==, 10);
    textedit_deinit(&te);

    /* A 10,000-character paste fits the chat box's limit. */
    textedit_init(&te, 40000, 1);
    char *big = malloc(30001);
    for (int i = 0; i < 10000; i++)
        memcpy(big + 3 * i, "好", 3);
    big[30000] = 0;
    CHECK_INT(textedit_insert(&te, big, 30000), ==, 30000);
    CHECK_INT(textedit_chars(&te), ==, 10000);
    free(big);
    textedit_deinit(&te);
}

static void textedit_should_hold_a_composition_apart_from_the_text(void)
{
    TextEdit te;
    textedit_init(&te, 100, 1);
    textedit_compose(&te, "ni'hao", 6);
    CHECK_STR(te.comp, "ni'hao");
    CHECK_INT(te.len, ==, 0);
    CHECK(textedit_blank(&te));
    textedit_compose(&te, "", 0);
    textedit_insert(&te, "你好", strlen("你好"));
    CHECK_STR(te.comp, "");
    CHECK_STR(buf(&te), "你好");
    textedit_compose(&te, "\xff\xfe", 0); /* a broken IME string is still drawable */
    CHECK(text_valid_utf8(te.comp, strlen(te.comp), NULL));
    textedit_clear(&te);
    CHECK_STR(buf(&te), "");
    CHECK_STR(te.comp, "");
    textedit_insert(&te, " \n　", strlen(" \n　"));
    CHECK(textedit_blank(&te));
    textedit_deinit(&te);
}

int main(void)
{
    RUN(textedit_should_delete_by_character);
    RUN(textedit_should_move_between_lines_by_column);
    RUN(textedit_should_clean_what_it_is_given);
    RUN(textedit_should_cut_at_the_limit_on_a_character_boundary);
    RUN(textedit_should_hold_a_composition_apart_from_the_text);
    CHECK_DONE();
}
