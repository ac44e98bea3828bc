"""The browser's Gaussian maths (components/pointer/gaussian.js, run by Node) against
explorer/latents.py's, on the shipped VAEs' test codes: the map's ellipses, the close-up's
window and the draws' projection onto the view's plane."""

import json
import subprocess

import numpy as np
import pytest

from explorer.latents import close_up_window, projected_covariance, sigma_ellipses, sigma_of
from explorer.map_data import load_map_data, pca_of
from tests.test_web_models import REPO, node_or_skip

GAUSSIAN_JS = REPO / "explorer" / "ui" / "components" / "pointer" / "gaussian.js"
RUNNER = """
import { readFileSync, writeFileSync } from 'node:fs';
import { closeUpWindow, drawCodes, project, sigmaEllipses } from 'GAUSSIAN_JS';
const [input, output] = process.argv.slice(2);
const results = JSON.parse(readFileSync(input, 'utf8')).map((c) => ({
  ellipses: sigmaEllipses(c.position, c.sigma, c.plane),
  window: closeUpWindow(c.python_ellipses, c.x, c.y),
  projected: c.codes.map((z) => project(z, c.plane)),
  draws: drawCodes(c.sigma.map(() => 0), c.sigma.map(() => 1), 500, 7).map((z) => Array.from(z)),
}));
writeFileSync(output, JSON.stringify(results));
"""
ROWS = (0, 7, 123, 4242)


def cases() -> list[dict]:
    found = []
    for name in ("vae-2d", "vae-20d"):
        map_data = load_map_data(name)
        pca = pca_of(map_data) if name == "vae-20d" else None
        xy = map_data["codes"] if pca is None else pca.transform(map_data["codes"])
        plane = (
            None if pca is None else {"origin": pca.mean.tolist(), "axes": pca.components.tolist()}
        )
        for row in ROWS:
            logvar = map_data["logvar"][row]
            ellipses = sigma_ellipses(xy[row], logvar, pca)
            found.append({
                "id": f"{name}-{row}", "position": xy[row].tolist(),
                "sigma": sigma_of(logvar).tolist(), "plane": plane,
                "python_ellipses": [e.tolist() for e in ellipses],
                "x": xy[:, 0].tolist(), "y": xy[:, 1].tolist(),
                "expected_window": close_up_window(ellipses, xy).tolist(),
                "codes": map_data["codes"][row : row + 3].tolist(),
                "expected_projected": xy[row : row + 3].tolist(),
                "covariance_inverse": np.linalg.inv(projected_covariance(logvar, pca)).tolist(),
            })  # fmt: skip
    return found


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[tuple[dict, dict]]:
    node = node_or_skip()
    folder = tmp_path_factory.mktemp("gaussian")
    found = cases()
    (folder / "cases.json").write_text(json.dumps(found))
    runner = folder / "runner.mjs"
    runner.write_text(RUNNER.replace("GAUSSIAN_JS", GAUSSIAN_JS.as_uri()))
    subprocess.run(
        [node, runner, folder / "cases.json", folder / "out.json"], check=True, timeout=60
    )
    return list(zip(found, json.loads((folder / "out.json").read_text()), strict=True))


def test_the_browsers_ellipses_are_the_servers_contours(results):
    for case, result in results:
        center = np.array(case["position"])
        inverse = np.array(case["covariance_inverse"])
        for k, (mine, theirs) in enumerate(zip(result["ellipses"], case["python_ellipses"]), 1):
            offsets = np.array(mine) - center
            mahalanobis = np.einsum("ni,ij,nj->n", offsets, inverse, offsets)
            assert mahalanobis == pytest.approx(np.full(len(offsets), k * k), rel=1e-4), case["id"]
            extent = np.abs(offsets).max(axis=0)
            assert extent == pytest.approx(np.abs(np.array(theirs) - center).max(axis=0), rel=0.01)


def test_the_close_up_window_and_the_projection_match(results):
    for case, result in results:
        assert result["window"] == case["expected_window"], case["id"]
        assert sum(result["window"]) > 1  # the code itself and neighbours
        assert np.allclose(result["projected"], case["expected_projected"], atol=1e-4), case["id"]


def test_the_draws_eps_are_standard_normal(results):
    eps = np.array(results[0][1]["draws"]).ravel()  # mu 0, sigma 1: the draws are eps
    assert abs(eps.mean()) < 0.15 and abs(eps.std() - 1) < 0.1
    assert eps.min() < -2 and eps.max() > 2
