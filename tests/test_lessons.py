"""The lesson pages' maths: cluster means, sampling, scoring, interpolation, KL per dimension."""

import numpy as np
import pytest
import torch

from explorer.generation import cluster_means, fit_gaussian, sample_gaussian, sample_prior
from explorer.interpolation import census, interpolate, random_pairs, typical_row
from explorer.latents import active_dimensions, decode, kl_per_dimension
from explorer.map_data import make_map_data, project
from explorer.models import ModelConfig, build_model, kl_to_standard_normal
from explorer.projections import place_among
from explorer.scoring import agreement, score


def test_cluster_means_average_each_digit_and_mark_absent_ones():
    latents = np.array([[0, 0], [2, 2], [10, 10], [1, 3]], dtype=np.float32)
    labels = np.array([3, 3, 7, 3])
    means = cluster_means(latents, labels)
    assert means.shape == (10, 2)
    np.testing.assert_allclose(means[3], [1, 5 / 3])
    np.testing.assert_allclose(means[7], [10, 10])
    assert np.isnan(means[0]).all()


def test_prior_samples_are_seeded_standard_normal():
    z = sample_prior(20_000, 3, seed=1)
    assert z.shape == (20_000, 3) and z.dtype == np.float32
    np.testing.assert_array_equal(z, sample_prior(20_000, 3, seed=1))
    assert not np.array_equal(z, sample_prior(20_000, 3, seed=2))
    np.testing.assert_allclose(z.mean(0), 0, atol=0.03)
    np.testing.assert_allclose(np.cov(z, rowvar=False), np.eye(3), atol=0.03)


def test_fitted_gaussian_samples_match_the_codes_statistics():
    rng = np.random.default_rng(0)
    codes = rng.normal(size=(5000, 2)) @ np.array([[3.0, 0.0], [1.5, 0.5]]) + [10, -4]
    mean, covariance = fit_gaussian(codes)
    z = sample_gaussian(mean, covariance, 20_000, seed=3)
    np.testing.assert_allclose(z.mean(0), codes.mean(0), atol=0.1)
    np.testing.assert_allclose(np.cov(z, rowvar=False), np.cov(codes, rowvar=False), rtol=0.05)


def test_score_counts_confident_readings_and_digits_covered():
    digits = np.array([1, 1, 2, 7, 7, 7])
    confidences = np.array([0.95, 0.5, 0.99, 0.91, 0.2, 0.9])
    graded = score(digits, confidences)
    assert graded.recognised == pytest.approx(4 / 6)
    assert graded.mean_confidence == pytest.approx(confidences.mean())
    assert graded.counts.tolist() == [0, 2, 1, 0, 0, 0, 0, 3, 0, 0]
    assert graded.classes_covered == 3
    assert agreement(np.array([0, 1, 2, 3]), np.array([0, 1, 5, 3])) == 0.75


def test_interpolate_runs_from_one_end_to_the_other_in_equal_steps():
    a, b = np.array([0.0, 1.0, 2.0]), np.array([4.0, 1.0, -2.0])
    path = interpolate(a, b, 5)
    assert path.shape == (5, 3)
    np.testing.assert_allclose(path[0], a)
    np.testing.assert_allclose(path[-1], b)
    np.testing.assert_allclose(np.diff(path, axis=0), np.tile((b - a) / 4, (4, 1)), atol=1e-6)


def test_typical_row_is_the_code_nearest_its_digits_mean():
    latents = np.array([[0.0, 0], [1, 0], [2, 0], [50, 50]])
    labels = np.array([4, 4, 4, 9])
    assert typical_row(latents, labels, 4) == 1
    assert typical_row(latents, labels, 9) == 3


def test_random_pairs_take_one_image_of_each_digit():
    labels = np.random.default_rng(0).integers(0, 10, 500)
    pairs = random_pairs(labels, 2, 5, 40, seed=0)
    assert pairs.shape == (40, 2)
    assert (labels[pairs[:, 0]] == 2).all() and (labels[pairs[:, 1]] == 5).all()
    np.testing.assert_array_equal(pairs, random_pairs(labels, 2, 5, 40, seed=0))


def test_census_counts_paths_that_meet_a_confident_third_digit():
    digits = np.array([[2, 2, 5, 5], [2, 8, 8, 5], [2, 3, 5, 5], [2, 8, 6, 5]])
    confidences = np.array([[1, 1, 1, 1], [1, 0.9, 0.6, 1], [1, 0.3, 1, 1], [1, 0.7, 0.8, 1]])
    counted = census(digits, confidences, 2, 5)
    assert counted.paths == 4
    assert counted.third == 0.5  # paths 2 and 4; path 3's 3 is not read with confidence
    assert counted.by_class[8] == 0.5 and counted.by_class[6] == 0.25
    assert counted.by_class[3] == 0 and counted.by_class[2] == counted.by_class[5] == 0
    assert counted.most_common() == 8


def test_kl_per_dimension_sums_to_the_loss_term_and_finds_active_dimensions():
    rng = np.random.default_rng(0)
    mu = np.stack([rng.normal(0, 2, 1000), rng.normal(0, 0.01, 1000)], axis=1).astype(np.float32)
    logvar = np.stack([np.full(1000, -3.0), np.zeros(1000)], axis=1).astype(np.float32)
    kl = kl_per_dimension(mu, logvar)
    total = kl_to_standard_normal(torch.tensor(mu), torch.tensor(logvar)).sum(1).mean()
    assert kl.sum() == pytest.approx(total.item(), rel=1e-5)
    assert kl[1] == pytest.approx(0, abs=1e-3) and kl[0] > 1
    assert active_dimensions(mu).tolist() == [True, False]


def test_projecting_new_latents_into_each_view(tiny_tensors):
    x, labels = tiny_tensors
    model = build_model(ModelConfig("vae", latent_dim=4, hidden=(16,)))
    map_data = make_map_data(model, x, labels, with_umap=False)
    map_data["umap"] = map_data["pca"][:, ::-1].copy()  # any 2-D view without a transform
    z = map_data["codes"][:3]
    np.testing.assert_allclose(project(map_data, "pca", z), map_data["pca"][:3], atol=1e-5)
    placed = project(map_data, "umap", z)
    assert placed.shape == (3, 2)
    near = place_among(map_data["codes"], map_data["umap"], z, k=1)
    np.testing.assert_allclose(near, map_data["umap"][:3])


def test_decoding_a_path_gives_one_image_per_step():
    model = build_model(ModelConfig("ae", latent_dim=2, hidden=(8,)))
    images = decode(model, interpolate(np.zeros(2, np.float32), np.ones(2, np.float32), 7))
    assert images.shape == (7, 28, 28) and 0 <= images.min() and images.max() <= 1
