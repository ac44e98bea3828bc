"""Shared fixtures: a tiny MNIST written in idx format, the real-MNIST tier's switch, and the
checkpoint folder the tests use: a temporary copy of the shipped one."""

import atexit
import gzip
import os
import shutil
import struct
import tempfile
from pathlib import Path

import numpy as np
import pytest
import torch

from explorer.data import FASHION_MNIST, DataUnavailableError, load_mnist

torch.set_num_threads(1)  # pytest shares 2 cores with whatever else runs; one thread is fastest

REPO = Path(__file__).resolve().parent.parent


def linked_checkpoints() -> Path:
    """A temporary checkpoint folder whose files link to the shipped ones: the tests train,
    plant broken files and write job files there, never in the repository's checkpoints/.
    Set before explorer.checkpoints is imported, and inherited by the servers and trainers
    the tests start."""
    folder = Path(tempfile.mkdtemp(prefix="latent-explorer-checkpoints-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    shipped = REPO / "checkpoints"
    for path in shipped.rglob("*"):
        relative = path.relative_to(shipped)
        if path.is_file() and "user" not in relative.parts and not path.name.startswith("."):
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).symlink_to(path)
    return folder


os.environ["LATENT_EXPLORER_CHECKPOINTS"] = str(linked_checkpoints())

# Fixtures that make a test part of a slow tier: real data sets, or trainer processes.
SLOW_FIXTURES = {"real_mnist", "real_fashion_mnist", "tiny_training"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tiers `slow`: browser tests (e2e), tests on real data or with trainer
    processes, besides those marked by hand (other subprocesses, UMAP's first compile).
    `python -m pytest -m "not slow"` runs the rest, for a quick check while developing."""
    for item in items:
        if item.get_closest_marker("e2e") or SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


def write_idx(path: Path, array: np.ndarray) -> None:
    """MNIST's idx format: magic (0, 0, 0x08 for uint8, ndim), big-endian dims, then the bytes;
    gzipped if the name ends in .gz."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    data = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def tiny_digits(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n 28x28 uint8 images: label k is a bright bar at row 2 + 2k, so classes differ."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n)
    images = rng.integers(0, 40, (n, 28, 28))
    for image, label in zip(images, labels):
        image[2 + 2 * label : 4 + 2 * label, 4:24] = 255
    return images, labels


@pytest.fixture(scope="session")
def tiny_mnist_root(tmp_path_factory) -> Path:
    """A root folder in torchvision's layout with 300 training and 100 test images, for MNIST
    and (other images, gzipped as torchvision downloads them) for Fashion-MNIST."""
    root = tmp_path_factory.mktemp("mnist")
    for folder, suffix, offset in (("MNIST", "", 0), ("FashionMNIST", ".gz", 10)):
        raw = root / folder / "raw"
        raw.mkdir(parents=True)
        for prefix, n, seed in (("train", 300, 0), ("t10k", 100, 1)):
            images, labels = tiny_digits(n, seed + offset)
            write_idx(raw / f"{prefix}-images-idx3-ubyte{suffix}", images)
            write_idx(raw / f"{prefix}-labels-idx1-ubyte{suffix}", labels)
    return root


@pytest.fixture(scope="session")
def real_mnist() -> tuple[torch.Tensor, torch.Tensor]:
    """The real-MNIST tier's test set: from $MNIST_ROOT or ./data, downloaded where a network
    exists. Missing data skips this tier on a laptop but fails it under CI."""
    try:
        return load_mnist(train=False)
    except DataUnavailableError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the real-MNIST tier, but: {error}")
        pytest.skip(f"real MNIST unavailable: {error}")


@pytest.fixture(scope="session")
def real_fashion_mnist() -> tuple[torch.Tensor, torch.Tensor]:
    """Fashion-MNIST's test set, for its shipped models: from the root or the Debian package
    dataset-fashion-mnist (which .ci/run installs). As for MNIST: skipped on a laptop without
    it, failed under CI."""
    try:
        return load_mnist(train=False, dataset=FASHION_MNIST)
    except DataUnavailableError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the real Fashion-MNIST tier, but: {error}")
        pytest.skip(f"real Fashion-MNIST unavailable: {error}")


@pytest.fixture
def offline_mnist(monkeypatch):
    """The app as on a machine without MNIST and without a network: the app's readers fail,
    and its per-process caches forget what earlier tests read."""
    from explorer.ui import catalogue

    def offline(**kwargs):
        raise DataUnavailableError("MNIST was not found; set MNIST_ROOT=PATH or --data-root")

    monkeypatch.setattr(catalogue, "load_mnist_uint8", offline)
    catalogue._test_images.clear()
    catalogue.training_data_problem.clear()
    yield
    catalogue._test_images.clear()
    catalogue.training_data_problem.clear()


@pytest.fixture
def tiny_training(tiny_mnist_root, monkeypatch):
    """Trainers started from the app read the tiny root (MNIST and Fashion-MNIST); the job's
    files and the test models (zz-test-*) are removed afterwards, and every user folder is
    left as it was found."""
    import shutil
    import time

    from explorer import jobs, ui
    from explorer.checkpoints import USER, dataset_dir
    from explorer.data import DATASETS

    monkeypatch.setenv("MNIST_ROOT", str(tiny_mnist_root))
    ui.training_data_problem.clear()
    folders = {dataset_dir(dataset) / USER for dataset in DATASETS}
    existed = {folder for folder in folders if folder.exists()}
    yield
    jobs.cancel()
    deadline = time.monotonic() + 30
    while jobs.read_lock(jobs.USER_DIR) and time.monotonic() < deadline:
        time.sleep(0.2)
    for name in (jobs.LOCK, jobs.LOG, jobs.ERRORS):
        (jobs.USER_DIR / name).unlink(missing_ok=True)
    for folder in folders:
        for path in [*folder.glob("zz-test-*"), folder / "metrics.md"]:
            path.unlink(missing_ok=True)
        if folder not in existed:
            shutil.rmtree(folder, ignore_errors=True)
    ui.training_data_problem.clear()
    ui.checkpoint_files.clear()


@pytest.fixture(scope="session")
def tiny_tensors() -> tuple[torch.Tensor, torch.Tensor]:
    """256 structured images as (x, labels) tensors, the way load_mnist returns them."""
    images, labels = tiny_digits(256, seed=2)
    return torch.tensor(images, dtype=torch.float32).unsqueeze(1) / 255, torch.tensor(labels)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's), for the real-browser tests (marker e2e)."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI runs the browser tests: install Debian's chromium")
        pytest.skip("headless Chromium not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server():
    """The app on a free port, for the real-browser tests; its base URL."""
    from tests.browser import streamlit_server

    with streamlit_server() as (url, process):
        yield url
    assert process.poll() is not None, "the server outlived the test"
