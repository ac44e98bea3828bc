"""Every page through Streamlit's AppTest: renders without exception, shows what it should."""

import functools
import itertools
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest
from streamlit.typing import PlotlyState

from explorer import load_model, ui
from explorer.checkpoints import (
    CHECKPOINT_DIR,
    MAX_BYTES,
    SHIPPED_MODELS,
    USER_DIR,
    save_checkpoint,
)
from explorer.export import point_csv
from explorer.latents import decode
from explorer.map_data import load_map_data
from explorer.models import build_model
from explorer.ui.map_panels import MAP_CHART
from tests.conftest import REPO
from tests.test_checkpoints import SMALL, RunsCode, broken_files
from tests.test_web_models import node_or_skip

MAP = "pages/1_Latent_Map.py"
HOME = str(REPO / "streamlit_app.py")
LESSON_PAGES = [page for page in ui.PAGES.values() if page.key != "home"]


def open_map(model: str | None = None, projection: str | None = None) -> AppTest:
    """The Latent Map with its answers revealed (as reveal=on opens it)."""
    at = AppTest.from_file(HOME, default_timeout=60)
    at.session_state["revealing"] = True
    at.run()
    at.switch_page(MAP).run()
    if model:
        at.sidebar.selectbox[0].set_value(model).run()
    if projection:
        at.sidebar.radio(key="projection").set_value(projection).run()
    assert not at.exception, at.exception
    return at


CLICKS = itertools.count()


def click(at: AppTest, chart_key: str, point: dict) -> AppTest:
    """Inject what the pointer layer (components/pointer/pointer.js) sends for one click or tap
    on the chart, as its marks' state (marks.js): the test image's row (customdata; -1 for
    empty space) and the position."""
    row = point.get("customdata", -1)
    pick = {"row": row if row >= 0 else None, "x": point["x"], "y": point["y"]}
    at.session_state[f"pointer-{chart_key}-marks"] = {"pick": pick | {"click": f"t{next(CLICKS)}"}}
    return at.run()


def server_click(at: AppTest, chart_key: str, point: dict) -> AppTest:
    """Inject what Plotly's selection sends for one click on a point (see TESTING.md), where
    the map decodes on the server."""
    points = [{"curve_number": 1, "point_number": 0, "point_index": 0, **point}]
    selection = PlotlyState({"points": points, "point_indices": [0], "box": [], "lasso": []})
    at.session_state[chart_key] = PlotlyState({"selection": selection})
    return at.run()


def components(at: AppTest, name: str) -> list[dict]:
    """The data of each components.v2 instance of a component, JSON as bytes (the model
    components' bytes are packed weights instead: see test_web_models.py)."""
    found = [e.proto for e in at.get("bidi_component") if e.proto.component_name == name]
    assert all(proto.WhichOneof("data") == "bytes" for proto in found)  # not a dict: no pandas
    return [json.loads(proto.bytes) for proto in found]


def chart_contents(at: AppTest, chart_key: str) -> list[dict]:
    """What content.js puts into the chart with that key."""
    return [d for d in components(at, "latent_explorer_content") if d["chart"] == chart_key]


def pointer_data(at: AppTest, chart_key: str) -> dict:
    (data,) = [d for d in components(at, "latent_explorer_pointer") if d["chart"] == chart_key]
    return data


def marks_data(at: AppTest, chart_key: str) -> dict:
    """What the pointer layer marks over the chart (components/pointer/marks.js, or panel.js
    beside the Latent Map)."""
    found = components(at, "latent_explorer_marks") + components(at, "latent_explorer_panel")
    (data,) = [d for d in found if d["chart"] == chart_key]
    return data


def panel(at: AppTest) -> dict:
    """The chosen point's panel beside the Latent Map, as the browser draws it: panel.js's
    content() run in Node (tests/js/draw_panel.mjs) on the panel's data and the page's model
    components (the map book, the test images, the decoder and the classifier)."""
    (data,) = components(at, "latent_explorer_panel")
    found = {name: tuple(e.proto.bytes for e in at.get("bidi_component")
                         if e.proto.component_name == f"latent_explorer_{name}")
             for name in ("model", "points")}  # fmt: skip
    return drawn_panel(json.dumps(data["panel"]), found["model"], found["points"])


@functools.lru_cache(maxsize=32)
def drawn_panel(spec: str, models: tuple[bytes, ...], points: tuple[bytes, ...]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        files = {"files": [], "points": []}
        for kind, datas in (("files", models), ("points", points)):
            for i, data in enumerate(datas):
                files[kind].append(f"{folder}/{kind}-{i}.bin")
                Path(files[kind][-1]).write_bytes(data)
        Path(folder, "in.json").write_text(json.dumps({"spec": json.loads(spec), **files}))
        subprocess.run(
            [node_or_skip(), REPO / "tests/js/draw_panel.mjs", f"{folder}/in.json",
             f"{folder}/out.json"], check=True, timeout=60,
        )  # fmt: skip
        return json.loads(Path(folder, "out.json").read_text())


def has_panel(at: AppTest) -> bool:
    return bool(components(at, "latent_explorer_panel"))


def headings(at: AppTest) -> list[str]:
    """The page's subheadings, and the heading of the chosen point's panel where the browser
    draws it."""
    return subheaders(at) + ([panel(at)["heading"]] if has_panel(at) else [])


def picture_captions(at: AppTest) -> list[str]:
    """The captions of the page's pictures, and of the panel's where the browser draws them."""
    captions = [c for image in at.image for c in image.captions]
    return captions + (panel(at)["captions"] if has_panel(at) else [])


def notes(at: AppTest) -> list[str]:
    """The page's blue notes, and the panel's (how an empty-space position was decoded)."""
    drawn = [panel(at)["note"]] if has_panel(at) else []
    return [i.value for i in at.info] + [note for note in drawn if note]


def map_figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def chart(at: AppTest, key: str):
    """The page's Plotly chart with Streamlit key `key`."""
    (found,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    return found


def points_data(at: AppTest) -> dict:
    """What points.js puts into the page's one map."""
    (data,) = points_data_all(at)
    return data


def points_data_all(at: AppTest) -> list[dict]:
    return [unpacked(e.proto.bytes) for e in at.get("bidi_component")
            if e.proto.component_name == "latent_explorer_points"]  # fmt: skip


def unpacked(packed: bytes) -> dict:
    """What points.js gets (web_models.pack's layout: a 4-byte header length, the JSON
    header, the arrays' bytes), its arrays as numpy."""
    length = int.from_bytes(packed[:4], "little")
    header = json.loads(packed[4 : 4 + length])
    blobs = packed[4 + length :]
    for name, dtype in {"x": np.float32, "y": np.float32, "labels": np.uint8}.items():
        offset, size = header[name]["blob"]
        header[name] = np.frombuffer(blobs[offset : offset + size], dtype)
    return header


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def test_home_page_lists_the_lesson_and_the_models():
    at = AppTest.from_file(HOME, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Latent Explorer"
    assert len(at.subheader) == 5  # the five steps of the lesson
    linked = {link.proto.page for link in at.main.get("page_link")}
    assert linked == {page.file.split("_", 1)[1][:-3] for page in LESSON_PAGES}  # every page
    table = at.dataframe[0].value
    assert list(table["model"]) == [*SHIPPED_MODELS, "classifier"]


def test_every_page_lets_lesson_links_wrap_on_a_phone():
    at = AppTest.from_file(HOME, default_timeout=60).run()
    styles = " ".join(element.proto.body for element in at.get("html"))
    assert '[data-testid="stPageLink-NavLink"] p' in styles and "white-space: normal" in styles


def test_on_a_phone_the_language_and_dataset_are_at_the_top_of_the_page():
    at = AppTest.from_file(HOME, default_timeout=60).run()
    at.radio(key="language-here").set_value("ko").run()  # app.css shows it on narrow screens
    assert at.session_state.language == "ko"
    assert at.sidebar.radio(key="language").value == "ko"  # the sidebar's follows
    at.radio(key="dataset-here").set_value("fashion-mnist").run()
    assert not at.exception and at.session_state.dataset == "fashion-mnist"
    assert at.radio(key="language-here").value == "ko"


@pytest.mark.parametrize(
    "model, projection",
    [("ae-2d", None), ("vae-2d", None), ("vae-2d-nokl", None), ("ae-20d", "pca"),
     ("ae-20d", "umap"), ("vae-20d", "pca"), ("vae-20d", "umap"), ("vae-20d-nokl", "pca")],
)  # fmt: skip
def test_map_renders_every_model_and_projection(model, projection):
    at = open_map(model, projection)
    figure = map_figure(at)
    digits = [t for t in figure["data"] if t.get("name") in [str(d) for d in range(10)]]
    assert len(digits) == len(figure["data"]) == 10  # the pointer layer makes space clickable
    assert not any(t["x"] for t in digits)  # their points go in apart, in the browser
    points, map_data = points_data(at), load_map_data(model)
    assert points["revision"] == f"{model}|{projection or 'latent'}"
    assert (points["labels"] == map_data["labels"]).all()
    xy = map_data["codes"] if projection is None else map_data.get(projection)
    if xy is not None:  # PCA's plane is computed, UMAP's and the latent's are stored
        assert np.array_equal(np.stack([points["x"], points["y"]], 1), xy.astype(np.float32))
    pointer = pointer_data(at, MAP_CHART)
    assert pointer["mode"] == ("nearest" if projection == "umap" else "plane")
    assert "Test image #0: a 7" in headings(at)
    captions = picture_captions(at)
    assert any(c.startswith("reconstruction: looks like a") for c in captions), captions
    drawn = panel(at)  # as the browser draws it: its decoder has int8 weights
    assert drawn["code"] == pytest.approx(map_data["codes"][0].tolist())
    reconstruction = decode(load_model(model), map_data["codes"][:1])[0]
    assert np.abs(np.array(drawn["decoded"]) / 255 - reconstruction.ravel()).mean() < 0.005


def test_a_model_switch_keeps_the_maps_chart_and_sends_new_points():
    at = open_map("ae-2d")
    chart, titles = at.get("plotly_chart")[0].proto, {"ae-2d": points_data(at)["titles"]}
    for model, projection in [("vae-2d", None), ("ae-20d", "pca"), ("vae-20d", "umap")]:
        at.sidebar.selectbox[0].set_value(model).run()
        if projection:
            at.sidebar.radio(key="projection").set_value(projection).run()
        assert not at.exception
        now = at.get("plotly_chart")[0].proto  # the same element: the browser keeps the chart
        assert (now.id, now.spec, now.config) == (chart.id, chart.spec, chart.config)
        points = points_data(at)
        assert points["revision"] == f"{model}|{projection or 'latent'}"
        assert len(points["x"]) == len(points["y"]) == len(points["labels"]) == 10_000
        titles[model] = points["titles"]
    assert titles["ae-2d"] != titles["vae-2d"]  # z against mu
    at.sidebar.selectbox[0].set_value("ae-2d").run()
    assert at.get("plotly_chart")[0].proto.id == chart.id
    # The address bar still held the 20-D model's view when the 2-D one was chosen: no note.
    assert not any("is not one of this model's views" in i.value for i in at.info)


def open_server_map(model: str) -> AppTest:
    """The Latent Map where the server decodes (?decode=server), its answers revealed."""
    at = AppTest.from_file(HOME, default_timeout=60)
    at.session_state["revealing"] = True
    at.query_params["decode"] = "server"
    at.run().switch_page(MAP).run()
    at.sidebar.selectbox[0].set_value(model).run()
    assert not at.exception
    return at


def test_clicking_a_vae_point_shows_images_guess_and_ellipse():
    at = open_map("vae-2d")
    at = click(at, MAP_CHART, {"x": 0.0, "y": 0.0, "customdata": 123})
    assert not at.exception
    assert f"Test image #123: a {load_map_data('vae-2d')['labels'][123]}" in headings(at)
    (draws,) = components(at, "latent_explorer_reparam")  # drawn by reparam.js
    sigma = np.exp(0.5 * load_map_data("vae-2d")["logvar"][123])
    shown = f"{sigma[0]:.2f}, {sigma[1]:.2f}"
    assert panel(at)["texts"][-1] == f"<strong>Spread</strong> sigma: {shown}"
    assert draws["figure"] == {"test_digits": "test {digit}s", "sigma": "{k} sigma",
                               "draws": "z draws", "mu": "mu"}  # fmt: skip
    assert draws["layout"]["xaxis"]["title"]["text"] == "mu[1] (latent dimension 1)"
    assert draws["words"]["resample"] == "Resample eps" and draws["guess"] is None
    marks = marks_data(at, MAP_CHART)
    assert marks["lines"] == [] and not marks["panel"]["ellipses_on_map"]
    assert marks["ring"] == pytest.approx(load_map_data("vae-2d")["codes"][123].tolist())
    figure_before = at.get("plotly_chart")[0].proto.spec
    at.toggle(key="ellipses_on_map").set_value(True).run()
    marks = marks_data(at, MAP_CHART)
    assert len(marks["lines"]) == 2 and marks["panel"]["ellipses_on_map"]  # now on the map too
    assert at.get("plotly_chart")[0].proto.spec == figure_before  # drawn over it, not in it
    captions = " ".join(picture_captions(at))
    assert "reconstruction: looks like a" in captions
    assert any("z = mu + sigma * eps" in m.value for m in at.markdown)


def test_where_the_server_decodes_a_vae_point_gets_its_close_up_and_draws():
    at = open_server_map("vae-2d")
    at = server_click(at, "map-vae-2d-latent", {"x": 0.0, "y": 0.0, "customdata": 123})
    close_up = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                    if "close-up" in c.proto.id)  # fmt: skip
    names = [t.get("name") for t in close_up["data"]]
    assert {"1 sigma", "2 sigma", "z draws", "mu"} <= set(names)
    draws = next(t for t in close_up["data"] if t["name"] == "z draws")
    assert draws["text"] == [str(i) for i in range(1, 9)]
    captions = " ".join(c.value for c in at.caption)
    assert "The draws stray from mu by" in captions
    assert any(m.value.startswith("**Spread** sigma: 0.") for m in at.markdown)


def test_resample_eps_changes_the_strip():
    at = open_server_map("vae-2d")
    before = [image.proto.imgs[0].url for image in at.image]
    assert at.image[-1].captions[0].startswith("Decodes of 8 draws of z")
    next(b for b in at.button if b.label == "Resample eps").click().run()
    assert not at.exception
    assert at.session_state.eps_seed == 1
    after = [image.proto.imgs[0].url for image in at.image]
    assert after[:-1] == before[:-1] and after[-1] != before[-1]  # only the strip changes


def test_clicking_empty_space_decodes_that_position():
    at = open_map("ae-2d")
    at = click(at, MAP_CHART, {"x": 1.5, "y": -2.0, "customdata": -1})
    assert not at.exception
    assert "Empty space" in headings(at)
    assert any("exact" in note for note in notes(at))


def test_after_an_empty_space_pick_another_model_keeps_the_test_image_chosen_before():
    at = open_map("ae-2d")
    at = click(at, MAP_CHART, {"x": 0.0, "y": 0.0, "customdata": 42})
    at = click(at, MAP_CHART, {"x": 1.5, "y": -2.0, "customdata": -1})
    assert "Empty space" in headings(at)
    at.sidebar.selectbox[0].set_value("vae-2d").run()
    assert any(s.startswith("Test image #42:") for s in headings(at)), headings(at)


def test_empty_space_in_pca_and_umap_says_how_it_was_decoded():
    at = open_map("vae-20d", "pca")
    at = click(at, MAP_CHART, {"x": 0.5, "y": 0.5, "customdata": -1})
    assert "Empty space" in headings(at)
    assert any("approximate" in note for note in notes(at))
    at.sidebar.radio(key="projection").set_value("umap").run()
    at = click(at, MAP_CHART, {"x": 0.5, "y": 0.5, "customdata": -1})
    assert not at.exception
    assert any("nearest real code" in note for note in notes(at))
    heading = next(s for s in headings(at) if s.startswith("Test image #"))
    row = int(heading.split("#")[1].split(":")[0])
    umap = load_map_data("vae-20d")["umap"]
    ring = marks_data(at, MAP_CHART)["ring"]
    assert ring == pytest.approx(umap[row].tolist())  # marked where that code is, not the click


def test_a_decode_server_link_sends_clicks_through_plotly_to_the_server():
    at = AppTest.from_file(HOME, default_timeout=60)
    at.query_params["decode"] = "server"
    at.run().switch_page(MAP).run()
    assert not components(at, "latent_explorer_pointer")  # no pointer layer
    assert map_figure(at)["data"][10]["name"] == "empty space"  # Plotly picks empty space
    assert any("Decoding on the server (the link asked" in c.value for c in at.caption)
    at = server_click(at, "map-ae-2d-latent", {"x": 0.0, "y": 0.0, "customdata": 42})
    assert any(s.startswith("Test image #42:") for s in headings(at)), headings(at)
    at = server_click(at, "map-ae-2d-latent", {"x": 1.5, "y": -2.0, "customdata": -1})
    assert "Empty space" in headings(at)


def server_panel(at: AppTest) -> dict:
    """The chosen point's panel as Streamlit draws it where the server decodes."""
    return {
        "headings": subheaders(at), "captions": [c for image in at.image for c in image.captions],
        "note": next((i.value for i in at.info), ""),
    }  # fmt: skip


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(
    "model, projection, point",
    [("ae-2d", None, {"x": 0.0, "y": 0.0, "customdata": 42}),
     ("ae-2d", None, {"x": 1.5, "y": -2.0, "customdata": -1}),
     ("vae-20d", "pca", {"x": 0.0, "y": 0.0, "customdata": 7}),
     ("vae-20d", "pca", {"x": 0.3, "y": -0.2, "customdata": -1}),
     ("ae-20d", "umap", {"x": 2.0, "y": 5.0, "customdata": -1})],
)  # fmt: skip
def test_the_browser_draws_the_panel_the_server_draws(model, projection, point, language):
    """panel.js's words, pictures' captions and CSV against the server's (map_panels.py's
    panel_of), for test images and empty places, in both languages. An empty place's decode
    is read by the browser's classifier there: its reading is left out of the comparison."""
    drawn = {}
    for decoding in ("browser", "server"):
        at = AppTest.from_file(HOME, default_timeout=60)
        at.query_params["lang"] = language
        if decoding == "server":
            at.query_params["decode"] = "server"
        at.run().switch_page(MAP).run()
        at.sidebar.selectbox[0].set_value(model).run()
        if projection:
            at.sidebar.radio(key="projection").set_value(projection).run()
        chart_key = f"map-{model}-{projection or 'latent'}"
        at = (server_click(at, chart_key, point) if decoding == "server"
              else click(at, MAP_CHART, point))  # fmt: skip
        assert not at.exception
        drawn[decoding] = server_panel(at) if decoding == "server" else panel(at)
    browser, server = drawn["browser"], drawn["server"]
    assert browser["heading"] in server["headings"] and browser["note"] == server["note"]
    map_data = load_map_data(model)
    row = point["customdata"]
    if projection == "umap":  # the nearest test code's
        row = int(np.argmin(((map_data["umap"] - [point["x"], point["y"]]) ** 2).sum(axis=1)))
    if row < 0:
        (caption,) = server["captions"]
        assert [c.split(":")[0] for c in browser["captions"]] == [caption.split(":")[0]]
        assert browser["csv"].splitlines()[1].startswith(f"{model},,,")
        return
    assert browser["captions"] == server["captions"]  # the server's readings, stored
    sigma = np.exp(0.5 * map_data["logvar"][row]) if "logvar" in map_data else None
    fields = {"model": model, "row": row, "digit": str(map_data["labels"][row]),
              "decoded_as": str(map_data["recon_classes"][row]),
              "confidence": round(float(map_data["recon_confidences"][row]), 4)}  # fmt: skip
    assert browser["csv"] == point_csv(fields, map_data["codes"][row], sigma)


def test_a_browser_that_cannot_run_the_pointer_layer_falls_back_to_the_server():
    at = open_map("ae-2d")
    at.session_state[f"pointer-{MAP_CHART}"] = {"failed": "TypeError: no OffscreenCanvas"}
    at.run()
    assert not at.exception
    assert at.session_state.decoding == "server"
    assert any("could not run the decoder (TypeError" in c.value for c in at.caption)
    at = server_click(at, "map-ae-2d-latent", {"x": 0.0, "y": 0.0, "customdata": 42})
    assert any(s.startswith("Test image #42:") for s in headings(at)), headings(at)


def test_a_browser_that_cannot_put_the_points_in_gets_the_whole_figure():
    at = open_map("ae-2d")
    at.session_state[f"points-{MAP_CHART}"] = {"failed": "plotly.js is not reachable"}
    at.run()
    assert not at.exception
    assert len(map_figure(at)["data"][0]["customdata"]) > 0  # the points in the figure
    assert any("(plotly.js is not reachable)" in c.value for c in at.caption)
    manifold = json.loads(chart(at, "manifold").proto.spec)
    assert all(manifold["layout"]["xaxis"]["ticktext"])  # the grid's figure, labelled


def test_the_manifold_is_one_chart_for_every_model_its_grid_put_in_by_the_browser():
    grids = []
    for name in ("ae-2d", "vae-2d"):
        at = open_map(name)
        frame = json.loads(chart(at, "manifold").proto.spec)
        assert not any(frame["layout"]["xaxis"]["ticktext"])  # unlabelled: the same figure
        grids.append(frame)
        (content,) = chart_contents(at, "manifold")
        assert content["revision"] == name
        assert content["traces"]["source"][0].startswith("data:image/png;base64,")
        assert content["layout"]["xaxis.title.text"].startswith("mu" if "vae" in name else "z")
    assert grids[0] == grids[1]


def test_a_20d_codes_bars_are_one_chart_the_browser_puts_each_code_in():
    at = open_map("vae-20d", "pca")
    frames, codes = [], []
    for row in (3, 42):
        at = click(at, MAP_CHART, {"customdata": row, "x": 0.0, "y": 0.0})
        frames.append(json.loads(chart(at, "latent-bars").proto.spec))
        assert not chart_contents(at, "latent-bars")  # the panel (panel.js) puts each code in
        bars = panel(at)["bars"]
        codes.append(bars["y"][0])
        map_data = load_map_data("vae-20d")
        assert np.allclose(codes[-1], map_data["codes"][row], atol=1e-6)
        sigma = np.exp(0.5 * map_data["logvar"][row])
        assert np.allclose(bars["error_y.array"][0], sigma, rtol=1e-4)
        assert bars["error_y.visible"] == [True]
    assert frames[0] == frames[1]  # the same figure for both codes: one chart
    assert codes[0] != codes[1]
    at = open_map("ae-20d", "pca")
    assert panel(at)["bars"]["error_y.visible"] == [False]  # an AE's code has no sigma


def test_the_pointer_layer_gets_the_model_and_classifier_once_as_bytes():
    at = open_map("vae-20d", "pca")
    protos = [e.proto for e in at.get("bidi_component")]
    models = [p for p in protos if p.component_name == "latent_explorer_model"]
    assert [p.WhichOneof("data") for p in models] == ["bytes"] * 3  # the decoder, the book
    sizes = dict(zip(["decoder", "classifier", "book"], (len(p.bytes) for p in models)))
    assert max(sizes["decoder"], sizes["classifier"]) < 1_000_000, sizes  # int8, float16
    assert sizes["book"] < 1_700_000, sizes  # 20 float32 numbers and 20 sigmas an image
    assert panel(at)["captions"][0] == stored_captions("vae-20d", 0)[0]  # its original, sent
    pointer = pointer_data(at, MAP_CHART)
    assert pointer["model"].startswith("vae-20d|pca|") and pointer["mode"] == "plane"
    before = [p.bytes for p in models]
    marks_before = marks_data(at, MAP_CHART)
    assert not marks_before["panel"]["local"]  # the first click goes to Python...
    at = click(at, MAP_CHART, {"x": 0.0, "y": 0.0, "customdata": 7})
    assert pointer_data(at, MAP_CHART) == pointer  # the layer is not sent again
    assert marks_data(at, MAP_CHART)["ring"] != marks_before["ring"]  # its marks are
    assert marks_data(at, MAP_CHART)["panel"]["local"]  # ...and the next stay in the browser
    after = [e.proto.bytes for e in at.get("bidi_component")
             if e.proto.component_name == "latent_explorer_model"]  # fmt: skip
    assert after[:3] == before  # the same bytes: Streamlit sends them once
    assert len(after) == 4 and len(after[3]) < 1_800_000  # the test images, one PNG, come now


def test_a_link_to_a_view_the_model_lacks_says_so():
    at = AppTest.from_file(HOME, default_timeout=60)
    at.query_params.update({"model": "ae-2d", "view": "umap"})
    at.run().switch_page(MAP).run()
    assert not at.exception
    notes = " ".join(i.value for i in at.info)
    assert "view=umap is not one of this model's views (the latent itself)" in notes, notes
    assert "Test image #0: a 7" in headings(at)


def test_reset_brings_the_pages_back_to_their_defaults_but_keeps_the_language():
    at = open_map("vae-2d")
    at.sidebar.radio(key="language").set_value("ko").run()
    at = click(at, MAP_CHART, {"x": 0.0, "y": 0.0, "customdata": 42})
    assert any(s.startswith("테스트 이미지 #42") for s in headings(at)), headings(at)
    next(b for b in at.sidebar.button if b.label == "이 페이지 초기화").click().run()
    assert not at.exception
    assert at.session_state.language == "ko" and at.session_state.model == "ae-2d"
    assert any(s.startswith("테스트 이미지 #0") for s in headings(at)), headings(at)
    assert dict(at.query_params)["point"] == "0"  # the address bar shows the fresh view


@pytest.mark.parametrize("page", [HOME, *(page.file for page in LESSON_PAGES)])
def test_presentation_mode_enlarges_the_text_and_folds_the_explanations(page):
    at = AppTest.from_file(HOME, default_timeout=60).run()
    at.sidebar.toggle(key="presenting").set_value(True).run()
    if page != HOME:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    styles = " ".join(element.proto.body for element in at.get("html"))
    assert "html {\n  font-size: 18px;" in styles
    folded = [e for e in at.expander if e.label == "What this shows"]
    assert folded and folded[0].markdown, page  # the page's introduction, first of them
    assert at.sidebar.toggle(key="presenting").value  # kept from page to page
    at.sidebar.toggle(key="presenting").set_value(False).run()
    assert not [e for e in at.expander if e.label == "What this shows"]
    styles = " ".join(element.proto.body for element in at.get("html"))
    assert "font-size: 18px" not in styles


def test_presentation_mode_enlarges_the_maps_text_and_the_reset_keeps_it():
    at = open_map("vae-2d")
    how = "Move the mouse over the map"
    assert map_figure(at)["layout"]["font"]["size"] == 16
    assert any(c.value.startswith(how) for c in at.caption)
    at.sidebar.toggle(key="presenting").set_value(True).run()
    assert map_figure(at)["layout"]["font"]["size"] == ui.widgets.ROOM_FONT
    assert not any(c.value.startswith(how) for c in at.caption)  # folded, with the rest:
    assert any(m.value.startswith(how) for e in at.expander for m in e.markdown)
    next(b for b in at.sidebar.button if b.label == "Reset this page").click().run()
    assert at.session_state.presenting and not at.exception


def test_the_holes_layer_shows_the_classifiers_confidence_under_a_2d_map():
    at = open_map("ae-2d")
    assert not any(t["type"] == "heatmap" for t in map_figure(at)["data"])
    at.toggle(key="holes").set_value(True).run()
    assert not at.exception, at.exception
    heatmaps = [t for t in map_figure(at)["data"] if t["type"] == "heatmap"]
    assert len(heatmaps) == 1 and heatmaps[0]["zmax"] == 1
    table = at.dataframe[0].value
    assert list(table["model"]) == ["ae-2d", "vae-2d"]  # the AE beside a VAE
    assert any("Under the points" in m.value for m in at.markdown)
    at.sidebar.selectbox[0].set_value("ae-20d").run()  # no plane of its own: no layer
    assert not at.exception and not [t for t in at.toggle if t.key == "holes"]


def test_map_works_without_mnist(offline_mnist):
    at = open_map("ae-2d")
    assert "original image is hidden" in panel(at)["missing"]
    assert "Test image #0: a 7" in headings(at)
    assert [caption.split(":")[0] for caption in panel(at)["captions"]] == ["reconstruction"]


def test_broken_checkpoints_are_listed_as_skipped_and_every_page_keeps_working(tmp_path):
    """Every kind of broken file in the checkpoint folders at once; nothing in them runs."""
    good = tmp_path / "good.pt"
    save_checkpoint(good, build_model(SMALL), {}, [])
    cases = broken_files(tmp_path, good)
    torch.save({"format_version": 1, "config": SMALL.to_dict()}, tmp_path / "keys.pt")
    torch.save([1, 2], tmp_path / "list.pt")
    USER_DIR.mkdir(parents=True, exist_ok=True)
    planted = [CHECKPOINT_DIR / "zz-broken-by-test.pt"]  # the tests' copy of checkpoints/
    planted[0].write_bytes(b"not a checkpoint")
    for case, (path, content, _) in cases.items():
        target = USER_DIR / f"zz-broken-{case.replace(' ', '-')}.pt"
        target.write_bytes(content if content is not None else path.read_bytes())
        planted.append(target)
    huge = USER_DIR / "zz-broken-huge.pt"
    with open(huge, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk used, and never read
    planted.append(huge)
    ui.checkpoint_files.clear()  # the app looks at the folder at most once a second
    try:
        at = AppTest.from_file(HOME, default_timeout=60).run()
        assert not at.exception
        warnings = " ".join(w.value for w in at.warning)
        for path in planted:
            assert path.stem in warnings, path.name
        for page in LESSON_PAGES:
            at.switch_page(page.file).run()
            assert not at.exception, page
        at.switch_page(MAP).run()
        options = at.sidebar.selectbox[0].options
        assert len(options) == len(SHIPPED_MODELS) and not any("zz-broken" in o for o in options)
        assert not RunsCode.marker.exists()  # the pickle's code never ran
    finally:
        for path in planted:
            path.unlink()
        ui.checkpoint_files.clear()


def test_a_model_written_or_rewritten_while_the_app_runs_is_seen_and_read_again():
    """The catalogue lists a folder again within a second of the folder's time changing
    (every write ends in a rename), and only then; the model cache is keyed by the file's
    time, so a retrained model is not served stale."""
    USER_DIR.mkdir(parents=True, exist_ok=True)
    path, file = USER_DIR / "zz-test-seen.pt", "zz-test-seen.pt"

    def listed_within_3_s(was: int | None) -> int | None:
        deadline = time.monotonic() + 3
        while dict(ui.checkpoint_files()).get(file) == was and time.monotonic() < deadline:
            time.sleep(0.05)
        return dict(ui.checkpoint_files()).get(file)

    try:
        torch.manual_seed(0)
        save_checkpoint(path, build_model(SMALL), {}, [])
        written = listed_within_3_s(None)
        first = ui.cached_model("zz-test-seen").state_dict()
        torch.manual_seed(1)
        retrained = build_model(SMALL)
        save_checkpoint(path, retrained, {}, [])
        assert listed_within_3_s(written) != written
        served = ui.cached_model("zz-test-seen").state_dict()
        for key, weights in retrained.state_dict().items():
            assert torch.equal(served[key], weights) and not torch.equal(first[key], weights)

        a_minute_ago = time.time_ns() - 60 * 10**9
        for _, folder in ui.catalogue.model_folders():  # as if untouched for a minute
            if folder.exists():
                os.utime(folder, ns=(a_minute_ago, a_minute_ago))
        ui.checkpoint_files.clear()
        ui.checkpoint_files()
        listings = ui.catalogue._checkpoint_files.cache_info().misses
        time.sleep(1.1)
        assert file in dict(ui.checkpoint_files())
        assert ui.catalogue._checkpoint_files.cache_info().misses == listings  # not listed again
    finally:
        path.unlink(missing_ok=True)
        ui.checkpoint_files.clear()


def test_the_warm_up_reads_every_usable_model_and_the_classifier(monkeypatch):
    """What app.py runs as the server starts: afterwards a page finds every usable model of
    the dataset read, each checkpoint file once, and the classifier's fingerprint made."""
    for cache in (ui.catalogue._catalogue, ui.catalogue._checkpoint, ui.catalogue._fingerprint):
        cache.cache_clear()  # as in a server just started
    read = []
    reader = ui.catalogue.read_checkpoint
    monkeypatch.setattr(
        ui.catalogue, "read_checkpoint", lambda path: read.append(path) or reader(path)
    )
    ui.catalogue.warm_up("mnist")
    usable = ui.model_catalogue("mnist")[0]
    assert len(usable) >= 9 and ui.classifier_name("mnist") in usable
    assert sorted(path.stem for path in read) == sorted(ui.short_name(name) for name in usable)
    assert ui.catalogue._fingerprint.cache_info().currsize == 1
    for name in usable:
        ui.cached_model(name)
    assert len(read) == len(usable)  # none read again


def test_the_warm_up_packs_the_first_maps_book_and_the_test_images(monkeypatch):
    """app.py's warm-up also packs what a first Latent Map sends the browser besides the
    models: a first page then finds them made (the test images' PNG took 0.2 s of its run)."""
    from explorer.ui import pointer

    pointer.packed_book.cache_clear()
    pointer.ORIGINALS.clear()
    pointer.warm_up("mnist")
    made = []
    monkeypatch.setattr(pointer, "originals_payload", lambda *args: made.append("originals"))
    monkeypatch.setattr(pointer, "map_book_payload", lambda *args, **kw: made.append("book"))
    first = ui.catalogue.autoencoder_names("mnist")[0]
    pointer.packed_book(pointer.book_key(first), first)
    images = ui.catalogue.test_images("mnist")  # where the test set can be read (CI: always)
    if images is not None:
        pointer.packed_originals(pointer.originals_key("mnist"), "mnist", images)
    assert not made  # both found made


def stored_captions(name: str, row: int) -> list[str]:
    """The captions of a test image and its reconstruction, from the readings in map data."""
    stored = load_map_data(name)
    return [
        f"{what}: looks like a {stored[f'{key}_classes'][row]} "
        f"({stored[f'{key}_confidences'][row]:.0%} sure)"
        for what, key in (("original", "original"), ("reconstruction", "recon"))
    ]


def test_a_test_images_readings_come_from_its_map_data_and_empty_space_is_read_where_decoded(
    monkeypatch,
):
    """The shipped maps hold the classifier's readings: a click on a test image (the Latent
    Map's, the Linked maps') runs no classifier; a click in empty space does, where the server
    decodes it."""
    from explorer.ui import lessons
    from tests.test_lesson_pages import open_page

    runs, grade = [], lessons.grade
    monkeypatch.setattr(lessons, "grade", lambda *args: runs.append(1) or grade(*args))
    at = click(open_map("vae-2d"), MAP_CHART, {"x": 0, "y": 0, "customdata": 42})
    original, reconstruction = stored_captions("vae-2d", 42)
    captions = picture_captions(at)
    assert reconstruction in captions and not runs
    assert [c for c in captions if c.startswith("original:")] in ([], [original])  # no MNIST
    click(at, MAP_CHART, {"x": 2.5, "y": -2.5, "customdata": -1})
    assert any(c.startswith("decoded position: looks like a") for c in picture_captions(at))
    assert not runs  # the browser's classifier reads it (panel.js)
    at = AppTest.from_file(HOME, default_timeout=60)
    at.query_params["decode"] = "server"
    at.run().switch_page(MAP).run()
    server_click(at, "map-ae-2d-latent", {"x": 1.5, "y": -2.0, "customdata": -1})
    assert runs  # where the server decodes, it reads the decode
    runs.clear()
    at = open_page("pages/3_Linked_Maps.py", 2)
    at = click(at, "linked-ae-2d-latent", {"x": 0, "y": 0, "customdata": 42})
    captions = [c for image in at.image for c in image.captions]
    assert {reconstruction, stored_captions("ae-2d", 42)[1]} <= set(captions) and not runs


def test_the_map_offers_csv_downloads_and_png_export():
    at = click(open_map("vae-20d", "pca"), MAP_CHART, {"x": 0, "y": 0, "customdata": 42})
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download all 10,000 points (CSV)"]
    (data,) = components(at, "latent_explorer_panel")  # the chosen point's: a link (panel.js)
    point = panel(at)
    assert data["panel"]["words"]["download"] == "Download this point (CSV)"
    assert point["csvName"] == "vae-20d-test-42.csv"
    header, values = point["csv"].splitlines()
    assert header.startswith("model,row,digit,decoded_as,confidence,latent_1,")
    assert header.endswith(",sigma_20") and values.startswith("vae-20d,42,")
    for chart in at.get("plotly_chart"):
        assert json.loads(chart.proto.config)["toImageButtonOptions"]["format"] == "png"


def test_another_beta_keeps_the_kl_pages_prior_charts_and_sends_its_points():
    at = AppTest.from_file(HOME, default_timeout=60).run()
    at.switch_page("pages/5_KL_On_Off.py").run()
    charts = [c.proto.id for c in at.get("plotly_chart") if "prior-" in c.proto.id]
    assert len(charts) == 2
    assert [p["revision"] for p in points_data_all(at)] == ["vae-2d-nokl", "vae-2d"]
    at.sidebar.select_slider(key="beta").set_value(4.0).run()
    assert not at.exception
    # The same two charts (the browser keeps them, and their WebGL), the new model's points.
    assert [c.proto.id for c in at.get("plotly_chart") if "prior-" in c.proto.id] == charts
    assert [p["revision"] for p in points_data_all(at)] == ["vae-2d-nokl", "vae-2d-beta4"]


def test_the_colour_blind_safe_style_applies_and_stays_from_page_to_page():
    at = open_map("ae-2d")
    at.sidebar.toggle(key="accessible_colours").set_value(True).run()
    symbols = {t["marker"]["symbol"] for t in map_figure(at)["data"][:10]}
    assert len(symbols) == 10
    at.switch_page("pages/5_KL_On_Off.py").run()
    assert at.sidebar.toggle(key="accessible_colours").value
    histogram = json.loads(at.get("plotly_chart")[2].proto.spec)["data"][0]
    assert histogram["marker"]["color"][0] == "#332288"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_home_pages_model_table_speaks_the_readers_language_with_no_none(language):
    at = AppTest.from_file(HOME, default_timeout=60)
    at.query_params["lang"] = language
    at.run()
    table = at.dataframe[0].value
    model, kind = {"en": ("model", "kind"), "ko": ("모델", "종류")}[language]
    assert list(table[model]) == [*SHIPPED_MODELS, "classifier"]
    kinds = {
        "en": {"autoencoder", "VAE", "classifier (CNN)"},
        "ko": {"오토인코더", "VAE", "분류기(CNN)"},
    }
    assert set(table[kind]) == kinds[language]
    cells = table.astype(str).to_numpy().ravel().tolist()
    assert "None" not in cells and "nan" not in cells
