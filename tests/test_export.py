import csv
import io

import numpy as np

from explorer.export import map_csv, point_csv


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_map_csv_has_one_row_per_image_with_its_position_latent_and_sigma():
    rng = np.random.default_rng(0)
    map_data = {
        "codes": rng.normal(size=(5, 3)).astype(np.float32),
        "logvar": np.zeros((5, 3), dtype=np.float32),
        "labels": np.array([7, 2, 1, 0, 4]),
    }
    coords = rng.normal(size=(5, 2)).astype(np.float32)
    table = rows(map_csv(map_data, coords, "pca"))
    assert table[0] == ["row", "digit", "pca_x", "pca_y", "latent_1", "latent_2", "latent_3",
                        "sigma_1", "sigma_2", "sigma_3"]  # fmt: skip
    assert len(table) == 6 and table[1][:2] == ["0", "7"] and table[5][:2] == ["4", "4"]
    np.testing.assert_allclose([float(v) for v in table[3][2:4]], coords[2], rtol=1e-4)
    assert table[1][-1] == "1"  # sigma = exp(0 / 2)
    no_sigma = rows(map_csv({k: map_data[k] for k in ("codes", "labels")}, coords, "latent"))
    assert len(no_sigma[0]) == 7


def test_point_csv_lists_the_fields_then_the_latent():
    table = rows(point_csv({"row": 12, "digit": 3}, np.array([0.5, -1.25]), np.array([1.0, 2.0])))
    assert table == [["row", "digit", "latent_1", "latent_2", "sigma_1", "sigma_2"],
                     ["12", "3", "0.5", "-1.25", "1", "2"]]  # fmt: skip


def test_map_csv_names_fashion_classes():
    map_data = {"codes": np.zeros((2, 2), dtype=np.float32), "labels": np.array([9, 1])}
    names = [f"class {i}" for i in range(10)]
    table = rows(map_csv(map_data, map_data["codes"], "latent", "class", names))
    assert table[0][:2] == ["row", "class"]
    assert [r[1] for r in table[1:]] == ["class 9", "class 1"]
