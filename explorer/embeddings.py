"""Per-model map data for the 10,000 test images: latents, labels and 2-D coordinates.

Computed once by train_models.py and shipped beside each checkpoint as <name>.npz, so the
app never encodes the test set nor fits a projection when it starts.
"""

import os
from pathlib import Path

import numpy as np
import torch

from explorer.checkpoints import CHECKPOINT_DIR, CheckpointError, atomic_write, resolve
from explorer.models import VAE, Autoencoder
from explorer.projections import PCA, fit_pca, place_among, umap_coords


@torch.inference_mode()
def encode_dataset(model: Autoencoder, x: torch.Tensor) -> dict[str, np.ndarray]:
    """latent (z or mu) for every image, and logvar for a VAE."""
    model.eval()
    parts = [model.encode(batch) for batch in x.split(1000)]
    if isinstance(model, VAE):
        mu, logvar = (torch.cat(p).numpy() for p in zip(*parts))
        return {"latent": mu, "logvar": logvar}
    return {"latent": torch.cat(parts).numpy()}


def make_embedding(
    model: Autoencoder, x: torch.Tensor, labels: torch.Tensor, seed: int = 0, with_umap: bool = True
) -> dict[str, np.ndarray]:
    """Everything the map shows for a model; 2-D models are their own coordinates."""
    embedding = encode_dataset(model, x) | {"labels": labels.numpy().astype(np.int64)}
    latent = embedding["latent"]
    if latent.shape[1] > 2:
        pca = fit_pca(latent)
        embedding |= {
            "pca": pca.transform(latent),
            "pca_mean": pca.mean,
            "pca_components": pca.components,
        }
        if with_umap:
            embedding["umap"] = umap_coords(latent, seed=seed)
    return embedding


def projections(embedding: dict[str, np.ndarray]) -> list[str]:
    """The 2-D views an embedding offers: "latent" for 2-D models, else "pca" and "umap"."""
    if embedding["latent"].shape[1] == 2:
        return ["latent"]
    return [name for name in ("pca", "umap") if name in embedding]


def coords(embedding: dict[str, np.ndarray], projection: str) -> np.ndarray:
    return embedding["latent"] if projection == "latent" else embedding[projection]


def pca_of(embedding: dict[str, np.ndarray]) -> PCA:
    return PCA(embedding["pca_mean"], embedding["pca_components"])


def project(embedding: dict[str, np.ndarray], projection: str, z: np.ndarray) -> np.ndarray:
    """New latents (N, latent_dim) -> positions in a 2-D view of the map: exact for the latent
    itself and PCA; placed among their nearest codes for UMAP, which has no transform here."""
    if projection == "latent":
        return z
    if projection == "pca":
        return pca_of(embedding).transform(z)
    return place_among(embedding["latent"], embedding[projection], z)


def embedding_path(checkpoint_path: Path) -> Path:
    return checkpoint_path.with_suffix(".npz")


def save_embedding(path: str | os.PathLike, embedding: dict[str, np.ndarray]) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            np.savez_compressed(f, **embedding)

    atomic_write(Path(path), write)


def load_embedding(name_or_path: str | os.PathLike, folder: Path = CHECKPOINT_DIR) -> dict:
    """The shipped map data of a model (no pickles: allow_pickle=False); CheckpointError,
    naming the file, when it is missing, unreadable or inconsistent."""
    path = embedding_path(resolve(name_or_path, folder))
    try:
        with np.load(path, allow_pickle=False) as data:
            embedding = {key: data[key] for key in data.files}
    except FileNotFoundError:
        raise CheckpointError(f"{path.name}: no map data beside the checkpoint") from None
    except Exception as error:  # a bad zip, a pickled array, a truncated member
        raise CheckpointError(
            f"{path.name}: unreadable map data ({type(error).__name__})"
        ) from None
    check_embedding(embedding, path.name)
    return embedding


def check_embedding(embedding: dict[str, np.ndarray], name: str) -> None:
    latent, labels = embedding.get("latent"), embedding.get("labels")
    if latent is None or labels is None or latent.ndim != 2 or len(latent) != len(labels):
        raise CheckpointError(f"{name}: map data lacks matching latents and labels")
    views = projections(embedding)
    if latent.shape[1] > 2 and "pca" not in views:
        raise CheckpointError(f"{name}: map data of a {latent.shape[1]}-D model lacks PCA")
    for view in views:
        if coords(embedding, view).shape != (len(latent), 2):
            raise CheckpointError(f"{name}: {view} coordinates do not match the latents")
    if not np.isfinite(latent).all():
        raise CheckpointError(f"{name}: map data holds NaN or infinite values")
