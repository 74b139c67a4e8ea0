-- test fixture: a customer who never decides (no s:finish) and never runs out of patience,
-- so exploration reports conversations that never end.
local lines = {"嗯……再想想", "还有别的吗？", "我再看看哈"}
return {
  title = "永远在考虑的小赵",
  difficulty = 1,
  persona = {name = "小赵", patience = 3600},
  product = {name = "雨伞", price = 39},
  scorecard = { principles = { {id = "warm_greeting", weight = 10} } },
  states = {"thinking"},
  start = function(s) s:state("thinking"); s:say("这把伞怎么样？") end,
  on_reply = function(s, reply) s:say(s:pick(lines)) end,
  on_idle = function(s, waited) end,
  tests = {
    { name = "still thinking after one reply",
      replies = { {after = 2, text = "亲，您好！这把伞很结实哦"} },
      expect = { outcome = "incomplete", says = "这把伞" } },
  },
}
