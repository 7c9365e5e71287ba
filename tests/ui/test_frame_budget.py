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
