-- A scenario that speaks only through its lines table and the engine's default nudges.
return {
  title = "台词表顾客", difficulty = 1,
  persona = { name = "测试", patience = 40, nudges = {10, 25} },
  product = { name = "测试鞋", price = 300 },
  scorecard = { principles = { {id = "reply_wait", weight = 10} } },
  lines = {
    open = {"你好，这双鞋有42码吗？", "在吗？这鞋42码还有吗", "亲，42码有货吗"},
    nudge1 = {"在吗？", "人呢？", "有人吗？"},
    nudge2 = "再不回我就走了",
    thanks = {"好的谢谢", "行，谢了", "嗯嗯，知道了"},
  },
  start = function(s) s:line("open") end,
  on_reply = function(s, reply) s:line("thanks") end,
}
