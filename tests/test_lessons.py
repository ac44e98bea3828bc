"""The lesson pages' maths: cluster means, sampling, scoring, interpolation, KL per dimension."""

import numpy as np
import pytest
import torch

from explorer.checkpoints import CheckpointError
from explorer.classifier import Classifier, ClassifierConfig, classify, fingerprint
from explorer.generation import (
    cluster_means,
    fit_gaussian,
    sample_codes,
    sample_gaussian,
    sample_prior,
)
from explorer.interpolation import census, interpolate, path_census, random_pairs, typical_row
from explorer.latents import (
    active_dimensions,
    close_up_window,
    decode,
    kl_per_dimension,
    manifold_of,
    normal_grid_axis,
    sigma_ellipses,
    sigma_of,
)
from explorer.map_data import (
    check_map_data,
    load_map_data,
    make_map_data,
    prior_plane,
    project,
    save_map_data,
    stored_readings,
)
from explorer.models import ModelConfig, build_model, kl_to_standard_normal
from explorer.projections import PCA, place_among
from explorer.scoring import agreement, best_generator, score


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
    kept = np.array([True, False, True, False])  # row 1's reconstruction reads as another digit
    assert typical_row(latents, labels, 4, kept) in (0, 2)
    assert typical_row(latents, labels, 9, kept) == 3  # none of the 9s kept: the nearest still


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
    assert active_dimensions(kl).tolist() == [True, False]
    assert (mu.var(axis=0) > 0.01).tolist() == [True, False]  # Burda et al.'s test agrees


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


def test_map_data_stores_the_classifiers_readings_for_that_classifier_only(tiny_tensors, tmp_path):
    x, labels = tiny_tensors
    torch.manual_seed(0)
    model = build_model(ModelConfig("ae", 2, hidden=(16,)))
    classifier = Classifier(ClassifierConfig())
    map_data = make_map_data(model, x, labels, classifier=classifier)
    save_map_data(tmp_path / "m.npz", map_data)
    map_data = load_map_data(tmp_path / "m.pt")
    read = stored_readings(map_data, 7, fingerprint(classifier))
    decoded = torch.as_tensor(decode(model, map_data["codes"][7:8]))[:, None]
    live = [classify(classifier, images) for images in (x[7:8], decoded)]
    np.testing.assert_array_equal(read[0], [c.item() for c, _ in live])
    np.testing.assert_allclose(read[1], [p.item() for _, p in live], atol=1e-6)
    census = stored_readings(map_data, slice(0, 50), fingerprint(classifier), with_original=False)
    assert census[0].shape == (1, 50)
    retrained = Classifier(ClassifierConfig())
    assert stored_readings(map_data, 7, fingerprint(retrained)) is None  # read live instead
    assert stored_readings(make_map_data(model, x, labels), 7, fingerprint(classifier)) is None
    del map_data["recon_confidences"]
    with pytest.raises(CheckpointError, match="readings do not match"):
        check_map_data(map_data, "m.npz")


def test_decoding_a_path_gives_one_image_per_step():
    model = build_model(ModelConfig("ae", latent_dim=2, hidden=(8,)))
    images = decode(model, interpolate(np.zeros(2, np.float32), np.ones(2, np.float32), 7))
    assert images.shape == (7, 28, 28) and 0 <= images.min() and images.max() <= 1


def test_sample_codes_draws_from_the_prior_or_the_codes_own_gaussian():
    codes = np.random.default_rng(0).normal(5.0, 0.1, size=(2000, 3)).astype(np.float32)
    np.testing.assert_array_equal(sample_codes("prior", codes, 8, 1), sample_prior(8, 3, 1))
    fitted = sample_codes("fitted", codes, 4000, 1)
    np.testing.assert_allclose(fitted.mean(0), 5.0, atol=0.02)
    np.testing.assert_allclose(fitted.std(0), 0.1, atol=0.01)


def test_sigma_ellipses_span_one_and_two_sigma_natively_and_through_pca():
    logvar = np.log(np.array([4.0, 0.25], dtype=np.float32))  # sigma 2 and 0.5
    one, two = sigma_ellipses(np.array([1.0, -1.0]), logvar, None)
    np.testing.assert_allclose(one.max(0) - one.min(0), [4.0, 1.0], atol=1e-3)
    np.testing.assert_allclose(two.max(0) - two.min(0), [8.0, 2.0], atol=1e-3)
    np.testing.assert_allclose(one.mean(0), [1.0, -1.0], atol=0.06)
    swap = PCA(np.zeros(2, np.float32), np.array([[0, 1], [1, 0]], np.float32))
    one, _ = sigma_ellipses(np.zeros(2), logvar, swap)  # the plane's axes are z2, z1
    np.testing.assert_allclose(one.max(0) - one.min(0), [1.0, 4.0], atol=1e-3)
    np.testing.assert_allclose(sigma_of(logvar), [2.0, 0.5], rtol=1e-6)


def test_the_close_up_window_keeps_the_codes_near_the_ellipses():
    ellipses = sigma_ellipses(np.zeros(2), np.zeros(2, np.float32), None)  # radii 1 and 2
    xy = np.array([[0.0, 0.0], [2.5, 0.0], [3.5, 0.0], [0.0, -20.0]])
    # reach: 2 * 1.5 + 3% of the extent (20) = 3.6
    np.testing.assert_array_equal(close_up_window(ellipses, xy), [True, True, True, False])
    assert not close_up_window(ellipses, np.array([[3.7, 0.0], [0.0, -20.0]]))[0]


def test_prior_plane_projects_through_the_origin():
    rng = np.random.default_rng(0)
    codes = rng.normal(3.0, 1.0, size=(500, 4)).astype(np.float32)
    components = np.linalg.qr(rng.normal(size=(4, 2)))[0].T.astype(np.float32)
    map_data = {"codes": codes, "pca_components": components}
    np.testing.assert_allclose(prior_plane(map_data), codes @ components.T, rtol=1e-5)
    prior = rng.standard_normal((20_000, 4)).astype(np.float32)
    on_plane = prior_plane({"codes": prior, "pca_components": components})
    np.testing.assert_allclose(np.cov(on_plane, rowvar=False), np.eye(2), atol=0.03)


def test_manifold_of_a_vae_follows_the_prior_and_of_an_ae_its_codes():
    torch.manual_seed(0)
    codes = np.random.default_rng(0).normal([10, -5], [2, 1], size=(1000, 2)).astype(np.float32)
    _, xs, ys = manifold_of(build_model(ModelConfig("vae", 2, (8,))), codes, 5)
    np.testing.assert_allclose(xs, normal_grid_axis(5)[::-1], atol=1e-6)
    _, xs, ys = manifold_of(build_model(ModelConfig("ae", 2, (8,))), codes, 5)
    np.testing.assert_allclose(xs.mean(), codes[:, 0].mean(), atol=1e-3)
    np.testing.assert_allclose(ys.mean(), codes[:, 1].mean(), atol=1e-3)
    assert xs.max() - xs.min() > 3 * (ys.max() - ys.min()) / 2  # wider where the codes are


class ReadsByBrightness(torch.nn.Module):
    """A stand-in classifier: class 2 for dark images, 5 for bright ones, 8 in between."""

    def forward(self, x):
        mean = x.flatten(1).mean(1)
        logits = torch.full((len(x), 10), -20.0)
        logits[mean < 0.3, 2] = 20
        logits[(mean >= 0.3) & (mean <= 0.7), 8] = 20
        logits[mean > 0.7, 5] = 20
        return logits


class Brightness(torch.nn.Module):
    """A stand-in decoder: a 1-D code z -> an image whose every pixel is z."""

    def decode(self, z):
        return z[:, :1].clamp(0, 1).expand(-1, 784).reshape(-1, 1, 28, 28)


def test_path_census_reads_only_the_steps_between_the_ends():
    labels = np.array([2, 2, 5, 5])
    codes = np.array([[0.0], [0.1], [1.0], [0.9]], dtype=np.float32)
    counted = path_census(Brightness(), ReadsByBrightness(), {"codes": codes, "labels": labels},
                          2, 5, pairs=6, steps=7, seed=0)  # fmt: skip
    assert counted.paths == 6 and counted.third == 1.0  # every path passes through an 8
    assert counted.by_class[8] == 1.0 and counted.by_class[2] == counted.by_class[5] == 0


def test_best_generator_says_what_the_vae_does_better():
    def graded(classes, confidences):
        return score(np.array(classes), np.array(confidences))

    vae = graded([1, 2, 1, 2], [0.95] * 4)
    assert best_generator(vae, [graded([1, 1, 1, 1], [0.99] * 4)]) == "coverage"
    assert best_generator(vae, [graded([1, 2, 1, 2], [0.95, 0.95, 0.5, 0.5])]) == "recognised"
    assert best_generator(vae, [graded([1, 2, 3, 3], [0.95] * 4)]) == "tie"
