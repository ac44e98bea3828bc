"""Latents -> 2-D coordinates for the map: PCA (with its inverse) and UMAP. Numpy in, numpy out.

UMAP: McInnes, Healy and Melville, "UMAP: Uniform Manifold Approximation and Projection", 2018.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PCA:
    """A fitted 2-D PCA: coords = (latent - mean) @ components.T, and back."""

    mean: np.ndarray  # (latent_dim,)
    components: np.ndarray  # (2, latent_dim), orthonormal rows

    def transform(self, latents: np.ndarray) -> np.ndarray:
        return (latents - self.mean) @ self.components.T  # (N, 2)

    def inverse(self, coords: np.ndarray) -> np.ndarray:
        """The latent on the PCA plane that projects to coords: exact in the plane only."""
        return coords @ self.components + self.mean  # (N, latent_dim)


def fit_pca(latents: np.ndarray) -> PCA:
    mean = latents.mean(axis=0)
    _, _, vt = np.linalg.svd(latents - mean, full_matrices=False)
    # Fix each component's sign so the projection is reproducible across runs.
    largest = np.abs(vt[:2]).argmax(axis=1)
    signs = np.sign(vt[[0, 1], largest])
    return PCA(mean.astype(np.float32), (vt[:2] * signs[:, None]).astype(np.float32))


def umap_coords(latents: np.ndarray, seed: int = 0, n_neighbors: int = 15) -> np.ndarray:
    """UMAP to 2-D; seeded, hence single-threaded and reproducible. Slow to import (~2 s)."""
    import umap  # deferred: umap-learn imports numba and costs ~2 s and ~300 MiB

    reducer = umap.UMAP(
        n_components=2, n_neighbors=n_neighbors, min_dist=0.1, random_state=seed, n_jobs=1
    )
    return reducer.fit_transform(latents).astype(np.float32)


def nearest(coords: np.ndarray, point: np.ndarray) -> int:
    """Row of the coordinate closest to point (for decoding a click in a UMAP view)."""
    return int(np.argmin(((coords - point) ** 2).sum(axis=1)))


def place_among(latents: np.ndarray, coords: np.ndarray, z: np.ndarray, k: int = 10) -> np.ndarray:
    """2-D positions for new latents z (N, latent_dim) in a view with no transform (UMAP): the
    mean position of each one's k nearest codes. An approximation, and nothing is fitted."""
    distances = ((z[:, None, :] - latents[None, :, :]) ** 2).sum(axis=2)  # (N, M)
    neighbours = np.argpartition(distances, k, axis=1)[:, :k]
    return coords[neighbours].mean(axis=1)  # (N, 2)
