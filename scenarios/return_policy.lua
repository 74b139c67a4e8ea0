-- 担心退货的孙小姐：想买一张书桌，怕尺寸放不下，先问清楚能不能退、运费谁出、退款多久。
-- 手册依据：002「退换货：尺寸不对可不可以换？——7天无条件退货，15天无理由换货，
-- 大件家具建议务必仔细量好尺寸」「退换货邮费谁支付？——除质量问题外，来回运费顾客承担」
-- 「退款一般3-5个工作日」「记得一定要请客户放心，如确实为质量问题我们一定会妥善处理」；
-- 001「遇到不确定的问题不可胡乱回复」；003「确认订单，告知买家权益和责任」。
--
-- 她怎么反应：
--   * 三个问题（能不能退、运费谁出、退款多久）一个个问，答清楚一个问下一个；
--   * 帮她量尺寸、问房间多大 → 她更放心；三个都答了 → 她下单；
--   * 乱承诺（“随便退，运费全包，保证没问题”）→ 她反而起疑，再来一次就不买了；
--   * 生硬的“不能退”、冷淡、争辩、指责 → 她不敢买，走了；
--   * 问题没人答 → 追问；被晾着 → 催，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "你好，这个书桌要是放不下能退吗？",
    "在吗～想问下买回去尺寸不合适可以退吗",
    "请问这款书桌支持七天无理由吗？怕买错尺寸",
  },
  reask_gentle = {
    "你好呀～我就想问不合适能不能退",
    "嗯嗯，所以能退吗？",
    "你好，能退货吗？",
  },
  reask = {
    "我问的是能不能退呀",
    "退货的事你还没说呢",
    "所以到底能不能退？",
  },
  q_postage = {
    "那要是退的话，运费谁出呀？",
    "好的～那退货来回的运费怎么算？",
    "嗯嗯，那邮费是我出还是你们出？",
  },
  reask_postage = {
    "运费谁出你还没说呢",
    "我问运费呀～",
    "那运费呢？",
  },
  q_refund = {
    "明白了。那退款一般多久能到账？",
    "好。退了以后钱多久退回来呀？",
    "那退款要几天呢？",
  },
  reask_refund = {
    "退款多久到账呢？",
    "钱几天能退回来你还没说",
    "所以退款要多久？",
  },
  tells_room = {
    "我那面墙大概1.3米宽，放1.2米的应该可以吧？",
    "房间不大，墙宽1.3米左右，所以才担心嘛",
    "放书房，那边只有1.3米多一点",
  },
  reassured = {
    "好的，这样我就放心了，那我拍1.2米的～",
    "明白啦，问清楚就踏实了，我去拍了",
    "嗯嗯谢谢，那我现在就拍哈",
  },
  doubt = {
    "真的假的？说得这么满，我反而不太放心……",
    "都不用我出？你确定吗？别到时候又不认",
    "保证得这么绝对……写在哪里的呀？",
  },
  leaves_doubt = {
    "算了，感觉说法不太靠谱，我再看看",
    "还是不放心，先不买了",
    "嗯……我还是去别家问问吧",
  },
  scared = {
    "不能退啊……那我不敢买了",
    "这样的话万一放不下就砸手里了，算了",
    "那我再考虑考虑吧",
  },
  rude = {
    "呃……好吧",
    "你这回答有点敷衍哦",
    "就这样吗……",
  },
  insulted = {
    "我就是问清楚点，干嘛这样说话，不买了",
    "问问都不行吗？算了",
    "什么态度啊，走了",
  },
  gives_up = {
    "问了几次都没说清楚，算了",
    "好吧，我还是不买了",
    "那我去别家问问吧",
  },
  slow = {
    "等了好久……",
    "你终于回啦，",
    "好慢呀，",
  },
  nudge1 = { "在吗？", "你好？", "亲？" },
  nudge2 = { "还在吗～", "是不是在忙呀", "人呢？" },
  nudge3 = { "那我先去看别家了哦", "不回的话我就不等了", "好吧……" },
}

-- 她的三个问题，按顺序；每个问题后面是“答到了”的关键词（回复里提到就算答了）
local QUESTIONS = {
  {ask = "open", reask = "reask",
   words = {"退", "七天", "7天", "无理由", "换"}},
  {ask = "q_postage", reask = "reask_postage",
   words = {"运费", "邮费", "来回", "承担", "自理", "谁出", "我们出", "您出", "运费险"}},
  {ask = "q_refund", reask = "reask_refund",
   words = {"到账", "工作日", "退款", "原路", "几天", "天内"}},
}
local q = 1            -- 她正在问第几个问题
local doubts = 0       -- 听到乱承诺的次数
local strikes = 0      -- 生硬、冷淡的次数
local told_room = false


return {
  id = "return_policy",
  title = "担心退货的孙小姐",
  difficulty = 2,
  kind = "presale",
  persona = {
    name = "孙小姐",
    avatar = "孙",
    description = "想买书桌，怕尺寸放不下，先把退货规矩问清楚",
    mood = 55,
    reask = {mood = -4},
    no_grumble = {"insulted"},  -- 受了冒犯当场就走，顾不上抱怨等得久
  },
  lines = lines,
  knows = {  -- 墙有多宽她自己会说（tells_room），这里只放别的
    colour = {"原木色", "想要原木色的"},
    usage = {"放书房，自己办公用", "在家办公用的"},
  },
  product = {
    name = "美乐乐 北欧实木书桌",
    price = 1299,
    stock = 30,
    colours = {"原木色", "胡桃色"},
    sizes = {"1.0米", "1.2米", "1.4米"},
    ship = "现货，付款后 3 天左右配货，物流 1-10 天",
    facts = {
      {"退货", "7 天无理由退货（商品未使用、不影响二次销售）"},
      {"换货", "15 天无理由换货"},
      {"运费", "非质量问题来回运费顾客承担；质量问题由店铺承担"},
      {"退款", "收到退货验收后 3-5 个工作日原路退回"},
      {"尺寸", "大件家具建议先量好尺寸再下单"},
    },
  },
  scorecard = {
    principles = {
      {id = "needs_discovery", weight = 6},
      {id = "help_choose", weight = 6},
      {id = "reassure", weight = 5},
      {id = "call_to_action", weight = 5},
      {id = "warm_greeting", weight = 4},
      {id = "friendly_tone", weight = 6},
      {id = "polite_farewell", weight = 3},
      {id = "overpromise", weight = 12},
      {id = "harsh_refusal", weight = 8},
      {id = "cold_reply", weight = 8},
      {id = "arguing", weight = 8},
      {id = "blame_customer", weight = 8},
      {id = "long_reply", weight = 5},
      {id = "unreadable", weight = 5},
    },
    -- 这位顾客的关键是把规矩答准：没有专门的技巧编号，成交分数和“乱承诺”的权重承担了它
    outcomes = {sale = 25, left = 0},
  },
  states = {"asking", "reassured", "doubtful", "decided"},

  start = function(s)
    s:state("asking")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    if h.arguing or h.blame_customer or h.interrogation then
      s:go("decided", "insulted", "left"); return
    end
    if h.warm_greeting or h.friendly_tone then s:mood(3) end
    if h.reassure then s:mood(5) end
    if h.long_reply then s:mood(-3) end
    if s:mood() <= 5 then s:go("decided", "gives_up", "left"); return end

    -- 生硬地说“不能退”：政策本来可以退，她被吓跑
    if h.harsh_refusal then
      s:go("decided", "scared", "left"); return
    end
    if h.cold_reply then
      strikes = strikes + 1
      s:mood(-10)
      if strikes >= 2 then s:go("decided", "gives_up", "left")
      else s:line("rude") end
      return
    end
    -- 乱承诺：她起疑
    if h.overpromise then
      doubts = doubts + 1
      s:mood(-8)
      if doubts >= 2 then s:go("decided", "leaves_doubt", "left")
      else s:go("doubtful", "doubt") end
      return
    end

    -- 问她房间多大、帮她挑尺寸：她说说情况，更放心
    local asked_room = not told_room and (h.needs_discovery or h.help_choose
        or s:mentions(reply.norm, "量", "尺寸", "多宽", "房间", "墙"))
    if asked_room then told_room = true; s:mood(6) end

    local cur = QUESTIONS[q]
    if not s:mentions(reply.norm, table.unpack(cur.words)) then
      if asked_room then s:line("tells_room"); return end
      s:reask(cur.reask); return
    end
    if asked_room then s:line("tells_room") end
    -- 一条回复可能一口气答了好几个问题
    while q <= #QUESTIONS and s:mentions(reply.norm, table.unpack(QUESTIONS[q].words)) do
      q = q + 1
    end
    if q > #QUESTIONS or (q == #QUESTIONS and h.call_to_action and s:mood() >= 50) then
      s:go("decided", "reassured", "sale")
    else
      s:state("reassured"); s:line(QUESTIONS[q].ask)
    end
  end,

  tests = {
    { name = "问颜色：她说要原木色",
      replies = { {after = 3, text = "亲，您想要什么颜色的呢？"} },
      expect = { says = "原木色" } },
    { name = "一条条答清楚：她下单",
      replies = {
        {after = 3, typing = 9, text = "亲，您好！支持7天无理由退货，15天内还可以换货哦。您放书桌的那面墙有多宽呢？"},
        {after = 4, typing = 9, text = "1.3米的墙放1.2米的刚好～不是质量问题的话来回运费需要您承担哈，质量问题运费我们来出"},
        {after = 3, typing = 8, text = "收到退货后3-5个工作日原路退款～喜欢的话就放心拍下吧"},
        {after = 3, typing = 5, text = "感谢您的信任，祝您生活愉快～"},
      },
      expect = { outcome = "sale", score = {80, 100}, no_hits = {"overpromise"}, says = "拍" } },
    { name = "乱承诺两次：她不敢买了",
      replies = {
        {after = 3, text = "随便退，运费全包，保证没有任何问题"},
        {after = 3, text = "百分百满意，放心吧"},
      },
      expect = { outcome = "left", hits = {"overpromise"} } },
    { name = "生硬说不能退：她走了",
      replies = {
        {after = 3, text = "不能退。"},
      },
      expect = { outcome = "left" } },
  },
}
