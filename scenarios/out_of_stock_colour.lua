-- 想要金色的赵姐：她看中一只链条包，非要金色，可店里没有进金色。
-- 手册依据：000「巧妙反问，促成订单：顾客问‘这款有金色的吗？’这时你不可回答没有，
-- 而应该反问：‘不好意思我们没有进货，不过我们有黑色、紫色、蓝色的，在这几种颜色里，
-- 您比较喜欢哪一种呢？’」「帮助准顾客挑选」；002「以后还会有货吗？能推荐替代品，并下单，
-- 才是成功者」；003「少用不对、不可以、不行等生硬的词」。
--
-- 她怎么反应：
--   * 说没有金色，但马上给出别的颜色并反问她喜欢哪种 → 她开始考虑；
--   * 再帮她挑（显白、好搭）或来个二选一 → 她下单；
--   * 只回一句“没有” → 她问什么时候有货；再被一句“没有”打发 → 她走了；
--   * 冷淡、争辩、指责 → 她走；问题没人答 → 追问；被晾着 → 催，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "这款包有金色的吗？",
    "你好，这个链条包有没有金色呀？",
    "请问这款出金色吗？想配我那条裙子",
  },
  reask_gentle = {
    "你好～我想问有没有金色",
    "嗯，所以有金色吗？",
    "您好，就问下金色有没有货",
  },
  reask = {
    "我问的是金色有没有呀？",
    "金色到底有没有？你还没说",
    "有没有金色，给个准话嘛",
  },
  gives_up = {
    "问了几次都不回，算了",
    "好吧，那我去别家找金色的",
    "算了算了，不问了",
  },
  when_restock = {
    "啊，没有啊……那什么时候能有货？",
    "没金色啊，那以后会进吗？",
    "哎，那金色什么时候补呀？",
  },
  considering = {
    "嗯……紫色？紫色会不会很挑人啊",
    "黑色太普通了吧，紫色好看吗？",
    "蓝色我没想过哎，哪个更显白？",
  },
  almost = {
    "有道理～那我就要这个颜色吧，怎么拍？",
    "听你这么说还挺心动的～",
    "好像也不错哦，那就它吧？",
  },
  buys = {
    "行，就紫色了，我去拍～",
    "好吧被你说服了，拍了哈",
    "那就这个颜色，马上拍～",
  },
  leaves = {
    "那算了，我要的就是金色",
    "没有就算了，我去别家看看",
    "哦，那不买了",
  },
  rude = {
    "你这回答也太简单了吧",
    "就一句话啊……",
    "好冷淡哦",
  },
  insulted = {
    "我问个颜色，你这什么语气？不买了",
    "莫名其妙，走了",
    "这样说话谁还敢买，拜拜",
  },
  nudge1 = { "在吗？", "有人吗～", "你好？" },
  nudge2 = { "还在吗？", "怎么不回了", "人呢" },
  nudge3 = { "不回我就走了哦", "好吧我去别家问问", "再等一下下……" },
}

local denied = 0      -- 被一句“没有”打发的次数
local helped = 0      -- 得到的挑选帮助

-- 回复里有没有给出替代的颜色
local function offers_other(s, reply)
  return reply.hits.offer_alternative
      or (s:mentions(reply.norm, "黑色", "紫色", "蓝色", "其他颜色", "别的颜色", "另外")
          and s:mentions(reply.norm, "?", "吗", "呢", "哪"))
end

local function talks_colour(s, reply)
  return offers_other(s, reply) or reply.hits.harsh_refusal
      or s:mentions(reply.norm, "金", "颜色", "色", "没有", "没货", "缺货", "补货", "进货")
end

return {
  id = "out_of_stock_colour",
  title = "想要金色的赵姐",
  difficulty = 2,
  kind = "presale",
  persona = {
    name = "赵姐",
    avatar = "赵",
    description = "看中一只链条包，非要金色，可店里没有金色",
    mood = 55,
  },
  lines = lines,
  knows = {
    colour = {"就想要金色的，配我那条裙子", "金色最好，别的颜色没想过"},
    usage = {"参加朋友婚礼背", "周末约会背的"},
    budget = {"五百以内都行", "价格无所谓，好看就行"},
  },
  product = {
    name = "小羊皮链条斜挎包",
    price = 459,
    stock = 60,
    colours = {"黑色", "紫色", "蓝色"},
    sizes = {"均码 20cm"},
    ship = "当天 17 点前付款当天发，快递 2-3 天",
    facts = {
      {"金色", "没有进货，暂无补货计划"},
      {"紫色", "本季新色，显白，配浅色衣服好看"},
      {"黑色", "最百搭，通勤约会都合适"},
      {"蓝色", "雾霾蓝，夏天清爽"},
      {"售后", "7 天无理由退换"},
    },
  },
  scorecard = {
    principles = {
      {id = "offer_alternative", weight = 15, required = true},
      {id = "help_choose", weight = 8},
      {id = "recommend_with_reason", weight = 5},
      {id = "two_choice_close", weight = 6},
      {id = "warm_greeting", weight = 4},
      {id = "friendly_tone", weight = 5},
      {id = "harsh_refusal", weight = 8},
      {id = "cold_reply", weight = 8},
      {id = "unreadable", weight = 5},
      {id = "arguing", weight = 8},
      {id = "blame_customer", weight = 8},
      {id = "overpromise", weight = 4},
    },
    outcomes = {sale = 20, left = 0},
  },
  states = {"asking", "disappointed", "considering", "decided"},

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
    if h.cold_reply then s:mood(-10) end
    if s:mood() <= 5 then s:go("decided", "leaves", "left"); return end

    local st = s:state()
    if st == "considering" then
      if h.two_choice_close or h.call_to_action or (helped >= 1 and h.scarcity) then
        s:go("decided", "buys", "sale"); return
      end
      if h.help_choose or h.recommend_with_reason
         or s:mentions(reply.norm, "显白", "百搭", "好搭", "适合", "建议", "推荐") then
        helped = helped + 1
        s:mood(6)
        if helped >= 2 then s:go("decided", "buys", "sale")
        else s:line("almost") end
        return
      end
      if h.cold_reply or h.harsh_refusal then
        s:line("rude"); return
      end
      s:reask("considering", -4); return
    end

    -- asking / disappointed：她在等“金色有没有”的答复
    if offers_other(s, reply) then
      s:mood(8)
      s:go("considering", "considering"); return
    end
    if not talks_colour(s, reply) then
      s:reask(); return
    end
    -- 只说没有，不给替代：第一次她问补货，第二次就走
    denied = denied + 1
    s:mood(-10)
    if denied >= 2 or ((h.cold_reply or h.harsh_refusal) and s:mood() < 35) then
      s:go("decided", "leaves", "left")
    else
      s:go("disappointed", "when_restock")
    end
  end,

  tests = {
    { name = "问用途：她说配什么场合",
      replies = { {after = 3, text = "亲，您是想配什么场合背呢？"} },
      expect = { says = "背" } },
    { name = "巧妙反问、帮她挑、二选一：她买了别的颜色",
      replies = {
        {after = 3, typing = 9, text = "亲，不好意思金色我们没有进货，不过有黑色、紫色、蓝色，您比较喜欢哪一种呢？"},
        {after = 4, typing = 9, text = "紫色是这季新色，很显白的，配您的浅色裙子会很好看哦，我建议选紫色"},
        {after = 3, typing = 6, text = "那您是要紫色还是黑色呢？今天拍今天发哈"},
        {after = 3, typing = 5, text = "感谢您的光临，祝您生活愉快～"},
      },
      expect = { outcome = "sale", score = {80, 100}, hits = {"offer_alternative"}, says = "拍" } },
    { name = "一句“没有”打发两次：她走了",
      replies = {
        {after = 4, text = "没有。"},
        {after = 4, text = "没有金色，也不会补货"},
      },
      expect = { outcome = "left", no_hits = {"offer_alternative"} } },
    { name = "晾着她：她走了",
      replies = {
        {after = 70, text = "没有金色哦"},
      },
      expect = { outcome = "left" } },
  },
}
