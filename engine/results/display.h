/* display: text from results files made safe and measured for a terminal: columns by display
 * width (CJK two), control characters and direction overrides replaced, cuts with "…". */
#ifndef KEFU_DISPLAY_H
#define KEFU_DISPLAY_H

#include <stddef.h>

#include "base/buf.h"

/* Terminal columns taken by s[0..n) (valid UTF-8): two for CJK and other wide characters, none
 * for combining marks, one for anything else. */
int display_width(const char *s, size_t n);

/* Appends the NUL-terminated s to b for a terminal: control characters and bidirectional
 * overrides (which could move the cursor or reorder the line) become '?', and the text is cut
 * with "…" so that it takes at most maxw columns (maxw <= 0: no limit). Returns the columns
 * used. Memory failures are b's oom flag. */
int display_cut(Buf *b, const char *s, int maxw);

#endif
