"""Latent Map: the 10,000 MNIST test digits where a model's encoder puts them. Click to decode."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.embeddings import coords, pca_of, projections
from explorer.latents import (
    decode,
    gaussian_ellipse,
    pick_at,
    projected_covariance,
    sample_posterior,
)
from explorer.plotting import empty_space_grid, latent_bars, latent_map, manifold_figure, tile

st.set_page_config(page_title="Latent Map · Latent Explorer", layout="wide")
st.title("Latent Map")
st.write(
    "Each dot is one of the 10,000 MNIST test digits, placed where the model's encoder puts "
    "it and coloured by its true digit. **Click a dot** to see the image, its reconstruction "
    "and its latent vector; **click empty space** to decode that position. Click a digit in "
    "the legend to hide it, double-click to show it alone."
)

name = ui.model_picker_ui()
model = ui.cached_model(name)
embedding = ui.cached_embedding(name)
projection = ui.projection_picker_ui(projections(embedding))
is_vae = model.config.kind == "vae"
latent_name = "mu" if is_vae else "z"
AXES = {
    "latent": (f"{latent_name}[1] (latent dimension 1)", f"{latent_name}[2] (latent dimension 2)"),
    "pca": ("principal component 1", "principal component 2"),
    "umap": ("UMAP 1 (no units)", "UMAP 2 (no units)"),
}
xy = coords(embedding, projection)
pca = pca_of(embedding) if projection == "pca" else None
st.caption(
    {
        "latent": "The axes are the model's two latent dimensions: this is the space itself.",
        "pca": f"The {model.config.latent_dim}-D codes seen from their two main directions "
        "(PCA): a linear shadow, so clusters may overlap here that are apart in the full space.",
        "umap": f"UMAP places the {model.config.latent_dim}-D codes so that neighbours stay "
        "neighbours; distances between clusters and the axes carry no meaning.",
    }[projection]
)

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
    if point["customdata"] >= 0:
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
        if chosen.row is None:
            return chosen.latent, None, chosen.note, position
        return chosen.latent, chosen.row, chosen.note, xy[chosen.row]
    row = pick.get("row", 0)
    return embedding["latent"][row], row, "", xy[row]


@st.fragment
def map_and_panel() -> None:
    chart_key = f"map-{name}-{projection}"
    read_click(chart_key)
    latent, row, note, position = current_pick()
    sigma_ellipses = []
    if is_vae and row is not None and projection != "umap":
        covariance = projected_covariance(embedding["logvar"][row], pca)
        sigma_ellipses = [gaussian_ellipse(position, covariance, k) for k in (1, 2)]
    figure = latent_map(
        xy,
        embedding["labels"],
        AXES[projection],
        grid=empty_space_grid(xy),
        marker=position,
        ellipses=sigma_ellipses,
        revision=chart_key,
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.plotly_chart(
            figure,
            key=chart_key,
            on_select="rerun",
            selection_mode="points",
            config={"displaylogo": False, "scrollZoom": True},
        )
    with right:
        selection_panel(latent, row, note, sigma_ellipses)


def selection_panel(latent: np.ndarray, row: int | None, note: str, ellipses: list) -> None:
    reconstruction = decode(model, latent[None])
    images, captions = [], []
    originals = ui.test_images()
    if row is not None:
        st.subheader(f"Test image #{row}: a {embedding['labels'][row]}")
        if originals is not None:
            images.append(originals[row])
            captions.append("original")
        captions_for_decode = "reconstruction"
    else:
        st.subheader("Empty space")
        captions_for_decode = "decoded position"
    images.append(reconstruction[0])
    captions.append(captions_for_decode)
    guesses = ui.classify_images(np.stack(images))
    captions = [f"{c}: looks like a {d} ({p:.0%} sure)" for c, (d, p) in zip(captions, guesses)]
    ui.show_images(np.stack(images), captions)
    if note:
        st.info(f"How this position was decoded: {note}.")
    if row is not None and originals is None:
        st.caption(
            "The original image is hidden: the MNIST test set was not found, so the map runs "
            "on the shipped codes alone. Set MNIST_ROOT to a folder holding MNIST, or start "
            "the app once on a machine with a network, then restart it."
        )
    st.write(
        "The classifier's guess says which digit the decoded picture looks like. "
        "A good reconstruction keeps the digit; a blurry one shows how much the "
        f"{model.config.latent_dim} numbers below forget."
    )
    if model.config.latent_dim == 2:
        st.markdown(f"**Latent vector** {latent_name} = ({latent[0]:.2f}, {latent[1]:.2f})")
    else:
        sigma = np.exp(0.5 * embedding["logvar"][row]) if is_vae and row is not None else None
        st.markdown(f"**Latent vector** {latent_name}: {model.config.latent_dim} numbers")
        st.plotly_chart(latent_bars(latent, sigma), config={"displayModeBar": False})
    if is_vae and row is not None:
        reparameterization_panel(latent, embedding["logvar"][row], bool(ellipses))


def reparameterization_panel(mu: np.ndarray, logvar: np.ndarray, drawn: bool) -> None:
    st.markdown("**The reparameterization trick: z = mu + sigma * eps**")
    sigma = np.exp(0.5 * logvar)
    shown = ", ".join(f"{s:.2f}" for s in sigma[:4]) + (" …" if len(sigma) > 4 else "")
    st.write(
        f"The VAE's encoder gives a Gaussian, not a point: mean mu and spread sigma ({shown}). "
        "The decoder sees a random z = mu + sigma * eps with eps ~ N(0, I). "
        + ("The ellipses on the map are 1 and 2 sigma around mu. " if drawn else "")
        + "Each image below decodes a fresh draw of eps."
    )
    samples = decode(model, sample_posterior(mu, logvar, 8, st.session_state.eps_seed))
    st.image(
        tile(samples, scale=3),
        caption="8 decodes of z = mu + sigma * eps",
        clamp=True,
        output_format="PNG",
    )
    st.button("Resample eps", on_click=resample_eps)


def resample_eps() -> None:
    st.session_state.eps_seed += 1


map_and_panel()

if model.config.latent_dim == 2 and st.toggle("Show the manifold grid", value=True):
    st.subheader("The manifold: decoding a grid of latent positions")
    canvas, xs, ys = ui.cached_manifold(name, 15)
    left, right = st.columns([3, 2], gap="large")
    left.plotly_chart(
        manifold_figure(canvas, xs, ys, AXES["latent"]), config={"displayModeBar": False}
    )
    right.write(
        "Each tile decodes one point of a 15 x 15 grid over the latent space, spaced by the "
        "inverse normal CDF as in Kingma and Welling (2014), figure 4. "
        + (
            "For a VAE the grid covers its prior N(0, I): digits morph smoothly into each other."
            if is_vae
            else "An autoencoder has no prior, so the grid follows a Gaussian fitted to its "
            "codes; look for places where the decodes stop looking like digits."
        )
    )
