"""Fashion-MNIST as a second dataset: the sidebar switch, its shipped models, its words."""

import json
import re
import time
from urllib.parse import parse_qsl

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from explorer import jobs, load_model, ui
from explorer.checkpoints import CHECKPOINT_DIR, USER, dataset_dir, load_metrics, qualified
from explorer.map_data import load_map_data
from explorer.registry import CLASSIFIER, RECIPES, SHIPPED_SETS
from explorer.texts import class_names
from explorer.training import autoencoder_metrics, classifier_metrics
from tests.test_app import HOME, MAP, map_figure, panel, picture_captions
from tests.test_shipped import readme_metrics
from tests.test_texts import main_texts

FASHION = "fashion-mnist"
MODELS = [name for name in SHIPPED_SETS[FASHION] if name != CLASSIFIER]
# Fashion-MNIST's classes as its authors name them (Xiao, Rasul and Vollgraf 2017, table 1)
EN_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
              "Sneaker", "Bag", "Ankle boot"]  # fmt: skip


def open_fashion(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=60)
    at.query_params["data"] = FASHION
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "streamlit_app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_class_names_are_digits_for_mnist_and_clothes_for_fashion():
    assert class_names("mnist", "ko") == [str(d) for d in range(10)]
    assert class_names(FASHION, "en") == EN_CLASSES
    assert class_names(FASHION, "ko")[1] == "바지" and len(set(class_names(FASHION, "ko"))) == 10


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("page", [page.file for page in ui.PAGES.values()])
def test_every_page_renders_on_fashion_mnist_in_both_languages(page, language):
    at = open_fashion(page, lang=language)
    assert at.session_state.dataset == FASHION and at.session_state.language == language
    infos = " ".join(i.value for i in at.info)
    draw = {"en": "choose MNIST", "ko": "MNIST로 고르세요"}[language]
    trouser = class_names(FASHION, language)[1]
    if page.endswith("Draw_a_Digit.py"):
        assert draw in infos and not at.get("plotly_chart")
    elif page != "streamlit_app.py":
        assert "Fashion-MNIST" in infos and f"1 {trouser}" in infos  # the note, with the classes
        if language == "en":  # (in Korean, 숫자 is also a plain "number")
            words = f"{main_texts(at)} {at.sidebar.toggle[0].label}".lower()
            assert "digit" not in words.replace("instead of digits", ""), words
    if language == "ko":
        english = [
            p for p in re.split(r"(?<=[.:!?])\s+", main_texts(at))
            if re.fullmatch(r"[A-Za-z ,']{40,}[.:!?]", p)
        ]  # fmt: skip
        assert not english, english
    for picker in at.sidebar.selectbox:  # models: Fashion-MNIST's only
        assert picker.value.startswith(f"{FASHION}/")


def test_the_map_shows_clothes_and_names_them():
    at = open_fashion(MAP, model=qualified(FASHION, "vae-2d"))
    assert at.sidebar.selectbox[0].value == qualified(FASHION, "vae-2d")
    assert at.sidebar.selectbox[0].options[0] == "ae-2d (2-D AE)"  # short names
    figure = map_figure(at)
    assert [trace["name"] for trace in figure["data"][:10]] == EN_CLASSES
    assert figure["layout"]["legend"]["title"]["text"] == "kind"
    assert "T-shirt/top, test image" in figure["data"][0]["hovertemplate"]
    assert panel(at)["heading"] == "Test image #0: Ankle boot"  # Fashion's first test image
    captions = picture_captions(at)
    reads = [re.match(r"reconstruction: looks like an? (.+) \(", c) for c in captions]
    assert [r[1] for r in reads if r][0] in EN_CLASSES, captions
    assert dict(at.query_params)["data"] == FASHION


def test_switching_the_dataset_keeps_the_page_working():
    at = AppTest.from_file(HOME, default_timeout=60).run()
    at.switch_page(MAP).run()
    at.sidebar.selectbox[0].set_value("vae-20d").run()
    at.sidebar.radio(key="dataset").set_value(FASHION).run()
    assert not at.exception, at.exception
    assert at.sidebar.selectbox[0].value.startswith(f"{FASHION}/")
    assert [t["name"] for t in map_figure(at)["data"][:10]] == EN_CLASSES
    at.sidebar.radio(key="dataset").set_value("mnist").run()
    assert not at.exception
    assert map_figure(at)["data"][0]["name"] == "0"
    assert "data" not in dict(at.query_params)


def test_a_fashion_link_in_korean_names_the_classes_in_korean():
    at = open_fashion("pages/7_Interpolation.py", lang="ko", size="2")
    assert at.session_state.language == "ko"
    assert at.selectbox(key="from_digit").format_func(1) == "바지"
    assert "바지" in " ".join(i.value for i in at.info)


def test_home_page_lists_fashions_models_and_its_lesson_steps_tell_mnists_story():
    at = open_fashion("streamlit_app.py")
    table = at.dataframe[0].value
    assert list(table["model"]) == SHIPPED_SETS[FASHION]
    assert "switch back to MNIST" in at.info[0].value
    steps = [link.proto for link in at.main.get("page_link") if link.proto.query_string]
    assert steps and all("data=mnist" in step.query_string for step in steps)
    first = dict(parse_qsl(steps[0].query_string))  # the map with ae-20d
    at.query_params.clear()
    for name, value in first.items():
        at.query_params[name] = value
    at.switch_page(MAP).run()
    assert not at.exception and at.session_state.dataset == "mnist"
    assert at.sidebar.selectbox[0].value == first["model"]
    assert map_figure(at)["data"][0]["name"] == "0"


# The real tier: the shipped Fashion-MNIST models on its real test set.


@pytest.mark.parametrize("name", MODELS)
def test_shipped_fashion_model_matches_its_stored_and_stated_metrics(name, real_fashion_mnist):
    x, labels = real_fashion_mnist
    full = qualified(FASHION, name)
    model = load_model(full)
    assert model.config == RECIPES[name]
    stored = load_metrics(full)
    for key, value in autoencoder_metrics(model, x).items():
        assert value == pytest.approx(stored[key], rel=2e-3, abs=1e-4), key
    stated = readme_metrics("fashion-mnist model")[name]
    for key in ("loss", "kl", "recon_bce", "recon_mse"):
        if key in stated:
            assert stated[key] == pytest.approx(stored[key], abs=1e-4), key
    map_data = load_map_data(full)
    np.testing.assert_array_equal(map_data["labels"], labels.numpy())


def test_shipped_fashion_classifier(real_fashion_mnist):
    x, labels = real_fashion_mnist
    accuracy = classifier_metrics(load_model(qualified(FASHION, CLASSIFIER)), x, labels)["accuracy"]
    assert accuracy >= 0.88  # a small CNN's level on Fashion-MNIST (Xiao et al. report 0.87-0.92)
    stated = readme_metrics("fashion-mnist model")[CLASSIFIER]["accuracy"]
    assert stated == pytest.approx(accuracy, abs=1e-4)


# Training from the app on Fashion-MNIST


def test_training_on_fashion_saves_into_its_folder_and_opens_its_map(tiny_training):
    at = open_fashion("pages/9_Train.py")
    at.text_input[0].set_value("zz-test-fashion")
    at.slider[0].set_value(1)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert "Fashion-MNIST" in at.subheader[0].value
    deadline = time.monotonic() + 120
    while jobs.status().running and time.monotonic() < deadline:
        time.sleep(0.5)
    job = jobs.status()
    assert job.finished == "done" and job.request.dataset == FASHION
    user = dataset_dir(FASHION) / USER
    assert (user / "zz-test-fashion.pt").is_file() and (user / "zz-test-fashion.npz").is_file()
    ui.checkpoint_files.clear()
    at.run()
    assert qualified(FASHION, "zz-test-fashion") in ui.model_catalogue(FASHION)[0]
    link = next(link.proto for link in at.main.get("page_link"))
    assert f"model={FASHION}%2Fzz-test-fashion" in link.query_string
    assert f"data={FASHION}" in link.query_string


def test_a_dataset_without_its_classifier_stops_its_pages_with_a_message(monkeypatch):
    catalogue = ui.model_catalogue
    without = qualified(FASHION, CLASSIFIER)

    def no_classifier(dataset=None):
        usable, unusable = catalogue(dataset)
        return {n: info for n, info in usable.items() if n != without}, unusable

    monkeypatch.setattr("explorer.ui.widgets.model_catalogue", no_classifier)
    for page in (MAP, "pages/4_AE_vs_VAE.py"):
        at = open_fashion(page)
        message = at.error[0].value
        assert f"{CHECKPOINT_DIR.name}/fashion-mnist/" in message  # the tests' copy of checkpoints/
        assert "python train_models.py --dataset fashion-mnist --only classifier" in message


def test_the_interpolation_ends_speak_of_clothes():
    at = open_fashion("pages/7_Interpolation.py")
    assert at.radio(key="ends_mode").options[0] == "Two kinds of clothing"


def test_the_traversal_grid_numbers_the_kinds_in_its_tiles_and_names_them_under_it():
    at = open_fashion("pages/6_One_Dimension.py")
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    (grid,) = [f for f in specs if f["layout"]["xaxis"]["title"]["text"].startswith("sigmas")]
    readings = [re.sub("</?b>", "", n["text"]) for n in grid["layout"]["annotations"]]
    readings = [text for text in readings if not text.startswith("dimension")]
    assert readings and all(text in "0123456789" for text in readings)  # "Ankle boot" fits no tile
    assert any("9 Ankle boot" in caption.value for caption in at.caption)
    heading = next(h.value for h in at.subheader if h.value.startswith("Test image #0"))
    assert heading == "Test image #0: Ankle boot"


def test_the_prior_question_offers_clothes_not_digits_and_says_a_tally_without_plurals():
    at = open_fashion("pages/4_AE_vs_VAE.py", size="2")
    (guess,) = [r for r in at.radio if r.key and r.key.startswith("guess-prior")]
    assert guess.options[0] == "clothes"
    guess.set_value("clothes").run()
    next(b for b in at.button if b.key and b.key.startswith("reveal-prior")).click().run()
    said = " ".join(e.value for e in [*at.success, *at.warning])  # the guess held, or missed
    assert "clothes when half or more are" in said and "digits" not in said
    assert any(c.value.startswith("How this server's guesses went (") for c in at.caption)


@pytest.mark.parametrize("page", ["streamlit_app.py", "pages/9_Train.py"])
def test_home_and_train_say_fashion_mnist_where_it_is_chosen(page):
    at = open_fashion(page)
    said = " ".join(e.value for e in [*at.markdown, *at.caption])
    assert "60,000 Fashion-MNIST training images" in said
    assert "60,000 MNIST" not in said


def test_the_kinds_read_in_the_sample_grids_are_horizontal_bars_named_down_the_side():
    at = open_fashion("pages/4_AE_vs_VAE.py", reveal="on")
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    bars = [f["data"][0] for f in specs if f["data"] and f["data"][0].get("orientation") == "h"]
    assert len(bars) == 3 and all(b["y"] == EN_CLASSES for b in bars)
    assert all(sum(b["x"]) == 64 for b in bars)  # a grid's 64 samples each
