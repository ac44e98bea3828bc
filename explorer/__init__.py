"""Latent Explorer's library: MNIST data, AE/VAE models, training, checkpoints, projections."""

__all__ = ["CheckpointError", "available_models", "load_model"]


def __getattr__(name: str) -> object:
    """The checkpoint helpers, imported on first use: importing a module of the package (the
    app's explorer.ui) must not import torch before that module is ready for it."""
    if name in __all__:
        from explorer import checkpoints

        return getattr(checkpoints, name)
    raise AttributeError(f"module 'explorer' has no attribute {name!r}")
