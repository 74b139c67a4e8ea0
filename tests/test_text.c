/* Unit tests for engine/text: UTF-8 handling and normalisation with its byte map. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/text.h"

static void text_should_validate_utf8(void)
{
    size_t bad = 99;
    CHECK(text_valid_utf8("亲,您好!", strlen("亲,您好!"), NULL));
    CHECK(text_valid_utf8("", 0, NULL));
    CHECK(!text_valid_utf8("ab\xff", 3, &bad));
    CHECK_INT(bad, ==, 2);
    CHECK(!text_valid_utf8("\xc0\xaf", 2, NULL));         /* overlong '/' */
    CHECK(!text_valid_utf8("\xed\xa0\x80", 3, NULL));     /* surrogate */
    CHECK(!text_valid_utf8("\xe4\xbd", 2, NULL));         /* truncated 你 */
    CHECK(!text_valid_utf8("\xf4\x90\x80\x80", 4, NULL)); /* past U+10FFFF */
    CHECK(text_valid_utf8("😊", strlen("😊"), NULL));
}

static void text_should_count_characters(void)
{
    CHECK_INT(text_chars("亲,您好!", strlen("亲,您好!")), ==, 5);
    CHECK_INT(text_chars("😊^_^", strlen("😊^_^")), ==, 4);
    CHECK_INT(text_chars("a\xff" "b", 3), ==, 3);
}

static void text_should_sanitize_bad_bytes(void)
{
    size_t n = 0;
    char *s = text_sanitize("好\xff\x00" "了", 8, &n);
    CHECK_STR(s, "好\xef\xbf\xbd" "了");
    CHECK_INT(n, ==, strlen("好\xef\xbf\xbd" "了"));
    free(s);
}

static void text_should_normalize_traditional_and_width(void)
{
    const TextNormalizer *tn = text_normalizer_shared();
    CHECK(tn != NULL);
    char *s = text_normalize_dup(tn, "親，您好！請問這款還有貨嗎？", strlen("親，您好！請問這款還有貨嗎？"));
    CHECK_STR(s, "亲,您好!请问这款还有货吗?");
    free(s);
    s = text_normalize_dup(tn, "ＡＢＣ　ｄｅ  F。、：；“好”（对）", strlen("ＡＢＣ　ｄｅ  F。、：；“好”（对）"));
    CHECK_STR(s, "abcdef.,:;\"好\"(对)");
    free(s);
    s = text_normalize_dup(tn, "我們是公司開的天貓店，假一罰十", strlen("我們是公司開的天貓店，假一罰十"));
    CHECK_STR(s, "我们是公司开的天猫店,假一罚十");
    free(s);
}

/* Young agents part clauses with a space: after two or more word characters and before a Han
 * character white space is a ",", anywhere else it goes. */
static void text_should_read_a_space_between_clauses_as_a_comma(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"好的亲 加购没问题 不过现在是活动价", "好的亲,加购没问题,不过现在是活动价"},
        {"你咋知道没发　你看了吗", "你咋知道没发,你看了吗"},    /* ideographic space */
        {"那时候要贵20 要不趁今天拍了吧", "那时候要贵20,要不趁今天拍了吧"},
        {"发货了\n单号是YT123", "发货了,单号是yt123"},           /* a line break too */
        {"您 说 得 不 对", "您说得不对"},                         /* spaced out: one word */
        {"亲 在的", "亲在的"},                                     /* one character before */
        {"好的， 马上发", "好的,马上发"},                         /* a comma is there already */
        {"iPhone 14 的壳", "iphone14的壳"},                       /* no Han after the space */
        {"尺码 42", "尺码42"},
        {"  前后 空格  ", "前后,空格"},
        {"好的\u200b发货", "好的发货"},                          /* an invisible mark is no gap */
    };
    const TextNormalizer *tn = text_normalizer_shared();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = text_normalize_dup(tn, cases[i].in, strlen(cases[i].in));
        CHECK_STR(got, cases[i].out);
        free(got);
    }
}

static void text_should_map_spans_back_to_original_bytes(void)
{
    const TextNormalizer *tn = text_normalizer_shared();
    const char *orig = "親 ，  您好！";
    TextNorm norm = {0};
    CHECK_INT(text_normalize(tn, orig, strlen(orig), &norm), ==, 0);
    CHECK_STR(norm.norm, "亲,您好!");
    /* "您好" in the normalised text is bytes 4..10 */
    const char *p = strstr(norm.norm, "您好");
    size_t os, oe;
    text_norm_span(&norm, orig, strlen(orig), (size_t)(p - norm.norm),
                   (size_t)(p - norm.norm) + strlen("您好"), &os, &oe);
    CHECK_INT(oe - os, ==, strlen("您好"));
    CHECK(memcmp(orig + os, "您好", oe - os) == 0);
    /* The whole text maps to the whole original, spaces inside included. */
    text_norm_span(&norm, orig, strlen(orig), 0, norm.len, &os, &oe);
    CHECK_INT(os, ==, 0);
    CHECK_INT(oe, ==, strlen(orig));
    text_norm_deinit(&norm);
}

/* Every byte of the normalised text maps to where its character starts in the original: ASCII
 * and Han (read on a fast path) as much as the rest; white space, control spaces and NUL
 * dropped, a Han character cut short read as bad bytes. */
static void text_should_map_every_byte(void)
{
    const TextNormalizer *tn = text_normalizer_shared();
    /* 親 (3 bytes) A NUL TAB LF VT FF CR 們 SPACE x ， 好 and a cut 好: the white space after
     * 親A and before 們 parts two clauses, and its "," maps to the first of it (the TAB) */
    static const char orig[] = "親A\0\t\n\v\f\r們 x，好\xe5\xa5";
    size_t n = sizeof orig - 1;
    TextNorm norm = {0};
    CHECK_INT(text_normalize(tn, orig, n, &norm), ==, 0);
    CHECK_STR(norm.norm, "亲a,们x,好\xef\xbf\xbd\xef\xbf\xbd");
    static const unsigned want[] = {0,  0,  0,  3,  5,  10, 10, 10, 14, 15,
                                    18, 18, 18, 21, 21, 21, 22, 22, 22, 23};
    CHECK_INT(norm.len + 1, ==, sizeof want / sizeof want[0]);
    for (size_t i = 0; i <= norm.len && i < sizeof want / sizeof want[0]; i++)
        CHECK_INT(norm.map[i], ==, want[i]);
    text_norm_deinit(&norm);
}

static void text_should_survive_hostile_input(void)
{
    const TextNormalizer *tn = text_normalizer_shared();
    TextNorm norm = {0};
    CHECK_INT(text_normalize(tn, "", 0, &norm), ==, 0);
    CHECK_INT(norm.len, ==, 0);
    char junk[257];
    for (int i = 0; i < 256; i++)
        junk[i] = (char)(255 - i);
    CHECK_INT(text_normalize(tn, junk, 256, &norm), ==, 0);
    CHECK(text_valid_utf8(norm.norm, norm.len, NULL));
    /* 10,000 characters */
    size_t n = 10000 * 3;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i += 3)
        memcpy(big + i, "貨", 3);
    CHECK_INT(text_normalize(tn, big, n, &norm), ==, 0);
    CHECK_INT(text_chars(norm.norm, norm.len), ==, 10000);
    CHECK(strncmp(norm.norm, "货货", 6) == 0);
    free(big);
    text_norm_deinit(&norm);
}

static void text_should_show_citations_simplified(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"001 不要與客戶爭辯", "001 不要与客户争辩"},
        {"對(duì)話結(jié)束", "对话结束"},
        {"對（duì）話", "对话"},
        {"价格(OK)不变", "价格(OK)不变"},
        {"（見上）", "（见上）"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = text_simplified(cases[i].in);
        CHECK_STR(got, cases[i].out);
        free(got);
    }
    char *none = text_simplified(NULL);
    CHECK_STR(none, "");
    free(none);
}

int main(void)
{
    RUN(text_should_validate_utf8);
    RUN(text_should_show_citations_simplified);
    RUN(text_should_count_characters);
    RUN(text_should_sanitize_bad_bytes);
    RUN(text_should_normalize_traditional_and_width);
    RUN(text_should_read_a_space_between_clauses_as_a_comma);
    RUN(text_should_map_spans_back_to_original_bytes);
    RUN(text_should_map_every_byte);
    RUN(text_should_survive_hostile_input);
    CHECK_DONE();
}
