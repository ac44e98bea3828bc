"""Codes that come from no image: each class's cluster mean, and samples of a Gaussian.

A VAE's prior is N(0, I) (Kingma and Welling 2014, section 3); an autoencoder has none, so
one can only sample it with a guess: N(0, I) too, or a Gaussian fitted to its codes.
"""

import numpy as np


def cluster_means(codes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The mean code of each class's images, (10, latent_dim); NaN rows for absent classes."""
    means = np.full((10, codes.shape[1]), np.nan, dtype=np.float32)
    for label in np.unique(labels):
        means[label] = codes[labels == label].mean(axis=0)
    return means


def sample_prior(n: int, latent_dim: int, seed: int) -> np.ndarray:
    """n draws of z ~ N(0, I), (n, latent_dim)."""
    return np.random.default_rng(seed).standard_normal((n, latent_dim)).astype(np.float32)


def fit_gaussian(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, covariance) of the codes: the best Gaussian guess at an AE's missing prior."""
    return codes.mean(axis=0), np.cov(codes, rowvar=False).reshape(codes.shape[1], -1)


def sample_gaussian(mean: np.ndarray, covariance: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n draws of z ~ N(mean, covariance), (n, latent_dim): z = mean + L eps with L L^T = cov."""
    factor = np.linalg.cholesky(covariance + 1e-6 * np.eye(len(mean)))
    eps = np.random.default_rng(seed).standard_normal((n, len(mean)))
    return (mean + eps @ factor.T).astype(np.float32)


def sample_codes(source: str, codes: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n codes from no image: z ~ N(0, I) (source "prior"), or from the Gaussian fitted to a
    model's test codes (source "fitted"). (n, latent_dim)"""
    if source == "prior":
        return sample_prior(n, codes.shape[1], seed)
    return sample_gaussian(*fit_gaussian(codes), n, seed)
