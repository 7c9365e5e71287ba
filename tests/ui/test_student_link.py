"""Student links: the teacher's values and lock survive the URL; no hand edit unlocks a setting."""
import dataclasses
from urllib.parse import parse_qsl, urlencode

import pytest

from core.config import ConfigError, to_strings
from core.tasks.classification import ClassificationConfig
from ui import student_link
from ui.student_link import StudentView, make, read

KEY = b"k" * 32
PAGE = "classification"


def through_url(params):
    """What the page gets back after the browser: text only, in order."""
    return dict(parse_qsl(urlencode(params)))


def teacher_link(**changes):
    cfg = dataclasses.replace(ClassificationConfig(), dataset="spiral", hidden=(8,), **changes)
    return cfg, through_url(make(KEY, PAGE, cfg, ["lr", "steps"]))


def test_a_plain_link_is_not_a_student_link():
    assert read(KEY, PAGE, ClassificationConfig, {"lr": "0.1"}) is None


def test_the_link_carries_values_show_and_seal():
    cfg, params = teacher_link()
    assert params["dataset"] == "spiral" and params["hidden"] == "8" and "lr" not in params
    assert params["show"] == "lr,steps" and len(params["lock"]) == 32
    view = read(KEY, PAGE, ClassificationConfig, params)
    assert view.problem is None
    assert view.locked == {k: v for k, v in to_strings(cfg).items() if k not in ("lr", "steps")}
    assert view.is_locked("hidden") and not view.is_locked("lr")


def test_students_may_change_shown_settings_in_the_url():
    _, params = teacher_link()
    params["lr"] = "0.5"  # a shown setting: the student's own choice
    view = read(KEY, PAGE, ClassificationConfig, params)
    assert view.problem is None and "lr" not in view.locked


@pytest.mark.parametrize("edit", [
    {"hidden": "64"},  # a locked value changed
    {"dataset": "blobs"},  # a locked value set back to the default
    {"show": "lr,steps,hidden"},  # unlock by hand
    {"show": "lr"},
    {"lock": "0" * 32},
    {"lock": ""},
    {"hidden": "-5"},  # garbage in a locked value
    {"show": "lr,steps,__class__"},
    {"show": "lr,lr,steps"},
])
def test_a_hand_edited_link_is_refused_and_unlocks_nothing(edit):
    _, params = teacher_link()
    params.update(edit)
    view = read(KEY, PAGE, ClassificationConfig, params)
    assert view.problem
    assert view.locked == to_strings(ClassificationConfig())  # everything fixed at the defaults


def test_dropping_the_value_of_a_locked_setting_is_refused():
    _, params = teacher_link()
    del params["hidden"]
    assert read(KEY, PAGE, ClassificationConfig, params).problem


def test_show_without_a_lock_is_refused():
    view = read(KEY, PAGE, ClassificationConfig, {"show": "lr"})
    assert isinstance(view, StudentView) and view.problem


def test_another_server_or_page_does_not_accept_the_seal():
    _, params = teacher_link()
    assert read(b"other" * 8, PAGE, ClassificationConfig, params).problem
    assert read(KEY, "regression", ClassificationConfig, params).problem


def test_unknown_names_are_refused_when_making_a_link():
    with pytest.raises(ConfigError, match="unknown setting"):
        make(KEY, PAGE, ClassificationConfig(), ["lr", "nope"])


def test_the_secret_is_made_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv(student_link.SECRET_ENV, raising=False)
    first = student_link.secret(tmp_path)
    assert len(first) == 32 and student_link.secret(tmp_path) == first
    assert (tmp_path / student_link.SECRET_FILE).stat().st_mode & 0o077 == 0
    monkeypatch.setenv(student_link.SECRET_ENV, "shared by every replica")
    assert student_link.secret(tmp_path) == b"shared by every replica"
