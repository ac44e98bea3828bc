"""Latents that come from no image: each digit's cluster mean, and samples of a Gaussian.

A VAE's prior is N(0, I) (Kingma and Welling 2014, section 3); an autoencoder has none, so
one can only sample it with a guess: N(0, I) too, or a Gaussian fitted to its codes.
"""

import numpy as np


def cluster_means(latents: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The mean latent of each digit's images, (10, latent_dim); NaN rows for absent digits."""
    means = np.full((10, latents.shape[1]), np.nan, dtype=np.float32)
    for digit in np.unique(labels):
        means[digit] = latents[labels == digit].mean(axis=0)
    return means


def sample_prior(n: int, latent_dim: int, seed: int) -> np.ndarray:
    """n draws of z ~ N(0, I), (n, latent_dim)."""
    return np.random.default_rng(seed).standard_normal((n, latent_dim)).astype(np.float32)


def fit_gaussian(latents: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, covariance) of the codes: the best Gaussian guess at an AE's missing prior."""
    return latents.mean(axis=0), np.cov(latents, rowvar=False).reshape(latents.shape[1], -1)


def sample_gaussian(mean: np.ndarray, covariance: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n draws of z ~ N(mean, covariance), (n, latent_dim): z = mean + L eps with L L^T = cov."""
    factor = np.linalg.cholesky(covariance + 1e-6 * np.eye(len(mean)))
    eps = np.random.default_rng(seed).standard_normal((n, len(mean)))
    return (mean + eps @ factor.T).astype(np.float32)
