"""AE vs VAE: what each decoder makes of codes that come from no image, graded by a classifier."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.plotting import manifold_figure
from explorer.questions import prior_answer
from explorer.scoring import CONFIDENT, agreement, best_generator

PAGE = "generation"
GRID = 8  # samples per grid: GRID x GRID

st.set_page_config(
    page_title="AE vs VAE · Latent Explorer", page_icon=ui.PAGES[PAGE].icon, layout="wide"
)
refused = ui.page_header("gen.title", "gen.intro")

ui.apply_url(PAGE, ui.lesson_fields(), refused)
size = ui.latent_size_ui()
ae, vae = ui.pair_picker_ui(size)
seed = ui.seed_ui()
ui.write_url(PAGE, {"size": size, "seed": seed})

st.header(ui.t("gen.means"))
ui.explain(ui.t("gen.means.text"))
hits, names = {}, ui.class_names()
for column, name in zip(ui.side_by_side(2), (ae, vae)):
    images, graded = ui.cached_cluster_means(name)
    hits[name] = agreement(graded.classes, np.arange(10))
    with column:
        st.subheader(ui.describe_model(name))
        readings = [  # under each class's mean: what the classifier reads in its decode
            f"{names[d]} → {names[r]} ({c:.0%})"  # spaced: a long name wraps whole
            for d, (r, c) in enumerate(zip(graded.classes, graded.confidences))
        ]
        ui.show_strip(images, readings, ui.t("gen.means.caption"))
        st.markdown(ui.t("gen.means.share", share=hits[name], confidence=graded.mean_confidence))
verdict = "gen.means.ae_good" if hits[ae] >= 0.8 else "gen.means.ae_poor"
st.info(ui.t(verdict, ae=hits[ae], vae=hits[vae]))

st.header(ui.t("gen.sampling"))
ui.explain(ui.t("gen.sampling.text", n=GRID * GRID, threshold=CONFIDENT))
# predict, then reveal: the grids wait for a guess, one for each autoencoder asked about
if not ui.asked_ui("prior", variant=f"-{ae}"):
    st.stop()
grids = [
    (vae, "prior", ui.t("gen.grid.vae")),
    (ae, "prior", ui.t("gen.grid.ae")),
    (ae, "fitted", ui.t("gen.grid.fitted")),
]
graded = {}
for column, (name, source, title) in zip(ui.side_by_side(3), grids):
    images, graded[title] = ui.cached_samples(name, source, GRID * GRID, seed)
    with column:
        st.subheader(title)
        caption = ui.t("gen.grid.caption", name=ui.short_name(name), seed=seed)
        ui.show_grid(images, GRID, caption, scale=3)
        st.markdown(ui.score_summary(graded[title]))
        ui.show_class_counts(graded[title], f"histogram-{source}-{name}")
vae_score, ae_scores = graded[grids[0][2]], [graded[title] for _, _, title in grids[1:]]
verdict = ui.t(f"gen.verdict.{best_generator(vae_score, ae_scores)}", n=GRID * GRID)
figures = "; ".join(
    f"{title} {graded[title].recognised:.0%}, {graded[title].classes_covered}"
    for _, _, title in grids
)
st.info(ui.t("gen.verdict", figures=figures, verdict=verdict))
ae_prior = graded[grids[1][2]]
measured = ui.t("ask.prior.measured", ae=ae_prior.recognised, vae=vae_score.recognised)
ui.answer_ui("prior", prior_answer(ae_prior), measured, variant=f"-{ae}")

if size == 2:
    st.header(ui.t("gen.manifold"))
    ui.explain(ui.t("gen.manifold.text"))
    for column, name in zip(ui.side_by_side(2), (ae, vae)):
        canvas, xs, ys = ui.cached_manifold(name, 15)
        axes = ui.axis_titles("latent", ui.code_name(name))
        with column:
            st.subheader(ui.describe_model(name))
            ui.show_image_chart(manifold_figure(canvas, xs, ys, axes), f"grid-{name}")
