/* Placeholder for kefu analyze until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_analyze(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu analyze: not built yet\n");
    return EXIT_USAGE;
}
