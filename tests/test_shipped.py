"""The real-MNIST tier: every shipped model loads, and its figures hold on the real test set."""

import numpy as np
import pytest
import torch
from sklearn.manifold import trustworthiness

from explorer import load_model
from explorer.checkpoints import SHIPPED_DIR, dataset_dir, load_metrics
from explorer.classifier import classify, fingerprint
from explorer.latents import decode
from explorer.map_data import load_map_data, projections
from explorer.registry import CLASSIFIER, SHIPPED_MODELS, SHIPPED_SETS
from explorer.training import autoencoder_metrics, classifier_metrics
from tests.conftest import REPO


def readme_metrics(first_column: str = "model") -> dict[str, dict[str, float]]:
    """A metrics table in README.md, the one whose first column is named first_column:
    model name -> {column: value}."""
    lines = (REPO / "README.md").read_text().splitlines()
    header = next(
        i for i, line in enumerate(lines) if line.startswith(f"| {first_column} | loss |")
    )
    columns = [c.strip() for c in lines[header].strip("|").split("|")]
    table = {}
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        table[cells[0]] = {k: float(v) for k, v in zip(columns[1:], cells[1:]) if v}
    return table


@pytest.mark.parametrize("name", SHIPPED_MODELS)
def test_shipped_model_matches_its_stated_metrics(name, real_mnist):
    x, _ = real_mnist
    model = load_model(name)
    assert not model.training
    stored = load_metrics(name)
    measured = autoencoder_metrics(model, x)
    for key, value in measured.items():
        assert value == pytest.approx(stored[key], rel=2e-3, abs=1e-4), key
    stated = readme_metrics()[name]
    for key in ("loss", "kl", "recon_bce", "recon_mse"):
        if key in stated:
            assert stated[key] == pytest.approx(stored[key], abs=1e-4), key


def test_targets_of_the_shipped_set(real_mnist):
    x, labels = real_mnist
    assert load_metrics("vae-20d")["loss"] <= 100
    accuracy = classifier_metrics(load_model(CLASSIFIER), x, labels)["accuracy"]
    assert accuracy >= 0.99
    assert readme_metrics()[CLASSIFIER]["accuracy"] == pytest.approx(accuracy, abs=1e-4)
    total = sum(load_metrics(name)["train_seconds"] for name in (*SHIPPED_MODELS, CLASSIFIER))
    # Thirteen checkpoints of two to three minutes each; the later ones were trained on one
    # thread beside other work (BENCHMARKS.md, "Training time of the shipped set").
    assert total < 40 * 60


@pytest.mark.parametrize("name", SHIPPED_MODELS)
def test_shipped_map_data_is_the_models_own(name, real_mnist):
    x, labels = real_mnist
    map_data = load_map_data(name)
    model = load_model(name)
    np.testing.assert_array_equal(map_data["labels"], labels.numpy())
    with torch.inference_mode():
        latent = model.embed(x[:500]).numpy()
    np.testing.assert_allclose(map_data["codes"][:500], latent, rtol=1e-4, atol=1e-4)
    dim = model.config.latent_dim
    assert projections(map_data) == (["latent"] if dim == 2 else ["pca", "umap"])
    if dim > 2:
        sample = np.random.default_rng(0).choice(len(map_data["codes"]), 2000, replace=False)
        # A random layout scores about 0.5; PCA, a linear shadow of 20-D, keeps less than UMAP.
        for view, threshold in (("pca", 0.65), ("umap", 0.9)):
            score = trustworthiness(
                map_data["codes"][sample], map_data[view][sample], n_neighbors=10
            )
            assert score > threshold, (view, score)


@pytest.mark.parametrize("dataset", SHIPPED_SETS)
def test_every_shipped_map_holds_readings_by_its_datasets_shipped_classifier(dataset):
    """Else a click on a test image runs the classifier again, in every session."""
    folder = dataset_dir(dataset, SHIPPED_DIR)
    shipped = fingerprint(load_model(folder / f"{CLASSIFIER}.pt"))
    for name in SHIPPED_SETS[dataset]:
        if name != CLASSIFIER:
            assert str(load_map_data(folder / f"{name}.pt")["classifier"]) == shipped, name


@pytest.mark.parametrize("name", ["ae-2d", "vae-20d"])
def test_shipped_readings_are_what_the_classifier_reads(name, real_mnist):
    x, _ = real_mnist
    map_data, classifier = load_map_data(name), load_model(CLASSIFIER)
    rows = np.random.default_rng(0).choice(len(x), 500, replace=False)
    decoded = torch.as_tensor(decode(load_model(name), map_data["codes"][rows]))[:, None]
    for what, images in (("original", x[rows]), ("recon", decoded)):
        classes, confidences = classify(classifier, images)
        assert (classes.numpy() == map_data[f"{what}_classes"][rows]).mean() >= 0.99
        difference = np.abs(confidences.numpy() - map_data[f"{what}_confidences"][rows])
        assert np.median(difference) < 1e-3 and difference.max() < 0.05  # bfloat16 or float32


def test_readme_lists_every_shipped_model():
    assert set(readme_metrics()) == {*SHIPPED_MODELS, CLASSIFIER}
    readme = (REPO / "README.md").read_text()
    assert "pip install -r requirements.txt && streamlit run app.py" in readme
    test_command = "pip install -r requirements-dev.txt && python -m pytest"
    assert test_command in readme
    assert test_command in (REPO / ".ci" / "run").read_text()  # CI runs what the README says


def test_fast_classify_reads_like_float32(real_mnist):
    x, labels = real_mnist
    model = load_model(CLASSIFIER)
    digits, confidences = classify(model, x)
    with torch.inference_mode():
        exact = model(x).softmax(dim=1).max(dim=1)
    assert (digits == exact.indices).float().mean() >= 0.999
    assert (confidences - exact.values).abs().max() < 0.05
    assert (digits == labels).float().mean() >= 0.99
