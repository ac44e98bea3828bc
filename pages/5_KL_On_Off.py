"""KL on / off: the same VAE trained without and with the KL term, side by side."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.latents import active_dimensions

PAGE = "kl"
SAMPLES = 8 * 8
SHOWN = 16  # test images reconstructed

st.set_page_config(
    page_title="KL on / off · Latent Explorer", page_icon=ui.PAGES[PAGE].icon, layout="wide"
)
refused = ui.page_header("kl.title", "kl.intro")
betas = sorted({beta for size in ui.latent_sizes() for beta in ui.vaes_by_beta(size) if beta})
fields = ui.lesson_fields() | {"beta": ui.UrlField(ui.BETA_KEY, ui.one_of(betas, float))}
ui.apply_url(PAGE, fields, refused)
size = ui.latent_size_ui()
off, on, beta = ui.kl_pair_ui(size)
seed = ui.seed_ui()
choosing_beta = len(ui.vaes_by_beta(size)) > 2
ui.write_url(PAGE, {"size": size, "seed": seed} | ({"beta": beta} if choosing_beta else {}))
sides = ((off, ui.t("kl.off")), (on, ui.t("kl.on", beta=beta)))

st.header(ui.t("kl.recon"))
labels = ui.cached_map_data(off)["labels"]
rows = tuple(np.random.default_rng(seed).choice(len(labels), SHOWN, replace=False).tolist())
if ui.asked_ui("no_kl"):  # predict, then reveal: will it still reconstruct?
    ui.reconstructions_ui(sides, rows, labels)

st.header(ui.t("kl.where"))
ui.explain(ui.t("kl.where.text") + ("" if size == 2 else ui.t("kl.where.pca", size=size)))
for column, (name, title), side in zip(ui.side_by_side(2), sides, ("off", "on")):
    with column:
        st.subheader(title)
        ui.prior_view_ui(name, size, f"prior-{side}")  # one chart a side, whatever its beta

st.header(ui.t("kl.sampling"))
ui.explain(ui.t("kl.sampling.text", n=SAMPLES))
for column, (name, title) in zip(ui.side_by_side(2), sides):
    images, graded = ui.cached_samples(name, "prior", SAMPLES, seed)
    with column:
        st.subheader(title)
        ui.show_grid(images, 8, ui.t("gen.grid.caption", name=ui.short_name(name), seed=seed), 3)
        st.markdown(ui.score_summary(graded))
        ui.show_class_counts(graded, f"h-{name}")

st.header(ui.t("kl.per_dim"))
ui.explain(ui.t("kl.per_dim.text"))
for column, (name, title) in zip(ui.side_by_side(2), sides):
    kl = ui.cached_kl(name)
    active = active_dimensions(kl)
    with column:
        st.subheader(title)
        st.markdown(ui.t("kl.active", active=active.sum(), size=size, kl=kl.sum()))
        ui.show_chart(ui.kl_figure(name, tuple(ui.figure_words().items())), f"kl-{name}")

ui.tradeoff_ui(size, rows[:8])  # the beta sweep, on the same test images as section 1
