"""One latent dimension at a time (latent traversal): a code moved along one dimension, in
units of that dimension's spread over the test set, with the others held, and what the
classifier reads along the way (the traversals of Higgins et al. 2017, "beta-VAE", figure 1)."""

from dataclasses import dataclass

import numpy as np
from torch import nn

from explorer.latents import active_dimensions, decode, kl_per_dimension
from explorer.models import Autoencoder
from explorer.scoring import grade

SIGMAS = np.linspace(-3, 3, 7)  # a grid row's columns, in sigmas of the dimension
SAMPLED = 50  # test images over which a model's traversals are measured


@dataclass(frozen=True)
class Dimensions:
    """A model's latent dimensions in the order a learner should try them."""

    order: np.ndarray  # (latent_dim,) dimension indices, most informative first
    mean: np.ndarray  # (latent_dim,) of the codes over the test set
    std: np.ndarray  # (latent_dim,)
    kl: np.ndarray | None  # (latent_dim,) a VAE's KL per dimension, nats
    active: np.ndarray  # (latent_dim,) bool: every AE dimension; a VAE's with KL > 0.01


def dimensions_of(codes: np.ndarray, logvar: np.ndarray | None) -> Dimensions:
    """A VAE's dimensions by their KL over the test set, the active ones first; an AE, which
    has no KL, by the spread of its codes (its scales differ, so sigma units make them
    comparable)."""
    mean, std = codes.mean(axis=0), codes.std(axis=0) + 1e-8
    if logvar is None:
        return Dimensions(np.argsort(-std, kind="stable"), mean, std, None,
                          np.ones(len(std), dtype=bool))  # fmt: skip
    kl = kl_per_dimension(codes, logvar)
    return Dimensions(np.argsort(-kl, kind="stable"), mean, std, kl, active_dimensions(kl))


def traversal_codes(
    code: np.ndarray, dims: Dimensions, rows: np.ndarray, sigmas: np.ndarray = SIGMAS
) -> np.ndarray:
    """(len(rows), len(sigmas), latent_dim): for each dimension in rows, the code with that
    dimension set to mean + s * std for each s, the others held."""
    z = np.tile(code.astype(np.float32), (len(rows), len(sigmas), 1))
    for k, dim in enumerate(rows):
        z[k, :, dim] = dims.mean[dim] + sigmas * dims.std[dim]
    return z


def traversal_grid(
    model: Autoencoder, classifier: nn.Module, code: np.ndarray, dims: Dimensions,
    rows: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """A traversal grid: images (rows, columns, 28, 28), the classifier's reading of each
    (classes, confidences), each (rows, columns)."""
    z = traversal_codes(code, dims, rows)
    shape = z.shape[:2]
    images = decode(model, z.reshape(-1, z.shape[-1]))
    graded = grade(classifier, images)
    return (images.reshape(*shape, 28, 28), graded.classes.reshape(shape),
            graded.confidences.reshape(shape))  # fmt: skip


def kept_class_shares(
    model: Autoencoder, classifier: nn.Module, codes: np.ndarray, dims: Dimensions, seed: int = 0,
) -> np.ndarray:  # fmt: skip
    """For each of SAMPLED test images (the same ones for every model of a dataset, by seed),
    the share of pictures along its traversals of the active dimensions that the classifier
    reads as the class of the untouched code's decode: how much one dimension at a time keeps
    the digit while it changes the style. (SAMPLED,)"""
    rows = np.random.default_rng(seed).choice(len(codes), SAMPLED, replace=False)
    active = dims.order[dims.active[dims.order]]
    start = grade(classifier, decode(model, codes[rows])).classes
    return np.array([
        float(np.mean(traversal_grid(model, classifier, codes[row], dims, active)[1] == start[k]))
        for k, row in enumerate(rows)
    ])  # fmt: skip


def clearly_apart(shares: np.ndarray, others: np.ndarray) -> bool:
    """Whether two models' shares over the same images differ in the mean by more than twice
    the standard error of the mean of their paired differences: a gap other test images would
    likely also show, rather than one a new sample of 50 could close."""
    differences = shares - others
    error = differences.std(ddof=1) / np.sqrt(len(differences))
    return bool(abs(differences.mean()) > 2 * error)
