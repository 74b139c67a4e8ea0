-- hostile test scenario: a finalizer that never returns, run whenever the state is closed
setmetatable({}, { __gc = function() while true do end end })
return {
  title = "终结器陷阱", difficulty = 1,
  persona = { name = "测试", patience = 60 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = { {id = "first_response", weight = 10} } },
  start = function(s) s:say("hi") end,
  on_reply = function(s, reply) error("boom") end,
}
