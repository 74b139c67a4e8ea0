-- A follow-up question without words to recognise its answer by.
return {
  title = "bad follow-ups", persona = {name = "测"}, product = {name = "床"},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  states = {"open", "details", "decided"},
  follow_ups = {
    {ask = "ask_ship", reask = "reask_ship", words = {"发货"}},
    {ask = "ask_return", reask = "reask_return",
     words = {}},
  },
  lines = {ask_ship = "几天发货？", reask_ship = "到底几天？", ask_return = "能退吗？",
           reask_return = "退货呢？"},
  start = function(s) s:state("open") end,
  on_reply = function(s, reply) end,
}
