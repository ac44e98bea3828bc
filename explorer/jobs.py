"""Training from the app: train_models.py in its own process, one job at a time per server.

Two files in the folder describe the job: a lock, created exclusively and holding the trainer's
process id, and a log of JSON lines that `train_models.py --progress` appends to. A trainer
that ends in any way (done, cancelled, killed) leaves a lock whose process is gone, and the
next reader removes it; checkpoints are written atomically, so none is ever half written.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from explorer.checkpoints import (
    USER,
    USER_DIR,
    RefusedError,
    atomic_write,
    check_new_name,
    dataset_dir,
    process_exists,
    remove_stale_temporaries,
)
from explorer.data import DATASETS
from explorer.registry import LIVE_TRAINING

REPO = Path(__file__).resolve().parent.parent
LOCK, LOG, ERRORS = ".training.lock", ".training.jsonl", ".training.stderr"
STARTING_GRACE_S = 30  # a lock still without a process id after this long is left over
MAX_EPOCHS = 30


class JobBusyError(RefusedError):
    """Another training is running in this folder."""

    def __init__(self, message: str) -> None:
        super().__init__("busy", message)


@dataclass(frozen=True)
class TrainRequest:
    name: str
    kind: str  # "ae" or "vae"
    latent_dim: int
    beta: float
    epochs: int
    owner: str = ""  # the session that asked, so that others can be told it is not theirs
    dataset: str = "mnist"

    def out(self, folder: Path) -> Path:
        """Where the model is saved: the job folder's counterpart for the request's dataset."""
        return dataset_dir(self.dataset, folder.parent) / USER

    def check(self, folder: Path) -> None:
        """RefusedError, with a message for a person, for any field the trainer would refuse."""
        if self.dataset not in DATASETS:
            raise RefusedError("dataset", f"Unknown dataset {self.dataset[:40]!r}.")
        check_new_name(self.name, self.out(folder))
        if self.kind not in ("ae", "vae"):
            raise RefusedError("kind", "The model kind must be an autoencoder or a VAE.")
        if not 2 <= self.latent_dim <= 64:
            raise RefusedError("latent size", "The latent size must be between 2 and 64.")
        if not 0 <= self.beta <= 100:
            raise RefusedError("beta", "beta must be between 0 and 100.")
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise RefusedError("epochs", f"Epochs must be between 1 and {MAX_EPOCHS}.")

    def argv(self, folder: Path) -> list[str]:
        """The CLI call: a new model of the shipped architecture, with these fields, trained
        with the live recipe (LIVE_TRAINING) so that a class sees it learn in a minute."""
        live = LIVE_TRAINING
        return [
            sys.executable, str(REPO / "train_models.py"), "--name", self.name,
            "--kind", self.kind, "--latent-dim", str(self.latent_dim),
            "--beta", str(self.beta), "--epochs", str(self.epochs), "--dataset", self.dataset,
            "--lr", str(live.lr), "--lr-schedule", live.lr_schedule,
            "--averaging", str(live.averaging), "--batch-size", str(live.batch_size),
            "--out", str(self.out(folder)), "--threads", "1", "--progress", str(folder / LOG),
        ]  # fmt: skip


@dataclass(frozen=True)
class JobStatus:
    request: TrainRequest
    running: bool
    events: list[dict]  # the trainer's progress log

    @property
    def epochs(self) -> list[dict]:
        return [e for e in self.events if e["event"] == "epoch"]

    @property
    def finished(self) -> str | None:
        """Once the job is over: "done", "error" (the trainer said why), "cancelled", or
        "stopped" (its process ended otherwise: killed, crashed)."""
        ends = [e["event"] for e in self.events if e["event"] in ("done", "error", "cancelled")]
        return ends[-1] if ends else (None if self.running else "stopped")

    @property
    def phase(self) -> str:
        phases = [e["event"] for e in self.events if e["event"] in ("saved", "umap")]
        return phases[-1] if phases else "training"


_children: dict[int, subprocess.Popen] = {}  # trainers this process started, to reap them


def alive(pid: int) -> bool:
    if pid in _children:
        return _children[pid].poll() is None  # also reaps it, so it is no zombie
    return process_exists(pid)


def read_lock(folder: Path) -> dict | None:
    """The lock's record, or None where there is no live job (a stale lock is removed)."""
    path = folder / LOCK
    try:
        record = json.loads(path.read_text() or "{}")
        age = time.time() - path.stat().st_mtime
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    pid = record.get("pid")
    if (pid and alive(pid)) or (not pid and age < STARTING_GRACE_S):
        return record
    path.unlink(missing_ok=True)
    return None


def start(request: TrainRequest, folder: Path = USER_DIR) -> None:
    """Start training, or raise JobBusyError (another job runs) or ValueError (bad request)."""
    request.check(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    for _ in range(2):
        try:
            fd = os.open(folder / LOCK, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if read_lock(folder) is not None:
                raise JobBusyError("Another training is running; wait for it to finish.") from None
    else:
        raise JobBusyError("Another training is starting; try again in a moment.")
    os.close(fd)
    first = {"event": "start", "time": time.time(), "request": asdict(request)}
    (folder / LOG).write_text(json.dumps(first) + "\n")
    with open(folder / ERRORS, "w") as errors:
        process = subprocess.Popen(
            request.argv(folder), cwd=REPO, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=errors,
            env={**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    _children[process.pid] = process
    record = json.dumps({"pid": process.pid})
    atomic_write(folder / LOCK, lambda tmp: Path(tmp).write_text(record))


def status(folder: Path = USER_DIR) -> JobStatus | None:
    """The running job, or the last one (until another starts); None if there never was one.
    The request is the log's first line, written before the trainer starts."""
    running = read_lock(folder) is not None
    try:
        lines = (folder / LOG).read_text().splitlines()
    except FileNotFoundError:
        return None
    events = []
    for line in lines:
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            break  # a line being written
    if not events or events[0]["event"] != "start":
        return None
    return JobStatus(TrainRequest(**events[0]["request"]), running, events)


def cancel(folder: Path = USER_DIR) -> bool:
    """Stop the running job at once (its checkpoint is then never written). True if one ran."""
    record = read_lock(folder)
    if not record or not record.get("pid"):
        return False
    with open(folder / LOG, "a") as log:
        log.write(json.dumps({"event": "cancelled", "time": time.time()}) + "\n")
    try:
        os.killpg(record["pid"], signal.SIGTERM)
    except ProcessLookupError:
        return False
    return True


def last_error(folder: Path = USER_DIR) -> str:
    """The exception the trainer died of, from its stderr ("" if none: it was killed)."""
    try:
        lines = (folder / ERRORS).read_text().splitlines()
    except FileNotFoundError:
        return ""
    errors = [line for line in lines if re.match(r"\w+(Error|Exception|Interrupt)\b", line)]
    return errors[-1] if errors else ""
