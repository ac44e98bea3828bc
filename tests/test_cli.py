import numpy as np
import torch

import train_models
from explorer.checkpoints import load_model, model_from_checkpoint, read_checkpoint
from explorer.classifier import fingerprint
from explorer.map_data import load_map_data, projections, stored_readings
from explorer.registry import CLASSIFIER


def test_cli_trains_one_epoch_into_a_folder(tiny_mnist_root, tmp_path):
    argv = ["--only", "vae-20d", "--only", "classifier", "--epochs", "1", "--limit", "200",
            "--hidden", "32", "--data-root", str(tiny_mnist_root), "--out", str(tmp_path),
            "--no-umap", "--threads", "1"]  # fmt: skip
    results = train_models.main(argv)
    assert list(results) == ["classifier", "vae-20d"]  # its map data stores the new one's readings
    checkpoint = read_checkpoint(tmp_path / "vae-20d.pt")
    model = model_from_checkpoint(checkpoint)
    assert model.config.hidden == (32,) and model.config.latent_dim == 20
    assert len(checkpoint["history"]) == 1
    assert {"loss", "kl", "recon_bce", "recon_mse"} <= set(checkpoint["metrics"])
    map_data = load_map_data("vae-20d", tmp_path)
    assert map_data["codes"].shape == (100, 20) and map_data["pca"].shape == (100, 2)
    assert projections(map_data) == ["pca"]
    classifier = model_from_checkpoint(read_checkpoint(tmp_path / "classifier.pt"))
    assert stored_readings(map_data, 0, fingerprint(classifier)) is not None
    x = torch.tensor(map_data["codes"][:3])
    assert np.isfinite(model.decode(x).detach().numpy()).all()
    assert 0 <= read_checkpoint(tmp_path / "classifier.pt")["metrics"]["accuracy"] <= 1
    table = (tmp_path / "metrics.md").read_text()
    assert "| vae-20d |" in table and "| classifier |" in table


def test_cli_names_a_variant(tiny_mnist_root, tmp_path):
    argv = ["--only", "ae-2d", "--name", "my-ae", "--epochs", "1", "--hidden", "8",
            "--data-root", str(tiny_mnist_root), "--out", str(tmp_path),
            "--threads", "1"]  # fmt: skip
    train_models.main(argv)
    assert (tmp_path / "my-ae.pt").is_file() and (tmp_path / "my-ae.npz").is_file()
    assert not (tmp_path / "ae-2d.pt").exists()
    map_data = load_map_data("my-ae", tmp_path)
    assert projections(map_data) == ["latent"]
    shipped = fingerprint(load_model(CLASSIFIER))  # no classifier in --out: the dataset's
    assert stored_readings(map_data, slice(0, 5), shipped)[0].shape == (2, 5)
