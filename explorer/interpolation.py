"""Straight lines between latent vectors, and how often a classifier reads a third digit on them.

The lesson's observation: on the way from a 2 to a 5 the decodes pass through an 8. `census`
counts it over many pairs of test images instead of trusting one picture.
"""

from dataclasses import dataclass

import numpy as np

READS = 0.5  # a step "reads as" a digit when the classifier gives it at least this probability


def interpolate(z_a: np.ndarray, z_b: np.ndarray, steps: int) -> np.ndarray:
    """steps points on the segment from z_a to z_b, ends included: (steps, latent_dim)."""
    alpha = np.linspace(0, 1, steps, dtype=np.float32)[:, None]
    return (1 - alpha) * z_a + alpha * z_b


def typical_row(latents: np.ndarray, labels: np.ndarray, digit: int) -> int:
    """The test image of a digit whose code lies closest to that digit's mean code."""
    rows = np.flatnonzero(labels == digit)
    distances = ((latents[rows] - latents[rows].mean(axis=0)) ** 2).sum(axis=1)
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
    by_digit: np.ndarray  # (10,): share of paths with a step read as that digit (a, b: 0)

    def most_common(self) -> int:
        return int(np.argmax(self.by_digit))


def census(digits: np.ndarray, confidences: np.ndarray, a: int, b: int) -> Census:
    """Readings of the steps of P paths, (P, steps) each, -> how many paths meet a third digit.

    A step counts when the classifier gives its digit at least READS probability.
    """
    read = np.where(confidences >= READS, digits, -1)  # (P, steps), -1: no clear reading
    seen = np.stack([(read == d).any(axis=1) for d in range(10)], axis=1)  # (P, 10)
    seen[:, [a, b]] = False
    return Census(len(digits), float(seen.any(axis=1).mean()), seen.mean(axis=0))
