"""MNIST and Fashion-MNIST as tensors: images (N, 1, 28, 28) in [0, 1] and int64 labels.

Fashion-MNIST: Xiao, Rasul and Vollgraf 2017, a drop-in replacement for MNIST (same format,
sizes and split) whose ten classes are kinds of clothing.
"""

import gzip
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

DEFAULT_ROOT = "./data"


@dataclass(frozen=True)
class Dataset:
    """A dataset in MNIST's idx format: its folder under a root in torchvision's layout (the
    name of its torchvision class), and where a system package may hold it."""

    name: str  # as the CLI and the app's links write it
    title: str
    folder: str
    system_folder: str | None = None  # gzipped idx files installed by a Debian package


MNIST = Dataset("mnist", "MNIST", "MNIST")
FASHION_MNIST = Dataset(
    "fashion-mnist", "Fashion-MNIST", "FashionMNIST", "/usr/share/datasets/fashion-mnist"
)
DATASETS = {dataset.name: dataset for dataset in (MNIST, FASHION_MNIST)}


class DataUnavailableError(RuntimeError):
    """MNIST is neither in the root folder nor downloadable."""


def data_root(root: str | os.PathLike | None = None) -> Path:
    """The root to read: an explicit argument, else $MNIST_ROOT, else ./data."""
    return Path(root or os.environ.get("MNIST_ROOT") or DEFAULT_ROOT)


def _unavailable_message(root: Path, reason: str, dataset: Dataset = MNIST) -> str:
    message = (
        f"{dataset.title} was not found under '{root}' and could not be downloaded ({reason}).\n"
        "Provide it in one of three ways:\n"
        f"  1. pass --data-root PATH (a folder holding {dataset.folder}/raw in torchvision's "
        "layout);\n"
        "  2. set the environment variable MNIST_ROOT=PATH;\n"
        f"  3. put it in the default folder '{DEFAULT_ROOT}', which torchvision fills by itself "
        "on a machine with a network."
    )
    if dataset.system_folder:
        message += (
            f"\nOffline on Debian or Ubuntu, `apt install dataset-{dataset.name}` puts it in "
            f"{dataset.system_folder}, which is read too."
        )
    return message


def read_idx(path: Path) -> np.ndarray:
    """An array from MNIST's idx format: zero bytes, a type byte (8: uint8), the number of
    dimensions, the big-endian uint32 sizes, then the data; gzipped if the name ends in .gz."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    ndim = data[3]
    shape = struct.unpack(f">{ndim}I", data[4 : 4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def find_files(root: Path, train: bool, dataset: Dataset = MNIST) -> tuple[Path, Path] | None:
    """(images, labels) idx files: in torchvision's layout ROOT/<folder>/raw/, plain or
    gzipped, else in the dataset's system folder; None if neither has both."""
    prefix = "train" if train else "t10k"
    names = (f"{prefix}-images-idx3-ubyte", f"{prefix}-labels-idx1-ubyte")
    folders = [root / dataset.folder / "raw"]
    if dataset.system_folder:
        folders.append(Path(dataset.system_folder))
    for folder in folders:
        for suffix in ("", ".gz"):
            images, labels = (folder / f"{name}{suffix}" for name in names)
            if images.is_file() and labels.is_file():
                return images, labels
    return None


def load_mnist_uint8(
    train: bool,
    root: str | os.PathLike | None = None,
    download: bool = True,
    dataset: Dataset = MNIST,
) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (N, 28, 28), labels int64 (N,)), read straight from the idx files.

    torchvision only fetches missing files: importing it costs ~160 MiB, which the app,
    reading the test set for the map's originals, does without.
    """
    path = data_root(root)
    files = find_files(path, train, dataset)
    if files is None:
        if not download:
            raise DataUnavailableError(_unavailable_message(path, "download disabled", dataset))
        try:
            import torchvision.datasets  # downloads and unpacks into <folder>/raw

            getattr(torchvision.datasets, dataset.folder)(str(path), train=train, download=True)
        except Exception as error:  # torchvision raises URLError, OSError or RuntimeError offline
            reason = type(error).__name__
            raise DataUnavailableError(_unavailable_message(path, reason, dataset)) from None
        files = find_files(path, train, dataset)
    images, labels = files
    return read_idx(images), read_idx(labels).astype(np.int64)


def load_mnist(
    train: bool,
    root: str | os.PathLike | None = None,
    download: bool = True,
    dataset: Dataset = MNIST,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (x, labels): x float32 (N, 1, 28, 28) in [0, 1], labels int64 (N,), of MNIST or
    another dataset in its format."""
    images, labels = load_mnist_uint8(train, root, download, dataset)
    x = torch.from_numpy(images.copy()).unsqueeze(1).float().div_(255.0)  # (N, 1, 28, 28)
    return x, torch.from_numpy(labels)
