-- 轻松的早班：三位顾客先后进店，一次只来一位，练习在对话之间切换。
return {
  kind = "rush",
  title = "早班小高峰（3 位顾客，错开进店）",
  customers = {
    { persona = "first_time_payer", at = 0 },
    { persona = "free_shipping", at = 40 },
    { persona = "out_of_stock_colour", at = 90 },
  },
  tests = {
    {
      name = "没人回复：三位都等不及走了",
      replies = {
        { to = 1, after = 200, text = "亲，在的" },
      },
      expect = { "left", "left", "left" },
    },
  },
}
