"""AE vs VAE: what each decoder makes of latents that come from no image, graded by a classifier."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.plotting import digit_counts, manifold_figure
from explorer.scoring import CONFIDENT, agreement

GRID = 8  # samples per grid: GRID x GRID

st.set_page_config(page_title="AE vs VAE · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title("AE vs VAE: which one can generate?")
st.write(
    "An autoencoder and a VAE of the same size, trained on the same images, both reconstruct "
    "well. Here each decoder is asked for digits that were never encoded: the middle of each "
    "digit's cluster, and random points. The shipped digit classifier grades every picture, so "
    "the comparison rests on numbers, not only on looks."
)

PAGE = "generation"
ui.apply_url(PAGE, ui.lesson_fields())
size = ui.latent_size_ui()
ae_names, vae_names = ui.models_where("ae", size), ui.models_where("vae", size)
if not ae_names or not vae_names:
    st.warning(f"This page needs an autoencoder and a VAE with a {size}-D latent space.")
    st.stop()
ae = st.sidebar.selectbox("Autoencoder", ae_names, format_func=ui.describe_model, key=f"ae{size}")
vae = st.sidebar.selectbox("VAE", vae_names, format_func=ui.describe_model, key=f"vae{size}")
seed = ui.seed_ui()
ui.write_url(PAGE, {"size": size, "seed": seed})

st.header("1. Decoding the middle of each digit's cluster")
st.write(
    "Average the codes of all test images of one digit, and decode that mean. If the space "
    "between an autoencoder's points meant nothing, these pictures would be poor."
)
hits = {}
for column, name in zip(st.columns(2, gap="large"), (ae, vae)):
    images, graded = ui.cached_cluster_means(name)
    hits[name] = agreement(graded.digits, np.arange(10))
    with column:
        st.subheader(ui.describe_model(name))
        ui.show_grid(images, 10, "The decoded mean code of the 0s, 1s, … 9s, left to right")
        st.markdown(
            f"**{hits[name]:.0%}** read as their own digit, mean confidence "
            f"{graded.mean_confidence:.2f}."
        )
        st.caption(
            "The classifier reads: "
            + ", ".join(
                f"{d}→{r} ({c:.0%})"
                for d, (r, c) in enumerate(zip(graded.digits, graded.confidences))
            )
        )
if hits[ae] >= 0.8:
    st.info(
        f"Here the autoencoder's cluster means decode to recognisable digits too ({hits[ae]:.0%} "
        f"against the VAE's {hits[vae]:.0%}), so the claim that they decode poorly does not "
        "hold for this model: a cluster's mean lies among its codes, where the decoder was "
        "trained. The sharp difference is in sampling, below."
    )
else:
    st.info(
        f"The autoencoder's cluster means are read as their own digit {hits[ae]:.0%} of the "
        f"time, the VAE's {hits[vae]:.0%}: the mean of an autoencoder's cluster can fall where "
        "no code lies, and the decoder was never trained there."
    )

st.header("2. Sampling: decoding random points")
st.write(
    "A VAE is trained so that its codes fill its prior N(0, I), so z ~ N(0, I) should decode "
    "to digits. An autoencoder has no prior. Sample it anyway: with N(0, I), and with a "
    f"Gaussian fitted to its codes, the fairest guess. Each grid holds {GRID * GRID} samples; "
    f"a picture counts as recognised when the classifier is at least {CONFIDENT:.0%} sure."
)
grids = [
    (vae, "prior", "VAE: z ~ N(0, I)"),
    (ae, "prior", "AE: z ~ N(0, I)"),
    (ae, "fitted", "AE: z ~ a Gaussian fitted to its codes"),
]
graded = {}
for column, (name, source, title) in zip(st.columns(3, gap="medium"), grids):
    images, graded[title] = ui.cached_samples(name, source, GRID * GRID, seed)
    with column:
        st.subheader(title)
        ui.show_grid(images, GRID, f"{name}, seed {seed}", scale=2)
        st.markdown(graded[title].summary() + ".")
        ui.show_chart(
            digit_counts(graded[title].counts, "Digits the classifier reads", ui.digit_style()),
            title,
        )
vae_score, ae_scores = graded[grids[0][2]], [graded[title] for _, _, title in grids[1:]]
if vae_score.digits_covered > max(s.digits_covered for s in ae_scores):
    verdict = (
        "The VAE's samples cover more of the ten digits: its prior is where its codes are. "
        "The autoencoder's samples crowd into the clusters that happen to lie under the Gaussian."
    )
elif vae_score.recognised > max(s.recognised for s in ae_scores):
    verdict = "The VAE's samples are recognised more often: its prior is where its codes are."
else:
    verdict = (
        "With this model and seed the autoencoder's samples do as well as the VAE's. With "
        f"{GRID * GRID} samples the figures move by several points from seed to seed: try others."
    )
st.info(
    "Recognised, and digits covered: "
    + "; ".join(f"{t} {graded[t].recognised:.0%}, {graded[t].digits_covered}" for _, _, t in grids)
    + ". "
    + verdict
)

if size == 2:
    st.header("3. The whole 2-D space, decoded")
    st.write(
        "Each tile decodes one point of a 15 x 15 grid spaced by the inverse normal CDF (Kingma "
        "and Welling 2014, figure 4): the VAE's grid covers its prior N(0, I); the "
        "autoencoder's, a Gaussian fitted to its codes. Look for tiles that are no digit."
    )
    for column, name in zip(st.columns(2, gap="large"), (ae, vae)):
        latent = "mu" if ui.config_of(name)["kind"] == "vae" else "z"
        canvas, xs, ys = ui.cached_manifold(name, 15)
        with column:
            st.subheader(ui.describe_model(name))
            ui.show_chart(
                manifold_figure(canvas, xs, ys, (f"{latent}[1]", f"{latent}[2]")), f"grid-{name}"
            )
