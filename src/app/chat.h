/* chat: what the chat screen (screen_chat.c: starting, finishing, events, the clock, the
 * layout) offers the conversation's pieces (convo.h: chat_view.c, chat_input.c, chat_card.c).
 * Only these files include it. */
#ifndef KEFU_APP_CHAT_H
#define KEFU_APP_CHAT_H

#include <SDL.h>
#include <stddef.h>

#include "app_state.h"
#include "convo.h"

/* ---- screen_chat.c ---- */

/* Ends the session (abandoned unless it already has an outcome), saves its results file and,
 * when show, moves to the scorecard. Returns 0, or -1 when the file could not be written (the
 * notice says so). */
int chat_finish(App *app, int show);
/* What a button (enum ChatFocus) does when pressed: the emoticon picker, send, end. Returns 1
 * when something changed. */
int chat_activate(App *app, int focus);

#endif
