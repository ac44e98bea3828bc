"""Watch it learn: a 2-D AE's and VAE's codes replayed through their training, side by side."""

import streamlit as st

from explorer import ui

PAGE = "replay"

st.set_page_config(page_title="Watch it learn · Latent Explorer", layout="wide")
refused = ui.page_header("page.replay", "replay.intro")
ui.apply_url(PAGE, {}, refused)
models = ui.replay_pair_ui()

st.header(ui.t("replay.title"))
ui.replay_ui(models)  # one slider and a play button over the moments; the numbers at each
