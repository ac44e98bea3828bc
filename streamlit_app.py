"""Home page: what Latent Explorer teaches, in the order of the lesson, and the models it has."""

import streamlit as st

from explorer import ui

MAP, DRAW, LINKED, GENERATION, KL, INTERPOLATION, TRAIN = (page for page, _, _ in ui.PAGES[1:])

st.set_page_config(page_title="Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title("Latent Explorer")
st.write(
    "Autoencoders and variational autoencoders (VAEs) squeeze a 28 x 28 MNIST digit into a "
    "few numbers, its **latent vector**, and rebuild the image from them. This app lets you "
    "touch that latent space: click anywhere on a map of it and see what the decoder makes "
    "of that point."
)

st.header("The lesson, step by step")
# Each link is a preset: it opens its page on the models and settings of that step, the same
# link a teacher can copy from the address bar and hand to the class.
STEPS = [
    (
        "1. An autoencoder compresses and reconstructs",
        "The encoder turns an image into a small latent vector; the decoder rebuilds the image. "
        "How well it rebuilds shows how much the vector keeps.",
        [(MAP, "🗺️", "Latent Map with ae-20d: click any digit, compare original and "
          "reconstruction", {"model": "ae-20d", "view": "pca"}),
         (DRAW, "✏️", "Draw a digit: encode your own handwriting and see where it lands",
          {"model": "ae-20d"})],
    ),
    (
        "2. An autoencoder's latent space is a set of points",
        "Each image becomes one point. Digits form clusters, but nothing trains the space "
        "between the points, so an autoencoder is no generative model.",
        [(MAP, "🗺️", "Latent Map with ae-2d: click empty space between clusters",
          {"model": "ae-2d"}),
         (GENERATION, "🎲", "AE vs VAE: decode cluster means and random points, graded by "
          "a classifier", {"size": "2", "seed": "0"})],
    ),
    (
        "3. A VAE encodes a Gaussian: mu and sigma",
        "A VAE's encoder gives a mean mu and a spread sigma per image; the decoder sees "
        "z = mu + sigma * eps with eps ~ N(0, I), the reparameterization trick.",
        [(MAP, "🗺️", "Latent Map with vae-2d on a 3: the ellipses show sigma, the strip "
          "decodes draws of z", {"model": "vae-2d", "point": "18"}),
         (LINKED, "🔗", "Linked maps: the same 3 in ae-2d and vae-2d, side by side",
          {"size": "2", "point": "18"})],
    ),
    (
        "4. The KL term shapes the space",
        "Trained on reconstruction alone, a VAE still reconstructs well but its codes scatter "
        "far from the origin. The KL term pulls every Gaussian toward N(0, I): the space "
        "becomes compact and continuous, and decoding the prior gives real-looking digits.",
        [(KL, "⚖️", "KL on / off: the same 20-D VAE with beta 0 and beta 1, side by side",
          {"size": "20", "seed": "0"}),
         (KL, "⚖️", "KL on / off in 2-D, with the beta slider", {"size": "2", "seed": "0"})],
    ),
    (
        "5. Interpolation",
        "Walking the straight line between two digits' latent vectors morphs one into the "
        "other; on the way from a 2 to a 5 an 8 may appear.",
        [(INTERPOLATION, "↔️", "Interpolation from a 2 to a 5 in 20-D, counting the third "
          "digits met on the way", {"size": "20", "from": "2", "to": "5", "seed": "0"})],
    ),
]  # fmt: skip
for title, text, links in STEPS:
    with st.container(border=True):
        st.subheader(title)
        st.write(text)
        for page, icon, label, params in links:
            st.page_link(page, label=label, icon=icon, query_params=params)

st.header("Models in this app")
usable, unusable = ui.model_catalogue()
st.write(
    "Trained on the 60,000 MNIST training images by `train_models.py`; figures are on the "
    "10,000 test images. Loss is in nats per image: binary cross-entropy summed over the 784 "
    "pixels, plus the KL term for VAEs (lower is better). MSE is per pixel."
)
rows = []
for name, info in usable.items():
    config, metrics = info["config"], info["metrics"]
    if name == "classifier":
        rows.append({"model": name, "kind": "digit classifier (CNN)",
                     "test accuracy": metrics["accuracy"]})  # fmt: skip
        continue
    rows.append(
        {
            "model": name,
            "kind": "VAE" if config["kind"] == "vae" else "autoencoder",
            "latent size": config["latent_dim"],
            "beta": config["beta"] if config["kind"] == "vae" else None,
            "test loss (BCE + KL)": metrics.get("loss"),
            "reconstruction BCE": metrics["recon_bce"],
            "reconstruction MSE": metrics["recon_mse"],
        }
    )
st.dataframe(rows, hide_index=True)
st.page_link(TRAIN, label="Train a model of your own and watch it learn", icon="🏋️")
for reason in unusable.values():
    st.warning(f"Skipped a checkpoint file: {reason}")
st.caption(
    "MNIST: Y. LeCun, C. Cortes and C. J. C. Burges, CC BY-SA 3.0. The app reads the test "
    "images from MNIST_ROOT (or ./data, downloading them where a network exists); without "
    "them the map still works from the shipped latent codes."
)
