-- hostile test scenario: says nothing valid
return {
  title = "恶意场景", difficulty = 1,
  persona = { name = "测试", patience = 60 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = { {id = "first_response", weight = 10} } },
  start = function(s)
    s:say(nil)
  end,
  on_reply = function(s, reply)
    s:say("ok")
  end,
}
