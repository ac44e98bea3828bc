"""Linked AE and VAE maps: a click in either map chooses the digit for both."""

import json

import pytest

from tests.test_app import click
from tests.test_lesson_pages import open_page

LINKED = "pages/3_Linked_Maps.py"


def chosen(at) -> list[list[int]]:
    """The selected point of each map, as plotly's selectedpoints per digit trace."""
    result = []
    for chart in at.get("plotly_chart"):
        traces = json.loads(chart.proto.spec)["data"][:10]
        result.append([t.get("selectedpoints") for t in traces if t.get("selectedpoints")])
    return result


@pytest.mark.parametrize("size", [2, 20])
def test_a_click_in_either_map_marks_and_decodes_the_digit_in_both(size):
    at = open_page(LINKED, size)
    assert at.subheader[0].value.startswith("Test image #0:")
    view = "latent" if size == 2 else "pca"
    at = click(at, f"linked-ae-{size}d-{view}", {"x": 0, "y": 0, "customdata": 321})
    assert not at.exception
    assert at.subheader[0].value.startswith("Test image #321:")
    assert all(marks for marks in chosen(at)) and len(chosen(at)) == 2
    captions = [c for image in at.image for c in image.captions]
    assert sum(c.startswith("reconstruction: looks like a") for c in captions) == 2
    at = click(at, f"linked-vae-{size}d-{view}", {"x": 0, "y": 0, "customdata": 7})
    assert at.subheader[0].value.startswith("Test image #7:")
    assert dict(at.query_params)["point"] == "7"
