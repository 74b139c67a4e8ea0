/* train: fits the meaning model (judge/linear.h) on the project's labelled replies with
 * LIBLINEAR's L2-regularised logistic regression, picks each label's threshold from
 * cross-validation, and writes the model file. Deterministic: the same data and the same
 * code give the same file. Usage in model/README.md. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <linear.h>

#include "base/buf.h"
#include "base/text.h"
#include "judge/features.h"
#include "judge/linear.h"

#define MAX_LABELS LINEAR_MAX_LABELS
#define FOLDS 5
/* A reply given several times (a set listed more than once in train.sh: the rubric's own
 * labelled tests, whose conventions the model should keep) counts up to this many times. */
#define MAX_WEIGHT 4

/* The labels the model judges: first the violation families, then the techniques that people
 * put in more words than the rubric's patterns list. */
static const char *const LABELS[] = {
    "arguing",          "blame_customer",        "interrogation",     "harsh_refusal",
    "cold_reply",       "recommend_with_reason", "reassure",          "concrete_solution",
    "empathy",          "needs_discovery",       "value_over_price",  "take_responsibility"};
#define NLABELS ((int)(sizeof LABELS / sizeof LABELS[0]))
#define NFAMILIES 5 /* LABELS[0..NFAMILIES) are violations */

/* Which labels a data file's lines give completely: a set written for the violation families
 * names no technique, so its silence about a technique says nothing. */
enum { KNOWS_FAMILIES = 1, KNOWS_TECHNIQUES = 2, KNOWS_ALL = 3 };

/* The kind of label k: 0 a violation family, 1 a technique (the index of Example's per-kind
 * folds and weights, and of the problems' columns). */
static int kind_of(int k)
{
    return k >= NFAMILIES;
}

static int knows(int known, int k)
{
    return known & (kind_of(k) ? KNOWS_TECHNIQUES : KNOWS_FAMILIES);
}

typedef struct Example {
    char *reply, *customer; /* normalised */
    int y[MAX_LABELS];      /* 1 when labelled */
    int any;                /* any of the families */
    int known;              /* KNOWS_*: which labels its data gives */
    int fold[2];            /* its cross-validation fold among the families' examples, the
                             * techniques' */
    int weight[2];          /* how many times the data holds it (rows in the problem), as
                             * data that knows the families, that knows the techniques */
    int *feat;              /* sorted, distinct feature indices (1-based), -1 terminated */
    unsigned char *count;   /* each one's count in the example, up to FEATURES_COUNT_CAP */
    int nfeat;
    uint64_t key; /* for a deterministic order and fold */
} Example;

typedef struct Vocab {
    char **names;
    int *count;
    int *count_fam; /* of the examples that know the families */
    uint64_t *keys;
    int *slot_index;
    size_t mask;
    int n, cap;
} Vocab;

static Example *examples;
static int nexamples, capexamples;
static Vocab vocab;

/* Example i's fold for label k: folds are dealt out in turn among the examples that know the
 * label's kind, so data that teaches only techniques leaves the families' folds as they were. */
static int fold_of(int i, int k)
{
    return examples[i].fold[kind_of(k)];
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), noreturn))
#endif
static void
die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "train: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *normalise(const char *s)
{
    const TextNormalizer *tn = text_normalizer_shared();
    if (!tn)
        die("OpenCC's t2s data is missing (install libopencc-data)");
    char *n = text_normalize_dup(tn, s, strlen(s));
    if (!n)
        die("out of memory");
    return n;
}

/* ------------------------------------------------------------------------ vocabulary */

static int vocab_find(Vocab *v, const char *name, size_t len, int add)
{
    uint64_t h = features_hash(name, len);
    if (v->mask == 0 || (size_t)v->n * 2 + 2 > v->mask) {
        size_t slots = v->mask ? (v->mask + 1) * 4 : 1 << 16;
        uint64_t *keys = calloc(slots, sizeof *keys);
        int *idx = calloc(slots, sizeof *idx);
        if (!keys || !idx)
            die("out of memory");
        for (size_t i = 0; v->mask && i <= v->mask; i++) {
            if (!v->keys[i])
                continue;
            size_t s = (size_t)v->keys[i] & (slots - 1);
            while (keys[s])
                s = (s + 1) & (slots - 1);
            keys[s] = v->keys[i];
            idx[s] = v->slot_index[i];
        }
        free(v->keys);
        free(v->slot_index);
        v->keys = keys;
        v->slot_index = idx;
        v->mask = slots - 1;
    }
    size_t s = (size_t)h & v->mask;
    while (v->keys[s]) {
        if (v->keys[s] == h)
            return v->slot_index[s];
        s = (s + 1) & v->mask;
    }
    if (!add)
        return -1;
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 4096;
        v->names = xrealloc(v->names, sizeof *v->names * (size_t)v->cap);
        v->count = xrealloc(v->count, sizeof *v->count * (size_t)v->cap);
        v->count_fam = xrealloc(v->count_fam, sizeof *v->count_fam * (size_t)v->cap);
    }
    char *copy = xmalloc(len + 1);
    memcpy(copy, name, len);
    copy[len] = '\0';
    v->names[v->n] = copy;
    v->count[v->n] = 0;
    v->count_fam[v->n] = 0;
    v->keys[s] = h;
    v->slot_index[s] = v->n;
    return v->n++;
}

/* Collects one example's distinct features (as vocabulary indices, 0-based). */
typedef struct Collect {
    int *idx;
    int n, cap;
    int add;
} Collect;

static void collect(void *ctx, const Feature *f)
{
    Collect *c = ctx;
    int i = vocab_find(&vocab, f->name, f->len, c->add);
    if (i < 0)
        return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->idx = xrealloc(c->idx, sizeof *c->idx * (size_t)c->cap);
    }
    c->idx[c->n++] = i;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Vocabulary indices by the feature's name. */
static int cmp_name(const void *a, const void *b)
{
    return strcmp(vocab.names[*(const int *)a], vocab.names[*(const int *)b]);
}

/* ------------------------------------------------------------------------ reading data */

static void read_file(const char *path, int known)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: cannot open: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (n == 0 || line[0] == '\n')
            continue;
        cJSON *o = cJSON_ParseWithLength(line, (size_t)n);
        const cJSON *reply = cJSON_GetObjectItemCaseSensitive(o, "reply");
        const cJSON *customer = cJSON_GetObjectItemCaseSensitive(o, "customer");
        /* "labels" (complete) in the held-out sets, "fires" in the unit-test sets */
        const cJSON *labels = cJSON_GetObjectItemCaseSensitive(o, "labels");
        if (!labels)
            labels = cJSON_GetObjectItemCaseSensitive(o, "fires");
        if (!o || !cJSON_IsString(reply) || !cJSON_IsArray(labels)) {
            die("%s:%d: expected an object with \"reply\" and \"labels\" (or \"fires\")", path, lineno);
        }
        if (!text_valid_utf8(reply->valuestring, strlen(reply->valuestring), NULL)) {
            die("%s:%d: not valid UTF-8", path, lineno);
        }
        if (nexamples == capexamples) {
            capexamples = capexamples ? capexamples * 2 : 1024;
            examples = xrealloc(examples, sizeof *examples * (size_t)capexamples);
        }
        Example *e = &examples[nexamples++];
        memset(e, 0, sizeof *e);
        e->weight[0] = (known & KNOWS_FAMILIES) != 0;
        e->weight[1] = (known & KNOWS_TECHNIQUES) != 0;
        e->known = known;
        e->reply = normalise(reply->valuestring);
        e->customer = cJSON_IsString(customer) ? normalise(customer->valuestring) : NULL;
        const cJSON *l;
        cJSON_ArrayForEach(l, labels)
        {
            for (int k = 0; k < NLABELS; k++)
                if (knows(known, k) && cJSON_IsString(l) && strcmp(l->valuestring, LABELS[k]) == 0) {
                    e->y[k] = 1;
                    e->any |= k < NFAMILIES;
                }
        }
        Buf key = {0};
        buf_puts(&key, e->customer ? e->customer : "");
        buf_putc(&key, '\n');
        buf_puts(&key, e->reply);
        if (key.oom)
            die("out of memory");
        e->key = features_hash(key.p, key.len);
        buf_free(&key);
        cJSON_Delete(o);
    }
    free(line);
    fclose(f);
}

static int cmp_example(const void *a, const void *b)
{
    const Example *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return 0;
}

/* Merges repeated (customer, reply) pairs into one example with the union of their labels and
 * a weight (how often it was given, at most MAX_WEIGHT), so it never lands in two folds. */
static void dedupe(void)
{
    qsort(examples, (size_t)nexamples, sizeof *examples, cmp_example);
    int o = 0;
    for (int i = 0; i < nexamples; i++) {
        if (o > 0 && examples[o - 1].key == examples[i].key) {
            for (int k = 0; k < NLABELS; k++)
                examples[o - 1].y[k] |= examples[i].y[k];
            examples[o - 1].any |= examples[i].any;
            examples[o - 1].known |= examples[i].known;
            for (int g = 0; g < 2; g++) {
                int w = examples[o - 1].weight[g] + examples[i].weight[g];
                examples[o - 1].weight[g] = w < MAX_WEIGHT ? w : MAX_WEIGHT;
            }
            free(examples[i].reply);
            free(examples[i].customer);
            continue;
        }
        examples[o++] = examples[i];
    }
    nexamples = o;
}

static FeatureInput input_of(const Example *e)
{
    FeatureInput in = {e->reply, strlen(e->reply), e->customer,
                       e->customer ? strlen(e->customer) : 0};
    return in;
}

/* ------------------------------------------------------------------------ training */

typedef struct Problem {
    struct problem prob;
    struct feature_node *nodes;
    int *rows; /* example index of each problem row */
} Problem;

static int cmp_node(const void *a, const void *b)
{
    int x = ((const struct feature_node *)a)->index, y = ((const struct feature_node *)b)->index;
    return (x > y) - (x < y);
}

/* The problem over the examples whose fold differs from skip (skip < 0: all), for label k. */
static void build_problem(Problem *p, int k, int skip, const int *remap, int nfeatures)
{
    int rows = 0;
    size_t nodes = 0;
    for (int i = 0; i < nexamples; i++)
        if ((skip < 0 || fold_of(i, k) != skip) && knows(examples[i].known, k)) {
            rows += examples[i].weight[kind_of(k)];
            nodes += ((size_t)examples[i].nfeat + 2) * (size_t)examples[i].weight[kind_of(k)];
        }
    p->prob.l = rows;
    p->prob.n = nfeatures + 1;
    p->prob.bias = 1;
    p->prob.y = xmalloc(sizeof(double) * (size_t)rows);
    p->prob.x = xmalloc(sizeof(struct feature_node *) * (size_t)rows);
    p->nodes = xmalloc(sizeof(struct feature_node) * nodes);
    p->rows = xmalloc(sizeof(int) * (size_t)rows);
    size_t at = 0;
    int r = 0;
    for (int i = 0; i < nexamples; i++) {
        if ((skip >= 0 && fold_of(i, k) == skip) || !knows(examples[i].known, k))
            continue;
        for (int copy = 0; copy < examples[i].weight[kind_of(k)]; copy++) {
            p->rows[r] = i;
            p->prob.y[r] = examples[i].y[k] ? 1 : -1;
            p->prob.x[r] = p->nodes + at;
            size_t first = at;
            for (int j = 0; j < examples[i].nfeat; j++) {
                int f = remap[examples[i].feat[j]];
                if (f < 0)
                    continue;
                p->nodes[at].index = f + 1;
                p->nodes[at].value = examples[i].count[j];
                at++;
            }
            /* LIBLINEAR reads a row in ascending column order; the sums then come out the same
             * whatever order the vocabulary met the features in */
            qsort(p->nodes + first, at - first, sizeof *p->nodes, cmp_node);
            p->nodes[at].index = nfeatures + 1; /* the bias feature */
            p->nodes[at].value = 1;
            at++;
            p->nodes[at].index = -1;
            at++;
            r++;
        }
    }
}

static void free_problem(Problem *p)
{
    free(p->prob.y);
    free(p->prob.x);
    free(p->nodes);
    free(p->rows);
}

static struct model *fit(Problem *p, double C)
{
    int pos = 0;
    for (int i = 0; i < p->prob.l; i++)
        pos += p->prob.y[i] > 0;
    int labels[2] = {1, -1};
    double weights[2];
    /* rare families: weigh positives up so the model does not learn "never" */
    weights[0] = pos ? fmin(8.0, (double)(p->prob.l - pos) / (double)pos) : 1;
    weights[1] = 1;
    struct parameter param = {0};
    param.solver_type = L2R_LR;
    param.eps = 0.01;
    param.C = C;
    param.nr_weight = 2;
    param.weight_label = labels;
    param.weight = weights;
    const char *why = check_parameter(&p->prob, &param);
    if (why)
        die("liblinear: %s", why);
    return train(&p->prob, &param);
}

/* The decision value for +1 of row x under model m. */
static double decide(const struct model *m, const struct feature_node *x)
{
    double v;
    predict_values(m, x, &v);
    return m->label[0] == 1 ? v : -v;
}

static void quiet(const char *s)
{
    (void)s;
}

/* --eval: the model file's verdicts on labelled replies it was not trained on. */
static int evaluate(const char *model_path, int nfiles, char **files)
{
    KefuError err = {0};
    LinearModel *m = linear_load(model_path, &err);
    if (!m)
        die("%s", err.msg);
    for (int i = 0; i < nfiles; i++)
        read_file(files[i], KNOWS_ALL);
    /* the model's label of each of ours, by name (-1: the model does not judge it) */
    int col[NLABELS];
    for (int k = 0; k < NLABELS; k++) {
        col[k] = -1;
        for (int c = 0; c < linear_label_count(m) && col[k] < 0; c++)
            if (strcmp(linear_label(m, c), LABELS[k]) == 0)
                col[k] = c;
    }
    int tp[NLABELS] = {0}, fp[NLABELS] = {0}, fn[NLABELS] = {0}, tn[NLABELS] = {0};
    int fine = 0, fine_accused = 0;
    double scores[LINEAR_MAX_LABELS];
    for (int i = 0; i < nexamples; i++) {
        FeatureInput in = input_of(&examples[i]);
        linear_score(m, &in, scores);
        int accused = 0;
        for (int k = 0; k < NLABELS; k++) {
            if (col[k] < 0)
                continue;
            int fire = scores[col[k]] >= linear_threshold(m, col[k]);
            if (examples[i].y[k])
                fire ? tp[k]++ : fn[k]++;
            else
                fire ? fp[k]++ : tn[k]++;
            accused |= fire && k < 2;
        }
        if (!examples[i].any) {
            fine++;
            fine_accused += accused;
        }
    }
    printf("%-16s %5s %5s  %8s %11s %9s\n", "label", "pos", "neg", "recall", "specificity",
           "balanced");
    for (int k = 0; k < NLABELS; k++) {
        if (col[k] < 0)
            continue;
        double rec = tp[k] + fn[k] ? 100.0 * tp[k] / (tp[k] + fn[k]) : 0;
        double spec = tn[k] + fp[k] ? 100.0 * tn[k] / (tn[k] + fp[k]) : 0;
        printf("%-16s %5d %5d  %7.1f%% %10.1f%% %8.1f%%\n", LABELS[k], tp[k] + fn[k],
               tn[k] + fp[k], rec, spec, (rec + spec) / 2);
    }
    printf("replies with none of the families accused of arguing or blame_customer: %d of %d\n",
           fine_accused, fine);
    linear_destroy(m);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: train -o MODEL [--version V] [-C C] [--fpr F] [--fpr-for LABEL=F] "
                    "[--fpr-techniques F]\n"
                    "             [--min-count N] [--prune W] [--families-only | --techniques-only] "
                    "DATA.jsonl...\n"
                    "       train --eval MODEL DATA.jsonl...\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *version = "unversioned";
    double C = 0.5, fpr = 0.01, prune = 0.0005;
    double fpr_of[NLABELS];
    for (int k = 0; k < NLABELS; k++)
        fpr_of[k] = -1; /* -1: the --fpr for every label */
    int min_count = 3, first_file = 1;
    const char *eval = NULL;
    for (; first_file < argc && argv[first_file][0] == '-'; first_file++) {
        const char *a = argv[first_file];
        if (strcmp(a, "--families-only") == 0 || strcmp(a, "--techniques-only") == 0)
            break; /* the data begins */
        if (strcmp(a, "--eval") == 0 && first_file + 1 < argc)
            eval = argv[++first_file];
        else if (strcmp(a, "-o") == 0 && first_file + 1 < argc)
            out = argv[++first_file];
        else if (strcmp(a, "--version") == 0 && first_file + 1 < argc)
            version = argv[++first_file];
        else if (strcmp(a, "-C") == 0 && first_file + 1 < argc)
            C = atof(argv[++first_file]);
        else if (strcmp(a, "--fpr") == 0 && first_file + 1 < argc)
            fpr = atof(argv[++first_file]);
        else if (strcmp(a, "--fpr-for") == 0 && first_file + 1 < argc) {
            /* LABEL=F: this label's share of fine replies it may accuse */
            const char *spec = argv[++first_file], *eq = strchr(spec, '=');
            int k = 0;
            while (eq && k < NLABELS &&
                   (strlen(LABELS[k]) != (size_t)(eq - spec) ||
                    strncmp(LABELS[k], spec, (size_t)(eq - spec)) != 0))
                k++;
            if (!eq || k == NLABELS)
                die("--fpr-for %s: want LABEL=SHARE with a label the model has", spec);
            fpr_of[k] = atof(eq + 1);
        }
        else if (strcmp(a, "--fpr-techniques") == 0 && first_file + 1 < argc) {
            /* the share of replies without a technique that its model may credit with it */
            double f = atof(argv[++first_file]);
            for (int k = NFAMILIES; k < NLABELS; k++)
                if (fpr_of[k] < 0)
                    fpr_of[k] = f;
        }
        else if (strcmp(a, "--prune") == 0 && first_file + 1 < argc)
            prune = atof(argv[++first_file]);
        else if (strcmp(a, "--min-count") == 0 && first_file + 1 < argc)
            min_count = atoi(argv[++first_file]);
        else {
            return usage();
        }
    }
    if (eval && first_file < argc)
        return evaluate(eval, argc - first_file, argv + first_file);
    if (!out || first_file >= argc) {
        return usage();
    }
    set_print_string_function(quiet);
    for (int i = first_file; i < argc; i++) {
        /* --families-only FILE / --techniques-only FILE: which of its labels to believe */
        int known = KNOWS_ALL;
        if (strcmp(argv[i], "--families-only") == 0 && i + 1 < argc)
            known = KNOWS_FAMILIES, i++;
        else if (strcmp(argv[i], "--techniques-only") == 0 && i + 1 < argc)
            known = KNOWS_TECHNIQUES, i++;
        read_file(argv[i], known);
    }
    dedupe();

    /* features of every example, each counted up to FEATURES_COUNT_CAP times (as scoring
     * counts them) */
    Collect c = {0};
    c.add = 1;
    for (int i = 0; i < nexamples; i++) {
        FeatureInput in = input_of(&examples[i]);
        c.n = 0;
        features_extract(&in, 1, collect, &c);
        qsort(c.idx, (size_t)c.n, sizeof *c.idx, cmp_int);
        examples[i].feat = xmalloc(sizeof(int) * (size_t)(c.n + 1));
        examples[i].count = xmalloc((size_t)c.n + 1);
        int o = 0;
        for (int j = 0; j < c.n; j++) {
            if (o > 0 && examples[i].feat[o - 1] == c.idx[j]) {
                if (examples[i].count[o - 1] < FEATURES_COUNT_CAP)
                    examples[i].count[o - 1]++;
                continue;
            }
            examples[i].feat[o] = c.idx[j];
            examples[i].count[o++] = 1;
        }
        examples[i].nfeat = o;
        for (int j = 0; j < o; j++) { /* examples that hold it, not its repeats */
            vocab.count[examples[i].feat[j]]++;
            vocab.count_fam[examples[i].feat[j]] += (examples[i].known & KNOWS_FAMILIES) != 0;
        }
    }
    free(c.idx);

    /* keep features seen in at least min_count examples, numbered in name order so the file
     * does not depend on the order the data came in */
    int *order = xmalloc(sizeof(int) * (size_t)vocab.n);
    int nkept = 0;
    for (int i = 0; i < vocab.n; i++)
        if (vocab.count[i] >= min_count)
            order[nkept++] = i;
    qsort(order, (size_t)nkept, sizeof *order, cmp_name); /* names are distinct */
    /* the problems' columns: for the techniques every kept feature (remap[1], nkept of them);
     * for the families only those seen in min_count examples that know the families
     * (remap[0], nfam of them, in the same order; fam_col[f]: kept feature f's column there
     * or -1), so data that teaches only techniques changes nothing of the families' models */
    int *remap[2], ncols[2];
    int *fam_col = xmalloc(sizeof(int) * (size_t)(nkept ? nkept : 1));
    for (int g = 0; g < 2; g++) {
        remap[g] = xmalloc(sizeof(int) * (size_t)(vocab.n ? vocab.n : 1));
        for (int i = 0; i < vocab.n; i++)
            remap[g][i] = -1;
    }
    ncols[0] = 0;
    for (int i = 0; i < nkept; i++) {
        remap[1][order[i]] = i;
        fam_col[i] = vocab.count_fam[order[i]] >= min_count ? ncols[0]++ : -1;
        remap[0][order[i]] = fam_col[i];
    }
    ncols[1] = nkept;
    /* the folds, dealt out in turn within each kind of example */
    int dealt[2] = {0, 0};
    for (int i = 0; i < nexamples; i++)
        for (int g = 0; g < 2; g++)
            examples[i].fold[g] = examples[i].known & (g ? KNOWS_TECHNIQUES : KNOWS_FAMILIES)
                                      ? dealt[g]++ % FOLDS
                                      : -1;

    double *weights = calloc((size_t)nkept * NLABELS, sizeof(double));
    double bias[NLABELS], threshold[NLABELS];
    if (!weights)
        die("out of memory");

    printf("train: %d examples (after removing repeats), %d features kept of %d\n", nexamples,
           nkept, vocab.n);
    printf("%-16s %5s %6s  %s\n", "label", "pos", "neg", "cross-validated at the threshold");
    for (int k = 0; k < NLABELS; k++) {
        const int g = kind_of(k); /* the columns of its kind */
        /* out-of-fold decision values, to choose the threshold honestly */
        double *oof = xmalloc(sizeof(double) * (size_t)nexamples);
        for (int fold = 0; fold < FOLDS; fold++) {
            Problem tr;
            build_problem(&tr, k, fold, remap[g], ncols[g]);
            struct model *m = fit(&tr, C);
            Problem all;
            build_problem(&all, k, -1, remap[g], ncols[g]);
            for (int r = 0; r < all.prob.l; r++)
                if (fold_of(all.rows[r], k) == fold)
                    oof[all.rows[r]] = decide(m, all.prob.x[r]);
            free_and_destroy_model(&m);
            free_problem(&all);
            free_problem(&tr);
        }
        /* the threshold: for a family, the lowest that accuses at most fpr of the replies that
         * commit none of the families (the fine ones, which must never be accused); for a
         * technique, the lowest that credits at most fpr of the replies that do not show it */
        int nfine = 0, npos = 0, nneg = 0;
        for (int i = 0; i < nexamples; i++) {
            if (!knows(examples[i].known, k))
                continue;
            nfine += k < NFAMILIES ? !examples[i].any : !examples[i].y[k];
            npos += examples[i].y[k];
            nneg += !examples[i].y[k];
        }
        double *fine = xmalloc(sizeof(double) * (size_t)(nfine ? nfine : 1));
        int nf = 0;
        for (int i = 0; i < nexamples; i++)
            if (knows(examples[i].known, k) &&
                (k < NFAMILIES ? !examples[i].any : !examples[i].y[k]))
                fine[nf++] = oof[i];
        for (int i = 1; i < nf; i++) { /* sort descending */
            double v = fine[i];
            int j = i - 1;
            while (j >= 0 && fine[j] < v) {
                fine[j + 1] = fine[j];
                j--;
            }
            fine[j + 1] = v;
        }
        int allowed = (int)floor((fpr_of[k] >= 0 ? fpr_of[k] : fpr) * nf);
        double t = nf > allowed ? fine[allowed] + 1e-6 : 0;
        if (t < 0)
            t = 0; /* never below even odds */
        threshold[k] = t;
        free(fine);

        int tp = 0, fn = 0, fp = 0, tn = 0, fpfine = 0;
        for (int i = 0; i < nexamples; i++) {
            if (!knows(examples[i].known, k))
                continue;
            int fire = oof[i] >= t;
            if (examples[i].y[k])
                fire ? tp++ : fn++;
            else {
                fire ? fp++ : tn++;
                fpfine += fire && !examples[i].any;
            }
        }
        printf("%-16s %5d %6d  recall %.1f%%  specificity %.1f%%  fine accused %d of %d\n",
               LABELS[k], npos, nneg, npos ? 100.0 * tp / npos : 0,
               nneg ? 100.0 * tn / nneg : 0, fpfine, nfine);
        free(oof);

        /* the model itself, on everything */
        Problem all;
        build_problem(&all, k, -1, remap[g], ncols[g]);
        struct model *m = fit(&all, C);
        double sign = m->label[0] == 1 ? 1 : -1;
        for (int f = 0; f < nkept; f++) {
            int col = g ? f : fam_col[f];
            weights[(size_t)f * NLABELS + (size_t)k] = col < 0 ? 0 : sign * get_decfun_coef(m, col + 1, 0);
        }
        bias[k] = sign * get_decfun_bias(m, 0);
        free_and_destroy_model(&m);
        free_problem(&all);
    }

    /* a feature's weights for the families, and for the techniques, that are all tiny are
     * left out (zero), each group on its own, so the techniques' weights never bring back the
     * families' tiny ones; rows left all zero are left out of the file */
    for (int f = 0; f < nkept; f++)
        for (int g = 0; g < 2; g++) {
            int from = g ? NFAMILIES : 0, to = g ? NLABELS : NFAMILIES, tiny = 1;
            for (int k = from; k < to; k++)
                tiny &= fabs(weights[(size_t)f * NLABELS + (size_t)k]) < prune;
            for (int k = from; tiny && k < to; k++)
                weights[(size_t)f * NLABELS + (size_t)k] = 0;
        }
    Buf b = {0};
    buf_puts(&b, "kefu.linear/1\n");
    buf_printf(&b, "# written by model/train from %d labelled replies; C=%g, fpr=%g, "
                   "min-count=%d, prune=%g",
               nexamples, C, fpr, min_count, prune);
    for (int k = 0; k < NLABELS; k++)
        if (fpr_of[k] >= 0)
            buf_printf(&b, ", fpr of %s=%g", LABELS[k], fpr_of[k]);
    buf_printf(&b, "\n");
    buf_printf(&b, "version %s\nlabels", version);
    for (int k = 0; k < NLABELS; k++)
        buf_printf(&b, " %s", LABELS[k]);
    buf_puts(&b, "\nbias");
    for (int k = 0; k < NLABELS; k++)
        buf_printf(&b, " %.5f", bias[k]);
    buf_puts(&b, "\nthreshold");
    for (int k = 0; k < NLABELS; k++)
        buf_printf(&b, " %.5f", threshold[k]);
    int rows = 0;
    for (int f = 0; f < nkept; f++)
        for (int k = 0; k < NLABELS; k++)
            if (fabs(weights[(size_t)f * NLABELS + (size_t)k]) >= prune) {
                rows++;
                break;
            }
    buf_printf(&b, "\nfeatures %d\n", rows);
    for (int f = 0; f < nkept; f++) {
        int keep = 0;
        for (int k = 0; k < NLABELS; k++)
            keep |= fabs(weights[(size_t)f * NLABELS + (size_t)k]) >= prune;
        if (!keep)
            continue;
        for (int k = 0; k < NLABELS; k++) {
            /* kefu holds a weight in LINEAR_WEIGHT_UNITs, as a 16-bit whole number */
            double w = fmax(-INT16_MAX * LINEAR_WEIGHT_UNIT,
                            fmin(INT16_MAX * LINEAR_WEIGHT_UNIT, weights[(size_t)f * NLABELS + (size_t)k]));
            buf_printf(&b, "%.4f ", fabs(w) < 0.00005 ? 0.0 : w);
        }
        buf_printf(&b, "%s\n", vocab.names[order[f]]);
    }
    if (b.oom)
        die("out of memory");
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(b.p, 1, b.len, f) != b.len || fclose(f) != 0)
        die("%s: cannot write: %s", out, strerror(errno));
    printf("train: wrote %s (%d feature rows, %zu bytes)\n", out, rows, b.len);
    buf_free(&b);
    return 0;
}
