/* text: UTF-8 validation and iteration, character counts, and the normalisation that
 * detectors match against (traditional→simplified, full-width→half-width, case, spaces),
 * with a map from every normalised byte back to the original text. */
#ifndef KEFU_TEXT_H
#define KEFU_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/kerr.h"

/* Returns 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates, nothing past
 * U+10FFFF), else 0 and, when bad_at is not NULL, the byte offset of the first bad byte. */
int text_valid_utf8(const char *s, size_t n, size_t *bad_at);

/* Decodes one code point of valid UTF-8 at s[*i], advancing *i. Returns the code point, or
 * 0xFFFD (advancing one byte) on a malformed sequence, so iteration never stalls. */
uint32_t text_next(const char *s, size_t n, size_t *i);

/* Number of code points in s[0..n) (malformed bytes count one each). */
size_t text_chars(const char *s, size_t n);

/* Returns a malloc'd, NUL-terminated copy of s[0..n) with every malformed byte replaced by
 * U+FFFD and NUL bytes dropped; the caller frees it. Never fails except out of memory
 * (NULL). *out_len, when given, receives the new length. */
char *text_sanitize(const char *s, size_t n, size_t *out_len);

/* Appends the UTF-8 encoding of cp to buf (room for 4 bytes needed); returns bytes written. */
int text_put(char *buf, uint32_t cp);

/* The normalised form of one text. norm is NUL-terminated; map[i] is the byte offset in the
 * original text of the character normalised byte i came from, map[len] the original length.
 * The caller owns it through text_norm_deinit. */
typedef struct TextNorm {
    char *norm;
    size_t len;
    uint32_t *map;
    size_t cap;
} TextNorm;

typedef struct TextNormalizer TextNormalizer;

/* Builds a normaliser with its per-character traditional→simplified table (compiled in,
 * derived from OpenCC's t2s data; OpenCC itself is not used at run time). Returns NULL and
 * fills err only when out of memory. The caller frees it with text_normalizer_destroy. */
TextNormalizer *text_normalizer_create(KefuError *err);
void text_normalizer_destroy(TextNormalizer *tn);

/* Normalises s[0..n) into out (reusing out's buffers; zero-initialise out before first use):
 * traditional→simplified characters, full-width ASCII→half-width, CJK punctuation → ASCII
 * (，→, 。→. ！→! ？→? 、→, ：→: ；→; “”→" （）→() …), ASCII lower case, and white space removed,
 * except that white space after two or more word characters (Han, ASCII letters and digits; one
 * of them Han) and before a Han character parts two clauses and becomes "," ("好的亲 加购没问题" → "好的亲,加购没问题",
 * "您 说 得 不 对" → "您说得不对"). Malformed bytes become U+FFFD. Returns 0, or -1 out of memory. */
int text_normalize(const TextNormalizer *tn, const char *s, size_t n, TextNorm *out);

/* Whether c is a Han character: the CJK unified ideographs (U+3400..4DBF, U+4E00..9FFF, and
 * the planes from U+20000) and the compatibility ideographs (U+F900..FAFF). */
static inline int text_is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Convenience: the normalised form as a malloc'd string (caller frees), for one-off use. */
char *text_normalize_dup(const TextNormalizer *tn, const char *s, size_t n);

void text_norm_deinit(TextNorm *tn);

/* Maps the normalised span [nstart, nend) back to the original text orig[0..n): *ostart is
 * where the first character began, *oend where the last character ended (never inside a
 * UTF-8 sequence). An empty span maps to an empty span. */
void text_norm_span(const TextNorm *tn, const char *orig, size_t n, size_t nstart, size_t nend,
                    size_t *ostart, size_t *oend);

/* The text as a trainee should read a handbook citation or quote: traditional characters
 * turned simplified (only that: punctuation, case and spaces stay as written), and pinyin
 * left in the source text in parentheses ("對(duì)話" → "对话") dropped. Returns a malloc'd
 * string the caller frees, or NULL out of memory (s NULL gives ""). The data keeps the
 * original; this is for display. */
char *text_simplified(const char *s);

/* A process-wide shared normaliser in static storage, filled on first use; never NULL and
 * never fails (it allocates nothing). Valid until the process exits. */
const TextNormalizer *text_normalizer_shared(void);

#endif
