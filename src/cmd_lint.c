/* Placeholder for kefu lint until its issue lands; replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_lint(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu lint: not built yet\n");
    return EXIT_USAGE;
}
