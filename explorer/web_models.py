"""A model's weights for the browser, where decoder.js runs the decoder or classifier.

Each tensor is its little-endian float16 or float32 bytes, in PyTorch's layout: base64 in JSON
(a payload), or raw after a JSON header (pack, what the app sends).
"""

import base64
import json

import numpy as np
import torch
from torch import nn

from explorer.classifier import Classifier
from explorer.models import Autoencoder

DTYPES = {"float16": "<f2", "float32": "<f4", "uint8": "u1"}


def encode_array(array: np.ndarray, dtype: str) -> str:
    """Base64 of the values in C order, as little-endian `dtype`."""
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {sorted(DTYPES)}, not {dtype!r}")
    return base64.b64encode(np.ascontiguousarray(array, dtype=DTYPES[dtype]).tobytes()).decode()


def encode_tensor(tensor: torch.Tensor, dtype: str) -> str:
    return encode_array(tensor.detach().cpu().float().numpy(), dtype)


def layer_payload(kind: str, module: nn.Module, dtype: str, **extra: int) -> dict:
    return {
        "type": kind,
        "weight_shape": list(module.weight.shape),
        "weight": encode_tensor(module.weight, dtype),
        "bias": encode_tensor(module.bias, dtype),
        **extra,
    }


def decoder_payload(model: Autoencoder, dtype: str = "float16") -> dict:
    """The decoder z -> pixel probabilities: Linear layers with ReLU between them, then a
    sigmoid; a Linear weight is (out, in), as in PyTorch."""
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


BLOB_FIELDS = ("weight", "bias", "codes")  # the payloads' base64 fields


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
