"""The browser's decoder and classifier (decoder.js, run by Node) against PyTorch's, on the
shipped models, from the payloads of explorer/web_models.py."""

import base64
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from explorer.checkpoints import load_model
from explorer.classifier import classify
from explorer.map_data import load_map_data
from explorer.ui.pointer import FOLDER, bundled_js
from explorer.web_models import (
    ATLAS_COLUMNS,
    classifier_payload,
    decoder_payload,
    layer_payload,
    originals_payload,
    pack,
    quantize_rows,
)

REPO = Path(__file__).resolve().parent.parent
DECODER_JS = REPO / "explorer" / "ui" / "components" / "pointer" / "decoder.js"
MODELS = ("ae-2d", "vae-2d", "ae-20d", "vae-20d")
FLOATS = ("float32", "float16")  # the classifier's; the decoder's also int8
# The largest pixel or probability difference. int8, measured over the first 300 test codes:
# ae-2d 0.203, vae-2d 0.071, ae-20d 0.089, vae-20d 0.058 (over all 10,000: 0.236, 0.078, 0.124,
# 0.077); a logit's int8 error of about 1 moves a grey pixel (slope 1/4) the most.
TOLERANCE = {"float32": 1e-3, "float16": 1e-2, "int8": 0.25}
# int8 against float32 over the same codes: a mean pixel difference of 0.0020, 0.0013, 0.0014,
# 0.0012, and the classifier reads 299/300, 300, 300, 300 decodes as it reads torch's (99.7% to
# 99.9% of all 10,000).
INT8_MEAN = 0.0025
INT8_SAME_READING = 0.99
INT8_CODES = 300

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
  const classifier = loadClassifier(payload, { useSimd: test.simd });
  return inputs.map((pixels) => {
    const { label, probabilities } = classifier.classify(Float32Array.from(pixels));
    return { label, probabilities: Array.from(probabilities), simd: classifier.simd };
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
        codes = torch.from_numpy(load_map_data(name)["codes"][:INT8_CODES]).float()
        for dtype in TOLERANCE:  # int8 on test codes, where the app decodes and reads them
            inputs = codes if dtype == "int8" else z
            x_hat = model.decode(inputs).flatten(1)  # (N, 784)
            cases.append(
                {
                    "id": f"{name}-{dtype}",
                    "payload": decoder_payload(model, dtype),
                    "inputs": inputs.tolist(),
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
            "id": f"classifier-{dtype}" + ("" if simd else "-plain"),
            "payload": classifier_payload(classifier, dtype),
            "simd": simd,
            "inputs": x.flatten(1).tolist(),
            "expected": probabilities.tolist(),
        }
        for dtype in FLOATS
        for simd in (True, False)  # WebAssembly SIMD, and the JavaScript loops without it
    ]


@pytest.fixture(scope="module")
def browser_results(tmp_path_factory) -> dict[str, tuple[dict, list]]:
    """Every case, run by decoder.js in one Node process: {id: (case, results)}."""
    node = node_or_skip()
    folder = tmp_path_factory.mktemp("web_models")
    cases = decoder_cases() + classifier_cases()
    for case in cases:  # float16 and int8 travel packed, as the app sends them; float32 as JSON
        if case["payload"]["dtype"] != "float32":
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
    assert got.shape == expected.shape == (len(case["inputs"]), 784)
    assert (got - expected).abs().max() < TOLERANCE[dtype]


@pytest.mark.parametrize("name", MODELS)
def test_browser_int8_decodes_read_as_torch_decodes(browser_results, name):
    case, results = browser_results[f"{name}-int8"]
    got = torch.tensor([result["pixels"] for result in results])
    expected = torch.tensor(case["expected"])
    assert (got - expected).abs().mean() < INT8_MEAN
    classifier = load_model("classifier")
    read, _ = classify(classifier, got.view(-1, 1, 28, 28))
    reference, _ = classify(classifier, expected.view(-1, 1, 28, 28))
    assert (read == reference).float().mean() >= INT8_SAME_READING


@pytest.mark.parametrize("simd", [True, False])
@pytest.mark.parametrize("dtype", FLOATS)
def test_browser_classifier_matches_torch(browser_results, dtype, simd):
    case, results = browser_results[f"classifier-{dtype}" + ("" if simd else "-plain")]
    assert all(result["simd"] == simd for result in results)  # the path asked for ran
    expected = torch.tensor(case["expected"])
    got = torch.tensor([result["probabilities"] for result in results])
    assert [result["label"] for result in results] == expected.argmax(dim=1).tolist()
    assert (got - expected).abs().max() < TOLERANCE[dtype]


def test_payloads_are_json_and_float16_halves_them():
    model = load_model("vae-2d")
    sizes = {dtype: len(json.dumps(decoder_payload(model, dtype))) for dtype in FLOATS}
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


def test_int8_packs_a_decoder_to_about_half_its_float16():
    model = load_model("vae-2d")
    sizes = {dtype: len(pack(decoder_payload(model, dtype))) for dtype in ("float16", "int8")}
    # 394,000 weights at 1 byte, 1,384 float32 scales and float16 biases: 402,304 bytes and a header
    assert 402_304 < sizes["int8"] < 405_000
    assert sizes["int8"] < 0.52 * sizes["float16"]


def test_int8_rows_are_within_half_a_step_of_the_weights():
    size = torch.arange(5.0)[:, None]  # row 0 all zeros, the others ever larger
    weight = size * torch.randn(5, 7, generator=torch.Generator().manual_seed(0))  # (5, 7)
    q, scale = quantize_rows(weight)
    assert q.dtype == np.int8 and q.shape == (5, 7) and scale.dtype == np.float32
    assert np.array_equal(np.abs(q).max(axis=1), [0, 127, 127, 127, 127])
    error = np.abs(q * scale[:, None] - weight.numpy())
    assert np.all(error <= 0.501 * scale[:, None])  # half a step, and float32 rounding


def test_int8_layers_pack_rows_scales_and_biases_at_4_aligned_offsets():
    layer = nn.Linear(3, 1)  # 3 int8 bytes, then the scale after a byte of padding
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([[0.6, -1.0, 0.2]]))  # max |w| 1: steps of 1/127
        layer.bias.fill_(0.125)
    payload = {"layers": [layer_payload("linear", layer, "int8")]}
    packed = pack(payload)
    length = int.from_bytes(packed[:4], "little")
    fields = json.loads(packed[4 : 4 + length])["layers"][0]
    assert [fields[key]["blob"] for key in ("weight", "scale", "bias")] == [[0, 3], [4, 4], [8, 2]]
    blobs = packed[4 + length :]
    assert np.frombuffer(blobs[:3], np.int8).tolist() == [76, -127, 25]
    assert np.frombuffer(blobs[4:8], "<f4")[0] == np.float32(1.0) / np.float32(127)
    assert np.frombuffer(blobs[8:10], "<f2")[0] == 0.125


def test_unknown_dtype_is_refused():
    with pytest.raises(ValueError, match="dtype"):
        decoder_payload(load_model("ae-2d"), "float64")


def test_javascript_unit_tests_pass():
    """tests/js/ (float16 and int8 unpacking, toy networks, the map's helpers), by `node --test`."""
    node = node_or_skip()
    run = subprocess.run(
        [node, "--test", "tests/js/"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_a_components_javascript_is_bundled_with_what_it_imports_each_once():
    bundle = bundled_js("model.js")  # model.js -> decoder.js -> pixels.js and simd.js; page.js
    assert "from './" not in bundle  # a blob: URL resolves no relative import
    for name in ("pixels.js", "simd.js", "decoder.js", "page.js", "model.js"):
        code = [line for line in (FOLDER / name).read_text().splitlines()
                if line.strip() and not line.lstrip().startswith(("//", "import "))]  # fmt: skip
        assert bundle.count(code[0] + "\n") == 1  # its first line of code, once
    assert "//" not in "".join(line.lstrip()[:2] for line in bundle.splitlines())  # lean
    assert len(bundle) < 0.8 * sum(
        len((FOLDER / name).read_text())
        for name in ("pixels.js", "simd.js", "decoder.js", "page.js", "model.js")
    )  # no comment lines
    assert bundle.index("function simdConvolution") < bundle.index("function loadClassifier")
    assert "function loadClassifier" not in bundled_js("pointer.js")  # models come loaded


def unpacked(packed: bytes) -> tuple[dict, bytes]:
    """pack's bytes read back: its JSON header, and the bytes its blobs point into."""
    length = int.from_bytes(packed[:4], "little")
    return json.loads(packed[4 : 4 + length]), packed[4 + length :]


def test_the_test_images_travel_as_one_png_with_every_pixel_and_reading():
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (250, 28, 28), dtype=np.uint8)  # two and a half rows of 100
    classes = rng.integers(0, 10, 250)
    confidences = rng.random(250).astype(np.float32)
    header, blobs = unpacked(
        pack({"key": "k", "originals": originals_payload(images, classes, confidences)})
    )
    originals = header["originals"]
    assert originals["count"] == 250 and originals["columns"] == ATLAS_COLUMNS
    start, size = originals["png"]["blob"]
    atlas = np.array(Image.open(io.BytesIO(blobs[start : start + size])))
    assert atlas.shape == (3 * 28, ATLAS_COLUMNS * 28) and atlas.dtype == np.uint8  # grey
    tiles = atlas.reshape(3, 28, ATLAS_COLUMNS, 28).transpose(0, 2, 1, 3).reshape(-1, 28, 28)
    assert (tiles[:250] == images).all() and not tiles[250:].any()  # the rest of a row black
    start, size = originals["classes"]["blob"]
    assert (np.frombuffer(blobs[start : start + size], np.uint8) == classes).all()
    start, size = originals["confidences"]["blob"]
    assert (np.frombuffer(blobs[start : start + size], "<f4") == confidences).all()
