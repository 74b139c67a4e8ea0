return {
    id = "x",
    title = "x",
    scenarios = { { id = "haggler", seed = 1 } },
    roster = { "张三" },
    attempts = 1,
    window = {
        from = "2026-11-23 09:00",
    },
    pass_mark = 80,
}
