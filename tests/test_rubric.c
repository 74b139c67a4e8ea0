/* test_rubric: the catalog loads with every RUBRIC.md id, every labelled reply is judged as
 * labelled, evidence maps to the original bytes, any bytes are safe, bad catalogs say where,
 * and the held-out set's per-principle accuracy is printed (and must stay high). */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "base/kerr.h"
#include "judge/patlit.h"
#include "judge/rubric.h"
#include "base/text.h"

#define RUBRIC_FILE "scenarios/rubric.lua"
#define LABELLED_DIR "tests/data/labelled/"

static Rubric *R;

static const char *const TECHNIQUES[] = {
    "warm_greeting", "friendly_tone", "needs_discovery", "recommend_with_reason", "related_sale",
    "help_choose", "two_choice_close", "scarcity", "urgency", "offer_alternative",
    "call_to_action", "value_over_price", "price_policy", "praise_customer", "small_gift",
    "authenticity_proof", "apology", "empathy", "reassure", "evidence_request",
    "concrete_solution", "escalate", "take_responsibility", "confirm_order", "polite_farewell",
    "invite_favorite", "invite_review", NULL};
static const char *const VIOLATIONS[] = {"arguing", "interrogation", "blame_customer",
                                         "harsh_refusal", "cold_reply", "overpromise",
                                         "discount_offer", "long_reply", "unreadable", NULL};
static const char *const TIMINGS[] = {"first_response", "reply_wait", "typing_speed",
                                      "seller_last_word", NULL};

/* ---------------------------------------------------------------- helpers */

/* The hit for principle id in the reply (analysed with ctx), or NULL. */
static const Hit *hit_for(HitList *h, const char *reply, const ReplyContext *ctx, const char *id)
{
    int p = rubric_find(R, id);
    if (p < 0 || rubric_analyze(R, reply, strlen(reply), ctx, h) < 0)
        return NULL;
    for (int i = 0; i < h->n; i++)
        if (h->v[i].principle == p)
            return &h->v[i];
    return NULL;
}

static int fires(const char *reply, const ReplyContext *ctx, const char *id)
{
    HitList h = {0};
    int yes = hit_for(&h, reply, ctx, id) != NULL;
    hits_deinit(&h);
    return yes;
}

static int is_boundary(const char *s, size_t n, int at)
{
    if (at < 0 || (size_t)at > n)
        return 0;
    return (size_t)at == n || ((unsigned char)s[at] & 0xC0) != 0x80;
}

/* Writes text to a fresh temporary .lua file; returns its path (static buffer). The folder
 * name is long on purpose: Lua cuts chunk names past 60 bytes in its own messages, and the
 * sandbox must still name the whole path. */
static char temp_dir[256];

static const char *temp_lua(const char *text)
{
    static char path[512];
    char *dir = temp_dir;
    snprintf(dir, sizeof temp_dir,
             "/tmp/kefu_test_rubric_a_folder_name_longer_than_sixty_bytes_XXXXXX");
    if (!mkdtemp(dir)) {
        dir[0] = '\0';
        return NULL;
    }
    snprintf(path, sizeof path, "%s/catalog_under_test.lua", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fputs(text, f);
    fclose(f);
    return path;
}

/* ---------------------------------------------------------------- the catalog */

static void rubric_should_list_every_principle_of_the_spec(void)
{
    const char *const *lists[] = {TECHNIQUES, VIOLATIONS, TIMINGS};
    PrincipleKind kinds[] = {KIND_TECHNIQUE, KIND_VIOLATION, KIND_TIMING};
    int total = 0;
    for (int l = 0; l < 3; l++)
        for (int i = 0; lists[l][i]; i++) {
            int p = rubric_find(R, lists[l][i]);
            if (p < 0) {
                fprintf(stderr, "  missing principle %s\n", lists[l][i]);
                CHECK(p >= 0);
                continue;
            }
            const Principle *pr = rubric_principle(R, p);
            CHECK_INT(pr->kind, ==, kinds[l]);
            CHECK(pr->name && *pr->name);
            CHECK(pr->source && strlen(pr->source) > 4);
            CHECK(pr->quote && *pr->quote);
            CHECK(pr->explain && *pr->explain);
            int critical = strcmp(pr->id, "arguing") == 0 || strcmp(pr->id, "blame_customer") == 0;
            CHECK_INT(pr->critical, ==, critical);
            total++;
        }
    CHECK_INT(rubric_count(R), ==, total);
    CHECK_INT(rubric_category_count(R), ==, 7);
    CHECK_STR(rubric_category(R, 0)->id, "timeliness");
    const Thresholds *th = rubric_thresholds(R);
    CHECK_DBL(th->first_response_s, ==, 15);
    CHECK_DBL(th->first_response_excellent_s, ==, 6);
    CHECK_DBL(th->reply_wait_s, ==, 20);
    CHECK_DBL(th->typing_cpm, ==, 50);
    CHECK_DBL(th->long_reply_chars, ==, 80);
    CHECK(rubric_version(R) && *rubric_version(R));
    CHECK_STR(rubric_path(R), RUBRIC_FILE);
}

/* The defaults code uses without a catalog are the handbook's standards, the same as the
 * catalog's own. */
static void rubric_should_give_the_handbook_thresholds_as_defaults(void)
{
    const Thresholds *d = rubric_default_thresholds();
    const Thresholds *th = rubric_thresholds(R);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_DBL(d->first_response_s, ==, 15);
    CHECK_DBL(d->first_response_excellent_s, ==, 6);
    CHECK_DBL(d->reply_wait_s, ==, 20);
    CHECK_DBL(d->typing_cpm, ==, 50);
    CHECK_DBL(d->long_reply_chars, ==, 80);
    CHECK_DBL(d->first_response_s, ==, th->first_response_s);
    CHECK_DBL(d->first_response_excellent_s, ==, th->first_response_excellent_s);
    CHECK_DBL(d->reply_wait_s, ==, th->reply_wait_s);
    CHECK_DBL(d->typing_cpm, ==, th->typing_cpm);
    CHECK_DBL(d->long_reply_chars, ==, th->long_reply_chars);
}

/* Whether the literal set k of pl holds exactly the literals in want (NULL-ended). */
static int set_is(const PatLits *pl, int k, const char *const *want)
{
    int n = 0;
    for (; want[n]; n++) {
        int found = 0;
        for (int m = 0; k < pl->n && m < pl->set[k].n; m++)
            found |= strcmp(pl->set[k].s[m], want[n]) == 0;
        if (!found)
            return 0;
    }
    return k < pl->n && pl->set[k].n == n;
}

/* The prefilter rests on what patlit says every match must hold: a literal run, the
 * alternatives of a required group, a plain class; never an optional item. */
static void rubric_should_derive_the_literals_every_match_holds(void)
{
    PatLits pl;
    patlit_derive("(?:您好|你好)", strlen("(?:您好|你好)"), &pl);
    CHECK_INT(pl.n, ==, 1);
    CHECK(set_is(&pl, 0, (const char *const[]){"您好", "你好", NULL}));
    CHECK_INT(pl.anchor, ==, 0);
    CHECK_INT(pl.anchor_w, ==, 0);
    patlit_free(&pl);

    const char *p = "亲?.{0,3}抱歉";
    patlit_derive(p, strlen(p), &pl);
    CHECK_INT(pl.n, ==, 1); /* 亲 is optional: only 抱歉 is required */
    CHECK(set_is(&pl, 0, (const char *const[]){"抱歉", NULL}));
    CHECK_INT(pl.anchor_w, ==, 4); /* 亲 and three characters may come before it */
    patlit_free(&pl);

    p = "不行(?!的话)";
    patlit_derive(p, strlen(p), &pl);
    CHECK(set_is(&pl, 0, (const char *const[]){"不行", NULL})); /* a look-ahead holds nothing */
    patlit_free(&pl);

    /* A positive look-ahead requires its literals somewhere after the start, with no window:
     * a customer pattern made only of look-arounds is filtered, never the anchor. */
    p = "^(?!.*(?:坏了|投诉))(?=.*(?:谢谢|感谢))";
    patlit_derive(p, strlen(p), &pl);
    CHECK_INT(pl.n, ==, 1);
    CHECK(set_is(&pl, 0, (const char *const[]){"谢谢", "感谢", NULL}));
    CHECK_INT(pl.anchor, ==, -1);
    patlit_free(&pl);
    p = "(?=.*收到)您好";
    patlit_derive(p, strlen(p), &pl);
    CHECK_INT(pl.n, ==, 2);
    CHECK_INT(pl.anchor, >=, 0);
    CHECK(set_is(&pl, pl.anchor, (const char *const[]){"您好", NULL}));
    patlit_free(&pl);
    p = "(?=x?)好"; /* a look-ahead that may hold nothing requires nothing */
    patlit_derive(p, strlen(p), &pl);
    CHECK_INT(pl.n, ==, 1);
    CHECK(set_is(&pl, 0, (const char *const[]){"好", NULL}));
    patlit_free(&pl);

    p = "x*|y"; /* one branch without literals: nothing is known */
    patlit_derive(p, strlen(p), &pl);
    CHECK_INT(pl.n, ==, 0);
    patlit_free(&pl);

    PatSpan spans[PATLIT_BRANCHES];
    int n = 0;
    p = "(?:a|b)|c";
    CHECK(patlit_branches(p, strlen(p), spans, &n));
    CHECK_INT(n, ==, 3);
    n = 0;
    p = "(a)|\\1"; /* a back reference: the pattern runs whole */
    CHECK(!patlit_branches(p, strlen(p), spans, &n));

    /* the characters a match can start with: look-arounds stepped over, an optional item adds
     * what follows it, escaped punctuation escaped again */
    char cls[256];
    p = "(?<!不|如果)(?:是|这是|确实是)?(?:我们|您)的错";
    CHECK_INT(patlit_first_class(p, strlen(p), cls, sizeof cls), >, 0);
    CHECK_STR(cls, "[是这确我您]");
    p = "(?<![^,.])\\?" "?(?:哦|喔)+[好行]"; /* an optional "?" (split: no trigraph) */
    CHECK_INT(patlit_first_class(p, strlen(p), cls, sizeof cls), >, 0);
    CHECK_STR(cls, "[\\?哦喔]");
    const char *unknown[] = {"(?<!a)\\p{Han}好", "(?<!a)[^,.]好", "(?<!a)(?:好)?", "(?<!a).好",
                             "(?<!a)[a-z]好", "(?<!a)(?i)好", "好|\\d", NULL};
    for (int k = 0; unknown[k]; k++)
        CHECK_INT(patlit_first_class(unknown[k], strlen(unknown[k]), cls, sizeof cls), ==, 0);
    p = "(?:好|行)";
    CHECK_INT(patlit_first_class(p, strlen(p), cls, 4), ==, 0); /* no room */
}

/* The explanations and citations are shown to trainees and HR as Chinese prose: full-width
 * punctuation (，。：；！？（）), never ASCII commas. Quotes are the handbook's own words and
 * keep its punctuation. */
static void rubric_should_write_its_prose_with_chinese_punctuation(void)
{
    for (int i = 0; i < rubric_count(R); i++) {
        const Principle *p = rubric_principle(R, i);
        const char *texts[] = {p->explain, p->name, p->source};
        const char *what[] = {"explain", "name", "source"};
        for (int k = 0; k < 3; k++) {
            /* a citation names the handbook section as the handbook writes it (000's headings
             * have ASCII commas); only the separator between citations is ours */
            const char *ascii = k == 2 ? ";" : ",;:!?()";
            const char *bad = strpbrk(texts[k], ascii);
            if (bad)
                fprintf(stderr, "  %s.%s has ASCII '%c': %s\n", p->id, what[k], *bad, texts[k]);
            CHECK(bad == NULL);
        }
        size_t n = strlen(p->explain);
        CHECK(n >= 3 && strcmp(p->explain + n - 3, "。") == 0);
    }
}

/* ---------------------------------------------------------------- labelled replies */

typedef struct Tally {
    int right[64];
    int total[64];
    int pos[64];    /* labelled to fire */
    int hit[64];    /* ... and fired */
    int falarm[64]; /* fired where it must not */
    int false_critical; /* a critical violation fired where the label says it must not */
} Tally;

static int check_id_list(const cJSON *list, const char *file, int line)
{
    if (list && !cJSON_IsArray(list)) {
        fprintf(stderr, "%s:%d: \"fires\" and \"not\" must be lists of ids\n", file, line);
        return -1;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        if (!cJSON_IsString(it) || rubric_find(R, it->valuestring) < 0) {
            fprintf(stderr, "%s:%d: unknown principle %s\n", file, line,
                    cJSON_IsString(it) ? it->valuestring : "(not a string)");
            return -1;
        }
    }
    return 0;
}

/* Judges every line of a labelled file; returns the number of wrong checks. When quiet is
 * 0 every wrong check is printed with the reply and the evidence. */
static int run_labelled(const char *file, Tally *t, int quiet, int *lines_out)
{
    size_t len;
    KefuError err;
    char *text = kerr_read_file(file, &len, &err);
    if (!text) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    int wrong = 0, lineno = 0;
    HitList h = {0};
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (!*line || *line == '#')
            continue;
        cJSON *o = cJSON_Parse(line);
        const cJSON *reply = cJSON_GetObjectItemCaseSensitive(o, "reply");
        const cJSON *fire = cJSON_GetObjectItemCaseSensitive(o, "fires");
        const cJSON *not = cJSON_GetObjectItemCaseSensitive(o, "not");
        /* the complete form: "labels" lists every id the reply shows; every other
         * technique and violation must not fire */
        const cJSON *labels = cJSON_GetObjectItemCaseSensitive(o, "labels");
        cJSON *complement = NULL;
        if (labels) {
            fire = labels;
            complement = cJSON_CreateArray();
            for (int p = 0; p < rubric_count(R); p++) {
                const Principle *pr = rubric_principle(R, p);
                int listed = 0;
                const cJSON *it;
                cJSON_ArrayForEach(it, labels)
                {
                    if (cJSON_IsString(it) && strcmp(it->valuestring, pr->id) == 0)
                        listed = 1;
                }
                if (pr->kind != KIND_TIMING && !listed)
                    cJSON_AddItemToArray(complement, cJSON_CreateString(pr->id));
            }
            not = complement;
        }
        if (!o || !cJSON_IsString(reply) || check_id_list(fire, file, lineno) < 0 ||
            check_id_list(not, file, lineno) < 0) {
            fprintf(stderr, "%s:%d: a labelled line is {\"reply\", \"fires\", \"not\" (or "
                            "\"labels\"), \"customer\"?, \"persona\"?, \"turn\"?}\n", file, lineno);
            wrong++;
            cJSON_Delete(complement);
            cJSON_Delete(o);
            continue;
        }
        const cJSON *cust = cJSON_GetObjectItemCaseSensitive(o, "customer");
        const cJSON *pers = cJSON_GetObjectItemCaseSensitive(o, "persona");
        const cJSON *turn = cJSON_GetObjectItemCaseSensitive(o, "turn");
        ReplyContext ctx = {cJSON_IsString(pers) ? pers->valuestring : NULL,
                            cJSON_IsString(cust) ? cust->valuestring : NULL,
                            cJSON_IsNumber(turn) ? turn->valueint : -1, -1, NULL};
        const char *s = reply->valuestring;
        if (rubric_analyze(R, s, strlen(s), &ctx, &h) < 0) {
            wrong++;
            cJSON_Delete(complement);
            cJSON_Delete(o);
            continue;
        }
        for (int want = 1; want >= 0; want--) {
            const cJSON *it;
            cJSON_ArrayForEach(it, (want ? fire : not))
            {
                int p = rubric_find(R, it->valuestring);
                const Hit *got = NULL;
                for (int k = 0; k < h.n; k++)
                    if (h.v[k].principle == p)
                        got = &h.v[k];
                int ok = (got != NULL) == want;
                if (p < 64) {
                    t->total[p]++;
                    t->right[p] += ok;
                    t->pos[p] += want;
                    t->hit[p] += want && ok;
                    t->falarm[p] += !want && !ok;
                }
                if (!want && got && rubric_principle(R, p)->critical)
                    t->false_critical++;
                if (ok)
                    continue;
                wrong++;
                if (quiet)
                    continue;
                if (want)
                    fprintf(stderr, "%s:%d: %s should fire on: %s%s%s\n", file, lineno,
                            it->valuestring, s, ctx.customer ? "  (customer: " : "",
                            ctx.customer ? ctx.customer : "");
                else
                    fprintf(stderr, "%s:%d: %s must not fire on: %s  (evidence: \"%.*s\")%s%s\n",
                            file, lineno, it->valuestring, s, got->end - got->start,
                            s + got->start, ctx.customer ? "  (customer: " : "",
                            ctx.customer ? ctx.customer : "");
            }
        }
        if (lines_out)
            (*lines_out)++;
        cJSON_Delete(complement);
        cJSON_Delete(o);
    }
    hits_deinit(&h);
    free(text);
    return wrong;
}

/* Every technique and violation has at least 5 replies where it fires and 3 where it must
 * not, and every labelled line is judged as labelled. */
static void rubric_should_judge_labelled_replies_as_labelled(void)
{
    static const char *const files[] = {LABELLED_DIR "techniques.jsonl",
                                        LABELLED_DIR "violations.jsonl",
                                        LABELLED_DIR "combined.jsonl",
                                        LABELLED_DIR "paraphrases.jsonl",
                                        LABELLED_DIR "paraphrases2.jsonl",
                                        LABELLED_DIR "unreadable.jsonl", NULL};
    Tally t = {0};
    int lines = 0;
    for (int i = 0; files[i]; i++)
        CHECK_INT(run_labelled(files[i], &t, 0, &lines), ==, 0);
    CHECK_INT(t.false_critical, ==, 0);
    /* coverage: count positives and negatives per principle over the files */
    int pos[64] = {0}, neg[64] = {0};
    for (int i = 0; files[i]; i++) {
        size_t len;
        KefuError err;
        char *text = kerr_read_file(files[i], &len, &err);
        for (char *line = text, *next; line && *line; line = next) {
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            cJSON *o = cJSON_Parse(line);
            for (int want = 1; o && want >= 0; want--) {
                const cJSON *it;
                cJSON_ArrayForEach(it, (cJSON_GetObjectItemCaseSensitive(o, want ? "fires" : "not")))
                {
                    int p = cJSON_IsString(it) ? rubric_find(R, it->valuestring) : -1;
                    if (p >= 0 && p < 64)
                        (want ? pos : neg)[p]++;
                }
            }
            cJSON_Delete(o);
        }
        free(text);
    }
    for (int p = 0; p < rubric_count(R) && p < 64; p++) {
        const Principle *pr = rubric_principle(R, p);
        if (pr->kind == KIND_TIMING)
            continue;
        if (pos[p] < 5 || neg[p] < 3)
            fprintf(stderr, "  %s: %d labelled to fire, %d near-misses (need 5 and 3)\n", pr->id,
                    pos[p], neg[p]);
        CHECK(pos[p] >= 5);
        CHECK(neg[p] >= 3);
    }
    printf("  %d labelled lines checked\n", lines);
}

/* Prints the per-principle accuracy table of a tally; returns the mean over principles
 * (each principle weighs the same, so a frequent easy one cannot carry a weak one). */
static double accuracy_table(const char *title, const Tally *t, int lines, int *principles)
{
    double sum = 0;
    int np = 0;
    printf("  %s (%d replies):\n", title, lines);
    printf("  %-24s %9s %6s %9s %7s\n", "principle", "right", "%", "detected", "false+");
    int pos = 0, hit = 0, falarm = 0;
    for (int p = 0; p < rubric_count(R) && p < 64; p++) {
        if (!t->total[p])
            continue;
        double acc = (double)t->right[p] / t->total[p];
        printf("  %-24s %4d/%-4d %6.1f %4d/%-4d %7d%s\n", rubric_principle(R, p)->id, t->right[p],
               t->total[p], 100 * acc, t->hit[p], t->pos[p], t->falarm[p], acc < 1 ? "  <" : "");
        sum += acc;
        np++;
        pos += t->pos[p];
        hit += t->hit[p];
        falarm += t->falarm[p];
    }
    double mean = np ? sum / np : 0;
    printf("  mean over %d principles: %.1f%%; detected %d of %d labelled (%.1f%%), %d false "
           "alarms; critical violations on fine replies: %d\n",
           np, 100 * mean, hit, pos, pos ? 100.0 * hit / pos : 0, falarm, t->false_critical);
    *principles = np;
    return mean;
}

/* Self-checks written without running the detectors on them estimate how the rubric
 * generalises. heldout.jsonl (near-miss pairs) was the first such file; selfcheck.jsonl
 * labels the complete set of ids each reply shows, as the team's measurement does, so every
 * false alarm of every principle counts. KEFU_VERBOSE=1 prints each wrong judgement. */
static void rubric_should_generalise_to_held_out_replies(void)
{
    /* the blind rounds check a few principles each: the ones a round of changes touched */
    static const struct {
        const char *file;
        int principles; /* at least this many principles checked */
    } sets[] = {{LABELLED_DIR "heldout.jsonl", 30},
                {LABELLED_DIR "selfcheck.jsonl", 30},
                {LABELLED_DIR "selfcheck2.jsonl", 30},
                {LABELLED_DIR "blind1.jsonl", 4},
                {LABELLED_DIR "blind2.jsonl", 15},
                {LABELLED_DIR "blind3.jsonl", 30},
                {LABELLED_DIR "blind4.jsonl", 2},
                {LABELLED_DIR "blind5.jsonl", 30},
                {NULL, 0}};
    for (int f = 0; sets[f].file; f++) {
        Tally t = {0};
        int lines = 0, principles = 0;
        int wrong = run_labelled(sets[f].file, &t, getenv("KEFU_VERBOSE") == NULL, &lines);
        CHECK(wrong >= 0);
        double mean = accuracy_table(sets[f].file, &t, lines, &principles);
        CHECK(principles >= sets[f].principles);
        CHECK_DBL(mean, >=, 0.90);
        CHECK_INT(t.false_critical, ==, 0);
    }
}

/* The unreadable check counts possible letters on the bytes, eight at a time, before it reads
 * the characters: five letters in two words fire wherever they sit against those eight-byte
 * steps, full-width as well as ASCII; four never do. */
static void rubric_should_find_letters_wherever_they_sit(void)
{
    static const char *const five[] = {"ab cde", "Ab, CDE", "ａｂ ｃｄｅ", "ａb Cｄe"};
    static const char *const four[] = {"ab cd", "ａｂ ｃｄ", "ab 好 cd"};
    char reply[128];
    for (int pad = 0; pad < 10; pad++) {
        for (size_t k = 0; k < sizeof five / sizeof five[0]; k++) {
            snprintf(reply, sizeof reply, "%.*s%s", pad, "----------", five[k]);
            CHECK(fires(reply, NULL, "unreadable"));
        }
        for (size_t k = 0; k < sizeof four / sizeof four[0]; k++) {
            snprintf(reply, sizeof reply, "%.*s%s", pad, "----------", four[k]);
            CHECK(!fires(reply, NULL, "unreadable"));
        }
    }
}

/* ---------------------------------------------------------------- evidence */

static void rubric_should_map_evidence_to_the_original_bytes(void)
{
    /* traditional characters, full-width punctuation and spaces: the normalised text is
     * shorter, the evidence must still be the trainee's own bytes */
    const char *reply = "親，您 說得不對！我們的東西根本不可能是假的";
    HitList h = {0};
    const Hit *a = hit_for(&h, reply, NULL, "arguing");
    CHECK(a != NULL);
    if (a) {
        size_t n = strlen(reply);
        CHECK(is_boundary(reply, n, a->start));
        CHECK(is_boundary(reply, n, a->end));
        CHECK_INT(a->start, ==, strstr(reply, "您") - reply);
        char ev[128];
        snprintf(ev, sizeof ev, "%.*s", a->end - a->start, reply + a->start);
        CHECK_STR(ev, "您 說得不對");
    }
    const char *wide = "ＯＫ，請問您要第１款還是第２款呢？";
    const Hit *b = hit_for(&h, wide, NULL, "two_choice_close");
    CHECK(b != NULL);
    if (b) {
        char ev[128];
        snprintf(ev, sizeof ev, "%.*s", b->end - b->start, wide + b->start);
        CHECK_CONTAINS(ev, "第１款還是第２款");
        CHECK(is_boundary(wide, strlen(wide), b->start));
        CHECK(is_boundary(wide, strlen(wide), b->end));
    }
    /* hits come one per principle, in catalog order */
    const char *many = "亲,您好!欢迎光临,有什么可以帮您?您说得不对,不行。";
    rubric_analyze(R, many, strlen(many), NULL, &h);
    CHECK(h.n >= 3);
    for (int i = 1; i < h.n; i++)
        CHECK(h.v[i - 1].principle < h.v[i].principle);
    hits_deinit(&h);
}

static void rubric_should_survive_any_bytes(void)
{
    HitList h = {0};
    static const char *const odd[] = {"", "\xff\xfe\xfd", "\xe4\xbd", "不\xe8行", "\xc0\xaf\xed\xa0\x80",
                                      "您说得不对\xff", "\0\0\0", "~~~~~~~~", "((((((",
                                      "\\\\\\", NULL};
    for (int i = 0; odd[i]; i++) {
        size_t n = strlen(odd[i]);
        CHECK_INT(rubric_analyze(R, odd[i], n, NULL, &h), ==, 0);
        for (int k = 0; k < h.n; k++) {
            CHECK(h.v[k].start >= 0 && h.v[k].start <= h.v[k].end);
            CHECK((size_t)h.v[k].end <= n);
        }
    }
    /* embedded NUL bytes inside the given length */
    CHECK_INT(rubric_analyze(R, "不行\0您说得不对", 22, NULL, &h), ==, 0);
    /* 10,000 characters, and 10,000 triggers in a row */
    size_t big = 30000;
    char *s = malloc(big + 1);
    for (size_t i = 0; i < big; i += 3)
        memcpy(s + i, "亲", 3);
    s[big] = '\0';
    CHECK_INT(rubric_analyze(R, s, big, NULL, &h), ==, 0);
    CHECK(fires(s, NULL, "long_reply"));
    const char *cycle = "不行您说得不对还是凭什么在";
    size_t cl = strlen(cycle);
    for (size_t i = 0; i + cl <= big; i += cl)
        memcpy(s + i, cycle, cl);
    s[big - big % cl] = '\0';
    CHECK_INT(rubric_analyze(R, s, strlen(s), NULL, &h), ==, 0);
    /* a paste of one character, or one short word, over and over ("啊啊啊…"): a pattern's
     * repetition must not spend the regex engine's stack and leave the reply unjudged */
    static const char *const repeated[] = {"啊", "哈", "不", "你", "？", "😊", "不是", "哈哈", "a", NULL};
    ReplyContext angry = {NULL, "太差了不对,这叫新的?是不是假货", 1, -1, NULL};
    for (int i = 0; repeated[i]; i++) {
        size_t rl = strlen(repeated[i]), at = 0;
        for (; at + rl <= big; at += rl)
            memcpy(s + at, repeated[i], rl);
        s[at] = '\0';
        CHECK_INT(rubric_analyze(R, s, at, NULL, &h), ==, 0);
        CHECK_INT(rubric_analyze(R, s, at, &angry, &h), ==, 0);
    }
    /* random bytes */
    srand(7);
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)(rand() % 200);
        for (size_t i = 0; i < n; i++)
            s[i] = (char)(rand() % 3 ? 0xE4 + rand() % 6 : rand());
        CHECK_INT(rubric_analyze(R, s, n, NULL, &h), ==, 0);
        for (int k = 0; k < h.n; k++)
            CHECK((size_t)h.v[k].end <= n);
    }
    /* a context that is all garbage too */
    ReplyContext ctx = {"\xff", "\xff\xfe有没有", 3, -1, NULL};
    const char *alt = "不过有黑色,您看喜欢吗?";
    CHECK_INT(rubric_analyze(R, alt, strlen(alt), &ctx, &h), ==, 0);
    free(s);
    hits_deinit(&h);
}

/* The prefilter and the anchored start positions are an optimisation: the hits must be the
 * same as running every pattern over the whole reply. Checked over every labelled reply and
 * over longer replies made by joining them (so literals meet across clauses). */
static void rubric_should_give_the_same_hits_without_the_prefilter(void)
{
    static const char *const files[] = {
        LABELLED_DIR "techniques.jsonl",   LABELLED_DIR "violations.jsonl",
        LABELLED_DIR "combined.jsonl",     LABELLED_DIR "paraphrases.jsonl",
        LABELLED_DIR "paraphrases2.jsonl", LABELLED_DIR "heldout.jsonl",
        LABELLED_DIR "selfcheck.jsonl",    LABELLED_DIR "selfcheck2.jsonl",
        LABELLED_DIR "blind1.jsonl",       LABELLED_DIR "blind2.jsonl",
        LABELLED_DIR "blind3.jsonl",       LABELLED_DIR "blind4.jsonl",
        LABELLED_DIR "blind5.jsonl",       NULL};
    char *replies[1200];
    char *customers[1200];
    int n = 0;
    for (int f = 0; files[f]; f++) {
        size_t len;
        KefuError err;
        char *text = kerr_read_file(files[f], &len, &err);
        for (char *line = text, *next; line && *line && n < 1200; line = next) {
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            cJSON *o = cJSON_Parse(line);
            const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "reply");
            const cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "customer");
            if (cJSON_IsString(r)) {
                replies[n] = strdup(r->valuestring);
                customers[n] = cJSON_IsString(c) ? strdup(c->valuestring) : NULL;
                n++;
            }
            cJSON_Delete(o);
        }
        free(text);
    }
    CHECK(n > 500);
    HitList a = {0}, b = {0};
    int differ = 0;
    static char joined[8192];
    for (int i = 0; i < n * 2 + 200; i++) {
        const char *reply = replies[i % n];
        if (i >= n * 2) { /* after 4,200 bytes of padding: past the prefilter's index */
            size_t o = 0;
            for (; o < 1400 * 3; o += 3)
                memcpy(joined + o, "好", 3);
            snprintf(joined + o, sizeof joined - o, ",%s", replies[i % n]);
            reply = joined;
        } else if (i >= n) { /* two or three replies in one message, with a space or none */
            snprintf(joined, sizeof joined, "%s%s%s%s%s", replies[i % n], i % 2 ? " " : "",
                     replies[(i * 7 + 3) % n], i % 3 ? "" : "，", i % 3 ? "" : replies[(i * 13 + 5) % n]);
            reply = joined;
        }
        ReplyContext ctx = {i % 4 ? NULL : "haggler", customers[i % n], -1, -1, NULL};
        rubric_set_prefilter(R, 1);
        rubric_analyze(R, reply, strlen(reply), &ctx, &a);
        rubric_set_prefilter(R, 0);
        rubric_analyze(R, reply, strlen(reply), &ctx, &b);
        int same = a.n == b.n;
        for (int k = 0; same && k < a.n; k++)
            same = a.v[k].principle == b.v[k].principle && a.v[k].start == b.v[k].start &&
                   a.v[k].end == b.v[k].end;
        if (!same && differ++ < 5)
            fprintf(stderr, "  prefilter changes the hits of: %s\n", reply);
    }
    rubric_set_prefilter(R, 1);
    CHECK_INT(differ, ==, 0);
    for (int i = 0; i < n; i++) {
        free(replies[i]);
        free(customers[i]);
    }
    hits_deinit(&a);
    hits_deinit(&b);
}

/* ---------------------------------------------------------------- context */

/* Round 2026.12.6's context cases, written for the families the blind sets heldout21 to
 * heldout23 showed (not their lines): the customer's message, the reply, a principle, and whether
 * it fires. */
typedef struct ContextCase {
    const char *customer, *reply, *principle;
    int fires;
} ContextCase;

static const ContextCase ROUND_2026_12_6[] = {
    /* heldout21: violations inside a polite reply (亲, 哦, a smile change nothing) */
    {"收到的绿萝叶子都黄了,太失望了", "亲~ 运输途中有点黄叶很正常啦😊", "arguing", 1},
    {"收到的绿萝叶子都黄了,太失望了", "理解您的心情,运输途中有点黄叶很正常,我给您补发一盆", "arguing", 0},
    {"鞋子穿了一周鞋面就起皱了", "亲,鞋面起皱不算质量问题哦", "arguing", 1},
    {"杯子有个小划痕,我要换", "这么小的划痕,没必要换吧", "arguing", 1},
    {"快递盒压扁了,太气人了", "亲,盒子又不是商品哦", "arguing", 1},
    {"面包快过期了吧,生产日期是上周的,这叫新鲜?", "上周的就叫快过期了?", "arguing", 1},
    {"不好意思，打扰了", "不会打扰的,有问题随时问我就好😊", "arguing", 0},
    {"你们比别家贵", "价格是公司统一定的,我们没有改价权限,不过这款用的是加厚面料,更耐穿哦", "arguing", 0},
    {"蛋糕晚到了一小时", "亲~ 您下单的时候就应该多留点时间呀😊", "blame_customer", 1},
    {"柜门装上去关不严", "亲,您肯定是装反了哦", "blame_customer", 1},
    {"柜门装上去关不严", "是您拧得太用力了呢😊", "blame_customer", 1},
    {"柜门装上去关不严", "您对做工的要求也太高了吧", "blame_customer", 1},
    {"你们比别家贵", "进店又没人逼您买呀😊", "blame_customer", 1},
    {"快递说是你们地址写错了", "我核对过了,地址和您填的一致,不是您的问题。我这就联系快递", "blame_customer", 0},
    {"耳机左边没声音", "你连的什么手机?用了多久?摔过没?", "interrogation", 1},
    {"耳机左边没声音", "请问您连的是什么手机呢?用了多久?我帮您看看", "interrogation", 0},
    {"耳机左边没声音", "亲,您为什么要拆封呢?", "interrogation", 1},
    {"耳机左边没声音", "亲~ 得先拍个视频证明是收到就坏的哦", "interrogation", 1},
    {"选哪个码", "您为什么不试试大一码呢？我们家鞋子偏小哦", "interrogation", 0},
    {"这件卫衣5岁孩子穿哪个码", "亲~ 尺码表上都写着呢,对照一下就知道啦😊", "cold_reply", 1},
    {"这件卫衣5岁孩子穿哪个码", "尺码表在详情页第三张图,我帮您对照一下:110身高拿120码正好", "cold_reply", 0},
    {"想买一瓶面霜", "好的亲,您是什么肤质呢?", "needs_discovery", 1},
    {"体重秤称得不准", "您先换节新电池再称,差太多的话寄回来我们免费校准", "concrete_solution", 1},
    /* after heldout22: a trainee's everyday words */
    {"路由器老是断网,是不是坏的", "路由器没问题,你家宽带的事。", "arguing", 1},
    {"这个帐篷下雨会不会漏", "不会的,接缝都压了胶条,中雨没问题", "arguing", 0},
    {"这表是不是翻新的,表盘有划痕", "我们开了十年的店会卖翻新的?", "arguing", 1},
    {"电暖器晚上咔咔响,吵死了", "亲,别家的电暖器也一样的哦,热胀冷缩嘛", "arguing", 1},
    {"app绑不上设备", "扫码不会吗?说明书上有。", "blame_customer", 1},
    {"app绑不上设备", "别什么都赖设备,先看看你家网络。", "blame_customer", 1},
    {"柜门装上去关不严", "是你装的时候没对准卡扣。", "blame_customer", 1},
    {"柜门装上去关不严", "当初就不应该选这款,您家门太窄。", "blame_customer", 1},
    {"鱼买回来两天死了三条", "你换水了吗?水没养好当然死,不包。", "interrogation", 1},
    {"鱼买回来两天死了三条", "鱼苗出场都是活的,死了不包,水没养好当然死。", "harsh_refusal", 1},
    {"鱼买回来两天死了三条", "您换水了吗?新缸要先养水哦,我教您怎么弄,死掉的我给您补发", "interrogation", 0},
    {"那要是放不下退货的话运费谁出？", "非质量问题来回运费是您自己出", "blame_customer", 0},
    {"那要是放不下退货的话运费谁出？", "您自己退的当然您出", "blame_customer", 1},
    /* after heldout23 */
    {"新鞋后跟有点磨脚", "亲,刚开始会有点硬,这个是正常的哦,可以先贴个防磨贴,磨得厉害的话支持七天内换大半码", "arguing", 0},
    {"新鞋后跟有点磨脚", "新鞋都这样,穿习惯就好了", "arguing", 1},
    {"这沙发多久会塌", "正常用不会塌的,海绵是高密度的", "arguing", 0},
    {"我买两件能不能包邮", "满99包邮是系统设置的,客服这边改不了哈,再加一双9.9的袜子就刚好包邮啦", "harsh_refusal", 0},
    {"我记得上次买送了两包纸巾", "上次是双十一才送的,您记混了", "arguing", 1},
    {"这表是正品吗,别是高仿吧", "我们开了八年的店,卖什么高仿?", "arguing", 1},
    {"你们这个代购靠谱吗", "不靠谱我们能开这么多年?", "arguing", 1},
    {"沙发怎么这么硬", "沙发偏硬对腰好,您坐习惯就好了", "arguing", 1},
    /* after heldout24 */
    {"定制的为啥不给退", "亲,定制的不支持七天无理由哦,不过有质量问题我们负责到底,您看是遇到什么情况了呢?",
     "interrogation", 0},
    {"这沙发多久会塌", "说话注意点,我们是正规店", "blame_customer", 1},
    {"速冻饺子怎么煮才不破啊", "亲,您先把水烧开再下饺子,然后用勺子推一推防粘底,水开后点两次凉水,最后浮起来就可以捞了", "blame_customer", 0},
    {"速冻饺子怎么煮才不破啊", "这都不会?先烧水然后下饺子,最后捞起来就行", "blame_customer", 1},
};

/* Round 2026.12.7 (heldout25, heldout26 and the model's blind sets): examples written for the
 * rules, in each family, with the fine replies beside them that must stay fine. */
static const ContextCase ROUND_2026_12_7[] = {
    /* young agents part clauses with a space: each clause is read on its own */
    {"我先加购物车 过两天再买", "好的亲 加购没问题 不过明天活动就结束了 要不今天拍了吧", "blame_customer", 0},
    {"质量问题 能退吗", "亲 这个没问题 我马上给你申请退款", "harsh_refusal", 0},
    /* refused help softens nothing and is no remedy */
    {"蛋糕送到都化了", "天热本来就会化,不是我们的问题,这个我们没有办法处理", "arguing", 1},
    {"蛋糕送到都化了", "天热本来就会化,这个确实没办法给您退", "concrete_solution", 0},
    {"蛋糕送到都化了", "非常抱歉,天热路上化了,我马上给您退款", "concrete_solution", 1},
    /* arguing: the customer's account contradicted, the harm waved away, the goods vouched for */
    {"我明明付了钱,怎么还是待付款", "您肯定没付成功,重新付一下", "arguing", 1},
    {"你们的客服怎么骂人", "您这样说话就不对了,我们一直很客气", "arguing", 1},
    {"你们卖的口罩是三无产品吧", "您这么说我们真冤枉", "arguing", 1},
    {"台灯底座有道划痕", "那点划痕不影响使用的", "arguing", 1},
    {"台灯底座有道划痕", "抱歉亲,划痕不影响使用,不过我给您补偿10元,您看可以吗", "arguing", 0},
    {"电饭煲用了三次就坏了", "我们电饭煲没那么容易坏", "arguing", 1},
    {"收到的茶叶少了一包", "我们发货前都点过数的", "arguing", 1},
    {"面霜涂了一周没变白", "美白哪有一周就见效的", "arguing", 1},
    {"这个保温杯是不是假的", "说了是正品就是正品", "arguing", 1},
    {"猫吃了你们的罐头拉肚子", "拉肚子跟罐头有什么关系", "arguing", 1},
    {"你们家店才开半年,靠谱吗", "新店就一定不靠谱?", "arguing", 1},
    {"为什么比专卖店便宜这么多", "我们是厂家直供,少了中间环节,东西是一样的", "arguing", 0},
    /* blame: the cause on what the customer did or failed to do, their competence, mockery */
    {"柜门关不上", "是你不会装", "blame_customer", 1},
    {"柜门关不上", "不是您不会装,是我们少发了一个合页,马上给您补寄", "blame_customer", 0},
    {"我充错手机号了,能退吗", "自己充错的,退不了", "blame_customer", 1},
    {"你家是自己工厂做的吗", "是自己工厂生产的哦", "blame_customer", 0},
    {"这普洱味道不对,是不是假的", "你喝得出来吗?", "blame_customer", 1},
    {"这普洱味道不对,是不是假的", "你懂茶吗?", "blame_customer", 1},
    {"能不能不寄回就退款", "想得美", "blame_customer", 1},
    {"什么烂服务", "烂服务你还来买?", "blame_customer", 1},
    {"我要给差评", "你敢给差评我们就投诉你", "blame_customer", 1},
    {"橙子一点都不甜", "甜不甜是您个人口味问题", "blame_customer", 1},
    {"坚果受潮了", "您开了袋没封好吧?", "blame_customer", 1},
    {"精华用了三天没效果", "您也太心急了", "blame_customer", 1},
    {"衣服颜色和图片不一样", "你手机屏幕的问题吧", "blame_customer", 1},
    {"再便宜两百我就拍", "两千的床你还想砍两百?", "blame_customer", 1},
    /* interrogation: reproach questions, an order to explain, proof demanded */
    {"奶粉只剩两个月保质期了", "买之前不看日期的吗?", "interrogation", 1},
    {"奶粉只剩两个月保质期了", "下单前都不看看吗?现在来问我们?", "interrogation", 1},
    {"你们尺码不准", "你怎么量的 量的哪里 说清楚", "interrogation", 1},
    {"我要退货", "质量问题拿证据来", "interrogation", 1},
    {"你们说昨天发货的", "你咋知道没发", "interrogation", 1},
    {"这件大衣能不能便宜点", "您不看看别的款吗?这款也很百搭", "interrogation", 0},
    /* cold: the work handed back, a complaint shrugged off, a hurry waved off */
    {"能上门安装吗", "不可以,自己装", "cold_reply", 1},
    {"我要投诉你", "你投吧", "cold_reply", 1},
    {"都等了十天了", "你催我也没用", "cold_reply", 1},
    {"我已经寄回去了,单号发给你了", "好的,知道了", "cold_reply", 0},
    {"你们的推车把孩子手夹了", "好的,知道了", "cold_reply", 1},
    {"我165穿什么码", "M码就行", "cold_reply", 0},
    /* harsh: flat no's */
    {"能换成新款吗", "门都没有", "harsh_refusal", 1},
    {"吊牌剪了能退吗", "剪了吊牌谁给你退", "harsh_refusal", 1},
    {"80卖不卖", "80真不行 成本都不够 85给你", "harsh_refusal", 0},
    /* after heldout27 and heldout28 */
    {"保质期只剩半年了", "短什么短,半年够用了", "arguing", 1},
    {"窗帘颜色比图片深", "颜色以实物为准哦", "arguing", 1},
    {"你们说的周三发货,今天周五了", "下单的时候不是跟你说过了吗", "arguing", 1},
    {"你们客服太凶了", "我凶吗?", "arguing", 1},
    {"餐边柜少了一个把手", "你再找找,我们装箱都有人核对的", "arguing", 1},
    {"这款能机洗吗", "不可以机洗呢,羊毛的容易缩,冷水手洗晾干就好", "harsh_refusal", 0},
    {"再便宜30吧", "哈哈您真会砍价~价格确实改不了,不过我可以帮您申请个小礼品", "blame_customer", 0},
    {"你推荐的面膜我用了过敏", "真抱歉,推荐时没问您是不是敏感肌,是我考虑不周,给您退款", "blame_customer", 0},
    {"这台灯我自己能装吗", "拧个灯泡都怕,那还买什么台灯", "blame_customer", 1},
    {"镜子上有一道印子", "别是把反光当成划痕了", "blame_customer", 1},
    {"物流三天没动了", "你说怎么办", "cold_reply", 1},
    {"我要差评", "你爱给就给", "cold_reply", 1},
    {"我已经给了差评", "差评我们也不会退钱", "harsh_refusal", 1},
    {"能送货上楼吗", "送到楼下就不错了", "harsh_refusal", 1},
    /* after heldout29 */
    {"扫地机用了两天就坏了", "我们都做过老化测试,不可能两天就坏,您先自己检查一下", "arguing", 1},
    {"扫地机用了两天就坏了", "抱歉亲,我帮您核实一下是哪里的问题,马上给您处理", "arguing", 0},
    {"是不是水货,全是英文", "英文就是水货?", "arguing", 1},
    {"为什么删我评论", "谁删你评论了", "arguing", 1},
    {"双十一发货这么慢", "谁家不慢啊", "arguing", 1},
    {"你们的核桃有虫", "你拍的是我们家的核桃吗?", "interrogation", 1},
    {"能便宜点吗 预算不多", "预算有限就买便宜的呗", "blame_customer", 1},
    {"充不进电", "不是原装充电器的话别来找我", "cold_reply", 1},
    {"换的新鞋收到了,这次刚好,谢谢", "下次选码先量一下脚长哦~", "blame_customer", 0},
    {"地址没问题,就这样发吧", "好的,知道了", "cold_reply", 0},
    {"这个面霜颜色跟专柜买的不一样", "您的应该是旧版,新版膏体就是这个颜色", "arguing", 0},
    /* after heldout30 */
    {"不退我就投诉", "你投诉啊,我怕你?", "arguing", 1},
    {"帐篷下雨漏水", "你说漏就漏?", "arguing", 1},
    {"这是我买过最差的", "您说是就是吧", "arguing", 0},
    {"你们说好昨天发货", "我什么时候说昨天发了?", "arguing", 1},
    {"跑鞋颜色跟图片不一样", "色差正常", "arguing", 1},
    {"鞋子挤脚", "是你脚太宽了", "blame_customer", 1},
    {"收到有折痕", "没什么大不了", "cold_reply", 1},
    {"书架少了一块隔板", "我们都按清单装箱的,你数清楚了没有?", "interrogation", 1},
    {"能开发票吗", "您要发票做什么用?", "interrogation", 1},
    {"我不懂这些参数", "没关系,您主要是拿来做什么用呢?我按您的用途帮您挑", "interrogation", 0},
    {"保修卡丢了还能保吗", "保修卡都能丢?", "blame_customer", 1},
};

/* Round 2026.12.8: techniques said in everyday words, and the violations the blind sets
 * heldout31 and heldout32 showed the detectors missed, each with a fine look-alike. */
static const ContextCase ROUND_2026_12_8[] = {
    /* offer_alternative: a request that cannot be met, and another item put forward */
    {"台灯能调色温吗", "这款只能暖光哦,同系列有一款三档调色的,我发您看看?", "offer_alternative", 1},
    {"能便宜点吗", "价格是统一的改不了,不过有一款同系列的基础款便宜不少", "offer_alternative", 0},
    /* recommend_with_reason: an item named and put forward, a reason anywhere in the reply */
    {"想买个保温杯上班用", "推荐您看看这款316内胆的,保温12小时,很多上班族回购", "recommend_with_reason", 1},
    {"杯子漏水", "建议您先检查一下杯盖的密封圈有没有装好", "recommend_with_reason", 0},
    /* empathy: the feeling named as the customer's */
    {"猫吃了猫粮一直吐", "猫咪吐了您肯定很心疼,先停喂半天观察一下", "empathy", 1},
    {"猫粮什么时候发货", "感谢您的理解,今天下午就发", "empathy", 0},
    /* take_responsibility: the fault named in the shop's own process */
    {"衣服少了一颗扣子", "不好意思,是我们出货前检查没做到位,马上给您补寄", "take_responsibility", 1},
    {"衣服起球了", "麻烦拍下起球的地方,确认是面料问题直接给您换新", "take_responsibility", 0},
    /* evidence_request: asked to photograph, film or screenshot it and send it */
    {"充电宝充不进电", "麻烦录一段插上充电的视频发我,我帮您看看", "evidence_request", 1},
    {"之前客服答应送我贴膜", "谁答应的?截图呢?", "evidence_request", 0},
    /* concrete_solution: the fix done where the customer has a problem */
    {"地址填错了,已经发货了", "不好意思,我马上联系快递帮您改派到新地址", "concrete_solution", 1},
    {"能包邮吗", "您下单吧,我给您改成包邮", "concrete_solution", 0},
    /* praise_customer: care and judgement praised in everyday words */
    {"想给我爸买双软底鞋", "您真孝顺~叔叔平时穿多大码呢?", "praise_customer", 1},
    {"盒子是不是被拆过", "我们包装一直都很用心的,出库有封箱视频", "praise_customer", 0},
    /* help_choose: a pick made, or the pick taken on ("我帮您挑": most writers count the offer) */
    {"送男朋友选哪个好", "他平时穿什么风格呀?我帮您挑", "help_choose", 1},
    {"送男朋友选哪个好", "他平时偏运动的话,我建议选黑色这款,耐脏又百搭", "help_choose", 1},
    /* the fine replies heldout31 and heldout32's first runs accused, and their violations */
    {"你们为什么不用顺丰发", "亲,不是不用顺丰哈,是这个仓合作的是冷链专线,生鲜路上更稳", "arguing", 0},
    {"这个精华能祛痘印吗", "痘印淡化因人而异,不能跟您打包票哦,坚持用两个月会慢慢变浅", "overpromise", 0},
    {"这个精华能祛痘印吗", "放心,保证一个月祛掉,我们敢打包票", "overpromise", 1},
    {"我想退两件留一件", "可以的,没拆封的直接申请部分退款,我帮您算好金额", "discount_offer", 0},
    /* a troubleshooting guess no longer clears a denial of the product's fault */
    {"眼霜用完长了脂肪粒", "不是产品的问题哦,您是不是每次都涂太多了呀?用量减半就好了", "blame_customer", 1},
    {"眼霜用完长了脂肪粒", "抱歉给您添麻烦了,您是不是一次涂得比较多呀?可以先减半用量试试", "blame_customer", 0},
    /* cold_reply: the matter waved off, the work handed back */
    {"物流三天没更新了", "快递的事问快递", "cold_reply", 1},
    {"猕猴桃很硬", "没熟就放几天,这有啥好问的", "cold_reply", 1},
    {"猕猴桃很硬", "猕猴桃是七成熟采摘的,放两三天就软了,还硬的话跟我说", "cold_reply", 0},
    {"我要给差评", "差评就差评", "cold_reply", 1},
    /* harsh_refusal: the polite-sounding flat no */
    {"能发韵达吗", "我们只发中通,其他快递不行呢。", "harsh_refusal", 1},
    {"眼影碎了一格", "碎一格不影响用,这边就不给您换了哈", "harsh_refusal", 1},
    /* interrogation: the complaint taken up and cross-examined in a polite shell */
    {"粉底遮不住痘印", "亲,您说遮不住,那您是用手指还是用刷子上的?", "interrogation", 1},
    {"口红用了嘴唇脱皮", "您好,请问您是每天都涂吗?晚上卸干净了吗?这些您都做到了吗?", "interrogation", 1},
    {"口红用了嘴唇脱皮", "抱歉让您不舒服了,您说的脱皮是涂完马上就有吗?拍张照片我帮您看看", "interrogation", 0},
    /* arguing: the complaint waved off as normal and turned back on the customer */
    {"冻虾到了冰都化了", "化了很正常啊,你自己签收那么晚怪谁", "arguing", 1},
    {"冻虾到了冰都化了", "抱歉,路上冰袋化一些是正常的,虾还冰的话可以放心吃,化透了拍照我给您补", "arguing", 0},
    /* after heldout33 and heldout34's first runs */
    {"你们客服是不是机器人", "我是真人,是你说得不清楚", "blame_customer", 1},
    {"宝宝屁屁红了", "心疼宝宝,不是您换得不勤,可能是这款不太适合,给您换个透气款", "blame_customer", 0},
    {"这沙发坐着咯吱响", "几千个人买都没说响,就您说响", "arguing", 1},
    {"我不会弄这个App", "没事的,一点都不怪您,这个App确实绕,我一步步教您", "arguing", 0},
    {"孩子不喜欢这个款式,想退", "小朋友有自己的喜好很正常~没拆吊牌7天内都能退", "arguing", 0},
    {"耳机左右电量不一样", "差个10%是正常的哈,主耳耗电多一点,差得特别多的话您截图给我看看", "arguing", 0},
    {"能分期吗", "可以的,支持花呗分期,您确定要哪个颜色了吗?", "interrogation", 0},
    {"我要的是退款不是换货", "抱歉是我理解错了,我现在就帮您改成退款", "discount_offer", 0},
    {"能便宜点吗", "行吧,给您改成299", "discount_offer", 1},
    {"婴儿车轮子有响声", "新车都这样,跑跑就好", "arguing", 1},
    {"婴儿车轮子有响声", "抱歉,新车轮轴刚开始会有点响,上点润滑油就好,还响的话我给您换个轮子", "arguing", 0},
    {"这个学步车对腿好不好", "网上说的您也信?", "arguing", 1},
    {"这款有没有质量保证", "我们家卖了五年了,您说有没有?", "arguing", 1},
    {"到底有没有人管?", "非常抱歉让您久等了,这事我来负责,今天给您一个处理结果", "reassure", 1},
    {"接手的快递员是谁", "是圆通的师傅接手的,单号我发您", "reassure", 0},
};

/* Round 2026.12.9: a colleague asked to settle the case (escalate), the goods vouched for
 * beside blame (arguing), another way offered in place of the one asked for
 * (offer_alternative), and techniques in words no pattern lists, which the meaning model now
 * credits; each with a look-alike that must not count. */
static const ContextCase ROUND_2026_12_9[] = {
    /* another way offered in place of the one asked for is the same move
     * (heldout33, 34: "刻不了字哈～不过我们有配套的防水姓名贴"); a remedy promised only if the
     * goods turn out faulty offers nothing in its place */
    {"能开增值税专票吗", "专票暂时开不了,不过可以开电子普票,您看行吗?", "offer_alternative", 1},
    {"拆封了还能退吗", "拆封的不支持无理由退哦,不过如果有质量问题我们一定给您处理", "offer_alternative", 0},
    /* "normal", and how to make it better, explains (heldout35); waved off to wait, disputes */
    {"洗碗机用完有股塑料味", "刚开始用有点塑料味是正常的哦,开着门通通风,用几次就会淡很多", "arguing", 0},
    {"沙发坐着太硬了", "硬是正常的,坐习惯就好了", "arguing", 1},
    /* (heldout37) "normal", then another option picked for the need; steps answering "…是啥";
     * a guess at the cause with where to put it instead */
    {"本子纸有点透 背面能看到字", "亲,这款是70g纸,用圆珠笔写背面只有一点印子是正常的。平时喜欢用马克笔的话,推荐换100g款,基本不透", "arguing", 0},
    {"换货流程是啥", "换货流程是:在订单里点申请换货,选好新尺码,把原件寄回来,仓库验货没问题就给您发新的", "arguing", 0},
    {"狗狗不睡你们家的窝 白买了", "亲,好多狗狗刚开始都认生的~您是不是放在门口了呢?放在它常待的角落,铺件您穿过的旧衣服,一般几天就愿意睡了", "blame_customer", 0},
    {"大米生虫了", "您是不是放在潮湿的地方了?这都不懂吗", "blame_customer", 1},
    /* a size named bare after the advice is a pick made for the customer (heldout36) */
    {"165 55kg穿什么码", "按您的身材建议拍M,腰身刚好", "help_choose", 1},
    {"这条裤子有几个码", "有S到XL四个码,尺码表在详情页第三张", "help_choose", 0},
    /* a price given way on is a discount, not blame, to the meaning model (heldout36); the
     * patterns still find blame beside it */
    {"能不能再便宜点,我都买过好几回了", "老顾客当然要照顾,给您便宜20块吧,您先拍下我来改价", "blame_customer", 0},
    {"能不能再便宜点,我都买过好几回了", "这都不懂吗,价格是统一的,算了给您便宜5块吧", "blame_customer", 1},
    {"这个能开增值税发票吗", "这个我得问下财务同事,确认了马上回您", "escalate", 1},
    {"扫地机连不上网", "您可以先问问我们的技术客服,他们在线时间长", "escalate", 0},
    {"再便宜点吧", "价格动不了,我跟主管给您申请个小赠品吧", "escalate", 0},
    {"售后电话一直占线", "我帮您登记好,让售后专员下午主动打给您", "escalate", 1},
    {"收到的毛巾有股怪味", "出厂都是检测过的,您那边放潮了吧", "arguing", 1},
    {"洗了一次就缩了", "棉的都会缩一点,您是不是用烫水洗的?", "arguing", 1},
    {"洗了一次就缩了", "棉的都会缩一点,真抱歉没提前说清楚,给您换大一码", "arguing", 0},
    {"什么时候能到", "付款后一般次日出库,到您那边正常3天左右", "arguing", 0},
    {"鞋子能定制刻字吗", "刻字暂时做不了哈,不过我们有配套的鞋扣挂件,可以挂名字牌,要不要看看?", "offer_alternative", 1},
    {"吊牌剪了还能退吗", "剪了吊牌不支持无理由退哦,如果是质量问题我们一定给您处理", "offer_alternative", 0},
    {"等了一个礼拜还没到,我都急死了", "换成是我也会着急的,我马上帮您查到底卡在哪", "empathy", 1},
    {"这个多少钱", "这个是199元哦", "empathy", 0},
    {"快递把箱子压坏了", "您放心,这件事我跟到底,新的寄到您手上我才算完", "reassure", 1},
    {"想给我爸买双鞋", "叔叔平时穿多大码?主要是散步还是上班穿呀?", "needs_discovery", 1},
    {"怎么少发了一个盖子", "是我们打包的同事漏装了,这个责任在我们", "take_responsibility", 1},
    {"杯子收到是碎的", "我这边马上给您补寄一个新的,运费我们出", "concrete_solution", 1},
    {"杯子好看吗", "好看的,很多顾客喜欢", "concrete_solution", 0},
};

/* Walks a table of context cases and names the failing case. */
static void check_context_cases(const ContextCase *cases, size_t n, const char *table)
{
    for (size_t i = 0; i < n; i++) {
        const ContextCase *c = &cases[i];
        ReplyContext ctx = {NULL, c->customer, 1, -1, NULL};
        if (fires(c->reply, &ctx, c->principle) != c->fires) {
            fprintf(stderr, "%s:%d: %s case %zu: %s %s on \"%s\" after \"%s\"\n", __FILE__,
                    __LINE__, table, i, c->principle, c->fires ? "did not fire" : "fired", c->reply,
                    c->customer);
            check_failures++;
        }
    }
}

/* A table of cases, checked under its own name. */
#define CHECK_CONTEXT_CASES(table) \
    check_context_cases(table, sizeof table / sizeof table[0], #table)

static void rubric_should_judge_polite_shells_and_everyday_words(void)
{
    CHECK_CONTEXT_CASES(ROUND_2026_12_6);
    CHECK_CONTEXT_CASES(ROUND_2026_12_7);
    CHECK_CONTEXT_CASES(ROUND_2026_12_8);
    CHECK_CONTEXT_CASES(ROUND_2026_12_9);
}

static void rubric_should_use_the_context(void)
{
    const char *alt = "金色暂时没有进货,不过有黑色、紫色,您比较喜欢哪一种呢?";
    ReplyContext doubt = {NULL, "你家是正品吗?不会是高仿吧", 1, -1, NULL};
    ReplyContext asked = {NULL, "这款有金色的吗?", 2, -1, NULL};
    ReplyContext haggling = {NULL, "能便宜点吗", 2, -1, NULL};
    CHECK(fires(alt, &asked, "offer_alternative"));
    CHECK(!fires(alt, &haggling, "offer_alternative"));
    int oa = rubric_find(R, "offer_alternative");
    CHECK(rubric_applicable(R, oa, &asked));
    CHECK(!rubric_applicable(R, oa, &haggling));
    CHECK(rubric_applicable(R, oa, NULL)); /* unknown: in doubt, applicable */

    int ap = rubric_find(R, "apology");
    ReplyContext complaint = {NULL, "收到的床板裂了,怎么回事!", 1, -1, NULL};
    ReplyContext browsing = {"haggler", "这床多少钱", 0, -1, NULL};
    ReplyContext angry = {"angry_complainant", "在吗", 0, -1, NULL};
    CHECK(rubric_applicable(R, ap, &complaint));
    CHECK(!rubric_applicable(R, ap, &browsing));
    CHECK(rubric_applicable(R, ap, &angry));
    /* 不好意思 apologises for what the customer suffers or does not get, but not as "excuse
     * me" */
    CHECK(fires("不好意思,我马上帮您查", &complaint, "apology"));
    CHECK(fires("不好意思,价格是统一的哦", &browsing, "apology"));
    CHECK(!fires("不好意思问一下,您要的是1.8米的吗", &browsing, "apology"));
    /* an invoice is evidence of genuineness only where genuineness is in question */
    ReplyContext invoice = {NULL, "能开发票报销吗", 1, -1, NULL};
    CHECK(fires("我们是正规公司,可以开发票", &doubt, "authenticity_proof"));
    CHECK(!fires("可以开发票的,下单备注抬头", &invoice, "authenticity_proof"));

    /* when.unless_customer excludes only on a known message: praise of the item is a
     * recommendation unless the customer is haggling over it or doubting it */
    const char *praise = "这款是我们卖得最好的,很多老顾客回购";
    ReplyContext advice = {NULL, "哪款好一点?", 1, -1, NULL};
    CHECK(fires(praise, NULL, "recommend_with_reason"));
    CHECK(fires(praise, &advice, "recommend_with_reason"));
    CHECK(!fires(praise, &haggling, "recommend_with_reason"));
    CHECK(!fires(praise, &doubt, "recommend_with_reason"));
    /* counter-claims are arguing against a complaint, not in a pre-sale answer */
    const char *counter = "我们的质量没问题";
    ReplyContext broken = {NULL, "这什么破质量", 1, -1, NULL};
    ReplyContext presale = {NULL, "这个质量怎么样", 1, -1, NULL};
    CHECK(fires(counter, &broken, "arguing"));
    CHECK(!fires(counter, &presale, "arguing"));
    CHECK(!fires(counter, NULL, "arguing"));
    /* a customer message asked about by several principles gives the same answers however
     * often it is asked (its answers are remembered per message) */
    for (int round = 0; round < 3; round++) {
        CHECK(fires(alt, &asked, "offer_alternative"));
        CHECK(!fires(alt, &haggling, "offer_alternative"));
        CHECK(fires(counter, &broken, "arguing"));
    }

    /* the customer's own words taken up and denied ({DENYECHO}, {NEGECHO}: the echo checks
     * compare the reply with the customer's message) */
    ReplyContext thin = {NULL, "亲你们家卫衣好薄啊", 1, -1, NULL};
    ReplyContext differs = {NULL, "这个颜色跟图片不一样", 1, -1, NULL};
    ReplyContext asks = {NULL, "这件卫衣薄吗?", 1, -1, NULL};
    ReplyContext uncomfortable = {NULL, "穿着不舒服", 1, -1, NULL};
    CHECK(fires("亲,这款是加绒的哦,不薄的呢", &thin, "arguing"));
    CHECK(fires("哪有薄啊", &thin, "arguing"));
    CHECK(fires("颜色都一样的", &differs, "arguing"));
    CHECK(fires("薄?不可能", &thin, "arguing"));
    ReplyContext fake = {NULL, "你们发的是山寨充电器", 1, -1, NULL};
    ReplyContext pricey = {NULL, "这个价格也太坑了", 1, -1, NULL};
    CHECK(fires("什么山寨,我们是原厂配件", &fake, "arguing"));
    CHECK(fires("坑?一分钱一分货", &pricey, "arguing"));
    CHECK(!fires("坑?", &pricey, "arguing")); /* the word asked back, nothing disputed yet */
    /* not the customer's word, a question asked, their own words said back, or softened */
    /* ("这款是加绒的哦" after "好薄啊" disputes by itself: the meaning model says so) */
    CHECK(!fires("是的亲,这款是春秋款,不厚的呢", &thin, "arguing"));
    CHECK(!fires("亲,这款是加绒的哦,不薄的呢", &asks, "arguing"));
    CHECK(!fires("亲,这款是加绒的哦,不薄的呢", NULL, "arguing"));
    CHECK(!fires("不舒服?", &uncomfortable, "arguing"));
    CHECK(!fires("不舒服的话可以退换哦", &uncomfortable, "arguing"));
    CHECK(!fires("理解您的感受,不过不薄的呢,我帮您看看是不是发错了", &thin, "arguing"));

    /* round 2026.12.5: the formal store's words, read in their context */
    ReplyContext wholesale = {"rival_fisher", "批发价多少？一次拿一百双", 2, -1, NULL};
    CHECK(fires("价格以页面为准。请问您是自己跑步穿吗？", &wholesale, "needs_discovery"));
    CHECK(!fires("请问您问这么细是做什么用呢？", &wholesale, "needs_discovery"));
    ReplyContext restock = {"out_of_stock_colour", "没金色啊，那以后会进吗？", 1, -1, NULL};
    CHECK(fires("暂无补货计划。不过有黑色、紫色、蓝色，您喜欢哪一种呢？", &restock,
                "offer_alternative"));
    ReplyContext which = {NULL, "蓝色我没想过哎，哪个更显白？", 2, -1, NULL};
    CHECK(fires("紫色是本季新色，很显白，配浅色衣服尤其好看。", &which, "help_choose"));
    ReplyContext wall = {NULL, "放书房，那边只有1.3米多一点", 2, -1, NULL};
    CHECK(fires("1.3米的位置選1.2米款正合適，兩側還留有餘量。", &wall, "help_choose"));
    ReplyContext cups = {NULL, "杯子碎了两个", 1, -1, NULL};
    CHECK(!fires("太抱歉了，麻烦拍下破损的位置发给我，马上补发", &cups, "call_to_action"));
    ReplyContext refund = {NULL, "我买了八天了，还能退吗", 1, -1, NULL};
    CHECK(fires("已超过七天无理由退货期限，系统不支持退货申请。", &refund, "harsh_refusal"));
    ReplyContext pay = {NULL, "能不能私下转账，便宜点", 1, -1, NULL};
    CHECK(!fires("不可以哦亲，为了保障您的资金安全，我们只走平台交易。", &pay, "harsh_refusal"));
    ReplyContext medicine = {NULL, "这个保健品能代替降压药吗？", 1, -1, NULL};
    CHECK(!fires("不能代替的哦，保健食品不是药品，降压药一定要遵医嘱吃。", &medicine,
                 "harsh_refusal"));
    ReplyContext hormone = {NULL, "这款面膜敷完脸上刺痛，你们肯定偷偷加了激素。", 1, -1, NULL};
    CHECK(fires("收到。刺痛跟激素一点关系都没有。", &hormone, "arguing"));
    CHECK(!fires("收到，刺痛的原因我马上帮您查一下。", &hormone, "arguing"));

    /* after heldout20: clearing or thanking the customer, offering help, is no violation */
    ReplyContext wired = {NULL, "是不是我装错了,灯不亮", 1, -1, NULL};
    CHECK(!fires("不一定是您的问题哦，这款灯接线确实容易弄混~您拍一下接线的地方给我看看？", &wired,
                 "blame_customer"));
    ReplyContext bot = {NULL, "你们客服是机器人吗", 1, -1, NULL};
    CHECK(!fires("如假包换的真人哦，刚喝完一口水就来回您了 有什么能帮您的？", &bot, "interrogation"));
    ReplyContext pricey2 = {NULL, "你们这个卖这么贵，抢钱啊", 1, -1, NULL};
    CHECK(fires("我们一点都不贵,是你没买过好东西", &pricey2, "blame_customer"));

    int wg = rubric_find(R, "warm_greeting");
    ReplyContext first = {NULL, NULL, 0, -1, NULL}, later = {NULL, NULL, 6, -1, NULL};
    CHECK(rubric_applicable(R, wg, &first));
    CHECK(!rubric_applicable(R, wg, &later));

    int vp = rubric_find(R, "value_over_price");
    CHECK(rubric_applicable(R, vp, &haggling));
    CHECK(!rubric_applicable(R, vp, &complaint));
    int ac = rubric_find(R, "authenticity_proof");
    CHECK(rubric_applicable(R, ac, &doubt));
    CHECK(!rubric_applicable(R, ac, &haggling));
    CHECK(rubric_applicable(R, rubric_find(R, "arguing"), &haggling));
    CHECK(rubric_applicable(R, rubric_find(R, "first_response"), &haggling));

    /* the long-reply limit comes from the scenario's thresholds when given */
    Thresholds th = *rubric_thresholds(R);
    th.long_reply_chars = 10;
    ReplyContext strict = {NULL, NULL, 1, -1, &th};
    CHECK(fires("亲,这款床是实木的,用料扎实", &strict, "long_reply"));
    CHECK(!fires("亲,这款床是实木的,用料扎实", NULL, "long_reply"));
}

/* ---------------------------------------------------------------- bad catalogs */

/* Loads text as a catalog and expects the message "path:line: ..." holding needle (line 0:
 * the message starts "path: ", the file as a whole is wrong). */
static void expect_load_error(const char *text, const char *needle, int line)
{
    const char *path = temp_lua(text);
    CHECK(path != NULL);
    if (!path)
        return;
    KefuError err = {{0}};
    Rubric *r = rubric_load(path, &err);
    CHECK(r == NULL);
    rubric_destroy(r);
    char where[600];
    if (line > 0)
        snprintf(where, sizeof where, "%s:%d: ", path, line);
    else
        snprintf(where, sizeof where, "%s: ", path);
    CHECK_INT(strncmp(err.msg, where, strlen(where)), ==, 0);
    if (strncmp(err.msg, where, strlen(where)) != 0)
        fprintf(stderr, "  expected the message to start with \"%s\", got \"%s\"\n", where,
                err.msg);
    CHECK_CONTAINS(err.msg, needle);
    unlink(path);
    rmdir(temp_dir);
}

#define GOOD_HEAD                                                                            \
    "return {\n"                                                                              \
    "  version = \"t1\",\n"                                                                   \
    "  categories = {{id = \"attitude\", name = \"服务态度\"}},\n"                            \
    "  thresholds = {first_response_s = 15, first_response_excellent_s = 6,\n"                \
    "                reply_wait_s = 20, typing_cpm = 50, long_reply_chars = 80},\n"           \
    "  fragments = {YOU = [[您|你]]},\n"                                                      \
    "  principles = {\n"

static void rubric_should_say_where_a_catalog_is_wrong(void)
{
    /* line 8 is the principle's first line; line 9 lacks its comma */
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\"\n"
                                "     explain = \"e\", detect = {any = {[[您好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "'}' expected (to close '{' at line 8) near 'explain'", 10);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technic\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[您好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "'principles[1].kind' must be one of technique, violation, timing; got "
                      "\"technic\"",
                      8);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\",\n"
                                "     detect = {any = {[[您好]], [[(?:不行]]}}},\n"
                                "  },\n"
                                "}\n",
                      "bad any pattern", 11);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\",\n"
                                "     detect = {any = {[[{YOU}好]], [[{THEM}好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "unknown fragment {THEM}", 11);
    /* a fragment put bare ({=NAME}, for a lookbehind's branches) is checked the same way */
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\",\n"
                                "     detect = {any = {[[(?<!{=YOU})好]], [[(?<!{=THEM})好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "unknown fragment {=THEM}", 11);
    expect_load_error(
        GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                  "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                  "     explain = \"e\", detect = {any = {[[您好]]}, unles = {}}},\n"
                  "  },\n"
                  "}\n",
        "'principles[1].detect.unles' is not a known field (expected any, all, unless, "
        "when, builtin)",
        10);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"violation\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\"},\n"
                                "  },\n"
                                "}\n",
                      "needs a detector", 8);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"sales\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[您好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "'principles[1].category': unknown category \"sales\"", 9);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", applies = {unless_customer = {[[贵]]}},\n"
                                "     detect = {any = {[[您好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "'unless_customer' belongs in a rule's 'when'", 10);
    /* two problems: the first in the file is reported, though the patterns are compiled after
     * the whole catalog is read */
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[(不行]]}}},\n"
                                "    {id = \"y\", name = \"y\", kind = \"technique\", bogus = 1,\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[您好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "principle x: bad any pattern", 10);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[不行]]}}},\n"
                                "    {id = \"y\", name = \"y\", kind = \"technique\", bogus = 1,\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[(您好]]}}},\n"
                                "  },\n"
                                "}\n",
                      "'principles[2].bogus' is not a known field (expected id, name, kind,", 11);
    /* callouts are the echo checks on the reply, and nothing else */
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[(好)(?C7)]]}}},\n"
                                "  },\n"
                                "}\n",
                      "principle x: any pattern has a callout other than", 10);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[好(?C\"x\")]]}}},\n"
                                "  },\n"
                                "}\n",
                      "principle x: any pattern has a callout other than", 10);
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = {any = {[[好]]},\n"
                                "     when = {customer = {[[(贵)(?C1)]]}}}},\n"
                                "  },\n"
                                "}\n",
                      "only a pattern on the reply can", 11);
    /* a catalog that loops forever is stopped by the sandbox */
    expect_load_error("while true do end\nreturn {}\n", "", 1);

    KefuError err = {{0}};
    CHECK(rubric_load("tests/data/labelled/no-such-rubric.lua", &err) == NULL);
    CHECK_CONTAINS(err.msg, "no-such-rubric.lua");
}

/* The catalog is read after its chunk has run, outside any protected call: a metatable whose
 * __index raises or loops must not run there (it would abort the program), nor may a catalog
 * that has used up the sandbox's memory. Each is a clean "file: ..." message. */
static void rubric_should_refuse_hostile_catalogs_cleanly(void)
{
    /* the whole catalog behind an __index that raises: read raw, it has no fields */
    expect_load_error("return setmetatable({}, {__index = function(t, k) error('no ' .. k) end})\n",
                      "'version' is required (a string)", 0);
    /* a principle whose __index never returns (the instruction budget would raise) */
    expect_load_error("local cat = {version = 'h', categories = {{id = 'attitude', name = 'a'}},\n"
                      "  thresholds = {first_response_s = 15, first_response_excellent_s = 6,\n"
                      "    reply_wait_s = 20, typing_cpm = 50, long_reply_chars = 80},\n"
                      "  principles = {}}\n"
                      "cat.principles[1] = setmetatable({id = \"x\"},\n"
                      "  {__index = function() while true do end end})\n"
                      "return cat\n",
                      "'principles[1].name' is required (a string)", 5);
    /* lists with __len and __index pretending to hold entries are read by their raw length */
    expect_load_error("return {version = 'h', categories = setmetatable({}, {\n"
                      "  __len = function() return 3 end,\n"
                      "  __index = function() error('boom') end}),\n"
                      "  principles = {}}\n",
                      "'categories' is empty", 1);
    /* fields inside a detector behind __index: absent when read raw */
    expect_load_error(GOOD_HEAD "    {id = \"x\", name = \"x\", kind = \"technique\",\n"
                                "     category = \"attitude\", source = \"s\", quote = \"q\",\n"
                                "     explain = \"e\", detect = setmetatable({}, {__index =\n"
                                "       function() error('boom') end})},\n"
                                "  },\n"
                                "}\n",
                      "'principles[1].detect' has no rules", 10);
    /* a catalog that has filled the sandbox's memory before returning: refused cleanly, by
     * the memory cap or by the time budget (whichever this machine reaches first) */
    const char *path = temp_lua("local hog = {}\n"
                                "pcall(function()\n"
                                "  while true do hog[#hog + 1] = string.rep('x', 40) .. #hog end\n"
                                "end)\n"
                                "return setmetatable({}, {hog = hog})\n");
    CHECK(path != NULL);
    if (path) {
        KefuError err = {{0}};
        Rubric *r = rubric_load(path, &err);
        CHECK(r == NULL);
        rubric_destroy(r);
        CHECK_INT(strncmp(err.msg, path, strlen(path)), ==, 0);
        unlink(path);
        rmdir(temp_dir);
    }
}

int main(void)
{
    KefuError err = {{0}};
    R = rubric_load(RUBRIC_FILE, &err);
    if (!R) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    RUN(rubric_should_list_every_principle_of_the_spec);
    RUN(rubric_should_give_the_handbook_thresholds_as_defaults);
    RUN(rubric_should_derive_the_literals_every_match_holds);
    RUN(rubric_should_write_its_prose_with_chinese_punctuation);
    RUN(rubric_should_judge_labelled_replies_as_labelled);
    RUN(rubric_should_generalise_to_held_out_replies);
    RUN(rubric_should_find_letters_wherever_they_sit);
    RUN(rubric_should_map_evidence_to_the_original_bytes);
    RUN(rubric_should_survive_any_bytes);
    RUN(rubric_should_give_the_same_hits_without_the_prefilter);
    RUN(rubric_should_use_the_context);
    RUN(rubric_should_judge_polite_shells_and_everyday_words);
    RUN(rubric_should_say_where_a_catalog_is_wrong);
    RUN(rubric_should_refuse_hostile_catalogs_cleanly);
    rubric_destroy(R);
    CHECK_DONE();
}
