/* textedit: the editable text of an input box, independent of SDL and drawing: a UTF-8
 * buffer that stays valid whatever is inserted, a caret that moves by character, and the
 * IME composition shown in place until it is committed. */
#ifndef KEFU_APP_TEXTEDIT_H
#define KEFU_APP_TEXTEDIT_H

#include <stddef.h>

typedef struct TextEdit {
    char *buf; /* valid UTF-8, NUL-terminated, owned */
    size_t len;
    size_t cap;
    size_t caret;    /* byte offset, always on a character boundary */
    size_t limit;    /* most bytes kept; longer insertions are cut on a character boundary */
    int multiline;   /* newlines allowed */
    char comp[256];  /* the IME composition (pinyin) shown at the caret, not yet text */
    int comp_cursor; /* the composition's own cursor, in characters */
    int truncated;   /* set when an insertion was cut at the limit (the UI says so) */
} TextEdit;

/* Zero-initialises an empty edit that keeps at most limit bytes. */
void textedit_init(TextEdit *te, size_t limit, int multiline);
void textedit_deinit(TextEdit *te);

/* Inserts s[0..n) at the caret: malformed UTF-8 becomes U+FFFD, NUL and control characters
 * are dropped (newlines too unless multiline; \r\n becomes \n), the rest is cut on a
 * character boundary at the limit. Returns the bytes inserted (0 when nothing fitted), or
 * -1 out of memory (nothing changed). */
int textedit_insert(TextEdit *te, const char *s, size_t n);

/* Deletes the character before (backspace) or after (delete) the caret. Returns 1 if a
 * character went. */
int textedit_backspace(TextEdit *te);
int textedit_delete(TextEdit *te);

/* Caret moves by one character, to the line's start or end, or a whole line up or down
 * (keeping the column in characters). */
void textedit_left(TextEdit *te);
void textedit_right(TextEdit *te);
void textedit_home(TextEdit *te);
void textedit_end(TextEdit *te);
void textedit_up(TextEdit *te);
void textedit_down(TextEdit *te);

/* Replaces the composition (SDL_TEXTEDITING); empty text ends it. Cut to fit on a character
 * boundary. */
void textedit_compose(TextEdit *te, const char *text, int cursor);

/* Empties the text and composition. */
void textedit_clear(TextEdit *te);

/* 1 when the text is empty or white space only. */
int textedit_blank(const TextEdit *te);

/* Number of characters in the text. */
size_t textedit_chars(const TextEdit *te);

#endif
