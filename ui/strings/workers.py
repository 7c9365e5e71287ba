"""Strings of the shared training machinery under load (ui/live.py with ui/workers.py)."""

STRINGS = {
    "live.queued": {
        "en": "Waiting for a free trainer: {waiting} runs are queued on this server...",
        "zh": "正在等待空闲的训练进程：本服务器上有 {waiting} 个训练在排队…",
    },
}
