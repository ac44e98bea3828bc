"""Training-speed benchmark: our loop against the pytorch/examples VAE loop, side by side.

    python -m explorer.bench [--data-root PATH] [--max-epochs 12]

Both train the same 784-400-20 VAE (Kingma and Welling 2014) until the test loss (BCE summed
over pixels + KL, nats per image) reaches the target; only training time is counted, not the
test evaluations between epochs. Ours runs twice: with the baseline's optimiser settings (Adam,
lr 1e-3), which shows what the loop alone gains, and with our recipe, a larger learning rate
whose noise polynomial-decay weight averaging removes (explorer/training.py), which needs half
the epochs. Then it prints the shipped checkpoints' figures.
"""

import argparse
import time

import torch
import torch.nn.functional as F
from torch import nn

from explorer.checkpoints import load_metrics
from explorer.data import data_root, load_mnist
from explorer.models import ModelConfig, build_model
from explorer.registry import CLASSIFIER, SHIPPED_MODELS
from explorer.training import TrainConfig, autoencoder_metrics, fit

TARGET = 105.6
EXAMPLES_VAE = ModelConfig("vae", latent_dim=20, hidden=(400,), beta=1.0)  # theirs, in our code
SETTINGS = {  # name -> (learning rate, averaging eta)
    "baseline's settings": (1e-3, 0.0),
    "our recipe": (4e-3, 20.0),
}


class ExamplesVAE(nn.Module):
    """pytorch/examples vae/main.py, as written there."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1, self.fc21, self.fc22 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)

    def forward(self, x: torch.Tensor):
        h = F.relu(self.fc1(x.view(-1, 784)))
        mu, logvar = self.fc21(h), self.fc22(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mu, logvar


def examples_loss(recon_x, x, mu, logvar) -> torch.Tensor:
    bce = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    return bce - 0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())


@torch.inference_mode()
def examples_test_loss(model: ExamplesVAE, x: torch.Tensor) -> float:
    model.eval()
    total = 0.0
    for batch in x.split(1000):
        recon, mu, logvar = model(batch)
        total += float(examples_loss(recon, batch, mu, logvar))
    model.train()
    return total / len(x)


def run_examples_loop(
    root: str, x_test: torch.Tensor, max_epochs: int
) -> list[tuple[float, float]]:
    """The baseline: torchvision dataset, ToTensor, DataLoader(batch 128, shuffle), Adam 1e-3."""
    from torchvision import datasets, transforms

    torch.manual_seed(1)
    loader = torch.utils.data.DataLoader(
        datasets.MNIST(root, train=True, download=False, transform=transforms.ToTensor()),
        batch_size=128,
        shuffle=True,
    )
    model = ExamplesVAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    elapsed, points = 0.0, []
    for _ in range(max_epochs):
        started = time.perf_counter()
        for data, _ in loader:
            optimizer.zero_grad()
            recon, mu, logvar = model(data)
            loss = examples_loss(recon, data, mu, logvar)
            loss.backward()
            optimizer.step()
        elapsed += time.perf_counter() - started
        points.append((elapsed, examples_test_loss(model, x_test)))
        if points[-1][1] <= TARGET:
            break
    return points


def run_our_loop(
    x: torch.Tensor, x_test: torch.Tensor, config: TrainConfig,
    model_config: ModelConfig = EXAMPLES_VAE,
    target: float = TARGET, seed: int = 1,
) -> list[tuple[float, float]]:  # fmt: skip
    """Ours: explorer.training.fit on the whole dataset as one tensor, stopping at the target
    test loss: (seconds trained, test loss) after each epoch; only training time counts."""
    torch.manual_seed(seed)
    model = build_model(model_config)
    elapsed, points = [0.0], []

    def on_epoch(record: dict) -> bool:
        elapsed[0] += record["seconds"]
        points.append((elapsed[0], autoencoder_metrics(model, x_test)["loss"]))
        model.train()
        return points[-1][1] <= target

    fit(model, x, None, config, on_epoch)
    return points


def time_to_target(points: list[tuple[float, float]]) -> float | None:
    return next((seconds for seconds, loss in points if loss <= TARGET), None)


def describe(name: str, points: list[tuple[float, float]]) -> str:
    reached = time_to_target(points)
    curve = ", ".join(f"{loss:.2f}" for _, loss in points)
    status = f"{reached:.1f} s" if reached is not None else "not reached"
    per_epoch = points[-1][0] / len(points)
    return f"{name}: {per_epoch:.2f} s/epoch; test loss per epoch [{curve}]; to {TARGET}: {status}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-root")
    parser.add_argument("--max-epochs", type=int, default=12)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    root = str(data_root(args.data_root))
    x, _ = load_mnist(train=True, root=root, download=False)
    x_test, _ = load_mnist(train=False, root=root, download=False)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    baseline = run_examples_loop(root, x_test, args.max_epochs)
    print(describe("pytorch/examples loop (DataLoader)", baseline), flush=True)
    base_t = time_to_target(baseline)
    for recipe, (lr, averaging) in SETTINGS.items():
        for bf16 in (False, True):
            config = TrainConfig(
                args.max_epochs, 128, lr, "constant", bf16=bf16, averaging=averaging
            )
            ours = run_our_loop(x, x_test, config)
            precision = "bfloat16" if bf16 else "float32"
            print(describe(f"explorer.training.fit, {recipe} (lr {lr:g}), {precision}", ours))
            our_t = time_to_target(ours)
            if base_t and our_t:
                ratio = our_t / base_t
                print(f"  time to {TARGET}: ours / baseline = {ratio:.2f} (target <= 0.25)")

    print("\nshipped checkpoints (test set):")
    total = 0.0
    for name in (*SHIPPED_MODELS, CLASSIFIER):
        metrics = load_metrics(name)
        total += metrics["train_seconds"]
        figures = ", ".join(f"{k} {v:.4f}" for k, v in metrics.items() if not k.endswith("seconds"))
        print(f"  {name:>13}: {figures}; trained in {metrics['train_seconds']:.0f} s")
    print(f"  whole shipped set: {total / 60:.1f} min of training (target < 20 min)")
    print(f"  vae-20d test loss {load_metrics('vae-20d')['loss']:.2f} (target <= 100)")
    print(f"  classifier accuracy {load_metrics(CLASSIFIER)['accuracy']:.4f} (target >= 0.99)")


if __name__ == "__main__":
    main()
