/* stopsignal: the stop signals as a flag. */
#include "base/stopsignal.h"

#include <signal.h>
#include <string.h>

#include "base/platform.h"

static volatile sig_atomic_t pending;

static void on_stop(int sig)
{
    pending = sig;
}

void stopsignal_catch(void)
{
    plat_catch_stop(on_stop);
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
