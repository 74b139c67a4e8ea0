/* bench_analyze: generates realistic trainee replies (mixed principles, lengths, traditional
 * characters, full-width punctuation, emoticons) and measures the rubric's analysis: replies a
 * second on one thread and per-reply latency percentiles. It also writes the replies as
 * `kefu analyze` input, as plain lines and the catalog's keywords for grep (bench/analyze.sh).
 *
 *   bench_analyze [--n N] [--seed S] [--rubric FILE] [--out DIR] [--from SET.jsonl]...
 *                 [--dump FILE]
 *
 * --dump writes every reply's hits (principle, evidence span) after the timed run: a speed
 * change must leave this file byte for byte the same.
 */
#include <cjson/cJSON.h>
#include <opencc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/kerr.h"
#include "judge/rubric.h"
#include "base/text.h"

/* ---------------------------------------------------------------- phrase pools */

static const char *const OPENERS[] = {
    "亲,", "您好,", "在的亲,", "亲亲,", "", "", "好的,", "嗯嗯,", "哈喽,", "亲爱的,", "好的亲,",
    "不好意思,", "收到,", "明白,", ""};

static const char *const BODIES[] = {
    /* greeting, tone, needs */
    "欢迎光临小店", "有什么可以帮您的吗", "很高兴为您服务", "我是客服小美", "马上帮您看一下",
    "您是自己用还是送人呢", "平时喜欢什么风格", "您家卧室大概多大", "预算大概多少呢",
    "您平时穿多大码的鞋", "主要是上班背还是出去玩用",
    /* sales */
    "推荐您看这款", "这款是我们卖得最好的", "是今年的新款", "很适合小户型", "用料很扎实",
    "实木的用十年都没问题", "一分钱一分货", "买的是放心", "可以搭配我们的床头柜",
    "很多顾客一起拍的", "我建议选胡桃色", "1.8米的会更合适", "您要胡桃色还是原木色呢",
    "您看是要德邦物流还是天地华宇物流", "这款经常脱销", "仓库只剩不多了",
    "活动今天就截止了", "今天拍下今天就能发货", "喜欢的话就放心拍下吧", "记得及时付款哦",
    "价格是公司统一定的", "我们客服没有改价权限", "已经是活动价了", "比线下便宜很多",
    "您真有眼光", "看得出您很懂行", "我帮您申请一个小礼品", "送您一张优惠券",
    "我们是公司开的天猫店", "工商有备案", "可以开正规发票", "假一罚十",
    "支持专柜验货", "全国有好几万老顾客",
    /* after-sales */
    "真的非常抱歉", "给您添麻烦了", "理解您的心情", "换谁遇到都会着急的", "您先别着急",
    "请放心我们一定给您处理满意为止", "这个问题我会跟进到底", "麻烦您拍一下外包装发给我",
    "我们安排当地师傅上门维修", "给您补发一个新的", "运费我们承担", "我马上帮您转给售后专员",
    "是我们发货时漏放了配件", "这是我们的失误", "跟您核对一下订单信息",
    "收货地址是上海市浦东新区世纪大道100号对吗", "预计3天内发货",
    "感谢您的光临", "祝您生活愉快", "欢迎下次再来", "记得收藏一下小店", "满意的话给个五星好评",
    /* neutral facts */
    "这款有胡桃色和原木色两种", "尺寸是1.5米和1.8米", "付款后48小时内发货", "物流一般3到5天",
    "床板是加厚的排骨架", "承重可以到500公斤", "包装有三层防护", "送货上门免费安装",
    "七天无理由退换", "质量问题来回运费我们出", "详情页第三张图有尺寸表", "稍等我查一下库存",
    "现在有现货", "这款是头层牛皮", "鞋底是缓震材料", "面料透气不闷", "颜色以实物为准",
    "我帮您备注一下", "已经帮您改好了", "单号出来第一时间发您",
    /* violations */
    "不行", "没办法", "不能便宜", "您说得不对", "根本不可能是假的", "您凭什么这么说",
    "是您自己没看清楚", "这都不懂吗", "保证明天一定到", "绝对不会有任何问题", "给您便宜20块吧",
    "行给您包邮", "不知道", "你自己看详情页"};

static const char *const CLOSERS[] = {"哦", "呢", "哈", "~", "^_^", "[微笑]", "😊", "",
                                      "", "。", "!", "?", "呀", ":)"};

static const char *const CUSTOMERS[] = {
    "能便宜点吗", "这床多少钱", "在吗", "是正品吗?", "你家卖的是正品吗", "这款有金色的吗?",
    "有没有1.5米的", "收到的床头板裂了!", "怎么还没发货", "我再考虑考虑", "哪个颜色好看",
    "太贵了", "别家才卖1500", "包邮吗", "少了一个零件", "我要投诉你们", "那我拍了", "好的谢谢"};

static const char *const PERSONAS[] = {"haggler", "authenticity_skeptic", "angry_complainant",
                                       "indecisive_buyer"};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---------------------------------------------------------------- generation */

static uint64_t rng_state = 88172645463325252ull;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* Full-width punctuation, as most trainees type it with a Chinese IME. */
static void to_fullwidth(char *dst, size_t size, const char *src)
{
    size_t o = 0;
    for (const char *p = src; *p && o + 4 < size; p++) {
        const char *w = NULL;
        switch (*p) {
        case ',':
            w = "，";
            break;
        case '.':
            w = p[1] >= '0' && p[1] <= '9' ? NULL : "。";
            break;
        case '!':
            w = "！";
            break;
        case '?':
            w = "？";
            break;
        default:
            break;
        }
        if (w) {
            memcpy(dst + o, w, strlen(w));
            o += strlen(w);
        } else
            dst[o++] = *p;
    }
    dst[o] = '\0';
}

typedef struct Sample {
    char *reply;
    const char *customer;
    const char *persona;
} Sample;

static char *make_reply(opencc_t s2t)
{
    char buf[8192] = "";
    int roll = (int)rnd(1000);
    int parts = roll < 5 ? 30 + (int)rnd(20)          /* 0.5%: a wall of text */
                : roll < 60 ? 6 + (int)rnd(8)          /* 5.5%: too long */
                            : 1 + (int)rnd(4);         /* the rest: one to four clauses */
    if (rnd(8))
        strcat(buf, OPENERS[rnd(COUNT(OPENERS))]);
    for (int i = 0; i < parts && strlen(buf) < sizeof buf - 200; i++) {
        if (i)
            strcat(buf, rnd(4) ? "," : ".");
        strcat(buf, BODIES[rnd(COUNT(BODIES))]);
    }
    strcat(buf, CLOSERS[rnd(COUNT(CLOSERS))]);
    if (rnd(10) == 0) { /* a spaced-out typist */
        char sp[8192];
        size_t o = 0;
        for (size_t i = 0; buf[i] && o + 2 < sizeof sp; i++) {
            sp[o++] = buf[i];
            if (((unsigned char)buf[i + 1] & 0xC0) != 0x80 && rnd(3) == 0)
                sp[o++] = ' ';
        }
        sp[o] = '\0';
        strcpy(buf, sp);
    }
    char *out;
    if (rnd(3)) {
        char fw[12000];
        to_fullwidth(fw, sizeof fw, buf);
        out = strdup(fw);
    } else
        out = strdup(buf);
    if (s2t && rnd(5) == 0) { /* one in five typed in traditional characters */
        char *t = opencc_convert_utf8(s2t, out, strlen(out));
        if (t) {
            free(out);
            out = strdup(t);
            opencc_convert_utf8_free(t);
        }
    }
    return out;
}

/* ---------------------------------------------------------------- output files */

static void put_json_string(FILE *f, const char *s)
{
    putc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putc('\\', f);
        putc(*s, f);
    }
    putc('"', f);
}

static int write_files(const char *dir, const Sample *v, int n, const Rubric *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/replies.jsonl", dir);
    FILE *j = fopen(path, "w");
    snprintf(path, sizeof path, "%s/replies.txt", dir);
    FILE *t = fopen(path, "w");
    snprintf(path, sizeof path, "%s/keywords.txt", dir);
    FILE *k = fopen(path, "w");
    if (!j || !t || !k) {
        fprintf(stderr, "bench_analyze: cannot write into %s\n", dir);
        if (j)
            fclose(j);
        if (t)
            fclose(t);
        if (k)
            fclose(k);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        fprintf(j, "{\"id\":\"r%d\",", i + 1);
        if (v[i].persona) {
            fputs("\"persona\":", j);
            put_json_string(j, v[i].persona);
            putc(',', j);
        }
        if (v[i].customer) {
            fputs("\"customer\":", j);
            put_json_string(j, v[i].customer);
            putc(',', j);
        }
        fputs("\"reply\":", j);
        put_json_string(j, v[i].reply);
        fputs("}\n", j);
        fprintf(t, "%s\n", v[i].reply);
    }
    /* grep -F matches raw bytes: give it the keywords in both scripts, as a fair floor */
    opencc_t s2t = opencc_open("s2t.json");
    for (int i = 0; i < rubric_keyword_count(r); i++) {
        const char *kw = rubric_keyword(r, i);
        fprintf(k, "%s\n", kw);
        if (s2t != (opencc_t)-1) {
            char *tr = opencc_convert_utf8(s2t, kw, strlen(kw));
            if (tr && strcmp(tr, kw) != 0)
                fprintf(k, "%s\n", tr);
            if (tr)
                opencc_convert_utf8_free(tr);
        }
    }
    if (s2t != (opencc_t)-1)
        opencc_close(s2t);
    fclose(j);
    fclose(t);
    fclose(k);
    return 0;
}

/* ---------------------------------------------------------------- measuring */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this thread: other processes on a shared machine do not count against us. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Reads every {"reply", "customer"?, "persona"?} line of the JSONL files into pool (the
 * realistic mix: labelled sets written by people, not generated). Returns the count. */
static int read_pool(char **files, int nfiles, Sample **pool)
{
    int count = 0, cap = 0;
    for (int f = 0; f < nfiles; f++) {
        FILE *in = fopen(files[f], "r");
        if (!in) {
            fprintf(stderr, "bench_analyze: cannot open %s\n", files[f]);
            exit(1);
        }
        char *line = NULL;
        size_t lcap = 0;
        while (getline(&line, &lcap, in) > 0) {
            cJSON *o = cJSON_Parse(line);
            const cJSON *rp = cJSON_GetObjectItemCaseSensitive(o, "reply");
            if (cJSON_IsString(rp)) {
                if (count == cap) {
                    cap = cap ? cap * 2 : 1024;
                    *pool = realloc(*pool, sizeof **pool * (size_t)cap);
                    if (!*pool)
                        exit(1);
                }
                const cJSON *cu = cJSON_GetObjectItemCaseSensitive(o, "customer");
                const cJSON *pe = cJSON_GetObjectItemCaseSensitive(o, "persona");
                Sample *x = &(*pool)[count++];
                x->reply = strdup(rp->valuestring);
                x->customer = cJSON_IsString(cu) ? strdup(cu->valuestring) : NULL; /* kept to the end */
                x->persona = cJSON_IsString(pe) ? strdup(pe->valuestring) : NULL;
            }
            cJSON_Delete(o);
        }
        free(line);
        fclose(in);
    }
    return count;
}

/* Writes one line per reply: its number and each hit as principle:start-end. */
static int write_hits(const char *path, Rubric *r, const Sample *v, int n)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "bench_analyze: cannot write %s\n", path);
        return -1;
    }
    HitList h = {0};
    for (int i = 0; i < n; i++) {
        ReplyContext ctx = {v[i].persona, v[i].customer, -1, -1, NULL};
        int rc = rubric_analyze(r, v[i].reply, strlen(v[i].reply), &ctx, &h);
        fprintf(f, "%d%s", i + 1, rc < 0 ? " error" : "");
        for (int k = 0; k < h.n; k++)
            fprintf(f, " %d:%d-%d", h.v[k].principle, h.v[k].start, h.v[k].end);
        putc('\n', f);
    }
    hits_deinit(&h);
    return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    int n = 200000;
    char *from[64];
    int nfrom = 0;
    const char *rubric_file = "scenarios/rubric.lua", *out = NULL, *dump = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            rng_state = strtoull(argv[++i], NULL, 10) * 2654435761ull + 1;
        else if (strcmp(argv[i], "--rubric") == 0 && i + 1 < argc)
            rubric_file = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump = argv[++i];
        else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc && nfrom < 64)
            from[nfrom++] = argv[++i];
        else {
            fprintf(stderr, "usage: bench_analyze [--n N] [--seed S] [--rubric FILE] [--out DIR] "
                            "[--from LABELLED.jsonl]... [--dump FILE]\n");
            return 2;
        }
    }
    if (n < 1)
        n = 1;
    KefuError err;
    double t0 = now_s();
    Rubric *r = rubric_load(rubric_file, &err);
    if (!r) {
        fprintf(stderr, "bench_analyze: %s\n", err.msg);
        return 1;
    }
    double load_s = now_s() - t0;

    opencc_t s2t = opencc_open("s2t.json");
    if (s2t == (opencc_t)-1)
        s2t = NULL;
    Sample *v = calloc((size_t)n, sizeof *v);
    double *lat = calloc((size_t)n, sizeof *lat);
    size_t bytes = 0, chars = 0;
    Sample *pool = NULL;
    int npool = nfrom ? read_pool(from, nfrom, &pool) : 0;
    for (int i = 0; i < n; i++) {
        if (npool) { /* the labelled sets cycled */
            v[i].reply = strdup(pool[i % npool].reply);
            v[i].customer = pool[i % npool].customer;
            v[i].persona = pool[i % npool].persona;
        } else {
            v[i].reply = make_reply(s2t);
            v[i].customer = rnd(2) ? CUSTOMERS[rnd(COUNT(CUSTOMERS))] : NULL;
            v[i].persona = rnd(2) ? PERSONAS[rnd(COUNT(PERSONAS))] : NULL;
        }
        bytes += strlen(v[i].reply);
        chars += text_chars(v[i].reply, strlen(v[i].reply));
    }
    if (s2t)
        opencc_close(s2t);
    if (out && write_files(out, v, n, r) < 0)
        return 1;

    /* warm up caches and the JIT's code pages, then measure every call */
    HitList h = {0};
    for (int i = 0; i < n && i < 2000; i++) {
        ReplyContext ctx = {v[i].persona, v[i].customer, -1, -1, NULL};
        rubric_analyze(r, v[i].reply, strlen(v[i].reply), &ctx, &h);
    }
    long hits = 0;
    double start = now_s(), cpu_start = cpu_s();
    for (int i = 0; i < n; i++) {
        ReplyContext ctx = {v[i].persona, v[i].customer, -1, -1, NULL};
        double a = now_s();
        rubric_analyze(r, v[i].reply, strlen(v[i].reply), &ctx, &h);
        lat[i] = now_s() - a;
        hits += h.n;
    }
    double total = now_s() - start, cpu = cpu_s() - cpu_start;
    qsort(lat, (size_t)n, sizeof *lat, cmp_double);
    printf("rubric %s (version %s): %d principles, %d keywords, compiled in %.1f ms\n",
           rubric_file, rubric_version(r), rubric_count(r), rubric_keyword_count(r),
           load_s * 1e3);
    printf("replies: %d, %.1f characters on average (%zu bytes), %.2f hits a reply\n", n,
           (double)chars / n, bytes, (double)hits / n);
    printf("analysis, one thread: %.0f replies/s of CPU time (%.2f us a reply), %.0f replies/s "
           "of wall-clock time\n",
           n / cpu, cpu / n * 1e6, n / total);
    printf("latency per reply (wall clock, includes preemption): p50 %.2f us, p90 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us\n",
           lat[n / 2] * 1e6, lat[(long)n * 90 / 100] * 1e6, lat[(long)n * 99 / 100] * 1e6,
           lat[(long)n * 999 / 1000] * 1e6, lat[n - 1] * 1e6);
    if (dump && write_hits(dump, r, v, n) < 0)
        return 1;
    for (int i = 0; i < n; i++)
        free(v[i].reply);
    for (int i = 0; i < npool; i++) {
        free(pool[i].reply);
        free((char *)pool[i].customer);
        free((char *)pool[i].persona);
    }
    free(pool);
    free(v);
    free(lat);
    hits_deinit(&h);
    rubric_destroy(r);
    return 0;
}
