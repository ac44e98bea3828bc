"""Latent Map: the 10,000 test images where a model's encoder puts them. Click to decode."""

import streamlit as st

from explorer import ui
from explorer.map_data import projections

PAGE = "map"

st.set_page_config(
    page_title="Latent Map · Latent Explorer", page_icon=ui.PAGES[PAGE].icon, layout="wide"
)
refused = ui.page_header("page.map", "map.intro")
ui.apply_url(
    PAGE,
    {
        "model": ui.UrlField("model", ui.one_of(ui.autoencoder_names())),
        "view": ui.UrlField("projection", ui.one_of(["pca", "umap"])),
        "point": ui.UrlField("pick", lambda text: {"row": ui.whole_number(0, 9999)(text)}),
    },
    refused,
)
name = ui.model_picker_ui()
view = ui.map_view(name, ui.projection_picker_ui(projections(ui.cached_map_data(name))))
st.caption(ui.t(f"map.view.{view.projection}", dims=view.latent_dim))
st.markdown(ui.t("map.start"))  # one line: where a newcomer begins
with st.container():  # there in every view, so that the map after it stays the same chart
    if view.projection == "latent":  # the holes layer: how sure the classifier is, everywhere
        st.toggle(ui.t("map.holes_toggle"), key="holes", help=ui.t("map.holes_toggle.help"))

ui.latent_map_ui(view)  # the map; beside it the chosen point, its decode and its code
ui.recon_census_ui(view)  # predict, then reveal: how many reconstructions keep their class

if view.latent_dim == 2 and st.toggle(ui.t("map.manifold_toggle"), value=True):
    ui.manifold_ui(name)
