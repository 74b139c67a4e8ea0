-- hostile test scenario: 200 self-tests, each under its budgets, all of them far over
local tests = {}
for i = 1, 200 do
  tests[i] = { name = "slow " .. i, replies = { {after = 3, text = "亲，您好"} },
               expect = {outcome = "sale"} }
end
return {
  title = "恶意场景", difficulty = 1,
  persona = { name = "测试", patience = 60 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = { {id = "first_response", weight = 10} } },
  start = function(s) s:say("hi") end,
  on_reply = function(s, reply)
    local x = 0
    for i = 1, 5e5 do x = x + i end
    s:finish("sale")
  end,
  tests = tests,
}
