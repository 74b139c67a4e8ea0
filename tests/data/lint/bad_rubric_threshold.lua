-- lint fixture: a rubric catalog with a wait standard out of range
return {
  version = "test",
  categories = { {id = "attitude", name = "服务态度"} },
  thresholds = {
    first_response_s = 15,
    first_response_excellent_s = 6,
    reply_wait_s = 5000,
    typing_cpm = 50,
    long_reply_chars = 80,
  },
  principles = {
    { id = "warm_greeting", name = "热情问候", kind = "technique", category = "attitude",
      source = "002 欢迎和欢送", quote = "亲，您好", explain = "先问好",
      detect = { any = {[[您好]]} } },
  },
}
