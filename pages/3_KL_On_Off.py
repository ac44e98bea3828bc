"""KL on / off: the same VAE trained without and with the KL term, side by side."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.latents import active_dimensions, kl_per_dimension
from explorer.plotting import beta_tradeoff, digit_counts, kl_bars, latent_map, with_prior_circles
from explorer.scoring import agreement

SAMPLES = 8 * 8
SHOWN = 16  # test images reconstructed
TRADEOFF_SAMPLES = 256
PRIOR_WITHIN_2_SIGMA = 1 - np.exp(-2)  # P(|z| <= 2) for z ~ N(0, I_2): a chi-square, 2 dof

st.set_page_config(page_title="KL on / off · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title(ui.t("kl.title"))
st.write(ui.t("kl.intro"))
ui.dataset_note()

PAGE = "kl"
BETA_KEY = "beta"
fields = ui.lesson_fields()
betas_2d = sorted({ui.config_of(n)["beta"] for n in ui.models_where("vae", 2)} - {0.0})
fields["beta"] = ui.UrlField(BETA_KEY, ui.one_of(betas_2d, float))
ui.apply_url(PAGE, fields)
size = ui.latent_size_ui()
vaes = ui.models_where("vae", size)
off_names = [n for n in vaes if ui.config_of(n)["beta"] == 0]
betas = sorted({ui.config_of(n)["beta"] for n in vaes} - {0.0})
if not off_names or not betas:
    st.warning(ui.t("kl.needs", size=size))
    st.stop()
beta = betas[0]
if len(betas) > 1:
    if st.session_state.get(BETA_KEY) not in betas:
        st.session_state[BETA_KEY] = 1.0 if 1.0 in betas else betas[0]
    beta = st.sidebar.select_slider(ui.t("kl.beta"), betas, key=BETA_KEY, help=ui.t("kl.beta.help"))
off = off_names[0]
on = next(n for n in vaes if ui.config_of(n)["beta"] == beta)
seed = ui.seed_ui()
ui.write_url(PAGE, {"size": size, "seed": seed} | ({"beta": beta} if len(betas) > 1 else {}))
sides = ((off, ui.t("kl.off")), (on, ui.t("kl.on", beta=beta)))
embeddings = {name: ui.cached_embedding(name) for name, _ in sides}

st.header(ui.t("kl.recon"))
labels = embeddings[off]["labels"]
rows = tuple(np.random.default_rng(seed).choice(len(labels), SHOWN, replace=False).tolist())
originals = ui.test_images()
if originals is not None:
    ui.show_grid(originals[list(rows)] / np.float32(255), 8, ui.t("kl.test_images"), scale=2)
else:
    st.caption(ui.t("kl.no_originals"))
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    images, graded = ui.cached_reconstructions(name, rows)
    metrics = ui.metrics_of(name)
    with column:
        st.subheader(title)
        ui.show_grid(images, 8, ui.t("kl.recon.caption", name=ui.short_name(name)), scale=2)
        share = agreement(graded.digits, labels[list(rows)])
        st.markdown(
            ui.t("kl.recon.share", share=share, recon=metrics["recon_bce"], kl=metrics["kl"])
        )
recon = {name: ui.metrics_of(name)["recon_bce"] for name, _ in sides}
verdict = "kl.recon.same" if recon[off] <= recon[on] else "kl.recon.worse"
st.info(ui.t(verdict, off=recon[off], on=recon[on]))

st.header(ui.t("kl.where"))
st.write(ui.t("kl.where.text") + ("" if size == 2 else ui.t("kl.where.pca", size=size)))
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    embedding = embeddings[name]
    if size == 2:
        xy, axes = embedding["latent"], ui.axis_titles("latent", "mu")
    else:  # through the origin, so the prior still projects to N(0, I_2)
        xy, axes = embedding["latent"] @ embedding["pca_components"].T, ui.axis_titles("pca")
    within = float((np.linalg.norm(xy, axis=1) <= 2).mean())
    with column:
        st.subheader(title)
        words = ui.figure_words()
        figure = with_prior_circles(
            latent_map(
                xy,
                embedding["labels"],
                axes,
                revision=name,
                style=ui.digit_style(),
                words=words,
                names=ui.class_labels(),
            ),
            words=words,
        )
        ui.show_chart(figure, f"map-{name}")
        st.markdown(ui.t("kl.within", within=within, prior=PRIOR_WITHIN_2_SIGMA))

st.header(ui.t("kl.sampling"))
st.write(ui.t("kl.sampling.text", n=SAMPLES))
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    images, graded = ui.cached_samples(name, "prior", SAMPLES, seed)
    with column:
        st.subheader(title)
        caption = ui.t("gen.grid.caption", name=ui.short_name(name), seed=seed)
        ui.show_grid(images, 8, caption, scale=2)
        st.markdown(ui.score_summary(graded))
        ui.show_chart(
            digit_counts(
                graded.counts,
                ui.t("score.histogram"),
                ui.digit_style(),
                ui.figure_words(),
                ui.class_labels(),
            ),
            f"h-{name}",
        )

st.header(ui.t("kl.per_dim"))
st.write(ui.t("kl.per_dim.text"))
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    embedding = embeddings[name]
    kl = kl_per_dimension(embedding["latent"], embedding["logvar"])
    active = active_dimensions(embedding["latent"])
    with column:
        st.subheader(title)
        st.markdown(ui.t("kl.active", active=active.sum(), size=size, kl=kl.sum()))
        ui.show_chart(kl_bars(kl, active, ui.figure_words()), f"kl-{name}")

if len(betas) > 1:
    st.header(ui.t("kl.tradeoff"))
    st.write(ui.t("kl.tradeoff.text", n=TRADEOFF_SAMPLES))
    names = [next(n for n in vaes if ui.config_of(n)["beta"] == b) for b in [0.0, *betas]]
    bces = [ui.metrics_of(n)["recon_bce"] for n in names]
    recognised = [ui.cached_samples(n, "prior", TRADEOFF_SAMPLES, 0)[1].recognised for n in names]
    ui.show_chart(
        beta_tradeoff(
            [ui.config_of(n)["beta"] for n in names],
            bces,
            [ui.metrics_of(n)["kl"] for n in names],
            recognised,
            ui.figure_words(),
        ),
        "tradeoff",
    )
    best = recognised.index(max(recognised))
    st.info(
        ui.t(
            "kl.tradeoff.result", first=bces[0], last=bces[-1], beta=betas[-1],
            r_first=recognised[0], r_last=recognised[-1], best=recognised[best],
            best_beta=ui.config_of(names[best])["beta"],
        )
    )  # fmt: skip
