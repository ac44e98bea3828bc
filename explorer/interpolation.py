"""Straight lines between codes, and how often a classifier reads a third class on them.

The lesson's observation: on the way from a 2 to a 5 the decodes pass through an 8. `census`
counts it over many pairs of test images instead of trusting one picture.
"""

from dataclasses import dataclass

import numpy as np
from torch import nn

from explorer.latents import decode
from explorer.scoring import grade

READS = 0.5  # a step "reads as" a class when the classifier gives it at least this probability


def interpolate(z_a: np.ndarray, z_b: np.ndarray, steps: int) -> np.ndarray:
    """steps points on the segment from z_a to z_b, ends included: (steps, latent_dim)."""
    alpha = np.linspace(0, 1, steps, dtype=np.float32)[:, None]
    return (1 - alpha) * z_a + alpha * z_b


def typical_row(
    codes: np.ndarray, labels: np.ndarray, label: int, kept: np.ndarray | None = None
) -> int:
    """The test image of a class whose code lies closest to that class's mean code; with kept
    (a bool per image: its reconstructions read as its class), the closest of those, where the
    class has any. In 2-D a class's mean can lie where classes overlap, and the image nearest
    it then decodes as another class: a path should start at a picture of its class."""
    rows = np.flatnonzero(labels == label)
    distances = ((codes[rows] - codes[rows].mean(axis=0)) ** 2).sum(axis=1)
    if kept is not None and kept[rows].any():
        distances = np.where(kept[rows], distances, np.inf)
    return int(rows[np.argmin(distances)])


def random_pairs(labels: np.ndarray, a: int, b: int, n: int, seed: int) -> np.ndarray:
    """n random (row of an a, row of a b) pairs of test images: (n, 2)."""
    rng = np.random.default_rng(seed)
    return np.stack(
        [rng.choice(np.flatnonzero(labels == a), n), rng.choice(np.flatnonzero(labels == b), n)],
        axis=1,
    )


@dataclass(frozen=True)
class Census:
    """What the classifier read along P straight paths from an a to a b."""

    paths: int
    third: float  # share of paths with at least one step read as neither a nor b
    by_class: np.ndarray  # (10,): share of paths with a step read as that class (a, b: 0)

    def most_common(self) -> int:
        return int(np.argmax(self.by_class))


def census(classes: np.ndarray, confidences: np.ndarray, a: int, b: int) -> Census:
    """Readings of the steps of P paths, (P, steps) each, -> how many paths meet a third class.

    A step counts when the classifier gives its class at least READS probability.
    """
    read = np.where(confidences >= READS, classes, -1)  # (P, steps), -1: no clear reading
    seen = np.stack([(read == d).any(axis=1) for d in range(10)], axis=1)  # (P, 10)
    seen[:, [a, b]] = False
    return Census(len(classes), float(seen.any(axis=1).mean()), seen.mean(axis=0))


def path_census(
    model: nn.Module,
    classifier: nn.Module,
    map_data: dict[str, np.ndarray],
    a: int,
    b: int,
    pairs: int,
    steps: int,
    seed: int,
) -> Census:
    """What the classifier reads along straight paths between random test images of a and b:
    `pairs` paths of `steps` steps, of which only those between the ends are read (the ends
    are the two test images' own reconstructions)."""
    codes = map_data["codes"]
    rows = random_pairs(map_data["labels"], a, b, pairs, seed)
    z = np.concatenate([interpolate(codes[i], codes[j], steps)[1:-1] for i, j in rows])
    graded = grade(classifier, decode(model, z))
    shape = (pairs, steps - 2)
    return census(graded.classes.reshape(shape), graded.confidences.reshape(shape), a, b)
