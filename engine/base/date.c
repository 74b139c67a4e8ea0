/* date: ISO 8601 times in and out, in UTC, with Howard Hinnant's civil-date algorithms. */
#include "base/date.h"
#include "base/platform.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

long long date_days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_civil_from_days(long long days, long long *y, int *m, int *d)
{
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse_iso8601(const char *s, double *secs, int *has_time)
{
    int y, mo, d, h = 0, mi = 0, se = 0, timed = 0;
    double frac = 0;
    long long off = 0;
    if (!s || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
        s[7] != '-' || digits(s + 8, 2, &d))
        return -1;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
        return -1;
    const char *p = s + 10;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        if (strlen(p) < 9 || digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi) ||
            p[6] != ':' || digits(p + 7, 2, &se))
            return -1;
        if (h > 23 || mi > 59 || se > 60)
            return -1;
        timed = 1;
        p += 9;
        if (*p == '.') {
            double scale = 0.1;
            p++;
            if (*p < '0' || *p > '9')
                return -1;
            while (*p >= '0' && *p <= '9') {
                frac += (*p - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh, om;
            if (strlen(p) < 6 || digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om))
                return -1;
            off = (oh * 3600LL + om * 60LL) * (*p == '-' ? -1 : 1);
            p += 6;
        }
    }
    if (*p)
        return -1;
    long long whole = date_days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + se - off;
    if (secs)
        *secs = (double)whole + frac;
    if (has_time)
        *has_time = timed;
    return 0;
}

int date_parse_utc_stamp(const char *s, time_t *out)
{
    double t;
    int timed;
    if (!s || strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z' ||
        date_parse_iso8601(s, &t, &timed) != 0 || !timed || t < 0)
        return -1;
    *out = (time_t)t;
    return 0;
}

void date_format_utc_stamp(char *buf, size_t size, time_t when)
{
    struct tm tm;
    char full[64] = "1970-01-01T00:00:00Z";
    if (size == 0)
        return;
    /* strftime leaves a buffer that is too small undefined: format in full, then cut. */
    if (plat_gmtime(when, &tm))
        strftime(full, sizeof full, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(buf, size, "%s", full);
}

void date_format_utc_minute(char *buf, size_t size, double secs)
{
    long long s = (long long)floor(secs);
    long long days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
    long long rem = s - days * 86400;
    long long y;
    int m, d;
    date_civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04lld-%02d-%02d %02lld:%02lld", y, m, d, rem / 3600, rem / 60 % 60);
}
