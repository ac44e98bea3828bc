import numpy as np
import pytest

from explorer.plotting import (
    ACCESSIBLE,
    TEMPLATE_JSON,
    bars_update,
    beta_tradeoff,
    class_counts,
    empty_space_grid,
    kl_bars,
    latent_bars,
    latent_map,
    manifold_content,
    manifold_frame,
    manifold_update,
    path_figure,
    text_on,
    tile,
    training_curves,
    with_path,
    with_prior_circles,
)
from tests.test_lesson_pages import values


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
    # Plotly selects on a click only where the server reads it (a selection redraws WebGL)
    assert fig.layout.clickmode == "event"
    selectable = latent_map(coords, labels, ("x", "y"), selectable=True)
    assert selectable.layout.clickmode == "event+select"


def test_tile_upscales_and_places_images():
    images = np.stack([np.full((28, 28), v, dtype=np.float32) for v in (0.0, 0.5, 1.0)])
    picture = tile(images, columns=2, gap=2, scale=2)
    assert picture.shape == (2 * 58, 2 * 58)
    assert picture[0, 0] == 0.0 and picture[0, 2 * 30] == 0.5 and picture[2 * 30, 0] == 1.0


def test_lesson_figures_have_labelled_axes_and_legends():
    counts = class_counts(np.arange(10), "readings")
    assert len(counts.data[0].x) == 10 and counts.layout.xaxis.title.text
    kl = kl_bars(np.array([3.0, 0.001, 2.0]), np.array([True, False, True]))
    assert [t.name for t in kl.data] == ["active", "inactive"]
    assert list(values(kl.data[0].x)) == [1, 3] and kl.layout.yaxis.title.text.startswith("KL")
    trade = beta_tradeoff([0, 1, 4], [130, 132, 135], [80, 7, 4], [20, 12, 5], [0.5, 0.7, 0.8], 20)
    losses, dims, samples = trade  # three figures, side by side or stacked on a phone
    assert [len(figure.data) for figure in trade] == [2, 1, 1]
    for figure in trade:
        assert figure.layout.xaxis.title.text.startswith("beta") and figure.layout.yaxis.title.text
        assert figure.layout.xaxis.type == "category" and figure.data[0].showlegend is not False
    assert list(values(dims.data[0].y)) == [20, 12, 5] and dims.layout.yaxis.range[1] > 20
    assert list(values(samples.data[0].y)) == pytest.approx([50, 70, 80])
    labels = np.repeat(np.arange(10), 4)
    coords = np.random.default_rng(2).normal(size=(40, 2))
    circled = with_prior_circles(latent_map(coords, labels, ("a", "b")))
    radii = [np.hypot(t.x, t.y).mean() for t in circled.data if "prior" in (t.name or "")]
    assert radii == pytest.approx([1, 2])
    # named in a legend of their own, so that the digits' short entries share rows; round
    assert [t.legend for t in circled.data if "prior" in (t.name or "")] == ["legend2"] * 2
    assert circled.layout.yaxis.scaleanchor == "x"
    ground = path_figure(coords, labels, coords[:10], ("a", "b"))
    assert [t.name for t in ground.data][-1] == "digit means" and len(ground.data) == 11
    path = with_path(ground, coords[:5], np.arange(5), 2)
    names = [t.name for t in path.data]
    assert names[-3:] == ["digit means", "path (classifier's reading)", "alpha"]
    assert len(path.data[-2].x) == 5 and list(path.data[-1].x) == [coords[2, 0]]
    ground = path_figure(coords, labels, coords[:10], ("a", "b"))
    drawn_by_the_browser = with_path(ground, None, None, None)
    assert drawn_by_the_browser.data[-1].name.startswith("path")  # in the legend, no points
    assert list(drawn_by_the_browser.data[-1].x) == [None] and len(drawn_by_the_browser.data) == 12


def test_the_accessible_style_gives_each_digit_its_own_colour_and_shape():
    labels = np.repeat(np.arange(10), 2)
    coords = np.random.default_rng(3).normal(size=(20, 2))
    fig = latent_map(coords, labels, ("a", "b"), style=ACCESSIBLE)
    looks = {(t.marker.color, t.marker.symbol) for t in fig.data[:10]}
    assert len(looks) == 10 and len({symbol for _, symbol in looks}) == 10
    assert text_on("#332288") == "white" and text_on("#DDCC77") == "black"


def test_figures_built_with_validation_keep_the_apps_template():
    kl, active = np.array([3.0, 0.001]), np.array([True, False])
    for figure in (
        kl_bars(kl, active),
        latent_bars(kl, kl),
        *beta_tradeoff([0, 1], [130, 132], [80, 7], [2, 1], [0.5, 0.7], 2),
    ):
        assert figure.to_dict()["layout"]["template"] == TEMPLATE_JSON
        assert figure.layout.template.layout.plot_bgcolor == "white"  # plotly_white's


def test_the_manifold_update_turns_the_shared_frame_into_a_models_figure():
    """What the browser puts into manifold_frame (content.js, Plotly.update) gives the figure
    the server would draw for that model: its image, tick labels and axis titles."""
    rng = np.random.default_rng(0)
    canvas, xs, ys = rng.random((28 * 15, 28 * 15)), np.linspace(-2, 2, 15), np.linspace(2, -2, 15)
    content = manifold_content(canvas, xs, ys, ("z[0]", "z[1]"))
    frame = manifold_frame(15).to_plotly_json()
    trace, labels = manifold_update(content)
    for key, per_trace in trace.items():
        frame["data"][0][key] = per_trace[0]
    for path, value in labels.items():
        axis, *keys = path.split(".")
        target = frame["layout"][axis]
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    assert frame["data"][0]["source"] == content["data"][0]["source"]
    for axis in ("xaxis", "yaxis"):
        got, want = frame["layout"][axis], content["layout"][axis]
        assert got["ticktext"] == want["ticktext"] and got["tickvals"] == want["tickvals"]
        assert got["title"]["text"] == want["title"]["text"]


@pytest.mark.parametrize("vae", [True, False], ids=["a VAE's code", "an AE's code"])
def test_the_bars_update_turns_the_frame_of_zeros_into_a_codes_bars(vae):
    """What the browser puts into the 20-D bars' shared frame (content.js) gives the bars the
    server would draw for that code."""
    rng = np.random.default_rng(1)
    code, sigma = rng.normal(size=20), (rng.random(20) if vae else None)
    frame = latent_bars(np.zeros(20), np.zeros(20)).to_plotly_json()["data"][0]
    for path, per_trace in bars_update(code, sigma).items():
        target, *keys = frame, *path.split(".")
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = per_trace[0]
    want = latent_bars(code, sigma).data[0]
    assert np.allclose(frame["y"], values(want.y))
    assert frame["error_y"]["visible"] == vae
    if vae:
        assert np.allclose(frame["error_y"]["array"], values(want.error_y.array))


def test_training_curves_tick_whole_epochs_only():
    one = training_curves([{"epoch": 1, "loss": 170.0, "recon": 165.0, "kl": 5.0}], total=1)
    assert (one.layout.xaxis.tick0, one.layout.xaxis.dtick) == (1, 1)  # no "0.5" tick
    many = training_curves([{"epoch": 1, "loss": 170.0, "recon": 170.0}], total=30)
    assert many.layout.xaxis.dtick == 5 and len(many.data) == 2  # an AE: no KL term
