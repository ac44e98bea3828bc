"""A model's map data: the 10,000 test images' codes (z, or mu and logvar), labels, 2-D views,
and the classifier's readings of the images and of their reconstructions.

Computed once by train_models.py and shipped beside each checkpoint as <name>.npz, so the
app never encodes the test set nor fits a projection when it starts. "Code": one image's
latent vector (z for an AE, mu for a VAE).
"""

import os
from pathlib import Path

import numpy as np
import torch

from explorer.checkpoints import CHECKPOINT_DIR, CheckpointError, atomic_write, resolve
from explorer.classifier import Classifier, classify, fingerprint
from explorer.models import VAE, Autoencoder
from explorer.projections import PCA, fit_pca, place_among, umap_coords


@torch.inference_mode()
def encode_dataset(model: Autoencoder, x: torch.Tensor) -> dict[str, np.ndarray]:
    """The code (z, or mu) of every image, and logvar for a VAE."""
    model.eval()
    parts = [model.encode(batch) for batch in x.split(1000)]
    if isinstance(model, VAE):
        mu, logvar = (torch.cat(p).numpy() for p in zip(*parts))
        return {"codes": mu, "logvar": logvar}
    return {"codes": torch.cat(parts).numpy()}


def make_map_data(
    model: Autoencoder,
    x: torch.Tensor,
    labels: torch.Tensor,
    seed: int = 0,
    with_umap: bool = True,
    classifier: Classifier | None = None,
) -> dict[str, np.ndarray]:
    """Everything the map shows for a model; 2-D models are their own coordinates. With a
    classifier, its readings too: a click on a test image then runs no classifier."""
    map_data = encode_dataset(model, x) | {"labels": labels.numpy().astype(np.int64)}
    codes = map_data["codes"]
    if codes.shape[1] > 2:
        pca = fit_pca(codes)
        map_data |= {
            "pca": pca.transform(codes),
            "pca_mean": pca.mean,
            "pca_components": pca.components,
        }
        if with_umap:
            map_data["umap"] = umap_coords(codes, seed=seed)
    if classifier is not None:
        map_data |= read_test_set(classifier, model, x, codes)
    return map_data


@torch.inference_mode()
def read_test_set(
    classifier: Classifier, model: Autoencoder, x: torch.Tensor, codes: np.ndarray
) -> dict[str, np.ndarray]:
    """The classifier's reading (class, confidence) of each test image and of the model's
    reconstruction of it, decoded from its code as the map's panel decodes it, with the
    classifier's fingerprint."""
    classifier.eval()
    model.eval()
    read = {}
    for what, images in (("original", x), ("recon", model.decode(torch.as_tensor(codes)))):
        classes, confidences = zip(*(classify(classifier, batch) for batch in images.split(1000)))
        read[f"{what}_classes"] = torch.cat(classes).numpy().astype(np.uint8)
        read[f"{what}_confidences"] = torch.cat(confidences).numpy().astype(np.float32)
    return read | {"classifier": np.array(fingerprint(classifier))}


def stored_readings(
    map_data: dict[str, np.ndarray], rows: int | slice, classifier: str, with_original: bool = True
) -> tuple[np.ndarray, np.ndarray] | None:
    """The stored (classes, confidences) of test images (with_original) and of their
    reconstructions, stacked in that order; None where the map data holds none, or the
    classifier with this fingerprint did not make them."""
    if str(map_data.get("classifier", "")) != classifier:
        return None
    whats = ("original", "recon") if with_original else ("recon",)
    classes = np.stack([map_data[f"{what}_classes"][rows] for what in whats]).astype(np.int64)
    return classes, np.stack([map_data[f"{what}_confidences"][rows] for what in whats])


def projections(map_data: dict[str, np.ndarray]) -> list[str]:
    """The 2-D views a model's map data offers: "latent" for 2-D models, else "pca" and "umap"."""
    if map_data["codes"].shape[1] == 2:
        return ["latent"]
    return [name for name in ("pca", "umap") if name in map_data]


def coords(map_data: dict[str, np.ndarray], projection: str) -> np.ndarray:
    return map_data["codes"] if projection == "latent" else map_data[projection]


def pca_of(map_data: dict[str, np.ndarray]) -> PCA:
    return PCA(map_data["pca_mean"], map_data["pca_components"])


def project(map_data: dict[str, np.ndarray], projection: str, z: np.ndarray) -> np.ndarray:
    """New codes (N, latent_dim) -> positions in a 2-D view of the map: exact for the native
    view and PCA; placed among their nearest codes for UMAP, which has no transform here."""
    if projection == "latent":
        return z
    if projection == "pca":
        return pca_of(map_data).transform(z)
    return place_among(map_data["codes"], map_data[projection], z)


def prior_plane(map_data: dict[str, np.ndarray]) -> np.ndarray:
    """The codes on the PCA axes through the origin rather than the codes' mean: there the
    prior N(0, I) still projects to N(0, I_2), since the axes are orthonormal. (N, 2)"""
    return map_data["codes"] @ map_data["pca_components"].T


def map_data_path(checkpoint_path: Path) -> Path:
    return checkpoint_path.with_suffix(".npz")


def save_map_data(path: str | os.PathLike, map_data: dict[str, np.ndarray]) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            np.savez_compressed(f, **map_data)

    atomic_write(Path(path), write)


def load_map_data(name_or_path: str | os.PathLike, folder: Path = CHECKPOINT_DIR) -> dict:
    """The shipped map data of a model (no pickles: allow_pickle=False); CheckpointError,
    naming the file, when it is missing, unreadable or inconsistent."""
    path = map_data_path(resolve(name_or_path, folder))
    try:
        with np.load(path, allow_pickle=False) as data:
            map_data = {key: data[key] for key in data.files}
        if "latent" in map_data:  # files written before the codes had their name
            map_data["codes"] = map_data.pop("latent")
    except FileNotFoundError:
        raise CheckpointError(f"{path.name}: no map data beside the checkpoint") from None
    except Exception as error:  # a bad zip, a pickled array, a truncated member
        raise CheckpointError(
            f"{path.name}: unreadable map data ({type(error).__name__})"
        ) from None
    check_map_data(map_data, path.name)
    return map_data


def check_map_data(map_data: dict[str, np.ndarray], name: str) -> None:
    codes, labels = map_data.get("codes"), map_data.get("labels")
    if codes is None or labels is None or codes.ndim != 2 or len(codes) != len(labels):
        raise CheckpointError(f"{name}: map data lacks matching codes and labels")
    views = projections(map_data)
    if codes.shape[1] > 2 and "pca" not in views:
        raise CheckpointError(f"{name}: map data of a {codes.shape[1]}-D model lacks PCA")
    for view in views:
        if coords(map_data, view).shape != (len(codes), 2):
            raise CheckpointError(f"{name}: {view} coordinates do not match the codes")
    if not np.isfinite(codes).all():
        raise CheckpointError(f"{name}: map data holds NaN or infinite values")
    if "classifier" in map_data:
        readings = [map_data.get(f"{what}_{kind}") for what in ("original", "recon")
                    for kind in ("classes", "confidences")]  # fmt: skip
        if (
            any(r is None or r.shape != labels.shape for r in readings)
            or max(readings[0].max(), readings[2].max()) > 9
        ):
            raise CheckpointError(f"{name}: the classifier's readings do not match the codes")
