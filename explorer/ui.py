"""Streamlit glue: cached loaders (one copy per server process) and small widget helpers.

The only module of explorer/ that imports Streamlit.
"""

import numpy as np
import streamlit as st
import torch
from torch import nn

from explorer.checkpoints import (
    CHECKPOINT_DIR,
    CLASSIFIER,
    CheckpointError,
    available_models,
    model_from_checkpoint,
    read_checkpoint,
    resolve,
)
from explorer.classifier import classify
from explorer.data import DataUnavailableError, load_mnist_uint8
from explorer.embeddings import coords, load_embedding
from explorer.latents import manifold
from explorer.models import VAE
from explorer.plotting import empty_space_grid, tile

torch.set_num_threads(1)  # many sessions share the cores; one thread each keeps clicks fast


PAGES = [("streamlit_app.py", "Home", "🏠"), ("pages/1_Latent_Map.py", "Latent Map", "🗺️")]


def sidebar_nav() -> None:
    """The app's pages in the sidebar, in lesson order (emoji icons: no font fetched offline)."""
    for page, label, icon in PAGES:
        st.sidebar.page_link(page, label=label, icon=icon)
    st.sidebar.divider()


@st.cache_resource(show_spinner=False)
def model_catalogue() -> tuple[dict[str, dict], dict[str, str]]:
    """(usable, unusable): usable name -> checkpoint metrics and config; unusable name -> reason."""
    usable, unusable = {}, {}
    for name in available_models(CHECKPOINT_DIR):
        try:
            checkpoint = read_checkpoint(resolve(name))
            model_from_checkpoint(checkpoint, name)
            if name != CLASSIFIER:
                cached_embedding(name)  # checked once here, then shared
        except (CheckpointError, OSError, ValueError, KeyError) as error:
            unusable[name] = str(error)
            continue
        usable[name] = {"config": checkpoint["config"], "metrics": checkpoint["metrics"]}
    return usable, unusable


def autoencoder_names() -> list[str]:
    usable, _ = model_catalogue()
    return [name for name in usable if name != CLASSIFIER]


@st.cache_resource(show_spinner=False)
def cached_model(name: str) -> nn.Module:
    """The model in eval mode; shared by all sessions, so only ever used under inference_mode."""
    path = resolve(name)
    return model_from_checkpoint(read_checkpoint(path), path.name)


@st.cache_resource(show_spinner=False)
def cached_embedding(name: str) -> dict[str, np.ndarray]:
    """Shipped map data; shared read-only arrays (cache_resource: no copy per rerun)."""
    embedding = load_embedding(name)
    for array in embedding.values():
        array.setflags(write=False)
    return embedding


@st.cache_resource(show_spinner=False)
def cached_click_grid(name: str, projection: str) -> np.ndarray:
    """The map's clickable empty-space nodes for a model and 2-D view."""
    return empty_space_grid(coords(cached_embedding(name), projection))


@st.cache_resource(show_spinner="Reading the MNIST test images…")
def test_images() -> np.ndarray | None:
    """The MNIST test images, uint8 (10000, 28, 28), or None where they cannot be had: the map
    works without them, from the shipped codes."""
    try:
        images, _ = load_mnist_uint8(train=False)
    except DataUnavailableError:
        return None
    return images


@st.cache_data(show_spinner=False)
def cached_manifold(name: str, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Decoded n x n grid of a 2-D model: the prior's quantiles for a VAE, the codes' for an AE."""
    model = cached_model(name)
    if isinstance(model, VAE):
        mean, std = np.zeros(2), np.ones(2)
    else:
        latents = cached_embedding(name)["latent"]
        mean, std = latents.mean(axis=0), latents.std(axis=0)
    return manifold(model, n, mean, std)


def classify_images(images: np.ndarray) -> list[tuple[int, float]]:
    """(digit, confidence) per image (N, 28, 28), from the shipped classifier."""
    digits, confidences = classify(cached_model(CLASSIFIER), torch.as_tensor(images[:, None]))
    return list(zip(digits.tolist(), confidences.tolist()))


def describe_model(name: str) -> str:
    config = model_catalogue()[0][name]["config"]
    kind = "VAE" if config["kind"] == "vae" else "autoencoder"
    beta = f", beta {config['beta']:g}" if config["kind"] == "vae" else ""
    return f"{name}  ({kind}, {config['latent_dim']}-D latent{beta})"


def model_picker_ui(label: str = "Model", key: str = "model") -> str:
    """Sidebar select box over the usable models; lists unusable checkpoint files with reasons."""
    names = autoencoder_names()
    if not names:
        st.error("No usable models in checkpoints/. Run `python train_models.py` to train them.")
        st.stop()
    name = st.sidebar.selectbox(label, names, format_func=describe_model, key=key)
    unusable = model_catalogue()[1]
    if unusable:
        with st.sidebar.expander(f"{len(unusable)} checkpoint file(s) skipped"):
            for reason in unusable.values():
                st.caption(reason)
    return name


PROJECTION_NAMES = {"latent": "the latent itself", "pca": "PCA", "umap": "UMAP"}


def projection_picker_ui(options: list[str], key: str = "projection") -> str:
    if len(options) == 1:
        return options[0]
    return st.sidebar.radio(
        "2-D view of the latent space",
        options,
        format_func=PROJECTION_NAMES.get,
        key=key,
        help="PCA is a linear shadow of the codes (so a click can be decoded through it); "
        "UMAP keeps neighbours together but has no inverse.",
    )


def show_images(images: np.ndarray, captions: list[str], scale: int = 4) -> None:
    """Images side by side in columns, upscaled with crisp pixels, each with a caption."""
    for column, image, caption in zip(st.columns(len(images)), images, captions):
        column.image(
            tile(image[None], scale=scale), caption=caption, clamp=True, output_format="PNG"
        )
