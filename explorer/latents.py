"""What the pages do with latent vectors: decode them, sample a VAE's Gaussian around mu,
measure the KL per dimension, lay out the manifold grid, draw a Gaussian's ellipse, and turn
a click into a latent.
"""

from dataclasses import dataclass

import numpy as np
import torch

from explorer.models import VAE, Autoencoder, kl_to_standard_normal
from explorer.projections import PCA, nearest


@torch.inference_mode()
def encode(model: Autoencoder, images: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Images (N, 28, 28) -> (latent (N, latent_dim): z, or mu for a VAE; logvar or None)."""
    x = torch.tensor(images[:, None], dtype=torch.float32)
    if isinstance(model, VAE):
        mu, logvar = model.encode(x)
        return mu.numpy(), logvar.numpy()
    return model.encode(x).numpy(), None


@torch.inference_mode()
def decode(model: Autoencoder, z: np.ndarray) -> np.ndarray:
    """Latents (N, latent_dim) -> images (N, 28, 28), pixel probabilities."""
    return model.decode(torch.tensor(z, dtype=torch.float32)).squeeze(1).numpy()


def sample_posterior(mu: np.ndarray, logvar: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n draws of z = mu + sigma * eps, eps ~ N(0, I): the reparameterization trick
    (Kingma and Welling 2014, section 2.4). Returns (n, latent_dim)."""
    eps = np.random.default_rng(seed).standard_normal((n, len(mu))).astype(np.float32)
    return mu + np.exp(0.5 * logvar) * eps


def kl_per_dimension(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Mean KL(q(z|x) || N(0, I)) of each latent dimension over the images, in nats:
    (latent_dim,). They sum to the KL term of the loss."""
    return kl_to_standard_normal(torch.tensor(mu), torch.tensor(logvar)).mean(0).numpy()


ACTIVE = 0.01


def active_dimensions(mu: np.ndarray) -> np.ndarray:
    """Which latent dimensions carry information: the variance of mu across images exceeds
    0.01 (the "active units" of Burda, Grosse and Salakhutdinov 2016, section 5.2). (latent_dim,)"""
    return mu.var(axis=0) > ACTIVE


def normal_grid_axis(n: int, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
    """n values evenly spaced in probability, through the inverse normal CDF: the manifold
    grid of Kingma and Welling 2014, figure 4. Decreasing, so row 0 is the top of a picture."""
    quantiles = torch.linspace(0.95, 0.05, n, dtype=torch.float64)
    return (torch.special.ndtri(quantiles) * std + mean).numpy()


def manifold(
    model: Autoencoder, n: int, mean: np.ndarray, std: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Decode an n x n grid over a 2-D latent space: (canvas (28n, 28n), x values, y values).

    The grid follows N(mean, std^2) per axis: the prior N(0, 1) for a VAE; for an AE, which
    has no prior, a Gaussian fitted to its codes.
    """
    xs = normal_grid_axis(n, mean[0], std[0])[::-1].copy()  # left to right: increasing
    ys = normal_grid_axis(n, mean[1], std[1])  # top to bottom: decreasing
    grid = np.array([[x, y] for y in ys for x in xs], dtype=np.float32)  # (n*n, 2), row-major
    images = decode(model, grid).reshape(n, n, 28, 28)
    canvas = images.transpose(0, 2, 1, 3).reshape(28 * n, 28 * n)
    return canvas, xs, ys


def gaussian_ellipse(
    center: np.ndarray, covariance: np.ndarray, n_sigma: float = 1.0, points: int = 73
) -> np.ndarray:
    """The n_sigma contour of a 2-D Gaussian as a closed polyline, (points, 2)."""
    variances, axes = np.linalg.eigh(covariance)
    angle = np.linspace(0, 2 * np.pi, points)
    circle = np.stack([np.cos(angle), np.sin(angle)], axis=1)  # (points, 2)
    return center + n_sigma * (circle * np.sqrt(np.maximum(variances, 0))) @ axes.T


def projected_covariance(logvar: np.ndarray, pca: PCA | None) -> np.ndarray:
    """The 2x2 covariance of q(z|x) = N(mu, diag(sigma^2)) seen on the map: natively, or
    through the PCA plane (C diag(sigma^2) C^T, exact since PCA is linear)."""
    variance = np.exp(logvar)
    if pca is None:
        return np.diag(variance)
    return (pca.components * variance) @ pca.components.T


@dataclass(frozen=True)
class Pick:
    """What a click chose: a test image (row) or a position, and the latent it decodes."""

    latent: np.ndarray  # (latent_dim,)
    row: int | None  # a test image's row, when the latent is that image's code
    how: str  # how the latent was found: "exact", "pca plane" or "nearest code"


def pick_at(
    latents: np.ndarray, coords: np.ndarray, projection: str, xy: np.ndarray, pca: PCA | None
) -> Pick:
    """The latent for a click on empty space at map position xy: the position itself in a
    2-D latent space; its point on the PCA plane (the other directions held at the codes'
    mean); in UMAP, which has no inverse, the code of the nearest test image."""
    if projection == "latent":
        return Pick(xy.astype(np.float32), None, "exact")
    if projection == "pca":
        return Pick(pca.inverse(xy[None])[0].astype(np.float32), None, "pca plane")
    row = nearest(coords, xy)
    return Pick(latents[row], row, "nearest code")
