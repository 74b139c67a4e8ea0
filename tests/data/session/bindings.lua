-- Bindings refusing what C cannot take: each reply's text picks one call for the session tests.
return {
  title = "绑定测试", difficulty = 1,
  persona = { name = "测试", patience = 45, mood = 50 },
  product = { name = "测试床", price = 100 },
  scorecard = { principles = { {id = "first_response", weight = 10} } },
  start = function(s)
    s:say("你好")
  end,
  on_reply = function(s, reply)
    local t = reply.text
    if t == "wide" then
      s:random(math.mininteger, math.maxinteger)
    elseif t == "empty" then
      s:random(3, 2)
    elseif t == "top" then
      s:say(tostring(s:random(math.maxinteger - 2, math.maxinteger)))
    elseif t == "bottom" then
      s:say(tostring(s:random(math.mininteger, math.mininteger + 5)))
    elseif t == "nul" then
      s:say("前半\0后半")
    elseif t == "finish" then
      s:finish("sale\0junk")
    elseif t == "mentions" then
      s:mentions(reply.text, "a\0b")
    end
  end,
}
