/* unibreak: libunibreak's own API. Its header is also named linebreak.h and engine/ comes
 * first on the include path, so <linebreak.h> would find ours; include_next skips past it.
 * Include this with angle brackets: include_next only skips ahead when this file itself was
 * found on the include path. */
#ifndef KEFU_UNIBREAK_H
#define KEFU_UNIBREAK_H
#pragma GCC system_header
#include_next <linebreak.h>
#endif
