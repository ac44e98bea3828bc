"""What the pages do with codes (latent vectors): decode them, sample a VAE's Gaussian around
mu, measure the KL per dimension, lay out the manifold grid, draw a Gaussian's ellipses, and
turn a click into a code.
"""

from dataclasses import dataclass

import numpy as np
import torch

from explorer.models import VAE, Autoencoder, kl_to_standard_normal
from explorer.projections import PCA, nearest


@torch.inference_mode()
def encode(model: Autoencoder, images: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Images (N, 28, 28) -> (codes (N, latent_dim): z, or mu for a VAE; logvar or None)."""
    x = torch.tensor(images[:, None], dtype=torch.float32)
    if isinstance(model, VAE):
        mu, logvar = model.encode(x)
        return mu.numpy(), logvar.numpy()
    return model.encode(x).numpy(), None


@torch.inference_mode()
def decode(model: Autoencoder, z: np.ndarray) -> np.ndarray:
    """Codes (N, latent_dim) -> images (N, 28, 28), pixel probabilities."""
    return model.decode(torch.tensor(z, dtype=torch.float32)).squeeze(1).numpy()


def sigma_of(logvar: np.ndarray) -> np.ndarray:
    """A VAE encoder's standard deviations from its log-variances: sigma = exp(logvar / 2)."""
    return np.exp(0.5 * logvar)


def sample_posterior(mu: np.ndarray, logvar: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n draws of z = mu + sigma * eps, eps ~ N(0, I): the reparameterization trick
    (Kingma and Welling 2014, section 2.4). Returns (n, latent_dim)."""
    eps = np.random.default_rng(seed).standard_normal((n, len(mu))).astype(np.float32)
    return mu + sigma_of(logvar) * eps


def kl_per_dimension(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Mean KL(q(z|x) || N(0, I)) of each latent dimension over the images, in nats:
    (latent_dim,). They sum to the KL term of the loss."""
    return kl_to_standard_normal(torch.tensor(mu), torch.tensor(logvar)).mean(0).numpy()


COLLAPSED_KL = 0.01  # nats per image


def active_dimensions(kl: np.ndarray) -> np.ndarray:
    """Which latent dimensions carry information: their mean KL to the prior over the images
    (kl_per_dimension) exceeds 0.01 nats. The others have collapsed onto the prior, q(z_i | x)
    = N(0, 1) whatever the image: posterior collapse (Lucas, Tucker, Grosse and Norouzi 2019,
    "Don't blame the ELBO!"). On the shipped VAEs these are exactly the "active units" of
    Burda, Grosse and Salakhutdinov 2016 (section 5.2: mu varies, variance > 0.01). (latent_dim,)"""
    return kl > COLLAPSED_KL


def normal_grid_axis(n: int, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
    """n values evenly spaced in probability, through the inverse normal CDF: the manifold
    grid of Kingma and Welling 2014, figure 4. Decreasing, so row 0 is the top of a picture."""
    quantiles = torch.linspace(0.95, 0.05, n, dtype=torch.float64)
    return (torch.special.ndtri(quantiles) * std + mean).numpy()


def manifold_of(model: Autoencoder, codes: np.ndarray, n: int) -> tuple:
    """The manifold grid of a 2-D model (see manifold): over the prior's quantiles for a VAE;
    for an AE, which has no prior, over those of a Gaussian fitted to its test codes."""
    if isinstance(model, VAE):
        return manifold(model, n, np.zeros(2), np.ones(2))
    return manifold(model, n, codes.mean(axis=0), codes.std(axis=0))


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


def sigma_ellipses(position: np.ndarray, logvar: np.ndarray, pca: PCA | None) -> list[np.ndarray]:
    """A VAE code's 1- and 2-sigma contours around its map position, natively or on the PCA
    plane: two closed polylines (73, 2)."""
    covariance = projected_covariance(logvar, pca)
    return [gaussian_ellipse(position, covariance, k) for k in (1, 2)]


def close_up_window(ellipses: list[np.ndarray], coords: np.ndarray) -> np.ndarray:
    """Which map positions (N, 2) a close-up of one code's ellipses shows: those within 1.5
    times the outer ellipse's reach of its centre, plus 3% of the map's extent. (N,) bool"""
    center = ellipses[0].mean(axis=0)
    reach = np.abs(ellipses[-1] - center).max() * 1.5 + 0.03 * np.ptp(coords, axis=0).max()
    return np.abs(coords - center).max(axis=1) < reach


@dataclass(frozen=True)
class Pick:
    """What a click chose: a test image (row) or a position, and the code it decodes."""

    code: np.ndarray  # (latent_dim,)
    row: int | None  # a test image's row, when the code is that image's
    how: str  # how the code was found: "exact", "pca plane" or "nearest code"


def pick_at(
    codes: np.ndarray, coords: np.ndarray, projection: str, xy: np.ndarray, pca: PCA | None
) -> Pick:
    """The code for a click on empty space at map position xy: the position itself in a
    2-D latent space; its point on the PCA plane (the other directions held at the codes'
    mean); in UMAP, which has no inverse, the code of the nearest test image."""
    if projection == "latent":
        return Pick(xy.astype(np.float32), None, "exact")
    if projection == "pca":
        return Pick(pca.inverse(xy[None])[0].astype(np.float32), None, "pca plane")
    row = nearest(coords, xy)
    return Pick(codes[row], row, "nearest code")
