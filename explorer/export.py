"""Tables to take away from the app: the map's points and one chosen point, as CSV text."""

import csv
import io
from collections.abc import Sequence

import numpy as np

from explorer.texts import DIGITS


def map_csv(
    map_data: dict[str, np.ndarray],
    coords: np.ndarray,
    view: str,
    label: str = "digit",
    names: Sequence[str] = DIGITS,
) -> str:
    """One row per test image: its row, class (a digit for MNIST: the column `label` holds
    names[class]), position on the map, latent (and sigma)."""
    latent = map_data["codes"]
    dims = range(1, latent.shape[1] + 1)
    header = ["row", label, f"{view}_x", f"{view}_y", *(f"latent_{d}" for d in dims)]
    columns = [np.arange(len(latent)), map_data["labels"], coords, latent]
    if "logvar" in map_data:
        header += [f"sigma_{d}" for d in dims]
        columns.append(np.exp(0.5 * map_data["logvar"]))
    table = np.column_stack(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for values in table:
        writer.writerow([int(values[0]), names[int(values[1])], *(f"{v:.5g}" for v in values[2:])])
    return out.getvalue()


def point_csv(fields: dict[str, object], latent: np.ndarray, sigma: np.ndarray | None) -> str:
    """One chosen point: the given fields (row, digit, reading…), then its latent (and sigma)."""
    header, values = list(fields), list(fields.values())
    for d, value in enumerate(latent, start=1):
        header.append(f"latent_{d}")
        values.append(f"{value:.5g}")
    for d, value in enumerate([] if sigma is None else sigma, start=1):
        header.append(f"sigma_{d}")
        values.append(f"{value:.5g}")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, values])
    return out.getvalue()
