import pytest
import torch

from explorer.data import DataUnavailableError, load_mnist


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
