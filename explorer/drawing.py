"""A drawn or photographed digit made to look like an MNIST digit, so the models can encode it.

MNIST's recipe (LeCun, Cortes and Burges, "The MNIST database"): each digit was scaled to fit
a 20 x 20 box, keeping its aspect ratio, then placed in a 28 x 28 image so that its centre of
mass lies at the centre (row and column 14, as measured on the test set).
"""

import base64
import io

import numpy as np
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024  # an upload larger than this is refused unread
MAX_PIXELS = 4096 * 4096
INK = 0.2  # a pixel counts as ink above this share of the brightest pixel


class DrawingError(ValueError):
    """An image that cannot be read as a digit: `reason` names why ("too big", "too many
    pixels", "unreadable"), and the message says it for a person."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def to_mnist(image: np.ndarray) -> np.ndarray | None:
    """A grey image (H, W) in [0, 1], ink bright on dark -> (28, 28) float32 like MNIST, or
    None when there is no ink at all."""
    if image.max() < 0.05:
        return None
    rows, columns = np.nonzero(image >= INK * image.max())
    crop = image[rows.min() : rows.max() + 1, columns.min() : columns.max() + 1]
    scale = 20 / max(crop.shape)
    height, width = (max(1, round(n * scale)) for n in crop.shape)
    small = Image.fromarray(np.uint8(crop * 255)).resize((width, height), Image.LANCZOS)
    digit = np.asarray(small, dtype=np.float32) / 255
    canvas = np.zeros((28, 28), dtype=np.float32)
    top, left = (28 - height) // 2, (28 - width) // 2
    canvas[top : top + height, left : left + width] = digit
    return shift_to_centre(canvas)


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    rows, columns = np.indices(image.shape)
    total = image.sum()
    return float((rows * image).sum() / total), float((columns * image).sum() / total)


def shift_to_centre(image: np.ndarray) -> np.ndarray:
    """Move the image so its centre of mass lies at (14, 14), as far as the frame allows."""
    row, column = centre_of_mass(image)
    ink_rows, ink_columns = np.nonzero(image)
    dy = int(np.clip(round(14 - row), -ink_rows.min(), 27 - ink_rows.max()))
    dx = int(np.clip(round(14 - column), -ink_columns.min(), 27 - ink_columns.max()))
    return np.roll(image, (dy, dx), axis=(0, 1))  # nothing wraps: the shift stays in frame


def read_image(data: bytes) -> np.ndarray:
    """Bytes of a PNG, JPEG, … -> grey (H, W) in [0, 1], ink bright on dark. A photo of dark
    ink on light paper is inverted. DrawingError for anything unreadable or too large."""
    if len(data) > MAX_BYTES:
        raise DrawingError(
            "too big", f"The image is over {MAX_BYTES // 2**20} MB: use a smaller one."
        )
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.width * picture.height > MAX_PIXELS:
                raise DrawingError(
                    "too many pixels", "The image has too many pixels: use a smaller one."
                )
            grey = np.asarray(picture.convert("L"), dtype=np.float32) / 255
    except DrawingError:
        raise
    except Image.DecompressionBombError:  # PIL's own limit, met before ours can be checked
        raise DrawingError(
            "too many pixels", "The image has too many pixels: use a smaller one."
        ) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise DrawingError(
            "unreadable", "This file is not an image that can be read (try a PNG or JPEG)."
        ) from None
    return without_paper(1 - grey if np.median(grey) > 0.5 else grey)


def without_paper(grey: np.ndarray) -> np.ndarray:
    """Bright ink on a background made black: its level (the median, as most of a digit's
    picture is paper) goes to 0 and the brightest ink to 1, so that grey paper in a photo
    leaves no grey box round the digit."""
    background = float(np.median(grey))
    ink = float(grey.max()) - background
    if ink <= 0:
        return np.zeros_like(grey)
    return np.clip((grey - background) / ink, 0, 1)


def read_data_url(url: str) -> np.ndarray:
    """A canvas's "data:image/png;base64,…" -> grey (H, W) in [0, 1]."""
    header, _, payload = url.partition(",")
    if not header.startswith("data:image/") or ";base64" not in header:
        raise DrawingError("unreadable", "The drawing could not be read.")
    try:
        data = base64.b64decode(payload, validate=True)
    except ValueError:
        raise DrawingError("unreadable", "The drawing could not be read.") from None
    return read_image(data)
