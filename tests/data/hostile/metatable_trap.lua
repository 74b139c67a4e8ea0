-- hostile test scenario: every field read through __index loops forever
local t = {}
return setmetatable(t, { __index = function() while true do end end })
