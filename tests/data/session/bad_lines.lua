-- A lines table with an empty variant (line 9).
return {
  title = "坏台词表", difficulty = 1,
  persona = { name = "测试" },
  product = { name = "测试鞋" },
  scorecard = { principles = { {id = "reply_wait", weight = 10} } },
  lines = {
    open = {"你好"},
    thanks = {"好的", ""},
  },
  start = function(s) s:line("open") end,
  on_reply = function(s, reply) end,
}
