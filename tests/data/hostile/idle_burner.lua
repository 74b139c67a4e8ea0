-- hostile test scenario (play it with wait.jsonl): every idle tick burns most of its budget: each call under it, the session over

return {
  title = "恶意场景", difficulty = 1,
  persona = { name = "测试", patience = 3600 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = { {id = "first_response", weight = 10} } },
  start = function(s)
    s:say("hi")
  end,
  on_reply = function(s, reply)
    s:finish("sale")
  end,
  on_idle = function(s, waited)
    local x = 0
    for i = 1, 4e6 do x = x + i end
  end,
  tests = { { name = "plays", replies = { {after = 600, text = "亲，您好"} }, expect = {outcome = "sale"} } },
}
