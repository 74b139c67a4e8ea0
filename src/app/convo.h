/* convo: the pieces that show one conversation (a Chat): chat_view.c (the messages),
 * chat_input.c (the input box, the emoticon picker, sending) and chat_card.c (the product
 * card). The chat screen shows one; the rush workbench (screen_rush.c) one per customer, each
 * piece taking the conversation it works on. */
#ifndef KEFU_APP_CONVO_H
#define KEFU_APP_CONVO_H

#include <SDL.h>
#include <stddef.h>

#include "app_state.h"

/* What a click on the chat screen can hit (ui_target ids). */
enum ChatTarget {
    A_INPUT = 1,
    A_EMOJI,
    A_SEND,
    A_END,
    A_PICK,
    A_CONFIRM_YES,
    A_CONFIRM_NO,
    A_NEWEST,
    A_BANNER_CLOSE,
};

/* Seconds the customer of c has waited for an answer now, or -1 when nobody waits
 * (chat_view.c). */
double chat_wait_now(App *app, const Chat *c);

/* ---- chat_view.c: the conversation ---- */

/* Frees every message view (and its textures). */
void chat_view_free(Chat *c);
/* Adds views for the messages the transcript gained since the last call. Returns how many. */
int chat_view_sync(App *app, Chat *c);
/* Scrolls the conversation by dy pixels (clamped); at the bottom it follows new messages. */
void chat_view_scroll(Chat *c, int dy);
/* Lays the messages out for a list list_w pixels wide, when the width or the messages changed
 * since the last time (the rush lays out conversations not shown, so that switching to one
 * only draws). */
void chat_view_layout(App *app, Chat *c, int list_w);
/* Lays out (when the width or the messages changed) and draws the conversation into list. */
void chat_view_draw(App *app, Chat *c, SDL_Rect list);
/* Makes the textures of what chat_view_draw would show in list, drawing nothing that stays
 * (between frames: the next frame is drawn afresh), so that showing c later only copies them.
 * The rush warms the conversations not shown as their messages come. */
void chat_view_warm(App *app, Chat *c, SDL_Rect list);

/* ---- chat_input.c: the input box, the emoticon picker, sending ---- */

/* Sends the input box's text as the agent's reply (or, once the customer has gone, finishes
 * the session); a problem shows as the notice. */
void chat_input_send(App *app, Chat *c);
/* Inserts n bytes at the caret, the typing clock starting with the first. */
void chat_input_text(App *app, Chat *c, const char *s, size_t n);
/* Inserts emoticon i of the picker and closes it. */
void chat_input_emoticon(App *app, Chat *c, int i);
/* The IME's composition for the input box; cursor in characters. Returns 1 when shown. */
int chat_input_compose(App *app, Chat *c, const char *text, int cursor);
/* A key for the open picker; returns 1 when the picker took it. */
int chat_input_picker_key(App *app, Chat *c, SDL_Keycode k);
/* A key for the input box (editing, Enter sends); returns 1 when it took it. */
int chat_input_key(App *app, Chat *c, const SDL_Event *ev);
/* What a screen does when one of a conversation's controls (CF_EMOJI, CF_SEND, CF_END) is
 * activated; returns 1 when it did something. */
typedef int (*ChatActivate)(App *app, Chat *c, int focus);
/* The keys a conversation on screen takes alike in the chat and the rush workbench, after the
 * screen's own: the open picker's, PageUp/PageDown and Ctrl+Home/End to scroll, Ctrl+E or F2
 * for the picker, Esc (the focus back to the input, or activate CF_END when it is there),
 * Tab / Shift+Tab to move the focus, typing into the input, and Enter or Space on a focused
 * control. Returns 1 when the key was taken. */
int chat_input_conversation_key(App *app, Chat *c, const SDL_Event *ev, ChatActivate activate);
/* Draws the input box in box, with the composition at the caret, and places the IME there. */
void chat_input_draw(App *app, Chat *c, SDL_Rect box);
/* Draws the picker above bottom, from x. */
void chat_input_draw_picker(App *app, Chat *c, int x, int bottom);

/* ---- chat_card.c: the product card ---- */

/* Builds the card for the chat's scenario and mode (again after a reload). */
void chat_card_build(App *app, Chat *c);
/* Draws the card's column in side. */
void chat_card_draw(App *app, Chat *c, SDL_Rect side);

#endif
