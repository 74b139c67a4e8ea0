-- 扬言差评的钱女士：收到的包颜色和图片差太多，她觉得被骗了，开口就说要给差评。
-- 手册依据：002「我要投诉你们给差评——气话或者威胁：如果是我们工作失误造成的，我们会弥补
-- 你的损失，您放心，我可以向我们主管申请一下，给您一个满意的答复；您看我是给您申请代金券
-- 还是送××礼品啊？」；000「色差问题：我们需要安抚好客户，听听客户的意见和理想的处理方案」；
-- 001「修改评价：营造良好的沟通氛围，主动迎合，态度温婉……主动道歉……切不可硬碰硬」
-- 「質量問題要求提供實物照片」「不要与客户争辩」。
--
-- 她怎么反应：
--   * 道歉、理解她 → 她语气缓和，说出想要什么（退换、补偿）；
--   * 请她拍照对比 → 她发照片；
--   * 给出方案（退换货、运费店里出）或申请补偿（代金券、小礼品，二选一让她挑）
--     且道过歉 → 她接受，不给差评了（resolved）；
--   * 争辩“图片是实拍的不可能有色差”、指责她 → 差评（escalated）；生硬拒绝两次 → 差评；
--   * 问题没人答 → 追问；被晾着 → 催，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "收到的包颜色跟图片差太多了！这不是虚假宣传吗？我要给差评",
    "你们这个包色差也太大了吧，图片是焦糖色，实物跟土黄一样，差评！",
    "包到了，颜色完全不对，我很不满意，准备给差评了",
  },
  reask_gentle = {
    "你好什么好，颜色不对怎么说？",
    "别客套，色差的事怎么处理？",
    "嗯，色差这么大，你们怎么说",
  },
  reask = {
    "我说颜色不对，你们怎么处理？",
    "答非所问，色差怎么办？",
    "你就说怎么解决吧",
  },
  softer = {
    "……你们至少态度还行。那这个颜色我真的接受不了，怎么办？",
    "好吧，我也不是故意找茬，就是颜色差太多了，你们说怎么处理",
    "行，我先不急着评价，你们打算怎么弄？",
  },
  still_cross = {
    "道歉就完了？东西怎么办？",
    "光说对不起有什么用，怎么处理？",
    "那你们到底怎么解决？",
  },
  photos = {
    "你看[图片][图片] 左边是你们的图，右边是我拍的",
    "拍了[图片] 自然光下拍的，差别很明显吧",
    "[图片][图片] 这还不叫色差？",
  },
  want_word = {
    "方案先不说，你们连句不好意思都没有？",
    "就直接谈处理？我被坑了你们没点表示吗？",
    "态度呢？先道个歉总可以吧",
  },
  resolved = {
    "行吧，那就这样处理，差评我就不给了",
    "好，看你们态度还可以，这次就算了",
    "嗯，那就按你说的办，评价我改一下",
  },
  refused = {
    "不行？那我只能差评了",
    "没办法？那就差评见",
    "你们就这样对顾客？",
  },
  rude = {
    "你这态度，差评稳了",
    "敷衍我是吧",
    "就这样回我？",
  },
  escalates = {
    "还说我看错了？差评！顺便投诉你",
    "跟我争是吧，差评已经写好了",
    "你们这种态度，差评加投诉",
  },
  fed_up = {
    "懒得说了，差评",
    "算了，直接差评",
    "不想沟通了，差评见",
  },
  slow = {
    "回这么慢，",
    "等你半天，",
    "现在才回，",
  },
  nudge1 = { "在吗？", "人呢？", "不回是吧" },
  nudge2 = { "不回我现在就评价了", "装没看见？", "还在吗？？" },
  nudge3 = { "我数三秒，不回就差评", "行，我去写评价了", "最后等你一下" },
}

local apologized = false
local soothed = 0
local photos = false
local strikes = 0



local function addresses(s, reply)
  local h = reply.hits
  return h.apology or h.empathy or h.concrete_solution or h.small_gift or h.escalate
      or h.evidence_request or h.reassure or h.take_responsibility
      or s:mentions(reply.norm, "退", "换", "补偿", "代金券", "礼品", "处理", "色差", "颜色")
end

return {
  id = "bad_review_threat",
  title = "扬言差评的钱女士",
  difficulty = 4,
  kind = "aftersale",
  persona = {
    name = "钱女士",
    avatar = "钱",
    description = "收到的包色差很大，觉得被骗，张口就要给差评",
    mood = 25,
    reask = {give_up = "fed_up", state = "escalated", outcome = "escalated"},
    no_grumble = {"escalates"},  -- 受了冒犯当场就走，顾不上抱怨等得久
    nudges = {18, 30, 45},
  },
  lines = lines,
  knows = {
    order = {says = {"订单号 20261203-5521", "单号 20261203-5521，你们查"},
             cross = {"20261203-5521！查吧！", "订单号 20261203-5521，查完给我个说法"}},
    happened = {says = {"图片上是深棕色，收到的偏黄，像土黄色", "颜色比详情页黄了一大截，完全不是一个色"},
                cross = {"图片深棕色，到手土黄色！！这不是骗人吗", "颜色差太多了！偏黄！"}},
    when = {"三天前签收的", "签收三天了"},
  },
  product = {
    name = "简朵 头层牛皮托特包（焦糖色）",
    price = 899,
    stock = 40,
    colours = {"焦糖色", "黑色", "米白色"},
    sizes = {"中号 32cm"},
    ship = "已签收（3 天前）",
    facts = {
      {"问题", "客户觉得实物颜色比图片偏黄"},
      {"政策", "7 天无理由退换；色差属于质量问题时运费由店铺承担"},
      {"可申请", "客服可向主管申请 50 元代金券或小礼品作补偿"},
      {"手册提示", "先压压火气，听她想怎么处理；不要争辩图片是不是实拍"},
    },
  },
  scorecard = {
    principles = {
      {id = "apology", weight = 10, required = true},
      {id = "concrete_solution", weight = 8},
      {id = "empathy", weight = 8},
      {id = "small_gift", weight = 6},
      {id = "evidence_request", weight = 5},
      {id = "two_choice_close", weight = 4},
      {id = "escalate", weight = 4},
      {id = "friendly_tone", weight = 3},
      {id = "arguing", weight = 12},
      {id = "blame_customer", weight = 12},
      {id = "harsh_refusal", weight = 8},
      {id = "cold_reply", weight = 6},
      {id = "unreadable", weight = 5},
      {id = "interrogation", weight = 6},
    },
    outcomes = {resolved = 20, left = 0, escalated = 0},
  },
  states = {"threatening", "listening", "negotiating", "resolved", "escalated"},

  start = function(s)
    s:state("threatening")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    if h.arguing or h.blame_customer then
      s:go("escalated", "escalates", "escalated"); return
    end
    if h.apology then apologized = true; s:mood(12) end
    if h.empathy then soothed = soothed + 1; s:mood(10) end
    if h.take_responsibility then soothed = soothed + 1; s:mood(8) end
    if h.reassure then soothed = soothed + 1; s:mood(6) end
    if h.friendly_tone then s:mood(2) end

    if h.harsh_refusal or h.cold_reply or h.interrogation then
      strikes = strikes + 1
      s:mood(-12)
      if strikes >= 2 or (s:mood() <= 0 and reply.turn >= 2) then s:go("escalated", "fed_up", "escalated"); return end
      s:line(h.harsh_refusal and "refused" or "rude"); return
    end
    if s:mood() <= 0 and reply.turn >= 2 then s:go("escalated", "fed_up", "escalated"); return end

    if not addresses(s, reply) then
      s:reask(); return
    end

    local remedy = h.concrete_solution or h.small_gift
        or s:mentions(reply.norm, "代金券", "退换", "换一个", "退货", "补偿")
    if remedy then
      if apologized then
        s:go("resolved", "resolved", "resolved")
      else
        s:go("negotiating", "want_word")
      end
      return
    end
    if h.evidence_request and not photos then
      photos = true
      s:mood(3)
      s:go("listening", "photos"); return
    end
    if apologized and (soothed >= 1 or s:mood() >= 40) then
      s:go("listening", "softer")
    else
      s:go("listening", "still_cross")
    end
  end,

  tests = {
    { name = "问订单号：她报上订单号",
      replies = { {after = 3, text = "亲，非常抱歉！麻烦提供一下订单号，我帮您核实"} },
      expect = { says = "20261203-5521" } },
    { name = "道歉共情、要照片、给方案让她二选一：不差评了",
      replies = {
        {after = 3, typing = 8, text = "真的非常抱歉让您失望了！收到颜色不一样换谁都会不开心的"},
        {after = 3, typing = 7, text = "方便的话拍一张自然光下的照片给我看看吗？"},
        {after = 4, typing = 11, text = "确实偏黄了。给您免费换货，运费我们出；或者我帮您跟主管申请一张50元代金券，您看要换货还是代金券呢？"},
        {after = 3, typing = 6, text = "谢谢您的理解，有问题随时找我，祝您生活愉快"},
      },
      expect = { outcome = "resolved", score = {80, 100}, hits = {"apology", "concrete_solution"},
                 no_hits = {"arguing"} } },
    { name = "争辩图片是实拍：差评",
      replies = {
        {after = 3, text = "我们图片都是实拍的，根本不可能有色差"},
      },
      expect = { score = {0, 79}, outcome = "escalated", hits = {"arguing"} } },
    { name = "生硬拒绝两次：差评",
      replies = {
        {after = 3, text = "不行，不能退"},
        {after = 3, text = "没办法"},
      },
      expect = { outcome = "escalated", hits = {"harsh_refusal"} } },
    { name = "晾着她：她走了",
      replies = {
        {after = 70, text = "您好"},
      },
      expect = { outcome = "left" } },
  },
}
