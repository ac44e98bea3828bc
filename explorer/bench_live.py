"""Live-training benchmark: how long a training started on the Train page, with its default
settings (a 2-D VAE, beta 1), takes to come within 2 nats of the shipped vae-2d's test loss,
on one thread as the page runs it; beside it the fast recipe of explorer.bench, and one epoch
of the pytorch/examples loop as this machine's yardstick.

    python -m explorer.bench_live [--data-root PATH] [--epochs 10]
"""

import argparse

import torch

from explorer.bench import run_examples_loop, run_our_loop
from explorer.checkpoints import load_metrics
from explorer.data import data_root, load_mnist
from explorer.registry import LIVE_TRAINING, MODEL_TRAINING, RECIPES
from explorer.training import TrainConfig

MARGIN = 2.0  # nats per image above the shipped vae-2d's test loss


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root")
    parser.add_argument("--epochs", type=int, default=LIVE_TRAINING.epochs,
                        help="the Train page's default")  # fmt: skip
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    root = str(data_root(args.data_root))
    x, _ = load_mnist(train=True, root=root, download=False)
    x_test, _ = load_mnist(train=False, root=root, download=False)
    target = load_metrics("vae-2d")["loss"] + MARGIN
    print(f"torch {torch.__version__}, 1 thread; target: test loss <= {target:.2f} "
          f"(shipped vae-2d + {MARGIN:g})")  # fmt: skip
    examples = run_examples_loop(root, x_test, max_epochs=1)[0][0]
    print(f"pytorch/examples loop (784-400-20 VAE): one epoch {examples:.1f} s")
    settings = {
        "page before (lr 1e-3, cosine)": MODEL_TRAINING,
        "page now (LIVE_TRAINING)": LIVE_TRAINING,
    }
    for name, config in settings.items():
        config = TrainConfig(args.epochs, config.batch_size, config.lr, config.lr_schedule,
                             averaging=config.averaging)  # fmt: skip
        points = run_our_loop(x, x_test, config, RECIPES["vae-2d"], target, seed=0)
        curve = ", ".join(f"{seconds:.0f} s {loss:.1f}" for seconds, loss in points)
        reached = next((s for s, loss in points if loss <= target), None)
        status = f"{reached:.1f} s ({reached / examples:.1f} examples epochs)" if reached else (
            "not reached")  # fmt: skip
        print(f"{name}: test loss per epoch [{curve}]; within {MARGIN:g} nats: {status}")


if __name__ == "__main__":
    main()
