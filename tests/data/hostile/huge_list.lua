-- hostile test scenario: a principles list whose length (its border) is 2^61
local principles = {}
local function entry() return {id = "first_response", weight = 10} end
for _, k in ipairs({1, 2, 3, 4, 8, 9}) do principles[k] = entry() end
for k = 4, 61 do principles[1 << k] = entry() end
return {
  title = "恶意场景", difficulty = 1,
  persona = { name = "测试", patience = 60 },
  product = { name = "测试商品", price = 1 },
  scorecard = { principles = principles },
  start = function(s) s:say("hi") end,
  on_reply = function(s, reply) s:finish("sale") end,
}
