"""Both languages: every text exists in each, and every page renders in each."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from explorer import ui
from explorer.texts import LANGUAGES, TEXTS, placeholders, translate
from tests.test_app import HOME
from tests.test_draw_page import data_url
from tests.test_drawing import stroke_canvas

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    english, korean = TEXTS[key]
    assert english.strip() and korean.strip()
    assert placeholders(english) == placeholders(korean)
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", english))
    if len(words) >= 3:  # a phrase to translate, not a name such as "VAE" or "PCA"
        assert HANGUL.search(korean), key


def test_translate_fills_in_values_and_falls_back_to_english():
    assert translate("map.test_image", "en", row=3, digit=7) == "Test image #3: a 7"
    assert translate("map.test_image", "ko", row=3, digit=7) == "테스트 이미지 #3: 숫자 7"
    assert list(LANGUAGES) == ["en", "ko"]


def main_texts(at: AppTest) -> str:
    parts = [*at.title, *at.header, *at.subheader, *at.markdown, *at.info, *at.caption]
    return " ".join(element.value for element in parts)


@pytest.mark.parametrize("page", [page for page, _, _ in ui.PAGES])
def test_every_page_renders_in_korean(page):
    at = AppTest.from_file(HOME, default_timeout=60)
    at.query_params["lang"] = "ko"
    at.run()
    if page != "streamlit_app.py":
        at.switch_page(page).run()
    if page.endswith("Draw_a_Digit.py"):
        at.session_state["canvas"] = {"image": data_url(stroke_canvas())}
        at.run()
    assert not at.exception, at.exception
    texts = main_texts(at)
    assert HANGUL.search(texts), texts[:200]
    assert at.session_state.language == "ko"
    english = [
        p for p in re.split(r"(?<=[.:!?])\s+", texts) if re.fullmatch(r"[A-Za-z ,']{40,}[.:!?]", p)
    ]
    assert not english, english  # no whole English sentence left untranslated


def test_figures_speak_the_readers_language():
    at = AppTest.from_file(HOME, default_timeout=60)
    at.query_params["lang"] = "ko"
    at.run()
    at.switch_page("pages/1_Latent_Map.py").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["legend"]["title"]["text"] == "숫자"
    assert spec["data"][0]["hovertemplate"].startswith("숫자 0, 테스트 이미지 #%{customdata}")
    at.switch_page("pages/3_KL_On_Off.py").run()
    histogram = json.loads(at.get("plotly_chart")[2].proto.spec)
    assert histogram["layout"]["xaxis"]["title"]["text"] == "분류기가 읽은 숫자"
