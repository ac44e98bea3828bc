"""The holes layer: the classifier's reading of the decode of every cell over a 2-D plane."""

import numpy as np
import pytest
import torch

from explorer.checkpoints import load_model
from explorer.classifier import Classifier, ClassifierConfig
from explorer.coverage import confidence_plane, empty_cells, plane_around
from explorer.map_data import load_map_data
from explorer.models import ModelConfig, build_model


def test_the_plane_spans_the_codes_with_a_margin():
    codes = np.array([[0.0, -1.0], [10.0, 3.0]], dtype=np.float32)
    xs, ys = plane_around(codes, cells=11)
    assert xs[0] < 0 < 10 < xs[-1] and ys[0] < -1 < 3 < ys[-1]
    assert np.all(np.diff(xs) > 0) and np.all(np.diff(ys) > 0)


def test_cells_far_from_every_code_are_empty_and_those_near_are_not():
    xs = ys = np.arange(10, dtype=np.float32)
    codes = np.array([[0.1, 0.2], [9.0, 9.0]], dtype=np.float32)
    empty = empty_cells(codes, xs, ys)
    assert empty.shape == (10, 10)
    assert not empty[0, 0] and not empty[1, 1] and not empty[9, 9] and not empty[8, 9]
    assert empty[5, 5] and empty[0, 9] and empty[9, 0]
    assert empty.sum() == 100 - 4 - 4  # each code leaves its cell and three neighbours filled


def test_a_plane_is_read_cell_by_cell_with_its_shares_in_range():
    torch.manual_seed(0)
    model = build_model(ModelConfig("vae", 2, hidden=(16,))).eval()
    classifier = Classifier(ClassifierConfig(channels=(4, 8), hidden=16)).eval()
    codes = np.random.default_rng(0).normal(size=(200, 2)).astype(np.float32)
    plane = confidence_plane(model, classifier, codes, cells=12)
    assert plane.confidence.shape == plane.classes.shape == plane.empty.shape == (12, 12)
    assert 0 <= plane.share_confident <= 1 and 0 < plane.share_empty < 1
    assert np.all((plane.confidence > 0) & (plane.confidence <= 1))


@pytest.mark.parametrize("name", ["ae-2d", "vae-2d"])
def test_the_shipped_planes_as_the_map_reports_them(name):
    """The numbers the Latent Map's holes layer shows (README, "The holes layer")."""
    plane = confidence_plane(
        load_model(name), load_model("classifier"), load_map_data(name)["codes"]
    )
    assert 0.3 < plane.share_empty < 0.8  # the box around the codes is partly empty
    assert plane.share_confident_in_empty > 0.5  # yet the classifier names most decodes there
