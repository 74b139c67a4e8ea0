-- Follow-up questions the engine asks: skipped when answered, re-asked, given up on, finished.
return {
  title = "follow-ups", persona = {name = "测", mood = 50, reask = {limit = 2}},
  product = {name = "床"},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  states = {"open", "details", "decided"},
  follow_ups = {
    {ask = "ask_ship", reask = "reask_ship", words = {"发货", "几天"}},
    {ask = "ask_return", reask = "reask_return", words = {"退"}},
  },
  lines = {open = "能便宜吗", ask_ship = "几天发货？", reask_ship = "到底几天发货？",
           ask_return = "能退吗？", reask_return = "退货呢？", buys = "拍了",
           rude = "什么态度", gives_up = "算了"},
  start = function(s) s:state("open"); s:line("open") end,
  on_reply = function(s, reply)
    if s:state() == "details" then
      -- the persona's own handling comes first; a reply it leaves alone is the engine's
      if s:mentions(reply.norm, "爱买不买") then s:line("rude") end
      return
    end
    if s:mentions(reply.norm, "买吧") then s:follow_up("decided", "buys", "sale") end
  end,
}
