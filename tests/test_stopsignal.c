/* Unit tests for base/stopsignal: the stop signals become a flag, and the process lives on. */
#include <signal.h>
#include <stdio.h>

#include "base/stopsignal.h"
#include "check.h"

static void stopsignal_should_note_the_signal_and_not_end_the_process(void)
{
    CHECK_INT(stopsignal_pending(), ==, 0);
    stopsignal_catch();
    CHECK_INT(stopsignal_pending(), ==, 0);
    raise(SIGHUP); /* the terminal that started kefu closed: without the handler, death */
    CHECK_INT(stopsignal_pending(), ==, SIGHUP);
    raise(SIGTERM);
    CHECK_INT(stopsignal_pending(), ==, SIGTERM);
    CHECK_STR(stopsignal_name(SIGHUP), "SIGHUP");
    CHECK_STR(stopsignal_name(SIGUSR1), "a signal");
}

int main(void)
{
    RUN(stopsignal_should_note_the_signal_and_not_end_the_process);
    CHECK_DONE();
}
