/* digest: the SHA-256 chain over an exam result's head and messages (nettle). */
#include "results/digest.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "base/date.h"

/* One field: its length, then its bytes, so "ab"+"c" and "a"+"bc" never feed the same input. */
static void field(struct sha256_ctx *ctx, const char *s, size_t n)
{
    char len[24];
    int k = snprintf(len, sizeof len, "%zu:", n);
    sha256_update(ctx, (size_t)k, (const uint8_t *)len);
    sha256_update(ctx, n, (const uint8_t *)s);
}

static void field0(struct sha256_ctx *ctx, const char *s)
{
    field(ctx, s ? s : "", s ? strlen(s) : 0);
}

/* A time as results files store it: to 0.1 s, "null" when unknown (negative or not finite). */
static void tenth(struct sha256_ctx *ctx, double x)
{
    char buf[64];
    if (x < 0 || !isfinite(x))
        snprintf(buf, sizeof buf, "null");
    else
        snprintf(buf, sizeof buf, "%.1f", round(x * 10.0) / 10.0);
    field0(ctx, buf);
}

static void finish(struct sha256_ctx *ctx, uint8_t out[SHA256_DIGEST_SIZE])
{
    sha256_digest(ctx, SHA256_DIGEST_SIZE, out);
}

void digest_chain(const DigestHead *head, const Transcript *t, char hex[DIGEST_HEX_SIZE])
{
    struct sha256_ctx ctx;
    uint8_t d[SHA256_DIGEST_SIZE];
    char num[64], when[32];

    sha256_init(&ctx);
    field0(&ctx, "kefu.chain/1");
    field0(&ctx, head->exam_id);
    snprintf(num, sizeof num, "%d", head->attempt);
    field0(&ctx, num);
    field0(&ctx, head->trainee);
    field0(&ctx, head->scenario_id);
    field0(&ctx, head->scenario_sha256);
    snprintf(num, sizeof num, "%lu", head->seed);
    field0(&ctx, num);
    date_format_utc_stamp(when, sizeof when, head->started_at);
    field0(&ctx, when);
    finish(&ctx, d);

    for (int i = 0; i < t->n; i++) {
        const Message *m = &t->msgs[i];
        sha256_init(&ctx);
        sha256_update(&ctx, sizeof d, d);
        tenth(&ctx, m->t > 0 ? m->t : 0);
        field0(&ctx, sender_name(m->from));
        field(&ctx, m->text ? m->text : "", m->text ? strlen(m->text) : 0);
        if (m->from == FROM_CUSTOMER)
            field0(&ctx, m->nudge ? "nudge" : "");
        if (m->from == FROM_AGENT) {
            tenth(&ctx, m->wait_s);
            tenth(&ctx, m->typing_s);
            field0(&ctx, m->responding ? "responding" : "");
        }
        finish(&ctx, d);
    }

    /* The outcome closes the chain: turning "left" into "sale" breaks it too. */
    sha256_init(&ctx);
    sha256_update(&ctx, sizeof d, d);
    Outcome out = t->outcome == OUTCOME_NONE ? OUTCOME_INCOMPLETE : t->outcome;
    field0(&ctx, outcome_name(out));
    finish(&ctx, d);

    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + i * 2, 3, "%02x", d[i]);
}
