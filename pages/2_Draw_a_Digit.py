"""Draw a digit: your own handwriting, prepared like MNIST, encoded, and placed on the map."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.drawing import DrawingError, read_data_url, read_image, to_mnist
from explorer.latents import decode, encode, sigma_ellipses, sigma_of
from explorer.map_data import pca_of, project, projections
from explorer.plotting import latent_bars

PAGE = "draw"

st.set_page_config(
    page_title="Draw a digit · Latent Explorer", page_icon=ui.PAGES[PAGE].icon, layout="wide"
)
refused = ui.page_header("page.draw", "draw.intro", dataset_note=False)
if ui.current_dataset() != "mnist":
    st.info(ui.t("draw.mnist_only"))
    st.stop()
ui.apply_url(PAGE, {"model": ui.UrlField("model", ui.one_of(ui.autoencoder_names()))}, refused)
name = ui.model_picker_ui()
ui.write_url(PAGE, {"model": name})
model, map_data = ui.cached_model(name), ui.cached_map_data(name)
projection = ui.projection_picker_ui(projections(map_data))
code_name, latent_dim = ui.code_name(name), model.config.latent_dim

left, right = st.columns([1, 2], gap="large")
with left:
    st.subheader(ui.t("draw.yours"))
    drawing = ui.drawing_canvas_ui()
    upload = st.file_uploader(
        ui.t("draw.upload"), type=["png", "jpg", "jpeg", "bmp", "gif", "webp"], key="upload"
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
    code, logvar = encode(model, digit[None])
    images = np.stack([digit, decode(model, code)[0]])
    ui.show_read_images(images, [ui.t("caption.prepared"), ui.t("caption.reconstruction")])
    if latent_dim == 2:
        st.markdown(ui.t("map.vector.2d", z=code_name, x=code[0, 0], y=code[0, 1]))
    else:
        sigma = sigma_of(logvar[0]) if logvar is not None else None
        st.markdown(ui.t("map.vector", z=code_name, dims=latent_dim))
        ui.show_chart(latent_bars(code[0], sigma, ui.figure_words()), "drawn-latent")

st.subheader(ui.t("draw.lands"))
position = project(map_data, projection, code)[0]
ellipses = []
if logvar is not None and projection != "umap":
    pca = pca_of(map_data) if projection == "pca" else None
    ellipses = sigma_ellipses(position, logvar[0], pca)
ui.drawing_on_map_ui(ui.map_view(name, projection), position, ellipses)  # a star, ellipses
st.caption(ui.t(f"draw.where.{projection}") + (ui.t("draw.ellipses") if ellipses else ""))
