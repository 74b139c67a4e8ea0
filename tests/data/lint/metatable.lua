-- lint fixture: data behind a metatable whose __index raises; the loaders read tables outside
-- a protected call, so this must be refused before they look (it used to abort the program).
local trap = {__index = function(t, k) error("trap: " .. tostring(k)) end}
return {
  title = "陷阱",
  persona = setmetatable({name = "小陷"}, trap),
  product = {name = "杯子"},
  scorecard = { principles = { {id = "warm_greeting", weight = 10} } },
  start = function(s) s:say("你好") end,
  on_reply = function(s, reply) s:finish("sale") end,
}
