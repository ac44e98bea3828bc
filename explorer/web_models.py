"""A model's weights for the browser, where decoder.js runs the decoder or classifier.

Each tensor is little-endian float16 or float32 in PyTorch's layout (for "int8", a weight is int8
with a float32 scale per row): base64 in JSON (a payload), or raw after a JSON header (pack).
"""

import base64
import io
import json

import numpy as np
import torch
from PIL import Image
from torch import nn

from explorer.classifier import Classifier
from explorer.models import Autoencoder

DTYPES = {"float16": "<f2", "float32": "<f4", "uint8": "u1", "int8": "i1"}


def encode_array(array: np.ndarray, dtype: str) -> str:
    """Base64 of the values in C order, as little-endian `dtype`."""
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {sorted(DTYPES)}, not {dtype!r}")
    return base64.b64encode(np.ascontiguousarray(array, dtype=DTYPES[dtype]).tobytes()).decode()


def encode_tensor(tensor: torch.Tensor, dtype: str) -> str:
    return encode_array(tensor.detach().cpu().float().numpy(), dtype)


def quantize_rows(weight: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per output row, as TensorFlow.js quantizes weights: w ~ q * scale[row],
    scale[row] = max|w[row]| / 127, so each row's error is at most scale[row] / 2."""
    w = weight.detach().cpu().float().numpy().reshape(len(weight), -1)  # (out, in...)
    scale = np.abs(w).max(axis=1) / np.float32(127)  # (out,)
    q = np.rint(w / np.where(scale > 0, scale, 1)[:, None])  # an all-zero row stays zero
    return q.astype(np.int8), scale.astype(np.float32)


def weight_fields(module: nn.Module, dtype: str) -> dict:
    if dtype != "int8":
        return {
            "weight": encode_tensor(module.weight, dtype),
            "bias": encode_tensor(module.bias, dtype),
        }
    q, scale = quantize_rows(module.weight)
    # float16 biases: a few thousand values, whose rounding is far below the weights' int8 error
    return {
        "weight": encode_array(q, "int8"),
        "scale": encode_array(scale, "float32"),
        "bias": encode_tensor(module.bias, "float16"),
    }


def layer_payload(kind: str, module: nn.Module, dtype: str, **extra: int) -> dict:
    """A Linear or Conv2d layer; for "int8", its weight's row scales beside it."""
    return {
        "type": kind,
        "weight_shape": list(module.weight.shape),
        **weight_fields(module, dtype),
        **extra,
    }


def decoder_payload(model: Autoencoder, dtype: str = "float16") -> dict:
    """The decoder z -> pixel probabilities: Linear layers with ReLU between them, then a
    sigmoid; a Linear weight is (out, in), as in PyTorch. dtype float16, float32 or int8."""
    linears = [m for m in model.decoder if isinstance(m, nn.Linear)]
    return {
        "kind": "decoder",
        "dtype": dtype,
        "latent_dim": model.config.latent_dim,
        "output": "sigmoid",
        "layers": [layer_payload("linear", m, dtype) for m in linears],
    }


def classifier_payload(model: Classifier, dtype: str = "float16") -> dict:
    """The CNN 28x28 -> 10 logits: conv-ReLU-maxpool twice, flatten (channel, row, column),
    Linear-ReLU-Linear; a conv weight is (out, in, k, k). Dropout is the identity at inference."""
    conv1, conv2 = (m for m in model.features if isinstance(m, nn.Conv2d))
    fc1, fc2 = (m for m in model.head if isinstance(m, nn.Linear))
    return {
        "kind": "classifier",
        "dtype": dtype,
        "input_shape": [1, 28, 28],
        "output": "softmax",
        "layers": [
            layer_payload("conv2d", conv1, dtype, padding=conv1.padding[0], pool=2),
            layer_payload("conv2d", conv2, dtype, padding=conv2.padding[0], pool=2),
            layer_payload("linear", fc1, dtype),
            layer_payload("linear", fc2, dtype),
        ],
    }


def map_book_payload(
    labels: np.ndarray, codes: np.ndarray, sigma: np.ndarray | None, classes: np.ndarray,
    confidences: np.ndarray, with_codes: bool = True,
) -> dict:  # fmt: skip
    """What the browser needs to answer a click on any test image of a model's map by itself
    (panel.js): each image's label, code (float32, as in the CSV; with_codes=False leaves them
    out where the map's points are the codes, a 2-D model's) and VAE sigma, and the
    classifier's reading of its reconstruction (class, confidence), as the server stored it."""
    book = {
        "count": len(labels),
        "latent_dim": codes.shape[1],
        "labels": encode_array(labels, "uint8"),
        "classes": encode_array(classes, "uint8"),
        "confidences": encode_array(confidences, "float32"),
    }
    if with_codes:
        book["codes"] = encode_array(codes, "float32")  # (N, latent_dim)
    if sigma is not None:
        book["sigma"] = encode_array(sigma, "float32")  # (N, latent_dim)
    return book


ATLAS_COLUMNS = 100  # test images a row in the originals' PNG


def originals_payload(images: np.ndarray, classes: np.ndarray, confidences: np.ndarray) -> dict:
    """A dataset's test images (N, 28, 28) uint8, as one grey PNG of ATLAS_COLUMNS images a row
    (1.6 MB for MNIST's 10,000: a fifth of the raw bytes, the same pixels), with the
    classifier's reading of each."""
    count, side = len(images), images.shape[1]
    rows = -(-count // ATLAS_COLUMNS)
    padded = np.zeros((rows * ATLAS_COLUMNS, side, side), np.uint8)
    padded[:count] = images
    atlas = padded.reshape(rows, ATLAS_COLUMNS, side, side).transpose(0, 2, 1, 3)
    png = io.BytesIO()
    Image.fromarray(atlas.reshape(rows * side, ATLAS_COLUMNS * side)).save(png, format="PNG")
    return {
        "count": count,
        "columns": ATLAS_COLUMNS,
        "png": base64.b64encode(png.getvalue()).decode(),
        "classes": encode_array(classes, "uint8"),
        "confidences": encode_array(confidences, "float32"),
    }


# The payloads' base64 fields: model weights and codes, a map's points, a book's readings.
BLOB_FIELDS = (
    "weight", "scale", "bias", "codes", "x", "y", "labels", "sigma", "classes", "confidences",
    "png",
)  # fmt: skip


def pack(payload: dict) -> bytes:
    """A payload as bytes for the browser, a third smaller than its base64: a 4-byte
    little-endian header length, the JSON header with each base64 field replaced by
    {"blob": [offset, length]}, then the fields' bytes, each at an offset that is a multiple of 4.
    decoder.js's readPacked reads it back."""
    blobs = bytearray()

    def lift(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            return {k: lift(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [lift(v) for v in value]
        if key in BLOB_FIELDS and isinstance(value, str):
            raw = base64.b64decode(value)
            blobs.extend(b"\0" * (-len(blobs) % 4))
            offset = len(blobs)
            blobs.extend(raw)
            return {"blob": [offset, len(raw)]}
        return value

    header = json.dumps(lift(payload)).encode()
    header += b" " * (-(4 + len(header)) % 4)  # so that the blobs start 4-aligned
    return len(header).to_bytes(4, "little") + header + bytes(blobs)
