"""Save and load models as plain dicts {format_version, config, state_dict, metrics, history}.

Files are written atomically (a temporary file, then a rename) and read with
torch.load(weights_only=True), so a checkpoint can carry tensors and plain values but never code.
"""

import os
import pickle
import tempfile
from pathlib import Path

import torch
from torch import nn

from explorer.classifier import ClassifierConfig, DigitClassifier
from explorer.models import ModelConfig, build_model

FORMAT_VERSION = 1
CHECKPOINT_DIR = Path(__file__).resolve().parent.parent / "checkpoints"
SHIPPED_MODELS = (
    "ae-2d",
    "vae-2d",
    "vae-2d-nokl",
    "vae-2d-beta0.5",
    "vae-2d-beta4",
    "ae-20d",
    "vae-20d",
    "vae-20d-nokl",
)
CLASSIFIER = "classifier"
MAX_BYTES = 64 * 1024 * 1024
REQUIRED_KEYS = ("format_version", "config", "state_dict", "metrics", "history")


class CheckpointError(ValueError):
    """A checkpoint that cannot be used; the message names the file and the reason."""


def atomic_write(path: Path, write) -> None:
    """Call write(file_path) on a temporary file beside path, then rename it over path.

    A crash at any moment leaves either the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
        return DigitClassifier(config)
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
        model.load_state_dict(state_dict)
    except RuntimeError as error:
        first = str(error).splitlines()[1].strip() if "\n" in str(error) else str(error)
        raise CheckpointError(f"{name}: weights do not fit its architecture ({first})") from None
    return model.eval()


def resolve(name_or_path: str | os.PathLike, folder: Path = CHECKPOINT_DIR) -> Path:
    """A shipped or saved model's name -> folder/<name>.pt; a path ending in .pt stays a path."""
    text = str(name_or_path)
    if text.endswith(".pt"):
        return Path(text)
    path = folder / f"{text}.pt"
    if Path(text).name != text or text.startswith(".") or not path.is_file():
        known = ", ".join(available_models(folder)) or "none"
        raise CheckpointError(f"unknown model {text!r}; known models: {known}")
    return path


def available_models(folder: Path = CHECKPOINT_DIR) -> list[str]:
    """Names of the checkpoint files in folder, shipped ones first in lesson order."""
    names = sorted(p.stem for p in folder.glob("*.pt") if not p.name.startswith("."))
    return [n for n in SHIPPED_MODELS if n in names] + [n for n in names if n not in SHIPPED_MODELS]


def load_model(name_or_path: str | os.PathLike) -> nn.Module:
    """The model saved under a shipped name (e.g. "vae-20d") or at a .pt path, in eval mode."""
    path = resolve(name_or_path)
    return model_from_checkpoint(read_checkpoint(path), path.name)


def load_metrics(name_or_path: str | os.PathLike) -> dict:
    return read_checkpoint(resolve(name_or_path))["metrics"]
