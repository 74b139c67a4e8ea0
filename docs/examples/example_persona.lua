-- 周末要用帐篷的陈先生：docs/authoring.md 的教程一步步写成的示例顾客。
-- 手册依据：000「利用顾客希望快点拿到商品的心理」；001「遇到不确定的问题不可胡乱回复」；
-- 002「反应及时」。
--
-- 他怎么反应：
--   * 如实说明发货和到货时间，再提醒“今天拍今天发” → 他放心下单；
--   * 打包票（“保证明天一定到”）→ 他反而起疑；再打一次包票 → 他不敢买，走了；
--   * 冷冰冰、生硬拒绝 → 他走了；
--   * 没回答到货时间 → 他再问一次，第二次还不答就走；
--   * 被晾着 → 20 秒问“在吗”，过了耐心就走。

-- 他说的话：每种情况写三种说法，s:pick 每次挑一句
local lines = {
  ask = {
    "你好，这个帐篷今天拍，周六之前能到吗？",
    "在吗？周六要去露营，现在下单来得及吗",
    "请问今天买的话几天能到？周末要用",
  },
  ask_again = {
    "我是问周六前能不能到呀？",
    "所以到底来不来得及？",
    "你还没说几天能到呢",
  },
  doubt = {
    "你确定？万一到不了，我周六就白买了",
    "真的能保证吗？快递的事谁说得准啊",
    "说得这么满……那要是没到怎么办？",
  },
  buy = {
    "好的，那我现在就拍，麻烦尽快发哈",
    "行，来得及就好，我拍了",
    "明白了，那我下单了，谢谢",
  },
  leave_unsure = {
    "算了，说得这么满我反而不放心，去别家看看",
    "还是不冒这个险了，谢谢",
  },
  leave_rude = {
    "这么冷淡啊，算了",
    "问一句都不好好说，不买了",
    "行吧，我去别家问问",
  },
  leave_unanswered = {
    "问了两遍都不说，算了",
    "那我去别家买吧",
  },
  nudge = {"还在吗？", "还在不在呀？", "亲，还在吗？"},
}

-- 这一次对话的记录（每次会话文件都会重新运行，所以这些数从 0 开始）
local unanswered = 0   -- 到货时间连续没被回答的次数
local nudged = false   -- 等太久时是否已经催过

return {
  title = "周末要用帐篷的陈先生",
  difficulty = 1,
  kind = "presale",
  persona = {
    name = "陈先生",
    avatar = "陈",
    description = "周六要去露营，想知道今天买帐篷能不能赶上",
    patience = 50,
    mood = 55,
  },
  product = {
    name = "户外双人速开帐篷",
    price = 269,
    stock = 35,
    colours = {"军绿", "沙色"},
    ship = "下午 4 点前付款当天发货，快递一般 2-3 天到",
    facts = {
      {"发货", "下午 4 点前付款当天发"},
      {"快递", "中通，一般 2-3 天，偏远地区 4-5 天"},
      {"售后", "七天无理由退换"},
    },
  },
  scorecard = {
    principles = {
      {id = "urgency", weight = 10},
      {id = "warm_greeting", weight = 6},
      {id = "friendly_tone", weight = 5},
      {id = "call_to_action", weight = 5},
      {id = "overpromise", weight = 12},
      {id = "cold_reply", weight = 8},
      {id = "harsh_refusal", weight = 6},
      {id = "first_response", weight = 8},
      {id = "reply_wait", weight = 8},
    },
    outcomes = {sale = 20, left = 0},
  },
  states = {"asking", "doubting", "decided"},

  start = function(s)
    s:state("asking")
    s:say(s:pick(lines.ask))
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    nudged = false
    -- 冷冰冰、生硬：他直接走
    if h.cold_reply or h.harsh_refusal then
      s:state("decided")
      s:say(s:pick(lines.leave_rude))
      s:finish("left")
      return
    end
    -- 打包票：第一次起疑，第二次走人
    if h.overpromise then
      if s:state() == "doubting" then
        s:state("decided")
        s:say(s:pick(lines.leave_unsure))
        s:finish("left")
      else
        s:state("doubting")
        s:mood(-10)
        s:say(s:pick(lines.doubt))
      end
      return
    end
    -- 如实回答了发货、到货时间：他下单
    if h.urgency or s:mentions(reply.norm, "发货", "发出", "到货", "能到", "天到", "快递") then
      s:state("decided")
      s:say(s:pick(lines.buy))
      s:finish("sale")
      return
    end
    -- 没回答他的问题
    unanswered = unanswered + 1
    if unanswered >= 2 then
      s:state("decided")
      s:say(s:pick(lines.leave_unanswered))
      s:finish("left")
    else
      s:say(s:pick(lines.ask_again))
    end
  end,

  on_idle = function(s, waited)
    if waited >= 20 and not nudged then
      nudged = true
      s:say(s:pick(lines.nudge))
    end
  end,

  tests = {
    { name = "如实说明到货时间并提醒今天发：他下单",
      replies = {
        {after = 3, typing = 5, text = "亲，您好！欢迎光临～"},
        {after = 3, typing = 10, text = "下午4点前付款今天就能发出，快递一般2-3天到，周六前来得及的哦"},
        {after = 3, typing = 6, text = "感谢您的光临，祝您露营愉快哦"},
      },
      expect = { outcome = "sale", hits = {"urgency"}, no_hits = {"overpromise"},
                 score = {80, 100}, says = "拍" } },
    { name = "两次打包票：他不敢买了",
      replies = {
        {after = 3, text = "保证明天一定到"},
        {after = 3, text = "绝对没问题，百分之百能到"},
      },
      expect = { outcome = "left", hits = {"overpromise"} } },
    { name = "冷冰冰：他走了",
      replies = { {after = 3, text = "不知道，你自己看详情页"} },
      expect = { outcome = "left", hits = {"cold_reply"} } },
    { name = "晾着他一分钟：他催了一次后走了",
      replies = { {after = 60, text = "亲，在的"} },
      expect = { outcome = "left", says = "还在" } },
  },
}
