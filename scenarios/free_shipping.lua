-- 非要包邮的刘先生：一双跑鞋 179 元，差一点不到包邮线，他咬定“不包邮就不买”。
-- 手册依据：002「能不能给包个邮：我们是全场满200就包邮的；有的店铺是280才免邮，
-- 我们已经为顾客考虑好多了哟；未满的，建议看看其他商品，这时候做主动推荐」；
-- 001「减少客户对礼物或包邮之类的关注」「郵費松了影響公司收益，緊了直接影響轉化率」；
-- 002「客服是没有权利议价的」。
--
-- 他怎么反应：
--   * 讲清包邮政策（满 200 包邮）→ 他嫌差一点，要你通融；
--   * 建议他凑单（加一双袜子、鞋垫正好过线）→ 他觉得划算，下单；
--   * 客服擅自答应包邮 → 他当然马上拍（可这是擅自让价，要扣分）；
--   * 生硬地“不包邮”→ 他不爽，再来一次就走；冷淡、争辩、指责 → 走人；
--   * 问题没人答 → 追问；被晾着 → 催，过了耐心就走。

-- 他说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "这鞋包邮不？",
    "在吗，这双跑鞋包不包邮",
    "老板，179包邮吧？",
  },
  reask_gentle = {
    "你好。包邮吗？",
    "嗯，就问包不包邮",
    "你好，运费怎么算？包邮不",
  },
  reask = {
    "问你包不包邮呢",
    "包邮的事你还没说啊",
    "到底包不包邮？",
  },
  gives_up = {
    "问三遍不回答，算了",
    "行吧，不问了，别家买",
    "懒得等了，走了",
  },
  short_of = {
    "就差二十来块，通融下呗？",
    "才差一点，包了吧，下次还来",
    "满200？我这179，差不多了嘛，包一下呗",
  },
  pushes = {
    "这年头谁家不包邮啊",
    "运费还要我自己出？别家都包",
    "不包邮我就去别家了啊",
  },
  adds_item = {
    "袜子多少？行，那加一双袜子凑够，拍了",
    "凑单也行，那我加一双袜子再加个鞋垫，这就拍",
    "哈，这主意可以，我加双袜子，拍了",
  },
  takes_free = {
    "爽快！那我拍了",
    "这才对嘛，马上拍",
    "行，包邮就拍，等着",
  },
  takes_gift = {
    "送东西也行吧，那我拍了",
    "好吧，有赠品我就不计较运费了，拍了",
    "行，那就这样，拍了",
  },
  grudging = {
    "行吧，我自己凑一下，拍了",
    "算了，不就十块钱，拍了",
    "好吧好吧，那就这样拍了",
  },
  leaves = {
    "那算了，我去别家看看",
    "不包邮就算了",
    "行，那不买了",
  },
  rude = {
    "你这态度……",
    "就这么回我？",
    "真够冷淡的",
  },
  insulted = {
    "什么态度，不买了",
    "我问个包邮你跟我吵？走了",
    "行，我走，别后悔",
  },
  slow = {
    "回得真慢，",
    "等半天，",
    "总算回了，",
  },
  nudge1 = { "在吗", "人呢", "？" },
  nudge2 = { "还在不", "回个话啊", "有人没" },
  nudge3 = { "不回我走了", "再等一下不回就算了", "别家客服秒回的" },
}

local pushed = 0      -- 被生硬拒绝的次数
local asked = 0       -- 被客气拒绝后又磨了几次


local function talks_shipping(s, reply)
  local h = reply.hits
  return h.price_policy or h.discount_offer or h.small_gift or h.harsh_refusal or h.related_sale
      or s:mentions(reply.norm, "包邮", "邮费", "运费", "免邮", "满", "快递费")
end

-- 建议凑单：加购别的商品正好过包邮线（002：未满的，建议看看其他商品）
local function suggests_adding(s, reply)
  return reply.hits.related_sale
      or s:mentions(reply.norm, "凑单", "凑一下", "凑个", "加一双", "加个", "袜子", "鞋垫", "搭配")
end

return {
  id = "free_shipping",
  title = "非要包邮的刘先生",
  difficulty = 2,
  kind = "presale",
  persona = {
    name = "刘先生",
    avatar = "刘",
    description = "一双 179 元的跑鞋，差一点不到包邮线，咬定不包邮就不买",
    mood = 50,
    no_grumble = {"insulted"},  -- 受了冒犯当场就走，顾不上抱怨等得久
  },
  lines = lines,
  knows = {
    size = {"42码", "我穿42的"},
    colour = {"黑白的", "要黑白配色"},
    usage = {"自己跑步穿", "平时晨跑用"},
  },
  product = {
    name = "透气网面跑步鞋（男款）",
    price = 179,
    stock = 200,
    colours = {"黑白", "全黑", "深蓝"},
    sizes = {"39", "40", "41", "42", "43", "44"},
    ship = "当天 17 点前付款当天发，快递 2-3 天",
    facts = {
      {"包邮", "全店满 200 元包邮，不满收运费 10 元"},
      {"凑单", "运动袜 29 元/双，鞋垫 19 元/双"},
      {"价格", "公司统一定价，客服没有改价权限"},
      {"售后", "7 天无理由，15 天换码"},
    },
  },
  scorecard = {
    principles = {
      {id = "related_sale", weight = 12, required = true},
      {id = "price_policy", weight = 8},
      {id = "call_to_action", weight = 5},
      {id = "small_gift", weight = 4},
      {id = "warm_greeting", weight = 4},
      {id = "friendly_tone", weight = 5},
      {id = "discount_offer", weight = 12},
      {id = "harsh_refusal", weight = 8},
      {id = "cold_reply", weight = 8},
      {id = "unreadable", weight = 5},
      {id = "arguing", weight = 8},
      {id = "blame_customer", weight = 8},
    },
    outcomes = {sale = 20, left = 0},
  },
  states = {"asking", "haggling", "decided"},

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

    if h.discount_offer then s:go("decided", "takes_free", "sale"); return end
    if suggests_adding(s, reply) then
      s:go("decided", "adds_item", "sale"); return
    end
    if h.small_gift then s:go("decided", "takes_gift", "sale"); return end

    if not talks_shipping(s, reply) then
      s:reask(); return
    end

    if h.harsh_refusal or h.cold_reply then
      pushed = pushed + 1
      s:mood(-12)
      if pushed >= 2 or s:mood() < 25 then s:go("decided", "leaves", "left")
      elseif h.cold_reply then s:line("rude")
      else s:go("haggling", "pushes") end
      return
    end

    -- 讲了政策但没给办法：他磨一次；再被客气拒绝就看心情
    asked = asked + 1
    s:state("haggling")
    if asked == 1 then
      s:line("short_of")
    elseif s:mood() >= 45 or h.call_to_action then
      s:go("decided", "grudging", "sale")
    else
      s:go("decided", "leaves", "left")
    end
  end,

  tests = {
    { name = "问尺码：他说穿42码",
      replies = { {after = 3, text = "亲，您好！您穿多大码呢？"} },
      expect = { says = "42" } },
    { name = "讲政策再建议凑单：他加购下单",
      replies = {
        {after = 3, typing = 8, text = "亲，您好！我们是全店满200包邮的哦，这双是179呢"},
        {after = 3, typing = 9, text = "您可以再加一双运动袜，29元，凑单刚好过200就包邮啦，很多顾客一起拍的"},
        {after = 3, typing = 5, text = "感谢您的支持，祝您跑步愉快～"},
      },
      expect = { outcome = "sale", score = {80, 100}, hits = {"related_sale"}, no_hits = {"discount_offer"},
                 says = "拍" } },
    { name = "擅自包邮：他拍了，但算擅自让价",
      replies = {
        {after = 3, text = "行，给您包邮吧"},
      },
      expect = { outcome = "sale", hits = {"discount_offer"} } },
    { name = "生硬不包邮两次：他走了",
      replies = {
        {after = 4, text = "不包邮。"},
        {after = 4, text = "不行，不包邮"},
      },
      expect = { outcome = "left", hits = {"harsh_refusal"} } },
    { name = "晾着他：他走了",
      replies = {
        {after = 70, text = "满200包邮哦"},
      },
      expect = { outcome = "left" } },
  },
}
