/* jsonpos: where a value sits in JSON text, so messages about a parsed file can point at
 * file:line:col (cJSON keeps no positions). Plain scanning over text already known to parse. */
#ifndef KEFU_JSONPOS_H
#define KEFU_JSONPOS_H

#include <stddef.h>

/* The first offset at or after i that is not JSON white space. */
size_t jsonpos_skip_ws(const char *s, size_t n, size_t i);

/* The offset just past the value that starts at i (a string, container or scalar). */
size_t jsonpos_skip_value(const char *s, size_t n, size_t i);

/* The offset of the value of member key[0..klen) (key not NULL) or of element index (key
 * NULL) of the container starting at i; n when the container lacks it. */
size_t jsonpos_child(const char *s, size_t n, size_t i, const char *key, size_t klen, int index);

/* The offset of the value at jpath ("scorecard.total", "transcript[3].hits[0].start"), from
 * the top (after white space and a byte order mark); where a step is missing, the offset of
 * the deepest value found. */
size_t jsonpos_locate(const char *s, size_t n, const char *jpath);

/* 1-based line and column (in characters) of byte offset off. */
void jsonpos_line_col(const char *s, size_t n, size_t off, int *line, int *col);

#endif
