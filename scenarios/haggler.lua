-- 砍价的王女士：看中了一张实木床，一心想再便宜点。
-- 手册依据：001「应对讨价还价：突出产品的品质和带来的价值，减少客户对礼物或包邮之类的关注，
-- 一口价就是最低价」；002「希望价格优惠」问答表与“三明治”策略（先赞美，再讲价值，
-- 最后帮她申请一个小礼品促成交易）；003「少用不对、不可以、不行等生硬的词」。
--
-- 她怎么反应：
--   * 生硬拒绝（不行/不能便宜）或只说“不能便宜”不讲道理 → 她再砍一次，越来越不耐烦，三次就走；
--   * 讲价值（实木、用料、耐用）、讲统一定价、夸她有眼光 → 她软下来，改要包邮或小礼品；
--   * 帮她申请小礼品 → 她差不多定了；客气地拒绝礼品时看心情：心情好就定，不好就“再看看”走人；
--   * 定下来之前她还要问清两件事（手册 000「发货时间」、002「尺寸不对可不可以换？」）：
--     付款后几天发货、几天到，不合适能不能退换；一件件答清了她才拍，没答就再问，三次没答就走；
--   * 擅自让价 → 她得寸进尺再要更多；
--   * 跟她争辩 → 她走人；指责她 → 她投诉；“嫌贵就别买”这类打发人的话按冷淡（cold_reply）算；
--   * 问价没人答 → 她不耐烦地再问，三次没答就走；等太久 → “在吗？”“人呢？”，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "亲，这款实木床能便宜点吗？",
    "在吗亲～这个床最低多少钱呀？",
    "这床2999有点贵啊，能不能少点？",
  },
  reask_gentle = {
    "嗯嗯你好～就是想问下价格还能少点不？",
    "你好呀，我就想问能不能便宜点哈",
    "嗯，所以能便宜点吗亲？",
  },
  reask_price = {
    "我问的是能不能便宜点呀？",
    "你还没回答我呢，价格到底能不能少？",
    "……问你价格呢亲",
  },
  reask_gift = {
    "那包邮或者送点东西呢？你还没说呀",
    "我问能不能包邮，送点啥也行，你倒是说呀",
    "包邮呢？礼品呢？别光绕开嘛",
  },
  gives_up = {
    "问了半天也不回答，算了我去别家看看",
    "答非所问的……不买了",
    "算了算了，我再逛逛别家",
  },
  press_again = {
    "别家同款才两千五呢，再少点嘛",
    "就不能再便宜一点吗？少个两三百也行啊",
    "这么硬啊……我诚心要的，再便宜点呗",
  },
  press_mild = {
    "道理我懂啦，可三千块也不少了呀，再优惠点嘛",
    "嗯……那真的一点都不能少吗？",
    "好吧……可是我预算就两千五，能不能再想想办法呀",
  },
  softened = {
    "好吧，东西看着确实不错……那能包邮吗？",
    "行吧价格不动就不动，那送点啥呗？包个邮也行呀",
    "嗯嗯好吧～那总得送点小东西吧？或者包邮？",
  },
  ask_gift_again = {
    "真的啥都不送吗？枕头啥的也行呀",
    "一点表示都没有啊……那运费能少点不",
    "别家买床都送床垫罩的呢，你们啥都没有吗",
  },
  sulk = {
    "这么小气啊……",
    "哦，一点都不通融啊",
    "唉，问什么都是不行",
  },
  ask_ship = {
    "好嘞～那我再问问，付款后几天能发货呀？",
    "行，那下单以后大概多久能送到？",
    "嗯嗯，那发货快不快呀？几天能到？",
  },
  reask_ship = {
    "我问的是几天能发货呀？",
    "发货时间呢亲？你还没说",
    "……所以多久能到呀",
  },
  ask_return = {
    "还有哈，万一放进去尺寸不合适，能退能换吗？",
    "对了，收到要是不满意能退吗？",
    "那到了要是有磕碰呢？能退能修吗？",
  },
  reask_return = {
    "退换货呢？你还没说呀",
    "我问的是能不能退换呀",
    "售后到底怎么弄嘛",
  },
  takes_gift = {
    "哇那好吧～那我现在就拍了哈",
    "好嘞^_^ 那我拍了，礼品记得送哦",
    "行，看你这么诚心，我拍了哈，礼品别忘了呀",
  },
  buys = {
    "好吧好吧，那我拍了，1.8米胡桃色的",
    "行吧，那我现在拍，发货快点哈",
    "嗯那就定了，我去拍了哦",
  },
  buys_reluctant = {
    "好吧……那我还是拍了吧，发货快点哦",
    "唉行吧，就这样吧，我拍了",
    "那……好吧，反正也喜欢，我拍了",
  },
  thinks_leaves = {
    "那我再考虑考虑吧",
    "算了，我再看看别家的",
    "哦……那我再比比吧",
  },
  ask_more = {
    "才便宜这点啊？凑个整2800呗～",
    "那再包个邮嘛，反正都让了",
    "能便宜那就再少一百呗，我马上拍",
  },
  takes_deal = {
    "嘿嘿那行，我拍了哈",
    "这还差不多，拍了拍了",
    "好嘞，那我现在就拍",
  },
  deal_taken_back = {
    "刚才还能让，现在又不行了？",
    "怎么说变就变啊",
    "那你刚才说的算不算数嘛",
  },
  walks_away = {
    "这么不客气啊，那不买了",
    "一点余地都没有，算了我去别家了",
    "行吧，你们家这态度我也不敢买了",
  },
  rude = {
    "你这回得也太敷衍了吧",
    "嗯？就这？",
    "你们客服都这么说话的吗",
  },
  argued = {
    "我就问问价，你跟我争什么？不买了！",
    "你这什么态度，还跟顾客吵？算了",
    "行行行你说得都对，我不买了总行吧",
  },
  insulted = {
    "你怎么说话的？我要投诉你！",
    "说谁不懂呢？我去投诉你们客服",
    "这态度还做什么生意，我投诉了",
  },
  slow = {
    "回得好慢啊……",
    "等半天了亲！",
    "终于回了……",
  },
  nudge1 = { "在吗？", "亲？在不在呀", "人呢？" },
  nudge2 = { "还在吗？？", "怎么不回了呀", "喂～有人吗" },
  nudge3 = { "再不回我去别家了啊", "没人理我是吧", "我最多再等一下哦" },
}

-- 本次会话的状态（文件每次会话重新运行，所以这些 local 变量只属于这一次对话）
local pending = "price" -- 她正在等答复的问题："price" 价格 / "gift" 包邮或礼品
local pressed = 0       -- 被生硬、空口拒绝的次数
local convinced = 0     -- 被价值、统一定价、赞美打动的程度
local asked_gift = 0    -- 礼品被客气拒绝的次数

-- 回复里有没有谈到价格（技巧命中，或者至少提到了价格、价值）
local function talks_price(s, reply)
  local h = reply.hits
  return h.price_policy or h.value_over_price or h.small_gift or h.discount_offer
      or h.harsh_refusal
      or s:mentions(reply.norm, "价", "便宜", "优惠", "折", "贵", "少", "值", "品质", "质量",
                    "实木", "用料", "橡木")
end

-- 回复里有没有回应包邮或礼品
local function talks_gift(s, reply)
  local h = reply.hits
  return h.small_gift or h.discount_offer or h.price_policy or h.harsh_refusal
      or s:mentions(reply.norm, "礼", "邮", "运费", "送", "赠", "券", "活动", "物流")
end

local function closes(reply)
  local h = reply.hits
  return h.call_to_action or h.two_choice_close or h.urgency or h.scarcity or h.confirm_order
end


local function bargaining(s, reply)
  local h = reply.hits
  if h.small_gift then
    s:follow_up("decided", "takes_gift", "sale"); return
  end
  if h.discount_offer then
    -- 客服擅自让价：她得寸进尺
    s:go("greedy", "ask_more"); return
  end
  if not talks_price(s, reply) then
    s:reask("reask_price"); return
  end
  if h.harsh_refusal or h.cold_reply or h.interrogation
     or not (h.price_policy or h.value_over_price) then
    -- 只是拒绝，没讲道理：再砍一次，三次或心情太差就走
    pressed = pressed + 1
    if pressed >= 3 or (h.harsh_refusal and s:mood() < 20) then
      s:line("walks_away"); s:finish("left")
    elseif s:mood() < 20 then
      -- 不是被凶走的，是等烦了、聊不下去了
      s:line("thinks_leaves"); s:finish("left")
    elseif h.cold_reply or h.interrogation then
      s:line("rude")
    else
      s:go("bargaining", "press_again")
    end
    return
  end
  if convinced >= 2 then
    s:state("softened"); pending = "gift"; s:line("softened")
  else
    s:go("bargaining", "press_mild")
  end
end

local function softened(s, reply)
  local h = reply.hits
  if h.small_gift then
    s:follow_up("decided", "takes_gift", "sale"); return
  end
  if h.discount_offer then
    s:follow_up("decided", "takes_deal", "sale"); return
  end
  if not talks_gift(s, reply) and not closes(reply) then
    s:reask("reask_gift"); return
  end
  if h.harsh_refusal or h.cold_reply or h.interrogation then
    pressed = pressed + 1
    if pressed >= 3 or s:mood() < 35 then
      s:line("walks_away"); s:finish("left")
    else
      s:line("sulk")
    end
    return
  end
  if closes(reply) and s:mood() >= 55 then
    s:follow_up("decided", "buys", "sale"); return
  end
  -- 客气地说没有礼品：心情好就拍，不好就再磨一次，第二次还没有就看心情走或留
  asked_gift = asked_gift + 1
  if s:mood() >= 60 then
    s:follow_up("decided", "buys_reluctant", "sale")
  elseif asked_gift >= 2 then
    if s:mood() >= 45 then
      s:follow_up("decided", "buys_reluctant", "sale")
    else
      s:line("thinks_leaves"); s:finish("left")
    end
  else
    s:line("ask_gift_again")
  end
end

local function greedy(s, reply)
  local h = reply.hits
  if h.discount_offer or h.small_gift or h.price_policy or h.value_over_price then
    s:follow_up("decided", "takes_deal", "sale"); return
  end
  if not talks_price(s, reply) and not talks_gift(s, reply) then
    s:reask("reask_price"); return
  end
  if s:mood() >= 40 then
    s:follow_up("decided", "buys_reluctant", "sale")
  else
    s:line("deal_taken_back"); s:line("thinks_leaves"); s:finish("left")
  end
end

return {
  id = "haggler",
  title = "砍价的王女士",
  difficulty = 2,
  kind = "presale",
  persona = {
    name = "王女士",
    avatar = "王",
    description = "看中了一张实木床，一心想再便宜点，还想要包邮或送点东西",
    mood = 50,
    reask = {state = false},
    no_grumble = {"argued", "insulted"},  -- 受了冒犯当场就走，顾不上抱怨等得久
  },
  lines = lines,
  knows = {
    size = {"1.8米的，放主卧", "要1.8米的"},
    colour = {"原木色吧，我家地板浅", "想要原木色"},
    budget = {"我心里价位两千五左右", "预算就两千五上下"},
    room = {"主卧，四米宽，放1.8的没问题", "主卧，挺宽敞的"},
  },
  product = {
    name = "美乐乐 北欧白橡木实木双人床",
    price = 2999,
    stock = 48,
    colours = {"胡桃色", "原木色"},
    sizes = {"1.5米", "1.8米"},
    ship = "现货，付款后 3 天左右配货发出，物流 1-10 天到当地物流点",
    facts = {
      {"材质", "床架北美白橡木实木，排骨架床板"},
      {"价格", "一口价，公司统一定价，客服没有改价权限"},
      {"运费", "家具按体积走物流，以物流单为准，1.8 米床预估 150 元左右"},
      {"包邮", "大件家具不包邮"},
      {"礼品", "客服可向主管申请小礼品（乳胶枕一对）"},
      {"售后", "7 天无理由退货，15 天换货；物流损坏当地师傅上门维修"},
      {"销量", "本店最畅销的床，经常脱销"},
    },
  },
  scorecard = {
    principles = {
      {id = "value_over_price", weight = 12, required = true},
      {id = "price_policy", weight = 8},
      {id = "praise_customer", weight = 6},
      {id = "small_gift", weight = 8},
      {id = "warm_greeting", weight = 5},
      {id = "friendly_tone", weight = 8},
      {id = "call_to_action", weight = 4},
      {id = "polite_farewell", weight = 3},
      {id = "discount_offer", weight = 10},
      {id = "arguing", weight = 10},
      {id = "blame_customer", weight = 10},
      {id = "harsh_refusal", weight = 10},
      {id = "cold_reply", weight = 8},
      {id = "interrogation", weight = 4},
      {id = "long_reply", weight = 3},
      {id = "unreadable", weight = 5},
    },
    outcomes = {sale = 20, left = 0, escalated = 0},
  },
  states = {"opening", "bargaining", "softened", "greedy", "details", "decided"},
  -- 定下来之前她还要问清的事，按顺序一问一答；回复谈到 words 里的词才算答了
  follow_ups = {
    {ask = "ask_ship", reask = "reask_ship",
     words = {"几天", "天左右", "天到", "天内", "发货", "发出", "到货", "配货", "送到"}},
    {ask = "ask_return", reask = "reask_return",
     words = {"退", "换", "无理由", "售后", "维修", "师傅"}},
  },

  start = function(s)
    s:state("opening")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    -- 等得越久心情越差
    -- 红线：争辩她就走，指责她就投诉
    if h.blame_customer then s:go("decided", "insulted", "escalated"); return end
    -- （“嫌贵就别买”“爱买不买”在评分卡上是冷淡敷衍 cold_reply，不是争辩：下面按冷淡处理）
    if h.arguing then
      s:go("decided", "argued", "left"); return
    end
    if h.harsh_refusal then s:mood(-12) end
    if h.cold_reply then s:mood(-10) end
    if h.interrogation then s:mood(-15) end
    if h.long_reply then s:mood(-3) end
    if h.warm_greeting or h.friendly_tone then s:mood(3) end
    if h.praise_customer then s:mood(8); convinced = convinced + 1 end
    if h.value_over_price then s:mood(10); convinced = convinced + 2 end
    if h.price_policy then s:mood(4); convinced = convinced + 1 end
    if h.small_gift then s:mood(12) end
    -- 心情跌到谷底：不想再聊了
    if s:mood() <= 5 then s:go("decided", "thinks_leaves", "left"); return end

    local st = s:state()
    if st == "opening" or st == "bargaining" then
      bargaining(s, reply)
    elseif st == "softened" then
      softened(s, reply)
    elseif st == "greedy" then
      greedy(s, reply)
    elseif st == "details" and (h.harsh_refusal or h.cold_reply or h.interrogation) then
      -- 问细节时被冷落：不高兴就走，否则数落一句（其余的回复引擎按 follow_ups 接着问）
      if s:mood() < 35 then s:go("decided", "walks_away", "left") else s:line("rude") end
    end
  end,

  tests = {
    { name = "问1.5米还是1.8米：她说要1.8米",
      replies = { {after = 3, text = "亲，您要1.5米还是1.8米的呢？"} },
      expect = { says = "1.8米" } },
    { name = "讲价值、夸眼光、申请小礼品：她拍下",
      replies = {
        {after = 3, typing = 6, text = "亲，您好！欢迎光临美乐乐～您真有眼光，这款是我们卖得最好的床哦^_^"},
        {after = 4, typing = 10, text = "价格是公司统一定的，已经是最低价啦。床架是北美白橡木实木的，用料扎实，用十年都没问题哈"},
        {after = 4, typing = 10, text = "包邮确实做不了呢，运费是物流按体积算的。这样吧，我帮您跟主管申请一个小礼品，送您一对乳胶枕～"},
        {after = 3, typing = 8, text = "现货哦，付款后3天左右配货发出，物流1到10天到您当地"},
        {after = 3, typing = 8, text = "支持7天无理由退货、15天换货的，大件建议先量好尺寸哈"},
        {after = 3, typing = 6, text = "感谢您的信任！礼品给您备注好啦，祝您生活愉快哦^_^"},
      },
      expect = { outcome = "sale", score = {80, 100}, hits = {"value_over_price", "small_gift"},
                 no_hits = {"arguing", "discount_offer"}, says = "拍" } },
    { name = "好好接待也要答完她问的：四轮后她还在问退换，没拍",
      replies = {
        {after = 3, typing = 6, text = "亲，您好！欢迎光临美乐乐～您真有眼光，这款是我们卖得最好的床哦^_^"},
        {after = 4, typing = 10, text = "价格是公司统一定的，已经是最低价啦。床架是北美白橡木实木的，用料扎实，用十年都没问题哈"},
        {after = 4, typing = 10, text = "包邮确实做不了呢，运费是物流按体积算的。这样吧，我帮您跟主管申请一个小礼品，送您一对乳胶枕～"},
        {after = 3, typing = 8, text = "现货哦，付款后3天左右配货发出，物流1到10天到您当地"},
      },
      expect = { outcome = "incomplete", says = "退" } },
    { name = "一再生硬拒绝：她走了",
      replies = {
        {after = 4, text = "不行，不能便宜。"},
        {after = 4, text = "不行，不能便宜。"},
        {after = 4, text = "说了不行。"},
      },
      expect = { outcome = "left", hits = {"harsh_refusal"} } },
    { name = "跟她争辩：她走了",
      replies = {
        {after = 3, text = "您说得不对，我们的床根本不贵，别家那是便宜货"},
      },
      expect = { score = {0, 79}, outcome = "left", hits = {"arguing"} } },
    { name = "指责她：她投诉",
      replies = {
        {after = 3, text = "是您自己不懂行情，实木床就这个价"},
      },
      expect = { score = {0, 79}, outcome = "escalated", hits = {"blame_customer"} } },
    { name = "擅自让价：她要更多，最后拍下",
      replies = {
        {after = 3, text = "亲，那给您便宜50块吧"},
        {after = 4, text = "亲，价格是公司统一定的，已经是最低价了哈"},
        {after = 3, text = "付款后3天左右发货哦"},
        {after = 3, text = "支持7天无理由退货的"},
      },
      expect = { outcome = "sale", hits = {"discount_offer"}, says = "拍" } },
    { name = "让她等一分钟：她催了几次后走了",
      replies = {
        {after = 70, text = "亲，价格是公司统一定的哦"},
      },
      expect = { outcome = "left", says = "在" } },
  },
}
