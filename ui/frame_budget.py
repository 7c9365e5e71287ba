"""How often a live run may redraw, given how many runs this server is training at once.

Every session's drawing runs in the server's one Python process, under one GIL. One student
alone gets a frame every ``FRAME_SECONDS``; a class pressing Train together would ask for
``students / FRAME_SECONDS`` frames a second, which the process cannot draw, and every
student's final view would wait behind the others' live frames (bench/classroom.py: live
frames were 16-19 % of the server's time with 100 students, profiled with py-spy). So the
server draws about ``SERVER_FRAMES_PER_SECOND`` live frames a second in all, shared out among
the runs in flight: with 30 of them, each redraws every 2 s; with 100, every 7 s, and a
short run shows only its final view.
"""
from __future__ import annotations

import threading

SERVER_FRAMES_PER_SECOND = 15.0  # live frames a second, all sessions together
# A run alone: its page looks for new snapshots this often (a frame is late by at most this).
LOOK_SECONDS = 0.03
# Final views drawn at the same time. Students following one shared run all finish at once;
# under one GIL, drawing 100 final views side by side is no faster than a few at a time, and
# each holds its charts' frames and messages in memory until done.
FINAL_VIEWS_AT_ONCE = 4
final_view = threading.BoundedSemaphore(FINAL_VIEWS_AT_ONCE)  # with final_view: draw it

_lock = threading.Lock()
_in_flight = 0


def join() -> None:
    """A run is in flight (queued or training) from now until :func:`leave`."""
    global _in_flight
    with _lock:
        _in_flight += 1


def leave() -> None:
    global _in_flight
    with _lock:
        _in_flight -= 1


def interval(frame_seconds: float) -> float:
    """Seconds between one run's live frames: ``frame_seconds``, or longer while the server
    has more runs in flight than it can draw at that pace."""
    return max(frame_seconds, _in_flight / SERVER_FRAMES_PER_SECOND)


def look_interval(frame_seconds: float, most: float) -> float:
    """Seconds a live run's page may wait between looks at its run: LOOK_SECONDS alone, and a
    tenth of the time between its frames once frames get rarer, at most ``most``.

    Each look wakes a thread that must take the GIL: 100 runs in flight looking every 30 ms
    were 3,300 wake-ups a second for frames drawn every 7 s. The end of a run does not wait
    for a look (the page waits on the run's ``ended`` event)."""
    return min(most, max(LOOK_SECONDS, interval(frame_seconds) / 10))
