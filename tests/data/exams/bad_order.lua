return {
    id = "x",
    title = "x",
    scenarios = { { id = "haggler", seed = 1 } },
    roster = { "张三" },
    attempts = 1,
    window = { from = "2026-11-23T09:00:00+08:00", ["until"] = "2026-11-22T09:00:00+08:00" },
    pass_mark = 80,
}
