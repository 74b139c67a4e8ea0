return {
    id = "x",
    title = "x",
    scenarios = { { id = "haggler", seed = 1 } },
    roster = {
        "张三",
        "李四",
        "张三",
    },
    attempts = 1,
    pass_mark = 80,
}
