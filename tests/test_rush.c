/* Unit tests for engine/persona/rush: a customer's own product card (product = {...} in the
 * rush file) is the card her session's scenario holds, the one the app's workbench shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "persona/rush.h"

static Rubric *rubric;

static void rush_should_give_a_carded_customer_her_own_card(void)
{
    KefuError err = {{0}};
    RushSpec *spec = rush_load("tests/data/rush/cards.lua", "scenarios", &err);
    CHECK(spec != NULL);
    if (!spec) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK(spec->customers[0].card == NULL);
    CHECK(spec->customers[1].card != NULL);
    Rush *r = rush_create(spec, rubric, 1, &err);
    CHECK(r != NULL);
    if (r) {
        const Product *own = &session_scenario(rush_session(r, 0))->product;
        const Product *card = &session_scenario(rush_session(r, 1))->product;
        CHECK_STR(own->name, "跑鞋");
        CHECK_STR(own->colours, "黑白、全黑");
        CHECK_STR(card->name, "羽绒服");
        CHECK_DBL(card->price, ==, 599.5);
        CHECK_STR(card->colours, "米白、藏青");
        CHECK(card->sizes == NULL); /* the whole card: nothing of the persona's stays */
        CHECK_INT(card->nfacts, ==, 1);
        if (card->nfacts == 1)
            CHECK_STR(card->facts[0].value, "白鸭绒");
    }
    rush_destroy(r);
    rush_spec_destroy(spec);
}

static void rush_should_refuse_a_bad_card_at_its_line(void)
{
    char path[] = "/tmp/kefu-rush-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("return { kind = \"rush\", title = \"t\", customers = {\n"
          "  { persona = \"haggler\", at = 0,\n"
          "    product = { name = \"y\",\n"
          "      stock = \"many\" } } } }\n",
          f);
    fclose(f);
    KefuError err = {{0}};
    RushSpec *spec = rush_load(path, "scenarios", &err);
    CHECK(spec == NULL);
    CHECK_CONTAINS(err.msg, ":4: 'customers[1].product.stock' must be a number");
    CHECK_CONTAINS(err.msg, path);
    rush_spec_destroy(spec);
    unlink(path);
}

static void shipped_rush_should_show_the_launch_shoe_beside_xiaochen(void)
{
    KefuError err = {{0}};
    RushSpec *spec = rush_load("scenarios/rush/rush_1111.lua", "scenarios", &err);
    CHECK(spec != NULL);
    Rush *r = spec ? rush_create(spec, rubric, 1, &err) : NULL;
    CHECK(r != NULL);
    if (r) {
        CHECK_CONTAINS(session_scenario(rush_session(r, 1))->product.name, "轻跑 3 代");
        CHECK_CONTAINS(session_scenario(rush_session(r, 0))->product.name, "双人床");
    }
    rush_destroy(r);
    rush_spec_destroy(spec);
}

int main(void)
{
    KefuError err;
    rubric = rubric_load("scenarios/rubric.lua", &err);
    if (!rubric) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    RUN(rush_should_give_a_carded_customer_her_own_card);
    RUN(rush_should_refuse_a_bad_card_at_its_line);
    RUN(shipped_rush_should_show_the_launch_shoe_beside_xiaochen);
    rubric_destroy(rubric);
    CHECK_DONE();
}
