"""The app's pages in lesson order, the sidebar every page shares, and a page's header."""

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from explorer import texts
from explorer.checkpoints import qualified
from explorer.data import DATASETS, MNIST
from explorer.ui.catalogue import model_catalogue, short_name
from explorer.ui.session import current_dataset, current_language, presenting
from explorer.ui.url import SHARED_SETTINGS, read_shared_settings
from explorer.ui.widgets import explain
from explorer.ui.words import class_names, t


@dataclass(frozen=True)
class Page:
    key: str  # its name is the text "page.<key>"
    file: str
    icon: str  # an emoji: a :material/ icon would be fetched from a font host, offline too


PAGES = {
    page.key: page
    for page in (
        Page("home", "streamlit_app.py", "🏠"),
        Page("map", "pages/1_Latent_Map.py", "🗺️"),
        Page("draw", "pages/2_Draw_a_Digit.py", "✏️"),
        Page("linked", "pages/3_Linked_Maps.py", "🔗"),
        Page("generation", "pages/4_AE_vs_VAE.py", "🎲"),
        Page("kl", "pages/5_KL_On_Off.py", "⚖️"),
        Page("traverse", "pages/6_One_Dimension.py", "🎚️"),
        Page("interpolation", "pages/7_Interpolation.py", "↔️"),
        Page("replay", "pages/8_Watch_It_Learn.py", "🎬"),
        Page("train", "pages/9_Train.py", "🏋️"),
    )
}

COMPONENTS = Path(__file__).parent / "components"
APP_CSS = (COMPONENTS / "app.css").read_text()
KOREAN_CSS = (COMPONENTS / "korean.css").read_text()
PRESENTING_CSS = (COMPONENTS / "presenting.css").read_text()


def page_header(title: str, intro: str, dataset_note: bool = True) -> list[str]:
    """The sidebar, the page's title and introduction (text keys), and for a dataset other
    than MNIST a note on what it holds. Returns the notes on a link's refused language or
    dataset, for apply_url to show with the page's own."""
    refused = sidebar_nav()
    if presenting():  # the page's whole width for the figures, when a link opens in this mode
        st.set_page_config(initial_sidebar_state="collapsed")
    korean = KOREAN_CSS + css_words() if current_language() == "ko" else ""
    room = PRESENTING_CSS if presenting() else ""
    st.html(f"<style>{APP_CSS}{korean}{room}</style>")
    phone_settings_ui()
    st.title(t(title))
    explain(t(intro))
    if dataset_note and current_dataset() != MNIST.name:
        classes = ", ".join(f"{i} {name}" for i, name in enumerate(class_names()))
        st.info(t("dataset.note", classes=classes))
    return refused


def css_words() -> str:
    """The words korean.css puts where Streamlit writes its own, as custom properties."""
    words = {"--le-upload": "draw.upload.button", "--le-fullscreen": "chart.fullscreen"}
    quoted = {name: t(key).replace("\\", "\\\\").replace('"', '\\"') for name, key in words.items()}
    return ":root { " + " ".join(f'{name}: "{word}";' for name, word in quoted.items()) + " }"


def phone_settings_ui() -> None:
    """The language and the dataset at the top of the page, for a phone, where the sidebar is
    folded away (app.css shows this only on narrow screens). Each mirrors the sidebar's."""
    with st.container(key="phone-settings"), st.popover(t("nav.settings")):
        for key, label, options, name in (
            ("dataset", t("nav.dataset"), list(DATASETS), lambda d: DATASETS[d].title),
            ("language", t("nav.language"), list(texts.LANGUAGES), texts.LANGUAGES.get),
        ):
            st.session_state[f"{key}-here"] = st.session_state[key]
            st.radio(label, options, format_func=name, key=f"{key}-here", horizontal=True,
                     on_change=copy_setting, args=(key,))  # fmt: skip


def copy_setting(key: str) -> None:
    st.session_state[key] = st.session_state[f"{key}-here"]


def sidebar_nav() -> list[str]:
    """The pages in the sidebar, in lesson order, and the settings every page shares: dataset,
    language, colours. Returns the notes on a link's refused settings."""
    for key in ("accessible_colours", "presenting", "language", "dataset"):  # kept across pages
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    refused = read_shared_settings()
    for page in PAGES.values():
        st.sidebar.page_link(page.file, label=t(f"page.{page.key}"), icon=page.icon)
    st.sidebar.radio(
        t("nav.dataset"), list(DATASETS), format_func=lambda d: DATASETS[d].title, key="dataset",
        horizontal=True, help=t("nav.dataset.help"),
    )  # fmt: skip
    st.sidebar.radio(
        t("nav.language"), list(texts.LANGUAGES), format_func=texts.LANGUAGES.get,
        key="language", horizontal=True,
    )  # fmt: skip
    st.sidebar.toggle(t("nav.colours"), key="accessible_colours", help=t("nav.colours.help"))
    st.sidebar.toggle(t("nav.present"), key="presenting", help=t("nav.present.help"))
    st.sidebar.button(t("nav.reset"), on_click=reset_pages, help=t("nav.reset.help"))
    st.sidebar.divider()
    follow_dataset()
    return refused


KEPT = ("language", "dataset", "accessible_colours", "presenting", "revealing", "decoding",
        "models_of")  # fmt: skip


def reset_pages() -> None:
    """This page back to its defaults (a teacher's fresh start): the session's choices and
    the link's parameters go, but the language, dataset, colours and presentation mode stay.
    (Other pages' widgets are gone already: Streamlit keeps only the shown page's.)"""
    for key in list(st.session_state.keys()):
        if key not in KEPT and not str(key).startswith("url:"):
            del st.session_state[key]
    for param in list(st.query_params.keys()):
        if param not in SHARED_SETTINGS:
            del st.query_params[param]
    for param in SHARED_SETTINGS:  # so that the link's settings are not applied again
        st.session_state[f"url:{param}"] = st.query_params.get(param)


def follow_dataset() -> None:
    """When the dataset changes, the pages' model choices move to the same models of the new
    one (ae-2d -> fashion-mnist/ae-2d), or back to their defaults where it has no such model."""
    dataset = current_dataset()
    before = st.session_state.get("models_of", dataset)
    st.session_state.models_of = dataset
    if before == dataset:
        return
    old, usable = model_catalogue(before)[0], model_catalogue(dataset)[0]
    for key, value in list(st.session_state.items()):
        if isinstance(value, str) and value in old:
            moved = qualified(dataset, short_name(value))
            if moved in usable:
                st.session_state[key] = moved
            else:
                del st.session_state[key]
