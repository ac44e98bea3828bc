"""One training loop for every model here (AE, VAE, classifier), and their test metrics.

Fast on a CPU: the dataset stays one tensor on the device and batches are index slices of a
shuffled permutation, with no DataLoader and no per-sample transforms.
"""

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import torch
from torch import nn
from torch.optim.swa_utils import AveragedModel

from explorer.models import VAE, Autoencoder, reconstruction_bce


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 10
    batch_size: int = 128
    lr: float = 1e-3
    lr_schedule: str = "cosine"  # "cosine" decays to 0 over the run; "constant" keeps lr
    seed: int = 0
    threads: int = 0  # torch threads; 0 keeps torch's default
    bf16: bool = False  # bfloat16 autocast: about 2x faster on CPUs with AVX512-BF16 or AMX
    averaging: float = 0.0  # eta of polynomial-decay weight averaging (see below); 0 turns it off


EpochCallback = Callable[[dict], bool | None]
BatchCallback = Callable[[int], None]


def pick_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def lr_at(step: int, total_steps: int, config: TrainConfig) -> float:
    if config.lr_schedule == "constant":
        return config.lr
    return 0.5 * config.lr * (1 + math.cos(math.pi * step / total_steps))


def polynomial_decay(eta: float):
    """AveragedModel's multi_avg_fn for polynomial-decay averaging (Shamir and Zhang 2013,
    "Stochastic Gradient Descent for Non-smooth Optimization", eq. 5): at step t the average
    moves (eta + 1) / (t + eta) of the way to the weights, so it forgets old, poor weights
    (unlike a plain mean) while smoothing out the noise of a large learning rate."""

    def average(averaged: list, current: list, n_averaged: torch.Tensor) -> None:
        torch._foreach_lerp_(averaged, current, (eta + 1) / (float(n_averaged) + 1 + eta))

    return average


@torch.no_grad()
def copy_parameters(model: nn.Module, parameters) -> None:
    """Overwrite model's parameters (not its buffers, such as batch-norm statistics)."""
    for p, source in zip(model.parameters(), parameters, strict=True):
        p.copy_(source)


@contextmanager
def averaged_weights(model: nn.Module, average: AveragedModel | None) -> Iterator[None]:
    """Within the block model holds the averaged weights, if there are any; then its own."""
    if average is None:
        yield
        return
    own = [p.detach().clone() for p in model.parameters()]
    copy_parameters(model, average.module.parameters())
    try:
        yield
    finally:
        copy_parameters(model, own)


def fit(
    model: nn.Module,
    x: torch.Tensor,
    labels: torch.Tensor | None = None,
    config: TrainConfig = TrainConfig(),
    on_epoch: EpochCallback | None = None,
    on_batch: BatchCallback | None = None,
) -> list[dict]:
    """Train in place; return one record per epoch of the mean loss terms.

    `on_epoch(record)` runs after each epoch; returning True stops training early.
    `on_batch(step)` runs after each optimiser step, counted from 1 over the whole run.
    """
    if config.threads:
        torch.set_num_threads(config.threads)
    # Subnormal floats (tiny gradients and Adam moments) run at a fraction of the CPU's speed:
    # flushing them to zero made an epoch about 25% faster here, and no model needs them.
    torch.set_flush_denormal(True)
    torch.manual_seed(config.seed)
    device = pick_device()
    model.to(device).train()
    x = x.to(device)
    labels = labels.to(device) if labels is not None else None
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr, fused=True)
    average = None
    if config.averaging:
        average = AveragedModel(model, multi_avg_fn=polynomial_decay(config.averaging))
    generator = torch.Generator(device).manual_seed(config.seed)
    n = len(x)
    steps_per_epoch = math.ceil(n / config.batch_size)
    total_steps = config.epochs * steps_per_epoch
    history: list[dict] = []
    for epoch in range(1, config.epochs + 1):
        started = time.perf_counter()
        order = torch.randperm(n, generator=generator, device=device)
        sums: dict[str, torch.Tensor] = {}
        for i, start in enumerate(range(0, n, config.batch_size)):
            for group in optimizer.param_groups:
                group["lr"] = lr_at((epoch - 1) * steps_per_epoch + i, total_steps, config)
            index = order[start : start + config.batch_size]
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=config.bf16):
                terms = model.loss_terms(x[index], None if labels is None else labels[index])
            optimizer.zero_grad(set_to_none=True)
            terms["loss"].backward()
            optimizer.step()
            if average is not None:
                average.update_parameters(model)
            if on_batch is not None:
                on_batch((epoch - 1) * steps_per_epoch + i + 1)
            for name, value in terms.items():
                sums[name] = sums.get(name, 0) + value.detach() * len(index)
        record = {"epoch": epoch, **{k: float(v) / n for k, v in sums.items()}}
        record["seconds"] = time.perf_counter() - started
        history.append(record)
        with averaged_weights(model, average):
            stop = on_epoch is not None and on_epoch(record)
        if stop:
            break
    if average is not None:
        copy_parameters(model, average.module.parameters())
    model.eval()
    return history


@torch.inference_mode()
def autoencoder_metrics(
    model: Autoencoder, x: torch.Tensor, batch_size: int = 1000, seed: int = 0
) -> dict[str, float]:
    """Test metrics in nats per image (BCE summed over pixels) and MSE per pixel.

    recon_bce / recon_mse decode the map's latent (z, or mu for a VAE): what the app shows.
    A VAE also gets kl and loss = BCE of a sampled z + KL, the negative ELBO that
    pytorch/examples reports as "test loss", whatever beta it was trained with.
    """
    model.eval()
    device = next(model.parameters()).device
    generator = torch.Generator(device).manual_seed(seed)
    sums = {"recon_bce": 0.0, "recon_mse": 0.0}
    if isinstance(model, VAE):
        sums |= {"kl": 0.0, "loss": 0.0}
    for batch in x.split(batch_size):
        batch = batch.to(device)
        if isinstance(model, VAE):
            mu, logvar = model.encode(batch)
            terms = model.loss_terms(batch, generator=generator)
            sums["kl"] += float(terms["kl"]) * len(batch)
            sums["loss"] += float(terms["recon"] + terms["kl"]) * len(batch)
        else:
            mu = model.encode(batch)
        logits = model.decode_logits(mu)
        sums["recon_bce"] += float(reconstruction_bce(logits, batch).sum())
        sums["recon_mse"] += float((logits.sigmoid() - batch.flatten(1)).pow(2).mean(1).sum())
    return {name: total / len(x) for name, total in sums.items()}


@torch.inference_mode()
def classifier_metrics(model: nn.Module, x: torch.Tensor, labels: torch.Tensor) -> dict[str, float]:
    model.eval()
    device = next(model.parameters()).device
    correct = sum(
        int((model(xb.to(device)).argmax(1) == yb.to(device)).sum())
        for xb, yb in zip(x.split(1000), labels.split(1000))
    )
    return {"accuracy": correct / len(x)}
