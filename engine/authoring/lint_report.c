/* lint_report: lint's messages, one line each, errors and warnings counted. */
#include "authoring/lint_report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

void lint_report_deinit(LintReport *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++)
        free(r->v[i].text);
    free(r->v);
    memset(r, 0, sizeof *r);
}

int lint_add(LintReport *r, int warning, const char *fmt, ...)
{
    char buf[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* One problem, one line: a raised Lua string may hold newlines. */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (warning)
        r->warnings++;
    else
        r->errors++;
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 16;
        LintMessage *v = realloc(r->v, (size_t)cap * sizeof *v);
        if (!v) {
            r->oom = 1;
            return -1;
        }
        r->v = v;
        r->cap = cap;
    }
    char *text = strdup(buf);
    if (!text) {
        r->oom = 1;
        return -1;
    }
    r->v[r->n].warning = warning;
    r->v[r->n].text = text;
    r->n++;
    return 0;
}

void lint_quote(const char *str, size_t len, char *out, size_t size)
{
    size_t o = 0, i = 0;
    int chars = 0;
    while (i < len && o + 8 < size) {
        if (chars == 24) {
            o += (size_t)snprintf(out + o, size - o, "…");
            break;
        }
        size_t bad = 0, step = 1;
        unsigned char c = (unsigned char)str[i];
        if (c >= 0x80) {
            step = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (i + step > len || !text_valid_utf8(str + i, step, &bad))
                step = 0;
        }
        if (step == 0 || c < 0x20 || c == 0x7f) {
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
            i++;
        } else {
            memcpy(out + o, str + i, step);
            o += step;
            i += step;
        }
        chars++;
    }
    out[o < size ? o : size - 1] = '\0';
}
