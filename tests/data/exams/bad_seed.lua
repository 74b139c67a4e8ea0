return {
    id = "x",
    title = "x",
    scenarios = {
        { id = "haggler" },
    },
    roster = { "张三" },
    attempts = 1,
    pass_mark = 80,
}
