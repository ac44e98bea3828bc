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
st.title("Latent Map")
st.write(
    "Each dot is one of the 10,000 MNIST test digits, placed where the model's encoder puts "
    "it and coloured by its true digit. **Click a dot** to see the image, its reconstruction "
    "and its latent vector; **click empty space** to decode that position. Click a digit in "
    "the legend to hide it, double-click to show it alone."
)

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
        AXES[projection],
        grid=ui.cached_click_grid(name, projection),
        chosen_row=st.session_state.drawn_row,
        ellipses=ellipses if on_map else [],
        revision=chart_key,
        style=ui.digit_style(),
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
            "Download all 10,000 points (CSV)",
            data=lambda: map_csv(embedding, xy, projection),
            file_name=f"latent-map-{name}-{projection}.csv",
            mime="text/csv",
            on_click="ignore",
            help="Row, digit, map position and latent vector of every test image. The "
            "camera icon above the map saves it as a picture.",
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
        st.subheader(f"Test image #{row}: a {embedding['labels'][row]}")
        if originals is not None:
            images.append(originals[row] / np.float32(255))
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
        sigma = sigma_of(row)
        st.markdown(f"**Latent vector** {latent_name}: {model.config.latent_dim} numbers")
        ui.show_chart(latent_bars(latent, sigma), f"latent-{name}")
        if sigma is not None:
            st.caption(
                "Bars: mu, one per latent dimension; whiskers: plus and minus sigma. A dimension "
                "with mu near 0 and sigma near 1 carries nothing about this image: the KL term "
                "has switched it off."
            )
    (decoded_as, confidence), sigma = guesses[-1], sigma_of(row)
    fields = {"model": name, "row": "" if row is None else row}
    fields |= {"digit": "" if row is None else int(embedding["labels"][row])}
    fields |= {"decoded_as": decoded_as, "confidence": round(confidence, 4)}
    st.download_button(
        "Download this point (CSV)",
        data=point_csv(fields, latent, sigma),
        file_name=f"{name}-{'point' if row is None else f'test-{row}'}.csv",
        mime="text/csv",
        on_click="ignore",
    )
    if is_vae and row is not None:
        reparameterization_panel(latent, embedding["logvar"][row], ellipses)


def sigma_of(row: int | None) -> np.ndarray | None:
    return np.exp(0.5 * embedding["logvar"][row]) if is_vae and row is not None else None


def reparameterization_panel(mu: np.ndarray, logvar: np.ndarray, ellipses: list) -> None:
    st.markdown("**The reparameterization trick: z = mu + sigma * eps**")
    sigma = np.exp(0.5 * logvar)
    shown = ", ".join(f"{s:.2f}" for s in sigma[:4]) + (" …" if len(sigma) > 4 else "")
    st.write(
        f"The VAE's encoder gives a Gaussian, not a point: mean mu and spread sigma ({shown}). "
        "The decoder sees a random z = mu + sigma * eps with eps ~ N(0, I): the randomness "
        "sits in eps, so gradients still reach mu and sigma. Each image below decodes one draw."
    )
    z = sample_posterior(mu, logvar, 8, st.session_state.eps_seed)
    st.image(
        tile(decode(model, z), columns=4, scale=3),
        caption="Decodes of 8 draws of z, numbered 1 to 4 on the top row, 5 to 8 below",
        clamp=True,
        output_format="PNG",
    )
    st.button("Resample eps", on_click=resample_eps)
    if not ellipses:
        st.caption("UMAP bends the space, so it cannot show mu's Gaussian: switch to PCA.")
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
            AXES[projection],
            ui.digit_style(),
        ),
        f"close-up-{name}",
    )
    st.caption(
        "Close-up of the map around mu: the 1 and 2 sigma ellipses of q(z|x), the 8 draws "
        "of z numbered as above, and the nearby test codes. "
        + (
            ""
            if pca is None
            else "Seen through the PCA plane: the draws vary in 18 more directions."
        )
    )
    st.toggle(
        "Ellipses on the big map too",
        key="ellipses_on_map",
        help="The map is then redrawn on every click, which takes longer.",
    )


def resample_eps() -> None:
    st.session_state.eps_seed += 1


map_and_panel()

if model.config.latent_dim == 2 and st.toggle("Show the manifold grid", value=True):
    st.subheader("The manifold: decoding a grid of latent positions")
    canvas, xs, ys = ui.cached_manifold(name, 15)
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.show_chart(manifold_figure(canvas, xs, ys, AXES["latent"]), f"manifold-{name}")
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
