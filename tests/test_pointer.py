"""Decoding under the pointer in a real headless Chromium: hovering decodes in the browser with
no message to the server, a click or a tap selects, the alpha slider decodes as it is dragged,
decode=server falls back to Plotly's selection, and an open tab survives a server restart."""

import asyncio
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser import (
    PANEL_PICTURES_DRAWN,
    SCREENSHOTS,
    click_at,
    free_port,
    isolated_points,
    panel_heading,
    start_streamlit,
    stop_group,
    wait_for_script,
)
from tests.load_sessions import Session

pytestmark = pytest.mark.e2e

LENS = """() => {
  const lens = document.querySelector('.le-lens');
  return lens && [lens.querySelector('canvas').toDataURL(), lens.textContent];
}"""
CLASSIFIER_IN_SIMD = """() => [...globalThis.latentExplorerModels.values()]
  .some((model) => model.classifier?.simd)"""
PLOT_AREA = """(index) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const rect = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  return [rect.left + xa._offset, rect.top + ya._offset, xa._length, ya._length];
}"""


def count_sent(page) -> list[float]:
    """The times of the websocket frames the page sends, from now on."""
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(time.monotonic())))
    return sent


def open_page(browser, url: str, lens: bool = True, **context):
    """A new page at `url`, once its charts are drawn (and, where asked, the lens has a decode
    in it); with the list that count_sent fills."""
    page = browser.new_page(**({"viewport": {"width": 1400, "height": 1000}} | context))
    sent = count_sent(page)
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    if lens:
        page.wait_for_function("() => document.querySelector('.le-lens figcaption')?.textContent")
    return page, sent


def touch(page, kind: str, *points: tuple[float, float]) -> None:
    """A touchStart, touchMove or touchEnd of fingers at CSS px `points` (Chrome's DevTools
    protocol: Playwright itself only taps)."""
    session = page.__dict__.setdefault("_touch", page.context.new_cdp_session(page))
    touch_points = [{"x": x, "y": y} for x, y in points]
    session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch_points})


def test_hovering_the_map_decodes_in_the_browser_and_sends_nothing(browser, server):
    page, sent = open_page(browser, f"{server}/Latent_Map")
    left, top, width, height = page.evaluate(PLOT_AREA, 0)
    page.mouse.move(left + 0.3 * width, top + 0.5 * height)
    before, frames = page.evaluate(LENS), len(sent)
    pictures, captions = set(), set()
    for k in range(20):
        page.mouse.move(left + (0.3 + 0.02 * k) * width, top + (0.5 - 0.01 * k) * height)
        picture, caption = page.evaluate(LENS)
        pictures.add(picture)
        captions.add(caption)
    page.wait_for_timeout(500)
    assert len(sent) == frames  # not one message to the server while hovering
    assert len(pictures) > 10 and len(captions) > 10  # the decode follows the pointer
    assert page.evaluate(LENS) != before
    assert "z = (" in caption and "%" in caption  # the position, and the classifier's reading
    assert page.evaluate("() => globalThis.latentExplorerTimings.length") >= 20
    assert page.evaluate(CLASSIFIER_IN_SIMD)  # Chromium runs simd.js's WebAssembly
    page.screenshot(path=SCREENSHOTS / "map-hover.png")
    page.close()


RESAMPLED = """() => document.querySelector('.le-reparam-draws canvas').toDataURL()"""


@pytest.mark.parametrize("model", ["ae-2d", "vae-2d"])
def test_a_click_is_answered_in_the_page_and_told_to_python_before_another_widget(
    browser, server, model
):
    """A click sends nothing (but the first, which brings the test images): the panel (and a
    VAE's reparameterization) is drawn in the page from the model's map book; the pick goes to
    Python when the learner turns to the sidebar, so that a model switch keeps the image."""
    page, sent = open_page(browser, f"{server}/Latent_Map?model={model}&reveal=on")
    page.wait_for_selector(".le-panel canvas")
    first, second = isolated_points(page, want_empty=False, n=2)
    frames = len(sent)
    click_at(page, first)  # the first click brings the test images: one message
    page.wait_for_selector(f"h3:has-text('Test image #{first[2]}:')", timeout=15_000)
    wait_for_script(page)
    assert len(sent) == frames + 1
    frames = len(sent)
    page.wait_for_function("() => [...globalThis.latentExplorerModels.values()]"
                           ".some((model) => model.originals?.bitmap)")  # fmt: skip
    for point in (first, second):
        click_at(page, point)
        page.wait_for_selector(f"h3:has-text('Test image #{point[2]}:')", timeout=5_000)
    assert page.evaluate(PANEL_PICTURES_DRAWN) == [True, True]  # the original and its decode
    assert f"point={second[2]}" in page.url  # the address bar names it, to share
    if model == "vae-2d":
        page.wait_for_selector(".le-reparam-close-up .main-svg")  # mu's close-up, in Plotly
        before = page.evaluate(RESAMPLED)
        page.get_by_role("button", name="Resample eps").click()
        assert page.evaluate(RESAMPLED) != before  # eight new draws, drawn here
        page.evaluate("() => document.querySelector('.js-plotly-plot').scrollIntoView()")
        first, second = isolated_points(page, want_empty=False, n=2)  # where they are now
        empty = isolated_points(page, want_empty=True, n=1, min_gap=30)[0]
        click_at(page, empty)
        page.wait_for_selector("h3:has-text('Empty space')", timeout=5_000)
        assert not page.locator(".st-key-reparam").is_visible()  # no Gaussian for a place
        click_at(page, second)
        page.wait_for_selector(f"h3:has-text('Test image #{second[2]}:')", timeout=5_000)
        assert page.locator(".st-key-reparam").is_visible()
    page.wait_for_timeout(500)
    assert len(sent) == frames  # not one message for the clicks
    page.screenshot(path=SCREENSHOTS / f"map-local-click-{model}.png")
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    assert len(sent) == frames + 1  # the press on the sidebar sent the pick
    other = "ae-20d" if model == "ae-2d" else "vae-20d"
    page.get_by_role("option").filter(has_text=re.compile(f"^{other} ")).click()
    page.wait_for_function(f"() => location.search.includes('model={other}')", timeout=30_000)
    wait_for_script(page)
    page.wait_for_selector(f"h3:has-text('Test image #{second[2]}:')", timeout=15_000)
    page.close()


def open_phone_map(browser, server: str):
    """The Latent Map on a 390 x 844 touch screen, scrolled to the map."""
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
             "device_scale_factor": 2}  # fmt: skip
    page, sent = open_page(browser, f"{server}/Latent_Map?model=vae-2d", **phone)
    page.evaluate("() => document.querySelector('.js-plotly-plot').scrollIntoView()")
    return page, sent


def test_a_tap_on_a_touch_screen_selects_and_a_drag_scrubs(browser, server):
    page, sent = open_phone_map(browser, server)
    x, y, row = isolated_points(page, want_empty=False, n=1, min_gap=8)[0]
    frames, before = len(sent), page.evaluate(LENS)
    touch(page, "touchStart", (x - 60, y))
    for k in range(10):
        touch(page, "touchMove", (x - 60 + 6 * k, y))
    assert page.evaluate(LENS) != before  # a finger's drag decodes under it
    lens = page.evaluate("() => document.querySelector('.le-lens').getBoundingClientRect().bottom")
    assert 0 < lens < 844  # on the screen while the finger moves, no scrolling needed
    touch(page, "touchEnd")
    assert len(sent) == frames  # the drag sent nothing
    page.screenshot(path=SCREENSHOTS / "phone-map-drag.png")
    legend = "() => document.querySelector('.js-plotly-plot')._fullLayout.legend.orientation"
    assert page.evaluate(legend) == "h"  # under the plot, which then has the screen's width
    page.touchscreen.tap(x, y)
    page.wait_for_selector(f"h3:has-text('Test image #{row}:')", timeout=15_000)
    page.close()


# The height of the chart with that key as the page lays it out (Streamlit's element around
# it), and its plot's height, width and margins
IMAGE_CHART = """key => { const element = document.querySelector(`.st-key-${key}`);
  const size = element.querySelector('.js-plotly-plot')._fullLayout._size;
  return [element.getBoundingClientRect().height, size.h, size.w, size.t + size.b]; }"""


# Whether each element (by Streamlit key) is laid out in the page, taking room
TAKES_ROOM = """keys => keys.map(key =>
  document.querySelector(`.st-key-${key}`).getClientRects().length > 0)"""


def test_on_a_phone_the_manifold_is_as_tall_as_its_picture_and_on_a_wide_screen_as_drawn(
    browser, server
):
    """An image chart shrinks to its image and margins where its figure's height (560 px)
    would leave white bands around it (on a phone), and keeps that height where the image
    would be taller; the components that fill and fit it take no room under it."""
    key = "manifold"
    page, _ = open_phone_map(browser, server)
    page.wait_for_function(f"() => document.querySelector('.st-key-{key} .js-plotly-plot')")
    # Once fitted and drawn again (the page above it may still be laying itself out).
    fitted = f"""() => {{ const [height, plotH, plotW] = ({IMAGE_CHART})('{key}');
      return height < 500 && Math.abs(plotH - plotW) <= 3; }}"""
    page.wait_for_function(fitted, timeout=15_000)
    height, plot_h, plot_w, margins = page.evaluate(IMAGE_CHART, key)
    assert abs(plot_h - plot_w) <= 3  # the square image fills the plot
    assert height <= plot_w + margins + 4  # and the chart holds little more
    # The components under it that draw nothing in their own box take no room (no gaps).
    helpers = [f"fit-{key}", f"content-{key}", f"pointer-{key}", f"pointer-{key}-marks"]
    boxes = page.evaluate(TAKES_ROOM, helpers)
    assert boxes == [False] * len(helpers)
    page.evaluate(f"() => document.querySelector('.st-key-{key}').scrollIntoView()")
    page.screenshot(path=SCREENSHOTS / "phone-manifold.png")
    page.close()
    wide = {"viewport": {"width": 2000, "height": 1000}}  # room for more than 560 px of image
    page, _ = open_page(browser, f"{server}/Latent_Map?model=vae-2d", **wide)
    page.wait_for_function(f"() => document.querySelector('.st-key-{key} .js-plotly-plot')")
    page.wait_for_timeout(1000)  # the fit's watch has looked at it
    height, plot_h, plot_w, _ = page.evaluate(IMAGE_CHART, key)
    assert height == 560 and plot_w > plot_h  # never taller than the figure: the image is
    page.close()  # then as tall as the plot, and narrower


MANIFOLD = """() => { const gd = document.querySelector('.st-key-manifold .js-plotly-plot');
  return gd && gd._fullData[0] && [gd.leSeen ?? false, gd._fullData[0].source.slice(-40),
    gd._fullLayout.xaxis.title.text, gd._fullLayout.xaxis.ticktext.join(' ')]; }"""


def test_a_model_switch_puts_the_new_grid_into_the_same_manifold_chart(browser, server):
    """The manifold's figure is the same for every 2-D model, so Streamlit keeps its chart;
    the browser puts each model's grid, ticks and titles in (content.js)."""
    page, _ = open_page(browser, f"{server}/Latent_Map?model=ae-2d")
    page.wait_for_function(f"() => ({MANIFOLD})() && ({MANIFOLD})()[2]", timeout=30_000)
    _, grid, title, ticks = page.evaluate(MANIFOLD)
    assert title.startswith("z[1]") and ticks.strip()  # the AE's labels are in
    page.evaluate(
        "() => { document.querySelector('.st-key-manifold .js-plotly-plot').leSeen = true; }"
    )
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option").filter(has_text="vae-2d ").first.click()
    page.wait_for_function(f"() => ({MANIFOLD})()[1] !== {json.dumps(grid)}", timeout=30_000)
    wait_for_script(page)
    seen, _, title, vae_ticks = page.evaluate(MANIFOLD)
    assert seen and title.startswith("mu[1]") and vae_ticks != ticks  # one chart, new content
    page.close()


BARS = """() => { const gd = document.querySelector('.st-key-latent-bars .js-plotly-plot');
  return gd && gd._fullData[0] && [gd.leSeen ?? false, Array.from(gd._fullData[0].y)]; }"""


def test_a_click_puts_the_new_code_into_the_same_bars_chart(browser, server):
    page, _ = open_page(browser, f"{server}/Latent_Map?model=vae-20d&view=pca")
    first, second = isolated_points(page, want_empty=False, n=2)
    click_at(page, first)
    page.wait_for_selector(f"h3:has-text('Test image #{first[2]}:')", timeout=15_000)
    page.wait_for_function(f"() => ({BARS})() && ({BARS})()[1].some(v => v !== 0)")
    _, code = page.evaluate(BARS)
    page.evaluate("() => { document.querySelector('.st-key-latent-bars .js-plotly-plot')"
                  ".leSeen = true; }")  # fmt: skip
    click_at(page, second)
    page.wait_for_selector(f"h3:has-text('Test image #{second[2]}:')", timeout=15_000)
    page.wait_for_function(f"() => ({BARS})()[1][0] !== {code[0]!r}")  # a number, as JS reads it
    seen, new_code = page.evaluate(BARS)
    assert seen and len(new_code) == 20 and new_code != code  # one chart, the new code in it
    page.close()


def test_a_pinch_zooms_the_map(browser, server):
    page, _ = open_phone_map(browser, server)
    left, top, width, height = page.evaluate(PLOT_AREA, 0)
    x, y = left + width / 2, top + height / 2
    width_of = (
        "() => { const r = document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range;"
    )
    width_of += " return r[1] - r[0]; }"
    before = page.evaluate(width_of)
    touch(page, "touchStart", (x - 20, y), (x + 20, y))
    for k in range(1, 11):
        touch(page, "touchMove", (x - 20 - 8 * k, y), (x + 20 + 8 * k, y))
    touch(page, "touchEnd")
    page.wait_for_timeout(500)
    assert page.evaluate(width_of) < 0.6 * before  # fingers spread: the view zooms in
    assert "Test image #0:" in panel_heading(page)  # and nothing was picked
    page.close()


def test_dragging_alpha_decodes_both_models_in_the_browser(browser, server):
    page, sent = open_page(browser, f"{server}/Interpolation", lens=False)
    slider = page.locator(".le-morph input")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    readings = ".le-morph .le-reading, .le-morph .le-alpha"
    before, frames = page.locator(readings).all_inner_texts(), len(sent)
    page.mouse.move(box["x"] + 0.5 * box["width"], box["y"] + box["height"] / 2)
    page.mouse.down()
    for k in range(25):
        page.mouse.move(box["x"] + (0.5 - 0.02 * k) * box["width"], box["y"] + box["height"] / 2)
    page.mouse.up()
    page.wait_for_timeout(300)
    after = page.locator(readings).all_inner_texts()
    assert len(sent) == frames and after != before, (before, after)
    assert float(after[0].split("= ")[1]) < 0.05  # dragged from the middle to A
    stars = page.evaluate("() => [...document.querySelectorAll('svg polygon')].length")
    assert stars == 2  # one on each path figure
    lines = page.evaluate("() => [...document.querySelectorAll('svg polyline')].length")
    assert lines == 2  # the browser draws each path on its figure
    dots = page.evaluate("() => [...document.querySelectorAll('g[clip-path] circle')].length")
    assert dots == 2 * 10  # ten steps a path, each a dot coloured by its reading
    page.screenshot(path=SCREENSHOTS / "interpolation-drag.png")
    page.close()


def test_dragging_a_dimension_decodes_in_the_browser_and_draws_its_sweep_on_the_map(
    browser, server
):
    url = f"{server}/One_Dimension?model=vae-20d&point=3"
    page, sent = open_page(browser, url, lens=False)
    reading = page.locator(".le-traversal .le-reading")  # in the component's shadow root
    page.wait_for_function("(r) => r.textContent", arg=reading.element_handle())
    canvas = page.locator(".le-traversal canvas")
    picture = lambda: canvas.evaluate("c => c.toDataURL()")  # noqa: E731
    slider = page.locator(".le-dims input").first  # the dimension of largest KL
    box = slider.bounding_box()
    before, frames = picture(), len(sent)
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 0.5 * box["width"], y)
    page.mouse.down()
    for k in range(20):
        page.mouse.move(box["x"] + (0.5 - 0.025 * k) * box["width"], y)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert len(sent) == frames and picture() != before
    assert page.locator(".le-dims output").first.inner_text().startswith("-")
    sweep = page.evaluate("() => document.querySelectorAll('svg.le-sweep line').length")
    assert sweep == 1  # the dimension's line from -3 to +3 sigmas, on the map
    page.locator(".le-back").click()
    assert picture() == before  # back to the image's own code
    page.screenshot(path=SCREENSHOTS / "traversal-drag.png")
    page.close()


def test_the_training_replay_plays_in_the_browser(browser, server):
    page, sent = open_page(browser, f"{server}/Watch_It_Learn", lens=False)
    active = "() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active"
    before, frames = page.evaluate(active), len(sent)
    page.locator(".updatemenu-button").first.click()  # Play, from the first moment
    page.wait_for_timeout(2500)
    assert page.evaluate(active) != before and len(sent) == frames  # plotly.js alone animates
    page.close()


def test_decode_server_clicks_through_plotly(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/Latent_Map?decode=server")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    assert page.locator(".le-lens").count() == 0
    assert page.get_by_text("Decoding on the server").count() == 1
    row = click_at(page, isolated_points(page, want_empty=False, n=1)[0])
    page.wait_for_selector(f"h3:has-text('Test image #{row}:')", timeout=15_000)
    assert "Test image" in panel_heading(page)
    page.close()


def test_an_open_tab_keeps_working_after_the_server_restarts(browser):
    port = free_port()
    process = start_streamlit(port)
    try:
        page, _ = open_page(browser, f"http://127.0.0.1:{port}/Latent_Map?model=vae-2d")
        opened = []  # the websockets the page opens from now on: a reconnection
        page.on("websocket", lambda ws: opened.append(ws))
        first, second = isolated_points(page, want_empty=False, n=2)
        click_at(page, first)
        page.wait_for_selector(f"h3:has-text('Test image #{first[2]}:')", timeout=15_000)
        stop_group(process)
        page.wait_for_timeout(3000)  # the tab is left without a server for a while
        process = start_streamlit(port)
        for _ in range(600):  # Streamlit reconnects by itself, backing off: up to a minute
            if opened:
                break
            page.wait_for_timeout(100)
        assert opened, "the tab did not reconnect within a minute"
        page.wait_for_timeout(1000)
        assert "model=vae-2d" in page.url  # the view the tab showed, from its address
        click_at(page, second)  # answered in the page, as before the restart
        page.wait_for_selector(f"h3:has-text('Test image #{second[2]}:')", timeout=15_000)
        assert page.evaluate(LENS) is not None  # the pointer layer is on the map
        # A widget reruns the page on the new server: the pick goes with it, and stays.
        page.get_by_text("Colour-blind-safe colours").click()
        page.wait_for_timeout(500)
        wait_for_script(page)
        page.wait_for_selector(f"h3:has-text('Test image #{second[2]}:')", timeout=15_000)
        assert f"point={second[2]}" in page.url
        page.close()
    finally:
        stop_group(process)


def test_the_load_tests_clicks_are_answered_with_the_panel(server):
    """tests.load_sessions clicks over Streamlit's protocol as pointer.js does: its clicks
    must reach the map's panel (a change of the panel's chart key once made every one fail)."""
    session = Session(server)
    with ThreadPoolExecutor(1) as thread:  # of its own: Playwright's loop runs in this one
        thread.submit(asyncio.run, session.run(seconds=5, loaded=None, seed=1)).result()
    assert session.clicks >= 1 and not session.errors, session.errors
    assert len(session.latencies) == session.clicks
