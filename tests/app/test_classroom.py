"""Classroom features on the training pages: challenges, student links, presenter mode."""
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.app.conftest import no_exceptions, open_page, texts

HOSTILE = "<img src=x onerror=alert(1)> **bold**"


def train(at, page="classification"):
    at.button(key=f"{page}.train").click().run()
    no_exceptions(at)
    return at


def link_params(at, index=-1):
    """The query of the link shown in a code block (a student or challenge link)."""
    url = [c.value for c in at.code if "?" in c.value and c.value.count("\n") == 0][index]
    return dict(parse_qsl(urlsplit(url).query))


@pytest.fixture(autouse=True)
def link_secret(monkeypatch):
    monkeypatch.setenv("PLAYGROUND_LINK_SECRET", "test secret")
    monkeypatch.setenv("PLAYGROUND_TRAINERS", "0")


def test_a_builtin_challenge_from_its_link_locks_fixed_settings_and_checks_the_run():
    at = open_page("classification", query={"challenge": "spiral_small"})
    no_exceptions(at)
    assert "Spiral with at most 8 hidden units" in texts(at)
    locked = {ti.label: ti.value for ti in at.text_input if ti.disabled}
    assert locked["🔒 Dataset"] == "spiral" or "spiral" in locked["🔒 Dataset"].lower()
    assert at.text_input(key="classification.hidden").value == "8"
    train(at)
    warning = "\n".join(w.value for w in at.warning)
    assert "Challenge not passed yet" in warning and "accuracy" in warning


def test_a_passing_run_says_passed_in_chinese_too():
    query = {"challenge": "spiral_small", "hidden": "8,8,8", "optimizer": "Adam", "lr": "0.03",
             "steps": "2000", "activation": "tanh", "lang": "zh"}
    at = train(open_page("classification", query=query))
    assert any("挑战成功" in s.value for s in at.success), texts(at)


def test_a_teacher_writes_a_challenge_and_gets_a_link():
    at = open_page("regression")
    at.selectbox(key="regression.__challenge.pick").set_value("__own").run()
    inputs = {ti.label: ti for ti in at.text_input}
    inputs["Bound"].set_value("0.01")
    inputs["Rules on the settings (optional)"].set_value("steps >= 100; optimizer = SGD")
    inputs["Title (optional)"].set_value(HOSTILE)
    at.button[[b.label for b in at.button].index("Use this challenge")].click().run()
    no_exceptions(at)
    params = link_params(at)
    assert params["challenge"] == "final_loss >= 0.01; steps >= 100; optimizer = SGD"
    assert params["challenge_title"] == HOSTILE
    assert HOSTILE in [t.value for t in at.text]  # shown as plain text
    assert all(HOSTILE not in m.value for m in at.markdown)


@pytest.mark.parametrize("query", [
    {"challenge": "dropout_helps"},  # another page's
    {"challenge": "accuracy >= 0.9; hidden <= 800"},
    {"challenge": "__import__('os').system('x')"},
    {"challenge": "accuracy >= 0.9", "challenge_title": "x" * 500},
])
def test_hostile_challenge_links_are_refused_with_a_notice(query):
    at = open_page("classification", query=query)
    no_exceptions(at)
    assert "was refused" in texts(at)
    assert "challenge" not in at.query_params
    train(at)  # the page keeps working


def test_student_link_round_trip_and_a_hand_edit_is_refused():
    at = open_page("classification", query={"dataset": "moons", "hidden": "6"})
    at.multiselect(key="classification.__show").set_value(["lr", "steps"]).run()
    params = link_params(at, 0)
    assert params["show"] == "lr,steps" and params["dataset"] == "moons" and "lock" in params

    student = open_page("classification", query=params)
    no_exceptions(student)
    locked = {ti.label: ti.value for ti in student.text_input if ti.disabled}
    assert locked["🔒 Dataset"] == "moons" and locked["🔒 Hidden units per layer"] == "6"
    assert "🔒 Learning rate" not in locked and "🔒 Steps" not in locked
    assert student.select_slider(key="classification.lr").value == 0.02  # a control
    assert student.session_state["classification.hidden"] == "6"
    assert not [w for w in student.warning if "changed after it was made" in w.value]
    assert all(e.label != "Student link" for e in student.expander)  # no link-making for students

    edited = dict(params, hidden="64")
    tampered = open_page("classification", query=edited)
    no_exceptions(tampered)
    assert "changed after it was made" in texts(tampered)
    assert tampered.session_state["classification.hidden"] == "10"  # the default, not 64
    train(tampered)
    assert tampered.session_state["classification.run"].cfg.hidden == (10,)


def test_presenter_mode_from_the_url_shows_pinned_settings_and_hides_the_intro():
    at = open_page("classification", query={"present": "1", "pin": "lr,hidden,nonsense"})
    no_exceptions(at)
    assert at.toggle(key="classification.__present").value is True
    assert any("stSidebar" in h.proto.body for h in at.get("html"))
    train(at)


def test_identical_cnn_runs_are_shared_and_train_anyway_trains_ones_own(monkeypatch):
    """Two students, the same CNN settings: the second watches the first one's run (the same
    numbers), is told so, and "Train anyway" trains a run of its own, with the same numbers."""
    monkeypatch.delenv("PLAYGROUND_TRAINERS")  # worker processes: where runs are shared
    query = {"train_images": "60", "test_images": "20", "epochs": "1", "eval_every": "1",
             "data": "subset", "seed": "7"}
    first = train(open_page("cnn", query=query), "cnn")
    assert not first.session_state["cnn.run"].shared
    second = train(open_page("cnn", query=query), "cnn")
    run = second.session_state["cnn.run"]
    assert run.shared and run.status == "done"
    assert [m.value for m in second.metric] == [m.value for m in first.metric]
    assert "identical run" in texts(second)
    second.button(key="cnn.train_anyway").click().run()
    no_exceptions(second)
    own = second.session_state["cnn.run"]
    assert not own.shared and own.id != run.id
    assert [m.value for m in second.metric] == [m.value for m in first.metric]


def test_a_goal_against_another_metric_names_it():
    at = train(open_page("optimizers", query={"challenge": "adagrad_beats_sgd"}), "optimizers")
    warning = "\n".join(w.value for w in at.warning)
    assert "Challenge not passed yet" in warning and "< final_loss.SGD (" in warning
