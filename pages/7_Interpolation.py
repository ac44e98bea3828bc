"""Interpolation: walk the straight line between two digits' codes, in an AE and a VAE."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.map_data import projections

PAGE = "interpolation"

st.set_page_config(
    page_title="Interpolation · Latent Explorer", page_icon=ui.PAGES[PAGE].icon, layout="wide"
)
refused = ui.page_header("interp.title", "interp.intro")
fields = ui.lesson_fields() | {
    "from": ui.UrlField("from_digit", ui.one_of(list(range(10)), int)),
    "to": ui.UrlField("to_digit", ui.one_of(list(range(10)), int)),
    "images": ui.UrlField("which_images", ui.one_of(["typical", "random"])),
    "steps": ui.UrlField("steps", ui.whole_number(5, 20)),
    "ends": ui.UrlField("ends", ui.two_rows),
}
ui.apply_url(PAGE, fields, refused)
ui.open_links_on_their_ends()
size = ui.latent_size_ui()
ae, vae = ui.pair_picker_ui(size)
projection = ui.projection_picker_ui(projections(ui.cached_map_data(vae)))
steps = st.sidebar.slider(ui.t("interp.steps"), 5, 20, key="steps")
seed = ui.seed_ui()


@st.fragment  # choosing the ends reruns this part of the page alone
def between_the_ends() -> None:
    st.header(ui.t("interp.ends"))
    ends = ui.ends_ui((ae, vae), projection, seed)
    ui.write_url(PAGE, {"size": size, "seed": seed, "steps": steps} | ends.link)
    names = ui.class_names()
    st.markdown(
        ui.t(
            "interp.ab", row_a=ends.row_a, digit_a=names[ends.a], row_b=ends.row_b,
            digit_b=names[ends.b],
        )
    )  # fmt: skip
    originals = ui.test_images()
    if originals is not None:
        ui.show_images(originals[[ends.row_a, ends.row_b]] / np.float32(255), ["A", "B"])

    st.header(ui.t("interp.path"))
    ui.paths_ui((ae, vae), ends, steps, projection)  # alpha slider, then each model's path
    ui.explain(ui.t("interp.figure") + ("" if size == 2 else ui.t(f"interp.figure.{projection}")))

    ui.census_ui((ae, vae), ends.a, ends.b, seed)


between_the_ends()

ui.chain_ui((ae, vae), vae, steps, size)
