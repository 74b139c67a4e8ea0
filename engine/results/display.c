/* display: display widths and terminal-safe cuts of UTF-8 text. */
#include "results/display.h"

#include <stdint.h>
#include <string.h>

#include "base/text.h"

/* East Asian wide and fullwidth ranges (Unicode EastAsianWidth W/F, abridged to the blocks
 * Chinese text uses), and the zero-width marks. */
static int cp_width(uint32_t c)
{
    if (c == 0)
        return 0;
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) ||
        (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x20d0 && c <= 0x20ff) || c == 0xfeff)
        return 0;
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
        (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
        (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
        (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
        return 2;
    return 1;
}

int display_width(const char *s, size_t n)
{
    int w = 0;
    size_t i = 0;
    while (i < n)
        w += cp_width(text_next(s, n, &i));
    return w;
}

int display_cut(Buf *b, const char *s, int maxw)
{
    size_t n = strlen(s), i = 0;
    int w = 0;
    int total = maxw > 0 ? display_width(s, n) : 0;
    while (i < n) {
        size_t at = i;
        uint32_t c = text_next(s, n, &i);
        int cw = cp_width(c);
        if (maxw > 0 && total > maxw && w + cw > maxw - 1) {
            buf_puts(b, "…");
            return w + 1;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
            (c >= 0x2066 && c <= 0x2069) || c == 0xfffd) {
            buf_put(b, "?", 1);
            cw = 1;
        } else {
            buf_put(b, s + at, i - at);
        }
        w += cw;
    }
    return w;
}
