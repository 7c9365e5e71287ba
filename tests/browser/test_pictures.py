"""Pictures that tell the truth in a real browser: a square boundary plot (also fullscreen) that
never blinks blank between frames, a legend with markers, and a page that is all Chinese after
switching on a trained page."""
import re

import pytest

from tests.browser.conftest import click_button, shot, wait_idle

pytestmark = pytest.mark.browser

# The boundary chart's first layer: the heat map under the points
BOUNDARY_PICTURE = '[data-testid="stVegaLiteChart"] g.role-mark'
# Called once per painted frame (requestAnimationFrame runs right before the browser paints):
# records whether the boundary chart's picture layer draws anything, an image with its data or
# shapes, and whether the network diagram's neuron-map layer draws every tile (its first image
# or rect layer: the links are rules). Vega draws an image mark whose url changed only once the
# new PNG has loaded: blank.
COUNT_FRAMES = """() => {
  window.__frames = {drawn: 0, blank: 0, diagram_drawn: 0, diagram_blank: 0};
  const shown = el => el.tagName === 'path' || (el.getAttribute('href') || '').startsWith('data:');
  const tick = () => {
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    const layer = charts.length && charts[0].querySelector('g.role-mark');
    if (layer) {
      if ([...layer.children].some(shown)) window.__frames.drawn += 1;
      else if (window.__frames.drawn) window.__frames.blank += 1;  // blank after a picture
    }
    const diagram = charts.find(c => [...c.querySelectorAll('.role-title-text')]
        .some(t => t.textContent.startsWith('The network')));
    const maps = diagram && diagram.querySelector('g.mark-image.role-mark, g.mark-rect.role-mark');
    if (maps) {
      const tiles = [...maps.children];
      if (tiles.length && tiles.every(shown)) window.__frames.diagram_drawn += 1;
      else if (window.__frames.diagram_drawn) window.__frames.diagram_blank += 1;
    }
    if (!window.__frames.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def image_size(page) -> tuple[float, float]:
    box = page.locator(BOUNDARY_PICTURE).first.bounding_box()
    return box["width"], box["height"]


def legend_labels(page) -> list[str]:
    labels = page.locator('[data-testid="stVegaLiteChart"] .role-legend-label text')
    return [label.text_content() for label in labels.all()]


def train(page, label: str = "Train") -> None:
    click_button(page, label)
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=120_000)
    wait_idle(page)


def test_boundary_plot_is_square_also_fullscreen(server_url, projector):
    """Defect: 12×12 units were drawn 342×270 px, and fullscreen stretched them to 1198×536."""
    page = projector
    page.goto(f"{server_url}/classification")
    wait_idle(page)
    train(page)
    width, height = image_size(page)
    assert width > 300 and abs(width - height) <= 1
    assert legend_labels(page)[:2] == ["● train", "□ test"]  # markers as the points: filled, hollow
    shot(page, "en_classification_square_1280")

    page.locator('[data-testid="stVegaLiteChart"]').first.hover()
    page.get_by_role("button", name="Fullscreen").first.click()
    page.wait_for_timeout(1000)
    width, height = image_size(page)
    assert width > 450 and abs(width - height) <= 1
    shot(page, "en_classification_square_fullscreen")


def test_boundary_is_never_blank_while_training_or_replaying(server_url, page):
    """Defect 13: the boundary picture was blank in some frames of a replay and of a live run
    (the old image mark: 40 of 141 painted frames of a replay), and so were the network
    diagram's neuron maps (28 of 72)."""
    page.goto(f"{server_url}/classification?steps=600&seed=13")  # its own run, not shared
    wait_idle(page)
    page.evaluate(COUNT_FRAMES)
    train(page)
    live = page.evaluate("() => ({...window.__frames})")
    page.evaluate("() => { for (const k in window.__frames) window.__frames[k] = 0; }")
    click_button(page, "Replay")
    page.get_by_text(re.compile(r"Step \d+ of \d+")).first.wait_for(timeout=60_000)
    wait_idle(page)
    replay = page.evaluate("() => ({...window.__frames})")
    assert live["drawn"] > 0 and replay["drawn"] > 20, (live, replay)
    assert live["diagram_drawn"] > 0 and replay["diagram_drawn"] > 20, (live, replay)
    assert (live["blank"], replay["blank"]) == (0, 0), (live, replay)
    assert (live["diagram_blank"], replay["diagram_blank"]) == (0, 0), (live, replay)


def test_switching_to_chinese_on_a_trained_page(server_url, page):
    """Defect: after switching to 简体中文 the dataset box's value and the uploader stayed English.
    The uploader's own words ("Upload", "5MB per file") are fixed by Streamlit 1.67: the label,
    help and a caption around it are ours, and the box states our limit, not the server's."""
    page.goto(f"{server_url}/classification?dataset=spiral")
    wait_idle(page)
    train(page)
    page.get_by_text("简体中文", exact=True).click()
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    dataset = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="数据集")
    assert dataset.locator("input").input_value() == "螺旋"
    assert legend_labels(page)[:2] == ["● 训练", "□ 测试"]
    page.get_by_text("上传 CSV", exact=True).click()
    wait_idle(page)
    uploader = page.locator('[data-testid="stFileUploader"]')
    text = uploader.inner_text()
    assert "CSV 文件" in text and "5MB per file" in text  # our limit (5 MB), not 200 MB
    box = page.locator('[data-testid="stVerticalBlock"]').filter(has=uploader).last
    assert "框里的英文由 Streamlit 固定" in box.inner_text()
    # every other word in the data box is Chinese: strip the uploader and the file types
    rest = box.inner_text().replace(text, "")
    assert not re.search(r"\b(?!CSV\b|Streamlit\b|Upload\b|MB\b)[A-Za-z]{3,}", rest), rest
    shot(page, "zh_classification_switched_upload")


def test_batch_grid_of_forty_points_fits_beside_the_loss_chart(server_url, projector):
    """Defect 14: 40 points, batch 3, 20 epochs ran over the loss chart, cut its legend and
    repeated colours after 10 batches."""
    page = projector
    page.goto(f"{server_url}/batch?points=40&batch_size=3&epochs=20")
    wait_idle(page)
    train(page)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    grid, curves = charts.nth(0), charts.nth(1)
    grid.scroll_into_view_if_needed()
    grid_box, curves_box = grid.bounding_box(), curves.bounding_box()
    svg = grid.locator("svg").first.bounding_box()
    cells = grid.locator(".mark-rect").first.bounding_box()
    legend = grid.locator(".role-legend").first.bounding_box()
    assert cells["x"] + cells["width"] < legend["x"]
    assert legend["x"] + legend["width"] <= curves_box["x"] + 1  # nothing over the curves
    assert legend["x"] + legend["width"] <= svg["x"] + svg["width"] + 1
    assert legend["y"] + legend["height"] <= svg["y"] + svg["height"] + 1
    labels = [x.text_content() for x in grid.locator(".role-legend-label text").all()]
    assert sorted(labels) == sorted(str(k) for k in range(1, 15))
    fills = grid.locator(".role-legend-symbol path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))")
    assert len(set(fills)) == 14  # a colour per batch of the epoch, none twice
    assert grid_box["height"] < 520
    shot(page, "en_batch_40_points_1280")


def test_rnn_window_is_tall_enough_to_read(server_url, projector):
    """The RNN's window chart drew its curves in a plot about 100 px tall at 1280 px."""
    page = projector
    page.goto(f"{server_url}/rnn")
    wait_idle(page)
    train(page)
    window = page.locator('[data-testid="stVegaLiteChart"]').first
    window.scroll_into_view_if_needed()
    # cos(t) spans -1..1 of the -1.6..1.6 axis: its line is 5/8 of the plot's height
    target = window.locator("g.mark-line path").first.bounding_box()
    assert target["height"] > 120
    shot(page, "en_rnn_window_1280")


def test_loss_surface_is_large_with_equal_units(server_url, projector):
    """The bowl's 7 × 5 units were drawn about 425 × 110 px in its stretched column."""
    page = projector
    page.goto(f"{server_url}/optimizers")
    wait_idle(page)
    surface = page.locator('[data-testid="stVegaLiteChart"]').last
    surface.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    # (drawn on a canvas: its many contour pieces; the equal units are the spec's,
    # tests/ui/test_charts_plane.py, and the screenshot's)
    assert surface.bounding_box()["height"] > 400  # the chart was 300 px, its plot ~110
    shot(page, "en_optimizers_surface_1280")
