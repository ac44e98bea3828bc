"""How the digit classifier grades a batch of decoded images: the numbers under each grid."""

from dataclasses import dataclass

import numpy as np

CONFIDENT = 0.9  # a decode counts as a recognisable digit when the classifier is this sure


@dataclass(frozen=True)
class Score:
    recognised: float  # share of images read with confidence >= CONFIDENT
    mean_confidence: float
    counts: np.ndarray  # (10,): how many images were read as each digit
    digits: np.ndarray  # (N,): the classifier's reading of each image
    confidences: np.ndarray  # (N,)

    @property
    def digits_covered(self) -> int:
        """How many of the ten digits at least one confident reading hit."""
        return len(np.unique(self.digits[self.confidences >= CONFIDENT]))


def score(digits: np.ndarray, confidences: np.ndarray) -> Score:
    """Grade the classifier's readings (digit, confidence) of N images."""
    digits, confidences = np.asarray(digits), np.asarray(confidences)
    return Score(
        recognised=float((confidences >= CONFIDENT).mean()),
        mean_confidence=float(confidences.mean()),
        counts=np.bincount(digits, minlength=10),
        digits=digits,
        confidences=confidences,
    )


def agreement(digits: np.ndarray, intended: np.ndarray) -> float:
    """Share of images read as the digit they were meant to be (e.g. a cluster mean's digit)."""
    return float((np.asarray(digits) == np.asarray(intended)).mean())
