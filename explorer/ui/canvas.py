"""The Draw page's drawing area: a components.v2 component from components/canvas/."""

from pathlib import Path

import streamlit as st

from explorer.ui.words import t

FILES = Path(__file__).parent / "components" / "canvas"
CANVAS = st.components.v2.component(
    "latent_explorer_canvas",
    html=(FILES / "canvas.html").read_text(),
    css=(FILES / "canvas.css").read_text(),
    js=(FILES / "canvas.js").read_text(),
)


def drawing_canvas_ui(key: str = "canvas") -> str:
    """A 280 x 280 drawing area; returns the drawing as a PNG data URL ("" while empty)."""
    # The Clear button's label, as UTF-8 bytes: given a str or a dict, Streamlit imports pandas
    # to look for a dataframe in it (pointer.py's json_bytes).
    label = t("draw.clear").encode()
    result = CANVAS(key=key, data=label, default={"image": ""}, on_image_change=lambda: None)
    return result.image or ""
