"""Every language: English's keys and placeholders, Markdown that renders, every page in Korean."""

import json
import re
import string
from pathlib import Path

import pytest
import streamlit
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from explorer import texts, ui
from explorer.data import DATASETS
from explorer.texts import LANGUAGES, LOCALES, locale, table, translate
from explorer.ui.words import inline_html
from tests.test_app import HOME
from tests.test_draw_page import data_url
from tests.test_drawing import stroke_canvas

ROOT = Path(__file__).parents[1]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
OTHERS = [language for language in LANGUAGES if language != "en"]
TABLES = [name for name in locale("en") if name != "meta"]  # "texts", then one per dataset
# Emphasis that CommonMark did not close shows its delimiters; a lone * between spaces is a
# product (z = mu + sigma * eps), and _ inside a word (z_A) is never emphasis.
LEFTOVER = re.compile(r"\*\*|__|\*(?=\S)|(?<=\S)\*")


def fields(text: str) -> list[tuple[str, str, str | None]]:
    """Each placeholder as (name, format spec, conversion): {name!r} -> ("name", "", "r");
    English's article ({digit:a}, texts.translate) is its own grammar, not a format."""
    parsed = string.Formatter().parse(text)
    return sorted(
        (name, "" if spec == "a" else spec, conversion)
        for _, name, spec, conversion in parsed
        if name
    )


def sample(spec: str) -> object:
    """A value of the type a format spec asks for. Plain fields (names, digits, counts) get a
    word: CommonMark's flanking rules treat letters and digits alike."""
    if spec.endswith("%"):
        return 0.29
    return 1.5 if spec else "vae-2d"


def test_languages_are_the_locale_files_english_first():
    assert set(LANGUAGES) == {path.stem for path in LOCALES.glob("*.toml")}
    assert list(LANGUAGES)[0] == "en" and LANGUAGES["ko"] == "한국어"


@pytest.mark.parametrize("language", OTHERS)
def test_every_language_has_englishs_tables_and_keys(language):
    assert list(locale(language)) == list(locale("en"))
    for name in TABLES:
        own, english = locale(language)[name], locale("en")[name]
        assert sorted(own.keys() - english.keys()) == [], name  # nothing English lacks
        assert sorted(english.keys() - own.keys()) == [], name  # nothing left untranslated


@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("language", OTHERS)
def test_every_translation_has_englishs_placeholders(language, name):
    english = locale("en")[name]
    differ = [k for k, text in locale(language)[name].items() if fields(text) != fields(english[k])]
    assert not differ, differ


def test_a_datasets_wording_keeps_the_placeholders_of_the_text_it_replaces():
    assert set(TABLES) - {"texts"} <= set(DATASETS)
    main = locale("en")["texts"]
    for name in TABLES[1:]:
        for key, text in locale("en")[name].items():
            if key in main:
                assert fields(text) == fields(main[key]), (name, key)
            else:  # its own texts: the note atop its pages, the home page's, its class names
                assert key in ("dataset.note", "home.dataset") or key.startswith("class."), key


@pytest.mark.parametrize("name", TABLES)
def test_korean_is_korean_where_english_is_a_phrase(name):
    english = locale("en")[name]
    untranslated = []
    for key, korean in locale("ko")[name].items():
        words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", english[key]))
        if len(words) >= 3 and not HANGUL.search(korean):  # not a name such as "VAE" or "PCA"
            untranslated.append(key)
    assert not untranslated, untranslated


@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_texts_markdown_closes_its_emphasis(language, dataset):
    markdown = MarkdownIt("commonmark")
    unclosed = {}
    for key, text in table(language, dataset).items():
        values = {name: sample(spec) for name, spec, _ in fields(text)}
        html = markdown.render(translate(key, language, dataset, **values))
        html = re.sub(r"<code>.*?</code>", "", html)  # a code span shows its characters as typed
        if LEFTOVER.search(html):
            unclosed[key] = html
    assert not unclosed, unclosed


def test_a_text_a_component_draws_keeps_its_emphasis_and_escapes_the_rest():
    text = "**Latent vector** z < 1, *or*<br>more"
    assert inline_html(text) == "<strong>Latent vector</strong> z &lt; 1, <em>or</em><br>more"


def test_translate_fills_in_values():
    assert translate("map.test_image", "en", row=3, digit=7) == "Test image #3: a 7"
    assert translate("map.test_image", "ko", row=3, digit=7) == "테스트 이미지 #3: 숫자 7"
    assert translate("map.test_image", "en", "fashion-mnist", row=3, digit="Dress") == (
        "Test image #3: Dress"
    )


def test_english_puts_a_or_an_before_a_class():
    assert translate("map.test_image", "en", row=3, digit=8) == "Test image #3: an 8"
    what = {"what": "reconstruction", "confidence": 0.5}
    assert translate("caption.reads", "en", digit="8", **what).startswith(
        "reconstruction: looks like an 8 "
    )
    fashion = translate("caption.reads", "en", "fashion-mnist", digit="Ankle boot", **what)
    assert fashion.startswith("reconstruction: looks like an Ankle boot ")
    assert translate("caption.reads", "en", "fashion-mnist", digit="Shirt", **what).startswith(
        "reconstruction: looks like a Shirt "
    )
    kept = translate("traverse.grid.kept", "ko", kept=0.5, digit="8", rows=2)
    assert "8(으)로" in kept  # Korean has no article


def test_a_text_missing_in_a_language_is_english(tmp_path, monkeypatch):
    (tmp_path / "en.toml").write_text(
        '[meta]\nname = "English"\n[texts]\n"a" = "A"\n"b" = "B {n}"\n'
        '[fashion-mnist]\n"b" = "clothes B {n}"\n'
    )
    (tmp_path / "xx.toml").write_text('[meta]\nname = "X"\n[texts]\n"a" = "x A"\n')
    monkeypatch.setattr(texts, "LOCALES", tmp_path)
    texts.locale.cache_clear()
    texts.table.cache_clear()
    try:
        assert translate("a", "xx") == "x A"
        assert translate("b", "xx", n=1) == "B 1"
        assert translate("b", "xx", "fashion-mnist", n=1) == "clothes B 1"
    finally:
        texts.locale.cache_clear()
        texts.table.cache_clear()


def test_no_python_file_outside_tests_holds_korean():
    sources = [*ROOT.glob("*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("explorer/**/*.py")]
    korean = [str(path.relative_to(ROOT)) for path in sources if HANGUL.search(path.read_text())]
    assert not korean, korean  # the words live in explorer/locales/


def main_texts(at: AppTest) -> str:
    parts = [*at.title, *at.header, *at.subheader, *at.markdown, *at.info, *at.caption]
    return " ".join(element.value for element in parts)


@pytest.mark.parametrize("page", [page.file for page in ui.PAGES.values()])
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
    shown = main_texts(at)
    assert HANGUL.search(shown), shown[:200]
    assert at.session_state.language == "ko"
    english = [
        p for p in re.split(r"(?<=[.:!?])\s+", shown) if re.fullmatch(r"[A-Za-z ,']{40,}[.:!?]", p)
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
    at.switch_page("pages/5_KL_On_Off.py").run()
    histogram = json.loads(at.get("plotly_chart")[2].proto.spec)
    assert histogram["layout"]["xaxis"]["title"]["text"] == "분류기가 읽은 숫자"
    for chart in at.get("plotly_chart"):  # and Plotly's own words: its toolbar, its notices
        config = json.loads(chart.proto.config)
        assert config["locale"] == "ko"
        assert config["locales"]["ko"]["dictionary"]["Zoom in"] == "확대"
        assert config["toImageButtonOptions"]["format"] == "png"  # chart_config's, kept


def test_plotlys_own_words_are_plotlys_english_and_translated():
    """The toolbar. texts are keyed by Plotly's English, which must be a phrase the plotly.js
    that Streamlit serves looks up (its localize calls, `_(gd, 'Zoom in')`): else Plotly shows
    its English whatever the dictionary holds."""
    plotly_js = "".join(
        path.read_text()
        for path in (Path(streamlit.__file__).parent / "static").glob("static/js/PlotlyChart.*.js")
    )
    english = texts.toolbar_words("en")
    assert english and all(key == text for key, text in english.items())
    for phrase in english:
        assert f"`{phrase}`" in plotly_js or f'"{phrase}"' in plotly_js, phrase
    for language in OTHERS:
        own = texts.toolbar_words(language)
        assert own.keys() == english.keys()
        if language == "ko":
            assert all(HANGUL.search(text) for text in own.values()), own
