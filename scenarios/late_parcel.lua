-- 等不到快递的吴先生：跑鞋下单六天了还没到，他有点急，问到底怎么回事。
-- 手册依据：002「你们家发货怎么这么慢呀——不好意思，您是还没有收到货是吗？我帮您查一下，
-- 请告知我您的姓名或者订单号」「正常情况下应该是几个工作日，不过不排除快递公司那边有
-- 突发变化」「顾客火气大，就多磨一下，好话多说一些」；001「因快递或不可抗力导致包裹迟迟
-- 未到：要耐心解释，语气委婉柔和，但不能卑微」「遇到不确定的问题不可胡乱回复」。
--
-- 他怎么反应：
--   * 先道歉或安抚、再问订单号 → 他报单号；帮他查、说明情况、答应盯着催件 → 他接受，解决；
--   * 打包票（“保证明天一定到”）→ 他不太信：“你保证的啊”，再打一次包票他就去投诉；
--   * 说“跟我们没关系”（争辩）、怪他地址填错（指责）→ 他去投诉（escalated）；
--   * “不关我们的事”“您找快递去”（冷淡、生硬）也算下面的冷淡；
--   * 冷淡、生硬 → 他更火，两次就投诉；问题没人答 → 追问；被晾着 → 催，过了耐心就走。

-- 他说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "我的鞋下单六天了还没到，怎么回事？",
    "在吗？买的跑鞋一个礼拜了还没收到，你们发货了没？",
    "你们家发货怎么这么慢？6天了物流都不动",
  },
  reask_gentle = {
    "你好。我的快递到底怎么回事？",
    "嗯，所以我的鞋呢？",
    "别光打招呼，帮我看看快递",
  },
  reask = {
    "我问你快递怎么还没到",
    "能不能先帮我查查？",
    "到底什么时候能到？给句话",
  },
  gives_order = {
    "订单号 3920 1748 2231，你查吧",
    "单号发你了：392017482231，姓吴",
    "吴先生，订单尾号2231，查一下",
  },
  asks_when = {
    "那到底什么时候能到？",
    "所以现在卡在哪了？",
    "查到了没？怎么说？",
  },
  doubts_promise = {
    "你保证的啊？到不了怎么说？",
    "上次也有人跟我说很快，保证有什么用",
    "真的假的，你能保证快递？",
  },
  promise_again = {
    "又保证？你们说话算数吗，我去投诉了",
    "光会打包票，我直接找平台投诉",
    "别糊弄我了，投诉去了",
  },
  accepts = {
    "行吧，那你帮我盯着点，有消息告诉我",
    "好，那我再等等，麻烦你催一下",
    "嗯，知道了，那就等你消息",
  },
  still_waiting = {
    "嗯……那大概哪天能到？你们能帮我催一下吗？",
    "光解释没用啊，能不能帮我催一下？",
    "那你们能做点什么？帮我盯着点行吗",
  },
  angrier = {
    "你这什么态度？我等了六天了！",
    "就这？我问你快递在哪！",
    "你能不能认真点回答",
  },
  complains = {
    "行，不关你们事是吧，我投诉去",
    "还怪我？我直接找平台投诉",
    "这服务，我要投诉你们",
  },
  fed_up = {
    "算了，跟你说不清，投诉了",
    "我不等了，直接投诉",
    "懒得说了，投诉见",
  },
  slow = {
    "回这么慢，",
    "等你回复也要等半天，",
    "现在才回，",
  },
  nudge1 = { "在吗？", "人呢？", "回一下" },
  nudge2 = { "有人管吗？", "快递没消息，客服也没消息？", "还在吗？" },
  nudge3 = { "再不回我投诉了", "行，都不理我是吧", "最后等你一下" },
}

local asked_number = false -- 问过订单号没有
local gave_number = false
local soothed = false      -- 道过歉或安抚过
local promises = 0
local strikes = 0



-- 回复里有没有帮他查、说明情况或催件
local function handles(s, reply)
  local h = reply.hits
  return h.reassure or h.escalate or h.concrete_solution
      or s:mentions(reply.norm, "查", "催", "联系快递", "物流", "中转", "派送", "显示", "网点",
                    "跟进", "盯着", "通知您")
end

return {
  id = "late_parcel",
  title = "等不到快递的吴先生",
  difficulty = 3,
  kind = "aftersale",
  persona = {
    name = "吴先生",
    avatar = "吴",
    description = "跑鞋下单六天还没到，着急地来问快递在哪",
    mood = 35,
    reask = {give_up = "fed_up", state = "escalated", outcome = "escalated"},
    no_grumble = {"complains"},  -- 受了冒犯当场就走，顾不上抱怨等得久
    nudges = {18, 30, 45},
  },
  lines = lines,
  knows = {
    order = {says = {"订单号 20261116-2231", "单号是 20261116-2231，你查查"},
             cross = {"20261116-2231，赶紧查！", "订单号 20261116-2231，都六天了"}},
    when = {"16号晚上下的单", "六天前，16号拍的"},
    address = {"寄到济南历下区，收件人吴强", "济南历下区，吴强收"},
  },
  product = {
    name = "轻跑 2 代 缓震跑步鞋（男款）",
    price = 399,
    stock = 50,
    colours = {"黑白"},
    sizes = {"42"},
    ship = "11 月 17 日已发出（申通），订单尾号 2231",
    facts = {
      {"物流", "包裹在济南中转站滞留两天，今天已发往派送网点"},
      {"时效", "正常 2-4 天，偶有快递中转延误"},
      {"可做的", "联系快递催件、跟进到签收；超时未到可补发或退款"},
      {"注意", "快递时效客服无法保证，不要打包票"},
    },
  },
  scorecard = {
    principles = {
      {id = "reassure", weight = 10, required = true},
      {id = "apology", weight = 8},
      {id = "empathy", weight = 6},
      {id = "escalate", weight = 5},
      {id = "concrete_solution", weight = 5},
      {id = "friendly_tone", weight = 4},
      {id = "polite_farewell", weight = 3},
      {id = "overpromise", weight = 12},
      {id = "arguing", weight = 10},
      {id = "blame_customer", weight = 10},
      {id = "cold_reply", weight = 6},
      {id = "unreadable", weight = 5},
      {id = "harsh_refusal", weight = 6},
    },
    outcomes = {resolved = 20, left = 0, escalated = 0},
  },
  states = {"impatient", "checking", "waiting", "resolved", "escalated"},

  start = function(s)
    s:state("impatient")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    if h.blame_customer or h.arguing then
      s:go("escalated", "complains", "escalated"); return
    end
    if h.apology or h.empathy then soothed = true; s:mood(8) end
    if h.reassure then s:mood(8) end
    if h.friendly_tone then s:mood(2) end

    if h.cold_reply or h.harsh_refusal or h.interrogation then
      strikes = strikes + 1
      s:mood(-12)
      if strikes >= 2 or s:mood() <= 0 then s:go("escalated", "fed_up", "escalated") else s:line("angrier") end
      return
    end
    if s:mood() <= 0 and reply.turn >= 2 then s:go("escalated", "fed_up", "escalated"); return end

    -- 打包票：他不信，再打一次他就投诉
    if h.overpromise then
      promises = promises + 1
      if promises >= 2 then s:go("escalated", "promise_again", "escalated") else s:line("doubts_promise") end
      return
    end

    if s:mentions(reply.norm, "订单号", "单号", "姓名", "手机号", "尾号") and not gave_number then
      asked_number = true
      gave_number = true
      s:go("checking", "gives_order"); return
    end

    if handles(s, reply) then
      if (soothed or h.reassure) and (h.reassure or h.escalate or h.concrete_solution
          or s:mentions(reply.norm, "催", "跟进", "盯着", "通知您", "第一时间")) then
        s:go("resolved", "accepts", "resolved")
      else
        s:go("waiting", "still_waiting")
      end
      return
    end

    if soothed and (h.apology or h.empathy) then
      s:line(gave_number and "asks_when" or "reask"); return
    end
    s:reask()
  end,

  tests = {
    { name = "问订单号：他报上订单号",
      replies = { {after = 3, text = "亲，不好意思让您久等了，麻烦告诉我一下您的订单号，我马上帮您查"} },
      expect = { says = "20261116-2231" } },
    { name = "道歉、查单号、说明并答应跟进：解决",
      replies = {
        {after = 3, typing = 9, text = "不好意思让您久等了！您是还没收到货是吗？麻烦告诉我一下订单号，我马上帮您查"},
        {after = 5, typing = 10, text = "查到了，包裹在济南中转站耽搁了两天，今天已经发往派送网点了"},
        {after = 3, typing = 9, text = "请放心，这件事我会一直跟进，我也联系快递帮您催一下，有消息第一时间通知您"},
        {after = 3, typing = 5, text = "感谢您的耐心，祝您生活愉快～"},
      },
      expect = { outcome = "resolved", score = {80, 100}, hits = {"reassure"}, no_hits = {"overpromise"} } },
    { name = "打包票两次：他去投诉",
      replies = {
        {after = 3, text = "保证明天一定到"},
        {after = 3, text = "百分百明天到，绝对没问题"},
      },
      expect = { outcome = "escalated", hits = {"overpromise"} } },
    { name = "推给快递：他去投诉",
      replies = {
        {after = 3, text = "这是快递的问题，跟我们没关系，您找快递去"},
      },
      expect = { outcome = "escalated" } },
    { name = "晾着他：他走了",
      replies = {
        {after = 70, text = "您好"},
      },
      expect = { outcome = "left" } },
  },
}
