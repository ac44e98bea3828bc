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
st.title("KL on / off: what the KL term does")
st.write(
    "A VAE's loss has two terms: the reconstruction error, and beta times the KL divergence "
    "from each image's Gaussian q(z|x) to the prior N(0, I). With beta = 0 only reconstruction "
    "counts. Below, the same architecture trained both ways, on the same test images."
)

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
    st.warning(f"This page needs a {size}-D VAE trained with beta = 0 and one with beta > 0.")
    st.stop()
beta = betas[0]
if len(betas) > 1:
    if st.session_state.get(BETA_KEY) not in betas:
        st.session_state[BETA_KEY] = 1.0 if 1.0 in betas else betas[0]
    beta = st.sidebar.select_slider(
        "beta of the KL-on model",
        betas,
        key=BETA_KEY,
        help="The weight of the KL term. 1 is the VAE of Kingma and Welling.",
    )
off = off_names[0]
on = next(n for n in vaes if ui.config_of(n)["beta"] == beta)
seed = ui.seed_ui()
ui.write_url(PAGE, {"size": size, "seed": seed} | ({"beta": beta} if len(betas) > 1 else {}))
sides = ((off, "KL off (beta 0)"), (on, f"KL on (beta {beta:g})"))
embeddings = {name: ui.cached_embedding(name) for name, _ in sides}

st.header("1. Both reconstruct")
labels = embeddings[off]["labels"]
rows = tuple(np.random.default_rng(seed).choice(len(labels), SHOWN, replace=False).tolist())
originals = ui.test_images()
if originals is not None:
    ui.show_grid(originals[list(rows)] / np.float32(255), 8, "Test images", scale=2)
else:
    st.caption("Originals hidden: MNIST was not found (set MNIST_ROOT). Reconstructions below.")
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    images, graded = ui.cached_reconstructions(name, rows)
    metrics = ui.metrics_of(name)
    with column:
        st.subheader(title)
        ui.show_grid(images, 8, f"{name}: reconstructions (decoded mu)", scale=2)
        st.markdown(
            f"**{agreement(graded.digits, labels[list(rows)]):.0%}** of these read as the true "
            f"digit. On all 10,000 test images: reconstruction {metrics['recon_bce']:.1f} "
            f"nats per image, KL {metrics['kl']:.1f} nats."
        )
recon = {name: ui.metrics_of(name)["recon_bce"] for name, _ in sides}
st.info(
    (
        "Reconstruction does not need the KL term: trained on it alone, the beta 0 model "
        "rebuilds the test digits as well or better"
        if recon[off] <= recon[on]
        else "Here the beta 0 model reconstructs a little worse than the KL-on one"
    )
    + f" ({recon[off]:.1f} against {recon[on]:.1f} nats per image)."
)

st.header("2. Where the codes lie")
st.write(
    "Each dot is a test image's mu. The circles are the prior N(0, I) at 1 and 2 sigma: the "
    "region the decoder is asked about when we sample."
    + ("" if size == 2 else f" The {size}-D codes are seen on their first two principal axes.")
)
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    embedding = embeddings[name]
    if size == 2:
        xy, axes = embedding["latent"], ("mu[1]", "mu[2]")
    else:  # through the origin, so the prior still projects to N(0, I_2)
        xy, axes = embedding["latent"] @ embedding["pca_components"].T, ("PC 1", "PC 2")
    within = float((np.linalg.norm(xy, axis=1) <= 2).mean())
    with column:
        st.subheader(title)
        figure = with_prior_circles(
            latent_map(xy, embedding["labels"], axes, revision=name, style=ui.digit_style())
        )
        ui.show_chart(figure, f"map-{name}")
        st.markdown(
            f"**{within:.0%}** of the codes lie inside the 2-sigma circle "
            f"(samples of the prior: {PRIOR_WITHIN_2_SIGMA:.0%})."
        )

st.header("3. Sampling the prior")
st.write(
    f"{SAMPLES} draws of z ~ N(0, I), decoded by each model and read by the classifier. Where "
    "the codes do not fill the prior, its samples fall where the decoder never learned anything."
)
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    images, graded = ui.cached_samples(name, "prior", SAMPLES, seed)
    with column:
        st.subheader(title)
        ui.show_grid(images, 8, f"{name}, seed {seed}", scale=2)
        st.markdown(graded.summary() + ".")
        ui.show_chart(
            digit_counts(graded.counts, "Digits the classifier reads", ui.digit_style()),
            f"h-{name}",
        )

st.header("4. KL per latent dimension")
st.write(
    "The KL term, split by latent dimension (they add up to the KL above). A dimension is "
    "active when its mu varies across images (variance > 0.01, Burda et al. 2016); the KL "
    "term switches off the dimensions the model can do without."
)
for column, (name, title) in zip(st.columns(2, gap="large"), sides):
    embedding = embeddings[name]
    kl = kl_per_dimension(embedding["latent"], embedding["logvar"])
    active = active_dimensions(embedding["latent"])
    with column:
        st.subheader(title)
        st.markdown(f"**{active.sum()} of {size}** dimensions active; KL {kl.sum():.1f} nats.")
        ui.show_chart(kl_bars(kl, active), f"kl-{name}")

if len(betas) > 1:
    st.header("5. The trade-off: beta")
    st.write(
        "In theory, more weight on the KL term packs the codes closer to the prior: samples "
        "should improve while reconstructions get worse. Each point is one shipped model; "
        f"the recognised share is over the same {TRADEOFF_SAMPLES} draws of N(0, I) for every "
        "model (seed 0)."
    )
    names = [next(n for n in vaes if ui.config_of(n)["beta"] == b) for b in [0.0, *betas]]
    bces = [ui.metrics_of(n)["recon_bce"] for n in names]
    recognised = [ui.cached_samples(n, "prior", TRADEOFF_SAMPLES, 0)[1].recognised for n in names]
    ui.show_chart(
        beta_tradeoff(
            [ui.config_of(n)["beta"] for n in names],
            bces,
            [ui.metrics_of(n)["kl"] for n in names],
            recognised,
        ),
        "tradeoff",
    )
    st.info(
        f"Here reconstruction goes from {bces[0]:.1f} nats (beta 0) to {bces[-1]:.1f} "
        f"(beta {betas[-1]:g}), and recognised samples from {recognised[0]:.0%} to "
        f"{recognised[-1]:.0%}, with the most, {max(recognised):.0%}, at beta "
        f"{ui.config_of(names[recognised.index(max(recognised))])['beta']:g}."
    )
