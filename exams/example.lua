-- An exam HR issues: kefu play --exam exams/example.lua (docs/exams.md).
return {
    id = "2026-11-presale",
    title = "售前接待考核（十一月）",
    -- Every trainee plays the same conversations: each scenario with its seed.
    scenarios = {
        { id = "haggler", seed = 7 },
        { id = "indecisive_buyer", seed = 3 },
    },
    -- Only these names can sit the exam; the trainee picks theirs from the list.
    roster = { "张三", "李四", "王五" },
    -- Sittings allowed per scenario; a session that crashed or was killed counts.
    attempts = 1,
    -- Optional: outside it the exam does not start. ISO 8601 with the offset.
    window = { from = "2026-11-01T09:00:00+08:00", ["until"] = "2036-11-30T18:00:00+08:00" },
    pass_mark = 80,
}
