-- 问尺码的孙女士：看中一双跑鞋，不知道穿多大码。写法是培训师照着 docs/scenario-api.md
-- 写的新人设：状态各管各的回复，等待、催促、再问一遍都用引擎的默认做法。
return {
  title = "问尺码的孙女士",
  difficulty = 1,
  kind = "presale",
  persona = {name = "孙女士", avatar = "孙", description = "看中一双跑鞋，不知道该拍哪个码", mood = 55},
  values = {length = "24.5", usual = "39", size = "39"},
  lines = {
    open = {"这双跑鞋我穿多大码啊？", "亲，这鞋码数准吗？我该拍几码", "跑鞋尺码怎么选呀"},
    reask_gentle = {"你好～就是想问下尺码", "在的，想问问码数怎么选"},
    reask = {"所以我拍几码？", "码数还没说呢", "到底选多大的？"},
    gives_up = {"算了，我去实体店试试吧", "那我再看看别家"},
    tells_length = {"我量了，脚长{length}厘米，平时穿{usual}码", "脚长大概{length}，一般穿{usual}的"},
    thinks = {"{size}码是吧，会不会挤脚？", "那我拍{size}码？偏大还是偏小啊"},
    buys = {"好，那我拍{size}码了，谢谢", "行，就{size}码，马上拍"},
    leaves = {"说话这么冲，不买了", "什么态度，算了"},
    slow = {"等了好久，", "终于回了，"},
    nudge1 = {"在吗？", "人呢？"}, nudge2 = {"还在吗亲", "有人吗"}, nudge3 = {"不理我我走了", "再不回我就不买了"},
  },
  product = {
    name = "轻跑 2 代跑步鞋（女款）", price = 299, stock = 90,
    colours = {"白粉", "全黑"}, sizes = {"35", "36", "37", "38", "39", "40"},
    ship = "当天 17 点前付款当天发",
    facts = { {"尺码", "标准码，脚长 24.5 厘米穿 39 码；脚背高建议大半码"}, {"售后", "15 天内免费换码"} },
  },
  scorecard = {
    principles = {
      {id = "needs_discovery", weight = 10, required = true},
      {id = "friendly_tone", weight = 6},
      {id = "call_to_action", weight = 5},
      {id = "cold_reply", weight = 8},
      {id = "harsh_refusal", weight = 8},
    },
    outcomes = {sale = 20, left = 0},
  },
  initial = "asking",
  states = {
    asking = {
      on_reply = function(s, reply)
        if reply.hits.cold_reply or reply.hits.harsh_refusal then s:go("decided", "leaves", "left") return end
        if s:mentions(reply.norm, "脚长", "量", "平时穿", "多大码", "几码", "尺码") then
          s:go("measured", "tells_length")
        else
          s:reask()
        end
      end,
    },
    measured = {
      on_reply = function(s, reply)
        local size = reply.norm:match("(3%d)码") or reply.norm:match("(40)码")
        if size then s:set("size", size); s:go("deciding", "thinks") else s:reask() end
      end,
    },
    deciding = {
      on_reply = function(s, reply)
        if s:mentions(reply.norm, "换码", "不挤", "标准", "刚好", "放心", "拍") then
          s:go("decided", "buys", "sale")
        else
          s:reask("thinks")
        end
      end,
    },
    decided = {},
  },
  start = function(s) s:line("open") end,

  tests = {
    { name = "问脚长、给码数、打消顾虑：她下单",
      replies = {
        {after = 3, text = "亲，您好！方便说下您的脚长或者平时穿几码吗？"},
        {after = 4, text = "那建议您拍39码，刚好合脚"},
        {after = 4, text = "这款是标准码，不挤脚的，而且15天内可以免费换码，放心拍哦"},
      },
      expect = { outcome = "sale", hits = {"needs_discovery"} } },
    { name = "一直不答尺码：她走了",
      replies = {
        {after = 3, text = "在的亲"}, {after = 3, text = "这款很好看哦"}, {after = 3, text = "卖得很好"},
      },
      expect = { outcome = "left" } },
    { name = "冷冰冰：她不买了",
      replies = { {after = 3, text = "自己看详情页"} },
      expect = { outcome = "left", hits = {"cold_reply"} } },
    { name = "问了脚长却不给码：她追问",
      replies = {
        {after = 3, text = "亲，您平时穿几码呀？"},
        {after = 4, text = "都可以的"},
      },
      expect = { outcome = "incomplete", says = "多大" } },
  },
}
