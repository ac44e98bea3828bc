import numpy as np

from explorer.plotting import empty_space_grid, latent_map, tile


def test_empty_space_grid_leaves_out_nodes_next_to_codes():
    coords = np.random.default_rng(0).normal(size=(500, 2)).astype(np.float32)
    grid = empty_space_grid(coords, n=30)
    assert 0 < len(grid) < 900
    step = (coords.max(0) - coords.min(0)) * 1.16 / 29
    gaps = np.abs(grid[:, None, :] - coords[None, :, :]) / step  # in grid steps, per axis
    assert (gaps.max(axis=2).min(axis=1) >= 0.5 - 1e-4).all()  # no code in any node's cell


def test_latent_map_has_one_trace_per_digit_with_row_ids():
    labels = np.repeat(np.arange(10), 3)
    coords = np.random.default_rng(1).normal(size=(30, 2))
    fig = latent_map(coords, labels, ("x", "y"), grid=empty_space_grid(coords), chosen_row=7,
                     ellipses=[coords[:5]])  # fmt: skip
    digits = [t for t in fig.data if t.name in [str(d) for d in range(10)]]
    assert len(digits) == 10 and all(len(t.x) == 3 for t in digits)
    assert list(digits[2].customdata) == [6, 7, 8]
    assert fig.layout.xaxis.title.text == "x" and fig.layout.legend.title.text == "digit"
    assert [t.name for t in fig.data][-2:] == ["empty space", None]
    assert list(digits[2].selectedpoints) == [1]  # row 7 is the second 2
    assert all(t.selectedpoints is None for t in digits if t.name != "2")


def test_tile_upscales_and_places_images():
    images = np.stack([np.full((28, 28), v, dtype=np.float32) for v in (0.0, 0.5, 1.0)])
    picture = tile(images, columns=2, gap=2, scale=2)
    assert picture.shape == (2 * 58, 2 * 58)
    assert picture[0, 0] == 0.0 and picture[0, 2 * 30] == 0.5 and picture[2 * 30, 0] == 1.0
