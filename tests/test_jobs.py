"""Training jobs and their failures: one at a time, cancel, kill -9, no stuck lock, no torn file."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from explorer import jobs
from explorer.checkpoints import model_from_checkpoint, read_checkpoint, remove_stale_temporaries
from explorer.map_data import load_map_data
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # every test here starts trainer processes


@pytest.fixture
def user_dir(tmp_path, tiny_mnist_root, monkeypatch):
    """A user folder, with trainers reading the tiny MNIST (300 training images)."""
    monkeypatch.setenv("MNIST_ROOT", str(tiny_mnist_root))
    folder = tmp_path / "checkpoints" / "user"
    folder.mkdir(parents=True)
    return folder


def wait_until_over(folder, timeout=120) -> jobs.JobStatus:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = jobs.status(folder)
        if job is not None and not job.running:
            return job
        time.sleep(0.2)
    raise AssertionError("the training did not end")


def wait_for_epoch(folder, timeout=60) -> jobs.JobStatus:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = jobs.status(folder)
        if job.epochs:
            return job
        time.sleep(0.1)
    raise AssertionError("no epoch reported")


def request(name: str, epochs: int = 1, owner: str = "test") -> jobs.TrainRequest:
    return jobs.TrainRequest(name, "vae", 2, 1.0, epochs, owner)


def test_a_job_trains_saves_and_reports_each_epoch(user_dir):
    jobs.start(request("zz-one", epochs=2), user_dir)
    job = wait_until_over(user_dir)
    assert job.finished == "done" and len(job.epochs) == 2
    assert all(len(e["watched"]) == 100 for e in job.epochs)  # the tiny test set's 2-D codes
    assert {"loss", "recon", "kl"} <= set(job.epochs[0])
    model = model_from_checkpoint(read_checkpoint(user_dir / "zz-one.pt"))
    assert model.config.kind == "vae" and model.config.latent_dim == 2
    assert load_map_data("zz-one", user_dir.parent)["codes"].shape == (100, 2)
    assert not (user_dir / jobs.LOCK).exists()


def test_one_training_at_a_time_and_a_killed_trainer_leaves_no_lock(user_dir):
    jobs.start(request("zz-first", epochs=30), user_dir)
    with pytest.raises(jobs.JobBusyError):
        jobs.start(request("zz-second"), user_dir)
    running = wait_for_epoch(user_dir)
    assert running.running and running.request.name == "zz-first"
    pid = jobs.read_lock(user_dir)["pid"]
    os.kill(pid, signal.SIGKILL)
    job = wait_until_over(user_dir)
    assert job.finished == "stopped" and not (user_dir / "zz-first.pt").exists()
    assert jobs.last_error(user_dir) == ""  # killed: no exception to report
    assert not (user_dir / jobs.LOCK).exists()
    jobs.start(request("zz-second"), user_dir)  # the lock is free again
    assert wait_until_over(user_dir).finished == "done"


def test_cancel_stops_the_job_and_saves_nothing(user_dir):
    jobs.start(request("zz-cancelled", epochs=30), user_dir)
    wait_for_epoch(user_dir)
    assert jobs.cancel(user_dir)
    job = wait_until_over(user_dir)
    assert job.finished == "cancelled" and not list(user_dir.glob("zz-cancelled*"))
    assert not jobs.cancel(user_dir)  # nothing left to cancel


def test_bad_requests_are_refused_before_anything_starts(user_dir):
    for bad, message in [
        (request("../escape"), "lower-case letters"),
        (request("vae-2d"), "exists already"),
        (jobs.TrainRequest("zz-x", "gan", 2, 1.0, 1), "kind"),
        (jobs.TrainRequest("zz-x", "vae", 2, 1.0, 99), "Epochs"),
        (jobs.TrainRequest("zz-x", "vae", 0, 1.0, 1), "latent size"),
    ]:
        with pytest.raises(ValueError, match=message):
            jobs.start(bad, user_dir)
    assert jobs.status(user_dir) is None and not (user_dir / jobs.LOCK).exists()


def test_kill_9_at_random_moments_never_breaks_an_earlier_checkpoint(tmp_path, tiny_mnist_root):
    """20 trainers, each killed at a random moment while it retrains and rewrites the same
    models: afterwards every checkpoint and map file in the folder still loads."""
    folder = tmp_path / "models"
    names = ["ae-2d", "vae-2d", "ae-20d", "vae-20d"]
    argv = [sys.executable, str(REPO / "train_models.py"), "--out", str(folder), "--epochs",
            "3", "--hidden", "16", "--no-umap", "--threads", "1",
            "--data-root", str(tiny_mnist_root)]  # fmt: skip
    for name in names:
        argv += ["--only", name]
    started = time.monotonic()
    subprocess.run(
        argv, check=True, capture_output=True, env={**os.environ, "OMP_NUM_THREADS": "1"}
    )
    duration = time.monotonic() - started
    rng = random.Random(0)
    for trial in range(20):
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "OMP_NUM_THREADS": "1"},
        )  # fmt: skip
        time.sleep(rng.uniform(0.2, duration))
        process.kill()  # SIGKILL: no handler, no cleanup
        process.wait()
        for name in names:
            model_from_checkpoint(read_checkpoint(folder / f"{name}.pt"), f"trial {trial}")
            load_map_data(name, folder)
    remove_stale_temporaries(folder)
    assert not list(folder.glob(".*.tmp"))


def test_a_crashed_trainer_is_reported_with_its_exception(user_dir, tmp_path, monkeypatch):
    raw = tmp_path / "broken-mnist" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
        (raw / name).write_bytes(b"\0\0\x08\x03" + b"\xff" * 20)  # a header promising too much
    monkeypatch.setenv("MNIST_ROOT", str(raw.parent.parent))
    jobs.start(request("zz-crash"), user_dir)
    job = wait_until_over(user_dir)
    assert job.finished == "stopped" and not list(user_dir.glob("zz-crash*"))
    assert jobs.last_error(user_dir).startswith("ValueError")
