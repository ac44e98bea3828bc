"""Watch it learn: a 2-D AE's and VAE's codes replayed through their training, side by side."""

import streamlit as st

from explorer import ui

PAGE = "replay"

st.set_page_config(
    page_title="Watch it learn · Latent Explorer", page_icon=ui.PAGES[PAGE].icon, layout="wide"
)
refused = ui.page_header("page.replay", "replay.intro")
ui.apply_url(
    PAGE,
    {
        "ae": ui.UrlField("replay-ae", ui.one_of(ui.models_where("ae", 2))),
        "vae": ui.UrlField("replay-vae", ui.one_of(ui.models_where("vae", 2))),
    },
    refused,
)
models = ui.replay_pair_ui()
ui.write_url(PAGE, dict(zip(("ae", "vae"), models)))

st.header(ui.t("replay.title"))
ui.replay_ui(models)  # one slider and a play button over the moments; the numbers at each
