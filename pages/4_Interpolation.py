"""Interpolation: walk the straight line between two digits' codes, in an AE and a VAE."""

import numpy as np
import streamlit as st

from explorer import ui
from explorer.embeddings import coords, project, projections
from explorer.generation import cluster_means
from explorer.interpolation import random_pairs, typical_row
from explorer.plotting import latent_map, path_figure, tile

PAIRS = 40  # random pairs of test images per census
CENSUS_STEPS = 10  # steps per counted path, ends included
CHAIN = (2, 4, 5, 6)  # the lesson's figure
PAGE = "interpolation"


def two_rows(text: str) -> list[int]:
    """Two test images' rows, as a link writes them: "123-456"."""
    rows = text.split("-")
    if len(rows) != 2:
        raise ValueError("two test images are expected, as 123-456")
    return [ui.whole_number(0, 9999)(row) for row in rows]


MODES = ["Two digits", "Two test images picked on the map"]

st.set_page_config(page_title="Interpolation · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title("Interpolation: from one digit to another")
st.write(
    "Take two test images, encode them, and decode points on the straight line between their "
    "codes: z = (1 - alpha) z_A + alpha z_B. Does one digit morph into the other, and what lies "
    "in between? The classifier reads every step."
)

fields = ui.lesson_fields() | {
    "from": ui.UrlField("from_digit", ui.one_of(list(range(10)), int)),
    "to": ui.UrlField("to_digit", ui.one_of(list(range(10)), int)),
    "images": ui.UrlField("which_images", ui.one_of(["typical", "random"])),
    "steps": ui.UrlField("steps", ui.whole_number(5, 20)),
    "ends": ui.UrlField("ends", two_rows),
}
ui.apply_url(PAGE, fields)
if "ends" in st.session_state and st.session_state.get("ends_from_url") != st.session_state.ends:
    st.session_state.ends_mode = MODES[1]  # a link with two test images opens on them
    st.session_state.ends_from_url = list(st.session_state.ends)
for key, default in (
    ("from_digit", 2),
    ("to_digit", 5),
    ("steps", 10),
    ("which_images", "typical"),
):
    st.session_state.setdefault(key, default)
size = ui.latent_size_ui()
ae_names, vae_names = ui.models_where("ae", size), ui.models_where("vae", size)
if not ae_names or not vae_names:
    st.warning(f"This page needs an autoencoder and a VAE with a {size}-D latent space.")
    st.stop()
ae = st.sidebar.selectbox("Autoencoder", ae_names, format_func=ui.describe_model, key=f"ae{size}")
vae = st.sidebar.selectbox("VAE", vae_names, format_func=ui.describe_model, key=f"vae{size}")
models = (ae, vae)
projection = ui.projection_picker_ui(projections(ui.cached_embedding(vae)))
steps = st.sidebar.slider("Steps on the path", 5, 20, key="steps")
seed = ui.seed_ui()
labels = ui.cached_embedding(vae)["labels"]

st.header("1. Choose the two ends")
how = st.radio("Endpoints", MODES, horizontal=True, label_visibility="collapsed", key="ends_mode")
if how == MODES[0]:
    left, middle, right = st.columns(3)
    a = left.selectbox("From digit", range(10), key="from_digit")
    b = middle.selectbox("To digit", range(10), key="to_digit")
    which = right.radio(
        "Which images", ["typical", "random"], horizontal=True, key="which_images",
        format_func={"typical": "typical", "random": "random (seed)"}.get,
    )  # fmt: skip
    if which == "typical":  # the image nearest its digit's mean code, in the VAE
        latents = ui.cached_embedding(vae)["latent"]
        row_a, row_b = typical_row(latents, labels, a), typical_row(latents, labels, b)
    else:
        row_a, row_b = (int(r) for r in random_pairs(labels, a, b, 1, seed)[0])
else:
    st.write(
        "Click two dots on the VAE's map: the first click sets A, the next B, then A again. "
        "Both models walk between the same two test images."
    )
    st.session_state.setdefault("ends", [int(np.flatnonzero(labels == d)[0]) for d in (2, 5)])
    chart_key = f"ends-{vae}-{projection}"
    selection = st.session_state.get(chart_key)
    points = selection.selection.points if selection else []
    if points and points != st.session_state.get(f"{chart_key}-seen"):
        st.session_state[f"{chart_key}-seen"] = points
        clicks = st.session_state.get("end_clicks", 0)
        st.session_state.ends[clicks % 2] = int(points[0]["customdata"])
        st.session_state.end_clicks = clicks + 1
    row_a, row_b = st.session_state.ends
    st.plotly_chart(
        latent_map(
            coords(ui.cached_embedding(vae), projection),
            labels,
            ui.axis_titles(projection, "mu"),
            chosen_row=row_a,
            revision=chart_key,
            style=ui.digit_style(),
        ),
        key=chart_key,
        on_select="rerun",
        selection_mode="points",
        config={"displaylogo": False},
        theme=None,
    )
    a, b = int(labels[row_a]), int(labels[row_b])
shared = {"size": size, "seed": seed, "steps": steps}
if how == MODES[0]:
    shared |= {"from": a, "to": b, "images": which}
else:
    shared["ends"] = f"{row_a}-{row_b}"
ui.write_url(PAGE, shared)
originals = ui.test_images()
st.markdown(
    f"**A**: test image #{row_a}, a {labels[row_a]}. **B**: test image #{row_b}, a {labels[row_b]}."
)
if originals is not None:
    ui.show_images(originals[[row_a, row_b]] / np.float32(255), ["A", "B"], scale=3)

st.header("2. The path, decoded")
alphas = [round(i / (steps - 1), 3) for i in range(steps)]
alpha = st.select_slider("alpha: how far from A to B", alphas, value=alphas[steps // 2])
current = alphas.index(alpha)
for column, name in zip(st.columns(2, gap="large"), models):
    embedding = ui.cached_embedding(name)
    z, images, graded = ui.cached_path(name, row_a, row_b, steps)
    readings = [f"{d} ({c:.0%})" for d, c in zip(graded.digits, graded.confidences)]
    with column:
        st.subheader(ui.describe_model(name))
        ui.show_grid(images, steps, "A … B, left to right", scale=2)
        st.caption("The classifier reads: " + " · ".join(readings))
        st.image(
            tile(images[current : current + 1], scale=6),
            caption=f"alpha = {alpha}: looks like {readings[current]}",
            clamp=True,
            output_format="PNG",
        )
        views = projections(embedding)
        view = projection if projection in views else views[0]
        means = cluster_means(embedding["latent"], embedding["labels"])
        ui.show_chart(
            path_figure(
                coords(embedding, view),
                embedding["labels"],
                project(embedding, view, means),
                project(embedding, view, z),
                graded.digits,
                current,
                ui.axis_titles(view, "mu" if name == vae else "z"),
                ui.digit_style(),
            ),
            f"path-{name}",
        )
st.write(
    "Under each strip: the path (black), the decoded steps coloured by the classifier's "
    "reading, the gold star at alpha, and each digit's mean code as a big numbered disc, over "
    "the faint test codes. Which digits' means lie between the two ends?"
    + (
        ""
        if size == 2
        else " For 20-D models the view is approximate: "
        + (
            "PCA shows the path's shadow on the codes' two main directions."
            if projection == "pca"
            else "UMAP has no inverse, so each point sits among its 10 nearest test codes."
        )
    )
)

st.header("3. How often does a third digit appear?")
if a == b:
    st.info("Both ends are the same digit: choose two different digits to count.")
else:
    st.write(
        f"Over {PAIRS} random pairs of test images (a {a} and a {b}, seed {seed}), the share of "
        f"straight paths on which the classifier reads a digit other than {a} and {b} (at least "
        f"50% sure) at some step between the ends, with {CENSUS_STEPS} steps per path."
    )
    rows = []
    for name in models:
        counted = ui.cached_census(name, a, b, PAIRS, CENSUS_STEPS, seed)
        third = counted.most_common()
        rows.append(
            {
                "model": name,
                "paths with a third digit": f"{counted.third:.0%}",
                "most common third digit": third if counted.by_digit[third] > 0 else "none",
                "paths where it appears": f"{counted.by_digit[third]:.0%}",
                "paths with an 8": f"{counted.by_digit[8]:.0%}" if 8 not in (a, b) else "-",
            }
        )
    st.dataframe(rows, hide_index=True)
    if {a, b} == {2, 5}:
        st.info(
            "The lesson's claim is that an 8 appears between a 2 and a 5. With these models an "
            + " and ".join(f"{r['paths with an 8']} of {r['model']}'s paths" for r in rows)
            + " meet an 8; the most common third digits are "
            + " and ".join(f"{r['most common third digit']} ({r['model']})" for r in rows)
            + "."
        )

st.header("4. The lesson's figure: a chain " + " → ".join(map(str, CHAIN)))
st.write(
    "Typical images of each digit in turn, one row per leg of the chain, decoded by each model."
    + (
        " Two numbers hold little: 2-D models blur some digits into others (look at the ends "
        "of each row), so compare with the 20-D models."
        if size == 2
        else ""
    )
)
latents = ui.cached_embedding(vae)["latent"]
ends = [typical_row(latents, labels, d) for d in CHAIN]
for column, name in zip(st.columns(2, gap="large"), models):
    legs = [ui.cached_path(name, i, j, steps)[1] for i, j in zip(ends[:-1], ends[1:])]
    with column:
        st.subheader(ui.describe_model(name))
        ui.show_grid(np.concatenate(legs), steps, "Rows: 2 → 4, 4 → 5, 5 → 6", scale=2)
