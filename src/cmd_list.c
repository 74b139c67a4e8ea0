/* kefu list: the scenarios found, with title, persona and difficulty. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/inert.h"
#include "cli_common.h"
#include "commands.h"

const char cmd_list_usage[] =
    "usage: kefu list [--scenarios DIR] [--rubric FILE]\n"
    "       kefu list --principles [--markdown] [--scenarios DIR] [--rubric FILE]\n"
    "  lists the scenarios found, or (--principles) the rubric's principles: id, kind,\n"
    "  name and what each means; --markdown prints them as the table in docs/rubric.md\n";

static const char *kind_name(PrincipleKind k)
{
    return k == KIND_TECHNIQUE ? "技巧" : k == KIND_VIOLATION ? "违规" : "计时";
}

/* Prints s for a Markdown table cell: a '|' would end the cell, a newline the row. */
static void cell(const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|')
            fputs("\\|", stdout);
        else if (*s == '\n')
            fputc(' ', stdout);
        else
            fputc(*s, stdout);
    }
}

/* The principles of the rubric, in catalog order: a line each, or the Markdown table the
 * docs hold (tests/e2e_docs.sh compares the two, so the docs cannot drift from rubric.lua). */
static void list_principles(const Rubric *r, int markdown)
{
    if (markdown) {
        printf("| id | 名称 | 类型 | 含义 |\n|---|---|---|---|\n");
        for (int i = 0; i < rubric_count(r); i++) {
            const Principle *p = rubric_principle(r, i);
            printf("| `%s` | ", p->id);
            cell(p->name);
            printf(" | %s%s | ", kind_name(p->kind), p->critical ? "（严重）" : "");
            cell(p->explain);
            printf(" |\n");
        }
        return;
    }
    for (int i = 0; i < rubric_count(r); i++) {
        const Principle *p = rubric_principle(r, i);
        inert_printf(stdout, "%-24s %s%s  %s — %s\n", p->id, kind_name(p->kind),
                     p->critical ? "（严重）" : "", p->name, p->explain ? p->explain : "");
    }
}

int cmd_list(int argc, char **argv)
{
    const char *dir = NULL, *rubric_path = NULL;
    int principles = 0, markdown = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (strcmp(argv[i], "--scenarios") == 0 && (v = cli_value("list", argc, argv, &i)))
            dir = v;
        else if (strcmp(argv[i], "--rubric") == 0 && (v = cli_value("list", argc, argv, &i)))
            rubric_path = v;
        else if (strcmp(argv[i], "--principles") == 0)
            principles = 1;
        else if (strcmp(argv[i], "--markdown") == 0)
            markdown = 1;
        else {
            fputs(cmd_list_usage, stderr);
            return EXIT_USAGE;
        }
    }
    if (markdown && !principles) {
        fprintf(stderr, "kefu list: --markdown goes with --principles\n%s", cmd_list_usage);
        return EXIT_USAGE;
    }
    const char *where = scenario_dir(dir);
    Rubric *rubric = cli_load_rubric("list", dir, rubric_path);
    if (!rubric)
        return EXIT_BAD_INPUT;
    if (principles) {
        list_principles(rubric, markdown);
        rubric_destroy(rubric);
        return EXIT_OK;
    }
    int bad = 0;
    /* A first block, so cli_lua_files never sorts a NULL array (undefined even for 0
     * entries; the sanitizer build aborts on it). */
    PathList files = {malloc(16 * sizeof(char *)), 0, 16};
    int n = files.v ? cli_lua_files("list", where, 1, &files) : -1;
    if (n <= 0) {
        if (n == 0)
            fprintf(stderr, "kefu list: no scenario files (*.lua) in %s\n", where);
        rubric_destroy(rubric);
        pathlist_deinit(&files);
        return EXIT_BAD_INPUT;
    }
    printf("%-22s %-6s %s\n", "id", "难度", "顾客 · 场景 — 简介");
    for (int i = 0; i < n; i++) {
        KefuError err;
        Scenario *sc = scenario_load(files.v[i], rubric, &err);
        if (!sc) {
            inert_printf(stderr, "kefu list: %s\n", err.msg);
            bad++;
        } else {
            char stars[32] = "";
            for (int k = 0; k < 5; k++)
                strcat(stars, k < sc->difficulty ? "★" : "☆");
            /* Titles and names are the file's text: shown inert, never as terminal codes. */
            inert_printf(stdout, "%-22s %s  %s · %s — %s\n", sc->id, stars, sc->persona_name,
                         sc->title, sc->persona_desc ? sc->persona_desc : "");
        }
        scenario_destroy(sc);
    }
    pathlist_deinit(&files);
    rubric_destroy(rubric);
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}
