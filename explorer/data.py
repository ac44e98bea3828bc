"""MNIST as tensors: images (N, 1, 28, 28) in [0, 1] and int64 labels, from a root folder."""

import os
import struct
from pathlib import Path

import numpy as np
import torch

DEFAULT_ROOT = "./data"


class DataUnavailableError(RuntimeError):
    """MNIST is neither in the root folder nor downloadable."""


def data_root(root: str | os.PathLike | None = None) -> Path:
    """The root to read: an explicit argument, else $MNIST_ROOT, else ./data."""
    return Path(root or os.environ.get("MNIST_ROOT") or DEFAULT_ROOT)


def _unavailable_message(root: Path, reason: str) -> str:
    return (
        f"MNIST was not found under '{root}' and could not be downloaded ({reason}).\n"
        "Provide it in one of three ways:\n"
        "  1. pass --data-root PATH (a folder holding MNIST/raw in torchvision's layout);\n"
        "  2. set the environment variable MNIST_ROOT=PATH;\n"
        f"  3. put it in the default folder '{DEFAULT_ROOT}', which torchvision fills by itself "
        "on a machine with a network."
    )


def read_idx(path: Path) -> np.ndarray:
    """An array from MNIST's idx format: zero bytes, a type byte (8: uint8), the number of
    dimensions, the big-endian uint32 sizes, then the data."""
    data = path.read_bytes()
    ndim = data[3]
    shape = struct.unpack(f">{ndim}I", data[4 : 4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def raw_files(root: Path, train: bool) -> tuple[Path, Path]:
    """(images, labels) paths in torchvision's layout: ROOT/MNIST/raw/*-ubyte."""
    prefix = "train" if train else "t10k"
    raw = root / "MNIST" / "raw"
    return raw / f"{prefix}-images-idx3-ubyte", raw / f"{prefix}-labels-idx1-ubyte"


def load_mnist_uint8(
    train: bool, root: str | os.PathLike | None = None, download: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (N, 28, 28), labels int64 (N,)), read straight from the idx files.

    torchvision only fetches missing files: importing it costs ~160 MiB, which the app,
    reading the test set for the map's originals, does without.
    """
    path = data_root(root)
    images, labels = raw_files(path, train)
    if not (images.is_file() and labels.is_file()):
        if not download:
            raise DataUnavailableError(_unavailable_message(path, "download disabled"))
        try:
            from torchvision.datasets import MNIST  # downloads and unpacks into MNIST/raw

            MNIST(str(path), train=train, download=True)
        except Exception as error:  # torchvision raises URLError, OSError or RuntimeError offline
            raise DataUnavailableError(_unavailable_message(path, type(error).__name__)) from None
    return read_idx(images), read_idx(labels).astype(np.int64)


def load_mnist(
    train: bool, root: str | os.PathLike | None = None, download: bool = True
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (x, labels): x float32 (N, 1, 28, 28) in [0, 1], labels int64 (N,)."""
    images, labels = load_mnist_uint8(train, root, download)
    x = torch.from_numpy(images.copy()).unsqueeze(1).float().div_(255.0)  # (N, 1, 28, 28)
    return x, torch.from_numpy(labels)
