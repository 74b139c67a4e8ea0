-- An exam whose window closed long ago.
return {
    id = "closed-exam",
    title = "已结束的考试",
    scenarios = { { id = "haggler", seed = 7 } },
    roster = { "张三" },
    attempts = 3,
    window = { from = "2020-01-01T09:00:00+08:00", ["until"] = "2020-01-02T18:00:00+08:00" },
    pass_mark = 80,
}
