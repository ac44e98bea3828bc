"""Save and load models as plain dicts {format_version, config, state_dict, metrics, history}.

Files are written atomically (a temporary file, then a rename) and read with
torch.load(weights_only=True), so a checkpoint can carry tensors and plain values but never code.
"""

import os
import pickle
import re
import tempfile
from pathlib import Path

import torch
from torch import nn

from explorer.classifier import Classifier, ClassifierConfig
from explorer.data import DATASETS, MNIST
from explorer.models import ModelConfig, build_model
from explorer.registry import CLASSIFIER, SHIPPED_MODELS

FORMAT_VERSION = 1
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "checkpoints"
# LATENT_EXPLORER_CHECKPOINTS moves the whole folder (shipped models, user/ and the training
# job's files): the tests point it at a temporary copy, so they never write into the repository.
CHECKPOINT_DIR = Path(os.environ.get("LATENT_EXPLORER_CHECKPOINTS") or SHIPPED_DIR)
USER = "user"  # models trained in the app live in CHECKPOINT_DIR/user, never over shipped ones
USER_DIR = CHECKPOINT_DIR / USER
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")
MAX_BYTES = 64 * 1024 * 1024
REQUIRED_KEYS = ("format_version", "config", "state_dict", "metrics", "history")


class CheckpointError(ValueError):
    """A checkpoint that cannot be used; the message names the file and the reason."""


class RefusedError(ValueError):
    """A request from a person that is refused: `reason` is a short key the app words in the
    reader's language; the message words it in English."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def atomic_write(path: Path, write) -> None:
    """Call write(file_path) on a temporary file beside path, then rename it over path.

    A crash at any moment leaves either the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}.{os.getpid()}."  # the writer's pid: see remove_stale_temporaries
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes files private; checkpoints are shared
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def save_checkpoint(
    path: str | os.PathLike, model: nn.Module, metrics: dict, history: list[dict]
) -> None:
    state_dict = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    checkpoint = {
        "format_version": FORMAT_VERSION,
        "config": model.config.to_dict(),
        "state_dict": state_dict,
        "metrics": dict(metrics),
        "history": list(history),
    }
    atomic_write(Path(path), lambda tmp: torch.save(checkpoint, tmp))


def config_from_dict(config: dict) -> ModelConfig | ClassifierConfig:
    """Rebuild a config from its saved dict; raises ValueError or TypeError on a bad one."""
    if config.get("kind") == "classifier":
        return ClassifierConfig(**config)
    return ModelConfig(**config)


def build(config: ModelConfig | ClassifierConfig) -> nn.Module:
    if isinstance(config, ClassifierConfig):
        return Classifier(config)
    return build_model(config)


def read_checkpoint(path: str | os.PathLike) -> dict:
    """Read and check a checkpoint file; raise CheckpointError naming the file if it is unusable."""
    path = Path(path)

    def fail(reason: str) -> CheckpointError:
        return CheckpointError(f"{path.name}: {reason}")

    if not path.is_file():
        raise fail("no such file")
    size = path.stat().st_size
    if size == 0:
        raise fail("the file is empty")
    if size > MAX_BYTES:
        raise fail(f"the file is {size / 2**20:.0f} MiB, over the {MAX_BYTES // 2**20} MiB limit")
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        if "Unsupported global" in str(error):  # a class or function to import and call
            raise fail("it holds objects other than tensors and plain values; refused") from None
        raise fail("not a readable checkpoint (UnpicklingError)") from None
    except Exception as error:  # truncated zip, random bytes, bad records: torch raises many types
        raise fail(f"not a readable checkpoint ({type(error).__name__})") from None
    if not isinstance(checkpoint, dict):
        raise fail("not a checkpoint dict")
    missing = [key for key in REQUIRED_KEYS if key not in checkpoint]
    if missing:
        raise fail(f"missing keys: {', '.join(missing)}")
    version = checkpoint["format_version"]
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise fail(f"format_version {version!r} is newer than this app reads ({FORMAT_VERSION})")
    return checkpoint


def model_from_checkpoint(checkpoint: dict, name: str = "checkpoint") -> nn.Module:
    """Rebuild the model of a read checkpoint, in eval mode; CheckpointError if it does not fit."""
    try:
        with torch.device("meta"):  # no random first weights: the checkpoint's replace them
            model = build(config_from_dict(dict(checkpoint["config"])))
    except (TypeError, ValueError) as error:
        raise CheckpointError(f"{name}: unusable config ({error})") from None
    state_dict = checkpoint["state_dict"]
    if not isinstance(state_dict, dict) or not all(
        isinstance(v, torch.Tensor) for v in state_dict.values()
    ):
        raise CheckpointError(f"{name}: state_dict is not a dict of tensors")
    for key, value in state_dict.items():
        if value.dtype != torch.float32:
            raise CheckpointError(f"{name}: {key} is {value.dtype}, expected torch.float32")
        if not torch.isfinite(value).all():
            raise CheckpointError(f"{name}: {key} holds NaN or infinite values")
    try:
        model.load_state_dict(state_dict, assign=True)  # strict: every parameter replaced
    except RuntimeError as error:
        first = str(error).splitlines()[1].strip() if "\n" in str(error) else str(error)
        raise CheckpointError(f"{name}: weights do not fit its architecture ({first})") from None
    return model.eval()


def dataset_dir(dataset: str, root: Path = CHECKPOINT_DIR) -> Path:
    """Where a dataset's models live: checkpoints/ for MNIST, checkpoints/<dataset>/ for others."""
    return root if dataset == MNIST.name else root / dataset


def qualified(dataset: str, name: str) -> str:
    """A model's full name: "vae-2d" for MNIST's, "fashion-mnist/vae-2d" for another dataset's."""
    return name if dataset == MNIST.name else f"{dataset}/{name}"


def split_name(name: str) -> tuple[str, str]:
    """A full name -> (dataset, name in its folder)."""
    dataset, _, short = name.rpartition("/")
    return dataset or MNIST.name, short


def resolve(name_or_path: str | os.PathLike, folder: Path = CHECKPOINT_DIR) -> Path:
    """A model's full name -> its dataset's folder/<name>.pt, else that folder's user/<name>.pt
    (trained in the app); a path ending in .pt stays a path. A name never leads outside the
    known datasets' folders."""
    text = str(name_or_path)
    if text.endswith(".pt"):
        return Path(text)
    dataset, name = split_name(text)
    if dataset not in DATASETS:  # "../x", "sub/x": the whole text is then refused as a name
        dataset, name = MNIST.name, text
    home = dataset_dir(dataset, folder)
    if NAME.fullmatch(name):
        for path in (home / f"{name}.pt", home / USER / f"{name}.pt"):
            if path.is_file():
                return path
    known = ", ".join(qualified(dataset, n) for n in available_models(home)) or "none"
    raise CheckpointError(f"unknown model {text[:60]!r}; known models: {known}")


def available_models(folder: Path = CHECKPOINT_DIR) -> list[str]:
    """Names of the checkpoints in folder, shipped ones first in lesson order, then those in
    folder/user."""
    names = sorted(p.stem for p in folder.glob("*.pt") if NAME.fullmatch(p.stem))
    users = sorted(p.stem for p in (folder / USER).glob("*.pt") if NAME.fullmatch(p.stem))
    shipped = [n for n in SHIPPED_MODELS if n in names]
    others = [n for n in names if n not in SHIPPED_MODELS]
    return shipped + others + [n for n in users if n not in names]


def normalised_name(text: str) -> str:
    """The model name a person most likely meant: "My Model " -> "my-model" (lower case, runs
    of spaces as one "-"). check_new_name still decides whether it may be used."""
    return re.sub(r"\s+", "-", text.strip().lower())


def check_new_name(name: str, folder: Path = CHECKPOINT_DIR) -> None:
    """RefusedError, in words for a person, unless name can be given to a new model."""
    if not NAME.fullmatch(name):
        raise RefusedError(
            "name format",
            "A model name is 1 to 40 characters: lower-case letters, digits, '-', '_' and '.', "
            "starting with a letter or a digit.",
        )
    taken = available_models(folder if folder.name != USER else folder.parent)
    if name in taken or name in SHIPPED_MODELS or name == CLASSIFIER:
        raise RefusedError(
            "name taken", f"A model named {name!r} exists already: choose another name."
        )


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files left by writers that died mid-write (killed, crashed)."""
    removed = []
    for path in folder.glob(".*.tmp"):
        pid = path.name.split(".")[-3]  # .<name>.<pid>.<random>.tmp
        if pid.isdigit() and not process_exists(int(pid)):
            try:
                path.unlink(missing_ok=True)
            except OSError:  # a read-only folder: the leftover is hidden and harmless
                continue
            removed.append(path)
    return removed


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def load_model(name_or_path: str | os.PathLike) -> nn.Module:
    """The model saved under a shipped name (e.g. "vae-20d") or at a .pt path, in eval mode."""
    path = resolve(name_or_path)
    return model_from_checkpoint(read_checkpoint(path), path.name)


def load_metrics(name_or_path: str | os.PathLike) -> dict:
    return read_checkpoint(resolve(name_or_path))["metrics"]
