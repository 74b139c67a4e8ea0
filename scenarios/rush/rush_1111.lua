-- 双十一零点：五位顾客，有的同时进店，千牛上同时接待是常态。
return {
  kind = "rush",
  title = "双十一零点（5 位顾客，有的同时到）",
  customers = {
    { persona = "haggler", at = 0 },
    -- 小陈这回看的是双十一新品：她的商品卡换成这一款（她说的话不提鞋名，照样合适）。
    { persona = "indecisive_buyer", at = 0,
      product = {
        name = "轻跑 3 代 缓震跑步鞋（女款，双十一首发）",
        price = 459,
        stock = 120,
        colours = {"白蓝", "黑红"},
        sizes = {"36", "37", "38", "39", "40"},
        ship = "双十一订单 48 小时内发货，快递 2-3 天",
        facts = {
          {"尺码", "正码，脚背高或脚宽建议大半码"},
          {"新品", "中底比 2 代轻 20 克，回弹更好"},
          {"白蓝", "首发主推配色；39 码库存不多"},
          {"黑红", "耐脏，适合户外和夜跑"},
          {"活动", "双十一当天付款立减 60 元（已含在价格里）"},
          {"售后", "7 天无理由退货，15 天内可换码（非质量问题运费自理）"},
        },
      } },
    { persona = "rival_fisher", at = 10 },
    { persona = "authenticity_skeptic", at = 25, seed = 3 },
    { persona = "return_policy", at = 25 },
  },
  tests = {
    {
      name = "只顾着砍价的顾客：她成交了，其余四位等不及走了",
      replies = {
        { to = 1, after = 3, text = "亲，您好！欢迎光临，这款是我们店的爆款哦" },
        { to = 1, after = 5, text = "亲，这个价格已经是活动价了，品质有保障的" },
        { to = 1, after = 5, text = "亲，今天下单还送运费险，您放心" },
        { to = 1, after = 5, text = "今天下单48小时内发货，一般3到5天送到哦" },
        { to = 1, after = 5, text = "支持7天无理由退换的，亲放心" },
        { to = 1, after = 5, text = "感谢亲的支持，祝您生活愉快！" },
        { to = 1, after = 60, text = "亲，还在吗？" },
      },
      expect = { "sale", "left", "left", "left", "left" },
    },
    {
      name = "没人回复：五位都走了",
      replies = {
        { to = 1, after = 300, text = "亲，在的" },
      },
      expect = { "left", "left", "left", "left", "left" },
    },
  },
}
