"""The Draw a digit page through AppTest, with drawings injected as the canvas sends them."""

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import HOME, components, points_data_all
from tests.test_drawing import png, stroke_canvas

DRAW = "pages/2_Draw_a_Digit.py"


def data_url(image: np.ndarray) -> str:
    return "data:image/png;base64," + base64.b64encode(png(image)).decode()


def open_draw(model: str = "ae-2d", drawing: str | None = None) -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=60).run()
    at.switch_page(DRAW).run()
    at.sidebar.selectbox[0].set_value(model).run()
    if drawing is not None:
        at.session_state["canvas"] = {"image": drawing}
        at.run()
    assert not at.exception, at.exception
    return at


def map_traces(at: AppTest) -> list[dict]:
    return json.loads(at.get("plotly_chart")[-1].proto.spec)["data"]


def test_an_empty_canvas_asks_for_a_digit():
    at = open_draw()
    assert "Draw a digit in the black box" in at.info[0].value
    assert not at.image


@pytest.mark.parametrize("model", ["ae-2d", "vae-2d", "vae-20d"])
def test_a_drawing_is_encoded_decoded_read_and_starred_on_the_map(model):
    at = open_draw(model, data_url(stroke_canvas()))
    captions = [c for image in at.image for c in image.captions]
    assert captions[0].startswith("prepared like MNIST: looks like a")
    assert captions[1].startswith("reconstruction: looks like a")
    (points,) = points_data_all(at)  # the test codes, put in by the browser, as on the map;
    assert points["chart"].startswith(f"draw-map-{model}-") and len(points["x"]) == 10_000
    (pointer,) = components(at, "latent_explorer_pointer")  # the pointer layer draws the drawing
    (marks,) = components(at, "latent_explorer_marks")
    assert pointer["clickable"] is False and marks["star"] is not None
    lines = marks["lines"]
    assert len(lines) == (2 if model.startswith("vae") else 0)  # the sigma ellipses


def test_on_the_server_the_drawing_is_a_star_in_the_figure():
    at = open_draw("vae-2d")
    at.session_state["decoding"] = "server"
    at.session_state["canvas"] = {"image": data_url(stroke_canvas())}
    at.run()
    names = [t.get("name") for t in map_traces(at)]
    assert names[-1] == "your digit"
    assert len([t for t in map_traces(at) if t.get("mode") == "lines"]) == 2


def test_umap_places_the_drawing_among_its_neighbours():
    at = open_draw("ae-20d", data_url(stroke_canvas()))
    at.sidebar.radio(key="projection").set_value("umap").run()
    assert not at.exception
    assert any("10 test digits whose codes are nearest" in c.value for c in at.caption)


def test_a_blank_or_broken_drawing_gets_a_clear_message():
    at = open_draw(drawing=data_url(np.zeros((280, 280))))
    assert "holds no ink" in at.info[0].value
    at = open_draw(drawing="data:image/png;base64,bm90IGEgcG5n")
    assert "not an image that can be read" in at.error[0].value
