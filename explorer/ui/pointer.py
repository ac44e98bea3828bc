"""Decoding under the pointer, in the browser (components/pointer/): a model's decoder and the
classifier sent to the page once, and a layer over a Plotly map that decodes where the pointer
is, marks the chosen point, and returns a click or tap as the pick."""

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import streamlit as st

from explorer.data import MNIST
from explorer.latents import sigma_of
from explorer.ui.catalogue import (
    autoencoder_names,
    cached_map_data,
    cached_model,
    classifier_fingerprint,
    classifier_name,
    test_images,
    version,
)
from explorer.ui.catalogue import warm_up as read_catalogue
from explorer.ui.lessons import original_readings, reconstruction_readings
from explorer.ui.session import class_style
from explorer.ui.words import class_names, t, template
from explorer.web_models import (
    classifier_payload,
    decoder_payload,
    encode_array,
    map_book_payload,
    originals_payload,
    pack,
)

FOLDER = Path(__file__).resolve().parent / "components" / "pointer"
LOCAL_IMPORT = re.compile(r"^import \{[^}]*\} from '\./([\w-]+\.js)';\n", re.MULTILINE)


def bundled_js(main: str) -> str:
    """A component's .js file with the files it imports (decoder.js, page.js), and the files
    they import (simd.js), in front of it, each once and before its importers, as one module:
    Streamlit imports inline JS from a blob: URL, where a relative import cannot resolve."""
    order: list[str] = []

    def visit(name: str) -> None:
        for imported in LOCAL_IMPORT.findall((FOLDER / name).read_text()):
            if imported not in order:
                visit(imported)
        order.append(name)

    visit(main)
    bundle = "".join(LOCAL_IMPORT.sub("", (FOLDER / name).read_text()) for name in order)
    return lean(bundle)


def lean(script: str) -> str:
    """A script without its comment lines and blank lines: Streamlit sends a component's script
    with each of its elements, and the comments (a third of it) are for the source's readers.
    The files hold no multi-line strings a line of which could start with "//"."""
    return "".join(
        line for line in script.splitlines(keepends=True)
        if line.strip() and not line.lstrip().startswith("//")
    )  # fmt: skip


def json_bytes(data: dict) -> bytes:
    """A component's data as JSON bytes (page.js's readJson): Streamlit looks for a dataframe
    in each value of a dict it is given, which imports pandas on the first run (0.3 s before
    the map's first render) and costs time on every rerun; bytes it passes on as they are."""
    return json.dumps(data).encode()


# A model's weights: bytes, the same from rerun to rerun, so Streamlit sends them once.
MODEL = st.components.v2.component("latent_explorer_model", js=bundled_js("model.js"))
POINTER = st.components.v2.component(
    "latent_explorer_pointer",
    html=(FOLDER / "pointer.html").read_text(),
    css=(FOLDER / "pointer.css").read_text(),
    js=bundled_js("pointer.js"),
    isolate_styles=False,  # its lens and marks live beside the Plotly chart, outside its box
)
MARKS = st.components.v2.component("latent_explorer_marks", js=bundled_js("marks.js"))
# The marks with the chosen point's panel beside the map, in one element: what a click changes.
PANEL = st.components.v2.component(
    "latent_explorer_panel",
    html=(FOLDER / "panel.html").read_text(),
    css=(FOLDER / "panel.css").read_text(),
    js=bundled_js("panel.js"),
    isolate_styles=False,  # Streamlit's fonts, and the app's Korean and presentation styles
)
# The reparameterization trick for the Latent Map's chosen test image, drawn by the browser.
REPARAM = st.components.v2.component(
    "latent_explorer_reparam",
    css=(FOLDER / "reparam.css").read_text(),
    js=bundled_js("reparam.js"),
    isolate_styles=False,  # Streamlit's fonts, and the app's Korean and presentation styles
)
# A map's points, put into its chart by the browser (points_ui), and other content so put in.
POINTS = st.components.v2.component("latent_explorer_points", js=bundled_js("points.js"))
CONTENT = st.components.v2.component("latent_explorer_content", js=bundled_js("content.js"))
# An image chart shrunk to its image's height where it is narrow (fit_image_ui).
FIT = st.components.v2.component("latent_explorer_fit", js=bundled_js("fit.js"))
MORPH = st.components.v2.component(
    "latent_explorer_morph",
    html=(FOLDER / "morph.html").read_text(),
    css=(FOLDER / "morph.css").read_text(),
    js=bundled_js("morph.js"),
)


@dataclass(frozen=True)
class Marks:
    """What the pointer layer draws over the map, in the map's coordinates."""

    ring: tuple[float, float] | None = None  # the chosen point
    lines: list[np.ndarray] = field(default_factory=list)  # (K, 2) polylines: ellipses, paths
    labels: list[tuple[float, float, str]] = field(default_factory=list)  # (x, y, "A")
    star: tuple[float, float] | None = None  # a drawing's code

    def as_json(self) -> dict:
        return {
            "ring": None if self.ring is None else [float(v) for v in self.ring],
            "star": None if self.star is None else [float(v) for v in self.star],
            "lines": [{"x": line[:, 0].tolist(), "y": line[:, 1].tolist()} for line in self.lines],
            "labels": [{"x": float(x), "y": float(y), "text": text} for x, y, text in self.labels],
        }


@dataclass(frozen=True)
class Pick:
    """A click or tap on the map: a test image's row (None for empty space), its position."""

    row: int | None
    x: float
    y: float


def decodes_in_browser() -> bool:
    """False where the reader asked for decoding on the server (?decode=server), or where the
    browser could not run the pointer layer: clicks then go through Plotly's selection."""
    return st.session_state.get("decoding", "browser") == "browser"


def model_key(name: str, projection: str, nearest: bool) -> str:
    return f"{name}|{projection}{'|codes' if nearest else ''}|{version(name)[0]}"


def mode_of(view, nearest: bool) -> str:
    """How the layer decodes under the pointer: on the view's plane ("plane": a 2-D model's
    own, or PCA's), or the test code nearest to it ("nearest": UMAP, or where asked)."""
    return "nearest" if nearest or view.projection == "umap" else "plane"


def classifier_key() -> str:
    name = classifier_name()
    return f"{name}|{version(name)[0]}"


@st.cache_resource(show_spinner=False, max_entries=32)
def packed_model(key: str, name: str, _plane: tuple | None, _codes: np.ndarray | None) -> bytes:
    """The decoder of `name` (int8 weights: half float16's 0.8 MB, so that a model switch
    stays under 1 MB; its pictures differ from torch's by 0.001 to 0.002 a pixel on average,
    and the classifier reads 99.7% of them alike: tests/test_web_models.py), with the PCA
    plane it decodes on or the codes it decodes nearest to the pointer: what the browser
    needs to decode under it. The key names the model, its view and its checkpoint's version."""
    payload = {"key": key, "decoder": decoder_payload(cached_model(name), "int8")}
    if _plane is not None:
        payload["plane"] = {"origin": _plane[0], "axes": _plane[1]}
    if _codes is not None:
        payload["codes"] = encode_array(_codes, "float16")
    return pack(payload)


@st.cache_resource(show_spinner=False, max_entries=4)
def packed_classifier(key: str, name: str) -> bytes:
    return pack({"key": key, "classifier": classifier_payload(cached_model(name))})


def send_model_ui(view, key: str, nearest: bool = False) -> None:
    """Send a map view's decoder to the page (once: the same bytes on a rerun are not sent
    again). nearest: with the test codes, to decode the one nearest the pointer."""
    plane = codes = None
    if view.projection == "pca":
        plane = (view.pca.mean.tolist(), view.pca.components.tolist())
    if mode_of(view, nearest) == "nearest":
        codes = view.map_data["codes"]
    packed = packed_model(model_key(view.name, view.projection, nearest), view.name, plane, codes)
    MODEL(key=f"model-{key}", data=packed)


def send_classifier_ui(place: str) -> None:
    """Send the dataset's classifier to the page, once a page: `place` names where, and stays
    the same when the model changes, so that Streamlit does not send the same bytes again."""
    MODEL(key=f"classifier-{place}", data=packed_classifier(classifier_key(), classifier_name()))


def book_key(name: str) -> str:
    return f"{name}|book|{version(name)[0]}"


@functools.lru_cache(maxsize=16)  # not st.cache_resource: the warm-up has no script run
def packed_book(key: str, name: str) -> bytes:
    """A model's map book (web_models.map_book_payload): what panel.js answers a click with."""
    map_data = cached_map_data(name)
    logvar = map_data.get("logvar")
    sigma = None if logvar is None else sigma_of(logvar)
    classes, confidences = reconstruction_readings(name)
    codes = map_data["codes"]
    # A 2-D model's map shows its codes themselves: the page has them as its points.
    book = map_book_payload(map_data["labels"], codes, sigma, classes, confidences,
                            with_codes=codes.shape[1] > 2)  # fmt: skip
    return pack({"key": key, "book": book})


def originals_key(dataset: str) -> str:
    return f"originals|{dataset}|{classifier_fingerprint(dataset)}"


ORIGINALS: dict[str, bytes] = {}  # originals_key -> packed_originals's bytes, made once


def packed_originals(key: str, dataset: str, images: np.ndarray) -> bytes:
    """A dataset's test images as one PNG, with the classifier's reading of each: made once a
    key (by the warm-up, or a first page), sent once a page, whatever the model. Not
    st.cache_resource: the warm-up's thread has no script run for it."""
    if key not in ORIGINALS:
        classes, confidences = original_readings(dataset, autoencoder_names(dataset), images)
        ORIGINALS[key] = pack(
            {"key": key, "originals": originals_payload(images, classes, confidences)}
        )
    return ORIGINALS[key]


def send_book_ui(name: str, place: str) -> None:
    """Send a model's map book to the page (`place` names where: once a page)."""
    MODEL(key=f"book-{place}", data=packed_book(book_key(name), name))


def warm_up(dataset: str = MNIST.name) -> None:
    """What the server does as it starts (app.py): read the dataset's catalogue and test images
    (catalogue.warm_up), then pack what a Latent Map sends the browser besides: its first
    model's map book, and the test images as one PNG (0.2 s of a first click's run otherwise)."""
    images = read_catalogue(dataset)
    names = autoencoder_names(dataset)
    if names:
        packed_book(book_key(names[0]), names[0])
    if images is not None:
        packed_originals(originals_key(dataset), dataset, images)


def send_test_images_ui(dataset: str, place: str) -> None:
    """Send a dataset's test images to the page, where they can be read (panel.js draws each
    original from them): once a page (`place` names where; the same key and bytes whatever the
    model)."""
    images = test_images()
    if images is not None:
        originals = packed_originals(originals_key(dataset), dataset, images)
        MODEL(key=f"originals-{place}", data=originals)


def send_decoder_ui(name: str, key: str) -> str:
    """Send a model's decoder alone to the page; returns its key there."""
    model = model_key(name, "decoder", nearest=False)
    MODEL(key=f"model-{key}", data=packed_model(model, name, None, None))
    return model


@dataclass(frozen=True)
class MorphPath:
    """One model's straight path for the alpha slider: its ends' codes, and the path as its
    figure (the chart with Streamlit key `chart`) draws it, in evenly spaced steps, with the
    classifier's reading of each step (drawn in that class's colour)."""

    name: str
    title: str
    z_a: np.ndarray  # (latent_dim,)
    z_b: np.ndarray  # (latent_dim,)
    chart: str
    path: np.ndarray  # (steps, 2)
    digits: list[int]


def morph_ui(paths: list[MorphPath], key: str, start: float = 0.5) -> None:
    """A slider over alpha that decodes z = (1 - alpha) z_A + alpha z_B in each model as it
    moves, in the browser, and draws each path on its figure with a star at alpha that
    follows the slider: no server round trip."""
    colors = class_style().colors
    models = [
        {
            "key": send_decoder_ui(path.name, f"{key}-{path.name}"),
            "title": path.title,
            "a": path.z_a.tolist(),
            "b": path.z_b.tolist(),
            "chart": path.chart,
            "path": path.path.tolist(),
            "digits": path.digits,
            "colors": [colors[d] for d in path.digits],
        }
        for path in paths
    ]
    words = {"slider": t("interp.alpha"), "alpha": template("interp.alpha.value"),
             "reading": template("pointer.reading")}  # fmt: skip
    data = {"models": models, "classifier": classifier_key(), "names": class_names(),
            "words": words, "start": start}  # fmt: skip
    MORPH(key=key, data=json_bytes(data))
    send_classifier_ui(key)


def pointer_key(chart_key: str) -> str:
    """The Streamlit key of the pointer layer over the chart with key `chart_key`; its marks'
    is marks_key's, and the last pick handled is kept under seen_key's."""
    return f"pointer-{chart_key}"


def marks_key(chart_key: str) -> str:
    return f"{pointer_key(chart_key)}-marks"


def seen_key(chart_key: str) -> str:
    return f"{pointer_key(chart_key)}-seen"


def pointer_state(chart_key: str) -> Pick | None:
    """The newest pick on the pointer layer over chart `chart_key`, once: None when there was
    none, or when it is the one already handled. It comes as the state of the layer's marks
    (marks_ui), so that a click reruns what draws them; read it before they are drawn, so that
    they show it."""
    state = st.session_state.get(marks_key(chart_key)) or {}
    pick = state.get("pick") if hasattr(state, "get") else None
    seen = seen_key(chart_key)
    if not pick or pick.get("click") == st.session_state.get(seen):
        return None
    st.session_state[seen] = pick.get("click")
    row = pick.get("row")
    return Pick(None if row is None else int(row), float(pick["x"]), float(pick["y"]))


def pointer_ui(
    view, chart_key: str, marks: Marks, start: tuple, start_row: int, mode: str | None = None,
    group: str | None = None, clickable: bool = True, lens: bool = True,
    tiles: tuple[np.ndarray, np.ndarray] | None = None,
) -> None:  # fmt: skip
    """The pointer layer over the chart with Streamlit key `chart_key`, and its marks, in one
    place: see pointer_layer_ui and marks_ui."""
    pointer_layer_ui(view, chart_key, mode, group, clickable, lens, tiles)
    marks_ui(chart_key, marks, start, start_row)


def pointer_layer_ui(
    view, chart_key: str, mode: str | None = None, group: str | None = None,
    clickable: bool = True, lens: bool = True,
    tiles: tuple[np.ndarray, np.ndarray] | None = None,
) -> None:  # fmt: skip
    """The pointer layer over the chart with Streamlit key `chart_key`: decodes under the
    pointer with `view`'s model, in the browser; clicks come back through pointer_state(chart_key).
    mode "nearest" decodes the test code nearest the pointer (see mode_of); layers of one
    group show the same place: pointing at it in one chart decodes and marks it in all.
    clickable: whether a click is sent; lens: whether this chart shows the decode itself;
    tiles (xs, ys): the chart is an image of 28-pixel tiles, the one in column i and row j
    decoding map position (xs[i], ys[j]) (the manifold). Its data stays the same from click
    to click: draw it outside the fragment a click reruns, and marks_ui inside."""
    nearest = mode == "nearest"
    mode = mode_of(view, nearest)
    words = {
        "position": template(f"pointer.position.{view.projection}"),
        "nearest": template("pointer.nearest"),
        "reading": template("pointer.reading"),
    }
    layer = {
        "chart": chart_key,
        "model": model_key(view.name, view.projection, nearest),
        "group": group,
        "classifier": classifier_key(),
        "mode": mode,
        "words": words,
        "names": class_names(),
        "clickable": clickable,
        "lens": lens,
        "tiles": None
        if tiles is None
        else {"xs": tiles[0].tolist(), "ys": tiles[1].tolist(), "side": 28},
    }
    failed = POINTER(
        key=pointer_key(chart_key), data=json_bytes(layer), default={"failed": None},
        on_failed_change=lambda: None,
    ).failed  # fmt: skip
    if failed and decodes_in_browser():  # the browser could not run it: back to the server
        st.session_state.decoding = "server"
        st.session_state.decoding_failed = str(failed)[:200]
        st.rerun(scope="app")


def marks_ui(
    chart_key: str, marks: Marks, start: tuple, start_row: int, panel: dict | None = None
) -> None:
    """What the pointer layer marks over chart `chart_key`, and where its lens starts (start: a
    position; start_row: its test image's row, for UMAP); with `panel`, the chosen point's
    panel too (panel.js draws it). The picks on the layer come back as this element's state
    (pointer_state), so that a click reruns the fragment that draws it. "answered" names the
    click the marks answer, so the layer knows its click arrived."""
    where = {"chart": chart_key, "start": [float(v) for v in start], "start_row": int(start_row),
             "answered": st.session_state.get(seen_key(chart_key))}  # fmt: skip
    data = where | marks.as_json() | ({} if panel is None else {"panel": panel})
    (MARKS if panel is None else PANEL)(
        key=marks_key(chart_key), data=json_bytes(data), default={"pick": None},
        on_pick_change=lambda: None,
    )  # fmt: skip


def fit_image_ui(chart_key: str, height: int) -> None:
    """Let the image chart with Streamlit key `chart_key` (its figure `height` px tall, its y
    axis scale-anchored to x) shrink to its image's height where it is narrower than that
    height was chosen for, on a phone: fit.js."""
    FIT(key=f"fit-{chart_key}", data=json_bytes({"chart": chart_key, "height": height}))


def server_note() -> str:
    """Why this page decodes on the server: the link asked for it, or the browser failed."""
    failed = st.session_state.get("decoding_failed") or st.session_state.get("points_failed")
    return t("pointer.server.failed", error=failed) if failed else t("pointer.server")


def points_in_browser() -> bool:
    """False once a browser could not put a map's points into its chart (points_ui): the
    pages then draw whole figures."""
    return not st.session_state.get("points_failed")


def points_ui(
    chart_key: str, revision: str, xy: np.ndarray, labels: np.ndarray, titles: tuple[str, str],
    image_name: str,
) -> None:  # fmt: skip
    """Put a map's points (xy, one trace per label) and its axis titles into the chart with
    Streamlit key `chart_key`, in the browser (points.js). That chart is drawn from a figure
    without them, the same from model to model, so that it stays one chart with its WebGL
    contexts: Streamlit replaces a chart whose figure changes, a second's work and more where
    the browser draws WebGL in software. revision names the points (their model and view): new
    ones reset the zoom. image_name: the chart's PNG download's file name."""
    data = pack(
        {
            "chart": chart_key, "revision": revision, "titles": list(titles),
            "image": image_name, "traces": len(class_names()),
            "x": encode_array(xy[:, 0], "float32"), "y": encode_array(xy[:, 1], "float32"),
            "labels": encode_array(labels, "uint8"),
        }
    )  # fmt: skip
    filled_ui(POINTS, f"points-{chart_key}", data)


def chart_content_ui(
    chart_key: str, revision: str, traces: dict, layout: dict, indices: list[int],
    image_name: str,
) -> None:  # fmt: skip
    """Put content into the chart with Streamlit key `chart_key`, in the browser, as
    `Plotly.update(chart, traces, layout, indices)` (content.js): for a chart drawn from a
    figure that stays the same from model to model (see points_ui), such as the manifold's.
    revision names the content (its model)."""
    data = {"chart": chart_key, "revision": revision, "traces": traces, "layout": layout,
            "indices": indices, "image": image_name}  # fmt: skip
    filled_ui(CONTENT, f"content-{chart_key}", json_bytes(data))


def filled_ui(component, key: str, data: bytes) -> None:
    """A component that puts content into a chart; where the browser cannot, every page draws
    whole figures from then on."""
    failed = component(
        key=key, data=data, default={"failed": None},
        on_failed_change=lambda: None,
    ).failed  # fmt: skip
    if failed and points_in_browser():
        st.session_state.points_failed = str(failed)[:200]
        st.rerun(scope="app")
