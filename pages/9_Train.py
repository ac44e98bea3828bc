"""Train: a new AE or VAE trained live, its losses and (for 2-D) its codes redrawn every epoch."""

import streamlit as st

from explorer import jobs, ui

st.set_page_config(
    page_title="Train · Latent Explorer", page_icon=ui.PAGES["train"].icon, layout="wide"
)
refused = ui.page_header("page.train", "train.intro")
ui.apply_url("train", {}, refused)

job = jobs.status()
if job is not None and job.running:
    ui.live_training_ui()
else:
    if job is not None:
        ui.training_outcome_ui(job)
    problem = ui.training_data_problem(ui.current_dataset())
    if problem:
        st.warning(ui.t("train.no_data"))
        st.code(problem, language=None)
        st.caption(ui.t("train.no_data.rest"))
    else:
        ui.training_form_ui()
