-- A shopper whose every line comes from the product card: a rush customer's own card changes
-- what she says ({product.name}), what she answers (knows with {product.colours}) and s.product.
return {
  title = "card shopper", persona = {name = "卡", patience = 300},
  product = {name = "跑鞋", price = 179, colours = {"黑白", "全黑"}, sizes = {"40", "41"}},
  scorecard = {principles = {{id = "warm_greeting", weight = 5}}},
  knows = {colour = {"我想要{product.colours}里挑一个"}},
  lines = {open = "{product.name}还有货吗？", price = "{product.name}是{product.price}元吧"},
  start = function(s) s:line("open") end,
  on_reply = function(s, reply)
    s:line("price")
    if s:mentions(reply.norm, "拍") then s:say("好的，买" .. s.product.name); s:finish("sale") end
  end,
}
