"""Latent Map: the 10,000 MNIST test digits where a model's encoder puts them. Click to decode."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.embeddings import coords, pca_of, projections
from explorer.export import map_csv, point_csv
from explorer.latents import (
    decode,
    gaussian_ellipse,
    pick_at,
    projected_covariance,
    sample_posterior,
)
from explorer.plotting import (
    latent_bars,
    latent_map,
    manifold_figure,
    posterior_figure,
    tile,
)

st.set_page_config(page_title="Latent Map · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title(ui.t("page.map"))
st.write(ui.t("map.intro"))
ui.dataset_note()

PAGE = "map"
ui.apply_url(
    PAGE,
    {
        "model": ui.UrlField("model", ui.one_of(ui.autoencoder_names())),
        "view": ui.UrlField("projection", ui.one_of(["pca", "umap"])),
        "point": ui.UrlField("pick", lambda text: {"row": ui.whole_number(0, 9999)(text)}),
    },
)
name = ui.model_picker_ui()
model = ui.cached_model(name)
embedding = ui.cached_embedding(name)
projection = ui.projection_picker_ui(projections(embedding))
is_vae = model.config.kind == "vae"
latent_name = "mu" if is_vae else "z"
xy = coords(embedding, projection)
pca = pca_of(embedding) if projection == "pca" else None
st.caption(ui.t(f"map.view.{projection}", dims=model.config.latent_dim))

if "pick" not in st.session_state:
    st.session_state.pick = {"row": 0}  # start on the first test image, so the panel is never empty
st.session_state.setdefault("eps_seed", 0)


def read_click(chart_key: str) -> None:
    """Turn the chart's selection into the page's pick, once per new click."""
    selection = st.session_state.get(chart_key)
    points = selection.selection.points if selection else []
    seen = f"{chart_key}-seen"
    if not points or points == st.session_state.get(seen):
        return  # no click, or the one already handled (a redrawn figure resends it)
    st.session_state[seen] = points
    point = points[0]
    if point.get("customdata", -1) >= 0:  # the empty-space nodes carry -1
        st.session_state.pick = {"row": int(point["customdata"])}
    else:
        where = (name, projection)
        st.session_state.pick = {"xy": [point["x"], point["y"]], "where": where}


def current_pick():
    """The pick as (latent, row or None, note, map position)."""
    pick = st.session_state.pick
    if "xy" in pick and tuple(pick["where"]) == (name, projection):
        position = np.array(pick["xy"], dtype=np.float32)
        chosen = pick_at(embedding["latent"], xy, projection, position, pca)
        note = ui.t(f"map.how.{chosen.how}", rest=model.config.latent_dim - 2)
        if chosen.row is None:
            return chosen.latent, None, note, position
        return chosen.latent, chosen.row, note, xy[chosen.row]
    row = pick.get("row", 0)
    return embedding["latent"][row], row, "", xy[row]


@st.fragment
def map_and_panel() -> None:
    chart_key = f"map-{name}-{projection}"
    read_click(chart_key)
    latent, row, note, position = current_pick()
    shared = {"model": name} | ({"view": projection} if projection != "latent" else {})
    ui.write_url(PAGE, shared | ({"point": row} if row is not None else {}))
    ellipses = sigma_ellipses(row, position)
    on_map = bool(ellipses) and st.session_state.get("ellipses_on_map", False)
    # The figure changes only with the chart, or with ellipses on it: then the browser keeps
    # the chart and marks each click itself, instead of redrawing 10,000 points per click.
    if st.session_state.get("drawn_chart") != chart_key or on_map:
        st.session_state.drawn_chart, st.session_state.drawn_row = chart_key, row
    figure = latent_map(
        xy,
        embedding["labels"],
        ui.axis_titles(projection, latent_name),
        grid=ui.cached_click_grid(name, projection),
        chosen_row=st.session_state.drawn_row,
        ellipses=ellipses if on_map else [],
        revision=chart_key,
        style=ui.digit_style(),
        words=ui.figure_words(),
        names=ui.class_labels(),
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.plotly_chart(
            figure,
            key=chart_key,
            on_select="rerun",
            selection_mode="points",
            config=ui.chart_config(f"latent-map-{name}-{projection}", scrollZoom=True),
            theme=None,
        )
        st.download_button(
            ui.t("map.download.all"),
            data=lambda: map_csv(embedding, xy, projection, ui.label_word(), ui.class_labels()),
            file_name=ui.file_name(f"latent-map-{name}-{projection}.csv"),
            mime="text/csv",
            on_click="ignore",
            help=ui.t("map.download.all.help"),
        )
    with right:
        selection_panel(latent, row, note, ellipses)


def sigma_ellipses(row: int | None, position: np.ndarray) -> list[np.ndarray]:
    """A VAE code's 1- and 2-sigma contours in this 2-D view (none in UMAP: not linear)."""
    if not is_vae or row is None or projection == "umap":
        return []
    covariance = projected_covariance(embedding["logvar"][row], pca)
    return [gaussian_ellipse(position, covariance, k) for k in (1, 2)]


def selection_panel(latent: np.ndarray, row: int | None, note: str, ellipses: list) -> None:
    reconstruction = decode(model, latent[None])
    images, captions = [], []
    originals = ui.test_images()
    if row is not None:
        label = ui.class_labels()[embedding["labels"][row]]
        st.subheader(ui.t("map.test_image", row=row, digit=label))
        if originals is not None:
            images.append(originals[row] / np.float32(255))
            captions.append(ui.t("caption.original"))
        captions_for_decode = ui.t("caption.reconstruction")
    else:
        st.subheader(ui.t("map.empty"))
        captions_for_decode = ui.t("caption.decoded")
    images.append(reconstruction[0])
    captions.append(captions_for_decode)
    guesses = ui.classify_images(np.stack(images))
    captions = [
        ui.t("caption.reads", what=c, digit=d, confidence=p) for c, (d, p) in zip(captions, guesses)
    ]
    ui.show_images(np.stack(images), captions)
    if note:
        st.info(ui.t("map.how", how=note))
    if row is not None and originals is None:
        st.caption(ui.t("map.no_originals"))
    st.write(ui.t("map.guess", dims=model.config.latent_dim))
    if model.config.latent_dim == 2:
        st.markdown(ui.t("map.vector.2d", z=latent_name, x=latent[0], y=latent[1]))
    else:
        sigma = sigma_of(row)
        st.markdown(ui.t("map.vector", z=latent_name, dims=model.config.latent_dim))
        ui.show_chart(latent_bars(latent, sigma, ui.figure_words()), f"latent-{name}")
        if sigma is not None:
            st.caption(ui.t("map.bars"))
    (decoded_as, confidence), sigma = guesses[-1], sigma_of(row)
    fields = {"model": name, "row": "" if row is None else row}
    fields |= {ui.label_word(): "" if row is None else ui.class_labels()[embedding["labels"][row]]}
    fields |= {"decoded_as": decoded_as, "confidence": round(confidence, 4)}
    st.download_button(
        ui.t("map.download.point"),
        data=point_csv(fields, latent, sigma),
        file_name=ui.file_name(f"{name}-{'point' if row is None else f'test-{row}'}.csv"),
        mime="text/csv",
        on_click="ignore",
    )
    if is_vae and row is not None:
        reparameterization_panel(latent, embedding["logvar"][row], ellipses)


def sigma_of(row: int | None) -> np.ndarray | None:
    return np.exp(0.5 * embedding["logvar"][row]) if is_vae and row is not None else None


def reparameterization_panel(mu: np.ndarray, logvar: np.ndarray, ellipses: list) -> None:
    st.markdown(ui.t("map.trick"))
    sigma = np.exp(0.5 * logvar)
    shown = ", ".join(f"{s:.2f}" for s in sigma[:4]) + (" …" if len(sigma) > 4 else "")
    st.write(ui.t("map.trick.text", sigma=shown))
    z = sample_posterior(mu, logvar, 8, st.session_state.eps_seed)
    st.image(
        tile(decode(model, z), columns=4, scale=3),
        caption=ui.t("map.draws"),
        clamp=True,
        output_format="PNG",
    )
    st.button(ui.t("map.resample"), on_click=resample_eps)
    if not ellipses:
        st.caption(ui.t("map.umap_no_ellipse"))
        return
    center = ellipses[0].mean(axis=0)
    z_2d = z if pca is None else pca.transform(z)
    reach = np.abs(ellipses[1] - center).max() * 1.5 + 0.03 * np.ptp(xy, axis=0).max()
    near = np.abs(xy - center).max(axis=1) < reach
    ui.show_chart(
        posterior_figure(
            center,
            ellipses,
            z_2d,
            xy[near],
            embedding["labels"][near],
            ui.axis_titles(projection, latent_name),
            ui.digit_style(),
            ui.figure_words(),
            ui.class_labels(),
        ),
        f"close-up-{name}",
    )
    rest = model.config.latent_dim - 2
    st.caption(ui.t("map.close_up") + (ui.t("map.close_up.pca", rest=rest) if pca else ""))
    st.toggle(
        ui.t("map.ellipses_toggle"),
        key="ellipses_on_map",
        help=ui.t("map.ellipses_toggle.help"),
    )


def resample_eps() -> None:
    st.session_state.eps_seed += 1


map_and_panel()

if model.config.latent_dim == 2 and st.toggle(ui.t("map.manifold_toggle"), value=True):
    st.subheader(ui.t("map.manifold"))
    canvas, xs, ys = ui.cached_manifold(name, 15)
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.show_chart(
            manifold_figure(canvas, xs, ys, ui.axis_titles("latent", latent_name)),
            f"manifold-{name}",
        )
    right.write(
        ui.t("map.manifold.text") + ui.t("map.manifold.vae" if is_vae else "map.manifold.ae")
    )
