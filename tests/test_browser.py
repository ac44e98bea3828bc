"""The map in a real headless Chromium: clicking a point and empty space decodes them."""

import json
import re
import time
import urllib.request

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.browser import (
    PANEL_PICTURES_DRAWN,
    POINTS_IN,
    SCREENSHOTS,
    click_at,
    click_point,
    isolated_points,
    panel_heading,
    picture_captions,
    streamlit_server,
    wait_for_script,
)
from tests.test_drawing import png, stroke_canvas

pytestmark = pytest.mark.e2e

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def torch_loaded(pid: int) -> bool:
    with open(f"/proc/{pid}/maps") as maps:
        return "libtorch_cpu" in maps.read()


def test_the_server_reads_the_models_as_it_starts_before_any_page_is_asked_for():
    """`streamlit run app.py` (the README's command) imports torch as the server starts, not
    when the first page is asked for: app.py's warm-up, which then reads the models (test_app
    checks what it reads). `streamlit run streamlit_app.py` imports it only for a page."""
    with streamlit_server() as (_, process):
        deadline = time.monotonic() + 60
        while not torch_loaded(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert torch_loaded(process.pid), "no torch a minute after the start"
    with streamlit_server(script="streamlit_app.py") as (_, process):
        time.sleep(3)
        assert not torch_loaded(process.pid)


CHART_SCRIPT_FETCHES = """() => {
  const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
  return performance.getEntriesByType('resource')
    .filter(r => r.name.includes('/static/js/PlotlyChart.')).map(r => [r.startTime, load]); }"""
# When plotly.js first ran (it sets window.Plotly), and when the map's chart arrived: its
# element (key "map": map_panels.MAP_CHART), made as its delta comes, before Plotly draws.
WHEN_PLOTLY_RAN = """
let plotly;
Object.defineProperty(window, 'Plotly', { configurable: true, get: () => plotly,
  set: (value) => { plotly = value; window.plotlyRanAt ??= performance.now(); } });
new MutationObserver(() => {
  if (document.querySelector('.st-key-map')) window.mapChartAt ??= performance.now();
}).observe(document, { childList: true, subtree: true });
"""


def readied(url: str) -> bool:
    with urllib.request.urlopen(url) as response:
        return b"data-run-when-idle" in response.read()


def test_a_starting_server_readies_the_chart_library_before_the_first_chart_then_stops(browser):
    """While app.py's warm-up runs, its pages name Streamlit's plotly.js chunk in a
    modulepreload link, which preload.js runs while the page's script runs
    (explorer/preload.py): the map fetches the chunk once, before its load event, and it has
    run before the map's chart arrives (without the link, 1.8 s after). Once the warm-up is
    done, pages come as Streamlit sends them."""
    with streamlit_server() as (url, _):
        assert readied(f"{url}/Latent_Map")  # the warm-up imports torch: seconds, anywhere
        page = browser.new_page()
        page.add_init_script(WHEN_PLOTLY_RAN)
        page.goto(f"{url}/Latent_Map")
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        wait_for_script(page)
        fetches = page.evaluate(CHART_SCRIPT_FETCHES)
        assert len(fetches) == 1, fetches
        started, load_ended = fetches[0]
        assert 0 < started < load_ended, fetches
        ran, chart = page.evaluate("() => [window.plotlyRanAt, window.mapChartAt]")
        assert ran < chart, (ran, chart)
        page.close()
        deadline = time.monotonic() + 60
        while readied(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not readied(url) and not readied(f"{url}/Latent_Map")


def test_a_fashion_mnist_link_maps_clothes_and_a_click_names_one(browser, server):
    from explorer.texts import class_names

    clothes = class_names("fashion-mnist", "en")
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{server}/Latent_Map?data=fashion-mnist&model=fashion-mnist%2Fvae-2d")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    legend = page.locator(".js-plotly-plot .legendtext").all_text_contents()
    assert legend[:10] == clothes, legend
    row = click_point(page, want_empty=False)
    page.wait_for_selector(f"h3:has-text('Test image #{row}')", timeout=15_000)
    wait_for_script(page)
    assert panel_heading(page).split(": ", 1)[1] in clothes
    captions = picture_captions(page)
    reads = [m[1] for m in (re.search(r"looks like an? (.+) \(", c) for c in captions) if m]
    assert reads and all(read in clothes for read in reads), captions
    page.screenshot(path=SCREENSHOTS / "fashion-map-point.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_clicking_the_map_decodes_a_point_and_empty_space(browser, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/Latent_Map")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    assert "Test image #0" in panel_heading(page)
    assert page.evaluate("() => document.querySelector('link[rel*=icon]').href").startswith(
        "data:image/svg+xml"
    )  # the page's emoji, drawn in the page: with none, Streamlit's favicon.png is fetched anew
    requests.clear()  # after each rerun (2 ms of the server's CPU, a click's sixth)

    row = click_point(page, want_empty=False)
    assert row > 0
    page.wait_for_selector(f"h3:has-text('Test image #{row}')", timeout=15_000)
    wait_for_script(page)
    captions = picture_captions(page)
    assert any("reconstruction: looks like a" in c for c in captions), captions
    assert page.evaluate(PANEL_PICTURES_DRAWN) == [True, True]  # the original, its decode
    pictures = page.locator(".le-panel canvas[role=img]")
    named = pictures.evaluate_all("canvases => canvases.map(c => c.ariaLabel)")
    assert named == captions, named  # a screen reader reads each picture's caption
    selected = "() => document.querySelector('.js-plotly-plot').data.some(t => t.selectedpoints)"
    assert not page.evaluate(selected)  # the layer took the click; Plotly selected nothing
    page.screenshot(path=SCREENSHOTS / "map-point.png", full_page=True)
    assert requests == []  # the click's answer came over the websocket, and nothing else

    started = time.monotonic()
    click_point(page, want_empty=True)
    page.wait_for_selector("h3:has-text('Empty space')", timeout=15_000)
    print(f"empty-space click to panel: {time.monotonic() - started:.2f} s")
    wait_for_script(page)
    captions = picture_captions(page)
    assert any("decoded position: looks like a" in c for c in captions), captions
    page.screenshot(path=SCREENSHOTS / "map-empty.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


COUNT_WEBGL_CLEARS = """() => {
  window.leClears = {};
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    const clear = proto.clear;
    proto.clear = function (mask) {
      const name = this.canvas.getAttribute('class');
      window.leClears[name] = (window.leClears[name] ?? 0) + 1;
      return clear.call(this, mask);
    };
  }
}"""


def test_a_model_switch_redraws_the_points_in_the_same_chart(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/Latent_Map")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    page.wait_for_function(POINTS_IN, arg=0)
    title = "() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.title.text"
    before = page.evaluate(title)
    page.evaluate("() => { document.querySelector('.js-plotly-plot').leSeen = true; }")
    page.evaluate(COUNT_WEBGL_CLEARS)
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option").filter(has_text="vae-20d ").first.click()
    page.wait_for_function(f"() => ({title})() !== {json.dumps(before)}", timeout=30_000)
    wait_for_script(page)
    charts = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => [gd.leSeen ?? false,
            gd._fullData.reduce((n, t) => n + (t.type === 'scattergl' ? t.x.length : 0), 0)])"""
    )
    assert charts[0] == [True, 10_000], charts  # the same chart, with the new model's points
    # drawn once: vae-20d's last x tick at the plot's edge no longer pushes Plotly's automatic
    # margin, which drew the 10,000 points a second time (plotting.py's latent_map)
    assert page.evaluate("() => window.leClears['gl-canvas gl-canvas-context']") == 1
    row = click_point(page, want_empty=False)
    page.wait_for_selector(f"h3:has-text('Test image #{row}')", timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


@pytest.mark.parametrize(
    "path, images, charts",
    [("AE_vs_VAE", 5, 5), ("KL_On_Off", 5, 7), ("Interpolation", 6, 2)],
)
def test_lesson_page_renders_in_the_browser(browser, server, path, images, charts):
    """Each lesson page draws its pictures and charts with no exception; a screenshot of every
    screenful is kept for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{server}/{path}?reveal=on")  # every answer shown, as on a teacher's projector
    page.wait_for_selector("h1", timeout=60_000)
    wait_for_script(page)
    # The last elements can reach the page a moment after the status widget goes (one run in
    # CI saw 4 of KL on / off's 5 pictures): wait for them, and fail only if they never come.
    page.wait_for_function(
        f"""() => document.querySelectorAll('.js-plotly-plot').length >= {charts} &&
            document.querySelectorAll("[data-testid='stImage'] img").length >= {images}""",
        timeout=30_000,
    )
    pictures = page.locator("[data-testid='stImage'] img")
    assert pictures.count() >= images
    for i in range(pictures.count()):
        pictures.nth(i).scroll_into_view_if_needed()
        # decode() waits for a picture still loading, and fails for a broken one.
        assert pictures.nth(i).evaluate("img => img.decode().then(() => img.naturalWidth > 0)")
    assert page.locator("[data-testid='stException']").count() == 0
    for i, heading in enumerate(page.locator("h2").all()):
        heading.evaluate("h => h.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=SCREENSHOTS / f"{path}-{i}.png")
    page.close()


def test_choosing_the_interpolations_ends_reruns_only_their_part_of_the_page(browser, server):
    """The ends, the paths and the census are a fragment: "From digit" asks for its rerun
    alone (the sidebar and the chain stay as drawn), and the page shows the new ends."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    reruns = []

    def heard(payload):
        message = BackMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if message.WhichOneof("type") == "rerun_script":
            reruns.append(message.rerun_script.fragment_id)

    page.on("websocket", lambda ws: ws.on("framesent", heard))
    page.goto(f"{server}/Interpolation")
    page.wait_for_selector("h1", timeout=60_000)
    wait_for_script(page)
    reruns.clear()
    page.locator(".st-key-from_digit button").first.click()
    page.get_by_role("option", name="3", exact=True).click()
    page.wait_for_function("() => location.search.includes('from=3')", timeout=30_000)
    wait_for_script(page)
    assert len(reruns) == 1 and reruns[0], reruns  # one rerun, of a fragment
    assert page.get_by_text(re.compile(r"test image #\d+, a 3\. B")).count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_drawing_and_uploading_a_digit(browser, server, tmp_path):
    """Draw a 7 with the mouse: it is read and starred; then upload a dark-on-light photo."""
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    page.goto(f"{server}/Draw_a_Digit")
    page.wait_for_selector("canvas", timeout=60_000)
    wait_for_script(page)
    box = page.locator("canvas").first.bounding_box()
    x, y = box["x"], box["y"]
    page.mouse.move(x + 60, y + 60)
    page.mouse.down()
    for i in range(20):
        page.mouse.move(x + 60 + 8 * i, y + 60)
    for i in range(25):
        page.mouse.move(x + 220 - 4 * i, y + 60 + 8 * i)
    page.mouse.up()
    page.wait_for_selector("text=prepared like MNIST: looks like a", timeout=15_000)
    wait_for_script(page)
    captions = page.locator("[data-testid='stImageCaption']").all_inner_texts()
    assert any("reconstruction: looks like a" in c for c in captions), captions
    page.screenshot(path=SCREENSHOTS / "draw.png")

    # The label gives the picture's 5 MB; Streamlit's line with the server's 25 MB is hidden.
    assert "5 MB" in page.locator(".st-key-upload").inner_text()
    limit = page.locator(".st-key-upload [data-testid=stFileUploaderDropzoneInstructions]")
    assert limit.count() == 1 and not limit.is_visible()
    photo = tmp_path / "paper.png"
    photo.write_bytes(png(1 - stroke_canvas()))  # dark ink on white paper
    page.locator("input[type='file']").set_input_files(photo)
    page.wait_for_selector("text=Showing the uploaded picture", timeout=15_000)
    wait_for_script(page)
    captions = page.locator("[data-testid='stImageCaption']").all_inner_texts()
    assert any(c.startswith("prepared like MNIST: looks like a") for c in captions), captions
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_the_canvas_button_speaks_the_readers_language(browser, server):
    """Its label comes as bytes (explorer/ui/canvas.py), decoded by canvas.js."""
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    page.goto(f"{server}/Draw_a_Digit?lang=ko")
    page.wait_for_selector("canvas", timeout=60_000)
    wait_for_script(page)
    assert page.get_by_role("button", name="지우기", exact=True).count() == 1
    page.close()


def test_the_upload_button_speaks_korean_where_streamlit_writes_english(browser, server):
    """Streamlit labels the file uploader's button "Upload" in every language: korean.css shows
    ko.toml's word instead (also the button's accessible name), and only in Korean."""
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    for language, word in (("ko", "파일 올리기"), ("en", "Upload")):
        page.goto(f"{server}/Draw_a_Digit?lang={language}")
        page.wait_for_selector("[data-testid=stFileUploaderDropzone] button", timeout=60_000)
        wait_for_script(page)
        button = page.locator("[data-testid=stFileUploaderDropzone] button")
        assert button.get_attribute("aria-label") is None  # the name comes from what it shows
        assert page.get_by_role("button", name=word, exact=True).count() == 1
        shown = button.evaluate(
            """b => [...b.querySelectorAll('*')].filter(e => e.checkVisibility())
                  .map(e => e.matches('[data-testid=stMarkdownContainer]')
                            ? getComputedStyle(e, '::after').content : '')
                  .join('') + b.innerText"""
        )
        assert ("Upload" in shown) == (language == "en") and word in shown, shown
    page.close()


def test_plotlys_toolbar_speaks_korean(browser, server):
    """A chart's toolbar tooltips (each button's ::after, as Plotly's CSS shows them on hover) are
    Korean: Plotly's buttons from the dictionary chart_config gives it (ko.toml's toolbar.
    texts), on the map Streamlit draws and on the close-up reparam.js draws; Streamlit's
    full-screen button from korean.css. The close-up offers no "Share chart" to Chart Studio."""
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    page.goto(f"{server}/Latent_Map?lang=ko&model=vae-2d&point=18&reveal=on")
    page.wait_for_selector(".le-reparam .js-plotly-plot .modebar-btn", timeout=60_000)
    wait_for_script(page)
    tooltips = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd =>
             [...gd.querySelectorAll('.modebar-btn')].map(b =>
               [b.dataset.title, getComputedStyle(b, '::after').content]))"""
    )
    shown = [[tip for _, tip in chart] for chart in tooltips]
    assert all(shown) and all(HANGUL.search(tip) for chart in shown for tip in chart), tooltips
    zooming = [chart for chart in shown if '"확대"' in chart]  # the map's and the close-up's
    assert len(zooming) == 2 and all('"PNG로 내려받기"' in chart for chart in zooming), shown
    assert ["Fullscreen", '"전체 화면"'] in tooltips[0]
    assert not any(title.startswith("Share") for chart in tooltips for title, _ in chart)
    page.close()


def test_the_map_points_download_as_csv(browser, server, tmp_path):
    page = browser.new_page(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    page.goto(f"{server}/Latent_Map")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download all 10,000 points (CSV)").click()
    path = tmp_path / "map.csv"
    download.value.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("row,digit,latent_x,latent_y") and len(lines) == 10_001
    page.close()


def test_clicking_one_linked_map_decodes_the_digit_in_both(browser, server):
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    page.goto(f"{server}/Linked_Maps")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length == 2")
    wait_for_script(page)
    row = click_at(page, isolated_points(page, want_empty=False, n=1, min_gap=10, chart=1)[0])
    page.wait_for_selector(f"h3:has-text('Test image #{row}:')", timeout=15_000)
    wait_for_script(page)
    captions = page.locator("[data-testid='stImageCaption']").all_inner_texts()
    assert sum(c.startswith("reconstruction: looks like a") for c in captions) == 2, captions
    page.screenshot(path=SCREENSHOTS / "linked.png")
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_presentation_mode_shows_larger_pictures_and_text_figures_first(browser, server):
    """The same page twice, as a teacher's ?present=on link opens it and as usual."""
    INTRO = "trained on the same images, both"  # the page's introduction
    sizes = {}
    for present in ("off", "on"):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server}/AE_vs_VAE?size=2&present={present}")
        page.wait_for_selector("[data-testid='stImage'] img", timeout=60_000)
        wait_for_script(page)
        first = page.locator("[data-testid='stMain'] [data-testid='stImage'] img").first
        sizes[present] = {
            "tile": first.evaluate("img => img.naturalWidth"),
            "font": page.evaluate("getComputedStyle(document.documentElement).fontSize"),
            "intro shown": page.get_by_text(INTRO, exact=False).first.is_visible(),
        }
        page.screenshot(path=SCREENSHOTS / f"present-{present}.png")
        assert page.locator("[data-testid='stException']").count() == 0
        page.close()
    assert sizes["on"]["tile"] >= 1.3 * sizes["off"]["tile"], sizes  # a cluster mean's tile
    assert (sizes["off"]["font"], sizes["on"]["font"]) == ("16px", "18px"), sizes
    assert sizes["off"]["intro shown"] and not sizes["on"]["intro shown"], sizes


def test_a_guess_then_the_reveal_in_the_browser(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/AE_vs_VAE")
    page.wait_for_selector(".st-key-ask-prior-ae-2d", timeout=60_000)
    wait_for_script(page)
    count = "() => document.querySelectorAll(\"[data-testid='stImage'] img\").length"
    # The cluster means' tiles, two models'; the grids wait. On a slow machine the status
    # widget can be gone before the first run has sent every picture, hence a wait, not a count.
    page.wait_for_function(f"() => ({count})() === 20", timeout=30_000)
    page.locator(".st-key-ask-prior-ae-2d").get_by_text("blurry blobs").click()
    wait_for_script(page)
    page.locator(".st-key-ask-prior-ae-2d").get_by_role("button", name="Reveal").click()
    page.wait_for_selector("text=How this server's", timeout=30_000)
    wait_for_script(page)
    page.wait_for_function(f"() => ({count})() === 23", timeout=30_000)  # and 3 sample grids
    assert page.get_by_text("blurry blobs", exact=False).count() >= 1
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=SCREENSHOTS / "reveal.png")
    page.close()


TABLE_TOOLBAR_ROOM = """() => {
  const table = document.querySelector('[data-testid=stDataFrame]');
  const toolbar = table.querySelector('[data-testid=stElementToolbar]').getBoundingClientRect();
  const container = table.closest('[data-testid=stElementContainer]');
  const before = container.previousElementSibling.getBoundingClientRect();
  return toolbar.top - before.bottom;
}"""


def test_on_a_phone_the_tables_toolbar_leaves_the_text_above_it_alone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    page = context.new_page()
    page.goto(server)
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=60_000)
    wait_for_script(page)
    assert page.evaluate("() => matchMedia('(hover: none)').matches")  # a touch screen's
    assert page.evaluate(TABLE_TOOLBAR_ROOM) >= 0  # the models' table, under its caption
    context.close()
