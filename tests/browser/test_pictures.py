"""Pictures that tell the truth in a real browser: a square boundary plot (also fullscreen) that
never blinks blank between frames, a legend with markers, and a page that is all Chinese after
switching on a trained page."""
import re

import pytest

from tests.browser.conftest import VEGA_VIEW, click_button, scene_texts, shot, train, wait_idle

pytestmark = pytest.mark.browser

# Pixels a user sees as colour: a heat-map colour or a neuron map's shade has channels at
# least 4 apart (the palest, the boundary's 50/50 mix, is (223, 224, 219)); axes, grid lines,
# texts and the canvas's background are grey, black, white or transparent.
TINTED = """(data, i) => data[i + 3] > 0 &&
  Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) >= 4"""

# The box (CSS px, relative to the canvas) of a canvas's tinted area, sampled every ``step``
# device pixels: the rows and columns with at least half as many tinted pixels as the fullest
# (a point overhanging the plot's edge tints a few pixels of a row, the heat map all of it),
# and the share of the box's samples that are tinted; null when nothing is tinted.
TINTED_BOX = """(canvas, step) => {
  const tinted = TINTED;
  const {width, height} = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const rows = new Array(height).fill(0), columns = new Array(width).fill(0);
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      if (tinted(data, 4 * (y * width + x))) { rows[y] += 1; columns[x] += 1; }
    }
  }
  const span = counts => {
    const half = Math.max(...counts) / 2;
    const inside = counts.map((n, k) => n > 0 && n >= half ? k : -1).filter(k => k >= 0);
    return inside.length ? [inside[0], inside[inside.length - 1]] : null;
  };
  const [xs, ys] = [span(columns), span(rows)];
  if (!xs || !ys) return null;
  let count = 0;
  for (let y = ys[0]; y <= ys[1]; y += step)
    for (let x = xs[0]; x <= xs[1]; x += step) count += tinted(data, 4 * (y * width + x)) ? 1 : 0;
  const samples = (Math.floor((xs[1] - xs[0]) / step) + 1) * (Math.floor((ys[1] - ys[0]) / step) + 1);
  const scale = width / canvas.getBoundingClientRect().width;  // devicePixelRatio
  return {x: xs[0] / scale, y: ys[0] / scale, width: (xs[1] + 1 - xs[0]) / scale,
          height: (ys[1] + 1 - ys[0]) / scale, cover: count / samples};
}""".replace("TINTED", TINTED)


# Called once per painted frame (requestAnimationFrame runs right before the browser paints):
# whether the boundary chart (the page's first) shows its heat map and whether the network
# diagram (the page's last chart) shows every neuron map. On a canvas, from its pixels: the heat
# map tints at least 80% of its plot (the points alone, the picture gone, a tenth or less); a
# tile shows its map when the canvas has, in (nearly) each of the map's cells,
# the colour that Vega's scene graph gives that cell (a blank tile: the white background and
# the links under it). On the old SVG charts the probe reads the DOM instead: an image mark is
# drawn once its href holds the PNG. Vega draws an image mark whose url changed only once the
# new PNG has loaded: blank.
COUNT_FRAMES = """() => {
  window.__frames = {drawn: 0, blank: 0, diagram_drawn: 0, diagram_blank: 0};
  const box = TINTED_BOX;
  const viewOf = VEGA_VIEW;
  const shown = el => el.tagName === 'path' || (el.getAttribute('href') || '').startsWith('data:');
  const count = (key, drawn) => {
    if (drawn) window.__frames[key + 'drawn'] += 1;
    else if (window.__frames[key + 'drawn']) window.__frames[key + 'blank'] += 1;
  };
  // The diagram's tiles as Vega's scene graph places them, each with the cells of its map:
  // [{cells: [[x, y, [r, g, b]]]}], a device pixel of each cell and the colour it should have
  const tiles = (chart, canvas) => {
    const view = viewOf(chart);
    if (!view) return [];
    const [ox, oy] = view.origin();
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const frames = [], cells = [];
    const walk = node => {
      for (const item of node.items || []) {
        if (node.marktype === 'rect' && node.role === 'mark') {
          // a cell's rect reaches half a cell under its right and lower neighbours
          // (SEAM_OVERLAP): its own colour shows 0.4 of the way in, clear of the tile's frame
          const x = Math.floor((item.x + 0.4 * item.width + ox) * scale);
          const y = Math.floor((item.y + 0.4 * item.height + oy) * scale);
          if (item.stroke === '#666') {
            frames.push({x0: (item.x + ox) * scale, x1: (item.x + item.width + ox) * scale,
                         y0: (item.y + oy) * scale, y1: (item.y + item.height + oy) * scale,
                         cells: []});
          } else if (/^#[0-9a-f]{6}$/i.test(item.fill) && item.fill !== '#ffffff') {  // white: as blank
            cells.push([x, y,
                        [1, 3, 5].map(k => parseInt(item.fill.slice(k, k + 2), 16))]);
          }
        }
        if (item.items) walk(item);
      }
    };
    walk(view.scenegraph().root);
    for (const cell of cells) {
      const frame = frames.find(f => f.x0 <= cell[0] && cell[0] < f.x1 && f.y0 <= cell[1] && cell[1] < f.y1);
      if (frame) frame.cells.push(cell);
    }
    return frames;
  };
  // a tile shows its map: the canvas has the map's colour at (nearly) every cell's centre
  const shows = (data, width, tile) => tile.cells.filter(([x, y, rgb]) =>
      rgb.every((v, k) => Math.abs(data[4 * (y * width + x) + k] - v) <= 2)).length
      >= 0.9 * tile.cells.length;
  const tick = () => {
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    const boundary = charts[0], diagram = charts.length > 2 ? charts[charts.length - 1] : null;
    const boundaryCanvas = boundary && boundary.querySelector('canvas');
    if (boundaryCanvas) {
      const b = box(boundaryCanvas, 3);
      count('', b !== null && b.cover > 0.8);
    } else if (boundary && boundary.querySelector('g.role-mark')) {
      count('', [...boundary.querySelector('g.role-mark').children].some(shown));
    }
    const diagramCanvas = diagram && diagram.querySelector('canvas');
    if (diagramCanvas) {
      const found = tiles(diagram, diagramCanvas);
      if (found.some(t => t.cells.length)) {  // rect maps (image maps have no cells)
        const {width, height} = diagramCanvas;
        const data = diagramCanvas.getContext('2d').getImageData(0, 0, width, height).data;
        count('diagram_', found.every(t => shows(data, width, t)));
      }
    } else if (diagram) {
      const maps = diagram.querySelector('g.mark-image.role-mark, g.mark-rect.role-mark');
      if (maps && maps.children.length) count('diagram_', [...maps.children].every(shown));
    }
    if (!window.__frames.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}""".replace("TINTED_BOX", TINTED_BOX).replace("TINTED", TINTED).replace("VEGA_VIEW", VEGA_VIEW)


def image_size(page) -> tuple[float, float]:
    """Width and height (CSS px) of the boundary's heat map as painted: the box of its tinted
    pixels on the chart's canvas."""
    canvas = page.locator('[data-testid="stVegaLiteChart"]').first.locator("canvas")
    tinted = canvas.evaluate(TINTED_BOX, 1)
    return tinted["width"], tinted["height"]


def legend_labels(page) -> list[str]:
    """The boundary legend's labels as painted: the text items of the legend in the Vega scene
    graph the canvas renderer draws (after the spec's labelExpr added the markers)."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    return [t["text"] for t in scene_texts(chart) if t["role"] == "legend-label"]


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
