/* Placeholder for kefu report until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu report: not built yet\n");
    return EXIT_USAGE;
}
