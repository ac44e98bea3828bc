"""The lessons' results, cached once per process for every session: each wraps one function
of explorer/ (where it is tested without Streamlit) around the cached models."""

import numpy as np
import streamlit as st

from explorer.checkpoints import split_name
from explorer.coverage import ConfidencePlane, confidence_plane
from explorer.generation import cluster_means, sample_codes
from explorer.interpolation import Census, interpolate, path_census
from explorer.latents import decode, kl_per_dimension, manifold_of
from explorer.map_data import stored_readings
from explorer.scoring import Score, grade, score
from explorer.ui.catalogue import (
    cached_map_data,
    cached_model,
    classifier_fingerprint,
    classifier_name,
)


def score_images(images: np.ndarray, dataset: str) -> Score:
    """The dataset's classifier's grade of images (N, 28, 28): see explorer/scoring.py."""
    return grade(cached_model(classifier_name(dataset)), images)


def score_test_image(name: str, row: int, images: np.ndarray) -> Score:
    """The classifier's grade of a test image and of this model's reconstruction of it
    (images: both, or the reconstruction alone): as stored in the model's map data, where the
    classifier in use made it, else read now. A click then costs no classifier run."""
    dataset = split_name(name)[0]
    stored = stored_readings(
        cached_map_data(name), row, classifier_fingerprint(dataset), with_original=len(images) == 2
    )
    return score_images(images, dataset) if stored is None else score(*stored)


def reconstruction_classes(name: str, n: int) -> np.ndarray:
    """The classifier's class of this model's reconstructions of the first n test images, as
    stored where the classifier in use made them, else read now."""
    map_data = cached_map_data(name)
    stored = stored_readings(
        map_data, slice(0, n), classifier_fingerprint(split_name(name)[0]), with_original=False
    )
    if stored is None:
        return graded_decodes(name, map_data["codes"][:n])[1].classes
    return stored[0][0]


def reconstruction_readings(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The classifier's (classes, confidences) of this model's reconstruction of every test
    image, as stored where the classifier in use made them, else read now."""
    map_data = cached_map_data(name)
    fingerprint = classifier_fingerprint(split_name(name)[0])
    stored = stored_readings(map_data, slice(None), fingerprint, with_original=False)
    if stored is None:
        graded = graded_decodes(name, map_data["codes"])[1]
        return graded.classes, graded.confidences
    return stored[0][0], stored[1][0]


def original_readings(dataset: str, names: list[str], images: np.ndarray) -> tuple:
    """The classifier's (classes, confidences) of every test image: as the first of these
    models' map data stored them where the classifier in use made them, else read now."""
    fingerprint = classifier_fingerprint(dataset)
    for name in names:
        stored = stored_readings(cached_map_data(name), slice(None), fingerprint)
        if stored is not None:
            return stored[0][0], stored[1][0]
    graded = score_images(images, dataset)
    return graded.classes, graded.confidences


@st.cache_data(show_spinner=False, max_entries=16)
def kept_by_all(models: tuple[str, ...]) -> np.ndarray:
    """Per test image, whether each of these models' reconstructions reads as its class."""
    labels = cached_map_data(models[0])["labels"]
    kept = [reconstruction_classes(name, len(labels)) == labels for name in models]
    return np.logical_and.reduce(kept)


def graded_decodes(name: str, z: np.ndarray) -> tuple[np.ndarray, Score]:
    """Codes of a model decoded, and the classifier of its dataset's grade of them."""
    images = decode(cached_model(name), z)
    return images, score_images(images, split_name(name)[0])


@st.cache_data(show_spinner=False)
def cached_manifold(name: str, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Decoded n x n grid of a 2-D model: the prior's quantiles for a VAE, the codes' for an AE."""
    return manifold_of(cached_model(name), cached_map_data(name)["codes"], n)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_cluster_means(name: str) -> tuple[np.ndarray, Score]:
    """Each class's mean code decoded, (10, 28, 28), and the classifier's grade of them."""
    map_data = cached_map_data(name)
    return graded_decodes(name, cluster_means(map_data["codes"], map_data["labels"]))


@st.cache_data(show_spinner=False, max_entries=256)
def cached_samples(name: str, source: str, n: int, seed: int) -> tuple[np.ndarray, Score]:
    """n decodes of codes from no image (source "prior" or "fitted": see sample_codes), graded."""
    return graded_decodes(name, sample_codes(source, cached_map_data(name)["codes"], n, seed))


@st.cache_data(show_spinner=False, max_entries=256)
def cached_reconstructions(name: str, rows: tuple[int, ...]) -> tuple[np.ndarray, Score]:
    """Test images' codes decoded (the reconstructions, from mu for a VAE), and their grade."""
    return graded_decodes(name, cached_map_data(name)["codes"][list(rows)])


@st.cache_data(show_spinner="Reading the decode of every place on the plane…", max_entries=32)
def cached_confidence_plane(name: str) -> ConfidencePlane:
    """The classifier's reading of the decode of each cell over a 2-D model's plane."""
    classifier = cached_model(classifier_name(split_name(name)[0]))
    return confidence_plane(cached_model(name), classifier, cached_map_data(name)["codes"])


@st.cache_data(show_spinner=False, max_entries=64)
def cached_kl(name: str) -> np.ndarray:
    """A VAE's KL per latent dimension over the test images, (latent_dim,) nats."""
    map_data = cached_map_data(name)
    return kl_per_dimension(map_data["codes"], map_data["logvar"])


@st.cache_data(show_spinner=False, max_entries=256)
def cached_path(
    name: str, row_a: int, row_b: int, steps: int
) -> tuple[np.ndarray, np.ndarray, Score]:
    """The straight path between two test images' codes: (z (steps, d), decodes, grade)."""
    codes = cached_map_data(name)["codes"]
    z = interpolate(codes[row_a], codes[row_b], steps)
    return z, *graded_decodes(name, z)


@st.cache_data(show_spinner="Reading every step of many paths…", max_entries=256)
def cached_census(name: str, a: int, b: int, pairs: int, steps: int, seed: int) -> Census:
    """What the classifier reads along straight paths between random test images of a and b."""
    model, classifier = cached_model(name), cached_model(classifier_name(split_name(name)[0]))
    return path_census(model, classifier, cached_map_data(name), a, b, pairs, steps, seed)
