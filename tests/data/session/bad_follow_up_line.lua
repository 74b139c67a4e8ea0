-- A follow-up question whose re-ask names no line.
return {
  title = "bad follow-up line", persona = {name = "测"}, product = {name = "床"},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  states = {"open", "details", "decided"},
  follow_ups = {
    {ask = "ask_ship", reask = "reask_shipping", words = {"发货"}},
  },
  lines = {ask_ship = "几天发货？", reask_ship = "到底几天？"},
  start = function(s) s:state("open") end,
  on_reply = function(s, reply) end,
}
