/* digest: the chain of SHA-256 digests an exam result carries over its transcript, so that a
 * message removed, edited, added or moved after the session is detected. */
#ifndef KEFU_DIGEST_H
#define KEFU_DIGEST_H

#include <time.h>

#include "judge/transcript.h"

/* Lowercase hex of a SHA-256 digest plus its NUL. */
#define DIGEST_HEX_SIZE 65

/* What the chain's first link covers besides the messages: who sat which exam, when. */
typedef struct DigestHead {
    const char *exam_id;
    int attempt;
    const char *trainee;
    const char *scenario_id;
    const char *scenario_sha256; /* NULL: "" */
    unsigned long seed;
    time_t started_at;
} DigestHead;

/* The chain over head and t: d0 = SHA-256("kefu.chain/1", head fields), then for each message
 * d_i = SHA-256(d_{i-1}, t rounded to 0.1, sender, text, nudge, wait_s, typing_s, responding)
 * (hits are left out: they are recomputed by every rescore), and last the outcome. Every field
 * is written with its length, so no two different transcripts share an input. Writes the last
 * digest as lowercase hex into hex. */
void digest_chain(const DigestHead *head, const Transcript *t, char hex[DIGEST_HEX_SIZE]);

#endif
