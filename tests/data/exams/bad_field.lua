return {
    id = "x",
    title = "x",
    scenarios = { { id = "haggler", seed = 1 } },
    roster = { "张三" },
    attempts = 1,
    passmark = 80,
}
