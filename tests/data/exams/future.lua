-- An exam that has not opened yet.
return {
    id = "future-exam",
    title = "未开始的考试",
    scenarios = { { id = "haggler", seed = 7 } },
    roster = { "张三" },
    attempts = 3,
    window = { from = "2098-01-01T09:00:00+08:00" },
    pass_mark = 80,
}
