-- 来套话的“买家”：自称想买跑鞋，其实是同行，一直打听货从哪发、哪个厂做的、拿货价多少。
-- 手册依据：002「是从哪里发货的？——关心货源……（有可能也会是竞争对手刺探军情）：
-- 我们的货品都是从广东发出的；如果顾客很关心这方面（疑是竞争对手），可以说：这段时间生意
-- 挺好的，好像很多人都关心我们的货源问题……（让对方听懂我们在怀疑）」「你们货品的产地是
-- 哪里的——我们的产品都是正规渠道进货或厂家直接发货」「某某是你们老板吗——您怎么对这个
-- 感兴趣呢？您是同行吧？」「撇开这个话题，提出问题，了解顾客需求」。
--
-- 他怎么反应：
--   * 说发货地没关系（手册也这样答）；一旦说出厂家、进货价、供应商 → 他套到了话，满意地走了；
--   * 客气地挡回去（正规渠道、不方便透露），再把话题拉回他要买什么（了解需求、推荐）
--     → 他装不下去，两次之后只好真买一双“看看货”；
--   * 质问他、骂他 → 他反过来投诉客服态度（escalated）；冷淡 → 他换个问法继续套；
--   * 问题没人答 → 追问；被晾着 → 催，过了耐心就走。

-- 他说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "老板，你们这鞋从哪发货的？",
    "在吗，这款跑鞋是哪里发的货？",
    "你好，问下你们货是从哪边发的",
  },
  reask_gentle = {
    "你好，就问下从哪发货",
    "嗯嗯，发货地是哪里？",
    "哈喽，货从哪边发呀",
  },
  reask = {
    "问你从哪发货呢",
    "发货地说一下呗",
    "你还没说哪里发的",
  },
  q_factory = {
    "哦，那是哪个厂做的？厂家叫啥",
    "那你们是自己工厂还是拿的货？哪家厂",
    "工厂在哪个镇？我想去看看",
  },
  q_price = {
    "我量大，你们拿货价大概多少？",
    "我这边长期要货，成本价能透露下吗",
    "批发价多少？一次拿一百双",
  },
  q_boss = {
    "你们老板是不是姓陈？我认识他",
    "能给个你们负责人的电话吗",
    "你们采购是谁，我找他聊聊",
  },
  pressing = {
    "说说嘛，又不是什么秘密",
    "哎呀，随便透露一点就行",
    "大家都是做生意的，通融下",
  },
  got_it = {
    "懂了懂了，谢啦～",
    "好嘞，知道了，回头联系",
    "明白，多谢哈",
  },
  caves = {
    "行吧……那先拍一双42码看看货",
    "好吧好吧，那我先买一双试试",
    "嗯……那就先来一双，黑白42",
  },
  gives_up = {
    "问啥都不说，算了",
    "行吧，不问了",
    "那我再看看吧",
  },
  insulted = {
    "我问问怎么了？你这是什么态度，投诉你",
    "说谁同行呢？我要投诉客服",
    "质问顾客？等着被投诉吧",
  },
  slow = {
    "回得挺慢啊，",
    "等半天，",
    "终于回了，",
  },
  nudge1 = { "在吗？", "老板？", "有人吗" },
  nudge2 = { "人呢", "还在不", "回一下呗" },
  nudge3 = { "不回我走了啊", "算了不等了", "再等一会" },
}

-- 他一层层往下套：发货地 → 厂家 → 拿货价 → 老板
local PROBES = {"open", "q_factory", "q_price", "q_boss"}
local probe = 1
local deflected = 0


-- 说漏了：厂名、成本、拿货价、供应商、负责人联系方式（"负责人电话我这边没有喔"说到了，
-- 却什么也没给：那是挡回去）
local function leaks(s, reply)
  return s:mentions(reply.norm, "厂家是", "厂家叫", "工厂是", "工厂叫", "工厂在", "厂名",
                    "进货价", "拿货价", "成本价", "成本是", "出厂价", "批发价是", "供应商是",
                    "老板电话", "老板姓", "负责人电话", "采购电话", "他的电话")
      and not (reply.hits.harsh_refusal or reply.hits.cold_reply
               or s:mentions(reply.norm, "没有", "不方便", "不便", "无法", "不提供", "保密"))
end

-- 客气地挡回去：正规渠道、不方便透露、公司规定，或者反问他是不是同行
local function deflects(s, reply)
  local h = reply.hits
  return h.authenticity_proof or h.needs_discovery
      or s:mentions(reply.norm, "正规渠道", "厂家直接发货", "不方便透露", "不便透露", "公司规定",
                    "商业机密", "保密", "不清楚这个", "无法提供", "同行", "很多人都关心",
                    "需要什么", "自己穿", "跑步", "尺码", "推荐")
end

local function talks(s, reply)
  return deflects(s, reply) or leaks(s, reply)
      or s:mentions(reply.norm, "发货", "发的", "广东", "厂", "价", "老板", "负责人", "渠道", "货源")
end

return {
  id = "rival_fisher",
  title = "来套话的同行",
  difficulty = 3,
  kind = "presale",
  persona = {
    name = "路过的买家",
    avatar = "路",
    description = "自称想买跑鞋，其实一直打听货源、厂家和拿货价",
    mood = 50,
    reask = {mood = 0},
    no_grumble = {"insulted"},  -- 受了冒犯当场就走，顾不上抱怨等得久
    wait_mood = {[20] = -5, [30] = -10},
  },
  lines = lines,
  knows = {
    size = {"嗯……42吧", "42码"},
    usage = {"随便跑跑……", "就平时跑步"},
  },
  product = {
    name = "专业马拉松竞速跑鞋",
    price = 599,
    stock = 90,
    colours = {"黑白", "荧光绿"},
    sizes = {"39", "40", "41", "42", "43", "44"},
    ship = "广东发货，当天 17 点前付款当天发",
    facts = {
      {"发货地", "广东（可以告诉顾客）"},
      {"货源", "正规渠道、厂家直接发货（厂名、成本价、供应商不对外透露）"},
      {"代理", "代理合作请联系页面顶栏的渠道负责人"},
      {"手册提示", "疑似同行刺探时，客气回避，把话题转回顾客的需求"},
    },
  },
  scorecard = {
    principles = {
      {id = "needs_discovery", weight = 12, required = true},
      {id = "recommend_with_reason", weight = 5},
      {id = "call_to_action", weight = 5},
      {id = "warm_greeting", weight = 4},
      {id = "friendly_tone", weight = 6},
      {id = "interrogation", weight = 10},
      {id = "arguing", weight = 10},
      {id = "blame_customer", weight = 10},
      {id = "harsh_refusal", weight = 6},
      {id = "cold_reply", weight = 6},
      {id = "unreadable", weight = 5},
    },
    outcomes = {sale = 20, left = 0, escalated = 0},
  },
  states = {"probing", "pressing", "cornered", "decided"},

  start = function(s)
    s:state("probing")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    if h.interrogation or h.arguing or h.blame_customer then
      s:go("decided", "insulted", "escalated"); return
    end

    -- 说漏了嘴：他要的就是这个，满意地走了（店里丢了信息，也没做成生意）
    if leaks(s, reply) then
      s:go("decided", "got_it", "left"); return
    end
    if not talks(s, reply) and not h.cold_reply and not h.harsh_refusal then
      s:reask(); return
    end

    if deflects(s, reply) then
      deflected = deflected + 1
      -- 挡了两次、又被拉回“您买来自己穿吗/推荐这款”：他装不下去，只好真买
      if deflected >= 2 and (h.needs_discovery or h.recommend_with_reason or h.call_to_action
                              or h.two_choice_close or s:mentions(reply.norm, "自己穿", "尺码", "推荐")) then
        s:go("decided", "caves", "sale"); return
      end
      s:state("cornered")
    elseif h.cold_reply or h.harsh_refusal then
      s:go("pressing", "pressing"); return
    else
      s:state("pressing")
    end
    probe = probe + 1
    if probe > #PROBES then
      s:go("decided", "gives_up", "left"); return
    end
    s:line(PROBES[probe])
  end,

  tests = {
    { name = "问尺码：他含糊说42",
      replies = { {after = 3, text = "亲，您平时穿几码呢？"} },
      expect = { says = "42" } },
    { name = "客气回避、拉回需求：他只好买一双",
      replies = {
        {after = 3, typing = 8, text = "亲，您好！我们是广东发货的哦，请问您是自己穿来跑步的吗？"},
        {after = 4, typing = 9, text = "我们都是正规渠道、厂家直接发货的，具体厂家不方便透露哈。您平时穿多大的码呢？"},
        {after = 3, typing = 9, text = "跑马拉松的话推荐这款，回弹好又轻，很适合长距离，您穿42的话就拍42哦"},
        {after = 3, typing = 5, text = "感谢支持，祝您跑步愉快～"},
      },
      expect = { outcome = "sale", score = {80, 100}, hits = {"needs_discovery"}, says = "一双" } },
    { name = "说漏了厂家和拿货价：他满意地走了",
      replies = {
        {after = 3, text = "广东发货的哦"},
        {after = 3, text = "厂家是东莞的一家代工厂，拿货价一百多"},
      },
      expect = { outcome = "left" } },
    { name = "提到负责人电话却没给：挡回去了，他没套到话",
      replies = {
        {after = 3, typing = 4, text = "亲，您好！我们是广东发货的哦"},
        {after = 3, typing = 6, text = "厂家这个不方便透露哈，我们都是正规渠道"},
        {after = 3, typing = 6, text = "价格是公司统一定的，不方便透露哦"},
        {after = 3, typing = 8, text = "负责人电话我这边没有哦，您是自己穿来跑步的吗？"},
      },
      expect = { outcome = "sale" } },
    { name = "质问他：他投诉客服",
      replies = {
        {after = 3, text = "您问这个干嘛？您到底买不买？"},
      },
      expect = { outcome = "escalated", hits = {"interrogation"} } },
  },
}
