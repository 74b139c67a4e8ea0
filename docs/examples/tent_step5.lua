-- 教程第 5 步写完时的 scenarios/tent.lua（docs/authoring.md 第 5 步的例子用它运行）
local lines = {
  ask = {
    "你好，这个帐篷今天拍，周六之前能到吗？",
    "在吗？周六要去露营，现在下单来得及吗",
    "请问今天买的话几天能到？周末要用",
  },
  buy = {
    "好的，那我现在就拍，麻烦尽快发哈",
    "行，来得及就好，我拍了",
    "明白了，那我下单了，谢谢",
  },
  leave_rude = {
    "这么冷淡啊，算了",
    "问一句都不好好说，不买了",
    "行吧，我去别家问问",
  },
}

return {
  title = "周末要用帐篷的陈先生",
  difficulty = 1,
  persona = {
    name = "陈先生",
    description = "周六要去露营，想知道今天买帐篷能不能赶上",
    patience = 50,
  },
  product = {
    name = "户外双人速开帐篷",
    price = 269,
    ship = "下午 4 点前付款当天发货，快递一般 2-3 天到",
  },
  scorecard = {
    principles = {
      {id = "urgency", weight = 10},
      {id = "warm_greeting", weight = 6},
      {id = "overpromise", weight = 12},
      {id = "cold_reply", weight = 8},
      {id = "first_response", weight = 8},
    },
    outcomes = {sale = 20, left = 0},
  },
  states = {"asking", "doubting", "decided"},

  start = function(s)
    s:state("asking")
    s:say(s:pick(lines.ask))
  end,

  on_reply = function(s, reply)
    if reply.hits.cold_reply then
      s:say(s:pick(lines.leave_rude))
      s:state("decided")
      s:finish("left")
    else
      s:say(s:pick(lines.buy))
      s:state("decided")
      s:finish("sale")
    end
  end,
  tests = {
    { name = "如实说明到货时间：他下单",
      replies = {
        {after = 3, text = "亲，您好！下午4点前付款今天就能发出，快递一般2-3天到"},
      },
      expect = { outcome = "sale", says = "拍" } },
    { name = "冷冰冰：他走了",
      replies = { {after = 3, text = "不知道，你自己看详情页"} },
      expect = { outcome = "left", hits = {"cold_reply"} } },
  },
}
