/* date: the engine's one calendar helper: ISO 8601 times in and out, without timegm (not in
 * POSIX) and without the process's time zone. */
#ifndef KEFU_DATE_H
#define KEFU_DATE_H

#include <stddef.h>
#include <time.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1-12, d 1-31). */
long long date_days_from_civil(long long y, int m, int d);

/* The proleptic Gregorian date of a count of days since 1970-01-01. */
void date_civil_from_days(long long days, long long *y, int *m, int *d);

/* Parses "YYYY-MM-DD" (a real calendar day: no 02-30, 02-29 only in leap years), optionally followed by 'T' (or 't' or ' ') "HH:MM:SS", an optional
 * fraction, and "Z" or "+hh:mm"/"-hh:mm" (no zone means UTC). Sets *secs to seconds since
 * the epoch (UTC) and *has_time to whether a time of day was given (either may be NULL).
 * Returns 0, or -1 for anything else (nothing is set). */
int date_parse_iso8601(const char *s, double *secs, int *has_time);

/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ", the form results files write, not before 1970.
 * Returns 0 or -1. */
int date_parse_utc_stamp(const char *s, time_t *out);

/* Writes "YYYY-MM-DDTHH:MM:SSZ" (UTC) into buf; "1970-01-01T00:00:00Z" when the time cannot be
 * broken down. buf should hold 21 bytes; a smaller one gets a truncated, terminated string. */
void date_format_utc_stamp(char *buf, size_t size, time_t when);

/* Writes "YYYY-MM-DD HH:MM" (UTC) of secs into buf (17 bytes). */
void date_format_utc_minute(char *buf, size_t size, double secs);

#endif
