-- 售后早晨：投诉和一个迟到的包裹夹在售前咨询中间，先安抚谁？
return {
  kind = "rush",
  title = "售后早晨（投诉、迟到的包裹和售前咨询）",
  customers = {
    { persona = "free_shipping", at = 0 },
    { persona = "angry_complainant", at = 15 },
    { persona = "late_parcel", at = 30 },
    { persona = "bad_review_threat", at = 45 },
    { persona = "first_time_payer", at = 60 },
  },
  tests = {
    {
      name = "没人回复：五位都走了",
      replies = {
        { to = 1, after = 300, text = "亲，在的" },
      },
      expect = { "left", "left", "left", "left", "left" },
    },
  },
}
