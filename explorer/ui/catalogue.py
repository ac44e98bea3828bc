"""The models the server can show, and everything read from disk, cached once per process:
checkpoints, map data, test images."""

import functools
import threading
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np
import streamlit as st
from torch import nn

from explorer.checkpoints import (
    USER,
    CheckpointError,
    available_models,
    dataset_dir,
    model_from_checkpoint,
    qualified,
    read_checkpoint,
    remove_stale_temporaries,
    resolve,
    split_name,
)
from explorer.classifier import fingerprint
from explorer.data import DATASETS, MNIST, DataUnavailableError, load_mnist_uint8
from explorer.map_data import coords, load_map_data
from explorer.plotting import empty_space_grid
from explorer.registry import CLASSIFIER
from explorer.ui.session import current_dataset


def checkpoint_files() -> tuple[tuple[str, int], ...]:
    """(file name, modification time) of every checkpoint and map file, shipped and
    user-trained: a model trained or retrained meanwhile changes it, and so refreshes the
    caches below. Each folder is listed again only when its own time changed."""
    return _checkpoint_files(_folder_times(second=int(time.monotonic())))


# Keyed by the second rather than given a ttl: under load, Streamlit's TTL cache can let an
# entry expire between its membership test and its read, and raise a KeyError on the page.
# functools' cache rather than Streamlit's: a page asks for the catalogue up to 200 times a
# run, and Streamlit's cache hashes its arguments on each call (0.3 ms a catalogue).
@functools.lru_cache(maxsize=2)
def _folder_times(second: int) -> tuple[int, ...]:
    """The model folders' modification times, looked up at most once a second. Every write
    there ends in a rename (atomic_write), which sets its folder's time. File system clocks
    tick coarsely, so while a folder's time is under two seconds old a second write could
    leave it as it was: the second joins the key until then."""
    times = tuple(_mtime_ns(folder) for _, folder in model_folders())
    recent = any(time.time_ns() - t < 2_000_000_000 for t in times)
    return times + (second,) if recent else times


def _mtime_ns(folder: Path) -> int:
    try:
        return folder.stat().st_mtime_ns
    except FileNotFoundError:  # no user/ folder yet
        return 0


@functools.lru_cache(maxsize=2)
def _checkpoint_files(folder_times: tuple[int, ...]) -> tuple[tuple[str, int], ...]:
    found = []
    for dataset, folder in model_folders():
        for path in sorted(folder.glob("*.[pn][tp]*")):
            if path.name.startswith("."):  # a file being written
                continue
            try:
                found.append((qualified(dataset, path.name), path.stat().st_mtime_ns))
            except FileNotFoundError:  # removed while we looked
                continue
    return tuple(found)


def _look_again() -> None:
    """Forget the folders' times and files, to see a model written a moment ago at once."""
    _folder_times.cache_clear()
    _checkpoint_files.cache_clear()


checkpoint_files.clear = _look_again

# Sessions arriving together (a class opening the map) wait for one read of a file rather than
# each reading it: functools' caches, unlike Streamlit's, do not hold callers back on a miss.
_reading = threading.RLock()


def model_folders() -> list[tuple[str, Path]]:
    """(dataset, folder) of every folder of models: each dataset's shipped ones and its user/."""
    return [(d, folder) for d in DATASETS for folder in (dataset_dir(d), dataset_dir(d) / USER)]


def model_catalogue(dataset: str | None = None) -> tuple[dict[str, dict], dict[str, str]]:
    """A dataset's models, the sidebar's unless another is named: (usable, unusable), with
    usable full name -> checkpoint metrics and config, unusable full name -> reason. Read
    again when the files change (their list's hash: hashing it whole is slower, per call)."""
    with _reading:
        return _catalogue(dataset or current_dataset(), hash(checkpoint_files()))


@functools.lru_cache(maxsize=8)
def _catalogue(dataset: str, files_hash: int) -> tuple[dict[str, dict], dict[str, str]]:
    for folder in (dataset_dir(dataset), dataset_dir(dataset) / USER):
        remove_stale_temporaries(folder)
    usable, unusable = {}, {}
    for short in available_models(dataset_dir(dataset)):
        name = qualified(dataset, short)
        try:
            checkpoint = cached_checkpoint(name)  # read and built once here, then shared
            if short != CLASSIFIER:
                cached_map_data(name)  # checked once here, then shared
        except (CheckpointError, OSError, ValueError, KeyError) as error:
            unusable[name] = str(error)
            continue
        usable[name] = {"config": checkpoint.config, "metrics": checkpoint.metrics}
    return usable, unusable


def autoencoder_names(dataset: str | None = None) -> list[str]:
    """The usable autoencoders and VAEs of the sidebar's dataset, unless another is named."""
    return [name for name in model_catalogue(dataset)[0] if short_name(name) != CLASSIFIER]


def short_name(name: str) -> str:
    """A model's name within its dataset's folder: "vae-2d" for "fashion-mnist/vae-2d"."""
    return split_name(name)[1]


def config_of(name: str) -> dict:
    return model_catalogue(split_name(name)[0])[0][name]["config"]


def metrics_of(name: str) -> dict:
    return model_catalogue(split_name(name)[0])[0][name]["metrics"]


def is_vae(name: str) -> bool:
    return config_of(name)["kind"] == "vae"


def code_name(name: str) -> str:
    """What a model's code is called on axes and in texts: "mu" for a VAE, "z" for an AE."""
    return "mu" if is_vae(name) else "z"


def models_where(kind: str, latent_dim: int) -> list[str]:
    """Usable models of one kind ("ae" or "vae") and latent size, shipped ones first."""
    return [
        name
        for name in autoencoder_names()
        if config_of(name)["kind"] == kind and config_of(name)["latent_dim"] == latent_dim
    ]


def vaes_by_beta(latent_dim: int) -> dict[float, str]:
    """beta -> the first usable VAE of a latent size trained with it, betas in order."""
    by_beta: dict[float, str] = {}
    for name in models_where("vae", latent_dim):
        by_beta.setdefault(config_of(name)["beta"], name)
    return dict(sorted(by_beta.items()))


def latent_sizes() -> list[int]:
    """The latent sizes the usable models have."""
    return sorted({config_of(name)["latent_dim"] for name in autoencoder_names()})


def classifier_name(dataset: str | None = None) -> str:
    return qualified(dataset or current_dataset(), CLASSIFIER)


def classifier_fingerprint(dataset: str) -> str:
    """The fingerprint of the dataset's classifier in use (explorer/classifier.py)."""
    name = classifier_name(dataset)
    with _reading:
        return _fingerprint(name, version(name))


@functools.lru_cache(maxsize=8)
def _fingerprint(name: str, file_times: tuple) -> str:
    return fingerprint(_checkpoint(name, file_times).model)


def version(name: str) -> tuple[int, int]:
    """Modification times of a model's checkpoint and map data: part of the cache keys, so a
    retrained model is read again."""
    files = dict(checkpoint_files())
    return files.get(f"{name}.pt", 0), files.get(f"{name}.npz", 0)


class Checkpoint(NamedTuple):
    """A checkpoint as read once: its model, in eval mode, and the config and metrics saved
    with it."""

    model: nn.Module
    config: dict
    metrics: dict


def cached_model(name: str) -> nn.Module:
    """The model in eval mode; shared by all sessions, so only ever used under inference_mode."""
    return cached_checkpoint(name).model


def cached_checkpoint(name: str) -> Checkpoint:
    """A model's checkpoint, read and its model built once per version of the file."""
    with _reading:
        return _checkpoint(name, version(name))


# functools' caches, keyed by the files' times: Streamlit's cache_resource took longer to look
# up a model than a click's decode takes, and it leaves "_"-named arguments out of its key.
@functools.lru_cache(maxsize=64)
def _checkpoint(name: str, file_times: tuple) -> Checkpoint:
    path = resolve(name)
    checkpoint = read_checkpoint(path)
    model = model_from_checkpoint(checkpoint, path.name)
    return Checkpoint(model, checkpoint["config"], checkpoint["metrics"])


def cached_map_data(name: str) -> dict[str, np.ndarray]:
    """A model's map data; shared read-only arrays (no copy per rerun)."""
    with _reading:
        return _map_data(name, version(name))


@functools.lru_cache(maxsize=64)
def _map_data(name: str, file_times: tuple) -> dict[str, np.ndarray]:
    map_data = load_map_data(name)
    for array in map_data.values():
        array.setflags(write=False)
    return map_data


def warm_up(dataset: str = MNIST.name) -> np.ndarray | None:
    """Read a dataset's catalogue (every checkpoint, its model and its map file) into the
    caches above, and fetch its test images where they are missing, as the server starts
    (app.py): the first page then finds them read, or on disk. Returns the test images (None
    where they cannot be had)."""
    model_catalogue(dataset)
    classifier_fingerprint(dataset)
    return read_test_set(dataset)


@st.cache_resource(show_spinner=False)
def cached_click_grid(name: str, projection: str) -> np.ndarray:
    """The map's clickable empty-space nodes for a model and 2-D view."""
    return empty_space_grid(coords(cached_map_data(name), projection))


def test_images(dataset: str | None = None) -> np.ndarray | None:
    """The sidebar dataset's test images (unless another is named), uint8 (10000, 28, 28), or
    None where they cannot be had: the map works without them, from the shipped codes."""
    return _test_images(dataset or current_dataset())


@st.cache_resource(show_spinner="Reading the test images…")
def _test_images(dataset: str) -> np.ndarray | None:
    return read_test_set(dataset)


_fetching = threading.Lock()  # one download at a time: the warm-up's, or a page's


def read_test_set(dataset: str) -> np.ndarray | None:
    """A dataset's test images from its idx files, downloaded first where they are missing and
    a network is there (torchvision); None where they cannot be had."""
    with _fetching:
        try:
            images, _ = load_mnist_uint8(train=False, dataset=DATASETS[dataset])
        except DataUnavailableError:
            return None
    return images


def training_data_problem(dataset: str) -> str | None:
    """None if the dataset's training set can be read (downloading it where a network exists),
    else the message saying how to provide it. Asked again after a minute."""
    return _training_data_problem(dataset, minute=int(time.monotonic() // 60))


@st.cache_resource(show_spinner="Looking for the training images…", max_entries=4)
def _training_data_problem(dataset: str, minute: int) -> str | None:
    try:
        load_mnist_uint8(train=True, dataset=DATASETS[dataset])
    except DataUnavailableError as error:
        return str(error)
    return None


training_data_problem.clear = _training_data_problem.clear
