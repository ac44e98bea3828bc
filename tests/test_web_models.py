"""The browser's decoder and classifier (decoder.js, run by Node) against PyTorch's, on the
shipped models, from the payloads of explorer/web_models.py."""

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import torch

from explorer.checkpoints import load_model
from explorer.web_models import classifier_payload, decoder_payload, pack

REPO = Path(__file__).resolve().parent.parent
DECODER_JS = REPO / "explorer" / "ui" / "components" / "pointer" / "decoder.js"
MODELS = ("ae-2d", "vae-2d", "ae-20d", "vae-20d")
TOLERANCE = {"float32": 1e-3, "float16": 1e-2}  # largest pixel or probability difference

# Reads [{payload or packed, inputs}], writes for each the decoded pixels or the classifier's
# probabilities and label per input. `packed` names a file of web_models.pack's bytes, as the
# app sends them; `payload` is the JSON form.
RUNNER = """
import { readFileSync, writeFileSync } from 'node:fs';
import { loadClassifier, loadDecoder, readPacked } from 'DECODER_JS';
const [input, output] = process.argv.slice(2);
const results = JSON.parse(readFileSync(input, 'utf8')).map((test) => {
  const bytes = test.packed && new Uint8Array(readFileSync(test.packed));
  const payload = bytes ? readPacked(bytes) : test.payload;
  const inputs = test.inputs;
  if (payload.kind === 'decoder') {
    const decoder = loadDecoder(payload);
    return inputs.map((z) => ({ pixels: Array.from(decoder.decode(z)) }));
  }
  const classifier = loadClassifier(payload);
  return inputs.map((pixels) => {
    const { label, probabilities } = classifier.classify(Float32Array.from(pixels));
    return { label, probabilities: Array.from(probabilities) };
  });
});
writeFileSync(output, JSON.stringify(results));
"""


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        message = "Node.js is needed to run decoder.js: install Debian's nodejs (node on PATH)"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the browser-decoder tests, but: {message}")
        pytest.skip(message)
    return node


@torch.inference_mode()
def decoder_cases() -> list[dict]:
    generator = torch.Generator().manual_seed(0)
    cases = []
    for name in MODELS:
        model = load_model(name)
        z = 1.5 * torch.randn(8, model.config.latent_dim, generator=generator)  # (8, latent_dim)
        x_hat = model.decode(z).flatten(1)  # (8, 784)
        for dtype in TOLERANCE:
            cases.append(
                {
                    "id": f"{name}-{dtype}",
                    "payload": decoder_payload(model, dtype),
                    "inputs": z.tolist(),
                    "expected": x_hat.tolist(),
                }
            )
    return cases


@torch.inference_mode()
def classifier_cases() -> list[dict]:
    """Decoded digits (from vae-2d, over its map) and blank and saturated images."""
    classifier = load_model("classifier")
    grid = torch.cartesian_prod(*[torch.linspace(-2, 2, 4)] * 2)  # (16, 2)
    x = torch.cat([load_model("vae-2d").decode(grid), torch.zeros(1, 1, 28, 28)])
    probabilities = classifier(x).softmax(dim=1)  # float32, as the browser computes
    return [
        {
            "id": f"classifier-{dtype}",
            "payload": classifier_payload(classifier, dtype),
            "inputs": x.flatten(1).tolist(),
            "expected": probabilities.tolist(),
        }
        for dtype in TOLERANCE
    ]


@pytest.fixture(scope="module")
def browser_results(tmp_path_factory) -> dict[str, tuple[dict, list]]:
    """Every case, run by decoder.js in one Node process: {id: (case, results)}."""
    node = node_or_skip()
    folder = tmp_path_factory.mktemp("web_models")
    cases = decoder_cases() + classifier_cases()
    for case in cases:  # float16 travels packed, as the app sends it; float32 as JSON
        if case["payload"]["dtype"] == "float16":
            case["packed"] = str(folder / f"{case['id']}.bin")
            Path(case["packed"]).write_bytes(pack(case.pop("payload")))
    (folder / "cases.json").write_text(json.dumps(cases))
    runner = folder / "runner.mjs"
    runner.write_text(RUNNER.replace("DECODER_JS", DECODER_JS.as_uri()))
    subprocess.run(
        [node, runner, folder / "cases.json", folder / "results.json"],
        check=True,
        timeout=120,
    )
    results = json.loads((folder / "results.json").read_text())
    return {case["id"]: (case, result) for case, result in zip(cases, results, strict=True)}


@pytest.mark.parametrize("dtype", TOLERANCE)
@pytest.mark.parametrize("name", MODELS)
def test_browser_decoder_matches_torch(browser_results, name, dtype):
    case, results = browser_results[f"{name}-{dtype}"]
    got = torch.tensor([result["pixels"] for result in results])
    expected = torch.tensor(case["expected"])
    assert got.shape == expected.shape == (8, 784)
    assert (got - expected).abs().max() < TOLERANCE[dtype]


@pytest.mark.parametrize("dtype", TOLERANCE)
def test_browser_classifier_matches_torch(browser_results, dtype):
    case, results = browser_results[f"classifier-{dtype}"]
    expected = torch.tensor(case["expected"])
    got = torch.tensor([result["probabilities"] for result in results])
    assert [result["label"] for result in results] == expected.argmax(dim=1).tolist()
    assert (got - expected).abs().max() < TOLERANCE[dtype]


def test_payloads_are_json_and_float16_halves_them():
    model = load_model("vae-2d")
    sizes = {dtype: len(json.dumps(decoder_payload(model, dtype))) for dtype in TOLERANCE}
    assert 0.45 < sizes["float16"] / sizes["float32"] < 0.55
    # 395,384 weights: 2 bytes each, 4/3 more as base64
    assert sizes["float16"] < 1.1e6
    shapes = [layer["weight_shape"] for layer in decoder_payload(model)["layers"]]
    assert shapes == [[200, 2], [400, 200], [784, 400]]
    classifier = load_model("classifier")
    shapes = [layer["weight_shape"] for layer in classifier_payload(classifier)["layers"]]
    assert shapes == [[32, 1, 5, 5], [64, 32, 5, 5], [128, 3136], [10, 128]]


def test_packed_payloads_are_the_raw_bytes_after_a_json_header():
    payload = decoder_payload(load_model("vae-2d"), "float16")
    packed = pack(payload)
    length = int.from_bytes(packed[:4], "little")
    header = json.loads(packed[4 : 4 + length])
    assert (4 + length) % 4 == 0  # the blobs start 4-aligned
    first = header["layers"][0]
    assert first["weight_shape"] == [200, 2] and "blob" in first["weight"]
    offset, size = first["weight"]["blob"]
    assert size == 200 * 2 * 2 and offset % 4 == 0
    blobs = packed[4 + length :]
    assert blobs[offset : offset + size] == base64.b64decode(payload["layers"][0]["weight"])
    assert len(packed) < 0.8 * len(json.dumps(payload))  # base64 costs a third more


def test_unknown_dtype_is_refused():
    with pytest.raises(ValueError, match="dtype"):
        decoder_payload(load_model("ae-2d"), "float64")


def test_javascript_unit_tests_pass():
    """tests/js/ (float16 unpacking, toy networks, the map's helpers), run by `node --test`."""
    node = node_or_skip()
    run = subprocess.run(
        [node, "--test", "tests/js/"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
