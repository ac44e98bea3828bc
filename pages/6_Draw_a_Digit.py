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
st.title(ui.t("page.draw"))
st.write(ui.t("draw.intro"))
if ui.current_dataset() != "mnist":
    st.info(ui.t("draw.mnist_only"))
    st.stop()

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
    st.subheader(ui.t("draw.yours"))
    drawing = ui.drawing_canvas_ui()
    upload = st.file_uploader(
        ui.t("draw.upload"),
        type=["png", "jpg", "jpeg", "bmp", "gif", "webp"],
    )
picture, problem = None, None
try:
    if upload is not None:
        picture = read_image(upload.getvalue())
    elif drawing:
        picture = read_data_url(drawing)
except DrawingError as error:
    problem = ui.t(f"draw.error.{error.reason}")
digit = to_mnist(picture) if picture is not None else None

with right:
    if problem:
        st.error(problem)
        st.stop()
    if digit is None:
        st.info(ui.t("draw.empty" if picture is None else "draw.no_ink"))
        st.stop()
    if upload is not None and drawing:
        st.caption(ui.t("draw.using_upload"))
    latent, logvar = encode(model, digit[None])
    reconstruction = decode(model, latent)
    guesses = ui.classify_images(np.stack([digit, reconstruction[0]]))
    ui.show_images(
        np.stack([digit, reconstruction[0]]),
        [
            ui.t("caption.reads", what=ui.t(caption), digit=d, confidence=p)
            for caption, (d, p) in zip(["caption.prepared", "caption.reconstruction"], guesses)
        ],
    )
    latent_name = "mu" if is_vae else "z"
    if model.config.latent_dim == 2:
        st.markdown(ui.t("map.vector.2d", z=latent_name, x=latent[0, 0], y=latent[0, 1]))
    else:
        sigma = np.exp(0.5 * logvar[0]) if is_vae else None
        st.markdown(ui.t("map.vector", z=latent_name, dims=model.config.latent_dim))
        ui.show_chart(latent_bars(latent[0], sigma, ui.figure_words()), "drawn-latent")

st.subheader(ui.t("draw.lands"))
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
    words=ui.figure_words(),
    names=ui.class_labels(),
)
ui.show_chart(with_star(figure, position, ui.t("draw.star")), "draw-map")
st.caption(ui.t(f"draw.where.{projection}") + (ui.t("draw.ellipses") if ellipses else ""))
