-- hostile test scenario: a scorecard that scores nothing (every sale would be 100/100)
return {
  title = "恶意场景", difficulty = 1,
  persona = { name = "测试", patience = 60 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = {} },
  start = function(s) s:say("hi") end,
  on_reply = function(s, reply) s:finish("sale") end,
}
