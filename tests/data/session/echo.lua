-- A small scenario for the session unit tests: predictable lines, every API call used.
local asked = 0
return {
  title = "测试顾客", difficulty = 1,
  persona = { name = "测试", patience = 45, mood = 50 },
  product = { name = "测试床", price = 100, colours = {"红色", "蓝色"}, facts = { {"材质", "实木"} } },
  scorecard = {
    principles = {
      {id = "first_response", weight = 10},
      {id = "reply_wait", weight = 10},
      {id = "seller_last_word", weight = 5},
    },
    outcomes = {sale = 10, left = 0},
  },
  states = {"opening", "asking", "done"},
  start = function(s)
    s:say("你好，在吗？")
  end,
  on_reply = function(s, reply)
    asked = asked + 1
    if s:mentions(reply.text, "拍下") then
      s:state("done")
      s:say("好的，我拍了", 0)
      s:finish("sale")
      return
    end
    s:state("asking")
    s:mood(-5)
    s:say(s:pick{"第一句", "第二句", "第三句"} .. asked)
  end,
}
