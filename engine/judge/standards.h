/* standards: the shop's service standards as numbers (handbook 002 反应及时, 003 黄金6秒), the
 * values scenarios/rubric.lua states: for readers of results files that recorded none. */
#ifndef KEFU_STANDARDS_H
#define KEFU_STANDARDS_H

/* Greet a new customer within this many seconds (002). */
#define STANDARD_FIRST_RESPONSE_S 15.0
/* A first response this fast is excellent (003, the golden six seconds). */
#define STANDARD_FIRST_RESPONSE_EXCELLENT_S 6.0
/* No customer waits longer than this for a reply (002). */
#define STANDARD_REPLY_WAIT_S 20.0
/* Type at least this many characters a minute (002). */
#define STANDARD_TYPING_CPM 50.0
/* A reply longer than this should be split (002 gives no number; three lines of a chat
 * window). */
#define STANDARD_LONG_REPLY_CHARS 80.0

#endif
