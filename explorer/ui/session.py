"""What every page reads of the browser session: its language, dataset, colours, presentation
mode and id."""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explorer.data import MNIST
from explorer.plotting import ACCESSIBLE, TABLEAU, ClassStyle


def current_dataset() -> str:
    """The dataset chosen in the sidebar: "mnist" or "fashion-mnist"."""
    return st.session_state.get("dataset", MNIST.name)


def current_language() -> str:
    """The language chosen in the sidebar: "en", "ko", or another locale's."""
    return st.session_state.get("language", "en")


def class_style() -> ClassStyle:
    """The classes' colours and markers: colour-blind-safe ones with a shape each, if chosen."""
    return ACCESSIBLE if st.session_state.get("accessible_colours") else TABLEAU


def presenting() -> bool:
    """Presentation mode (the sidebar's switch, or ?present=on): for a projector, pictures and
    figure text are larger and explanations fold away under the figures' headings."""
    return bool(st.session_state.get("presenting", False))


def session_id() -> str:
    """This browser session's id (to tell a session whether a training is its own)."""
    context = get_script_run_ctx()
    return context.session_id if context else ""
