-- 怀疑正品的李小姐：想买一只真皮包，可网上假货太多，她要证据，不要口号。
-- 手册依据：002「关心品质」问答表（你家卖的是正品吗？怎么辨别呢？支持专柜验货吗？
-- 验货说是假的怎么处理呢？——答法：公司开设、工商备案、自有品牌、几万老顾客、假一罚十、
-- 正规发票，“证据说话”）；001「不要直接质问客户：您凭什么认为我们的产品不是正品？」
--
-- 她怎么反应：
--   * 拿出证据（旗舰店、工商备案、自有品牌、发票、假一罚十、专柜验货）→ 她一步步放心，
--     放心之后问发货，答了还要问清两件事（手册 002「发货前要帮忙检查下哦……包装是不是和
--     专柜的一样？」、「退换货」）：发货前查不查、包装怎样，不满意能不能退；一件件答清了才拍，
--     没答就再问；
--   * 只会说“肯定是正品”“放心吧”→ 她更怀疑，空口说三次她就走；说得太绝对也一样；
--   * 质问她“凭什么说是假的”→ 她直接走人；争辩 → 走人；指责她 → 投诉；“不信别买”按冷淡算；
--   * 答非所问 → 不耐烦地再问；被晾着 → 催，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "你好，这个包是正品吗？",
    "在吗？想问下你家卖的是正品吗",
    "这款包真皮的吧？是正品吗？网上假货太多了",
  },
  reask_gentle = {
    "你好。我就是想问是不是正品",
    "嗯，你好，所以是正品吗？",
    "你好～先说说是不是正品吧",
  },
  reask = {
    "我问的是正品的事，你还没回答呢",
    "emmm……别岔开话题，是不是正品？",
    "能先回答我的问题吗？怎么证明是正品",
  },
  gives_up = {
    "问了几遍都不正面回答，算了",
    "一直绕开不说，我更不敢买了，拜拜",
    "算了，去专柜买吧",
  },
  -- 她的追问，按手册的顺序一层层深入
  q_identify = {
    "那怎么辨别呢？网上都说自己是正品",
    "嗯……那我怎么知道不是A货？",
    "好吧，可是有什么能证明的吗？",
  },
  q_counter = {
    "支持专柜验货吗？验出来是假的怎么办？",
    "那要是拿去专柜验，说是假的怎么处理？",
    "万一验货是假的，你们怎么赔？",
  },
  q_invoice = {
    "有发票吗？正规的那种",
    "能开发票吗？",
    "那发票能开吗？我要正规发票",
  },
  doubt = {
    "每家都说自己是正品啊，你拿什么证明？",
    "光说是正品没用呀……有凭证吗？",
    "口说无凭哦，有什么依据吗",
  },
  doubt_more = {
    "说得这么绝对，我反而更不放心了",
    "越说越像卖假货的……",
    "emmm 这种话我听多了",
  },
  convinced = {
    "嗯，这样我就放心多了。那今天拍什么时候能发货？",
    "好吧，那我信你一次～现在拍的话几天能到？",
    "行，有发票有验货我就放心了。什么时候发货呀？",
  },
  reask_ship = {
    "我问什么时候发货呢？",
    "发货时间呢？你还没说",
    "所以哪天能发？",
  },
  ask_check = {
    "好。那发货前能帮我检查下吗？五金走线别有瑕疵，包装是专柜那种吗？",
    "嗯，还有，发货前会验一下吗？有没有防尘袋？",
    "OK。那发出来之前能帮我查查有没有划痕吗？包装怎么样？",
  },
  reask_check = {
    "我问发货前会不会检查呀？",
    "检查和包装呢？你还没说",
    "所以发之前查不查？",
  },
  ask_return = {
    "最后问一下，收到要是觉得皮料不对，能退吗？",
    "万一背着不喜欢，可以退吗？",
    "要是到手发现有问题呢？能退换吧？",
  },
  reask_return = {
    "能不能退你还没说呢",
    "我问的是退货呀？",
    "退换呢？",
  },
  buys = {
    "好的，那我拍了，黑色那只",
    "OK，我现在拍，记得开发票哦",
    "行，拍了，别让我失望哦",
  },
  buys_anyway = {
    "那我先拍了，发货记得快点哦",
    "好吧，我拍了，早点发货呀",
    "行，先拍了，发货了告诉我一声",
  },
  rude = {
    "……你这回复也太随便了",
    "这态度，我更担心了",
    "好冷淡啊",
  },
  leaves_suspicious = {
    "算了，感觉不太靠谱，不买了",
    "还是不放心，我去专柜看看吧",
    "算了算了，万一是假的我哭都没地方哭",
  },
  interrogated = {
    "我就问问，你这是质问我吗？不买了",
    "问一句都不行？什么态度，走了",
    "我有说是假的吗？这么凶，算了",
  },
  argued = {
    "我就是问问，你跟我争什么？算了",
    "你这么急着辩解，更像假的了，不买了",
    "行，你说得都对，我不买了",
  },
  insulted = {
    "你什么意思？我要投诉你",
    "这样跟顾客说话？我去投诉了",
    "服务这么差，投诉你们",
  },
  slow = {
    "回复好慢……",
    "等了好久。",
    "怎么这么久才回？",
  },
  nudge1 = { "在吗？", "你好？", "有人吗？" },
  nudge2 = { "还在吗？", "人呢……", "怎么不说话了" },
  nudge3 = { "不回的话我就走了", "这么久不回，是心虚吗", "再等一分钟" },
}

-- 本次会话的状态
local questions = {"q_identify", "q_counter", "q_invoice"} -- 她的追问，一层层来
local asked = 0        -- 已经追问到第几个
local trust = 0        -- 证据攒下的信任
local suspicion = 0    -- 空口保证攒下的怀疑


-- 一条回复里拿出了几样证据（手册 002 的答法）
local function evidence_count(s, reply)
  local n = 0
  local kinds = {
    {"旗舰店", "官方", "公司开", "天猫店", "公司名义", "自营"},
    {"备案", "工商", "营业执照"},
    {"自有品牌", "自己的品牌", "品牌方"},
    {"发票"},
    {"假一罚十", "假一赔十"},
    {"专柜验货", "验货"},
    {"几万", "老顾客", "没有一件假货", "零投诉"},
  }
  for _, words in ipairs(kinds) do
    if s:mentions(reply.norm, table.unpack(words)) then n = n + 1 end
  end
  return n
end

-- 回复有没有谈到正品这件事
local function talks_authenticity(s, reply)
  return reply.hits.authenticity_proof or reply.hits.overpromise
      or s:mentions(reply.norm, "正品", "真", "假", "放心", "品牌", "发票", "验货", "专柜",
                    "质量", "皮", "保证")
end


local function next_question(s)
  asked = asked + 1
  if asked > #questions then asked = #questions end
  s:line(questions[asked])
end

local function doubting(s, reply)
  local h = reply.hits
  local ev = evidence_count(s, reply)
  if not h.authenticity_proof and ev == 0 and not talks_authenticity(s, reply) then
    s:reask("reask"); return
  end
  if h.authenticity_proof or ev > 0 then
    -- 证据说话：一条回复最多算两份
    local gain = ev >= 2 and 2 or 1
    trust = trust + gain
    s:mood(8 * gain)
  else
    -- 只有口号
    suspicion = suspicion + 1
    s:mood(-8)
  end
  if h.overpromise then suspicion = suspicion + 1; s:mood(-5) end
  if h.harsh_refusal or h.cold_reply then suspicion = suspicion + 1 end

  if suspicion >= 3 or s:mood() < 15 then
    s:go("decided", "leaves_suspicious", "left"); return
  end
  if trust >= 3 and trust > suspicion then
    s:go("convinced", "convinced"); return
  end
  if h.cold_reply or h.harsh_refusal then
    s:line("rude")
  elseif not (h.authenticity_proof or ev > 0) then
    s:state("suspicious")
    if h.overpromise then s:line("doubt_more") else s:line("doubt") end
  else
    s:state("probing"); next_question(s)
  end
end

local function convinced(s, reply)
  local h = reply.hits
  local ship = s:mentions(reply.norm, "发货", "发出", "寄", "快递", "天", "明天", "今天", "到货",
                          "顺丰", "物流")
  if h.call_to_action or h.two_choice_close or h.urgency or ship then
    s:follow_up("decided", "buys", "sale"); return
  end
  if h.cold_reply or h.harsh_refusal then
    s:mood(-5)
    if s:mood() < 30 then s:line("leaves_suspicious"); s:finish("left"); return end
  elseif s:mood() >= 50 then
    -- 她已经放心了，发货时间没答也不至于不买，只是叮嘱一句
    s:follow_up("decided", "buys_anyway", "sale"); return
  end
  s:reask("reask_ship")
end

return {
  id = "authenticity_skeptic",
  title = "怀疑正品的李小姐",
  difficulty = 3,
  kind = "presale",
  persona = {
    name = "李小姐",
    avatar = "李",
    description = "想买一只真皮托特包，担心买到假货，要证据不要口号",
    mood = 45,
    reask = {state = false},
    no_grumble = {"insulted", "interrogated", "argued"},  -- 受了冒犯当场就走，顾不上抱怨等得久
  },
  lines = lines,
  knows = {
    colour = {"我想要焦糖色的", "看中的是焦糖色"},
    size = {"中号就够了，32cm 那个", "中号吧，装电脑不用"},
    usage = {"自己上班背，通勤用", "平时上班用的"},
  },
  product = {
    name = "简朵 头层牛皮托特包",
    price = 899,
    stock = 120,
    colours = {"黑色", "焦糖色", "米白色"},
    sizes = {"中号 32cm", "大号 38cm"},
    ship = "广东发货，当天 18 点前付款次日发出，快递 2-4 天到",
    facts = {
      {"店铺", "公司开设的天猫旗舰店，工商有备案"},
      {"品牌", "本公司自有品牌"},
      {"验货", "支持专柜验货，假一罚十"},
      {"发票", "可开正规发票，下单时留言"},
      {"口碑", "累计几万老顾客，没有收到一件假货投诉"},
      {"材质", "头层牛皮，五金不掉色"},
      {"吊牌", "自有品牌吊牌随包附上"},
      {"售后", "7 天无理由退货"},
    },
  },
  scorecard = {
    principles = {
      {id = "authenticity_proof", weight = 16, required = true},
      {id = "warm_greeting", weight = 5},
      {id = "friendly_tone", weight = 8},
      {id = "call_to_action", weight = 4},
      {id = "polite_farewell", weight = 3},
      {id = "overpromise", weight = 6},
      {id = "interrogation", weight = 8},
      {id = "arguing", weight = 10},
      {id = "blame_customer", weight = 10},
      {id = "harsh_refusal", weight = 10},
      {id = "cold_reply", weight = 8},
      {id = "long_reply", weight = 3},
      {id = "unreadable", weight = 5},
    },
    outcomes = {sale = 20, left = 0, escalated = 0},
  },
  states = {"doubting", "probing", "suspicious", "convinced", "details", "decided"},
  -- 拍之前她还要问清的事，按顺序一问一答；回复谈到 words 里的词才算答了
  follow_ups = {
    {ask = "ask_check", reask = "reask_check",
     words = {"检查", "质检", "查", "防尘袋", "包装", "礼盒", "盒"}},
    {ask = "ask_return", reask = "reask_return", words = {"退", "换", "无理由", "售后"}},
  },

  start = function(s)
    s:state("doubting")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    -- 红线
    if h.blame_customer then s:go("decided", "insulted", "escalated"); return end
    if h.interrogation then s:go("decided", "interrogated", "left"); return end
    -- （“不信别买”“爱信不信”在评分卡上是冷淡、生硬，不是争辩：下面按冷淡处理）
    if h.arguing then
      s:go("decided", "argued", "left"); return
    end
    if h.cold_reply then s:mood(-10) end
    if h.harsh_refusal then s:mood(-10) end
    if h.long_reply then s:mood(-3) end
    if h.warm_greeting or h.friendly_tone then s:mood(3) end
    -- 心情跌到谷底：不想再聊了
    if s:mood() <= 5 then s:go("decided", "leaves_suspicious", "left"); return end

    if s:state() == "convinced" then
      convinced(s, reply)
    elseif s:state() == "details" then
      -- 问细节时被冷落：不高兴就走，否则数落一句（其余的回复引擎按 follow_ups 接着问）
      if h.harsh_refusal or h.cold_reply then
        if s:mood() < 30 then s:go("decided", "leaves_suspicious", "left") else s:line("rude") end
      end
    else
      doubting(s, reply)
    end
  end,

  tests = {
    { name = "问颜色：她说要焦糖色",
      replies = { {after = 3, text = "亲，您好！您想要什么颜色的呢？"} },
      expect = { says = "焦糖色" } },
    { name = "拿出证据：她放心下单",
      replies = {
        {after = 3, typing = 8, text = "亲，您好！欢迎光临简朵旗舰店～我们是公司开的天猫旗舰店，工商有备案哦"},
        {after = 4, typing = 9, text = "卖的都是我们自有品牌，支持专柜验货，假一罚十，还可以开正规发票呢"},
        {after = 3, typing = 7, text = "今天18点前付款明天就发货哦，喜欢的话就放心拍下吧^_^"},
        {after = 3, typing = 7, text = "发货前都会逐个质检五金和走线，配防尘袋和礼盒包装哦"},
        {after = 3, typing = 6, text = "支持7天无理由退货的，您放心～"},
        {after = 3, typing = 5, text = "感谢您的信任，祝您生活愉快，欢迎下次再来哦"},
      },
      expect = { outcome = "sale", score = {80, 100}, hits = {"authenticity_proof"}, no_hits = {"interrogation"},
                 says = "拍" } },
    { name = "拿出证据也要答完她问的：四轮后她还在问退货，没拍",
      replies = {
        {after = 3, typing = 8, text = "亲，您好！欢迎光临简朵旗舰店～我们是公司开的天猫旗舰店，工商有备案哦"},
        {after = 4, typing = 9, text = "卖的都是我们自有品牌，支持专柜验货，假一罚十，还可以开正规发票呢"},
        {after = 3, typing = 7, text = "今天18点前付款明天就发货哦，喜欢的话就放心拍下吧^_^"},
        {after = 3, typing = 7, text = "发货前都会逐个质检五金和走线，配防尘袋和礼盒包装哦"},
      },
      expect = { outcome = "incomplete", says = "退" } },
    { name = "只会空口保证：她越来越怀疑，走了",
      replies = {
        {after = 5, text = "肯定是正品啦，放心吧"},
        {after = 5, text = "真的是正品，绝对没问题的"},
        {after = 5, text = "亲，我们家都是正品，放心买"},
      },
      expect = { outcome = "left", no_hits = {"authenticity_proof"} } },
    { name = "质问她：她直接走",
      replies = {
        {after = 4, text = "您凭什么说我们是假货？"},
      },
      expect = { outcome = "left", hits = {"interrogation"} } },
    { name = "指责她：她投诉",
      replies = {
        {after = 4, text = "是您自己不懂皮具，看不出真假就别乱说"},
      },
      expect = { score = {0, 79}, outcome = "escalated", hits = {"blame_customer"} } },
  },
}
