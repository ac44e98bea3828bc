"""The holes in a 2-D latent space: how sure the classifier is of the decode at each cell of
a grid over the plane the test codes span, and the share of the plane that decodes to a class."""

from dataclasses import dataclass

import numpy as np
from torch import nn

from explorer.latents import decode
from explorer.models import Autoencoder
from explorer.scoring import CONFIDENT, grade

CELLS = 60  # per axis: 3,600 decodes, read once per model
MARGIN = 0.05  # of the codes' range, on each side, so the outermost codes lie inside


@dataclass(frozen=True)
class ConfidencePlane:
    xs: np.ndarray  # (CELLS,) cell centres, left to right
    ys: np.ndarray  # (CELLS,) bottom to top
    confidence: np.ndarray  # (CELLS, CELLS): row per y, column per x
    classes: np.ndarray  # (CELLS, CELLS): the classifier's reading of each cell
    empty: np.ndarray  # (CELLS, CELLS): no test code in the cell or the eight around it

    @property
    def share_confident(self) -> float:
        """The share of the plane whose decode the classifier reads with confidence >= 0.9."""
        return float((self.confidence >= CONFIDENT).mean())

    @property
    def share_empty(self) -> float:
        return float(self.empty.mean())

    @property
    def share_confident_in_empty(self) -> float:
        """Of the empty cells, the share still read with confidence >= 0.9 (nan if none)."""
        if not self.empty.any():
            return float("nan")
        return float((self.confidence[self.empty] >= CONFIDENT).mean())


def plane_around(codes: np.ndarray, cells: int = CELLS) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres of a grid over the box the 2-D codes (N, 2) span, a margin around it."""
    low, high = codes.min(axis=0), codes.max(axis=0)
    pad = MARGIN * (high - low)
    xs, ys = (np.linspace(low[i] - pad[i], high[i] + pad[i], cells) for i in (0, 1))
    return xs.astype(np.float32), ys.astype(np.float32)


def confidence_plane(
    model: Autoencoder, classifier: nn.Module, codes: np.ndarray, cells: int = CELLS
) -> ConfidencePlane:
    """Decode every cell of the plane around a 2-D model's test codes and grade the decodes:
    where an autoencoder's space has holes, its decodes there are read with low confidence."""
    xs, ys = plane_around(codes, cells)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)  # (cells^2, 2), row-major in y
    graded = grade(classifier, decode(model, grid))
    shape = (cells, cells)
    return ConfidencePlane(
        xs, ys, graded.confidences.reshape(shape), graded.classes.reshape(shape),
        empty_cells(codes, xs, ys),
    )  # fmt: skip


def empty_cells(codes: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """(len(ys), len(xs)): True where no code lies in the cell or in the eight around it."""
    edges = [np.concatenate([[c[0] - (c[1] - c[0]) / 2], (c[1:] + c[:-1]) / 2,
                             [c[-1] + (c[-1] - c[-2]) / 2]]) for c in (ys, xs)]  # fmt: skip
    counts, _, _ = np.histogram2d(codes[:, 1], codes[:, 0], bins=edges)
    padded = np.pad(counts, 1)
    around = sum(
        padded[1 + dy : 1 + dy + len(ys), 1 + dx : 1 + dx + len(xs)]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
    )
    return around == 0
