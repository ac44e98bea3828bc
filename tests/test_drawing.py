"""Drawn and uploaded digits, preprocessed the way MNIST was made."""

import base64
import io

import numpy as np
import pytest
from PIL import Image

from explorer.drawing import (
    MAX_BYTES,
    DrawingError,
    centre_of_mass,
    read_data_url,
    read_image,
    to_mnist,
)


def png(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.uint8(np.clip(image, 0, 1) * 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def stroke_canvas() -> np.ndarray:
    """A 280 x 280 canvas with a thick, off-centre "7" drawn in white."""
    canvas = np.zeros((280, 280), dtype=np.float32)
    canvas[30:48, 150:260] = 1  # the bar
    for i in range(150):
        row, column = 48 + i, 250 - i // 2
        canvas[row, column - 9 : column + 9] = 1  # the stem
    return canvas


def test_a_drawing_becomes_a_centred_20_pixel_digit():
    digit = to_mnist(stroke_canvas())
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert 0 <= digit.min() and digit.max() <= 1
    rows, columns = np.nonzero(digit > 0.05)
    assert max(rows.max() - rows.min(), columns.max() - columns.min()) + 1 in (20, 21)
    row, column = centre_of_mass(digit)
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5


def test_an_upscaled_mnist_like_digit_comes_back_close_to_itself():
    original = np.zeros((28, 28), dtype=np.float32)
    original[4:24, 9:19] = np.linspace(0.3, 1, 10)  # 20 pixels high, centred like MNIST
    big = np.kron(original, np.ones((10, 10), dtype=np.float32))  # drawn ten times larger
    again = to_mnist(big)
    assert np.corrcoef(again.ravel(), original.ravel())[0, 1] > 0.9


def test_an_empty_canvas_gives_none():
    assert to_mnist(np.zeros((280, 280), dtype=np.float32)) is None


def test_uploads_are_read_inverted_when_dark_on_light_and_refused_when_bad():
    drawing = stroke_canvas()
    np.testing.assert_allclose(read_image(png(drawing)), drawing, atol=1 / 255)
    np.testing.assert_allclose(read_image(png(1 - drawing)), drawing, atol=1 / 255)  # paper
    for bad in (b"", b"not an image at all", png(drawing)[:100]):
        with pytest.raises(DrawingError, match="not an image"):
            read_image(bad)
    with pytest.raises(DrawingError, match="MB"):
        read_image(b"\0" * (MAX_BYTES + 1))


def test_grey_paper_leaves_no_grey_box_round_the_digit():
    drawing = stroke_canvas()
    photo = 0.75 - 0.6 * drawing  # dark ink on light grey paper, as a phone photographs it
    read = read_image(png(photo))
    assert read[drawing == 0].max() < 0.01  # the paper is black
    assert read[drawing == 1].min() > 0.99  # the ink is white


def test_an_image_too_large_in_pixels_says_so():
    buffer = io.BytesIO()
    Image.new("1", (15_000, 15_000)).save(buffer, format="PNG")  # small file, huge picture
    assert len(buffer.getvalue()) < MAX_BYTES
    with pytest.raises(DrawingError, match="too many pixels"):
        read_image(buffer.getvalue())


def test_a_file_over_the_limit_reaches_the_page_to_be_refused_there():
    """Streamlit's upload limit is above ours, so a 6.8 MB photo gets the page's message
    ("over 5 MB") instead of only a red icon in the uploader."""
    import tomllib

    from tests.conftest import REPO

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 >= 4 * MAX_BYTES


def test_the_canvas_data_url_is_decoded():
    url = "data:image/png;base64," + base64.b64encode(png(stroke_canvas())).decode()
    assert read_data_url(url).shape == (280, 280)
    for bad in ("", "data:text/plain;base64,aGk=", "data:image/png;base64,@@@"):
        with pytest.raises(DrawingError):
            read_data_url(bad)
