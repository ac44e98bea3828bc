import numpy as np
import pytest
from sklearn.manifold import trustworthiness

from explorer.projections import fit_pca, nearest, umap_coords


def clusters(n_per: int = 40, dim: int = 10, seed: int = 0) -> np.ndarray:
    """Five well-separated Gaussian blobs in dim dimensions."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 6, (5, dim))
    return np.concatenate([c + rng.normal(0, 1, (n_per, dim)) for c in centres]).astype(np.float32)


def test_pca_inverse_is_exact_in_the_plane_and_projects_back():
    latents = clusters()
    pca = fit_pca(latents)
    assert pca.components.shape == (2, 10)
    np.testing.assert_allclose(pca.components @ pca.components.T, np.eye(2), atol=1e-5)
    coords = pca.transform(latents)
    np.testing.assert_allclose(pca.transform(pca.inverse(coords)), coords, atol=1e-4)


def test_pca_is_reproducible_and_trustworthy():
    latents = clusters()
    np.testing.assert_array_equal(fit_pca(latents).components, fit_pca(latents.copy()).components)
    assert trustworthiness(latents, fit_pca(latents).transform(latents), n_neighbors=5) > 0.85


@pytest.mark.slow  # numba compiles UMAP on first use: ~25 s
def test_umap_is_seeded_and_trustworthy():
    latents = clusters()
    first, second = umap_coords(latents, seed=1), umap_coords(latents, seed=1)
    assert first.shape == (200, 2)
    np.testing.assert_allclose(first, second)
    assert trustworthiness(latents, first, n_neighbors=5) > 0.9


def test_nearest_finds_the_closest_row():
    coords = np.array([[0.0, 0.0], [5.0, 5.0], [1.0, -1.0]])
    assert nearest(coords, np.array([4.0, 4.5])) == 1
    assert nearest(coords, np.array([0.9, -0.8])) == 2
