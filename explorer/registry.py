"""The models Latent Explorer ships and how each is trained: one registry for the CLI
(train_models.py), the app and the tests."""

from explorer.models import ModelConfig
from explorer.training import TrainConfig

CLASSIFIER = "classifier"
# name -> architecture, in lesson order; ModelConfig's defaults are the shipped architecture.
RECIPES: dict[str, ModelConfig] = {
    "ae-2d": ModelConfig("ae", 2, beta=0.0),
    "vae-2d": ModelConfig("vae", 2, beta=1.0),
    "vae-2d-nokl": ModelConfig("vae", 2, beta=0.0),
    "vae-2d-beta0.5": ModelConfig("vae", 2, beta=0.5),  # the KL page's beta slider
    "vae-2d-beta4": ModelConfig("vae", 2, beta=4.0),
    "ae-20d": ModelConfig("ae", 20, beta=0.0),
    "vae-20d": ModelConfig("vae", 20, beta=1.0),
    "vae-20d-nokl": ModelConfig("vae", 20, beta=0.0),
    # The KL page's beta sweep on 20-D codes, where large betas collapse dimensions.
    "vae-20d-beta0.5": ModelConfig("vae", 20, beta=0.5),
    "vae-20d-beta2": ModelConfig("vae", 20, beta=2.0),
    "vae-20d-beta4": ModelConfig("vae", 20, beta=4.0),
    "vae-20d-beta8": ModelConfig("vae", 20, beta=8.0),
}
SHIPPED_MODELS = tuple(RECIPES)
# What `python train_models.py` trains for each dataset: other datasets get the lesson's six
# models, without the KL page's beta variants, to keep the shipped folder small.
SHIPPED_SETS: dict[str, list[str]] = {
    "mnist": [*RECIPES, CLASSIFIER],
    "fashion-mnist": [name for name in RECIPES if "beta" not in name] + [CLASSIFIER],
}
MODEL_TRAINING = TrainConfig(epochs=30, batch_size=128, lr=1e-3)
# A training started on the Train page, in front of a class: explorer.bench's fast recipe (a
# larger learning rate whose noise weight averaging removes), to feel live on one thread; lr
# 5e-3 came within 2 nats of vae-2d 10% sooner than that recipe's 4e-3 (BENCHMARKS.md).
LIVE_TRAINING = TrainConfig(epochs=12, batch_size=128, lr=5e-3, lr_schedule="constant",
                            averaging=20.0)  # fmt: skip
CLASSIFIER_TRAINING = TrainConfig(epochs=4, batch_size=128, lr=2e-3)
