"""MNIST as tensors: images (N, 1, 28, 28) in [0, 1] and int64 labels, from a root folder."""

import os
from pathlib import Path

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


def load_mnist(
    train: bool, root: str | os.PathLike | None = None, download: bool = True
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (x, labels): x float32 (N, 1, 28, 28) in [0, 1], labels int64 (N,)."""
    from torchvision.datasets import MNIST  # deferred: torchvision's import costs ~1 s

    path = data_root(root)
    try:
        dataset = MNIST(str(path), train=train, download=False)
    except RuntimeError:
        if not download:
            raise DataUnavailableError(_unavailable_message(path, "download disabled")) from None
        try:
            dataset = MNIST(str(path), train=train, download=True)
        except Exception as error:  # torchvision raises URLError, OSError or RuntimeError offline
            raise DataUnavailableError(_unavailable_message(path, type(error).__name__)) from None
    x = dataset.data.unsqueeze(1).float().div_(255.0)  # (N, 1, 28, 28)
    return x, dataset.targets.long()


def mnist_available(root: str | os.PathLike | None = None) -> bool:
    """True when the test set can be read from the root without a download."""
    try:
        load_mnist(train=False, root=root, download=False)
    except DataUnavailableError:
        return False
    return True
