"""The latent map as a browser component: the codes drawn on a canvas, the decoder run under the
pointer in JavaScript (components/latent_map/decoder.js), and a click or tap returned to Python.

A prototype, measured but not yet used by the pages: wiring it in (beside or instead of the
Plotly map) is the rest of the work on decoding under the pointer."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st

from explorer.web_models import encode_array

FOLDER = Path(__file__).resolve().parent / "components" / "latent_map"
DECODER_IMPORT = re.compile(r"^import \{[^}]*\} from '\./decoder\.js';\n", re.MULTILINE)


def bundled_js() -> str:
    """map.js with decoder.js in front of it, as one module: Streamlit imports inline JS from a
    blob: URL, where map.js's relative import of decoder.js cannot resolve."""
    main, found = DECODER_IMPORT.subn("", (FOLDER / "map.js").read_text())
    if found != 1:
        raise RuntimeError("map.js should import decoder.js in one import line")
    return (FOLDER / "decoder.js").read_text() + main


LATENT_MAP = st.components.v2.component(
    "latent_explorer_latent_map",
    html=(FOLDER / "map.html").read_text(),
    css=(FOLDER / "map.css").read_text(),
    js=bundled_js(),
)


@dataclass(frozen=True)
class MapClick:
    """A click on the map: the code's row, or None for empty space, and the map position."""

    row: int | None
    x: float
    y: float
    click: int  # counts this session's clicks, so that the same spot clicked twice is news


def map_data(
    points_xy: np.ndarray,
    labels: np.ndarray,
    decoder: dict,
    *,
    colors: Sequence[str],
    names: Sequence[str],
    axis_titles: tuple[str, str],
    plane: tuple[np.ndarray, np.ndarray] | None = None,
    words: dict[str, str] | None = None,
    file_name: str = "latent-map.png",
    height: int = 560,
) -> dict:
    """What the component draws, as JSON: sent once per session while it stays the same.

    points_xy: (N, 2) map positions; labels: (N,) in 0..9; decoder: web_models.decoder_payload.
    plane: (origin (latent_dim,), axes (2, latent_dim)), so that position (x, y) decodes
    origin + x * axes[0] + y * axes[1] (a PCA view); None where the map is the latent space.
    """
    if plane is None and decoder["latent_dim"] != 2:
        raise ValueError("a map of a model with more than 2 latent dimensions needs a plane")
    return {
        "points": encode_array(points_xy, "float32"),
        "labels": encode_array(labels, "uint8"),
        "decoder": decoder,
        "plane": None
        if plane is None
        else {"origin": plane[0].tolist(), "axes": np.asarray(plane[1]).tolist()},
        "colors": list(colors),
        "names": list(names),
        "axis_titles": list(axis_titles),
        "words": {"download": "PNG", **(words or {})},
        "file_name": file_name,
        "height": height,
    }


def latent_map_component(data: dict, *, key: str) -> MapClick | None:
    """Draw the map from map_data(...); return the latest click, or None before the first."""
    result = LATENT_MAP(key=key, data=data, default={"pick": None}, on_pick_change=lambda: None)
    pick = result.pick
    if not pick:
        return None
    row = pick.get("row")
    return MapClick(
        row=None if row is None else int(row),
        x=float(pick["x"]),
        y=float(pick["y"]),
        click=int(pick["click"]),
    )
