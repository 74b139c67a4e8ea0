-- hostile test scenario: out of memory caught by pcall, again and again
while true do
  pcall(function() local t = {} while true do t[#t + 1] = string.rep("x", 1e6) .. #t end end)
end
return {
  title = "恶意场景", difficulty = 1,
  persona = { name = "测试", patience = 60 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = { {id = "first_response", weight = 10} } },
  start = function(s)
    s:say("hi")
  end,
  on_reply = function(s, reply)
    s:finish("sale")
  end,
  tests = { { name = "plays", replies = { {after = 3, text = "亲，您好"} }, expect = {outcome = "sale"} } },
}
