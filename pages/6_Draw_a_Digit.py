"""Draw a digit: your own handwriting, prepared like MNIST, encoded, and placed on the map."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.drawing import DrawingError, read_data_url, read_image, to_mnist
from explorer.embeddings import coords, pca_of, project, projections
from explorer.latents import decode, encode, gaussian_ellipse, projected_covariance
from explorer.plotting import latent_bars, latent_map, with_star

st.set_page_config(page_title="Draw a digit · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title("Draw a digit")
st.write(
    "Draw a digit with the mouse or a finger, or upload a photo of one. It is prepared the "
    "way MNIST's digits were (scaled to fit 20 x 20 pixels, then centred by its centre of mass "
    "in 28 x 28), encoded by the model, decoded again, and shown as a star on the map among "
    "the 10,000 test digits."
)

PAGE = "draw"
ui.apply_url(PAGE, {"model": ui.UrlField("model", ui.one_of(ui.autoencoder_names()))})
name = ui.model_picker_ui()
ui.write_url(PAGE, {"model": name})
model = ui.cached_model(name)
embedding = ui.cached_embedding(name)
projection = ui.projection_picker_ui(projections(embedding))
is_vae = model.config.kind == "vae"

left, right = st.columns([1, 2], gap="large")
with left:
    st.subheader("Your digit")
    drawing = ui.drawing_canvas_ui()
    upload = st.file_uploader(
        "…or upload a picture of one digit (PNG or JPEG, up to 5 MB)",
        type=["png", "jpg", "jpeg", "bmp", "gif", "webp"],
    )
picture, problem = None, None
try:
    if upload is not None:
        picture = read_image(upload.getvalue())
    elif drawing:
        picture = read_data_url(drawing)
except DrawingError as error:
    problem = str(error)
digit = to_mnist(picture) if picture is not None else None

with right:
    if problem:
        st.error(problem)
        st.stop()
    if digit is None:
        st.info(
            "Draw a digit in the black box (one stroke or several), or upload a picture of "
            "one: the model's reading of it appears here."
            if picture is None
            else "The picture holds no ink to read: draw or upload a digit."
        )
        st.stop()
    if upload is not None and drawing:
        st.caption("Showing the uploaded picture: remove it to use your drawing.")
    latent, logvar = encode(model, digit[None])
    reconstruction = decode(model, latent)
    guesses = ui.classify_images(np.stack([digit, reconstruction[0]]))
    ui.show_images(
        np.stack([digit, reconstruction[0]]),
        [
            f"{caption}: looks like a {d} ({p:.0%} sure)"
            for caption, (d, p) in zip(["prepared like MNIST", "reconstruction"], guesses)
        ],
    )
    latent_name = "mu" if is_vae else "z"
    if model.config.latent_dim == 2:
        st.markdown(f"**Latent vector** {latent_name} = ({latent[0, 0]:.2f}, {latent[0, 1]:.2f})")
    else:
        sigma = np.exp(0.5 * logvar[0]) if is_vae else None
        st.markdown(f"**Latent vector** {latent_name}: {model.config.latent_dim} numbers")
        ui.show_chart(latent_bars(latent[0], sigma), "drawn-latent")

st.subheader("Where your digit lands")
xy = coords(embedding, projection)
position = project(embedding, projection, latent)[0]
ellipses = []
if is_vae and projection != "umap":
    covariance = projected_covariance(logvar[0], pca_of(embedding) if projection == "pca" else None)
    ellipses = [gaussian_ellipse(position, covariance, k) for k in (1, 2)]
figure = latent_map(
    xy,
    embedding["labels"],
    ui.axis_titles(projection, latent_name),
    ellipses=ellipses,
    revision=f"draw-{name}-{projection}",
    style=ui.digit_style(),
)
ui.show_chart(with_star(figure, position, "your digit"), "draw-map")
st.caption(
    {
        "latent": "The star is your digit's code itself.",
        "pca": "The star is your digit's code seen through the same PCA plane as the map.",
        "umap": "UMAP cannot place a new code without refitting, so the star sits among the "
        "10 test digits whose codes are nearest to yours: an approximation.",
    }[projection]
    + (" The ellipses are 1 and 2 sigma of the VAE's Gaussian for your digit." if ellipses else "")
)
