"""The class board page and "Submit to class" through AppTest: the flows and the bad inputs."""
import pytest

from core.classboard.store import ClassStore
from tests.app.conftest import no_exceptions, open_page, texts

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def board_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'board.sqlite3'}"
    monkeypatch.setenv("PLAYGROUND_DB_URL", url)
    return url


def join(at, code, nickname):
    at.text_input[0].input(code)  # the join form's fields: code, nickname
    at.text_input[1].input(nickname)
    next(b for b in at.button if b.label == "Join").click().run()
    no_exceptions(at)
    return at


def test_start_a_class_gives_a_code_and_a_key():
    at = open_page("board")
    no_exceptions(at)
    at.button(key="board.start").click().run()
    no_exceptions(at)
    code = at.query_params["class"]
    code = code[0] if isinstance(code, list) else code
    key = at.session_state["class.keys"][code]
    assert any(f"{code[:4]}-{code[4:]}" in h.value for h in at.header)
    assert any(c.value == key for c in at.code)  # shown to the teacher in their tools


def test_students_join_and_see_their_runs_as_plain_text(board_db):
    made = ClassStore(board_db).new_class()
    at = join(open_page("board"), made.code.lower(), HOSTILE)
    assert at.session_state["class.joined"] == (made.code, HOSTILE)
    ClassStore(board_db).submit(made.code, nickname=HOSTILE, page="classification",
                                settings={"lr": "0.1"}, metrics={"accuracy": 0.9})
    at.run()
    no_exceptions(at)
    assert any(HOSTILE in t.value for t in at.text)  # "You are ... as" is plain text
    assert HOSTILE not in "".join(m.value for m in at.markdown)  # never markdown
    table = at.dataframe[0].value
    assert HOSTILE in list(table["Nickname"]) and "Accuracy" in table.columns


@pytest.mark.parametrize("code, nickname, message", [
    ("12", "ann", "8 letters"),
    ("ZZZZ-ZZZZ", "ann", "no class with this code"),
    ("{code}", "x" * 10_000, "not accepted"),  # the field takes 40 characters, core too
    ("{code}", "\u200f \u202e", "visible character"),
])
def test_bad_joins_are_explained(board_db, code, nickname, message):
    made = ClassStore(board_db).new_class()
    at = join(open_page("board"), code.replace("{code}", made.code), nickname)
    assert message.lower() in texts(at).lower()
    assert "class.joined" not in at.session_state


def test_joins_are_rate_limited_per_session(board_db):
    at = open_page("board")
    for _ in range(11):
        join(at, "ZZZZ-ZZZZ", "ann")
    assert "Slow down" in texts(at)


def test_a_database_that_cannot_be_used_gives_a_message(monkeypatch, tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the database folder should be")
    monkeypatch.setenv("PLAYGROUND_DB_URL", f"sqlite:///{blocker}/board.sqlite3")
    at = open_page("board")
    at.button(key="board.start").click().run()
    no_exceptions(at)
    assert "cannot be reached" in texts(at)


def test_teacher_hides_closes_and_exports(board_db):
    at = open_page("board")
    at.button(key="board.start").click().run()
    code = next(iter(at.session_state["class.keys"]))
    ClassStore(board_db).submit(code, nickname="=1+2", page="regression", settings={},
                                metrics={"final_loss": 0.1})
    at.run()
    assert len(at.dataframe) == 1
    at.button(key="board.hide").click().run()
    no_exceptions(at)
    assert "No runs yet" in texts(at)
    at.button(key="board.close").click().run()
    assert "This class is closed" in texts(at)
    assert ClassStore(board_db).state(code).closed


def test_submit_to_class_from_a_training_page(board_db):
    made = ClassStore(board_db).new_class()
    at = open_page("classification", query={"steps": "5"})
    at.session_state["class.joined"] = (made.code, "ann")
    at.button(key="classification.train").click().run()
    no_exceptions(at)
    submit = next(b for b in at.button if b.label.startswith("Submit to class"))
    submit.click().run()
    no_exceptions(at)
    assert "Submitted to class" in texts(at)
    submit = next(b for b in at.button if b.label.startswith("Submit to class"))
    submit.click().run()  # the same run again: stored once
    entries = ClassStore(board_db).entries(made.code)
    assert len(entries) == 1 and entries[0].settings["steps"] == "5"
    assert entries[0].metrics["steps"] == 5


def test_submit_after_a_scrub_sends_the_final_result(board_db):
    """The slider is a fragment of its own inside the result view (ui.training_page._scrub),
    under the Submit panel it leaves alone: after a scrub back to step 5, the panel is still
    there and sends the run's final figures, not the step on screen."""
    made = ClassStore(board_db).new_class()
    at = open_page("classification", query={"steps": "20"})
    at.session_state["class.joined"] = (made.code, "ann")
    at.button(key="classification.train").click().run()
    run = at.session_state["classification.run"]
    at.select_slider(key=f"classification.scrub.{run.id}").set_value(5).run()
    no_exceptions(at)
    assert next(m.value for m in at.metric if m.label == "Step") == "5/20"
    submit = next(b for b in at.button if b.label.startswith("Submit to class"))
    submit.click().run()
    no_exceptions(at)
    assert "Submitted to class" in texts(at)
    [entry] = ClassStore(board_db).entries(made.code)
    assert entry.metrics["steps"] == 20
    final, on_screen = run.last.scalars["train_loss"], run.snapshots[4].scalars["train_loss"]
    assert final != on_screen
    assert entry.metrics["final_loss"] == pytest.approx(final)


def test_a_training_page_says_how_to_join_when_not_in_a_class():
    at = open_page("classification", query={"steps": "5"})
    at.button(key="classification.train").click().run()
    assert "Join it on the Class board page" in texts(at)


def test_chinese_board():
    at = open_page("board", lang="zh")
    no_exceptions(at)
    assert "班级看板" in texts(at)


def test_a_run_submitted_under_a_challenge_is_judged(board_db):
    made = ClassStore(board_db).new_class()
    at = open_page("regression", query={"challenge": "regression_max_lr", "steps": "5"})
    at.session_state["class.joined"] = (made.code, "ann")
    at.button(key="regression.train").click().run()
    no_exceptions(at)
    next(b for b in at.button if b.label.startswith("Submit to class")).click().run()
    no_exceptions(at)
    entry = ClassStore(board_db).entries(made.code)[0]
    assert entry.challenge == "regression_max_lr" and entry.passed is False
    assert "Challenge not passed yet" in texts(at)


def _param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_a_student_who_reloads_stays_in_the_class(board_db):
    made = ClassStore(board_db).new_class()
    at = join(open_page("board"), made.code.lower(), HOSTILE)
    # The class and the nickname are in the URL (never a teacher key)...
    assert (_param(at, "class"), _param(at, "nick")) == (made.code, HOSTILE)
    assert all(made.key not in str(v) for v in at.query_params.values())
    # ...and stay there on a training page, through a run.
    lesson = open_page("classification", query={"steps": "5", "class": made.code,
                                                "nick": HOSTILE})
    lesson.button(key="classification.train").click().run()
    no_exceptions(lesson)
    assert lesson.session_state["class.joined"] == (made.code, HOSTILE)
    assert (_param(lesson, "class"), _param(lesson, "nick")) == (made.code, HOSTILE)
    # A fresh session with that URL (a reload) is in the class and can submit at once.
    next(b for b in lesson.button if b.label.startswith("Submit to class")).click().run()
    no_exceptions(lesson)
    assert [e.nickname for e in ClassStore(board_db).entries(made.code)] == [HOSTILE]


@pytest.mark.parametrize("code, message", [("ZZZZ-ZZZZ", "no class with this code"),
                                           ("12", "8 letters")])
def test_a_reload_into_a_class_that_is_gone_says_so_and_drops_the_nickname(code, message):
    at = open_page("classification", query={"steps": "5", "class": code, "nick": "ann"})
    at.button(key="classification.train").click().run()  # Submit asks for the class
    no_exceptions(at)
    assert message.lower() in texts(at).lower()
    assert "class.joined" not in at.session_state and _param(at, "nick") is None


def test_a_reload_into_a_closed_class_says_so(board_db):
    store = ClassStore(board_db)
    made = store.new_class()
    store.close(made.code, made.key)
    at = open_page("board", query={"class": made.code, "nick": "ann"})
    no_exceptions(at)
    assert "closed" in texts(at).lower() and "class.joined" not in at.session_state


def test_presenter_mode_on_the_board_draws_the_leaderboard_as_escaped_text(board_db):
    store = ClassStore(board_db)
    made = store.new_class()
    store.submit(made.code, nickname=HOSTILE, page="classification", settings={"lr": "0.1"},
                 metrics={"accuracy": 0.9})
    at = open_page("board", query={"class": made.code, "present": "1"})
    no_exceptions(at)
    assert at.toggle(key="board.__present").value is True
    tables = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<table")]
    assert tables and "&lt;img src=x onerror=alert(1)&gt;" in tables[-1]
    assert HOSTILE not in tables[-1]
