-- hostile test scenario: a syntax error on line 4
return {
  title = "语法错误",
  persona = { name = "测试" patience = 60 },
}
