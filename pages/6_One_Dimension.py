"""One dimension at a time: a test image's code moved along each latent dimension alone."""

import streamlit as st

from explorer import ui

PAGE = "traverse"

st.set_page_config(
    page_title="One dimension at a time · Latent Explorer",
    page_icon=ui.PAGES[PAGE].icon,
    layout="wide",
)
refused = ui.page_header("page.traverse", "traverse.intro")
ui.apply_url(
    PAGE,
    {
        "model": ui.UrlField("model", ui.one_of(ui.autoencoder_names())),
        "point": ui.UrlField("traverse_row", ui.whole_number(0, 9999)),
    },
    refused,
)
name = ui.model_picker_ui()
row = ui.test_image_ui()
view = ui.map_view(name, "latent" if ui.config_of(name)["latent_dim"] == 2 else "pca")
ui.write_url(PAGE, {"model": name, "point": row})
digit = ui.class_names()[ui.cached_map_data(name)["labels"][row]]
st.subheader(ui.t("traverse.image", row=row, digit=digit))

ui.sliders_ui(view, row)  # the map with the code's path; beside it the decode and the sliders

st.header(ui.t("traverse.grid"))
ui.explain(ui.t("traverse.grid.text"))
ui.grid_ui(name, row)

st.header(ui.t("traverse.kept"))
ui.kept_ui(ui.compared_pair(name, view.latent_dim))
