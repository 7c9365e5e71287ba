"""One frame rate for the whole server, shared out among the runs in flight."""
from ui import frame_budget


def test_one_run_alone_gets_the_full_frame_rate_and_a_class_shares_one():
    frame_budget.join()
    try:
        assert frame_budget.interval(0.18) == 0.18
    finally:
        frame_budget.leave()
    for _ in range(100):
        frame_budget.join()
    try:
        assert frame_budget.interval(0.18) == 100 / frame_budget.SERVER_FRAMES_PER_SECOND
    finally:
        for _ in range(100):
            frame_budget.leave()
    assert frame_budget.interval(0.18) == 0.18


def test_pages_look_at_their_runs_less_often_when_frames_get_rarer():
    frame_budget.join()
    try:
        assert frame_budget.look_interval(0.18, 0.5) == frame_budget.LOOK_SECONDS
    finally:
        frame_budget.leave()
    for runs, expected in ((30, 30 / frame_budget.SERVER_FRAMES_PER_SECOND / 10), (100, 0.5)):
        for _ in range(runs):
            frame_budget.join()
        try:
            assert abs(frame_budget.look_interval(0.18, 0.5) - expected) < 1e-12, runs
        finally:
            for _ in range(runs):
                frame_budget.leave()
