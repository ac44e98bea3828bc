"""Small widgets the pages share: model, size, view and seed pickers, figures and pictures."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from explorer.checkpoints import CHECKPOINT_DIR, dataset_dir
from explorer.data import MNIST
from explorer.plotting import FONT, class_counts, png_bytes, png_data_uri, tile
from explorer.scoring import Score
from explorer.ui.catalogue import (
    autoencoder_names,
    classifier_name,
    latent_sizes,
    model_catalogue,
    models_where,
)
from explorer.ui.lessons import score_images
from explorer.ui.pointer import fit_image_ui
from explorer.ui.session import class_style, current_dataset, presenting
from explorer.ui.url import MAX_SEED, link_arrived
from explorer.ui.words import (
    class_names,
    figure_words,
    file_name,
    model_labels,
    option_labels,
    plotly_words,
    readings,
    t,
)


def stop_without_models(found: list) -> None:
    """Stop the page, saying how to train them, where the sidebar's dataset has no usable
    models, or no classifier to read their pictures."""
    dataset = current_dataset()
    folder = dataset_dir(dataset).relative_to(CHECKPOINT_DIR.parent)
    command = "python train_models.py"
    if dataset != MNIST.name:
        command += f" --dataset {dataset}"
    if not found:
        st.error(t("models.none", folder=f"{folder}/", command=command))
        st.stop()
    if classifier_name() not in model_catalogue()[0]:
        st.error(t("models.no_classifier", folder=f"{folder}/", command=command))
        st.stop()


def model_picker_ui(key: str = "model") -> str:
    """Sidebar select box over the usable models; lists unusable checkpoint files with reasons."""
    names = autoencoder_names()
    stop_without_models(names)
    name = st.sidebar.selectbox(t("models.label"), names, format_func=model_labels(), key=key)
    unusable = model_catalogue()[1]
    if unusable:
        with st.sidebar.expander(t("models.skipped", n=len(unusable))):
            for reason in unusable.values():
                st.caption(reason)
    return name


def latent_size_ui(key: str = "latent_size") -> int:
    """Sidebar choice of latent size among those the usable models have."""
    sizes = latent_sizes()
    stop_without_models(sizes)
    return st.sidebar.radio(
        t("sidebar.size"), sizes, format_func=lambda d: f"{d}-D", key=key, horizontal=True
    )


def pair_picker_ui(size: int) -> tuple[str, str]:
    """Sidebar choice of an autoencoder and a VAE of one latent size; a page without both
    kinds stops with a note."""
    if not models_where("ae", size) or not models_where("vae", size):
        st.warning(t("needs.pair", size=size))
        st.stop()
    ae = st.sidebar.selectbox(
        t("sidebar.ae"), models_where("ae", size), format_func=model_labels(), key=f"ae{size}"
    )
    vae = st.sidebar.selectbox(
        t("sidebar.vae"), models_where("vae", size), format_func=model_labels(), key=f"vae{size}"
    )
    return ae, vae


def projection_picker_ui(options: list[str], key: str = "projection") -> str:
    """Sidebar choice of a 2-D view ("latent", "pca", "umap") among a model's; a link's view
    that the model lacks (view=umap for a 2-D model) gets a note."""
    asked = st.query_params.get("view")
    if asked and asked not in options:
        if st.session_state.get(key) not in options:
            st.session_state[key] = options[0]
        if link_arrived():  # not the address bar of the model before, the page's own
            label = option_labels("views")
            views = ", ".join(label(option) for option in options)
            shown = label(st.session_state[key])
            st.info(t("views.unavailable", view=asked[:40], views=views, shown=shown))
    if len(options) == 1:
        return options[0]
    return st.sidebar.radio(
        t("views.label"), options, format_func=option_labels("views"), key=key,
        help=t("views.help"),
    )  # fmt: skip


def seed_ui(key: str = "seed") -> int:
    st.session_state.setdefault(key, 0)  # the default, unless a shared link set one
    return st.sidebar.number_input(
        t("sidebar.seed"), min_value=0, max_value=MAX_SEED, step=1, key=key,
        help=t("sidebar.seed.help"),
    )  # fmt: skip


def new_click(chart_key: str) -> dict | None:
    """The point a Plotly chart's newest click chose, once: None when there was no click, or
    when it is the one already handled (a redrawn figure sends its selection again)."""
    selection = st.session_state.get(chart_key)
    points = selection.selection.points if selection else []
    seen = f"{chart_key}-seen"
    if not points or points == st.session_state.get(seen):
        return None
    st.session_state[seen] = points
    return points[0]


ROOM_FONT = 22  # figure text in presentation mode, against FONT's 16
ROOM_SCALE = 1.4  # pictures in presentation mode: a strip of ten MNIST tiles still fits a row


def enlarged(scale: int) -> int:
    """A picture's upscaling (pixels per MNIST pixel), larger in presentation mode."""
    return round(ROOM_SCALE * scale) if presenting() else scale


def side_by_side(count: int) -> list:
    """Columns for parts compared side by side; in presentation mode one above the other, each
    the page's width, so that their pictures can be larger and line up tile under tile."""
    if presenting():
        return [st.container() for _ in range(count)]
    return st.columns(count, gap="large")


def for_the_room(figure: go.Figure) -> go.Figure | dict:
    """The figure as shown: in presentation mode with larger text (a copy, as a dict, so that
    a cached figure is left alone)."""
    if not presenting():
        return figure
    spec = figure if isinstance(figure, dict) else figure.to_dict()
    layout = spec.get("layout", {})
    font = {**FONT, **layout.get("font", {}), "size": ROOM_FONT}
    grow = ROOM_FONT / FONT["size"]  # text placed with a size of its own grows alike
    notes = [
        {**note, "font": {**note["font"], "size": round(note["font"]["size"] * grow)}}
        if "size" in note.get("font", {}) else note
        for note in layout.get("annotations", [])
    ]  # fmt: skip
    return {**spec, "layout": {**layout, "font": font, "annotations": notes}}


def explain(text: str, caption: bool = False) -> None:
    """A paragraph on what a part of the page shows (caption: in small print, as a how-to under
    a figure). In presentation mode it folds under one line, so that the class sees the
    figures first while the teacher says it."""
    if presenting():
        with st.expander(t("present.more")):
            st.markdown(text)
    elif caption:
        st.caption(text)
    else:
        st.write(text)


def chart_config(stem: str, **more) -> dict:
    """Plotly's toolbar with its PNG download (at twice the size, for slides) and no logo, in
    the reader's language."""
    download = {"format": "png", "scale": 2, "filename": file_name(stem)}
    return {"displaylogo": False, "toImageButtonOptions": download, **plotly_words(), **more}


def show_chart(figure, key: str) -> None:
    """A static Plotly figure, full width; its toolbar offers only the PNG download. The key
    keeps two charts that happen to hold the same figure apart."""
    config = chart_config(key, modeBarButtons=[["toImage"]])
    st.plotly_chart(for_the_room(figure), key=key, config=config, theme=None)


def show_image_chart(figure, key: str) -> None:
    """A figure of one image (the manifold, the traversal grid) as show_chart draws it, which
    on a phone is no taller than its image: no blank bands above and below it; in presentation
    mode taller, as pictures are."""
    height = int(figure.layout.height)
    if presenting():  # the image grows as pictures do
        height = round(height * ROOM_SCALE)
        figure = go.Figure(figure).update_layout(height=height)
    show_chart(figure, key)
    fit_image_ui(key, height)


@st.cache_data(show_spinner=False, max_entries=256)
def grid_png(images: np.ndarray, columns: int, scale: int) -> bytes:
    """A grid of images as one PNG file, encoded once (5 to 20 ms): a rerun for another widget
    that shows the same grid sends the same bytes."""
    return png_bytes(tile(images, columns=columns, scale=scale))


def show_grid(images: np.ndarray, columns: int, caption: str, scale: int = 3) -> None:
    # PNG said again: given bytes, Streamlit would otherwise re-encode a grey picture as JPEG
    st.image(grid_png(images, columns, enlarged(scale)), caption=caption, output_format="PNG")


def inline_tiles(images: np.ndarray, scale: int) -> tuple[list[str], int]:
    """Images upscaled with crisp pixels, each a PNG inside the page's message (a data URL),
    and their width. Each given as an array, a tile was a file the browser asked the server
    for, six at a time: a strip of twenty, 0.1 s after the page had its run."""
    tiles = [tile(image[None], scale=scale) for image in images]
    return [png_data_uri(picture) for picture in tiles], tiles[0].shape[1]


def show_strip(images: np.ndarray, labels: list[str], caption: str, scale: int = 3) -> None:
    """Images in a row (wrapping where the column is narrow), each labelled under it (the
    classifier's reading), large enough for a projector; then what the row shows."""
    tiles, width = inline_tiles(images, enlarged(scale))
    # a fixed width: a caption wider than its picture ("T-shirt/top → T-shirt/top (98%)")
    # otherwise stretched the picture to the caption's width, each to its own
    st.image(tiles, caption=labels, width=width)
    st.caption(caption)


def show_images(images: np.ndarray, captions: list[str], scale: int = 6) -> None:
    """Images side by side, upscaled with crisp pixels (6 a pixel: 168 px, two of them side
    by side on a phone), each with its caption under it. One element rather than a column
    each: on a phone Streamlit stacks columns, and the pictures then took a screen's height
    each; these wrap only where the row has no room."""
    pictures, width = inline_tiles(images, enlarged(scale))
    st.image(pictures, caption=captions, width=width)  # a long caption would widen its picture


def show_read_images(images: np.ndarray, whats: list[str], scale: int = 6) -> list[tuple]:
    """Images side by side, each captioned with what it is and what the classifier reads in
    it; returns the readings, (class name, confidence) per image."""
    read = readings(score_images(images, current_dataset()))
    show_images(images, read_captions(whats, read), scale)
    return read


def read_captions(whats: list[str], read: list[tuple[str, float]]) -> list[str]:
    """Each image's caption: what it is, and what the classifier reads in it."""
    return [
        t("caption.reads", what=what, digit=name, confidence=p)
        for what, (name, p) in zip(whats, read)
    ]


def show_class_counts(graded: Score, key: str) -> None:
    """A bar chart of how many images the classifier read as each class."""
    words, names = figure_words(), class_names()
    show_chart(class_counts(graded.counts, t("score.histogram"), class_style(), words, names), key)
