/* bench_accuracy: scores `kefu analyze` output against a labelled set of replies, for every
 * (reply, principle) pair over the 36 technique and violation ids (RUBRIC.md's 35 and unreadable): per-principle
 * accuracy, precision and recall, the macro average, critical false positives, the fine replies
 * accused of any violation of attitude, and the misses.
 *
 *   bench_accuracy --strip SET               SET without its "labels" fields (analyze input)
 *   bench_accuracy [options] SET OUT         score OUT (kefu analyze output) against SET
 *     --examples N   misses shown per principle (default 4; 0 shows every one)
 *     --markdown     the per-principle table as Markdown (for bench/README-accuracy.md)
 *
 * SET lines: {"id", "persona"?, "customer"?, "reply", "labels": [ids]} where labels is the
 * complete set of technique/violation ids a grader says the reply shows; every other id is a
 * "must not fire" check. This is a measurement: it exits 0 whatever the accuracy, 1 when a file
 * is unreadable or malformed, 2 on bad usage. bench/accuracy.sh runs the whole thing.
 */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- the catalog (RUBRIC.md) */

enum { N_PRINCIPLES = 36 };

/* attitude: one of the five violations of attitude, the measure of a fine reply accused
 * (a reply labelled with none of them, nor unreadable, is fine) */
static const struct {
    const char *id;
    int violation;
    int critical;
    int attitude;
} PRINCIPLES[N_PRINCIPLES] = {
    {"warm_greeting", 0, 0, 0},
    {"friendly_tone", 0, 0, 0},
    {"needs_discovery", 0, 0, 0},
    {"recommend_with_reason", 0, 0, 0},
    {"related_sale", 0, 0, 0},
    {"help_choose", 0, 0, 0},
    {"two_choice_close", 0, 0, 0},
    {"scarcity", 0, 0, 0},
    {"urgency", 0, 0, 0},
    {"offer_alternative", 0, 0, 0},
    {"call_to_action", 0, 0, 0},
    {"value_over_price", 0, 0, 0},
    {"price_policy", 0, 0, 0},
    {"praise_customer", 0, 0, 0},
    {"small_gift", 0, 0, 0},
    {"authenticity_proof", 0, 0, 0},
    {"apology", 0, 0, 0},
    {"empathy", 0, 0, 0},
    {"reassure", 0, 0, 0},
    {"evidence_request", 0, 0, 0},
    {"concrete_solution", 0, 0, 0},
    {"escalate", 0, 0, 0},
    {"take_responsibility", 0, 0, 0},
    {"confirm_order", 0, 0, 0},
    {"polite_farewell", 0, 0, 0},
    {"invite_favorite", 0, 0, 0},
    {"invite_review", 0, 0, 0},
    {"arguing", 1, 1, 1},
    {"interrogation", 1, 0, 1},
    {"blame_customer", 1, 1, 1},
    {"harsh_refusal", 1, 0, 1},
    {"cold_reply", 1, 0, 1},
    {"overpromise", 1, 0, 0},
    {"discount_offer", 1, 0, 0},
    {"long_reply", 1, 0, 0},
    {"unreadable", 1, 0, 0}, /* added in rubric 2026.12.1 (002 用语规范) */
};

/* Timing and session ids are measured from timestamps, not from one reply's words: analyze
 * output naming them is not an error, and they are not scored here. */
static const char *const SESSION_IDS[] = {"first_response", "reply_wait", "typing_speed",
                                          "seller_last_word"};

static int principle_index(const char *id)
{
    for (int i = 0; i < N_PRINCIPLES; i++)
        if (strcmp(PRINCIPLES[i].id, id) == 0)
            return i;
    return -1;
}

static int is_session_id(const char *id)
{
    for (size_t i = 0; i < sizeof SESSION_IDS / sizeof SESSION_IDS[0]; i++)
        if (strcmp(SESSION_IDS[i], id) == 0)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- items */

typedef struct {
    char *id;
    char *persona;  /* "" when absent */
    char *customer; /* "" when absent */
    char *reply;
    uint64_t expect;              /* bit i: PRINCIPLES[i] labelled */
    uint64_t got;                 /* bit i: PRINCIPLES[i] fired */
    char *evidence[N_PRINCIPLES]; /* first evidence per fired principle, or NULL */
    char *error;                  /* analyze's error for this line, or NULL */
    int answered;                 /* analyze wrote a line for this id */
} Item;

typedef struct {
    Item *items;
    size_t n, cap;
} ItemList;

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (!d) {
        fputs("bench_accuracy: out of memory\n", stderr);
        exit(1);
    }
    memcpy(d, s, n);
    return d;
}

static void items_free(ItemList *l)
{
    for (size_t i = 0; i < l->n; i++) {
        Item *it = &l->items[i];
        free(it->id);
        free(it->persona);
        free(it->customer);
        free(it->reply);
        free(it->error);
        for (int p = 0; p < N_PRINCIPLES; p++)
            free(it->evidence[p]);
    }
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

static Item *items_push(ItemList *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        Item *grown = realloc(l->items, cap * sizeof *grown);
        if (!grown) {
            fputs("bench_accuracy: out of memory\n", stderr);
            exit(1);
        }
        l->items = grown;
        l->cap = cap;
    }
    Item *it = &l->items[l->n++];
    memset(it, 0, sizeof *it);
    return it;
}

static Item *items_find(ItemList *l, const char *id)
{
    /* Ids are looked up once per output line and the sets hold hundreds of lines: a linear
     * search is fast enough and keeps the order of the set. */
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].id, id) == 0)
            return &l->items[i];
    return NULL;
}

static const char *string_field(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---------------------------------------------------------------- reading JSON lines */

/* What each_object calls for each line: 0 to go on, or -1 after printing "path:line: problem". */
typedef int (*LineFn)(cJSON *obj, const char *path, long lineno, void *ctx);

/* Calls fn(obj, path, lineno, ctx) on each non-blank line of the JSON-lines file at path, parsed
 * as an object (deleted after the call). Returns 0, or -1 after printing what went wrong: the
 * file cannot be opened, a line is not a JSON object, or fn said -1 (which ends the reading). */
static int each_object(const char *path, LineFn fn, void *ctx)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = 0;
    if (!f) {
        fprintf(stderr, "%s: cannot open: ", path);
        perror(NULL);
        return -1;
    }
    while (rc == 0 && getline(&line, &cap, f) != -1) {
        lineno++;
        if (line[strspn(line, " \t\r\n")] == '\0')
            continue;
        cJSON *obj = cJSON_Parse(line);
        if (cJSON_IsObject(obj)) {
            rc = fn(obj, path, lineno, ctx);
        } else {
            fprintf(stderr, "%s:%ld: not a JSON object\n", path, lineno);
            rc = -1;
        }
        cJSON_Delete(obj);
    }
    free(line);
    fclose(f);
    return rc;
}

/* ---------------------------------------------------------------- reading the set */

/* One line of the labelled set into the ItemList ctx. */
static int set_line(cJSON *obj, const char *path, long lineno, void *ctx)
{
    ItemList *list = ctx;
    const char *id = string_field(obj, "id");
    const char *reply = string_field(obj, "reply");
    const cJSON *labels = cJSON_GetObjectItemCaseSensitive(obj, "labels");
    if (!id || !reply) {
        fprintf(stderr, "%s:%ld: \"id\" and \"reply\" must be strings\n", path, lineno);
        return -1;
    }
    if (!cJSON_IsArray(labels)) {
        fprintf(stderr, "%s:%ld: \"labels\" must be an array of principle ids\n", path, lineno);
        return -1;
    }
    if (items_find(list, id)) {
        fprintf(stderr, "%s:%ld: id \"%s\" appears twice\n", path, lineno, id);
        return -1;
    }
    Item *it = items_push(list);
    it->id = dup_str(id);
    it->reply = dup_str(reply);
    it->persona = dup_str(string_field(obj, "persona") ? string_field(obj, "persona") : "");
    it->customer = dup_str(string_field(obj, "customer") ? string_field(obj, "customer") : "");
    const cJSON *label;
    cJSON_ArrayForEach(label, labels)
    {
        int p = cJSON_IsString(label) ? principle_index(label->valuestring) : -1;
        if (p < 0) {
            fprintf(stderr, "%s:%ld: label %s is not a technique or violation id of RUBRIC.md\n",
                    path, lineno, cJSON_IsString(label) ? label->valuestring : "(not a string)");
            return -1;
        }
        it->expect |= UINT64_C(1) << p;
    }
    return 0;
}

/* Reads the labelled set into list. Returns 0, or -1 after printing "file:line: problem". */
static int read_set(const char *path, ItemList *list)
{
    if (each_object(path, set_line, list) < 0)
        return -1;
    if (list->n == 0) {
        fprintf(stderr, "%s: no replies\n", path);
        return -1;
    }
    return 0;
}

/* One line of the set printed without its "labels". */
static int strip_line(cJSON *obj, const char *path, long lineno, void *ctx)
{
    (void)path, (void)lineno, (void)ctx;
    cJSON_DeleteItemFromObjectCaseSensitive(obj, "labels");
    char *out = cJSON_PrintUnformatted(obj);
    if (!out) {
        fputs("bench_accuracy: out of memory\n", stderr);
        return -1;
    }
    puts(out);
    cJSON_free(out);
    return 0;
}

/* --strip: the set as analyze input, each line without its "labels". */
static int strip_set(const char *path) { return each_object(path, strip_line, NULL); }

/* ---------------------------------------------------------------- reading analyze output */

typedef struct {
    ItemList *list;
    long *unscored; /* hits naming an id that is neither scored nor a session id */
} Output;

/* One line of analyze output onto the item it answers. */
static int output_line(cJSON *obj, const char *path, long lineno, void *ctx)
{
    Output *o = ctx;
    const char *id = string_field(obj, "id");
    Item *it = id ? items_find(o->list, id) : NULL;
    if (!it) {
        fprintf(stderr, "%s:%ld: id %s is not in the labelled set\n", path, lineno,
                id ? id : "(missing)");
        return -1;
    }
    if (it->answered) {
        fprintf(stderr, "%s:%ld: id \"%s\" answered twice\n", path, lineno, id);
        return -1;
    }
    it->answered = 1;
    const char *error = string_field(obj, "error");
    if (error)
        it->error = dup_str(error);
    const cJSON *hits = cJSON_GetObjectItemCaseSensitive(obj, "hits");
    if (!error && !cJSON_IsArray(hits)) {
        fprintf(stderr, "%s:%ld: neither \"hits\" nor \"error\"\n", path, lineno);
        return -1;
    }
    const cJSON *hit;
    cJSON_ArrayForEach(hit, hits)
    {
        const char *principle = string_field(hit, "principle");
        int p = principle ? principle_index(principle) : -1;
        if (p < 0) {
            if (!principle || !is_session_id(principle))
                (*o->unscored)++;
            continue;
        }
        it->got |= UINT64_C(1) << p;
        const char *evidence = string_field(hit, "evidence");
        if (!it->evidence[p])
            it->evidence[p] = dup_str(evidence ? evidence : "");
    }
    return 0;
}

static int read_output(const char *path, ItemList *list, long *unscored)
{
    Output o = {list, unscored};
    return each_object(path, output_line, &o);
}

/* ---------------------------------------------------------------- scoring */

typedef struct {
    long tp, fp, fn, tn;
} Counts;

static double ratio(long num, long den) { return den ? (double)num / (double)den : -1.0; }

/* Writes a percentage into buf, or "-" when undefined (no denominator). */
static const char *pct(char *buf, size_t n, double r)
{
    if (r < 0)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.1f%%", 100.0 * r);
    return buf;
}

static void print_ids(FILE *out, uint64_t bits)
{
    int any = 0;
    for (int p = 0; p < N_PRINCIPLES; p++) {
        if (bits & (UINT64_C(1) << p)) {
            fprintf(out, "%s%s", any ? " " : "", PRINCIPLES[p].id);
            any = 1;
        }
    }
    if (!any)
        fputs("(none)", out);
}

static void print_item(FILE *out, const Item *it)
{
    fprintf(out, "    %s", it->id);
    if (it->persona[0])
        fprintf(out, " [%s]", it->persona);
    if (it->customer[0])
        fprintf(out, " 顾客: %s", it->customer);
    fprintf(out, "\n      回复: %s\n      expected: ", it->reply);
    print_ids(out, it->expect);
    fputs("\n      got:      ", out);
    print_ids(out, it->got);
    if (it->error)
        fprintf(out, "  (analyze error: %s)", it->error);
    fputc('\n', out);
}

/* Prints the replies principle p got wrong, at most examples of them (0: every one) and then how
 * many more of count there are: with labelled, the replies labelled with p where it did not
 * fire; without, those where it fired unlabelled, each with its evidence. */
static void print_examples(const ItemList *list, int p, int labelled, long count, int examples)
{
    int shown = 0;
    for (size_t i = 0; i < list->n; i++) {
        const Item *it = &list->items[i];
        if ((int)((it->expect >> p) & 1) != labelled || (int)((it->got >> p) & 1) == labelled)
            continue;
        if (examples && shown >= examples) {
            printf("    … %ld more %s\n", count - shown, labelled ? "missed" : "false alarms");
            break;
        }
        if (!shown)
            puts(labelled ? "  missed (labelled, did not fire):"
                          : "  false alarms (fired, not labelled):");
        if (!labelled)
            printf("    evidence \"%s\"\n", it->evidence[p] ? it->evidence[p] : "");
        print_item(stdout, it);
        shown++;
    }
}

static void report(const ItemList *list, int examples, int markdown, long unscored)
{
    Counts c[N_PRINCIPLES];
    memset(c, 0, sizeof c);
    long exact = 0, errors = 0, missing = 0;
    for (size_t i = 0; i < list->n; i++) {
        const Item *it = &list->items[i];
        errors += it->error != NULL;
        missing += !it->answered;
        exact += it->expect == it->got;
        for (int p = 0; p < N_PRINCIPLES; p++) {
            int e = (it->expect >> p) & 1, g = (it->got >> p) & 1;
            if (e && g)
                c[p].tp++;
            else if (!e && g)
                c[p].fp++;
            else if (e)
                c[p].fn++;
            else
                c[p].tn++;
        }
    }

    double macro = 0, macro_t = 0, macro_v = 0, macro_bal = 0, macro_f1 = 0, never = 0;
    int n_t = 0, n_v = 0;
    char a[32], pr[32], rc[32];
    if (markdown) {
        puts("| principle | kind | labelled | TP | FP | FN | accuracy | balanced | precision | "
             "recall |");
        puts("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    } else {
        printf("%-22s %-10s %5s %4s %4s %4s %9s %9s %9s %9s\n", "principle", "kind", "pos", "TP",
               "FP", "FN", "accuracy", "balanced", "precision", "recall");
    }
    for (int p = 0; p < N_PRINCIPLES; p++) {
        long pos = c[p].tp + c[p].fn;
        double acc = ratio(c[p].tp + c[p].tn, (long)list->n);
        double prec = ratio(c[p].tp, c[p].tp + c[p].fp);
        double rec = ratio(c[p].tp, pos);
        double spec = ratio(c[p].tn, c[p].tn + c[p].fp);
        const char *kind = PRINCIPLES[p].critical    ? "critical"
                           : PRINCIPLES[p].violation ? "violation"
                                                     : "technique";
        macro += acc;
        /* A detector that never fires is right on every negative: the floor the plain
         * accuracy starts from when positives are rare. */
        never += ratio(c[p].tn + c[p].fp, (long)list->n);
        macro_f1 += (prec <= 0 || rec <= 0) ? 0.0 : 2 * prec * rec / (prec + rec);
        /* Balanced accuracy weighs the labelled positives and the must-not-fire checks the
         * same, whatever their counts; an undefined side (no positives) counts as right. */
        double bal = ((rec < 0 ? 1.0 : rec) + (spec < 0 ? 1.0 : spec)) / 2.0;
        char b[32];
        macro_bal += bal;
        if (PRINCIPLES[p].violation) {
            macro_v += acc;
            n_v++;
        } else {
            macro_t += acc;
            n_t++;
        }
        if (markdown)
            printf("| %s | %s | %ld | %ld | %ld | %ld | %s | %s | %s | %s |\n", PRINCIPLES[p].id,
                   kind, pos, c[p].tp, c[p].fp, c[p].fn, pct(a, sizeof a, acc),
                   pct(b, sizeof b, bal), pct(pr, sizeof pr, prec), pct(rc, sizeof rc, rec));
        else
            printf("%-22s %-10s %5ld %4ld %4ld %4ld %9s %9s %9s %9s%s%s\n", PRINCIPLES[p].id, kind,
                   pos, c[p].tp, c[p].fp, c[p].fn, pct(a, sizeof a, acc), pct(b, sizeof b, bal),
                   pct(pr, sizeof pr, prec), pct(rc, sizeof rc, rec),
                   acc < 0.9 ? "  accuracy<90%" : "", bal < 0.9 ? "  balanced<90%" : "");
    }
    macro /= N_PRINCIPLES;
    printf("\nreplies: %zu; checks: %zu (%d principles each)\n", list->n, list->n * N_PRINCIPLES,
           N_PRINCIPLES);
    printf("macro accuracy (each principle weighs the same): %s\n", pct(a, sizeof a, macro));
    printf("  techniques (%d): %s   violations (%d): %s\n", n_t, pct(a, sizeof a, macro_t / n_t),
           n_v, pct(pr, sizeof pr, macro_v / n_v));
    printf("  floor: a detector that never fires scores %s on the same checks\n",
           pct(a, sizeof a, never / N_PRINCIPLES));
    printf("macro balanced accuracy ((recall + specificity) / 2): %s\n",
           pct(a, sizeof a, macro_bal / N_PRINCIPLES));
    printf("macro F1 (precision and recall on the labelled positives): %s\n",
           pct(a, sizeof a, macro_f1 / N_PRINCIPLES));
    printf("replies with every one of the %d checks right: %ld of %zu (%s)\n", N_PRINCIPLES, exact,
           list->n,
           pct(a, sizeof a, ratio(exact, (long)list->n)));
    if (errors || missing || unscored)
        printf("analyze errors: %ld; replies with no output line: %ld; hits naming unknown "
               "ids: %ld\n",
               errors, missing, unscored);

    /* Critical false positives: the item the team must drive to zero. */
    long critical_fp = 0;
    for (int p = 0; p < N_PRINCIPLES; p++)
        if (PRINCIPLES[p].critical)
            critical_fp += c[p].fp;
    printf("\ncritical false positives (arguing / blame_customer on a reply not labelled "
           "with it): %ld\n",
           critical_fp);
    for (size_t i = 0; i < list->n; i++) {
        const Item *it = &list->items[i];
        for (int p = 0; p < N_PRINCIPLES; p++) {
            if (!PRINCIPLES[p].critical || !((it->got >> p) & 1) || ((it->expect >> p) & 1))
                continue;
            printf("  %s fired on %s, evidence \"%s\"\n", PRINCIPLES[p].id, it->id,
                   it->evidence[p] ? it->evidence[p] : "");
            print_item(stdout, it);
        }
    }
    /* Fine replies accused (the "no fine reply accused"): replies labelled with none of
     * the five violations of attitude, nor unreadable, on which one of the five fired. */
    uint64_t attitude = 0;
    for (int k = 0; k < N_PRINCIPLES; k++)
        if (PRINCIPLES[k].attitude)
            attitude |= (uint64_t)1 << k;
    uint64_t not_fine = attitude | (uint64_t)1 << principle_index("unreadable");
    long fine = 0, accused = 0;
    for (size_t i = 0; i < list->n; i++)
        if (!(list->items[i].expect & not_fine)) {
            fine++;
            accused += (list->items[i].got & attitude) != 0;
        }
    printf("\nfine replies accused (labelled with none of arguing, interrogation, blame_customer, "
           "harsh_refusal, cold_reply, unreadable; one of the five fired): %ld of %ld\n",
           accused, fine);
    for (size_t i = 0; i < list->n; i++) {
        const Item *it = &list->items[i];
        if (!(it->expect & not_fine) && (it->got & attitude))
            print_item(stdout, it);
    }
    if (markdown)
        return;

    /* Misses per principle, worst principle first: missed positives (with what fired
     * instead), then false alarms with their evidence. */
    int order[N_PRINCIPLES];
    for (int p = 0; p < N_PRINCIPLES; p++)
        order[p] = p;
    for (int i = 1; i < N_PRINCIPLES; i++) {
        int p = order[i], j = i;
        while (j > 0 && c[order[j - 1]].fp + c[order[j - 1]].fn < c[p].fp + c[p].fn) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = p;
    }
    puts("\nmisses per principle (most errors first)");
    for (int k = 0; k < N_PRINCIPLES; k++) {
        int p = order[k];
        if (c[p].fp + c[p].fn == 0)
            break;
        printf("\n== %s: %ld missed, %ld false alarms (accuracy %s)\n", PRINCIPLES[p].id, c[p].fn,
               c[p].fp, pct(a, sizeof a, ratio(c[p].tp + c[p].tn, (long)list->n)));
        print_examples(list, p, 1, c[p].fn, examples);
        print_examples(list, p, 0, c[p].fp, examples);
    }
}

/* ---------------------------------------------------------------- main */

static void usage(FILE *f)
{
    fputs("usage: bench_accuracy --strip SET\n"
          "       bench_accuracy [--examples N] [--markdown] SET OUT\n"
          "  SET  labelled replies (JSONL with \"labels\"), OUT  kefu analyze output for it\n",
          f);
}

int main(int argc, char **argv)
{
    int examples = 4, markdown = 0;
    const char *files[2] = {NULL, NULL};
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--strip") == 0 && i + 1 < argc && argc == 3)
            return strip_set(argv[i + 1]) == 0 ? 0 : 1;
        if (strcmp(argv[i], "--examples") == 0 && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 0 || n > 100000) {
                fprintf(stderr, "bench_accuracy: --examples wants a count, got \"%s\"\n", argv[i]);
                return 2;
            }
            examples = (int)n;
        } else if (strcmp(argv[i], "--markdown") == 0) {
            markdown = 1;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] != '-' && nfiles < 2) {
            files[nfiles++] = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (nfiles != 2) {
        usage(stderr);
        return 2;
    }

    ItemList list = {0};
    long unscored = 0;
    if (read_set(files[0], &list) < 0 || read_output(files[1], &list, &unscored) < 0) {
        items_free(&list);
        return 1;
    }
    report(&list, examples, markdown, unscored);
    items_free(&list);
    return 0;
}
