/* Placeholder for kefu list until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_list(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu list: not built yet\n");
    return EXIT_USAGE;
}
