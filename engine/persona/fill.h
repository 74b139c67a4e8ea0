/* fill: placeholders in a persona's lines ("{size}", "{product.name}") and the values that
 * fill them: the scenario's `values` (changed with s:set), its `knows`, its product card. */
#ifndef KEFU_FILL_H
#define KEFU_FILL_H

#include <stddef.h>

struct lua_State;

/* Pushes text with every placeholder {name} or {product.field} replaced by its value, looked up
 * in the table at index values (the session's current values; 0: the scenario's `values`),
 * then the scenario's `knows` (its first variant), then, for product.field, the scenario's
 * product (lists joined with "、"). The scenario's table is at index scenario. Text without
 * "{" is pushed as it is. Raises "no value for placeholder {name}" when one has none. Runs
 * under the caller's protected call. */
void fill_push(struct lua_State *L, int scenario, int values, const char *text, size_t len);

/* Checks that every placeholder of text has a value (as fill_push looks them up, with the
 * scenario's `values`). Returns 1, or 0 with the first one lacking a value copied into name
 * ("size", "product.colour"). Pushes nothing; raises only on running out of memory. */
int fill_check(struct lua_State *L, int scenario, const char *text, size_t len, char *name,
               size_t size);

#endif
