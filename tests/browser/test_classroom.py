"""Classroom in a real browser: presenter mode is readable at 1280x720, a student link locks."""
import pytest

from core.catalog import LESSONS
from tests.browser.conftest import scene_texts, shot, train, wait_idle

pytestmark = pytest.mark.browser

READABLE_PX = 20


def font_px(page, selector):
    """Computed font sizes (px) of every element matching ``selector``."""
    return page.eval_on_selector_all(
        selector, "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")


def chart_text_px(page):
    """Font sizes of the texts every chart draws: an SVG chart's text elements, and for a chart
    drawn on a canvas (the boundary, the network diagram) the text items of the Vega scene
    graph that its canvas renderer paints with those sizes."""
    sizes = []
    for chart in page.locator('[data-testid="stVegaLiteChart"]').all():
        if chart.locator("canvas").count():
            sizes += [t["size"] for t in scene_texts(chart)]
        else:
            sizes += chart.evaluate("""chart => [...chart.querySelectorAll('text')].map(
                el => parseFloat(el.getAttribute('font-size') || getComputedStyle(el).fontSize))""")
    return sizes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_presenter_mode_is_readable_from_the_back(server_url, projector, lang):
    page = projector
    page.goto(f"{server_url}/classification?present=1&pin=lr,hidden&lang={lang}")
    wait_idle(page)
    train(page, "训练" if lang == "zh" else "Train")
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    main = '[data-testid="stMain"]'
    buttons = font_px(page, f'{main} .stButton button p')
    labels = font_px(page, f'{main} [data-testid="stMetricLabel"] p')
    values = font_px(page, f'{main} [data-testid="stMetricValue"]')
    widget_labels = font_px(page, f'{main} [data-testid="stWidgetLabel"] p')
    assert len(buttons) >= 3 and min(buttons) >= READABLE_PX, buttons
    assert labels and min(labels) >= READABLE_PX, labels
    assert values and min(values) >= READABLE_PX, values
    # only the pinned settings are on the page: learning rate and hidden units
    assert page.locator(f'{main} [data-testid="stSlider"]').count() >= 1
    assert len(widget_labels) >= 2 and min(widget_labels) >= READABLE_PX, widget_labels
    chart = chart_text_px(page)
    assert chart and min(chart) >= READABLE_PX, chart
    # the two canvas charts are among them: the boundary's axes and legend, the diagram's title
    charts = page.locator(f'{main} [data-testid="stVegaLiteChart"]')
    boundary, diagram = scene_texts(charts.first), scene_texts(charts.last)
    roles = {t["role"] for t in boundary}
    assert {"axis-label", "axis-title", "legend-label"} <= roles, boundary
    assert min(t["size"] for t in boundary) >= READABLE_PX, boundary
    assert diagram and min(t["size"] for t in diagram) >= READABLE_PX, diagram
    shot(page, f"presenter_{lang}")
    # the picture and the curves fill the screen's width
    boxes = [page.locator('[data-testid="stVegaLiteChart"]').nth(i).bounding_box()
             for i in range(2)]
    assert sum(b["width"] for b in boxes) >= 0.75 * 1280, boxes
    assert max(b["y"] + b["height"] for b in boxes) <= 720, boxes  # on screen, no scrolling


def test_a_student_link_shows_locked_settings_as_fixed_text(server_url, page):
    page.goto(f"{server_url}/classification?dataset=moons")
    wait_idle(page)
    summary = page.locator('section[data-testid="stSidebar"] [data-testid="stExpander"] summary')
    summary.first.scroll_into_view_if_needed()
    summary.first.click()
    page.wait_for_timeout(800)
    code = page.locator('section[data-testid="stSidebar"] [data-testid="stCode"] code').last
    url = code.inner_text().strip()
    assert "lock=" in url and "dataset=moons" in url
    page.goto(url.replace("\n", ""))
    wait_idle(page)
    assert page.get_by_label("🔒 Dataset").is_disabled()
    shot(page, "student_link")
    page.goto(url.replace("dataset=moons", "dataset=spiral"))
    wait_idle(page)
    assert page.get_by_text("changed after it was made").count() == 1


# The pages without training (home and the catalog's lessons that do not train): presenter
# mode's big type and big charts too.
PLAIN_PAGES = [""] + [lesson.name for lesson in LESSONS if not lesson.trainable]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PLAIN_PAGES, ids=lambda n: n or "home")
def test_presenter_mode_on_the_pages_without_training(server_url, projector, name, lang):
    page = projector
    page.goto(f"{server_url}/{name}?present=1&lang={lang}")
    wait_idle(page)
    # (the language's first run may rerun the page once: wait for the presenter's stylesheet)
    page.wait_for_selector('section[data-testid="stSidebar"]', state="hidden", timeout=30_000)
    wait_idle(page)
    main = '[data-testid="stMain"]'
    text = font_px(page, f'{main} [data-testid="stMarkdownContainer"] p')
    assert len(text) >= 2 and min(text) >= READABLE_PX, text
    for selector in ('.stButton button p', '[data-testid="stMetricLabel"] p',
                     '[data-testid="stMetricValue"]', '[data-testid="stWidgetLabel"] p',
                     '[data-testid="stCode"] code', 'table.presenter-table td',
                     '[data-testid="stMarkdownContainer"] p code', '[data-baseweb="tag"] span'):
        sizes = font_px(page, f"{main} {selector}")
        assert not sizes or min(sizes) >= READABLE_PX, (selector, sizes)
    # no table drawn on a canvas (its cells cannot be enlarged): presenter tables instead
    assert page.locator(f'{main} [data-testid="stDataFrame"]').count() == 0
    charts = page.locator(f'{main} [data-testid="stVegaLiteChart"]')
    if charts.count():
        sizes = chart_text_px(page)
        assert sizes and min(sizes) >= READABLE_PX, sizes
        first = charts.first.bounding_box()
        assert first["width"] >= 0.45 * 1280 and first["height"] >= 0.5 * 720, first
    shot(page, f"presenter_{name or 'home'}_{lang}")


def test_train_reruns_only_the_training_area(server_url):
    """A click on Train reruns the training area's fragment, not the page: no setting in the
    sidebar is sent again (what made a class of 100 pressing Train together slow), and the
    page shows the command line's numbers. Spoken as bench/classroom.py's students speak."""
    import asyncio
    import concurrent.futures

    from websockets.asyncio.client import connect
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    import bench.classroom as bc

    student = bc.Student(3, server_url.replace("http", "ws") + "/_stcore/stream")

    async def click() -> tuple[list[int], int]:
        async with connect(student.url, subprotocols=["streamlit"], max_size=None,
                           ping_interval=None) as ws:
            await ws.send(bc._rerun(student))
            await bc._until_finished(ws, student)
            assert student.train_id and student.train_fragment  # drawn by a fragment
            await ws.send(bc._rerun(student, trigger=student.train_id))
            roots, status = [], None
            while status is None:
                msg = ForwardMsg()
                msg.ParseFromString(await ws.recv())
                if msg.WhichOneof("type") == "delta":
                    roots.append(msg.metadata.delta_path[0])  # 0: the main area, 1: sidebar
                    if msg.delta.new_element.WhichOneof("type") == "metric":
                        element = msg.delta.new_element.metric
                        student.metrics[element.label] = element.body
                elif msg.WhichOneof("type") == "script_finished":
                    status = msg.script_finished
            return roots, status

    # in a thread of its own: Playwright's sync API keeps an event loop in this one
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        roots, status = thread.submit(lambda: asyncio.run(asyncio.wait_for(click(), 120))).result()
    assert status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    assert roots and set(roots) == {0}, roots  # nothing in the sidebar was drawn again
    shown = {k: student.metrics[k] for k in bc.CLASSIFICATION.shown}
    assert shown == bc.as_shown(bc.cli_json(3))
