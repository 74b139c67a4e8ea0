-- hostile test scenario: never returns at load time
while true do end
