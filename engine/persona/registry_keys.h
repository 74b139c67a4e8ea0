/* The Lua registry keys the persona runtime shares between its modules (bind_session, followup):
 * spelled once here so the two cannot drift apart. */
#ifndef KEFU_PERSONA_REGISTRY_KEYS_H
#define KEFU_PERSONA_REGISTRY_KEYS_H

#define SESSION_MT "kefu.session"    /* the metatable of the `s` a hook receives */
#define SCENARIO_KEY "kefu.scenario" /* the scenario file's returned table */

#endif
