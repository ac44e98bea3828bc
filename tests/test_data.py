import dataclasses

import pytest
import torch

from explorer.data import FASHION_MNIST, DataUnavailableError, load_mnist, load_mnist_uint8
from tests.conftest import tiny_digits, write_idx


def test_loads_images_and_labels_from_a_root(tiny_mnist_root):
    x, labels = load_mnist(train=True, root=tiny_mnist_root, download=False)
    assert x.shape == (300, 1, 28, 28) and x.dtype == torch.float32
    assert labels.shape == (300,) and labels.dtype == torch.int64
    assert 0.0 <= x.min() and x.max() == 1.0
    x_test, _ = load_mnist(train=False, root=tiny_mnist_root, download=False)
    assert len(x_test) == 100


def test_root_comes_from_the_environment(tiny_mnist_root, monkeypatch):
    monkeypatch.setenv("MNIST_ROOT", str(tiny_mnist_root))
    x, _ = load_mnist(train=False, download=False)
    assert len(x) == 100


def test_missing_data_names_the_three_ways_to_provide_it(tmp_path):
    with pytest.raises(DataUnavailableError) as error:
        load_mnist(train=False, root=tmp_path, download=False)
    message = str(error.value)
    assert str(tmp_path) in message
    for way in ("--data-root", "MNIST_ROOT", "./data"):
        assert way in message


def test_fashion_mnist_is_read_from_its_own_folder_gzipped(tiny_mnist_root):
    x, labels = load_mnist(False, tiny_mnist_root, download=False, dataset=FASHION_MNIST)
    mnist, _ = load_mnist(False, tiny_mnist_root, download=False)
    assert x.shape == (100, 1, 28, 28) and labels.shape == (100,)
    assert not torch.equal(x, mnist)  # another folder, other images


def test_fashion_mnist_falls_back_to_the_debian_package_folder(tmp_path):
    system = tmp_path / "usr-share-datasets"
    system.mkdir()
    images, labels = tiny_digits(20, seed=3)
    write_idx(system / "t10k-images-idx3-ubyte.gz", images)
    write_idx(system / "t10k-labels-idx1-ubyte.gz", labels)
    dataset = dataclasses.replace(FASHION_MNIST, system_folder=str(system))
    read_images, read_labels = load_mnist_uint8(False, tmp_path / "empty", False, dataset)
    assert (read_images == images).all() and (read_labels == labels).all()


def test_missing_fashion_mnist_names_its_folder_and_the_debian_package(tmp_path):
    dataset = dataclasses.replace(FASHION_MNIST, system_folder=str(tmp_path / "none"))
    with pytest.raises(DataUnavailableError) as error:
        load_mnist(train=False, root=tmp_path, download=False, dataset=dataset)
    message = str(error.value)
    for part in (
        "Fashion-MNIST",
        "FashionMNIST/raw",
        "MNIST_ROOT",
        "apt install dataset-fashion-mnist",
    ):
        assert part in message


def test_real_fashion_mnist_has_ten_classes_of_a_thousand(real_fashion_mnist):
    x, labels = real_fashion_mnist
    assert x.shape == (10000, 1, 28, 28)
    assert torch.bincount(labels).tolist() == [1000] * 10
