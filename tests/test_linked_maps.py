"""Linked AE and VAE maps: a click in either map chooses the digit for both."""

import json

import pytest

from explorer.map_data import coords, load_map_data
from tests.test_app import click, components, points_data_all, server_click
from tests.test_lesson_pages import open_page

LINKED = "pages/3_Linked_Maps.py"


def rings(at) -> dict[str, list[float]]:
    """Where each map's pointer layer marks the chosen digit."""
    return {d["chart"]: d["ring"] for d in components(at, "latent_explorer_marks")}


def subheading(at) -> str:
    return next(s.value for s in at.subheader if s.value.startswith("Test image #"))


@pytest.mark.parametrize("size", [2, 20])
def test_a_click_in_either_map_marks_and_decodes_the_digit_in_both(size):
    at = open_page(LINKED, size)
    assert subheading(at).startswith("Test image #0:")
    view = "latent" if size == 2 else "pca"
    at = click(at, f"linked-ae-{size}d-{view}", {"x": 0, "y": 0, "customdata": 321})
    assert not at.exception
    assert subheading(at).startswith("Test image #321:")
    expected = {
        f"linked-{kind}-{size}d-{view}": coords(load_map_data(f"{kind}-{size}d"), view)[321]
        for kind in ("ae", "vae")
    }
    assert rings(at) == {key: pytest.approx(xy.tolist()) for key, xy in expected.items()}
    pointers = components(at, "latent_explorer_pointer")
    assert {(p["mode"], p["group"]) for p in pointers} == {("nearest", "linked")}
    points = {p["chart"]: p for p in points_data_all(at)}  # put into each chart by the browser
    assert set(points) == set(expected)
    for key, xy in expected.items():
        assert points[key]["x"][321] == pytest.approx(xy[0])
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert all(not spec["data"][0]["x"] for spec in specs)  # the figures hold no points
    captions = [c for image in at.image for c in image.captions]
    assert sum(c.startswith("reconstruction: looks like a") for c in captions) == 2
    at = click(at, f"linked-vae-{size}d-{view}", {"x": 0, "y": 0, "customdata": 7})
    assert subheading(at).startswith("Test image #7:")
    assert dict(at.query_params)["point"] == "7"
    at = click(at, f"linked-vae-{size}d-{view}", {"x": 0.5, "y": 0.5, "customdata": -1})
    assert subheading(at).startswith("Test image #7:")  # empty space picks nothing
    assert "Click a dot" in at.toast[0].value


def test_on_the_server_a_click_in_either_map_marks_the_digit_in_both():
    at = open_page(LINKED, 2)
    at.session_state["decoding"] = "server"
    at.run()
    at = server_click(at, "linked-ae-2d-latent", {"x": 0, "y": 0, "customdata": 321})
    assert subheading(at).startswith("Test image #321:")
    for chart in at.get("plotly_chart"):
        traces = json.loads(chart.proto.spec)["data"][:10]
        assert [t["selectedpoints"] for t in traces if t.get("selectedpoints")]
