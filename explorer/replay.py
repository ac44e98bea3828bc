"""A 2-D model's training, replayed: the codes of a fixed sample of test images at moments of
its training (at first, inside the first epoch where the clusters form, after each epoch),
the loss terms then, and how well separated the classes are."""

from dataclasses import dataclass

import numpy as np
import torch

from explorer.models import VAE, Autoencoder
from explorer.training import autoencoder_metrics

WATCHED = 1000  # the first test images
EARLY_STEPS = (10, 30, 100, 300)  # batches inside the first epoch, where the clusters form
NEIGHBOURS = 5


@dataclass(frozen=True)
class Replay:
    steps: np.ndarray  # (S,) batches trained when each snapshot was taken; 0: untrained
    epochs: np.ndarray  # (S,) the same in epochs (fractions inside the first)
    codes: np.ndarray  # (S, WATCHED, 2)
    labels: np.ndarray  # (WATCHED,)
    recon: np.ndarray  # (S,) reconstruction BCE of the watched images, nats per image
    kl: np.ndarray | None  # (S,) a VAE's KL term on them, nats per image

    @property
    def separation(self) -> np.ndarray:
        """(S,) the 5-nearest-neighbour accuracy of each snapshot's codes."""
        return np.array([knn_accuracy(codes, self.labels) for codes in self.codes])


def knn_accuracy(codes: np.ndarray, labels: np.ndarray, k: int = NEIGHBOURS) -> float:
    """How well the classes are separated in a 2-D view: the share of codes whose class is
    the most common among their k nearest other codes (leave-one-out k-NN accuracy)."""
    codes = codes.astype(np.float64)
    distances = ((codes[:, None, :] - codes[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(distances, np.inf)
    nearest = np.argpartition(distances, k, axis=1)[:, :k]
    votes = np.apply_along_axis(np.bincount, 1, labels[nearest], minlength=10)
    return float((votes.argmax(1) == labels).mean())


class Recorder:
    """Takes the snapshots while fit() trains: call it after every batch (on_batch) and after
    every epoch (on_epoch); arrays() gives them for the map data file."""

    def __init__(self, model: Autoencoder, x: torch.Tensor, steps_per_epoch: int):
        self.model, self.x, self.steps_per_epoch = model, x[:WATCHED], steps_per_epoch
        self.snapshots: list[dict] = []
        self.take(0)

    def on_batch(self, step: int) -> None:
        if step in EARLY_STEPS and step < self.steps_per_epoch:
            self.take(step)

    def on_epoch(self, epoch: int) -> None:
        self.take(epoch * self.steps_per_epoch)

    @torch.inference_mode()
    def take(self, step: int) -> None:
        was_training = self.model.training
        metrics = autoencoder_metrics(self.model, self.x)  # its own generator: training's
        codes = self.model.embed(self.x.to(next(self.model.parameters()).device)).cpu()
        self.model.train(was_training)
        self.snapshots.append({"step": step, "codes": codes.numpy(), **metrics})

    def arrays(self) -> dict[str, np.ndarray]:
        shots = self.snapshots
        arrays = {
            "replay_steps": np.array([s["step"] for s in shots], dtype=np.int32),
            "replay_codes": np.stack([s["codes"] for s in shots]).astype(np.float16),
            "replay_recon": np.array([s["recon_bce"] for s in shots], dtype=np.float32),
            "replay_steps_per_epoch": np.array(self.steps_per_epoch, dtype=np.int32),
        }
        if isinstance(self.model, VAE):
            arrays["replay_kl"] = np.array([s["kl"] for s in shots], dtype=np.float32)
        return arrays


def replay_of(map_data: dict[str, np.ndarray]) -> Replay | None:
    """The replay a model's map data holds, or None (20-D models, older files)."""
    if "replay_codes" not in map_data:
        return None
    steps = map_data["replay_steps"]
    codes = map_data["replay_codes"].astype(np.float32)
    return Replay(
        steps=steps,
        epochs=steps / float(map_data["replay_steps_per_epoch"]),
        codes=codes,
        labels=map_data["labels"][: codes.shape[1]],
        recon=map_data["replay_recon"],
        kl=map_data.get("replay_kl"),
    )
