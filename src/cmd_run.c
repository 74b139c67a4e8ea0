/* Placeholder for kefu run until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu run: not built yet\n");
    return EXIT_USAGE;
}
