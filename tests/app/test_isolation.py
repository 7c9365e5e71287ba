"""Two students training at the same time, each with their own seed, each see their own run.

Two AppTest sessions run the classification page concurrently in two threads (their scripts
overlap in time, as two browsers' would on one server); each must end with the numbers that
core computes for its own seed, never the other's. No timing is asserted.
"""
import threading

from core.registry import get_task
from core.snapshots import last
from tests.app.conftest import no_exceptions, open_page

SEEDS = (3, 4)
STEPS = 30  # small: the property, not the course's accuracy, is under test


def expected(seed: int) -> dict[str, str]:
    task = get_task("classification")
    cfg = task.config(seed=seed, steps=STEPS)
    figures = task.result(cfg, last(task.train(cfg)))
    return {"Train loss": f"{figures['final_loss']:.4f}",
            "Test loss": f"{figures['test_loss']:.4f}",
            "Test accuracy": f"{figures['accuracy']:.1%}"}


def shown(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_two_concurrent_sessions_each_see_their_own_numbers():
    sessions = {s: open_page("classification", query={"seed": str(s), "steps": str(STEPS)})
                for s in SEEDS}
    start = threading.Barrier(len(SEEDS))
    errors: list[BaseException] = []

    def train(at):
        try:
            start.wait()  # both clicks at once, so that the two runs overlap
            at.button(key="classification.train").click().run()
        except BaseException as err:  # surfaced below, in the test's own thread
            errors.append(err)

    threads = [threading.Thread(target=train, args=(at,)) for at in sessions.values()]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors

    wanted = {s: expected(s) for s in SEEDS}
    assert wanted[SEEDS[0]] != wanted[SEEDS[1]]  # otherwise the test could not tell them apart
    for seed, at in sessions.items():
        no_exceptions(at)
        assert at.success, f"seed {seed}: no finished run"
        run = at.session_state["classification.run"]
        assert run.cfg.seed == seed and run.last.step == STEPS
        numbers = shown(at)
        assert {k: numbers.get(k) for k in wanted[seed]} == wanted[seed], f"seed {seed}"
