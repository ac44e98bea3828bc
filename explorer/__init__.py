"""Latent Explorer's library: MNIST data, AE/VAE models, training, checkpoints, projections."""

from explorer.checkpoints import CheckpointError, available_models, load_model

__all__ = ["CheckpointError", "available_models", "load_model"]
