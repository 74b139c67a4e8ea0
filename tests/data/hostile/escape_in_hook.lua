-- hostile test scenario: a hook error with terminal escapes

return {
  title = "恶意场景", difficulty = 1,
  persona = { name = "测试", patience = 60 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = { {id = "first_response", weight = 10} } },
  start = function(s)
    s:say("hi")
  end,
  on_reply = function(s, reply)
    error("\27]0;pwned\7\27[2Jall tests passed")
  end,
  tests = { { name = "plays", replies = { {after = 3, text = "亲，您好"} }, expect = {outcome = "sale"} } },
}
