"""One dimension at a time: traversal codes and grids (unit), and the page (AppTest)."""

import json

import numpy as np
import torch

from explorer import ui
from explorer.classifier import Classifier, ClassifierConfig
from explorer.models import ModelConfig, build_model
from explorer.traversal import (
    SAMPLED,
    SIGMAS,
    clearly_apart,
    dimensions_of,
    kept_class_shares,
    traversal_codes,
    traversal_grid,
)
from explorer.ui.traversal_panels import cached_kept_shares
from tests.test_app import components, points_data_all
from tests.test_sharing import open_with

PAGE = "pages/6_One_Dimension.py"


def spread_codes() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    codes = rng.normal(size=(500, 3)) * np.array([0.01, 3.0, 1.0])
    logvar = np.stack([np.zeros(500), np.full(500, -4.0), np.full(500, -2.0)], axis=1)
    return codes.astype(np.float32), logvar.astype(np.float32)


def test_a_vaes_dimensions_come_by_kl_and_an_aes_by_spread():
    codes, logvar = spread_codes()
    vae = dimensions_of(codes, logvar)
    assert vae.order.tolist() == [1, 2, 0] and vae.active.tolist() == [False, True, True]
    ae = dimensions_of(codes, None)
    assert ae.order.tolist() == [1, 2, 0] and ae.active.all() and ae.kl is None


def test_a_traversal_moves_one_dimension_in_its_sigmas_and_holds_the_rest():
    codes, logvar = spread_codes()
    dims = dimensions_of(codes, logvar)
    z = traversal_codes(codes[7], dims, np.array([1, 2]))
    assert z.shape == (2, len(SIGMAS), 3)
    assert np.allclose(z[0, :, 1], dims.mean[1] + SIGMAS * dims.std[1], atol=1e-5)
    assert np.allclose(z[0, :, [0, 2]], codes[7][[0, 2]][:, None])  # the others held
    assert np.allclose(z[1, :, 2], dims.mean[2] + SIGMAS * dims.std[2], atol=1e-5)


def test_a_grid_is_read_tile_by_tile_and_the_kept_share_is_a_share():
    torch.manual_seed(0)
    model = build_model(ModelConfig("vae", 3, hidden=(16,))).eval()
    classifier = Classifier(ClassifierConfig(channels=(4, 8), hidden=16)).eval()
    codes, logvar = spread_codes()
    dims = dimensions_of(codes, logvar)
    images, classes, confidences = traversal_grid(model, classifier, codes[0], dims, dims.order[:2])
    assert images.shape == (2, len(SIGMAS), 28, 28) and classes.shape == confidences.shape == (2, 7)
    shares = kept_class_shares(model, classifier, codes, dims)
    assert shares.shape == (SAMPLED,) and ((0 <= shares) & (shares <= 1)).all()


def test_two_models_are_told_apart_only_by_a_gap_larger_than_twice_its_standard_error():
    shares = np.random.default_rng(1).uniform(size=SAMPLED)
    assert not clearly_apart(shares, shares)
    assert not clearly_apart(shares, shares[::-1])  # the same shares, other images: noise
    assert clearly_apart(shares, shares * 0.5) and clearly_apart(shares * 0.5, shares)
    noisy = shares + np.random.default_rng(2).normal(0, 0.3, SAMPLED)  # a paired sd of 0.3:
    assert not clearly_apart(noisy + 0.05, shares)  # 0.05 < 2 * 0.3 / sqrt(50) = 0.085
    assert clearly_apart(noisy + 0.2, shares)


def test_the_sliders_go_by_kl_with_the_inactive_dimensions_labelled_and_the_map_beside():
    at = open_with(PAGE, model="vae-20d", point="3")
    (data,) = components(at, "latent_explorer_traversal")
    assert len(data["dims"]) == 20 and data["plane"] is not None and data["row"] == 3
    active = [d["active"] for d in data["dims"]]
    assert active == sorted(active, reverse=True) and sum(active) == 12  # active ones first
    assert all("inactive" in d["label"] for d in data["dims"] if not d["active"])
    assert all(-10 < d["startSigma"] < 10 and d["std"] > 0 for d in data["dims"])
    assert at.subheader[0].value.startswith("Test image #3:")
    assert dict(at.query_params)["point"] == "3"
    (points,) = points_data_all(at)  # the map beside: its points put in by the browser
    assert points["chart"] == data["chart"] and len(points["x"]) == 10_000


def test_the_grid_has_a_row_per_active_dimension_and_downloads_as_png():
    at = open_with(PAGE, model="vae-20d", point="3")
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    (grid,) = [f for f in specs if f["layout"]["xaxis"]["title"]["text"].startswith("sigmas")]
    notes = [note["text"] for note in grid["layout"]["annotations"]]
    labels = [text for text in notes if text.startswith("dimension")]
    assert len(labels) == 12 and "KL" in labels[0]  # a label above each row, not beside it:
    assert not grid["layout"]["yaxis"]["showticklabels"]  # the tiles get the page's width
    assert len(notes) == 12 * 7 + 12  # and a reading under every tile
    assert any(b.label == "Download the grid (PNG)" for b in at.get("download_button"))
    table = at.dataframe[0].value
    assert list(table["model"]) == ["ae-20d", "vae-20d"]  # the AE beside the VAE
    # the shipped 20-D AE keeps the class more often, by far more than noise could make
    assert clearly_apart(*(cached_kept_shares(name) for name in ("ae-20d", "vae-20d")))
    assert "Here the AE's single dimensions keep the class more often" in at.info[0].value


def test_a_gap_that_other_test_images_could_close_crowns_no_model():
    at = open_with(PAGE, model="vae-2d")
    table = at.dataframe[0].value
    assert list(table["model"]) == ["ae-2d", "vae-2d"]
    # the shipped 2-D pair: 25% against 26%, about one standard error apart
    assert not clearly_apart(*(cached_kept_shares(name) for name in ("ae-2d", "vae-2d")))
    verdict = at.info[0].value
    assert "keep the class about as often" in verdict and "more often" not in verdict


def test_a_2d_autoencoder_traverses_both_dimensions_in_korean():
    at = open_with(PAGE, model="ae-2d", point="0", lang="ko")
    (data,) = components(at, "latent_explorer_traversal")
    assert (
        len(data["dims"]) == 2 and data["plane"] is None and all(d["active"] for d in data["dims"])
    )
    assert data["words"]["back"] == "이미지의 코드로 돌아가기"


def test_presentation_mode_enlarges_the_grid_and_its_readings():
    def grid(at) -> dict:
        specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
        return next(f for f in specs if f["layout"]["xaxis"]["title"]["text"].startswith("sigma"))

    usual = grid(open_with(PAGE, model="vae-2d", point="3"))["layout"]
    room = grid(open_with(PAGE, model="vae-2d", point="3", present="on"))["layout"]
    assert room["height"] == round(usual["height"] * ui.widgets.ROOM_SCALE)
    sizes = {note["font"]["size"] for note in usual["annotations"]}
    assert sizes == {13, 14}  # a tile's reading, a row's label
    assert {note["font"]["size"] for note in room["annotations"]} == {18, 19}
