/* test_date: the engine's one calendar helper: ISO 8601 in and out, leap days, offsets and
 * fractions, the results files' stamp. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "check.h"

/* 2026-11-23T10:15:00Z */
#define T0 1795428900LL

static void date_should_count_days_both_ways(void)
{
    CHECK_INT(date_days_from_civil(1970, 1, 1), ==, 0);
    CHECK_INT(date_days_from_civil(2000, 3, 1), ==, 11017);
    CHECK_INT(date_days_from_civil(1969, 12, 31), ==, -1);
    for (long long d = -800000; d <= 800000; d += 997) {
        long long y;
        int m, dd;
        date_civil_from_days(d, &y, &m, &dd);
        CHECK_INT(date_days_from_civil(y, m, dd), ==, d);
    }
}

static void date_should_parse_days_and_times(void)
{
    double t = -1;
    int timed = -1;
    CHECK_INT(date_parse_iso8601("2026-11-23", &t, &timed), ==, 0);
    CHECK_DBL(t, ==, (double)(T0 - 10 * 3600 - 15 * 60));
    CHECK_INT(timed, ==, 0);
    CHECK_INT(date_parse_iso8601("2026-11-23T10:15:00Z", &t, &timed), ==, 0);
    CHECK_DBL(t, ==, (double)T0);
    CHECK_INT(timed, ==, 1);
    CHECK_INT(date_parse_iso8601("2026-11-23 10:15:00", &t, NULL), ==, 0); /* no zone: UTC */
    CHECK_DBL(t, ==, (double)T0);
    CHECK_INT(date_parse_iso8601("2026-11-23t10:15:00z", &t, NULL), ==, 0);
    CHECK_DBL(t, ==, (double)T0);
}

static void date_should_apply_offsets_and_fractions(void)
{
    double t = 0;
    CHECK_INT(date_parse_iso8601("2026-11-23T18:15:00+08:00", &t, NULL), ==, 0);
    CHECK_DBL(t, ==, (double)T0);
    CHECK_INT(date_parse_iso8601("2026-11-23T05:45:00-04:30", &t, NULL), ==, 0);
    CHECK_DBL(t, ==, (double)T0);
    CHECK_INT(date_parse_iso8601("2026-11-23T10:15:00.25Z", &t, NULL), ==, 0);
    CHECK_DBL(t, ==, (double)T0 + 0.25);
    CHECK_INT(date_parse_iso8601("2026-11-23T10:15:00.Z", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("2026-11-23T10:15:00+8", &t, NULL), ==, -1);
}

static void date_should_know_leap_days(void)
{
    double t = 0;
    CHECK_INT(date_parse_iso8601("2024-02-29", &t, NULL), ==, 0);
    CHECK_INT(date_parse_iso8601("2000-02-29", &t, NULL), ==, 0); /* divisible by 400 */
    CHECK_INT(date_parse_iso8601("2026-02-29", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("1900-02-29", &t, NULL), ==, -1); /* divisible by 100 */
    CHECK_INT(date_parse_iso8601("2024-02-30", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("2026-04-31", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("2026-13-01", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("2026-00-10", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("2026-11-23T24:00:00Z", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("23/11/2026", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("2026-11-23T10:15", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601("", &t, NULL), ==, -1);
    CHECK_INT(date_parse_iso8601(NULL, &t, NULL), ==, -1);
    /* Nothing is set on failure. */
    t = 123;
    date_parse_iso8601("2026-02-30", &t, NULL);
    CHECK_DBL(t, ==, 123);
}

static void date_should_read_only_exact_stamps_from_1970(void)
{
    time_t t = 0;
    CHECK_INT(date_parse_utc_stamp("2026-11-23T10:15:00Z", &t), ==, 0);
    CHECK_INT(t, ==, T0);
    CHECK_INT(date_parse_utc_stamp("1970-01-01T00:00:00Z", &t), ==, 0);
    CHECK_INT(t, ==, 0);
    CHECK_INT(date_parse_utc_stamp("1969-12-31T23:59:59Z", &t), ==, -1);
    CHECK_INT(date_parse_utc_stamp("2026-11-23", &t), ==, -1);
    CHECK_INT(date_parse_utc_stamp("2026-11-23T10:15:00+08:00", &t), ==, -1);
    CHECK_INT(date_parse_utc_stamp("2026-11-23T10:15:00.5Z", &t), ==, -1);
    CHECK_INT(date_parse_utc_stamp("2026-11-23 10:15:00Z", &t), ==, -1);
    CHECK_INT(date_parse_utc_stamp("2026-02-29T10:15:00Z", &t), ==, -1);
}

static void date_should_format_what_it_parses(void)
{
    char buf[32];
    date_format_utc_stamp(buf, sizeof buf, (time_t)T0);
    CHECK_STR(buf, "2026-11-23T10:15:00Z");
    date_format_utc_stamp(buf, sizeof buf, 0);
    CHECK_STR(buf, "1970-01-01T00:00:00Z");
    date_format_utc_stamp(buf, 11, (time_t)T0); /* too small: cut, still terminated */
    CHECK(strlen(buf) <= 10);
    date_format_utc_minute(buf, sizeof buf, (double)T0 + 59.9);
    CHECK_STR(buf, "2026-11-23 10:15");
    date_format_utc_minute(buf, sizeof buf, -1); /* the minute before the epoch */
    CHECK_STR(buf, "1969-12-31 23:59");
    /* Round trip over leap days and years. */
    for (long long s = 0; s < 4102444800LL; s += 86400LL * 37 + 3607) {
        time_t back = 0;
        date_format_utc_stamp(buf, sizeof buf, (time_t)s);
        CHECK_INT(date_parse_utc_stamp(buf, &back), ==, 0);
        CHECK_INT(back, ==, s);
    }
    date_format_utc_stamp(buf, sizeof buf, (time_t)1709164800); /* 2024-02-29 */
    CHECK_STR(buf, "2024-02-29T00:00:00Z");
}

int main(void)
{
    RUN(date_should_count_days_both_ways);
    RUN(date_should_parse_days_and_times);
    RUN(date_should_apply_offsets_and_fractions);
    RUN(date_should_know_leap_days);
    RUN(date_should_read_only_exact_stamps_from_1970);
    RUN(date_should_format_what_it_parses);
    CHECK_DONE();
}
