-- 少了配件的郑女士：儿童床送到了，装到一半发现少了一根床板横条和一包螺丝。
-- 手册依据：000「少件：如果客户收到产品发现少件，请客户拍下外包装，和客户一起确认缺少的
-- 是什么件，做一个大致整理，然后交给售后部门」「诚恳、致歉……第一时间安抚好客户，给出大致
-- 解决方案，并要求客户拍上出问题的照片」；001「主动承认错误」「不要直接质问客户」。
--
-- 她怎么反应：
--   * 先道歉 → 她说说有多着急；请她拍外包装和缺的配件 → 她发照片；
--   * 承认是漏发、给出补发（加急）或师傅上门的方案，且道过歉或承认过 → 她接受，解决；
--     只给方案没道歉也没承认 → 她要一句说法；
--   * 质问她“您确定少了吗”→ 她很不高兴；两次冷淡或生硬 → 投诉；
--   * 怀疑她自己弄丢了、指责她、跟她争 → 投诉（escalated）；
--   * 问题没人答 → 追问；被晾着 → 催，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "你好，床到了，装到一半发现少了一根横条和一包螺丝，怎么办？",
    "在吗？儿童床少件了，床板横条缺一根，螺丝也少一包",
    "你们发的床少了配件，装不起来了！",
  },
  reask_gentle = {
    "你好。床少了配件，怎么处理？",
    "嗯你好，就是少件的事",
    "你好，少的配件怎么办呀",
  },
  reask = {
    "少的配件怎么办啊？",
    "你还没说怎么处理呢",
    "我问的是少件怎么解决",
  },
  gives_up = {
    "问了半天没个说法，我去投诉了",
    "算了，我直接申请售后投诉",
    "不想说了，投诉处理吧",
  },
  worried = {
    "孩子今晚都没地方睡了，那现在怎么办？",
    "东西拆了一地，装不起来，你说怎么弄？",
    "我请了半天假在家装床的，现在卡住了，怎么办？",
  },
  photos = {
    "拍好了，你看[图片][图片] 外包装写的3件，我只收到2件",
    "[图片][图片] 这是包装和配件清单，横条和螺丝都没有",
    "照片发你了[图片] 清单上有，实物没有",
  },
  want_word = {
    "补发是应该的，可你们漏发了总得说一声吧？",
    "就这样？连句不好意思都没有？",
    "东西是你们漏发的，态度呢？",
  },
  still_waiting = {
    "那大概什么时候能到？",
    "几天能寄到啊？孩子等着睡呢",
    "能不能快一点？",
  },
  resolved = {
    "好吧，那麻烦尽快寄过来，单号发我一下",
    "行，那就补发吧，加急啊，谢谢",
    "嗯，这样可以，等你们的快递",
  },
  questioned = {
    "我还能骗你吗？包装上写得清清楚楚",
    "你什么意思？我自己数了三遍",
    "不信你看照片啊，这还用问？",
  },
  rude = {
    "你这回得也太随便了吧",
    "就这样？",
    "能不能认真点",
  },
  escalates = {
    "你是说我自己弄丢了？我要投诉",
    "漏发了还怪我？差评加投诉",
    "这什么态度，我去投诉你们",
  },
  slow = {
    "等了好久，",
    "回得好慢，",
    "你终于回了，",
  },
  nudge1 = { "在吗？", "人呢？", "你好？" },
  nudge2 = { "还在吗？", "怎么不回了", "等着呢" },
  nudge3 = { "再不回我就投诉了", "没人管了是吧", "最后等一下" },
}

local apologized = false
local owned = false       -- 承认是店里漏发
local photos = false
local remedy = false
local strikes = 0



local function addresses(s, reply)
  local h = reply.hits
  return h.apology or h.empathy or h.concrete_solution or h.evidence_request or h.reassure
      or h.take_responsibility or h.escalate
      or s:mentions(reply.norm, "补发", "补寄", "寄", "配件", "横条", "螺丝", "处理", "售后")
end

return {
  id = "missing_part",
  title = "少了配件的郑女士",
  difficulty = 3,
  kind = "aftersale",
  persona = {
    name = "郑女士",
    avatar = "郑",
    description = "儿童床装到一半发现少了横条和螺丝，孩子今晚没地方睡",
    mood = 35,
    reask = {state = "escalated", outcome = "escalated"},
    no_grumble = {"escalates"},  -- 受了冒犯当场就走，顾不上抱怨等得久
  },
  lines = lines,
  knows = {
    order = {"订单号 20261201-7390", "单号是 20261201-7390"},
    happened = {"少了一根床板横条，还有一包螺丝", "缺一根横条和一包五金螺丝，只收到两个包裹"},
    when = {"昨天下午签收的", "昨天到的"},
  },
  product = {
    name = "美乐乐 实木儿童床 1.2 米",
    price = 1899,
    stock = 25,
    colours = {"原木色"},
    sizes = {"1.2米"},
    ship = "已签收（共 3 件，客户收到 2 件）",
    facts = {
      {"问题", "缺一根床板横条和一包五金螺丝（第 3 件包裹）"},
      {"凭证", "请客户拍外包装、配件清单和已收到的配件"},
      {"方案", "补发缺少的配件，可加急顺丰；需要时当地师傅上门安装"},
      {"时效", "补件 2-3 天寄出，加急次日发"},
      {"费用", "漏发由店铺承担全部运费"},
    },
  },
  scorecard = {
    principles = {
      {id = "evidence_request", weight = 10, required = true},
      {id = "concrete_solution", weight = 10, required = true},
      {id = "take_responsibility", weight = 8},
      {id = "apology", weight = 8},
      {id = "reassure", weight = 5},
      {id = "empathy", weight = 4},
      {id = "friendly_tone", weight = 3},
      {id = "polite_farewell", weight = 3},
      {id = "blame_customer", weight = 12},
      {id = "arguing", weight = 10},
      {id = "interrogation", weight = 6},
      {id = "cold_reply", weight = 6},
      {id = "unreadable", weight = 5},
      {id = "harsh_refusal", weight = 6},
    },
    outcomes = {resolved = 20, left = 0, escalated = 0},
  },
  states = {"upset", "explaining", "waiting_fix", "resolved", "escalated"},

  start = function(s)
    s:state("upset")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    -- 怀疑她自己弄丢、指责、争辩：投诉
    if h.blame_customer or h.arguing then
      s:go("escalated", "escalates", "escalated"); return
    end
    if h.apology then apologized = true; s:mood(10) end
    if h.take_responsibility then owned = true; s:mood(10) end
    if h.empathy then s:mood(6) end
    if h.reassure then s:mood(5) end
    if h.friendly_tone then s:mood(2) end

    if h.interrogation or h.cold_reply or h.harsh_refusal then
      strikes = strikes + 1
      s:mood(-12)
      if strikes >= 2 or (s:mood() <= 0 and reply.turn >= 2) then s:go("escalated", "gives_up", "escalated"); return end
      s:line(h.interrogation and "questioned" or "rude"); return
    end
    if s:mood() <= 0 and reply.turn >= 2 then s:go("escalated", "gives_up", "escalated"); return end

    if not addresses(s, reply) then
      s:reask(); return
    end

    if h.evidence_request and not photos then
      photos = true
      s:mood(4)
      if h.concrete_solution then remedy = true end
      s:go("explaining", "photos"); return
    end
    if h.concrete_solution or s:mentions(reply.norm, "补发", "补寄", "重新寄", "加急") then
      remedy = true
    end
    if remedy then
      if apologized or owned then
        if photos or s:mood() >= 40 then
          s:go("resolved", "resolved", "resolved")
        else
          s:go("waiting_fix", "still_waiting")
        end
      else
        s:go("waiting_fix", "want_word")
      end
      return
    end
    s:go("explaining", "worried")
  end,

  tests = {
    { name = "问少了什么：她说少了横条和螺丝",
      replies = { {after = 3, text = "亲，非常抱歉！方便说一下具体少了哪个配件吗？"} },
      expect = { says = "横条" } },
    { name = "道歉、要照片、承认漏发并补发：解决",
      replies = {
        {after = 3, typing = 7, text = "非常抱歉给您添麻烦了！孩子没地方睡确实着急"},
        {after = 3, typing = 8, text = "麻烦您拍一下外包装和配件清单发给我，我马上核对缺少的配件"},
        {after = 4, typing = 10, text = "是我们仓库漏发了，这是我们的失误。马上给您补发横条和螺丝，走顺丰加急，运费我们承担"},
        {after = 3, typing = 6, text = "单号出来第一时间发您，有问题随时找我，祝您生活愉快"},
      },
      expect = { outcome = "resolved", score = {80, 100}, hits = {"evidence_request", "concrete_solution"},
                 no_hits = {"blame_customer"} } },
    { name = "怀疑她自己弄丢：投诉",
      replies = {
        {after = 3, text = "是不是您自己弄丢了？我们发货都检查过的"},
      },
      expect = { outcome = "escalated" } },
    { name = "冷淡两次：投诉",
      replies = {
        {after = 4, text = "嗯"},
        {after = 4, text = "不知道"},
      },
      expect = { outcome = "escalated", hits = {"cold_reply"} } },
    { name = "晾着她：她走了",
      replies = {
        {after = 70, text = "您好"},
      },
      expect = { outcome = "left" } },
  },
}
