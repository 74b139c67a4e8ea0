/* stopsignal: SIGTERM, SIGHUP (the terminal that started kefu closed) and SIGINT turned into a
 * flag the program looks at between steps, so a session is saved on the way out instead of
 * being cut off. The handler only notes the signal; no I/O ever happens in it. */
#ifndef KEFU_STOPSIGNAL_H
#define KEFU_STOPSIGNAL_H

/* Installs the handler for SIGTERM, SIGHUP and SIGINT (SA_RESTART); on Windows for the
 * console's Ctrl-C, Ctrl-Break and close (see plat_catch_stop). Call once, early. */
void stopsignal_catch(void);

/* The signal that asked the program to stop, or 0 when none has come. */
int stopsignal_pending(void);

/* "SIGTERM", "SIGHUP", "SIGINT", or "a signal", for messages. */
const char *stopsignal_name(int sig);

#endif
