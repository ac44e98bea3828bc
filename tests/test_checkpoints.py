import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from explorer.checkpoints import (
    CheckpointError,
    available_models,
    check_new_name,
    dataset_dir,
    model_from_checkpoint,
    normalised_name,
    qualified,
    read_checkpoint,
    remove_stale_temporaries,
    resolve,
    save_checkpoint,
    split_name,
)
from explorer.classifier import Classifier, ClassifierConfig, classify
from explorer.models import ModelConfig, build_model

SMALL = ModelConfig("vae", latent_dim=3, hidden=(16,))


def load(path):
    return model_from_checkpoint(read_checkpoint(path), path.name)


@pytest.fixture
def saved(tmp_path):
    torch.manual_seed(0)
    model = build_model(SMALL)
    path = tmp_path / "small.pt"
    save_checkpoint(path, model, {"loss": 1.5}, [{"epoch": 1, "loss": 2.0}])
    return model, path


def test_round_trip_gives_identical_outputs(saved):
    model, path = saved
    loaded = load(path)
    x = torch.rand(4, 1, 28, 28)
    assert loaded.config == SMALL and not loaded.training
    assert torch.equal(loaded.encode(x)[0], model.encode(x)[0])
    assert torch.equal(loaded.decode(torch.ones(2, 3)), model.decode(torch.ones(2, 3)))
    checkpoint = read_checkpoint(path)
    assert checkpoint["metrics"] == {"loss": 1.5}
    assert checkpoint["history"] == [{"epoch": 1, "loss": 2.0}]


def test_classifier_round_trip(tmp_path):
    model = Classifier(ClassifierConfig(channels=(4, 8), hidden=16)).eval()
    save_checkpoint(tmp_path / "c.pt", model, {}, [])
    x = torch.rand(3, 1, 28, 28)
    digit, confidence = classify(load(tmp_path / "c.pt"), x)
    assert torch.equal(digit, classify(model, x)[0])
    assert ((0.1 <= confidence) & (confidence <= 1)).all()


def test_a_save_that_fails_midway_keeps_the_old_file_and_leaves_no_temporary(
    saved, tmp_path, monkeypatch
):
    model, path = saved
    before = path.read_bytes()

    def crash_midway(obj, file):  # half a file written, then the writer dies
        Path(file).write_bytes(before[: len(before) // 2])
        raise RuntimeError("disk full")

    monkeypatch.setattr("explorer.checkpoints.torch.save", crash_midway)
    with pytest.raises(RuntimeError, match="disk full"):
        save_checkpoint(path, build_model(SMALL), {"loss": 9.0}, [])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.pt"]
    x = torch.rand(2, 1, 28, 28)
    assert torch.equal(load(path).decode(model.encode(x)[0]), model.decode(model.encode(x)[0]))


def write_checkpoint(path, **changes):
    checkpoint = {
        "format_version": 1,
        "config": SMALL.to_dict(),
        "state_dict": build_model(SMALL).state_dict(),
        "metrics": {},
        "history": [],
    } | changes
    torch.save(checkpoint, path)
    return path


class RunsCode:
    """Unpickling this would create a file: proof of code execution."""

    marker = None

    def __reduce__(self):
        return (open, (str(RunsCode.marker), "w"))


def broken_files(tmp_path, good):
    data = good.read_bytes()
    RunsCode.marker = tmp_path / "pwned"
    torch.save({"format_version": 1, "payload": RunsCode()}, tmp_path / "pickle.pt")
    state = build_model(SMALL).state_dict()
    return {
        "empty": (tmp_path / "empty.pt", b"", "empty"),
        "truncated": (tmp_path / "truncated.pt", data[: len(data) // 2], "not a readable"),
        "random bytes": (
            tmp_path / "random.pt",
            np.random.default_rng(0).bytes(5000),
            "not a readable",
        ),
        "pickle with code": (tmp_path / "pickle.pt", None, "refused"),
        "another architecture": (
            write_checkpoint(tmp_path / "arch.pt", config={**SMALL.to_dict(), "hidden": [32]}),
            None,
            "do not fit",
        ),
        "missing keys": (tmp_path / "keys.pt", None, "missing keys: state_dict"),
        "future version": (
            write_checkpoint(tmp_path / "future.pt", format_version=99),
            None,
            "newer",
        ),
        "nan weights": (
            write_checkpoint(
                tmp_path / "nan.pt", state_dict={k: v * float("nan") for k, v in state.items()}
            ),
            None,
            "NaN",
        ),
        "wrong dtype": (
            write_checkpoint(
                tmp_path / "dtype.pt", state_dict={k: v.double() for k, v in state.items()}
            ),
            None,
            "float64",
        ),
        "bad config": (
            write_checkpoint(tmp_path / "config.pt", config={"kind": "gan"}),
            None,
            "config",
        ),
        "not a dict": (tmp_path / "list.pt", None, "not a checkpoint dict"),
    }


@pytest.mark.parametrize(
    "case",
    ["empty", "truncated", "random bytes", "pickle with code", "another architecture",
     "missing keys", "future version", "nan weights", "wrong dtype", "bad config", "not a dict"],
)  # fmt: skip
def test_broken_checkpoints_give_a_clear_error_naming_the_file(saved, tmp_path, case):
    _, good = saved
    cases = broken_files(tmp_path, good)
    torch.save({"format_version": 1, "config": SMALL.to_dict()}, tmp_path / "keys.pt")
    torch.save([1, 2], tmp_path / "list.pt")
    path, content, reason = cases[case]
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CheckpointError) as error:
        load(path)
    assert path.name in str(error.value) and reason in str(error.value)
    assert not RunsCode.marker.exists()


@pytest.mark.slow  # a subprocess
def test_pickle_payload_is_not_executed_even_when_zip_is_valid(tmp_path):
    RunsCode.marker = tmp_path / "pwned"
    buffer = io.BytesIO()
    torch.save({"x": RunsCode()}, buffer)
    assert zipfile.is_zipfile(io.BytesIO(buffer.getvalue()))
    (tmp_path / "evil.pt").write_bytes(buffer.getvalue())
    with pytest.raises(CheckpointError):
        read_checkpoint(tmp_path / "evil.pt")
    assert not RunsCode.marker.exists()
    # The check above can fail: the same file, loaded unsafely, runs its code and makes the marker.
    unsafe = f"import torch; torch.load({str(tmp_path / 'evil.pt')!r}, weights_only=False)"
    subprocess.run([sys.executable, "-c", unsafe], check=True, timeout=120)
    assert RunsCode.marker.exists()


def test_huge_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr("explorer.checkpoints.MAX_BYTES", 1000)
    path = tmp_path / "huge.pt"
    path.write_bytes(b"\0" * 2000)
    with pytest.raises(CheckpointError, match="huge.pt: the file is .* over the"):
        read_checkpoint(path)


def test_unknown_names_list_the_known_ones(saved, tmp_path):
    _, path = saved
    assert resolve("small", tmp_path) == path
    assert available_models(tmp_path) == ["small"]
    for bad in ("nope", "../small", "sub/small", ".hidden"):
        with pytest.raises(CheckpointError, match="known models: small"):
            resolve(bad, tmp_path)


def test_another_datasets_models_live_in_its_own_folder(saved, tmp_path):
    model, _ = saved
    folder = dataset_dir("fashion-mnist", tmp_path)
    assert folder == tmp_path / "fashion-mnist" and dataset_dir("mnist", tmp_path) == tmp_path
    save_checkpoint(folder / "small.pt", model, {}, [])
    save_checkpoint(folder / "user" / "mine.pt", model, {}, [])
    assert resolve("fashion-mnist/small", tmp_path) == folder / "small.pt"
    assert resolve("fashion-mnist/mine", tmp_path) == folder / "user" / "mine.pt"
    assert resolve("small", tmp_path) == tmp_path / "small.pt"  # MNIST's, not Fashion's
    assert split_name(qualified("fashion-mnist", "small")) == ("fashion-mnist", "small")
    assert qualified("mnist", "small") == "small" and split_name("small") == ("mnist", "small")
    with pytest.raises(CheckpointError, match="known models: fashion-mnist/small"):
        resolve("fashion-mnist/nope", tmp_path)
    for bad in ("fashion-mnist/../small", "fashion-mnist/user/mine", "mnist2/small"):
        with pytest.raises(CheckpointError, match="unknown model"):
            resolve(bad, tmp_path)


def test_broken_map_data_is_refused_with_the_file_named(saved, tmp_path):
    from explorer.map_data import load_map_data, save_map_data

    _, path = saved
    with pytest.raises(CheckpointError, match="small.npz: no map data"):
        load_map_data("small", tmp_path)
    (tmp_path / "small.npz").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CheckpointError, match="small.npz: unreadable map data"):
        load_map_data("small", tmp_path)
    latent = np.zeros((5, 3), dtype=np.float32)
    save_map_data(tmp_path / "small.npz", {"codes": latent, "labels": np.zeros(4, int)})
    with pytest.raises(CheckpointError, match="matching codes and labels"):
        load_map_data("small", tmp_path)
    save_map_data(tmp_path / "small.npz", {"codes": latent, "labels": np.zeros(5, int)})
    with pytest.raises(CheckpointError, match="lacks PCA"):
        load_map_data("small", tmp_path)
    save_map_data(tmp_path / "small.npz", {"codes": latent, "labels": np.zeros(5, int),
                                            "pca": np.zeros((5, 2), np.float32)})  # fmt: skip
    assert load_map_data("small", tmp_path)["codes"].shape == (5, 3)


def test_user_models_resolve_from_their_folder_and_names_never_escape(saved, tmp_path):
    _, path = saved
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.pt").write_bytes(path.read_bytes())
    (user / "Not-A-Name.pt").write_bytes(path.read_bytes())
    (tmp_path.parent / "outside.pt").write_bytes(path.read_bytes())
    assert available_models(tmp_path) == ["small", "mine"]
    assert resolve("mine", tmp_path) == user / "mine.pt"
    bad = ["../outside", "user/mine", "/etc/passwd", "..", "Not-A-Name", "a" * 41, "x\0y", ""]
    for name in bad:
        with pytest.raises(CheckpointError, match="unknown model"):
            resolve(name, tmp_path)


def test_new_names_are_checked(saved, tmp_path):
    for taken in ("small", "vae-2d", "classifier"):
        with pytest.raises(ValueError, match="exists already"):
            check_new_name(taken, tmp_path)
    for bad in ("../x", "My Model", ".hidden", "-dash", "a" * 41, "x/y"):
        with pytest.raises(ValueError, match="lower-case letters"):
            check_new_name(bad, tmp_path)
    check_new_name("my-vae-2d.b0.5", tmp_path)


def test_stale_temporaries_of_dead_writers_are_removed(tmp_path):
    child = subprocess.Popen(["sleep", "0"])
    child.wait()
    stale = tmp_path / f".model.pt.{child.pid}.abc123.tmp"
    live = tmp_path / f".model.pt.{os.getpid()}.def456.tmp"
    stale.write_bytes(b"half")
    live.write_bytes(b"being written")
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert live.exists() and not stale.exists()


@pytest.mark.parametrize(
    "typed, used", [("My Model", "my-model"), ("  my  vae ", "my-vae"), ("ok_1.2", "ok_1.2")]
)
def test_a_typed_name_becomes_the_name_a_person_meant(typed, used, tmp_path):
    assert normalised_name(typed) == used
    check_new_name(used, tmp_path)  # and it may be used
