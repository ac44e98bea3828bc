"""Shareable links: each page's state in the URL's query parameters, and back."""

import re
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import HOME, LESSON_PAGES, panel

# What the pages show when a link gives them nothing usable.
DEFAULTS = {"model": "ae-2d", "size": "2", "seed": "0", "from": "2", "steps": "10", "beta": "1.0"}


def open_with(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=60).run()
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def notes(at: AppTest) -> str:
    return " ".join(i.value for i in at.info if i.value.startswith("Ignored from the link"))


def test_a_map_link_opens_the_model_view_and_point_and_follows_clicks():
    params = {"model": "vae-20d", "view": "umap", "point": "123"}
    at = open_with("pages/1_Latent_Map.py", **params)
    assert (
        at.sidebar.selectbox[0].value == "vae-20d"
        and at.sidebar.radio(key="projection").value == "umap"
    )
    assert panel(at)["heading"].startswith("Test image #123:")
    assert dict(at.query_params) == params and not notes(at)
    at.sidebar.selectbox[0].set_value("ae-2d").run()
    assert dict(at.query_params) == {"model": "ae-2d", "point": "123"}


@pytest.mark.parametrize(
    "page, params",
    [
        ("pages/4_AE_vs_VAE.py", {"size": "20", "seed": "7"}),
        ("pages/5_KL_On_Off.py", {"size": "2", "seed": "3", "beta": "4.0"}),
        ("pages/7_Interpolation.py",
         {"size": "20", "seed": "5", "steps": "12", "from": "3", "to": "8", "images": "random"}),
        ("pages/7_Interpolation.py", {"size": "2", "seed": "0", "steps": "10", "ends": "11-42"}),
    ],
)  # fmt: skip
def test_lesson_links_round_trip(page, params):
    at = open_with(page, **params)
    assert dict(at.query_params) == params, dict(at.query_params)
    assert not notes(at)
    assert at.sidebar.number_input(key="seed").value == int(params["seed"])


def test_interpolation_link_with_two_images_opens_on_them():
    at = open_with("pages/7_Interpolation.py", ends="11-42")
    text = " ".join(m.value for m in at.markdown)
    assert "**A**: test image #11," in text and "**B**: test image #42," in text


@pytest.mark.parametrize(
    "page, params, ignored",
    [
        ("pages/1_Latent_Map.py", {"model": "../../etc/passwd", "point": "-1"},
         ["model=", "point="]),
        ("pages/4_AE_vs_VAE.py", {"size": "7", "seed": "abc", "zoom": "3"},
         ["size=", "seed=", "zoom="]),
        ("pages/5_KL_On_Off.py", {"beta": "2.5"}, ["beta="]),
        ("pages/7_Interpolation.py", {"from": "12", "steps": "500", "ends": "1"},
         ["from=", "steps=", "ends="]),
    ],
)  # fmt: skip
def test_bad_or_stale_parameters_fall_back_to_defaults_with_a_note(page, params, ignored):
    at = open_with(page, **params)
    for name in ignored:
        assert name in notes(at), notes(at)
    shown = dict(at.query_params)
    for name in params:
        if name in DEFAULTS:
            assert shown.get(name) == DEFAULTS[name], (name, shown)  # the default, shown instead


def test_every_lesson_step_on_the_home_page_is_a_valid_preset():
    home = AppTest.from_file(HOME, default_timeout=60).run()
    files = {page.file.split("_", 1)[1][:-3]: page.file for page in LESSON_PAGES}
    links = [link for link in home.main.get("page_link") if link.proto.page != "Train"]
    assert len(links) == 11
    for link in links:
        params = dict(parse_qsl(link.proto.query_string))
        assert params.pop("data") == "mnist"  # the lesson's story is MNIST's
        assert params, link.proto.label  # every step opens its page on a preset
        at = open_with(files[link.proto.page], **params)
        assert not notes(at), (link.proto.label, notes(at))
        assert dict(at.query_params).items() >= params.items()


@pytest.mark.parametrize("param, value", [("lang", "xx"), ("data", "foo"), ("present", "yes")])
def test_an_unknown_language_or_dataset_gets_a_note_and_leaves_the_address_bar(param, value):
    at = open_with("pages/1_Latent_Map.py", **{param: value})
    assert f"{param}={value}" in notes(at), notes(at)
    assert param not in dict(at.query_params)
    assert at.session_state.language == "en" and at.session_state.dataset == "mnist"


def test_a_present_link_opens_presentation_mode_which_the_pages_links_keep():
    at = open_with("pages/4_AE_vs_VAE.py", present="on", size="2")
    assert at.session_state.presenting and at.sidebar.toggle(key="presenting").value
    assert dict(at.query_params) == {"present": "on", "size": "2", "seed": "0"} and not notes(at)
    at.sidebar.toggle(key="presenting").set_value(False).run()
    assert "present" not in dict(at.query_params)  # the bar shows the view as it is now
    at.sidebar.toggle(key="presenting").set_value(True).run()
    assert dict(at.query_params)["present"] == "on"  # a link copied now opens in it


def test_a_korean_link_explains_ignored_values_in_korean():
    at = open_with("pages/4_AE_vs_VAE.py", lang="ko", size="7", seed="abc", zoom="3")
    note = next(i.value for i in at.info if "size=7" in i.value)
    assert "seed=abc" in note and "zoom=3" in note
    assert not re.search(r"\([^)]*[A-Za-z]{3,}[^)]*\)", note), note  # every reason in Korean
