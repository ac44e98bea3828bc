"""Train the shipped models (or one of them, or a variant) and write checkpoints/ and its map data.

python train_models.py                      # the whole shipped set and the classifier
python train_models.py --only vae-20d       # one of them
python train_models.py --only vae-20d --beta 4 --name vae-20d-beta4   # a variant
python train_models.py --name my-ae --kind ae --latent-dim 5   # a new model (the app's Train page)
python train_models.py --dataset fashion-mnist   # Fashion-MNIST's set, in checkpoints/fashion-mnist
"""

import argparse
import dataclasses
import json
import math
import os
import time
from pathlib import Path

import torch
from tqdm import tqdm

from explorer.checkpoints import (
    CHECKPOINT_DIR,
    NAME,
    CheckpointError,
    available_models,
    dataset_dir,
    load_model,
    read_checkpoint,
    resolve,
    save_checkpoint,
)
from explorer.classifier import Classifier, ClassifierConfig
from explorer.data import DATASETS, DataUnavailableError, load_mnist
from explorer.map_data import make_map_data, map_data_path, save_map_data
from explorer.models import ModelConfig, build_model
from explorer.projections import umap_coords
from explorer.registry import (
    CLASSIFIER,
    CLASSIFIER_TRAINING,
    MODEL_TRAINING,
    RECIPES,
    SHIPPED_SETS,
)
from explorer.replay import WATCHED, Recorder  # WATCHED: whose codes --progress reports
from explorer.training import autoencoder_metrics, classifier_metrics, fit

METRIC_COLUMNS = ("loss", "kl", "recon_bce", "recon_mse", "accuracy")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--only",
        choices=[*RECIPES, CLASSIFIER],
        action="append",
        help="train just this model (repeatable); default: all of them",
    )
    parser.add_argument(
        "--name",
        help="save under this name: a variant of one --only recipe, or without --only a new "
        "model from the flags below (default architecture: the shipped one)",
    )
    parser.add_argument("--dataset", choices=list(DATASETS), default="mnist")
    parser.add_argument(
        "--out", type=Path, help="checkpoint folder (default: checkpoints/, or checkpoints/DATASET)"
    )
    parser.add_argument(
        "--data-root", help="root folder of the datasets (else $MNIST_ROOT, else ./data)"
    )
    parser.add_argument("--limit", type=int, help="train on the first N training images only")
    parser.add_argument("--no-umap", action="store_true", help="skip the UMAP projection")
    parser.add_argument("--progress", type=Path, help="append progress as JSON lines to this file")
    # Flags that mirror ModelConfig and TrainConfig fields; unset ones keep the recipe's value.
    parser.add_argument("--kind", choices=["ae", "vae"])
    parser.add_argument("--latent-dim", type=int)
    parser.add_argument("--hidden", type=int, nargs="+")
    parser.add_argument("--beta", type=float)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--lr-schedule", choices=["cosine", "constant"])
    parser.add_argument("--seed", type=int)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--bf16", action="store_true", default=None)
    parser.add_argument("--averaging", type=float)
    args = parser.parse_args(argv)
    if args.name and len(args.only or []) > 1:
        parser.error("--name goes with at most one --only")
    if args.name and not NAME.fullmatch(args.name):
        parser.error("--name: lower-case letters, digits, '-', '_' and '.', at most 40")
    args.out = args.out or dataset_dir(args.dataset, CHECKPOINT_DIR)
    return args


def overrides(args: argparse.Namespace, config):
    """The config with every field the command line set replaced."""
    fields = {f.name for f in dataclasses.fields(config)}
    given = {k: v for k, v in vars(args).items() if k in fields and v is not None}
    if "hidden" in given:
        given["hidden"] = tuple(given["hidden"])
    return dataclasses.replace(config, **given)


def progress_log(path: Path | None):
    """emit(event): one JSON line appended to path (the app's Train page reads them)."""

    def emit(event: dict) -> None:
        if path is not None:
            with open(path, "a") as f:
                f.write(json.dumps(event) + "\n")

    return emit


def progress(name: str, epochs: int, emit, snapshot=None):
    """A tqdm bar per model and a progress event, advanced by fit's per-epoch callback."""
    bar = tqdm(total=epochs, desc=f"{name:>13}", unit="epoch")

    def on_epoch(record: dict) -> None:
        bar.update(1)
        bar.set_postfix({k: f"{v:.3f}" for k, v in record.items() if k not in ("epoch", "seconds")})
        emit({"event": "epoch", "epochs": epochs, **record, **(snapshot() if snapshot else {})})
        if record["epoch"] == epochs:
            bar.close()

    return on_epoch


def watch(model, x: torch.Tensor):
    """snapshot(): the 2-D codes of a fixed set of test images, to redraw as training goes."""

    @torch.inference_mode()
    def snapshot() -> dict:
        model.eval()
        z = model.embed(x.to(next(model.parameters()).device)).cpu()
        model.train()
        return {"watched": z.round(decimals=3).tolist()}

    return snapshot


def replayed(on_epoch, recorder: Recorder):
    """on_epoch, and then the replay's snapshot of the epoch."""

    def both(record: dict) -> bool | None:
        stop = on_epoch(record)
        recorder.on_epoch(record["epoch"])
        return stop

    return both


def train_one(name: str, args: argparse.Namespace, train, test, emit) -> dict:
    started = time.perf_counter()
    if name == CLASSIFIER:
        model = Classifier(ClassifierConfig())
        training = overrides(args, CLASSIFIER_TRAINING)
        history = fit(model, *train, training, progress(name, training.epochs, emit))
        metrics = classifier_metrics(model.cpu(), *test)
    else:
        model = build_model(overrides(args, RECIPES.get(name, ModelConfig())))
        training = overrides(args, MODEL_TRAINING)
        snapshot, recorder, on_epoch = None, None, None
        if model.config.latent_dim == 2:
            snapshot = watch(model, test[0][:WATCHED])
            emit({"event": "watched", "labels": test[1][:WATCHED].tolist()})
            recorder = Recorder(model, test[0], math.ceil(len(train[0]) / training.batch_size))
        on_epoch = progress(name, training.epochs, emit, snapshot)
        if recorder is not None:
            on_epoch = replayed(on_epoch, recorder)
        history = fit(model, train[0], None, training, on_epoch,
                      recorder.on_batch if recorder else None)  # fmt: skip
        metrics = autoencoder_metrics(model.cpu(), test[0])
    metrics["train_seconds"] = time.perf_counter() - started
    path = args.out / f"{args.name or name}.pt"
    save_checkpoint(path, model, metrics, history)
    if name != CLASSIFIER:
        # The map's data at once with PCA; UMAP (slow: numba compiles on first use) after.
        map_data = make_map_data(
            model, *test, seed=training.seed, with_umap=False, classifier=reader(args)
        )
        if recorder is not None:
            map_data |= recorder.arrays()
        save_map_data(map_data_path(path), map_data)
        emit({"event": "saved", "name": path.stem})
        if not args.no_umap and model.config.latent_dim > 2:
            emit({"event": "umap"})
            map_data["umap"] = umap_coords(map_data["codes"], seed=training.seed)
            save_map_data(map_data_path(path), map_data)
    else:
        emit({"event": "saved", "name": path.stem})
    metrics["total_seconds"] = time.perf_counter() - started
    return metrics


def reader(args: argparse.Namespace) -> Classifier | None:
    """The classifier whose readings the map data stores: the one in --out (trained in this
    run, or kept there), else the dataset's; None where neither loads (the app then reads the
    images itself)."""
    for folder in (args.out, dataset_dir(args.dataset, CHECKPOINT_DIR)):
        if (folder / f"{CLASSIFIER}.pt").exists():
            try:
                return load_model(folder / f"{CLASSIFIER}.pt")
            except CheckpointError:
                return None
    return None


def metrics_table(results: dict[str, dict]) -> str:
    """Markdown table of test metrics, as the README lists them."""
    head = "| model | " + " | ".join(METRIC_COLUMNS) + " | train s |"
    rows = [head, "|" + "---|" * (len(METRIC_COLUMNS) + 2)]
    for name, metrics in results.items():
        cells = [f"{metrics[c]:.4f}" if c in metrics else "" for c in METRIC_COLUMNS]
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {metrics['train_seconds']:.0f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> dict[str, dict]:
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    started = time.perf_counter()
    emit = progress_log(args.progress)
    try:
        dataset = DATASETS[args.dataset]
        train = load_mnist(train=True, root=args.data_root, dataset=dataset)
        test = load_mnist(train=False, root=args.data_root, dataset=dataset)
    except DataUnavailableError as error:
        emit({"event": "error", "message": str(error)})
        raise SystemExit(str(error)) from None
    if args.limit:
        train = tuple(t[: args.limit] for t in train)
    if args.name and not args.only:  # a new model, from the flags alone
        names = [args.name]
    else:
        names = args.only or SHIPPED_SETS[args.dataset]
    # The classifier first: the others' map data stores its readings (make_map_data).
    names = sorted(names, key=lambda name: name != CLASSIFIER)
    results = {name: train_one(name, args, train, test, emit) for name in names}
    # The table lists every checkpoint in the folder, so training one model keeps the others' rows.
    stored = {
        name: read_checkpoint(resolve(name, args.out))["metrics"]
        for name in available_models(args.out)
    }
    table = metrics_table(stored)
    (args.out / "metrics.md").write_text(table + "\n")
    print(table)
    print(f"total {time.perf_counter() - started:.0f} s")
    emit({"event": "done"})
    return results


if __name__ == "__main__":
    main()
