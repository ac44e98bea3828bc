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
st.title("Linked maps: one digit, two models")
st.write(
    "The same 10,000 test digits in an autoencoder's latent space and in a VAE's. **Click a "
    "digit in either map**: it is marked in both, and decoded by both, so you can compare where "
    "each model puts it and what each makes of it."
)

fields = ui.lesson_fields() | {"point": ui.UrlField("linked_row", ui.whole_number(0, 9999))}
ui.apply_url(PAGE, fields)
size = ui.latent_size_ui()
ae_names, vae_names = ui.models_where("ae", size), ui.models_where("vae", size)
if not ae_names or not vae_names:
    st.warning(f"This page needs an autoencoder and a VAE with a {size}-D latent space.")
    st.stop()
ae = st.sidebar.selectbox("Autoencoder", ae_names, format_func=ui.describe_model, key=f"ae{size}")
vae = st.sidebar.selectbox("VAE", vae_names, format_func=ui.describe_model, key=f"vae{size}")
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
    st.subheader(f"Test image #{row}: a {label}")
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
                ),
                key=keys[name],
                on_select="rerun",
                selection_mode="points",
                config=ui.chart_config(f"linked-{name}", scrollZoom=True),
                theme=None,
            )
            images = [decode(ui.cached_model(name), embedding["latent"][row : row + 1])[0]]
            captions = ["reconstruction"]
            if originals is not None:
                images.insert(0, originals[row] / np.float32(255))
                captions.insert(0, "original")
            guesses = ui.classify_images(np.stack(images))
            ui.show_images(
                np.stack(images),
                [f"{c}: looks like a {d} ({p:.0%} sure)" for c, (d, p) in zip(captions, guesses)],
                scale=3,
            )
    st.caption(
        "The black dot marks the chosen digit in both maps. Its neighbours in one map need not "
        "be its neighbours in the other: each model arranges the digits its own way."
    )


linked_maps()
