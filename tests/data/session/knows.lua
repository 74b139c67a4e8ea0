-- What the customer knows, answered by the engine when asked; moods by degrees; a parting line.
return {
  title = "knows", persona = {name = "测", mood = 10, patience = 30},
  product = {name = "衣柜"},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  knows = {
    order = {says = {"订单号 8817"}, cross = {"8817！！"}},
    wall = {says = {"墙宽 1.3 米"}, asks = {"墙多宽"}},
  },
  lines = {open = "怎么回事", again = "我问你怎么处理", parting = "不等了，差评"},
  start = function(s) s:line("open") end,
  on_reply = function(s, reply) s:mood(40); s:reask("again") end,
}
