/* Placeholder for kefu test until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_test(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu test: not built yet\n");
    return EXIT_USAGE;
}
