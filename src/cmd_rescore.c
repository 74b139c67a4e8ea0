/* Placeholder for kefu rescore until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_rescore(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu rescore: not built yet\n");
    return EXIT_USAGE;
}
