"""Linked maps: an autoencoder and a VAE side by side; a digit clicked in one is shown in both."""

import streamlit as st

from explorer import ui
from explorer.map_data import projections

PAGE = "linked"

st.set_page_config(
    page_title="Linked maps · Latent Explorer", page_icon=ui.PAGES[PAGE].icon, layout="wide"
)
refused = ui.page_header("linked.title", "linked.intro")
fields = ui.lesson_fields() | {"point": ui.UrlField("linked_row", ui.whole_number(0, 9999))}
ui.apply_url(PAGE, fields, refused)
size = ui.latent_size_ui()
ae, vae = ui.pair_picker_ui(size)
projection = ui.projection_picker_ui(projections(ui.cached_map_data(vae)))

ui.linked_maps_ui(ae, vae, projection, size)
