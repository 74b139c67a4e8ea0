/* widgets: the composite controls the screens share: a one-line text field with caret and
 * IME composition, a two-way segmented switch, the customer's avatar and a mood bar. */
#ifndef KEFU_APP_WIDGETS_H
#define KEFU_APP_WIDGETS_H

#include "textedit.h"
#include "ui.h"

/* A one-line field showing te (placeholder when empty), the composition underlined at the
 * caret, a focus ring when focused; *caret receives the caret's rectangle for the IME. */
void widget_line_edit(Ui *ui, const TextEdit *te, SDL_Rect r, int focused, const char *placeholder,
                      SDL_Rect *caret);

/* Two options side by side, the chosen one (0 left, 1 right) filled; click targets a_left and
 * a_right. */
void widget_segmented(Ui *ui, SDL_Rect r, const char *left, const char *right, int chosen,
                      int focused, int a_left, int a_right);

/* A coloured circle centred at (cx, cy) with the avatar character (or the name's first). */
void widget_avatar(Ui *ui, const char *avatar, const char *name, int cx, int cy, int radius);

/* A vertical scrollbar in track for content_h pixels of content shown view_h at a time from
 * scroll: the thumb, sized by the share shown; nothing when everything fits. Registers the
 * track as click target action (arg 0; widget_scrollbar_at turns the click's row into an
 * offset). Returns the thumb's rectangle (w 0 when nothing was drawn). */
SDL_Rect widget_scrollbar(Ui *ui, SDL_Rect track, int content_h, int view_h, int scroll,
                          int action);
/* The scroll offset that puts the thumb's middle at row y of track (clamped). */
int widget_scrollbar_at(SDL_Rect track, int content_h, int view_h, int y);

/* The Chinese word for a mood 0..100 ("平静"), and its colour. */
const char *mood_word(int mood);
SDL_Color mood_colour(int mood);

/* A mood meter: a bar coloured by mood with its word ("平静") beside it. */
void widget_mood(Ui *ui, int mood, int x, int y, int w);

#endif
