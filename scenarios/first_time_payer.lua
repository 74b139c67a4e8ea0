-- 第一次网购的周阿姨：看中一个床头柜，可从来没在网上买过东西，不会付款。
-- 手册依据：000「引导客户付款：对于不知道如何通过支付宝付款的客户，我们的客服需要协助买家，
-- 为买家讲解支付宝付款流程」「客户拍下商品以后，客服必须确认：商品详情、收货信息、运费、
-- 物流时间」；002「我是菜鸟，怎么买你们东西呀——选好颜色，点购买，到结账页面，最后完成
-- 支付宝付款」「如回答太长，宜分次回答」；001「熟悉购物流程：加入购物车—结算—提交订单—付款」。
--
-- 她怎么反应：
--   * 一步一步教（点“立即购买”→ 填地址、提交订单 → 支付宝付款）：她跟着做，每步回报；
--     付好款就成交（之后客服核对订单、告别，也算分）；
--   * 一大段话全塞过来 → 她看不过来，请你一步步说（这一步不算教会）；
--   * “自己看”之类的冷淡回复 → 她着急，两次就不买了，让儿子回来再说；
--   * 嫌她笨（“这都不会”）→ 她伤心地走了；
--   * 问题没人答 → 再问；被晾着 → 催，过了耐心就走。

-- 她说的每一句话，按名字用 s:line 说；每句至少三种说法，按种子挑选（同样的种子和回复
-- 得到同样的对话）。slow 是等久了顺带的一句抱怨，引擎把它接在下一句话前面；nudge1..3 是被晾着时催的话
local lines = {
  open = {
    "小姑娘你好，这个床头柜我想买，可是我不会在网上买东西，怎么弄啊？",
    "你好，我第一次在网上买东西，这个柜子要怎么买？",
    "请问一下，这个床头柜怎么买啊，我不太会弄这个。。",
  },
  reask_gentle = {
    "你好你好。就是想问这个怎么买",
    "哎你好，那我要怎么买呢？",
    "你好啊，我该先点哪里？",
  },
  reask = {
    "那我现在要点哪里呀？",
    "你还没告诉我怎么弄呢",
    "我还是不知道怎么买啊。。",
  },
  step1_done = {
    "哦哦，点了“立即购买”，出来一个页面，要填地址，然后呢？",
    "点好了！现在让我填收货地址，填完怎么办？",
    "找到了找到了，点进去了，下面是填地址吗？",
  },
  step2_done = {
    "地址填好了，提交了，现在让我付钱，支付宝怎么弄啊？",
    "订单提交了，它说要付款，我手机上有支付宝，怎么付？",
    "好了，出来付款的页面了，接下来呢？",
  },
  paid = {
    "输了密码，显示付款成功了！谢谢你啊小姑娘",
    "付好了付好了，原来这么简单，谢谢你耐心教我",
    "好了，说支付成功了。你们那边收到了吗？",
  },
  too_long = {
    "字太多了我看不过来，你一步一步说好不好",
    "哎哟这么一大段，我眼睛花，先说第一步吧",
    "太长了。。能不能说简单点，一步一步来",
  },
  worried = {
    "哎呀我就是不会才问你的。。",
    "我看不懂详情页啊，你教教我嘛",
    "你别让我自己看呀，我真不会",
  },
  leaves = {
    "算了，等我儿子回来帮我买吧",
    "太难了，我还是不买了",
    "那算了，我去家具城看看",
  },
  hurt = {
    "我年纪大了不会弄，你也不用这么说吧。。不买了",
    "不会就不会嘛，说话这么难听，算了",
    "唉，被你说得我都不好意思了，不买了",
  },
  slow = {
    "你好，",
    "等了一会儿，",
    "小姑娘你还在啊，",
  },
  nudge1 = { "你好？还在吗", "小姑娘？", "喂，在不在呀" },
  nudge2 = { "是不是在忙啊", "我还等着呢", "你还在吗。。" },
  nudge3 = { "那我等会儿再问吧", "要不我先不买了", "你是不是下班了" },
}

-- 三步，每一步“教到了”的关键词
local STEPS = {
  {done = "step1_done", words = {"立即购买", "购买", "加入购物车", "购物车", "拍下", "下单", "点"}},
  {done = "step2_done", words = {"地址", "收货", "提交订单", "提交", "填", "电话", "结算"}},
  {done = "paid", words = {"支付宝", "付款", "密码", "银行卡", "余额", "花呗", "扫码", "转账", "支付"}},
}
local step = 1
local cold = 0


return {
  id = "first_time_payer",
  title = "第一次网购的周阿姨",
  difficulty = 1,
  kind = "presale",
  persona = {
    name = "周阿姨",
    avatar = "周",
    description = "第一次网购，看中一个床头柜，不会下单付款，需要一步一步教",
    mood = 60,
    reask = {mood = -4, give_up = "leaves", state = "paid"},
    no_grumble = {"hurt"},  -- 受了冒犯当场就走，顾不上抱怨等得久
    wait_mood = {[20] = -5, [30] = -10},
  },
  lines = lines,
  knows = {
    colour = {"我要胡桃色的，跟我家床一个颜色", "胡桃色吧，深一点耐脏"},
    address = {"寄到杭州西湖区文三路 88 号，周美英收", "地址是杭州西湖区文三路 88 号，写周美英"},
    phone = {"电话 138 0571 2468", "我手机号 13805712468"},
    room = {"放卧室床边的", "就放卧室，床旁边"},
  },
  product = {
    name = "美乐乐 实木床头柜（两抽）",
    price = 699,
    stock = 80,
    colours = {"胡桃色", "原木色"},
    sizes = {"宽 45cm"},
    ship = "现货，付款后 3 天左右配货，物流 1-10 天",
    facts = {
      {"下单", "选好颜色 → 点“立即购买” → 填收货地址和电话 → 提交订单"},
      {"付款", "支付宝：确认付款后输入支付密码即可；不方便的可银行转账"},
      {"运费", "按体积走物流，以物流单为准"},
      {"售后", "7 天无理由退货"},
    },
  },
  scorecard = {
    principles = {
      {id = "confirm_order", weight = 10, required = true},
      {id = "friendly_tone", weight = 8},
      {id = "warm_greeting", weight = 5},
      {id = "polite_farewell", weight = 4},
      {id = "long_reply", weight = 10},
      {id = "unreadable", weight = 5},
      {id = "cold_reply", weight = 10},
      {id = "blame_customer", weight = 10},
      {id = "harsh_refusal", weight = 6},
      {id = "arguing", weight = 6},
    },
    outcomes = {sale = 20, left = 0},
  },
  states = {"lost", "ordering", "paying", "paid"},

  start = function(s)
    s:state("lost")
    s:line("open")
  end,

  on_reply = function(s, reply)
    local h = reply.hits
    if h.blame_customer or h.arguing or h.interrogation then
      s:go("paid", "hurt", "left"); return
    end
    if h.warm_greeting or h.friendly_tone then s:mood(3) end
    if s:mood() <= 5 then s:go("paid", "leaves", "left"); return end

    -- 让她“自己看”对她来说和冷淡一样：她就是看不懂才问的
    if h.cold_reply or h.harsh_refusal then
      cold = cold + 1
      s:mood(-12)
      if cold >= 2 then s:go("paid", "leaves", "left")
      else s:line("worried") end
      return
    end
    -- 一大段话：她看不过来，这一步不算教会
    if h.long_reply then
      s:mood(-5); s:line("too_long"); return
    end

    -- 一条消息可能教了不止一步
    local moved = false
    while step <= #STEPS and s:mentions(reply.norm, table.unpack(STEPS[step].words)) do
      step = step + 1
      moved = true
    end
    if not moved then
      s:reask(); return
    end
    s:mood(5)
    local done = STEPS[step - 1].done
    if step > #STEPS then
      s:state("paid"); s:line(done); s:finish("sale")
    else
      s:state(step == 2 and "ordering" or "paying"); s:line(done)
    end
  end,

  tests = {
    { name = "问颜色：她说要胡桃色",
      replies = { {after = 3, text = "阿姨您好！您想要胡桃色还是原木色呢？"} },
      expect = { says = "胡桃色" } },
    { name = "一步一步教：她付款成功",
      replies = {
        {after = 3, typing = 9, text = "阿姨您好！不着急哈，先选好颜色，然后点页面下面的“立即购买”～"},
        {after = 4, typing = 9, text = "对的，把收货地址、姓名和电话填好，再点“提交订单”就可以啦"},
        {after = 4, typing = 9, text = "然后选支付宝付款，输入您的支付密码就好了哦"},
        {after = 3, typing = 10, text = "收到啦！跟您核对一下：胡桃色床头柜一个，3天左右发货，谢谢阿姨，祝您生活愉快～"},
      },
      expect = { outcome = "sale", score = {80, 100}, hits = {"confirm_order"}, no_hits = {"long_reply"} } },
    { name = "一大段全塞过来：她看不过来，要一步步说",
      replies = {
        {after = 3, text = "您先选颜色，然后点立即购买，接着填写收货地址、姓名、电话，点提交订单，然后会跳到支付宝页面，登录您的支付宝账号，确认付款金额后输入支付密码，付款成功后我们这边会收到通知，3天左右给您发货，有问题随时找我哦"},
      },
      expect = { outcome = "incomplete", hits = {"long_reply"}, says = "一步" } },
    { name = "让她自己看：她不买了",
      replies = {
        {after = 4, text = "自己看详情页"},
        {after = 4, text = "不知道"},
      },
      expect = { outcome = "left", hits = {"cold_reply"} } },
    { name = "嫌她不会：她伤心走了",
      replies = {
        {after = 4, text = "这都不会吗？"},
      },
      expect = { score = {0, 79}, outcome = "left", hits = {"blame_customer"} } },
  },
}
