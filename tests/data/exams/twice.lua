-- Two attempts allowed.
return {
    id = "twice-exam",
    title = "可考两次",
    scenarios = { { id = "haggler", seed = 7 } },
    roster = { "张三" },
    attempts = 2,
    pass_mark = 80,
}
