"""The One dimension at a time page's parts: the chosen image's code moved along each latent
dimension with sliders (in the browser, beside the map), the traversal grid decoded on the
server, and how often a dimension alone keeps the class, for an AE beside a VAE."""

import numpy as np
import streamlit as st

from explorer.checkpoints import split_name
from explorer.map_data import pca_of
from explorer.plotting import png_bytes, tile, traversal_figure
from explorer.texts import DIGITS
from explorer.traversal import (
    SAMPLED,
    SIGMAS,
    Dimensions,
    clearly_apart,
    dimensions_of,
    kept_class_shares,
    traversal_grid,
)
from explorer.ui.catalogue import (
    cached_map_data,
    cached_model,
    classifier_name,
    is_vae,
    models_where,
    short_name,
)
from explorer.ui.lessons import graded_decodes
from explorer.ui.map_panels import MapView, points_chart
from explorer.ui.pointer import (
    FOLDER,
    bundled_js,
    classifier_key,
    json_bytes,
    model_key,
    send_classifier_ui,
    send_model_ui,
)
from explorer.ui.widgets import explain, show_image_chart
from explorer.ui.words import class_names, figure_words, file_name, t, template

TRAVERSAL = st.components.v2.component(
    "latent_explorer_traversal",
    html=(FOLDER / "traversal.html").read_text(),
    css=(FOLDER / "traversal.css").read_text(),
    js=bundled_js("traversal.js"),
)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_dimensions(name: str) -> Dimensions:
    map_data = cached_map_data(name)
    return dimensions_of(map_data["codes"], map_data.get("logvar"))


@st.cache_data(show_spinner=False, max_entries=256)
def cached_grid(name: str, row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The traversal grid of a test image's code over a model's active dimensions: (the
    dimensions, images, the classifier's classes of them, its class of the code's decode)."""
    dims = cached_dimensions(name)
    shown = dims.order[dims.active[dims.order]]
    classifier = cached_model(classifier_name(split_name(name)[0]))
    code = cached_map_data(name)["codes"][row]
    images, classes, _ = traversal_grid(cached_model(name), classifier, code, dims, shown)
    start = int(graded_decodes(name, code[None])[1].classes[0])
    return shown, images, classes, start


@st.cache_data(show_spinner="Moving 50 test images along every dimension…", max_entries=64)
def cached_kept_shares(name: str) -> np.ndarray:
    dims = cached_dimensions(name)
    classifier = cached_model(classifier_name(split_name(name)[0]))
    return kept_class_shares(cached_model(name), classifier, cached_map_data(name)["codes"], dims)


def dimension_label(dims: Dimensions, dim: int) -> str:
    """A dimension's name and its spread (an AE's sigma, a VAE's KL)."""
    if dims.kl is None:
        return t("traverse.dim.ae", dim=dim + 1, std=dims.std[dim])
    key = "traverse.dim.vae" if dims.active[dim] else "traverse.dim.inactive"
    return t(key, dim=dim + 1, kl=dims.kl[dim])


def sliders_ui(view: MapView, row: int) -> None:
    """The map, with the sweep of the dimension last moved; beside it the decode and a slider
    per dimension, all in the browser."""
    dims = cached_dimensions(view.name)
    code = view.map_data["codes"][row]
    left, right = st.columns([2, 3], gap="large")
    with left:
        key = f"traverse-{view.chart_key}"
        points_chart(view, key, f"latent-{view.chart_key}")
        st.caption(t("traverse.map"))
    send_model_ui(view, key)
    send_classifier_ui("traverse")
    plane = None
    if view.projection == "pca":
        pca = pca_of(view.map_data)
        plane = [pca.mean.tolist(), pca.components.tolist()]
    data = {
        "model": model_key(view.name, view.projection, nearest=False),
        "classifier": classifier_key(),
        "row": row,
        "code": code.tolist(),
        "dims": [
            {
                "index": int(d),
                "label": dimension_label(dims, d),
                "active": bool(dims.active[d]),
                "mean": float(dims.mean[d]),
                "std": float(dims.std[d]),
                "startSigma": round(float((code[d] - dims.mean[d]) / dims.std[d]), 2),
            }
            for d in dims.order
        ],  # fmt: skip
        "plane": plane,
        "chart": key,
        "names": class_names(),
        "words": {
            "sigma": template("traverse.sigma"),
            "reading": template("pointer.reading"),
            "back": t("traverse.back"),
        },  # fmt: skip
    }
    with right:
        TRAVERSAL(key=f"sliders-{view.name}", data=json_bytes(data))


def grid_ui(name: str, row: int) -> None:
    """The traversal grid over the active dimensions, with the classifier's reading of every
    tile, and as a PNG file."""
    dims = cached_dimensions(name)
    shown, images, classes, start = cached_grid(name, row)
    names = class_names()
    readings = classes.astype(str)  # numbers fit a tile (not "Ankle boot"): a caption names them
    labels = [dimension_label(dims, d) for d in shown]
    figure = traversal_figure(images, labels, SIGMAS, readings, classes != start, figure_words())
    show_image_chart(figure, f"traversal-{name}")
    if tuple(names) != DIGITS:  # Fashion-MNIST: which kind each number is
        st.caption(
            t("traverse.grid.classes", classes=", ".join(f"{c} {n}" for c, n in enumerate(names)))
        )
    kept = float((classes == start).mean())
    st.markdown(t("traverse.grid.kept", kept=kept, digit=names[start], rows=len(shown)))
    st.download_button(
        t("traverse.grid.download"), data=png_bytes(tile(images.reshape(-1, 28, 28), len(SIGMAS))),
        file_name=file_name(f"traversal-{name}-{row}.png"), mime="image/png", on_click="ignore",
    )  # fmt: skip


def kept_ui(names: list[str]) -> None:
    """How often moving one active dimension keeps the class, per model, over 50 images."""
    explain(t("traverse.kept.text"))
    per_image = {name: cached_kept_shares(name) for name in names}
    st.dataframe(
        [{t("traverse.kept.model"): short_name(n), t("traverse.kept.share"): f"{s.mean():.0%}",
          t("traverse.kept.active"): int(cached_dimensions(n).active.sum())}
         for n, s in per_image.items()],
        hide_index=True,
    )  # fmt: skip
    if len(per_image) == 2:
        (ae, ae_shares), (vae, vae_shares) = per_image.items()
        ae_share, vae_share = ae_shares.mean(), vae_shares.mean()
        if not clearly_apart(ae_shares, vae_shares):
            verdict = "traverse.kept.same"
        else:
            verdict = "traverse.kept.ae_more" if ae_share > vae_share else "traverse.kept.vae_more"
        st.info(t(verdict, ae=short_name(ae), vae=short_name(vae), ae_share=ae_share,
                  vae_share=vae_share, n=SAMPLED))  # fmt: skip


def test_image_ui(key: str = "traverse_row") -> int:
    """Sidebar choice of the test image whose code is moved."""
    st.session_state.setdefault(key, 0)  # the default, unless a shared link set one
    return int(st.sidebar.number_input(t("traverse.row"), min_value=0, max_value=9999, step=1,
                                       key=key, help=t("traverse.row.help")))  # fmt: skip


def compared_pair(name: str, size: int) -> list[str]:
    """The model, and the first of the other kind of the same size: the AE first."""
    other = models_where("ae" if is_vae(name) else "vae", size)[:1]
    return sorted([name, *other], key=is_vae)
