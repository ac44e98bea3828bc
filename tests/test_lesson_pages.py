"""The three lesson pages through AppTest: every model choice renders, widgets change them."""

import base64
import io
import json
import re

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from explorer import ui
from explorer.map_data import load_map_data
from explorer.plotting import TABLEAU, tile
from explorer.ui.widgets import inline_tiles
from tests.test_app import HOME, click, components

GENERATION = "pages/4_AE_vs_VAE.py"
KL = "pages/5_KL_On_Off.py"
INTERPOLATION = "pages/7_Interpolation.py"


def open_page(page: str, size: int = 2) -> AppTest:
    """A lesson page with its answers revealed (as reveal=on opens it), unless a test asks."""
    at = AppTest.from_file(HOME, default_timeout=60)
    at.session_state["revealing"] = True
    at.run()
    at.switch_page(page).run()
    if size != 2:
        at.sidebar.radio(key="latent_size").set_value(size).run()
    assert not at.exception, at.exception
    return at


def image_urls(at: AppTest) -> list[str]:
    return [image.proto.imgs[0].url for image in at.image]


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def strips(at: AppTest) -> list[str]:
    """The decoded paths' pictures (not the ends, not the alpha step)."""
    return [i.proto.imgs[0].url for i in at.image if i.captions == ["A … B, left to right"]]


def values(array) -> np.ndarray:
    """An array from a figure spec: plotly 7 sends numpy arrays as {"dtype", "bdata"}."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array)


def texts(at: AppTest) -> str:
    return " ".join(m.value for m in [*at.markdown, *at.info, *at.caption])


@pytest.mark.parametrize("size", [2, 20])
def test_generation_page_shows_means_samples_and_scores(size):
    at = open_page(GENERATION, size)
    assert [h.value for h in at.header][:2] == [
        "1. Decoding the middle of each digit's cluster",
        "2. Sampling: decoding random points",
    ]
    assert len(at.image) == 5  # two rows of cluster means, three sample grids
    means = [image.captions for image in at.image[:2]]
    assert all(len(c) == 10 and c[0].startswith("0 → ") for c in means)  # a reading under each
    histograms = [
        f for f in figures(at) if f["layout"]["xaxis"]["title"]["text"].startswith("digit")
    ]
    assert len(histograms) == 3 and all(values(f["data"][0]["y"]).sum() == 64 for f in histograms)
    assert len(at.get("plotly_chart")) == (5 if size == 2 else 3)  # manifold grids in 2-D
    assert texts(at).count("read as their own digit") == 2
    assert texts(at).count("recognised (confidence >= 0.9)") == 3


def test_generation_page_seed_draws_new_samples_only():
    at = open_page(GENERATION)
    before = image_urls(at)
    at.sidebar.number_input[0].set_value(7).run()
    assert not at.exception
    after = image_urls(at)
    assert after[:2] == before[:2]  # the cluster means do not depend on the seed
    assert all(a != b for a, b in zip(after[2:], before[2:]))


@pytest.mark.parametrize("page", [GENERATION, INTERPOLATION])
@pytest.mark.parametrize("size", [2, 20])
def test_pages_take_every_model_choice(page, size):
    at = open_page(page, size)
    for box in (0, 1):  # the autoencoder, then the VAE
        for choice in at.sidebar.selectbox[box].options:
            at.sidebar.selectbox[box].set_value(choice).run()
            assert not at.exception, choice
            name = choice.split(" (")[0]  # the sidebar's short label's model name
            assert any(s.value.startswith(f"{name} ") for s in at.subheader), choice


def test_kl_page_compares_the_two_models_in_2d_with_the_beta_slider():
    at = open_page(KL)
    assert [s.value for s in at.subheader][:2] == ["KL off (beta 0)", "KL on (beta 1)"]
    originals = ui.test_images() is not None  # the test images show where MNIST is found
    assert len(at.image) == 4 + originals  # two reconstruction grids, two sample grids
    charts = figures(at)
    assert len(charts) == 9  # two maps, two histograms, two KL bar charts, the trade-off's 3
    circles = [t for t in charts[0]["data"] if "prior" in (t.get("name") or "")]
    assert len(circles) == 2
    assert [t["name"] for t in charts[-1]["data"]] == ["prior samples recognised"]
    assert len(values(charts[-1]["data"][0]["x"])) == 4  # beta 0, 0.5, 1 and 4
    # the sweep's sentence names the recognised share at both ends once where it is the same
    shares = [round(v) for v in values(charts[-1]["data"][0]["y"])]
    result = next(i.value for i in at.info if "recognised samples" in i.value)
    assert ("at both ends" in result) == (shares[0] == shares[-1])
    assert f"from {shares[0]}% to {shares[0]}%" not in result
    assert "of the codes lie inside the 2-sigma circle" in texts(at)
    at.sidebar.select_slider[0].set_value(4.0).run()
    assert not at.exception
    assert "KL on (beta 4)" in [s.value for s in at.subheader]
    assert "all 2 dimensions stay active" in texts(at)  # nothing collapses in 2-D


def test_kl_page_in_20d_counts_active_dimensions():
    at = open_page(KL, 20)
    assert "of 20** dimensions active" in texts(at)
    kl = [f for f in figures(at) if f["layout"]["yaxis"]["title"]["text"].startswith("KL")]
    assert len(kl) == 2 and sum(len(values(t["x"])) for t in kl[1]["data"]) == 20
    assert at.sidebar.select_slider[0].options == ["0.5", "1.0", "2.0", "4.0", "8.0"]


def test_the_20d_beta_sweep_names_posterior_collapse_with_the_models_numbers():
    at = open_page(KL, 20)
    dims = figures(at)[-2]  # the trade-off's active dimensions
    betas = list(values(dims["data"][0]["x"]))
    assert betas == ["0", "0.5", "1", "2", "4", "8"]
    active = values(dims["data"][0]["y"])
    assert active[0] == 20 and list(active) == sorted(active, reverse=True) and active[-1] < 10
    assert "Posterior collapse." in texts(at) and f"only **{active[-1]} of 20**" in texts(at)
    rows = [i.captions[0] for i in at.image if i.captions and i.captions[0].startswith("beta ")]
    assert [row.split(":")[0] for row in rows] == [f"beta {b}" for b in betas]
    at.sidebar.select_slider[0].set_value(8.0).run()
    assert not at.exception and "KL on (beta 8)" in [s.value for s in at.subheader]


def test_kl_page_without_mnist_still_reconstructs(offline_mnist):
    at = open_page(KL)
    assert len(at.image) == 4
    assert "Originals hidden" in texts(at)


def test_interpolation_page_decodes_paths_and_counts_third_digits():
    at = open_page(INTERPOLATION)
    assert "**A**: test image #" in texts(at)
    originals = 1 if ui.test_images() is not None else 0  # A and B, where MNIST is found
    assert len(at.image) == 4 + originals  # per model a strip and a chain
    assert [i.captions for i in at.image][:originals] == [["A", "B"]] * originals
    paths = figures(at)
    assert len(paths) == 2 and all(f["data"][-1]["name"].startswith("path") for f in paths)
    assert all(f["data"][-1]["x"] == [None] for f in paths)  # the browser draws the path
    (morph,) = components(at, "latent_explorer_morph")  # the alpha slider, in the browser
    assert [m["chart"] for m in morph["models"]] == ["path-ae-2d", "path-vae-2d"]
    row_a, row_b = (int(r) for r in re.findall(r"test image #(\d+),", texts(at))[:2])
    for model, name in zip(morph["models"], ("ae-2d", "vae-2d")):
        codes = load_map_data(name)["codes"]
        np.testing.assert_allclose([model["a"], model["b"]], codes[[row_a, row_b]], rtol=1e-6)
        assert len(model["path"]) == len(model["digits"]) == len(model["colors"]) == 10
        assert [TABLEAU.colors[d] for d in model["digits"]] == model["colors"]
    census = at.dataframe[0].value
    assert list(census["model"]) == ["ae-2d", "vae-2d"]
    assert all(s.endswith("%") for s in census["paths with a third digit"])
    labelled = [image for image in at.image if len(image.captions) == 10]  # a label per step
    assert len(labelled) == 2 and all(c.endswith("%)") for i in labelled for c in i.captions)
    # typical ends are images both models rebuild as their class: each path starts at a 2 and
    # ends at a 5 (the 5 nearest its class's mean in 2-D reads as a 3 in both)
    assert all(i.captions[0].startswith("2 (") for i in labelled)
    assert all(i.captions[-1].startswith("5 (") for i in labelled)


def test_on_the_server_the_alpha_slider_moves_the_star_and_the_enlarged_step():
    at = open_page(INTERPOLATION)
    at.session_state["decoding"] = "server"
    at.run()
    assert not components(at, "latent_explorer_morph")
    assert len(at.image) == 6 + (1 if ui.test_images() is not None else 0)  # A and B in one
    before = strips(at)
    star = values(figures(at)[0]["data"][-1]["x"])
    at.select_slider[0].set_value(at.select_slider[0].options[0]).run()
    assert not at.exception
    assert not np.array_equal(values(figures(at)[0]["data"][-1]["x"]), star)
    assert strips(at) == before  # the decoded paths stay; only the alpha step moves


def test_interpolation_widgets_change_the_page():
    at = open_page(INTERPOLATION)
    first = figures(at)
    at.sidebar.slider[0].set_value(14).run()
    assert figures(at) == first  # the path figures stay the same: the browser draws the path
    assert all(len(m["path"]) == 14 for m in components(at, "latent_explorer_morph")[0]["models"])
    at.selectbox[1].set_value(8).run()  # to digit 8
    assert not at.exception
    assert "a 8" in texts(at) and list(at.dataframe[0].value["paths with an 8"]) == ["-", "-"]
    at.radio(key="which_images").set_value("random").run()
    first = texts(at)
    at.sidebar.number_input[0].set_value(3).run()
    assert not at.exception and texts(at) != first


def test_interpolation_endpoints_can_be_clicked_on_the_map():
    at = open_page(INTERPOLATION)
    at.radio(key="ends_mode").set_value("map").run()
    assert not at.exception
    key = "ends-vae-2d-latent"
    at = click(at, key, {"x": 0.0, "y": 0.0, "customdata": 11})
    assert "**A**: test image #11," in texts(at)
    at = click(at, key, {"x": 0.1, "y": 0.0, "customdata": 42})
    assert "**A**: test image #11," in texts(at) and "**B**: test image #42," in texts(at)
    (marks,) = components(at, "latent_explorer_marks")
    labels = marks["labels"]
    assert [label["text"] for label in labels] == ["A", "B"]
    codes = load_map_data("vae-2d")["codes"]
    np.testing.assert_allclose([[m["x"], m["y"]] for m in labels], codes[[11, 42]], rtol=1e-6)
    at = click(at, key, {"x": 5.0, "y": 5.0, "customdata": -1})  # empty space: no end
    assert "**B**: test image #42," in texts(at) and at.toast


def test_interpolation_in_20d_with_umap_and_every_vae():
    at = open_page(INTERPOLATION, 20)
    at.sidebar.radio(key="projection").set_value("umap").run()
    assert not at.exception
    assert "UMAP has no inverse" in texts(at)
    assert figures(at)[1]["layout"]["xaxis"]["title"]["text"].startswith("UMAP")
    for vae in at.sidebar.selectbox[1].options:
        at.sidebar.selectbox[1].set_value(vae).run()
        assert not at.exception, vae


def test_kl_page_takes_every_beta():
    at = open_page(KL)
    for beta in at.sidebar.select_slider[0].options:
        at.sidebar.select_slider[0].set_value(float(beta)).run()
        assert not at.exception, beta
        assert f"KL on (beta {float(beta):g})" in [s.value for s in at.subheader]


def test_a_strips_pictures_keep_one_width_however_long_their_captions(monkeypatch):
    """Streamlit widened a picture to its caption's width: Fashion-MNIST's strips of cluster
    means had pictures of four sizes."""
    shown = {}
    monkeypatch.setattr(ui.widgets.st, "image", lambda images, **options: shown.update(options))
    monkeypatch.setattr(ui.widgets.st, "caption", lambda text: None)
    captions = ["T-shirt/top → T-shirt/top (98%)", "Coat → Coat (51%)"]
    ui.widgets.show_strip(np.zeros((2, 28, 28), np.float32), captions, "", scale=3)
    assert shown["width"] == 3 * 28 and shown["caption"] == captions


def test_a_grid_is_encoded_once_however_often_a_page_shows_it(monkeypatch):
    calls = []
    encode = ui.widgets.png_bytes
    monkeypatch.setattr(ui.widgets, "png_bytes", lambda image: calls.append(1) or encode(image))
    ui.widgets.grid_png.clear()
    images = np.random.default_rng(0).random((4, 28, 28)).astype(np.float32)
    first = ui.widgets.grid_png(images, 2, 3)
    assert first.startswith(b"\x89PNG") and ui.widgets.grid_png(images.copy(), 2, 3) == first
    assert len(calls) == 1  # the same pixels again: the same bytes, not encoded again
    at = open_page(KL)
    grids = [url for image in at.image for url in image.value]
    assert grids and all(url.endswith(".png") for url in grids)  # sent as encoded: no JPEG


def test_the_kl_pages_figures_are_built_once_and_the_room_grows_only_its_copy():
    """The KL page's figures are shared by every session (cache_resource): presentation mode
    must enlarge a copy's text, never the shared figure's."""
    at = open_page(KL)
    at.sidebar.toggle(key="presenting").set_value(True).run()
    room = [f for f in figures(at) if f["layout"]["xaxis"]["title"]["text"].startswith("beta")]
    assert room and all(f["layout"]["font"]["size"] == ui.widgets.ROOM_FONT for f in room)
    at.sidebar.toggle(key="presenting").set_value(False).run()
    usual = [f for f in figures(at) if f["layout"]["xaxis"]["title"]["text"].startswith("beta")]
    assert usual and all(f["layout"]["font"]["size"] == 16 for f in usual)
    assert at.sidebar.select_slider(key="beta").value == 1.0
    at.sidebar.select_slider(key="beta").set_value(4.0).run()  # another beta: the same sweep
    again = [f for f in figures(at) if f["layout"]["xaxis"]["title"]["text"].startswith("beta")]
    assert again == usual and not at.exception


def test_inline_tiles_are_the_pictures_as_png_data_urls():
    images = np.random.default_rng(0).random((3, 28, 28), dtype=np.float32)
    urls, width = inline_tiles(images, scale=3)
    assert width == 84 and len(urls) == 3
    for url, image in zip(urls, images):
        head, data = url.split(",", 1)
        assert head == "data:image/png;base64"
        pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(data))))
        assert np.array_equal(pixels, np.uint8(np.clip(tile(image[None], scale=3), 0, 1) * 255))


def test_the_interpolations_strips_and_ends_come_inside_the_page():
    """No picture of the ends' part is a file the browser must ask the server for: twenty
    tiles, six requests at a time, took 0.1 s after the run (BENCHMARKS.md)."""
    at = open_page(INTERPOLATION)
    tiles = [img.url for image in at.image for img in image.proto.imgs if len(image.proto.imgs) > 1]
    assert len(tiles) >= 22  # A and B, and each model's path of ten steps
    assert all(url.startswith("data:image/png;base64,") for url in tiles)
