"""The map pages' parts: the Latent Map (the map of the test codes, the chosen point's panel,
the reparameterization close-up, the manifold grid) and the Linked maps."""

import functools
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from torch import nn

from explorer.checkpoints import split_name
from explorer.export import map_csv, point_csv
from explorer.latents import (
    close_up_window,
    decode,
    pick_at,
    sample_posterior,
    sigma_ellipses,
    sigma_of,
)
from explorer.map_data import coords, pca_of, projections
from explorer.plotting import (
    bars_update,
    empty_map,
    latent_bars,
    latent_map,
    manifold_content,
    manifold_frame,
    manifold_update,
    posterior_figure,
    tile,
    with_confidence,
    with_star,
)
from explorer.projections import PCA
from explorer.questions import eps_answer, recon_answer
from explorer.scoring import agreement
from explorer.texts import with_article
from explorer.ui.catalogue import (
    cached_click_grid,
    cached_map_data,
    cached_model,
    code_name,
    models_where,
    short_name,
    test_images,
)
from explorer.ui.lessons import (
    cached_confidence_plane,
    cached_manifold,
    reconstruction_classes,
    score_images,
    score_test_image,
)
from explorer.ui.pointer import (
    REPARAM,
    Marks,
    Pick,
    book_key,
    chart_content_ui,
    classifier_key,
    decodes_in_browser,
    json_bytes,
    marks_ui,
    mode_of,
    model_key,
    originals_key,
    pointer_layer_ui,
    pointer_state,
    pointer_ui,
    points_in_browser,
    points_ui,
    seen_key,
    send_book_ui,
    send_classifier_ui,
    send_model_ui,
    send_test_images_ui,
    server_note,
)
from explorer.ui.predictions import answer_ui, answer_words, asked_ui
from explorer.ui.session import class_style, current_dataset
from explorer.ui.url import write_url
from explorer.ui.widgets import (
    chart_config,
    enlarged,
    explain,
    for_the_room,
    new_click,
    read_captions,
    show_chart,
    show_image_chart,
    show_images,
)
from explorer.ui.words import (
    axis_titles,
    class_column,
    class_names,
    describe_model,
    figure_words,
    file_name,
    inline_html,
    readings,
    t,
    template,
)
from explorer.web_models import encode_array

PAGE = "map"
MAP_CHART = "map"  # the browser map's Streamlit key, the same for every model and view
PICK_WAYS = ("exact", "pca plane", "nearest code")  # pick_at's ways from a position to a code
SMALL_SPREAD = 0.1  # draws of z this close to mu decode to pictures one cannot tell apart


@dataclass(frozen=True)
class MapView:
    """One model's map in one 2-D view."""

    name: str
    projection: str  # "latent", "pca" or "umap"
    model: nn.Module
    map_data: dict[str, np.ndarray]
    xy: np.ndarray  # (10000, 2): every test code's position in this view
    pca: PCA | None  # the view's projection, where it is PCA

    @property
    def latent_dim(self) -> int:
        return self.model.config.latent_dim

    @property
    def is_vae(self) -> bool:
        return self.model.config.kind == "vae"

    @property
    def chart_key(self) -> str:
        return f"map-{self.name}-{self.projection}"


@dataclass(frozen=True)
class ChosenPoint:
    """What the map's reader chose: a test image, or a position in empty space."""

    code: np.ndarray  # (latent_dim,): the code decoded
    row: int | None  # the test image's row, when the code is a test image's
    note: str  # how an empty-space position became a code ("" for a test image)
    position: np.ndarray  # (2,): where it lies on the map
    how: str = ""  # pick_at's name for that way ("" for a test image)

    def sigma(self, view: MapView) -> np.ndarray | None:
        """The VAE encoder's sigma for the chosen test image; None for an AE or a position."""
        if not view.is_vae or self.row is None:
            return None
        return sigma_of(view.map_data["logvar"][self.row])


def map_view(name: str, projection: str) -> MapView:
    map_data = cached_map_data(name)
    pca = pca_of(map_data) if projection == "pca" else None
    return MapView(
        name, projection, cached_model(name), map_data, coords(map_data, projection), pca
    )


def read_map_click(view: MapView) -> None:
    """Turn the chart's newest click (where Plotly's selection chooses: decoding on the server)
    into the page's pick; the empty-space nodes have customdata -1."""
    point = new_click(view.chart_key)
    if point is not None:
        row = point.get("customdata", -1)
        choose(view, Pick(int(row) if row >= 0 else None, point["x"], point["y"]))


def choose(view: MapView, pick: Pick) -> None:
    """Make a click the page's pick: a test image's row, or a position with the view it was
    chosen in."""
    if pick.row is not None:
        st.session_state.pick = {"row": pick.row}
    else:  # the test image chosen before stays the pick in other views and models
        where, row = (view.name, view.projection), st.session_state.get("pick", {}).get("row", 0)
        st.session_state.pick = {"xy": [pick.x, pick.y], "where": where, "row": row}


def chosen_point(view: MapView) -> ChosenPoint:
    """The pick in this view; a position chosen in another view falls back to the test image
    chosen before it."""
    pick = st.session_state.setdefault("pick", {"row": 0})  # never an empty panel
    if "xy" in pick and tuple(pick["where"]) == (view.name, view.projection):
        position = np.array(pick["xy"], dtype=np.float32)
        chosen = pick_at(view.map_data["codes"], view.xy, view.projection, position, view.pca)
        note = t(f"map.how.{chosen.how}", rest=view.latent_dim - 2)
        if chosen.row is not None:
            position = view.xy[chosen.row]
        return ChosenPoint(chosen.code, chosen.row, note, position, chosen.how)
    row = pick.get("row", 0)
    return ChosenPoint(view.map_data["codes"][row], row, "", view.xy[row])


def point_ellipses(view: MapView, point: ChosenPoint) -> list[np.ndarray]:
    """A VAE test code's 1- and 2-sigma contours in this view (none in UMAP: not linear)."""
    if not view.is_vae or point.row is None or view.projection == "umap":
        return []
    return sigma_ellipses(point.position, view.map_data["logvar"][point.row], view.pca)


def latent_map_ui(view: MapView) -> None:
    """The map and, beside it, the chosen point's panel: decoded under the pointer in the
    browser, or, where that cannot run, by the server on a click."""
    if decodes_in_browser() and points_in_browser():
        browser_map_ui(view)
    else:
        server_map_ui(view)
    if shows_holes(view):
        holes_ui(view)


RECON_CENSUS = 2000  # the first test images, reconstructed and read for the census


@st.cache_data(show_spinner=False, max_entries=64)
def cached_recon_share(name: str) -> float:
    """The share of the first test images whose reconstruction the classifier reads as their
    own class."""
    labels = cached_map_data(name)["labels"][:RECON_CENSUS]
    return agreement(reconstruction_classes(name, RECON_CENSUS), labels)


def recon_census_ui(view: MapView) -> None:
    """Predict, then reveal: how many of this model's reconstructions keep their class."""
    if not asked_ui("recon", f"-{view.name}", dims=view.latent_dim):
        return
    share = cached_recon_share(view.name)
    measured = t("ask.recon.measured", share=share, n=RECON_CENSUS, name=short_name(view.name))
    answer_ui("recon", recon_answer(share), measured, f"-{view.name}")


def shows_holes(view: MapView) -> bool:
    """Whether the learner asked for the holes layer (2-D models, in their own plane)."""
    return view.projection == "latent" and st.session_state.get("holes", False)


def map_frame(view: MapView) -> go.Figure:
    """The browser map's figure: its traces without their points, no axis titles, the same
    from model to model and view to view (points_ui puts those in), with the holes layer
    where it is on."""
    figure = empty_map(MAP_CHART, class_style(), figure_words(), class_names())
    if shows_holes(view):
        plane = cached_confidence_plane(view.name)
        figure = with_confidence(figure, plane.xs, plane.ys, plane.confidence, figure_words())
    return figure


def map_figure(view: MapView, clickable_space: bool, chosen_row: int | None = None,
               ellipses: list | None = None) -> go.Figure:  # fmt: skip
    figure = latent_map(
        view.xy, view.map_data["labels"], axis_titles(view.projection, code_name(view.name)),
        grid=cached_click_grid(view.name, view.projection) if clickable_space else None,
        chosen_row=chosen_row, ellipses=ellipses or [], revision=view.chart_key,
        style=class_style(), words=figure_words(), names=class_names(),
        selectable=clickable_space,  # where the server reads the clicks
    )  # fmt: skip
    if shows_holes(view):
        plane = cached_confidence_plane(view.name)
        figure = with_confidence(figure, plane.xs, plane.ys, plane.confidence, figure_words())
    return figure


def holes_ui(view: MapView) -> None:
    """What the holes layer shows, in numbers, for this model and one of the other kind."""
    other = "ae" if view.is_vae else "vae"
    names = [view.name, *models_where(other, 2)[:1]]
    planes = {name: cached_confidence_plane(name) for name in names}
    here = planes[view.name]
    st.markdown(
        t(
            "map.holes.text", share=here.share_confident, empty=here.share_empty,
            in_empty=here.share_confident_in_empty,
        )
    )  # fmt: skip
    st.dataframe(
        [
            {
                t("map.holes.model"): short_name(name),
                t("map.holes.confident"): f"{plane.share_confident:.0%}",
                t("map.holes.empty"): f"{plane.share_empty:.0%}",
                t("map.holes.confident_empty"): f"{plane.share_confident_in_empty:.0%}",
            }
            for name, plane in planes.items()
        ],
        hide_index=True,
    )


def map_download_ui(view: MapView) -> None:
    st.download_button(
        t("map.download.all"),
        data=lambda: map_csv(
            view.map_data, view.xy, view.projection, class_column(), class_names()
        ),
        file_name=file_name(f"latent-{view.chart_key}.csv"), mime="text/csv",
        on_click="ignore", help=t("map.download.all.help"),
    )  # fmt: skip


def points_revision(view: MapView) -> str:
    """What names a view's points in the browser (points_ui)."""
    return f"{view.name}|{view.projection}"


def points_where(view: MapView) -> dict:
    """Where panel.js and reparam.js find the map's points, by row (page.js's pointsOf)."""
    return {"chart": MAP_CHART, "revision": points_revision(view)}


def browser_map_ui(view: MapView) -> None:
    """The map is drawn once per view: the pointer layer decodes under the mouse or finger in
    the browser, marks the pick, and a click reruns only the panel beside it. The chart is one
    for every model and view (points_ui puts their points in), so a model switch redraws its
    points instead of making a new chart."""
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.plotly_chart(
            for_the_room(map_frame(view)), key=MAP_CHART, on_select="ignore",
            config=chart_config("latent-map", scrollZoom=True), theme=None,
        )  # fmt: skip
        points_ui(
            MAP_CHART, points_revision(view), view.xy, view.map_data["labels"],
            axis_titles(view.projection, code_name(view.name)),
            file_name(f"latent-{view.chart_key}"),
        )  # fmt: skip
        explain(t("pointer.how"), caption=True)  # folded when presenting
        send_model_ui(view, MAP_CHART)
        send_classifier_ui("map")
        send_book_ui(view.name, "map")
        pointer_layer_ui(view, MAP_CHART, group=manifold_group(view.name))
        map_download_ui(view)
    with right:
        browser_panel_ui(view)


@st.fragment
def browser_panel_ui(view: MapView) -> None:
    """The marks on the map and the chosen point's panel, one element (panel.js, which draws
    the panel from the model's map book in the page), the code's bars, and for a VAE the
    reparameterization (reparam.js). The browser draws all that changes with a pick, so a click
    is answered there and not sent: Python hears of the pick when the learner next turns to
    something else on the page, and reruns this fragment then."""
    pick = pointer_state(MAP_CHART)
    if pick is not None:
        choose(view, pick)
    point = chosen_point(view)
    write_url_of(view, point)
    ellipses = point_ellipses(view, point)
    on_map = bool(ellipses) and st.session_state.get("ellipses_on_map", False)
    marks = Marks(ring=tuple(point.position), lines=ellipses if on_map else [])
    start_row = 0 if point.row is None else point.row
    panel = browser_panel_spec(view, point) | {"ellipses_on_map": on_map}
    marks_ui(MAP_CHART, marks, point.position, start_row, panel)
    if panel["originals"]:
        send_test_images_ui(split_name(view.name)[0], "map")
    latent_bars_ui(view, point, by_panel=True)
    if view.is_vae:
        browser_reparameterization_ui(view)


def browser_panel_spec(view: MapView, point: ChosenPoint) -> dict:
    """The chosen point's panel as panel.js draws it: the pick, where the model's map book and
    test images are in the page (send_book_ui, send_test_images_ui), and the words round them.
    panel.js draws a click's panel from the same (local: it does not send the click). The
    test images (1.75 MB) come with the first click the page sends, so that a first visit
    need not wait for them, nor a learner who never clicks get them; until then the chosen
    test image's original comes in the panel's data ("original")."""
    names, dims = class_names(), view.latent_dim
    dataset = split_name(view.name)[0]
    images = test_images()
    clicked = st.session_state.get(seen_key(MAP_CHART)) is not None  # a click has come
    words = {
        "test_image": template("map.test_image"), "empty": t("map.empty"),
        "original": t("caption.original"), "reconstruction": t("caption.reconstruction"),
        "decoded": t("caption.decoded"), "reads": template("caption.reads"),
        "how": template("map.how"),
        "hows": {how: t(f"map.how.{how}", rest=dims - 2) for how in PICK_WAYS},
        "no_originals": t("map.no_originals"), "guess": inline_html(t("map.guess", dims=dims)),
        "vector": inline_html(template("map.vector.2d" if dims == 2 else "map.vector")),
        "download": t("map.download.point"), "sigma": inline_html(template("map.sigma")),
    }  # fmt: skip
    return {
        "pick": {"row": point.row, "x": float(point.position[0]),
                 "y": float(point.position[1]), "how": point.how},  # fmt: skip
        "local": images is None or clicked,  # with the test images in the page
        "book": book_key(view.name),
        "points": points_where(view),  # a 2-D model's codes, and UMAP's nearest
        "originals": originals_key(dataset) if images is not None and clicked else None,
        "original": None if images is None else original_of(view, point.row, images),
        "model": model_key(view.name, view.projection, False),
        "classifier": classifier_key(),
        "mode": mode_of(view, False),
        "how_here": PICK_WAYS[("latent", "pca", "umap").index(view.projection)],  # empty space
        "name": view.name, "file": file_name(view.name), "z": code_name(view.name),
        "dims": dims, "names": names, "articled": {name: with_article(name) for name in names},
        "class_column": class_column(), "words": words, "scale": enlarged(4),
        "bars": BARS_CHART if dims > 2 else None, "bars_image": file_name(f"latent-{view.name}"),
    }  # fmt: skip


def write_url_of(view: MapView, point: ChosenPoint) -> None:
    shared = {"model": view.name}
    if view.projection != "latent":
        shared["view"] = view.projection
    write_url(PAGE, shared | ({"point": point.row} if point.row is not None else {}))


@st.fragment
def server_map_ui(view: MapView) -> None:
    """The map and the panel in one fragment, for a browser that cannot decode: Plotly's
    selection sends each click to the server, which decodes it."""
    read_map_click(view)
    point = chosen_point(view)
    write_url_of(view, point)
    ellipses = point_ellipses(view, point)
    on_map = bool(ellipses) and st.session_state.get("ellipses_on_map", False)
    # The figure changes only with the chart, or with ellipses on it: then the browser keeps
    # the chart and marks each click itself, instead of redrawing 10,000 points per click.
    if st.session_state.get("drawn_chart") != view.chart_key or on_map:
        st.session_state.drawn_chart, st.session_state.drawn_row = view.chart_key, point.row
    figure = map_figure(view, True, st.session_state.drawn_row, ellipses if on_map else [])
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.plotly_chart(
            for_the_room(figure), key=view.chart_key, on_select="rerun", selection_mode="points",
            config=chart_config(f"latent-{view.chart_key}", scrollZoom=True), theme=None,
        )  # fmt: skip
        st.caption(server_note())
        map_download_ui(view)
    with right:
        selection_panel_ui(view, point)
        if view.is_vae and point.row is not None:
            reparameterization_ui(view, point, ellipses)


@dataclass(frozen=True)
class Panel:
    """The chosen point's panel, as Streamlit draws it where the server decodes (selection_
    panel_ui); components/pointer/panel.js draws the same in the browser."""

    heading: str
    images: np.ndarray  # (K, 28, 28) in [0, 1]: the original, where there is one, and the decode
    captions: list[str]  # each image's, with the classifier's reading of it
    note: str  # how an empty-space position was decoded ("" for a test image)
    missing: str  # why the original is not shown ("" where it is)
    texts: list[str]  # Markdown, under the pictures: what the reading means, the code
    csv_name: str
    csv: str  # the point, for its download


def panel_of(view: MapView, point: ChosenPoint) -> Panel:
    """The chosen point's original (where the test set can be read) and decode, each read by
    the classifier, and its code."""
    labels, names = view.map_data["labels"], class_names()
    originals = test_images()
    images, whats, missing = [], [], ""
    if point.row is not None:
        heading = t("map.test_image", row=point.row, digit=names[labels[point.row]])
        if originals is not None:
            images.append(originals[point.row] / np.float32(255))
            whats.append(t("caption.original"))
        else:
            missing = t("map.no_originals")
        whats.append(t("caption.reconstruction"))
    else:
        heading = t("map.empty")
        whats.append(t("caption.decoded"))
    images.append(decode(view.model, point.code[None])[0])
    if point.row is None:
        read = readings(score_images(np.stack(images), current_dataset()))
    else:
        read = readings(score_test_image(view.name, point.row, np.stack(images)))
    captions = read_captions(whats, read)
    code, sigma = point.code, point.sigma(view)
    if view.latent_dim == 2:
        vector = t("map.vector.2d", z=code_name(view.name), x=code[0], y=code[1])
    else:
        vector = t("map.vector", z=code_name(view.name), dims=view.latent_dim)
    texts = [t("map.guess", dims=view.latent_dim), vector]
    if sigma is not None:
        texts.append(t("map.sigma", sigma=shown_sigma(sigma)))
    decoded_as, confidence = read[-1]
    label = "" if point.row is None else names[labels[point.row]]
    fields = {"model": view.name, "row": "" if point.row is None else point.row}
    fields |= {class_column(): label, "decoded_as": decoded_as, "confidence": round(confidence, 4)}
    stem = "point" if point.row is None else f"test-{point.row}"
    return Panel(
        heading, np.stack(images), captions, t("map.how", how=point.note) if point.note else "",
        missing, texts,
        file_name(f"{view.name}-{stem}.csv"), point_csv(fields, code, sigma),
    )  # fmt: skip


def shown_sigma(sigma: np.ndarray) -> str:
    """A code's sigma as the panel shows it: the first four, to two decimals (panel.js too)."""
    return ", ".join(f"{s:.2f}" for s in sigma[:4]) + (" …" if len(sigma) > 4 else "")


def selection_panel_ui(view: MapView, point: ChosenPoint) -> None:
    """The chosen point's panel, drawn by Streamlit (where the server decodes)."""
    panel = panel_of(view, point)
    st.subheader(panel.heading)
    show_images(panel.images, panel.captions)
    if panel.note:
        st.info(panel.note)
    if panel.missing:
        st.caption(panel.missing)
    for text in panel.texts:
        st.markdown(text)
    st.download_button(t("map.download.point"), data=panel.csv, file_name=panel.csv_name,
                       mime="text/csv", on_click="ignore")  # fmt: skip
    latent_bars_ui(view, point)


BARS_CHART = "latent-bars"  # one chart for every code of a size: the browser puts each in


@functools.lru_cache(maxsize=8)
def bars_frame(dims: int, words: tuple) -> go.Figure:
    """The bars' figure for the browser to put a code in: zeros, with error bars."""
    return latent_bars(np.zeros(dims), np.zeros(dims), dict(words))


def original_of(view: MapView, row: int | None, images: np.ndarray) -> dict | None:
    """A test image's original for panel.js (grey levels, base64) with the classifier's
    reading of it; None for an empty place."""
    if row is None:
        return None
    image = images[row] / np.float32(255)
    # The stored readings of the original and its reconstruction, or, where there are none,
    # the original's read twice: the first is the original's either way.
    graded = score_test_image(view.name, row, np.stack([image, image]))
    label, confidence = int(graded.classes[0]), float(graded.confidences[0])
    pixels = encode_array(images[row], "uint8")
    return {"row": row, "pixels": pixels, "label": label, "confidence": confidence}


def latent_bars_ui(view: MapView, point: ChosenPoint, by_panel: bool = False) -> None:
    """A code of more than two numbers, as bars (with the VAE's sigma on each); by_panel: the
    browser's panel (panel.js) puts each chosen code in."""
    if view.latent_dim == 2:
        return
    sigma = point.sigma(view)
    if by_panel or points_in_browser():  # a click or a model switch redraws bars, not a chart
        show_chart(bars_frame(view.latent_dim, tuple(figure_words().items())), BARS_CHART)
        if not by_panel:
            revision = f"{view.name}|{point.code.tobytes().hex()}"
            bars = bars_update(point.code, sigma)
            chart_content_ui(BARS_CHART, revision, bars, {}, [0], file_name(f"latent-{view.name}"))
    else:
        show_chart(latent_bars(point.code, sigma, figure_words()), f"latent-{view.name}")
    if sigma is not None or (by_panel and view.is_vae):  # a VAE's whiskers
        st.caption(t("map.bars"))


@functools.lru_cache(maxsize=16)
def close_up_layout(titles: tuple[str, str], words: tuple) -> dict:
    """The layout of posterior_figure's close-up, the same from pick to pick (building the
    figure took 10 to 20 ms of each run)."""
    empty = np.zeros((0, 2))
    frame = posterior_figure(np.zeros(2), [], empty, empty, np.zeros(0, int), titles,
                             words=dict(words))  # fmt: skip
    return frame.to_plotly_json()["layout"]


def close_up_config(name: str) -> dict:
    """The close-up's toolbar as the map's (chart_config), less what it needs no more than the
    map: selections, and Plotly's "Share chart", which would send the data to Chart Studio."""
    remove = ["sendChartToCloud", "select2d", "lasso2d"]
    return chart_config(f"close-up-{name}", modeBarButtonsToRemove=remove)


def browser_reparameterization_ui(view: MapView) -> None:
    """z = mu + sigma * eps for the chosen VAE test image, drawn by the browser for each pick
    (reparam.js: eight draws decoded and how far they stray, the answer to the learner's guess,
    a close-up of mu, its ellipses and the draws among the nearby test codes). The section is
    there for every pick, and the panel (panel.js) hides it for an empty place."""
    common = {"chart": MAP_CHART, "book": book_key(view.name),
              "points": points_where(view),
              "model": model_key(view.name, view.projection, False)}  # fmt: skip
    with st.container(key="reparam"):  # hidden by panel.js for an empty place
        st.markdown(t("map.trick"))
        explain(t("map.trick.text"))
        if not asked_ui("eps"):  # predict, then reveal: will the draws look different?
            return
        close_up = t("map.close_up")
        if view.pca is not None:
            close_up += t("map.close_up.pca", rest=view.latent_dim - 2)
        answer = answer_words("eps")
        guess = answer.pop("guess")
        words = answer | {
            "draws": t("map.draws"), "small": template("map.draws.small"),
            "spread": template("map.draws.spread"), "resample": t("map.resample"),
            "measured": template("ask.eps.measured"), "umap": t("map.umap_no_ellipse"),
            "close_up": close_up,
        }  # fmt: skip
        titles, figure = axis_titles(view.projection, code_name(view.name)), figure_words()
        layout = close_up_layout(titles, tuple(figure.items()))
        style = class_style()
        draws = {
            "words": words, "guess": guess,
            "small": SMALL_SPREAD, "scale": enlarged(3), "seed": 0,
            "projection": view.projection, "names": class_names(),
            "style": {"colors": list(style.colors), "symbols": list(style.symbols)},
            "figure": {key: figure[key] for key in ("test_digits", "sigma", "draws", "mu")},
            "layout": for_the_room({"layout": layout})["layout"],
            "config": close_up_config(view.name),
        }  # fmt: skip
        REPARAM(key="reparam-draws", data=json_bytes(common | draws))
        if view.projection != "umap":
            st.toggle(t("map.ellipses_toggle"), key="ellipses_on_map",
                      help=t("map.ellipses_toggle.help"))  # fmt: skip


def reparameterization_ui(view: MapView, point: ChosenPoint, ellipses: list) -> None:
    """z = mu + sigma * eps for the chosen VAE code: eight draws decoded, and a close-up of
    mu, its ellipses and the draws among the nearby test codes."""
    mu, logvar = point.code, view.map_data["logvar"][point.row]
    st.markdown(t("map.trick"))
    explain(t("map.trick.text"))
    if not asked_ui("eps"):  # predict, then reveal: will the draws look different?
        return
    st.session_state.setdefault("eps_seed", 0)
    z = sample_posterior(mu, logvar, 8, st.session_state.eps_seed)
    st.image(tile(decode(view.model, z), columns=4, scale=enlarged(3)), caption=t("map.draws"),
             clamp=True, output_format="PNG")  # fmt: skip
    spread = float(np.abs(z - mu).max())  # how far the draws stray from mu, in any dimension
    small = spread < SMALL_SPREAD
    st.caption(t("map.draws.small" if small else "map.draws.spread", spread=spread))
    st.button(t("map.resample"), on_click=resample_eps)
    answer_ui("eps", eps_answer(spread, SMALL_SPREAD), t("ask.eps.measured", spread=spread))
    if not ellipses:
        st.caption(t("map.umap_no_ellipse"))
        return
    near = close_up_window(ellipses, view.xy)
    labels = view.map_data["labels"]
    show_chart(
        posterior_figure(
            point.position, ellipses, z if view.pca is None else view.pca.transform(z),
            view.xy[near], labels[near], axis_titles(view.projection, code_name(view.name)),
            class_style(), figure_words(), class_names(),
        ),
        f"close-up-{view.name}",
    )  # fmt: skip
    rest = view.latent_dim - 2
    st.caption(t("map.close_up") + (t("map.close_up.pca", rest=rest) if view.pca else ""))
    st.toggle(t("map.ellipses_toggle"), key="ellipses_on_map", help=t("map.ellipses_toggle.help"))


def resample_eps() -> None:
    st.session_state.eps_seed += 1


def drawing_on_map_ui(view: MapView, position: np.ndarray, ellipses: list[np.ndarray]) -> None:
    """The map with a drawing's code as a star (and a VAE's ellipses round it); in the
    browser, the pointer decodes the map under it, and its points go in as the Latent Map's
    do (points_chart: on a phone its legend under the plot, not beside it)."""
    key = f"draw-{view.chart_key}"
    if not decodes_in_browser():
        config = chart_config(key, modeBarButtons=[["toImage"]])
        figure = map_figure(view, clickable_space=False, ellipses=ellipses)
        st.plotly_chart(for_the_room(with_star(figure, position, t("draw.star"))), key=key,
                        config=config, theme=None)  # fmt: skip
        return
    points_chart(view, key, key)
    send_model_ui(view, key)
    send_classifier_ui("draw")
    marks = Marks(star=tuple(position), lines=ellipses)
    pointer_ui(view, key, marks, start=position, start_row=0, clickable=False)


def manifold_group(name: str) -> str:
    """The pointer group of a 2-D model's map and manifold: a tile pointed at is marked on the
    map, and decoded in its lens."""
    return f"manifold-{name}"


MANIFOLD_CHART = "manifold"  # one chart for every 2-D model: the browser puts each grid in
MANIFOLD_FRAME = manifold_frame(15)


def manifold_ui(name: str) -> None:
    """A 2-D model's decoded grid over its latent plane, beside what it shows."""
    st.subheader(t("map.manifold"))
    canvas, xs, ys = cached_manifold(name, 15)
    content = manifold_content(canvas, xs, ys, axis_titles("latent", code_name(name)))
    left, right = st.columns([3, 2], gap="large")
    with left:
        if points_in_browser():  # a model switch then redraws the grid, not a new chart
            show_image_chart(MANIFOLD_FRAME, MANIFOLD_CHART)
            grid, labels = manifold_update(content)
            download = file_name(f"manifold-{name}")
            chart_content_ui(MANIFOLD_CHART, name, grid, labels, [0], download)
        else:
            show_image_chart(go.Figure(_validate=False, **content), MANIFOLD_CHART)
        if decodes_in_browser():
            pointer_ui(
                map_view(name, "latent"), MANIFOLD_CHART, Marks(),
                start=(xs[len(xs) // 2], ys[len(ys) // 2]), start_row=0, clickable=False,
                lens=False, group=manifold_group(name), tiles=(xs, ys),
            )  # fmt: skip
    vae = code_name(name) == "mu"
    text = t("map.manifold.text") + t("map.manifold.vae" if vae else "map.manifold.ae")
    right.write(text + (t("map.manifold.pointer") if decodes_in_browser() else ""))


def linked_views(ae: str, vae: str, projection: str) -> dict[str, MapView]:
    """Both models' maps in the chosen view, or in the first of a model's views it lacks."""
    views = {}
    for name in (ae, vae):
        options = projections(cached_map_data(name))
        views[name] = map_view(name, projection if projection in options else options[0])
    return views


def linked_key(view: MapView) -> str:
    return f"linked-{view.name}-{view.projection}"


def points_chart(view: MapView, key: str, stem: str) -> None:
    """A map the pointer layer draws over, drawn as the Latent Map is: a figure without points,
    and the points put in by the browser (points_ui), which on a phone also moves the legend
    under the plot; the whole figure where the browser could not put them in. stem: the PNG
    download's name."""
    in_browser = points_in_browser()
    if in_browser:
        figure = empty_map(key, class_style(), figure_words(), class_names())
    else:
        figure = map_figure(view, clickable_space=False)
    config = chart_config(stem, scrollZoom=True)
    st.plotly_chart(for_the_room(figure), key=key, on_select="ignore", config=config, theme=None)
    if in_browser:
        titles = axis_titles(view.projection, code_name(view.name))
        points_ui(key, f"{view.name}|{view.projection}", view.xy, view.map_data["labels"],
                  titles, file_name(stem))  # fmt: skip


def linked_chart(view: MapView, chosen_row: int | None) -> None:
    """One of the linked maps, for a browser that cannot decode: the whole figure, its clicks
    through Plotly."""
    figure = latent_map(
        view.xy, view.map_data["labels"], axis_titles(view.projection, code_name(view.name)),
        chosen_row=chosen_row, revision=linked_key(view), style=class_style(),
        words=figure_words(), names=class_names(), selectable=True,
    )  # fmt: skip
    st.plotly_chart(
        for_the_room(figure),
        key=linked_key(view), on_select="rerun", selection_mode="points",
        config=chart_config(f"linked-{view.name}", scrollZoom=True), theme=None,
    )  # fmt: skip


def linked_maps_ui(ae: str, vae: str, projection: str, size: int) -> None:
    """An AE's and a VAE's maps side by side: a test image pointed at in either is decoded by
    both, in the browser; one clicked is marked and decoded in both, below the maps."""
    views = linked_views(ae, vae, projection)
    if not decodes_in_browser():
        server_linked_maps_ui(views, size)
        return
    for column, view in zip(st.columns(2, gap="large"), views.values()):
        with column:
            st.markdown(f"**{describe_model(view.name)}**")
            points_chart(view, linked_key(view), f"linked-{view.name}")
            send_model_ui(view, linked_key(view), nearest=True)
            pointer_layer_ui(view, linked_key(view), mode="nearest", group="linked")
    send_classifier_ui("linked")
    st.caption(t("linked.pointer"))
    linked_panel_ui(views, size)


@st.fragment
def linked_panel_ui(views: dict[str, MapView], size: int) -> None:
    """The marks on both maps, and the chosen digit's pictures: a click reruns only this
    fragment."""
    for view in views.values():
        pick = pointer_state(linked_key(view))
        if pick is not None and pick.row is None:  # empty space: both maps show test images
            st.toast(t("linked.click.dot"))
        elif pick is not None:
            st.session_state.linked_row = pick.row
    row = st.session_state.setdefault("linked_row", 0)
    for view in views.values():
        marks = Marks(ring=tuple(view.xy[row]))
        marks_ui(linked_key(view), marks, view.xy[row], row)
    linked_images_ui(views, row, size)


@st.fragment
def server_linked_maps_ui(views: dict[str, MapView], size: int) -> None:
    """Both maps and the pictures in one fragment, for a browser that cannot decode: Plotly's
    selection sends each click to the server."""
    for view in views.values():
        point = new_click(linked_key(view))
        if point is not None:  # a new click in either map chooses the row for both
            st.session_state.linked_row = int(point.get("customdata", 0))
    row = st.session_state.setdefault("linked_row", 0)
    for column, view in zip(st.columns(2, gap="large"), views.values()):
        with column:
            st.markdown(f"**{describe_model(view.name)}**")
            linked_chart(view, row)
    st.caption(server_note())
    linked_images_ui(views, row, size)


def linked_images_ui(views: dict[str, MapView], row: int, size: int) -> None:
    """The chosen test image, and each model's reconstruction of it, side by side."""
    write_url("linked", {"size": size, "point": row})
    originals = test_images()
    labels = next(iter(views.values())).map_data["labels"]
    st.subheader(t("map.test_image", row=row, digit=class_names()[labels[row]]))
    for column, view in zip(st.columns(2, gap="large"), views.values()):
        with column:
            st.markdown(f"**{describe_model(view.name)}**")
            images = [decode(view.model, view.map_data["codes"][row : row + 1])[0]]
            whats = [t("caption.reconstruction")]
            if originals is not None:
                images.insert(0, originals[row] / np.float32(255))
                whats.insert(0, t("caption.original"))
            read = readings(score_test_image(view.name, row, np.stack(images)))
            show_images(np.stack(images), read_captions(whats, read))
    st.caption(t("linked.caption"))
