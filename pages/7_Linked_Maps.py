"""Linked maps: an autoencoder and a VAE side by side; a digit clicked in one is shown in both."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.embeddings import coords, projections
from explorer.latents import decode
from explorer.plotting import latent_map

PAGE = "linked"

st.set_page_config(page_title="Linked maps · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title(ui.t("linked.title"))
st.write(ui.t("linked.intro"))
ui.dataset_note()

fields = ui.lesson_fields() | {"point": ui.UrlField("linked_row", ui.whole_number(0, 9999))}
ui.apply_url(PAGE, fields)
size = ui.latent_size_ui()
ae, vae = ui.pair_picker_ui(size)
projection = ui.projection_picker_ui(projections(ui.cached_embedding(vae)))
st.session_state.setdefault("linked_row", 0)


@st.fragment
def linked_maps() -> None:
    keys = {name: f"linked-{name}-{projection}" for name in (ae, vae)}
    for key in keys.values():  # a new click in either map chooses the row for both
        selection = st.session_state.get(key)
        points = selection.selection.points if selection else []
        if points and points != st.session_state.get(f"{key}-seen"):
            st.session_state[f"{key}-seen"] = points
            st.session_state.linked_row = int(points[0].get("customdata", 0))
    row = st.session_state.linked_row
    ui.write_url(PAGE, {"size": size, "point": row})
    originals = ui.test_images()
    label = ui.cached_embedding(vae)["labels"][row]
    st.subheader(ui.t("map.test_image", row=row, digit=ui.class_labels()[label]))
    for column, name in zip(st.columns(2, gap="large"), (ae, vae)):
        embedding = ui.cached_embedding(name)
        view = projection if projection in projections(embedding) else projections(embedding)[0]
        latent_name = "mu" if ui.config_of(name)["kind"] == "vae" else "z"
        with column:
            st.markdown(f"**{ui.describe_model(name)}**")
            st.plotly_chart(
                latent_map(
                    coords(embedding, view),
                    embedding["labels"],
                    ui.axis_titles(view, latent_name),
                    chosen_row=row,
                    revision=keys[name],
                    style=ui.digit_style(),
                    words=ui.figure_words(),
                    names=ui.class_labels(),
                ),
                key=keys[name],
                on_select="rerun",
                selection_mode="points",
                config=ui.chart_config(f"linked-{name}", scrollZoom=True),
                theme=None,
            )
            images = [decode(ui.cached_model(name), embedding["latent"][row : row + 1])[0]]
            captions = [ui.t("caption.reconstruction")]
            if originals is not None:
                images.insert(0, originals[row] / np.float32(255))
                captions.insert(0, ui.t("caption.original"))
            guesses = ui.classify_images(np.stack(images))
            ui.show_images(
                np.stack(images),
                [
                    ui.t("caption.reads", what=c, digit=d, confidence=p)
                    for c, (d, p) in zip(captions, guesses)
                ],
                scale=3,
            )
    st.caption(ui.t("linked.caption"))


linked_maps()
