-- A valid exam for the tests: two scenarios, two trainees, one attempt, open for years.
return {
    id = "test-exam",
    title = "测试考试",
    scenarios = {
        { id = "haggler", seed = 7 },
        { id = "indecisive_buyer", seed = 3 },
    },
    roster = { "张三", "李四" },
    attempts = 1,
    window = { from = "2020-01-01T00:00:00+08:00", ["until"] = "2099-01-01T00:00:00+08:00" },
    pass_mark = 70,
}
