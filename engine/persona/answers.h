/* answers: what a trainee asks the customer for (an order number, a size, a colour...),
 * recognised in a normalised reply, so the engine can let a persona answer from what it
 * knows (its `knows` table) before it goes on. Pure C: no Lua, no session. */
#ifndef KEFU_ANSWERS_H
#define KEFU_ANSWERS_H

/* Whether the normalised reply norm (base/text's form: simplified, half-width, lower case,
 * no spaces) asks the customer about topic: it names the topic (the engine's words for a
 * known topic, below, and any of the nwords extra words) and reads as a request or question
 * (?, 吗, 呢, 请问, 麻烦, 提供, 多少, 哪, 几, 还是...). Known topics: order, size, room,
 * budget, colour, happened, usage, address, phone, when. An unknown topic is recognised by
 * its extra words alone. */
int answers_asked(const char *norm, const char *topic, const char *const *words, int nwords);

/* Whether topic is one the engine has words for. */
int answers_known_topic(const char *topic);

#endif
