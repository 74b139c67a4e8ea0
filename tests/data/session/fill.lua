-- Placeholders in lines: the persona's values (changed with s:set), what it knows, the product.
return {
  title = "fill", persona = {name = "测"},
  product = {name = "跑鞋", price = 179, colours = {"黑白", "全黑"}},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  values = {size = "42"},
  knows = {order = {"1234"}},
  lines = {
    open = "{product.name}有{product.colours}，{product.price}元，我穿{size}码，订单{order}",
    again = {"那{size}码呢？{不是占位}"},
  },
  start = function(s) s:line("open") end,
  on_reply = function(s, reply) s:set("size", 43); s:line("again"); s:say("{size}!") end,
}
