-- 选择困难的小陈：看中一双跑鞋，颜色尺码翻来覆去拿不定主意，要有人帮她拿主意。
-- 手册依据：000「帮助准顾客挑选：暂时不谈订单，热情地帮对方挑选颜色、规格、式样」
-- 「二选其一：请问您需要第1款还是第2款？只要让顾客选中一个，其实就是帮他拿主意」
-- 「积极的推荐：附上推荐的理由」；003「开放式提问了解需求，封闭式问题锁定范围」；
-- 004「20% 的顾客离开是因为没有人去关心他们」。
--
-- 她怎么反应：
--   * 问她平时怎么穿（了解需求）→ 她说用途；帮她挑、带理由推荐 → 她倾向一个；
--   * 有了倾向后一个二选一（白蓝39还是40？）或“放心拍下”→ 她定了，可拍之前还要问清两件事
--     （手册 002「尺寸不对可不可以换？」、000「发货时间」）：不合脚能不能换码、几天能到；
--     一件件答清了才拍，没答就再问；
--   * 只说“都挺好看的，看您喜欢”这种不给主意的话 → 她越来越犹豫，三次就飘走了；
--   * 冷淡、生硬 → 她心里不舒服，更容易走；指责她 → 她不买了；
--   * 问题没人答 → 再问一遍带点小情绪；被晾着 → “在吗～”，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "亲～这双跑鞋白蓝和黑红哪个好看呀，纠结死了T_T",
    "在吗在吗，白蓝的和黑红的选哪个啊，我选择困难……",
    "想买这双跑鞋，可是白蓝黑红都喜欢，怎么办呀T_T",
  },
  reask_gentle = {
    "你好呀～所以哪个颜色好看嘛",
    "嗯嗯～那白蓝和黑红你觉得哪个好？",
    "哈喽～帮我看看哪个颜色好呗",
  },
  reask = {
    "你还没说哪个好看呢……",
    "所以到底选哪个嘛T_T",
    "问你颜色呢亲，帮我拿个主意呀",
  },
  reask_size = {
    "那尺码呢？我平时穿39的",
    "码数你还没说呀，39还是40？",
    "所以我穿多大码啊？",
  },
  gives_up = {
    "算了，我自己再纠结一会儿吧……",
    "好吧，没人帮我拿主意，我先不买了",
    "emmm 那我去别家问问吧",
  },
  tells_need = {
    "平时就下班夜跑，周末偶尔爬爬山～",
    "自己穿的，主要是跑步，有时候通勤也穿",
    "就日常跑跑步，偶尔去健身房",
  },
  leaning = {
    "嗯……有道理，那就白蓝吧？可是我平时穿39，这款码正吗？",
    "听你这么说我有点心动了～那尺码选39还是40呀？",
    "好像是哦！那我穿多大码合适？我一般39",
  },
  almost = {
    "好吧那就39……可是我还是有点犹豫T_T",
    "嗯嗯，那我再想一下下……",
    "好像可以了，但我就是下不了决心哈哈",
  },
  drifting = {
    "嗯……那我再想想吧",
    "好难选啊……我再看看",
    "都好看才纠结嘛……",
  },
  not_yet = {
    "呃，我还没想好要哪个呢",
    "等等，我还没决定颜色呀",
    "啊我还在纠结呢，别催嘛",
  },
  ask_exchange = {
    "嗯嗯就它了！不过万一穿着不合脚，能换码吗？",
    "好呀～那要是39穿着挤脚，可以换吗？",
    "行！就是怕尺码不对……到时候能换吗？",
  },
  reask_exchange = {
    "我是问不合脚能不能换呀～",
    "换码呢？你还没说T_T",
    "所以能换吗？",
  },
  ask_ship = {
    "那就放心啦～今天拍的话几天能到呀？周末想穿",
    "好哒！那大概几天能收到呀？",
    "嗯嗯～那发什么快递？几天到呀？",
  },
  reask_ship = {
    "几天能到呀？你还没说呢",
    "我问什么时候能收到呀～",
    "发货呢发货呢？",
  },
  buys = {
    "好！那就白蓝39码，我拍啦～",
    "那就这么定了，白蓝39，马上拍！",
    "听你的！我去拍了哈，谢谢你呀^_^",
  },
  hurt = {
    "哦……",
    "好吧，那我自己看吧",
    "这么冷淡啊……",
  },
  leaves = {
    "算了，我还是再逛逛吧，拜拜～",
    "那我先不买了，再看看别家",
    "嗯……我还是下次再说吧",
  },
  hurt_leaves = {
    "我就问问而已，干嘛这样说……不买了",
    "好凶啊，算了不买了",
    "我只是选不好，又没做错什么，走了",
  },
  slow = {
    "等了好久呀……",
    "你终于回我啦～",
    "我都快睡着了T_T ",
  },
  nudge1 = { "在吗～", "亲？", "还在吗？" },
  nudge2 = { "人呢人呢", "怎么不理我了T_T", "是不是很忙呀" },
  nudge3 = { "那我先去别家看看吧……", "再不回我就关页面啦", "好吧没人理我" },
}

local guided = 0     -- 得到的帮助（了解需求、帮选、推荐）
local drift = 0      -- 没得到主意的次数
local cold = 0       -- 被冷淡、生硬对待的次数（两次她就走）
local pending = "colour" -- 她在等的答案："colour" 颜色 / "size" 尺码 / "nothing"
local told_need = false


local function guides(s, reply)
  local h = reply.hits
  return h.help_choose or h.recommend_with_reason
      or s:mentions(reply.norm, "建议", "推荐", "更适合", "我觉得", "我会选", "选白", "选黑")
end

local function addresses(s, reply)
  if pending == "size" then
    return s:mentions(reply.norm, "码", "偏大", "偏小", "39", "40", "尺")
  end
  return s:mentions(reply.norm, "白", "黑", "颜色", "色", "好看", "款")
end

return {
  id = "indecisive_buyer",
  title = "选择困难的小陈",
  difficulty = 2,
  kind = "presale",
  persona = {
    name = "小陈",
    avatar = "陈",
    description = "看中一双跑鞋，颜色尺码拿不定主意，需要有人帮她挑",
    mood = 55,
    reask = {mood = -4},
    no_grumble = {"hurt_leaves"},  -- 受了冒犯当场就走，顾不上抱怨等得久
    wait_mood = {[20] = -5, [30] = -10},
  },
  lines = lines,
  knows = {
    size = {"平时穿38码，脚有点宽", "我一般38的，脚背有点高"},
    usage = {"主要下班跑跑步，周末也会穿出去逛", "自己穿，慢跑和通勤都想穿"},
    colour = {"白蓝和黑红都喜欢，就是拿不定T_T", "就在白蓝和黑红之间纠结"},
    budget = {"四百以内都可以", "价格还好，主要是选不出来"},
  },
  product = {
    name = "轻跑 2 代 缓震跑步鞋（女款）",
    price = 399,
    stock = 36,
    colours = {"白蓝", "黑红", "灰绿"},
    sizes = {"36", "37", "38", "39", "40"},
    ship = "当天 17 点前付款当天发，之后次日发，快递 2-3 天",
    facts = {
      {"尺码", "正码，脚背高或脚宽建议大半码"},
      {"适合", "缓震中底，适合日常慢跑、健走和通勤"},
      {"白蓝", "本季卖得最好的配色，百搭显干净；39 码库存不多"},
      {"黑红", "耐脏，适合户外和夜跑"},
      {"售后", "7 天无理由退货，15 天内可换码（非质量问题运费自理）"},
      {"赠品", "送一双运动袜"},
    },
  },
  scorecard = {
    principles = {
      {id = "help_choose", weight = 12, required = true},
      {id = "two_choice_close", weight = 10, required = true},
      {id = "recommend_with_reason", weight = 8},
      {id = "needs_discovery", weight = 6},
      {id = "warm_greeting", weight = 5},
      {id = "friendly_tone", weight = 8},
      {id = "scarcity", weight = 3},
      {id = "polite_farewell", weight = 3},
      {id = "arguing", weight = 8},
      {id = "blame_customer", weight = 10},
      {id = "harsh_refusal", weight = 10},
      {id = "cold_reply", weight = 10},
      {id = "long_reply", weight = 3},
      {id = "unreadable", weight = 5},
    },
    outcomes = {sale = 20, left = 0, escalated = 0},
  },
  states = {"browsing", "torn", "leaning", "details", "decided"},
  -- 拍之前她还要问清的事，按顺序一问一答；回复谈到 words 里的词才算答了
  follow_ups = {
    {ask = "ask_exchange", reask = "reask_exchange",
     words = {"换码", "换货", "可以换", "能换", "包换", "退", "无理由", "售后", "大半码"}},
    {ask = "ask_ship", reask = "reask_ship",
     words = {"几天", "天到", "天就到", "天左右", "发货", "发出", "当天", "就发", "快递", "到货", "明天", "今天"}},
  },

  start = function(s)
    s:state("browsing")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits

    if h.blame_customer or h.arguing then
      s:go("decided", "hurt_leaves", "left"); return
    end
    if h.warm_greeting or h.friendly_tone then s:mood(3) end
    if h.praise_customer then s:mood(4) end
    if h.long_reply then s:mood(-3) end
    -- 心情跌到谷底：不想再聊了
    if s:mood() <= 5 then s:go("decided", "leaves", "left"); return end

    if h.cold_reply or h.harsh_refusal or h.interrogation then
      s:mood(-12)
      drift = drift + 1
      cold = cold + 1
      if cold >= 2 or drift >= 3 or s:mood() < 30 then
        s:go("decided", "leaves", "left")
      else
        s:line("hurt")
      end
      return
    end

    if s:state() == "details" then return end -- 引擎按 follow_ups 接着问

    -- 问她平时怎么穿、自己穿还是送人：她先说说用途（这一步也算帮她）
    local asks_need = h.needs_discovery
        or s:mentions(reply.norm, "平时", "自己穿", "送人", "用途", "场合", "主要用")
    if asks_need and not told_need and not guides(s, reply) then
      told_need = true
      guided = guided + 1
      s:mood(4)
      s:go("torn", "tells_need"); return
    end

    local helped = guides(s, reply)
    local closing = h.two_choice_close
        or ((h.call_to_action or h.scarcity or h.urgency) and guided >= 2)

    -- 已经有人帮她拿了主意，再来一个二选一（或放心拍），她就下单
    if closing and (guided >= 1 or (helped and h.two_choice_close)) then
      s:follow_up("decided", "buys", "sale"); return
    end

    if helped then
      guided = guided + 1
      s:mood(6)
      if pending == "colour" then
        pending = "size"; s:go("leaning", "leaning")
      else
        pending = "nothing"; s:go("leaning", "almost")
      end
      return
    end

    if h.two_choice_close or h.call_to_action then
      -- 还没帮她挑就催她下单
      drift = drift + 1
      s:go("torn", "not_yet"); return
    end

    if pending ~= "nothing" and not addresses(s, reply) then
      drift = drift + 1
      if drift >= 3 then s:go("decided", "gives_up", "left"); return end
      s:reask(pending == "size" and "reask_size" or "reask"); return
    end

    -- 回答了，却没给主意（“都好看，看您喜欢”）：她越来越犹豫，三次就飘走
    if pending == "size" and s:mentions(reply.norm, "码", "偏大", "偏小", "39", "40") then
      guided = guided + 1
      pending = "nothing"; s:go("leaning", "almost"); return
    end
    drift = drift + 1
    if drift >= 3 or s:mood() < 30 then
      s:go("decided", "leaves", "left")
    else
      s:go("torn", "drifting")
    end
  end,

  tests = {
    { name = "问尺码：她说平时穿38码",
      replies = { {after = 3, text = "亲，您平时穿几码呀？"} },
      expect = { says = "38" } },
    { name = "了解需求、帮她挑、二选一：她下单",
      replies = {
        {after = 3, typing = 7, text = "亲，您好！欢迎光临～请问您平时主要是跑步穿还是通勤穿呢？"},
        {after = 4, typing = 9, text = "夜跑的话我建议选白蓝色，反光条更显眼，也是这季卖得最好的配色哦"},
        {after = 3, typing = 7, text = "这款是正码哈，您平时穿39就选39～"},
        {after = 3, typing = 6, text = "那给您拿白蓝39码，您看是今天拍还是明天拍呢？今天拍今天就发哦"},
        {after = 3, typing = 7, text = "可以的亲，15天内都能换码，放心穿～"},
        {after = 3, typing = 6, text = "17点前付款当天发，快递2到3天就到啦"},
        {after = 3, typing = 5, text = "感谢您的光临，祝您跑步愉快～"},
      },
      expect = { outcome = "sale", score = {80, 100}, hits = {"help_choose", "two_choice_close"}, says = "拍" } },
    { name = "帮她挑好了也要答完她问的：五轮后她还在问几天到，没拍",
      replies = {
        {after = 3, typing = 7, text = "亲，您好！欢迎光临～请问您平时主要是跑步穿还是通勤穿呢？"},
        {after = 4, typing = 9, text = "夜跑的话我建议选白蓝色，反光条更显眼，也是这季卖得最好的配色哦"},
        {after = 3, typing = 7, text = "这款是正码哈，您平时穿39就选39～"},
        {after = 3, typing = 6, text = "那给您拿白蓝39码，您看是今天拍还是明天拍呢？今天拍今天就发哦"},
        {after = 3, typing = 7, text = "可以的亲，15天内都能换码，放心穿～"},
      },
      expect = { outcome = "incomplete", says = "几天" } },
    { name = "不给主意：她飘走了",
      replies = {
        {after = 6, text = "两个颜色都挺好看的哦，看您喜欢哪个呢"},
        {after = 6, text = "都是很受欢迎的颜色呢"},
        {after = 6, text = "您自己喜欢最重要哈"},
      },
      expect = { outcome = "left", no_hits = {"help_choose"} } },
    { name = "冷冰冰：她走了",
      replies = {
        {after = 5, text = "随便"},
        {after = 5, text = "不知道，你自己看详情页"},
      },
      expect = { outcome = "left", hits = {"cold_reply"} } },
    { name = "晾着她：她走了",
      replies = {
        {after = 70, text = "亲，都挺好看的"},
      },
      expect = { outcome = "left" } },
  },
}
