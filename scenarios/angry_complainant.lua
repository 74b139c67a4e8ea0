-- 愤怒的张先生：新买的实木衣柜送到时门板磕裂了，他气得不行，张口就要差评。
-- 手册依据：000「客户售后：请放心，我们有专门的售后部门，一定给您处理满意为止」
-- 「物流损坏：派师傅上门处理；严重损坏把损坏的换掉」「诚恳、致歉、关心……多几个对不起」
-- 「第一时间安抚好客户，给出大致解决方案，并要求客户拍上出问题的照片」；
-- 002「投诉：先压压对方火气，表示一定会处理好」；001「主动承认错误」「不要与客户争辩」。
--
-- 他怎么反应：
--   * 道歉 + 共情（理解您的心情）让他慢慢消气；请他拍照，他就发照片；
--   * 给出具体方案（师傅上门、补发门板、换新）而且已经道过歉 → 他接受，问题解决；
--     只给方案不道歉 → 他要一句对不起；只道歉不给方案 → “道歉有什么用，怎么处理？”
--   * 方案谈妥了他还要问清两件事（手册 000「给出大致解决方案」「答应客户的事一定要办到」）：
--     师傅哪天来、门板几天到，再出问题找谁；一件件答清了才算解决，没答就再追问；
--   * 推卸责任、指责他、跟他争 → 立刻差评投诉（escalated）；生硬拒绝、冷淡敷衍 → 火上浇油；
--   * “怎么处理”没人回答 → 更凶地追问，三次就去差评；被晾着 → “人呢？？”，过了耐心就走。

-- 他说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "你们家衣柜怎么回事！！门板裂了一大道！！",
    "刚收到的衣柜，门板磕坏了！！什么情况！！",
    "搞什么啊！！新衣柜拆开门板就是裂的！！",
  },
  reask_gentle = {
    "别客套了！！门板裂了怎么办！！",
    "你好什么好！！我问你衣柜坏了怎么处理！！",
    "少废话！！门板坏了你们管不管！！",
  },
  reask = {
    "我问你怎么处理！！听不懂吗！！",
    "答非所问！！到底怎么办！！",
    "你们到底管不管！！说话！！",
  },
  gives_up = {
    "问三遍都不回答，我直接差评！！",
    "行，不管是吧，差评投诉见！！",
    "懒得跟你说了，投诉去了！！",
  },
  want_remedy = {
    "道歉有什么用！！你们打算怎么处理？",
    "光说对不起？到底怎么解决！",
    "知道了知道了，那到底怎么弄？",
  },
  want_remedy_calmer = {
    "……行吧，那你说怎么处理，能换吗？",
    "好，我不跟你急，你就说怎么解决",
    "嗯，那接下来怎么弄？",
  },
  want_apology = {
    "东西坏了，连句道歉都没有？",
    "光说修？你们态度呢？一句道歉都没有！",
    "先别说怎么弄，你们就没点歉意吗？",
  },
  photos = {
    "拍了，你自己看！[图片][图片]",
    "照片发你了，外包装也拍了[图片][图片]",
    "[图片][图片] 看到没？裂这么长！",
  },
  still_angry = {
    "那什么时候能弄好？别又拖着！",
    "你们什么时候安排？我天天在家等着吗！",
    "说得好听，几天能弄好？",
  },
  handover = {
    "又要转？转来转去的，今天给不给答复？",
    "转售后？那售后什么时候联系我？",
    "别踢皮球！到底谁负责？",
  },
  ask_when = {
    "……行吧，就这么办。那师傅哪天来？门板几天能到？",
    "好，那你说个准话，什么时候来修？",
    "嗯。那要等几天？我衣柜还等着用呢！",
  },
  reask_when = {
    "我问哪天来！！",
    "几天能弄好？说个时间！",
    "时间呢？别又拖着！",
  },
  ask_who = {
    "这回要是再出岔子我找谁？别又没人管！",
    "到时候师傅没来，我找谁？",
    "你们别说完就不管了，后面谁跟进？",
  },
  reask_who = {
    "我问后面谁管！！",
    "出了问题找谁？你倒是说啊！",
    "谁跟进？说清楚！",
  },
  resolved = {
    "……行吧，那就尽快安排，明天我都在家",
    "好吧，这次就这样，赶紧弄好啊",
    "嗯，那就按你说的办，别再让我失望了",
  },
  rude = {
    "就这？？你这什么态度！！",
    "敷衍我是吧！！",
    "一个字打发我？？",
  },
  refused = {
    "不行？？那你们卖坏东西就行？？",
    "你说不行就不行？我花的钱呢！！",
    "没办法？那我只能差评了！！",
  },
  interrogated = {
    "你这是审犯人呢？？东西是你们发坏的！！",
    "我还要跟你证明什么？？",
    "质问我？？搞清楚谁是顾客！！",
  },
  too_long = {
    "说那么多干嘛，就问你怎么处理！",
    "一大段看不下去，直说！",
    "别长篇大论的，说重点！",
  },
  escalates = {
    "还怪我？？行，我现在就去差评！！投诉你们！！",
    "你们就这态度？差评！！马上投诉！！",
    "跟我吵是吧？等着吃差评吧！！",
  },
  fed_up = {
    "受够了！！差评，不跟你们废话了！！",
    "算了！！直接投诉！！",
    "没法沟通，差评走起！！",
  },
  slow = {
    "回这么慢！！",
    "等你半天！！",
    "现在才回？？",
  },
  nudge1 = { "人呢？？", "有没有人！！", "说话啊！！" },
  nudge2 = { "有没有人管啊！！", "装死是吧！！", "人呢！！！" },
  nudge3 = { "再不回我差评了！！", "最后等你一会儿！！", "不回是吧！！" },
}

local apologized = false -- 道过歉没有
local soothed = 0        -- 共情、承担、承诺负责的次数
local photos = false     -- 照片发了没有
local remedy = false     -- 给过具体方案没有
local strikes = 0        -- 生硬拒绝、冷淡敷衍、质问的次数


local function addresses(s, reply)
  local h = reply.hits
  return h.apology or h.empathy or h.concrete_solution or h.evidence_request or h.escalate
      or h.reassure or h.take_responsibility
      or s:mentions(reply.norm, "处理", "换", "修", "退", "补", "赔", "师傅", "售后", "抱歉",
                    "对不起")
end


return {
  id = "angry_complainant",
  title = "愤怒的张先生",
  difficulty = 4,
  kind = "aftersale",
  persona = {
    name = "张先生",
    avatar = "张",
    description = "新衣柜门板在运输中磕裂，火气很大，扬言要差评",
    mood = 15,
    reask = {state = "escalated", outcome = "escalated"},
    no_grumble = {"escalates"},  -- 受了冒犯当场就走，顾不上抱怨等得久
    -- 他更没耐心：15、25、40 秒就催（lines.nudge1..3），每次心情 -5；过了 patience 就走
    nudges = {15, 25, 40},
  },
  lines = lines,
  knows = {  -- 被问到就回答（引擎在他接着说之前先答），心情差时用 cross 的说法
    order = {says = {"订单号 20261204-8817，你们查吧", "单号是 20261204-8817"},
             cross = {"订单号 20261204-8817！！你们自己查！！", "20261204-8817！！赶紧的！！"}},
    happened = {says = {"右边门板从上往下裂了一道，二十公分长，昨天刚送到的", "门板裂了，外箱角也瘪了一块，应该是运输磕的"},
                cross = {"右边门板裂了二十公分！！昨天刚送到就这样！！", "门板裂了一大道！！箱子都瘪了！！"}},
    when = {"前天下的单，昨天送到楼下的", "昨天刚送到"},
  },
  product = {
    name = "美乐乐 美式实木两门衣柜（胡桃色）",
    price = 3680,
    stock = 12,
    colours = {"胡桃色"},
    sizes = {"两门 1.2 米"},
    ship = "已签收（昨天送到楼下）",
    facts = {
      {"问题", "右侧门板运输途中磕裂一道，约 20 厘米"},
      {"处理方案", "小损坏：当地合作师傅上门维修；严重损坏：补发新门板，师傅上门安装"},
      {"售后", "专门的售后部门，一定处理到客户满意为止"},
      {"费用", "运输损坏由店铺承担，客户无需出钱"},
      {"凭证", "请客户拍外包装和破损处的照片，提交售后"},
      {"时效", "售后 24 小时内联系客户，补件约 5-7 天"},
    },
  },
  scorecard = {
    principles = {
      {id = "apology", weight = 12, required = true},
      {id = "concrete_solution", weight = 12, required = true},
      {id = "empathy", weight = 8},
      {id = "evidence_request", weight = 6},
      {id = "reassure", weight = 5},
      {id = "take_responsibility", weight = 5},
      {id = "friendly_tone", weight = 8},
      {id = "polite_farewell", weight = 3},
      {id = "blame_customer", weight = 12},
      {id = "arguing", weight = 12},
      {id = "harsh_refusal", weight = 10},
      {id = "cold_reply", weight = 8},
      {id = "interrogation", weight = 5},
      {id = "overpromise", weight = 4},
      {id = "long_reply", weight = 3},
      {id = "unreadable", weight = 5},
    },
    outcomes = {resolved = 20, left = 0, escalated = 0},
  },
  states = {"furious", "venting", "calming", "negotiating", "details", "resolved", "escalated"},
  -- 方案谈妥后他还要问清的事，按顺序一问一答；回复谈到 words 里的词才算答了
  follow_ups = {
    {ask = "ask_when", reask = "reask_when",
     words = {"天", "小时", "明天", "今天", "尽快", "马上", "上午", "下午"}},
    {ask = "ask_who", reask = "reask_who",
     words = {"找我", "随时", "跟进", "负责", "我来", "我会", "全程", "专人", "对接"}},
  },

  start = function(s)
    s:state("furious")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits

    -- 红线：指责、争辩、推卸责任 → 立刻差评
    if h.blame_customer or h.arguing then
      s:go("escalated", "escalates", "escalated"); return
    end
    if h.harsh_refusal or h.cold_reply or h.interrogation then
      strikes = strikes + 1
      s:mood(-15)
      -- 第一次他还会骂着要个说法；第二次（或者已经气到极点）就去差评
      if strikes >= 2 or (s:mood() <= 0 and reply.turn >= 2) then s:go("escalated", "fed_up", "escalated"); return end
    end

    -- 技巧让他消气
    if h.apology then apologized = true; s:mood(12) end
    if h.empathy then soothed = soothed + 1; s:mood(10) end
    if h.take_responsibility then soothed = soothed + 1; s:mood(10) end
    if h.reassure then soothed = soothed + 1; s:mood(6) end
    if h.friendly_tone then s:mood(2) end
    if h.long_reply then s:mood(-3) end

    -- 被晾久了、一直不消气：到底就差评
    if s:mood() <= 0 and reply.turn >= 2 then s:go("escalated", "fed_up", "escalated"); return end

    if h.harsh_refusal then s:line("refused"); return end
    if h.interrogation then s:line("interrogated"); return end
    if h.cold_reply then s:line("rude"); return end
    if s:state() == "details" then return end -- 引擎按 follow_ups 接着问

    if not addresses(s, reply) then
      s:reask(); return
    end

    -- 方案谈妥后他只追问时间：再给一句交代（时间、承诺负责、方案）就算解决
    local settles = s:state() == "negotiating" and apologized and remedy
        and (h.reassure or h.concrete_solution or h.apology
             or s:mentions(reply.norm, "天", "小时", "尽快", "马上", "今天", "明天"))
    if h.concrete_solution then remedy = true end
    if remedy then
      if settles or (apologized and (soothed >= 1 or s:mood() >= 35)) then
        s:follow_up("resolved", "resolved", "resolved"); return
      elseif not apologized then
        s:go("negotiating", "want_apology"); return
      else
        s:go("negotiating", "still_angry"); return
      end
    end

    if h.evidence_request and not photos then
      photos = true
      s:mood(3)
      s:go("calming", "photos"); return
    end
    if h.escalate then
      s:mood(2)
      s:go("calming", "handover"); return
    end
    if h.long_reply then s:line("too_long"); return end
    if apologized and s:mood() >= 35 then
      s:go("calming", "want_remedy_calmer")
    else
      s:go("venting", "want_remedy")
    end
  end,

  tests = {
    { name = "问订单号：他先报上订单号",
      replies = { {after = 3, text = "亲，实在抱歉！麻烦提供一下您的订单号，我马上帮您查"} },
      expect = { says = "20261204-8817" } },
    { name = "道歉、共情、要照片、给方案：问题解决",
      replies = {
        {after = 3, typing = 7, text = "真的非常抱歉，给您添麻烦了！理解您的心情，换谁遇到都会着急的"},
        {after = 3, typing = 7, text = "麻烦您拍一下外包装和门板破损的地方发给我好吗？"},
        {after = 4, typing = 10, text = "我们给您补发一块新门板，安排当地师傅上门安装，费用都由我们承担，请放心"},
        {after = 3, typing = 8, text = "售后24小时内联系您约时间，新门板5到7天寄到"},
        {after = 3, typing = 7, text = "这件事我全程跟进，有任何问题随时找我"},
        {after = 3, typing = 5, text = "再次向您说声抱歉，祝您生活愉快"},
      },
      expect = { outcome = "resolved", score = {80, 100}, hits = {"apology", "concrete_solution"},
                 no_hits = {"blame_customer"} } },
    { name = "处理得好也要答完他问的：四轮后他还在问找谁，没解决",
      replies = {
        {after = 3, typing = 7, text = "真的非常抱歉，给您添麻烦了！理解您的心情，换谁遇到都会着急的"},
        {after = 3, typing = 7, text = "麻烦您拍一下外包装和门板破损的地方发给我好吗？"},
        {after = 4, typing = 10, text = "我们给您补发一块新门板，安排当地师傅上门安装，费用都由我们承担，请放心"},
        {after = 3, typing = 8, text = "售后24小时内联系您约时间，新门板5到7天寄到"},
      },
      expect = { outcome = "incomplete", says = "谁" } },
    { name = "只给方案不道歉：他先要一句对不起",
      replies = {
        {after = 3, text = "可以安排师傅上门维修"},
        {after = 3, text = "非常抱歉，是我们没做好，师傅明天上门给您修好"},
        {after = 3, text = "师傅明天上午联系您，我会一直跟进的"},
      },
      expect = { outcome = "resolved", hits = {"apology", "concrete_solution"}, says = "歉" } },
    { name = "推卸责任指责他：差评",
      replies = {
        {after = 5, text = "这是您自己的问题，签收的时候不检查怪谁"},
      },
      expect = { score = {0, 79}, outcome = "escalated", hits = {"blame_customer"} } },
    { name = "跟他争：差评",
      replies = {
        {after = 5, text = "您说得不对，我们发货的时候根本不可能是坏的"},
      },
      expect = { score = {0, 79}, outcome = "escalated", hits = {"arguing"} } },
    { name = "晾着他：他走了",
      replies = {
        {after = 65, text = "您好"},
      },
      expect = { outcome = "left" } },
  },
}
