"""Training replays: snapshots of a 2-D model's codes while it trains, and their separation."""

import math

import numpy as np
import pytest
import torch

import train_models
from explorer.map_data import load_map_data
from explorer.models import ModelConfig, build_model
from explorer.replay import EARLY_STEPS, Recorder, knn_accuracy, replay_of
from explorer.training import TrainConfig, fit


def test_separated_classes_score_one_and_shuffled_ones_about_chance():
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(10), 50)
    centres = np.stack([np.cos(labels), np.sin(labels)], axis=1) * 100
    codes = centres + rng.normal(size=(500, 2))
    assert knn_accuracy(codes, labels) == 1.0
    assert knn_accuracy(rng.normal(size=(500, 2)), labels) < 0.3


def recorded_training(x: torch.Tensor, record: bool):
    torch.manual_seed(0)
    model = build_model(ModelConfig("vae", 2, hidden=(16,)))
    config = TrainConfig(epochs=2, batch_size=4)
    steps_per_epoch = math.ceil(len(x) / config.batch_size)
    recorder = Recorder(model, x, steps_per_epoch) if record else None
    fit(model, x, None, config,
        (lambda r: recorder.on_epoch(r["epoch"])) if record else None,
        recorder.on_batch if record else None)  # fmt: skip
    return model, recorder, steps_per_epoch


def test_the_recorder_snapshots_the_first_epoch_and_every_epoch_without_changing_training(
    tiny_tensors,
):
    x, _ = tiny_tensors
    plain, _, _ = recorded_training(x, record=False)
    model, recorder, per_epoch = recorded_training(x, record=True)
    for a, b in zip(plain.parameters(), model.parameters(), strict=True):
        assert torch.equal(a, b)  # the snapshots draw no random numbers of training's
    arrays = recorder.arrays()
    early = [s for s in EARLY_STEPS if s < per_epoch]
    assert arrays["replay_steps"].tolist() == [0, *early, per_epoch, 2 * per_epoch]
    assert arrays["replay_codes"].shape == (len(early) + 3, min(len(x), 1000), 2)
    assert arrays["replay_kl"].shape == arrays["replay_recon"].shape == (len(early) + 3,)
    assert arrays["replay_recon"][-1] < arrays["replay_recon"][0]  # it learned something


def test_a_2d_model_trained_by_the_cli_ships_its_replay(tiny_mnist_root, tmp_path):
    argv = ["--only", "ae-2d", "--name", "my-ae", "--epochs", "2", "--hidden", "8",
            "--batch-size", "8", "--data-root", str(tiny_mnist_root), "--out", str(tmp_path),
            "--threads", "1"]  # fmt: skip
    train_models.main(argv)
    map_data = load_map_data("my-ae", tmp_path)
    replay = replay_of(map_data)
    assert replay is not None and replay.kl is None  # an AE has no KL term
    assert replay.epochs[0] == 0 and replay.epochs[-1] == pytest.approx(2)
    assert replay.codes.shape[1:] == (len(replay.labels), 2)
    assert replay.separation.shape == replay.steps.shape
    assert replay_of({k: v for k, v in map_data.items() if not k.startswith("replay")}) is None


def test_the_watch_page_replays_both_shipped_models_on_one_slider():
    import json

    from streamlit.testing.v1 import AppTest

    from tests.test_app import HOME

    at = AppTest.from_file(HOME, default_timeout=60).run()
    at.switch_page("pages/8_Watch_It_Learn.py").run()
    assert not at.exception, at.exception
    replay, separation = (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    assert len(replay["frames"]) == 35 and len(replay["data"]) == 20  # 10 digits, 2 models
    assert len(replay["layout"]["sliders"][0]["steps"]) == 35
    layout = replay["layout"]  # both panels' x titles; one y title, left of the first panel
    assert layout["xaxis"]["title"]["text"] == layout["xaxis2"]["title"]["text"]
    assert layout["yaxis"]["title"]["text"] == "latent dimension 2"
    assert "text" not in layout["yaxis2"].get("title", {})
    heads = [a["text"] for a in replay["frames"][0]["layout"]["annotations"]]
    assert heads[0].startswith("<b>ae-2d</b><br>untrained<br>reconstruction")  # a fact a line
    assert "KL" in heads[1] and "5-NN" in heads[1]
    assert [t["name"] for t in separation["data"]] == ["ae-2d", "vae-2d"]
    assert dict(at.query_params) == {"ae": "ae-2d", "vae": "vae-2d"}
    assert any(m.value.startswith("**ae-2d**:") for m in at.markdown)
