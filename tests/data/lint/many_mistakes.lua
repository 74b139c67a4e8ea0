-- lint fixture: several independent mistakes, every one reported in one run
local lines = {
  open = {"你好，这个杯子有货吗？", "在吗？杯子还有吗", "请问这款杯子有货不"},
  thanks = {"好的，那我拍了", "行，下单了", "嗯嗯，拍了哈"},
  upset = {"什么态度，不买了", "", "这么说话啊，不买了"},
}

return {
  title = "买杯子的小李",
  difficulty = "easy",
  kind = "presale",
  persona = {name = "小李", avatar = "李", description = "想买一个保温杯", patience = 40},
  product = {name = "保温杯", price = 59, stock = 10},
  scorecard = {
    principles = {
      {id = "warm_greeting", weight = 10},
      {id = "harsh_refusl", weight = 10},
      {id = "first_response", weight = "5"},
    },
    outcomes = {sale = 20, left = 0},
  },
  states = {"asking", "done"},
  start = function(s)
    s:state("askin")
    s:say(s:pick(lines.open))
  end,
  on_reply = function(s, reply)
    local h = reply.hits
    askd = 1
    if h.harsh_refusal or h.cold_reply then
      s:state("done"); s:say(s:pick(lines.upset)); s:finish("left")
    else
      s:state("done"); s:say(s:pick(lines.thanks)); s:finish("sale")
    end
  end,
  tests = {
    { name = "greets: she buys",
      replies = { {after = 3, text = "亲，您好！有货的哦，欢迎光临"} },
      expect = { outcome = "sale", hits = {"warm_greeting"} } },
    { name = "refuses: she leaves",
      replies = { {after = 3, text = "不行"} },
      expect = { outcome = "left" } },
  },
}
