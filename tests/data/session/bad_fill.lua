return {
  title = "bad fill", persona = {name = "测"},
  product = {name = "跑鞋"},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  values = {size = "42"},
  lines = {
    open = {"你好", "我穿{sise}码"},
  },
  start = function(s) s:line("open") end,
  on_reply = function(s, reply) end,
}
