/* card: a scenario's product card replaced by another (a rush customer's own, docs/rush.md)
 * in the sandbox the scenario runs in, and a card's memory. */
#include <lua.h>
#include <stdlib.h>
#include <string.h>

#include "persona/persona.h"

int scenario_put_card(Sandbox *sb, const Scenario *sc, KefuError *err)
{
    if (!sc->card)
        return 0;
    if (sandbox_run_chunk(sb, sc->card, strlen(sc->card), sc->card_chunk, err) < 0)
        return -1;
    lua_State *L = sandbox_state(sb);
    /* Only over the file's own product (required): setting an existing key allocates nothing,
     * so nothing can raise here outside a protected call. */
    if (lua_istable(L, -1) && lua_istable(L, -2) &&
        sandbox_rawfield(L, -2, "product") != LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushliteral(L, "product");
        lua_insert(L, -2);
        lua_rawset(L, -3);
    } else {
        lua_pop(L, 2);
    }
    return 0;
}

void product_deinit(Product *p)
{
    free(p->name);
    free(p->colours);
    free(p->sizes);
    free(p->ship);
    for (int i = 0; i < p->nfacts; i++) {
        free(p->facts[i].label);
        free(p->facts[i].value);
    }
    free(p->facts);
    memset(p, 0, sizeof *p);
}
