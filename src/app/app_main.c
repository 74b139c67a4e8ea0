/* Placeholder for kefu play until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_play(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu play: not built yet\n");
    return EXIT_USAGE;
}
