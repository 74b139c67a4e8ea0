-- 双十一零点：五位顾客，有的同时进店，千牛上同时接待是常态。
return {
  kind = "rush",
  title = "双十一零点（5 位顾客，有的同时到）",
  customers = {
    { persona = "haggler", at = 0 },
    { persona = "indecisive_buyer", at = 0 },
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
