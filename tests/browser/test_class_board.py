"""The class in a real browser: a teacher starts a class, three students join in their own
browser contexts, train and submit, the board shows them, the teacher exports the CSV."""
import csv
import io
import re
from pathlib import Path

import pytest

from tests.browser.conftest import (
    ROOT,
    click_button,
    free_port,
    shot,
    start_server,
    stop_server,
    wait_idle,
)

pytestmark = pytest.mark.browser

NICKNAMES = ["<img src=x onerror=alert(1)>", "**bold**", "学生 ✨"]
WORDS = {
    "en": {"start": "Start a class", "join": "Join", "code": "Class code",
           "nickname": "Your nickname (shown to the class)", "train": "Train",
           "submit": "Submit to class", "runs": "Runs",
           "export": "Export CSV", "section": "Build & train", "lesson": "Classification"},
    "zh": {"start": "开设班级", "join": "加入", "code": "班级代码",
           "nickname": "你的昵称（全班可见）", "train": "训练", "submit": "提交到班级",
           "runs": "提交次数", "export": "导出 CSV",
           "section": "搭建与训练", "lesson": "分类"},
}


@pytest.fixture(scope="module")
def class_server(tmp_path_factory):
    """A server of its own, on a database of its own."""
    (ROOT / "artifacts").mkdir(exist_ok=True)
    db = tmp_path_factory.mktemp("board") / "board.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLAYGROUND_DB_URL", f"sqlite:///{db}")
        port = free_port()
        proc = start_server(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)


def no_script_runs(page, alerts):
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))


def metric(page, label):
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_class_end_to_end(class_server, browser, lang):
    words, query = WORDS[lang], ("?lang=zh" if lang == "zh" else "")
    alerts = []
    teacher_context = browser.new_context(viewport={"width": 1280, "height": 720},
                                          accept_downloads=True)
    teacher = teacher_context.new_page()
    no_script_runs(teacher, alerts)
    teacher.goto(f"{class_server}/board{query}")
    wait_idle(teacher)
    click_button(teacher, words["start"])
    teacher.wait_for_url(re.compile(r"class="), timeout=60_000)
    wait_idle(teacher)
    code = re.search(r"class=([A-Z0-9]{8})", teacher.url).group(1)

    students = []
    try:
        for nickname in NICKNAMES:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            students.append(context)
            student = context.new_page()
            no_script_runs(student, alerts)
            student.goto(f"{class_server}/board{query}")
            wait_idle(student)
            student.get_by_label(words["code"]).first.fill(f"{code[:4].lower()}-{code[4:]}")
            student.get_by_label(words["nickname"]).fill(nickname)
            click_button(student, words["join"])
            wait_idle(student)
            # To the lesson through the navigation: the same session, still in the class.
            student.get_by_text(words["section"], exact=True).click()
            student.get_by_role("menuitem", name=words["lesson"], exact=True).click()
            wait_idle(student)
            click_button(student, words["train"])
            submit = student.get_by_role("button", name=re.compile(words["submit"]))
            submit.wait_for(timeout=120_000)
            submit.click()
            student.wait_for_selector('[data-testid="stAlertContentSuccess"] >> nth=1',
                                      timeout=60_000)
            wait_idle(student)
            assert student.locator('[data-testid="stException"]').count() == 0

        # The teacher's board redraws by itself: three runs without touching it.
        teacher.wait_for_function(
            """([label, want]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes(label) && m.innerText.trim().endsWith(want))""",
            arg=[words["runs"], "3"], timeout=30_000)
        wait_idle(teacher)
        assert teacher.locator('[data-testid="stVegaLiteChart"]').count() >= 1
        shot(teacher, f"{lang}_class_board")

        with teacher.expect_download(timeout=60_000) as download:
            click_button(teacher, words["export"])
        rows = list(csv.DictReader(io.StringIO(
            Path(download.value.path()).read_text(encoding="utf-8"))))
        assert sorted(r["nickname"] for r in rows) == sorted(NICKNAMES)
        assert {r["page"] for r in rows} == {"classification"}
        assert alerts == []  # no nickname ever ran as script
    finally:
        for context in students:
            context.close()
        teacher_context.close()
