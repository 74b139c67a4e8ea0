return { kind = "rush", title = "同一位顾客，两件商品",
  customers = {
    { persona = "card_shopper.lua", at = 0 },
    { persona = "card_shopper.lua", at = 0,
      product = { name = "羽绒服", price = 599.5, colours = {"米白", "藏青"},
                  facts = { {"填充", "白鸭绒"} }, extra = { note = "a\"b\\c\n", n = 3.0 } } },
  },
}
