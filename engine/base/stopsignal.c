/* stopsignal: the stop signals as a flag. */
#include "base/stopsignal.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending;

static void on_stop(int sig)
{
    pending = sig;
}

void stopsignal_catch(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

int stopsignal_pending(void)
{
    return pending;
}

const char *stopsignal_name(int sig)
{
    return sig == SIGTERM  ? "SIGTERM"
           : sig == SIGHUP ? "SIGHUP"
           : sig == SIGINT ? "SIGINT"
                           : "a signal";
}
