"""How the classifier grades a batch of decoded images: the numbers under each grid."""

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from explorer.classifier import classify

CONFIDENT = 0.9  # a decode counts as recognisable when the classifier is this sure


@dataclass(frozen=True)
class Score:
    recognised: float  # share of images read with confidence >= CONFIDENT
    mean_confidence: float
    counts: np.ndarray  # (10,): how many images were read as each class
    classes: np.ndarray  # (N,): the classifier's reading of each image
    confidences: np.ndarray  # (N,)

    @property
    def classes_covered(self) -> int:
        """How many of the ten classes at least one confident reading hit."""
        return len(np.unique(self.classes[self.confidences >= CONFIDENT]))


def score(classes: np.ndarray, confidences: np.ndarray) -> Score:
    """Grade the classifier's readings (class, confidence) of N images."""
    classes, confidences = np.asarray(classes), np.asarray(confidences)
    return Score(
        recognised=float((confidences >= CONFIDENT).mean()),
        mean_confidence=float(confidences.mean()),
        counts=np.bincount(classes, minlength=10),
        classes=classes,
        confidences=confidences,
    )


def grade(classifier: nn.Module, images: np.ndarray) -> Score:
    """The classifier's grade of images (N, 28, 28)."""
    classes, confidences = classify(classifier, torch.as_tensor(images[:, None]))
    return score(classes.numpy(), confidences.numpy())


def agreement(classes: np.ndarray, intended: np.ndarray) -> float:
    """Share of images read as the class they were meant to be (e.g. a cluster mean's)."""
    return float((np.asarray(classes) == np.asarray(intended)).mean())


def best_generator(vae: Score, aes: list[Score]) -> str:
    """How a VAE's prior samples compare with an AE's (several ways of sampling it): "coverage"
    when they confidently hit more classes than any AE's, else "recognised" when more of them
    are read with confidence, else "tie"."""
    if vae.classes_covered > max(ae.classes_covered for ae in aes):
        return "coverage"
    if vae.recognised > max(ae.recognised for ae in aes):
        return "recognised"
    return "tie"
