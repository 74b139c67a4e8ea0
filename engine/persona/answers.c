/* answers: recognises a trainee's question for something the customer knows. */
#include "persona/answers.h"

#include <stddef.h>
#include <string.h>

typedef struct Topic {
    const char *name;
    const char *const *words;
} Topic;

/* Words are in normalised form (simplified, half-width, lower case, no spaces). */
static const char *const ORDER[] = {"订单号", "单号", "订单编号", "订单信息", "哪个订单",
                                    "哪一单", NULL};
static const char *const SIZE[] = {"尺码", "几码", "多大码", "码数", "尺寸", "多大的", "多宽",
                                   "多长", "几米", "米的", "米还是", "大号还是", "中号还是",
                                   NULL};
static const char *const ROOM[] = {"房间", "卧室", "客厅", "面积", "几平", "平米", "墙", "放在哪",
                                   "放哪", "空间多大", NULL};
static const char *const BUDGET[] = {"预算", "价位", "心理价", "多少钱以内", "价格区间", NULL};
static const char *const COLOUR[] = {"颜色", "什么色", "哪个色", "哪种色", "色还是", "色的还是",
                                     "色呢", NULL};
static const char *const HAPPENED[] = {"怎么回事", "什么情况", "怎么了", "哪里坏", "哪坏",
                                       "具体情况", "发生了什么", "什么问题", "哪里有问题",
                                       "少了什么", "少了哪", "哪个配件", "缺了什么", "哪里裂",
                                       "哪里不", "哪里颜色", "哪不对", "色差多", NULL};
static const char *const USAGE[] = {"自己穿", "自己用", "送人", "用途", "场合", "什么时候穿", NULL};
static const char *const ADDRESS[] = {"收货地址", "地址", "发到哪", NULL};
static const char *const PHONE[] = {"电话", "手机号", "联系方式", NULL};
static const char *const WHEN[] = {"什么时候下", "哪天下", "什么时候买", "哪天买", "什么时候拍",
                                   "下单时间", NULL};

static const Topic TOPICS[] = {
    {"order", ORDER},     {"size", SIZE},   {"room", ROOM},       {"budget", BUDGET},
    {"colour", COLOUR},   {"happened", HAPPENED}, {"usage", USAGE}, {"address", ADDRESS},
    {"phone", PHONE},     {"when", WHEN},
};

/* What makes a message a question or a request to the customer. */
static const char *const ASKING[] = {"?", "吗", "呢", "请问", "麻烦", "方便", "提供", "告诉",
                                     "发一下", "发下", "发我", "说一下", "说下", "报一下",
                                     "多少", "什么", "哪", "几", "还是", "是否", "能否",
                                     "确认一下", "核对一下", NULL};

static int any(const char *norm, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strstr(norm, words[i]))
            return 1;
    return 0;
}

static const Topic *find(const char *topic)
{
    for (size_t i = 0; i < sizeof TOPICS / sizeof TOPICS[0]; i++)
        if (strcmp(TOPICS[i].name, topic) == 0)
            return &TOPICS[i];
    return NULL;
}

int answers_known_topic(const char *topic)
{
    return find(topic) != NULL;
}

int answers_asked(const char *norm, const char *topic, const char *const *words, int nwords)
{
    if (!norm || !*norm || !any(norm, ASKING))
        return 0;
    const Topic *t = find(topic);
    if (t && any(norm, t->words))
        return 1;
    for (int i = 0; i < nwords; i++)
        if (words[i] && *words[i] && strstr(norm, words[i]))
            return 1;
    return 0;
}
