import pytest
import torch
import torch.nn.functional as F

from explorer.models import (
    VAE,
    Autoencoder,
    ModelConfig,
    build_model,
    kl_to_standard_normal,
    reconstruction_bce,
)
from explorer.training import TrainConfig, fit

SMALL = {"latent_dim": 3, "hidden": (32,)}


@pytest.mark.parametrize("kind", ["ae", "vae"])
def test_shapes_and_shared_surface(kind):
    model = build_model(ModelConfig(kind, **SMALL))
    x = torch.rand(5, 1, 28, 28)
    z = model.embed(x)
    assert z.shape == (5, 3)
    assert model.decode(z).shape == (5, 1, 28, 28)
    assert 0 <= model.decode(z).min() and model.decode(z).max() <= 1
    encoded = model.encode(x)
    if kind == "vae":
        mu, logvar = encoded
        assert mu.shape == logvar.shape == (5, 3)
        assert torch.equal(model.embed(x), mu)
    else:
        assert torch.equal(encoded, z)


def test_bad_configs_are_refused():
    for bad in ({"kind": "gan"}, {"latent_dim": 0}, {"beta": -1.0}):
        with pytest.raises(ValueError):
            ModelConfig(**bad)


def test_reconstruction_bce_equals_torch_bce_summed_per_image():
    logits = torch.randn(4, 784) * 6
    x = torch.rand(4, 1, 28, 28)
    expected = F.binary_cross_entropy_with_logits(logits, x.flatten(1), reduction="none").sum(1)
    torch.testing.assert_close(reconstruction_bce(logits, x), expected, rtol=1e-5, atol=1e-3)


def test_kl_matches_torch_distributions():
    mu, logvar = torch.randn(6, 4), torch.randn(6, 4)
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros(4), torch.ones(4))
    torch.testing.assert_close(
        kl_to_standard_normal(mu, logvar), torch.distributions.kl_divergence(q, p)
    )
    assert kl_to_standard_normal(torch.zeros(2, 3), torch.zeros(2, 3)).abs().max() == 0


def test_beta_zero_trains_on_reconstruction_alone():
    torch.manual_seed(0)
    model = VAE(ModelConfig("vae", beta=0.0, **SMALL))
    terms = model.loss_terms(torch.rand(8, 1, 28, 28))
    assert terms["kl"] > 0
    assert torch.equal(terms["loss"], terms["recon"])


def test_reparameterize_is_mu_plus_sigma_eps_and_differentiable():
    model = VAE(ModelConfig("vae", **SMALL))
    mu = torch.zeros(1000, 3, requires_grad=True)
    logvar = torch.full((1000, 3), 2 * torch.log(torch.tensor(3.0)).item(), requires_grad=True)
    z = model.reparameterize(mu, logvar, torch.Generator().manual_seed(0))
    assert abs(z.std().item() - 3.0) < 0.15
    z.sum().backward()
    assert mu.grad is not None and logvar.grad is not None


@pytest.mark.parametrize("kind", ["ae", "vae"])
def test_loss_falls_over_a_few_epochs(kind, tiny_tensors):
    torch.manual_seed(0)
    x, _ = tiny_tensors
    model = build_model(ModelConfig(kind, **SMALL))
    history = fit(model, x, config=TrainConfig(epochs=5, batch_size=32, lr=3e-3))
    assert len(history) == 5
    assert history[-1]["loss"] < 0.9 * history[0]["loss"]
    assert isinstance(model, Autoencoder) and not model.training


def test_callback_can_stop_training_early():
    model = build_model(ModelConfig("ae", **SMALL))
    history = fit(
        model,
        torch.rand(64, 1, 28, 28),
        config=TrainConfig(epochs=10),
        on_epoch=lambda record: record["epoch"] == 2,
    )
    assert [r["epoch"] for r in history] == [1, 2]


def test_training_is_seeded():
    x = torch.rand(64, 1, 28, 28)
    outputs = []
    for seed in (3, 3, 4):
        torch.manual_seed(0)  # the same initial weights every time
        model = build_model(ModelConfig("vae", **SMALL))
        fit(model, x, config=TrainConfig(epochs=2, seed=seed))
        outputs.append(model.decode(torch.ones(1, 3)))
    assert torch.equal(outputs[0], outputs[1])
    assert not torch.equal(outputs[0], outputs[2])


def test_polynomial_decay_weights_follow_shamir_and_zhang():
    """The average after steps of weights w_1..w_T: a_1 = w_1, then
    a_t = (1 - c_t) a_{t-1} + c_t w_t with c_t = (eta + 1) / (t + eta)."""
    from torch.optim.swa_utils import AveragedModel

    from explorer.training import polynomial_decay

    eta, weights = 3.0, [1.0, 5.0, -2.0, 4.0, 0.5]
    layer = torch.nn.Linear(1, 1, bias=False)
    average = AveragedModel(layer, multi_avg_fn=polynomial_decay(eta))
    expected = None
    for t, w in enumerate(weights, start=1):
        layer.weight.data.fill_(w)
        average.update_parameters(layer)
        c = (eta + 1) / (t + eta)
        expected = w if expected is None else (1 - c) * expected + c * w
        assert float(average.module.weight.detach()) == pytest.approx(expected, rel=1e-5)


def test_averaging_trains_on_its_own_weights_and_ends_with_the_average(tiny_tensors):
    """With averaging, each epoch's callback sees the averaged weights, training goes on from
    its own, and the model ends holding the average."""
    x, _ = tiny_tensors
    seen = []

    def on_epoch(record):
        seen.append([p.detach().clone() for p in model.parameters()])

    runs = {}
    for averaging in (0.0, 4.0):
        torch.manual_seed(0)
        model = build_model(ModelConfig("vae", **SMALL))
        config = TrainConfig(epochs=3, batch_size=32, lr=3e-3, averaging=averaging)
        runs[averaging] = fit(model, x, config=config, on_epoch=on_epoch)
        final = [p.detach() for p in model.parameters()]
    # The training losses are the same: the averaged weights never leak into training.
    assert [r["loss"] for r in runs[0.0]] == pytest.approx([r["loss"] for r in runs[4.0]])
    plain, averaged = seen[:3], seen[3:]
    assert not torch.equal(plain[-1][0], averaged[-1][0])  # the callback saw the average
    assert all(torch.equal(a, b) for a, b in zip(final, averaged[-1]))  # and the model keeps it
