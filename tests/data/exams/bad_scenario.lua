return {
    id = "x",
    title = "x",
    scenarios = {
        { id = "haggler", seed = 1 },
        { id = "no_such_persona", seed = 2 },
    },
    roster = { "张三" },
    attempts = 1,
    pass_mark = 80,
}
