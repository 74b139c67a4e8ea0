/* jsonpos: positions of values in JSON text, for file:line:col messages. */
#include "base/jsonpos.h"

#include <stdlib.h>
#include <string.h>

size_t jsonpos_skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* i at an opening quote; returns the offset after the closing quote. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

size_t jsonpos_skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < n) {
            char c = s[i];
            if (c == '"') {
                i = skip_string(s, n, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            i++;
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\n' &&
           s[i] != '\r' && s[i] != '\t')
        i++;
    return i;
}

size_t jsonpos_child(const char *s, size_t n, size_t i, const char *key, size_t klen, int index)
{
    if (i >= n || (key && s[i] != '{') || (!key && s[i] != '['))
        return n;
    for (int k = 0;; k++) {
        i = jsonpos_skip_ws(s, n, i + 1);
        if (i >= n || s[i] == '}' || s[i] == ']')
            return n;
        if (key) {
            size_t kend = skip_string(s, n, i);
            int match = kend - i == klen + 2 && memcmp(s + i + 1, key, klen) == 0;
            i = jsonpos_skip_ws(s, n, kend);
            if (i < n && s[i] == ':')
                i = jsonpos_skip_ws(s, n, i + 1);
            if (match)
                return i;
        } else if (k == index) {
            return i;
        }
        i = jsonpos_skip_ws(s, n, jsonpos_skip_value(s, n, i));
        if (i >= n || s[i] != ',')
            return n;
    }
}

size_t jsonpos_locate(const char *s, size_t n, const char *jpath)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    i = jsonpos_skip_ws(s, n, i);
    const char *p = jpath;
    while (*p && i < n) {
        size_t next;
        if (*p == '.')
            p++;
        if (*p == '[') {
            char *end;
            long idx = strtol(p + 1, &end, 10);
            p = *end == ']' ? end + 1 : end;
            next = jsonpos_child(s, n, i, NULL, 0, (int)idx);
        } else {
            size_t klen = strcspn(p, ".[");
            next = jsonpos_child(s, n, i, p, klen, 0);
            p += klen;
        }
        if (next >= n)
            break;
        i = next;
    }
    return i;
}

void jsonpos_line_col(const char *s, size_t n, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    if (off > n)
        off = n;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)s[i] & 0xc0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}
