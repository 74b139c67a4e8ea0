-- A persona whose states carry their own hooks: the engine's visits, state time, s:go,
-- s:reask and the grumble after a long wait, as test_session checks them.
return {
  title = "states", persona = {name = "测", mood = 50},
  product = {name = "鞋"},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  lines = {
    open = "你好", again = "还是那个问题", reask_gentle = "你好呀", gives_up = "算了",
    slow = {"好慢。"}, sized = {"好的"}, back = "又回来了", buys = "拍了",
  },
  initial = "asking",
  states = {
    asking = {
      on_enter = function(s, from) s:say("回到 asking，从 " .. from) end,
      on_reply = function(s, reply)
        if s:mentions(reply.norm, "码") then s:go("sized", "sized") else
          s:reask("again") end
      end,
    },
    sized = {
      on_reply = function(s, reply)
        if s:mentions(reply.norm, "拍") then s:go("done", "buys", "sale") return end
        s:say(string.format("visits %d/%d time %.0f", s:visits("asking"), s:visits(),
                            s:state_time()))
        s:go("asking")
      end,
    },
    done = {},
  },
  start = function(s) s:line("open") end,
}
