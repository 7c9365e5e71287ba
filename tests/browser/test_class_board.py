"""The class in a real browser: a teacher starts a class, three students join in their own
browser contexts, train and submit, the board shows them, the teacher exports the CSV."""
import csv
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.classboard.store import ClassStore
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
def class_db(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('board') / 'board.sqlite3'}"


@pytest.fixture(scope="module")
def class_server(class_db):
    """A server of its own, on a database of its own."""
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLAYGROUND_DB_URL", class_db)
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


def green_point(page):
    """Page coordinates of the scatter's green point (viridis' second of two colours), found
    in the drawn pixels: Vega draws on a canvas. The legend's green swatch is right of the
    plot, so the leftmost green pixels are the point's."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').last
    # In the middle of the window: the highest point sits on the plot's top edge, which a
    # minimal scroll can leave under the fixed navigation bar (a click there missed the point).
    chart.evaluate("e => e.scrollIntoView({block: 'center'})")
    picture = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
    box = chart.bounding_box()  # after the screenshot, which scrolls the chart into view
    picture.save(ROOT / "artifacts" / "screenshots" / "board_scatter_chart.png")
    pixels = np.asarray(picture).astype(int)
    scale = pixels.shape[1] / box["width"]  # device pixels per CSS pixel
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    ys, xs = np.nonzero((green > 160) & (red < 140) & (blue < 140))
    assert len(xs), "no green point drawn"
    near = np.abs(xs - xs.min()) < 12 * scale  # one point's pixels, the leftmost
    x, y = box["x"] + xs[near].mean() / scale, box["y"] + ys[near].mean() / scale
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.closest("
                           "'[data-testid=\"stVegaLiteChart\"]') !== null", [x, y])
    assert on_top, f"the point at ({x:.0f}, {y:.0f}) is covered"  # a click would miss it
    return x, y


def test_a_point_on_the_board_opens_its_run_and_a_reload_stays_joined(class_server, class_db,
                                                                      browser):
    store = ClassStore(class_db)
    made = store.new_class()
    for nickname, lr, hidden, accuracy in [("ann", "0.01", "4", 0.7), ("bo", "0.3", "16", 0.9)]:
        store.submit(made.code, nickname=nickname, page="classification",
                     settings={"lr": lr, "hidden": hidden}, metrics={"accuracy": accuracy})
    store.engine.dispose()
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        teacher = context.new_page()
        teacher.goto(f"{class_server}/board?class={made.code}&present=1")
        wait_idle(teacher)
        teacher.locator('[data-testid="stVegaLiteChart"]').last.wait_for(timeout=60_000)
        teacher.wait_for_timeout(800)  # the chart's first paint
        # presenter mode on the board: no sidebar, big type
        assert not teacher.locator('section[data-testid="stSidebar"]').is_visible()
        labels = teacher.eval_on_selector_all(
            '[data-testid="stMetricLabel"] p',
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert len(labels) == 3 and min(labels) >= 20, labels
        cells = teacher.eval_on_selector_all(
            "table.presenter-table td",
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert cells and min(cells) >= 20, cells
        shot(teacher, "board_presenter_scatter")
        x, y = green_point(teacher)
        teacher.mouse.click(x, y)
        teacher.wait_for_url(re.compile(r"/classification\?"), timeout=60_000)
        wait_idle(teacher)
        assert "lr=0.3" in teacher.url and "hidden=16" in teacher.url
        assert teacher.locator('[data-testid="stException"]').count() == 0

        student = context.new_page()  # the same browser, another tab: a session of its own
        student.goto(f"{class_server}/board")
        wait_idle(student)
        student.get_by_label("Class code").first.fill(made.code)
        student.get_by_label("Your nickname (shown to the class)").fill("cleo")
        click_button(student, "Join")
        student.get_by_text("You are in this class as: cleo").wait_for(timeout=60_000)
        assert "nick=cleo" in student.url
        student.reload()  # a new session: rejoined from the URL
        wait_idle(student)
        student.get_by_text("You are in this class as: cleo").wait_for(timeout=60_000)
    finally:
        context.close()
