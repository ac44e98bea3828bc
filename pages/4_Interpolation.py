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


MODES = ["digits", "map"]  # how the two ends are chosen

st.set_page_config(page_title="Interpolation · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title(ui.t("interp.title"))
st.write(ui.t("interp.intro"))
ui.dataset_note()

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
ae, vae = ui.pair_picker_ui(size)
models = (ae, vae)
projection = ui.projection_picker_ui(projections(ui.cached_embedding(vae)))
steps = st.sidebar.slider(ui.t("interp.steps"), 5, 20, key="steps")
seed = ui.seed_ui()
labels = ui.cached_embedding(vae)["labels"]
names = ui.class_labels()
mnist = ui.current_dataset() == "mnist"

st.header(ui.t("interp.ends"))
how = st.radio(
    "Endpoints", MODES, horizontal=True, label_visibility="collapsed", key="ends_mode",
    format_func=ui.labels("interp.mode"),
)  # fmt: skip
if how == MODES[0]:
    left, middle, right = st.columns(3)
    named = {"format_func": names.__getitem__}
    a = left.selectbox(ui.t("interp.from"), range(10), key="from_digit", **named)
    b = middle.selectbox(ui.t("interp.to"), range(10), key="to_digit", **named)
    which = right.radio(
        ui.t("interp.which"), ["typical", "random"], horizontal=True, key="which_images",
        format_func=ui.labels("interp.which"),
    )  # fmt: skip
    if which == "typical":  # the image nearest its digit's mean code, in the VAE
        latents = ui.cached_embedding(vae)["latent"]
        row_a, row_b = typical_row(latents, labels, a), typical_row(latents, labels, b)
    else:
        row_a, row_b = (int(r) for r in random_pairs(labels, a, b, 1, seed)[0])
else:
    st.write(ui.t("interp.click"))
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
            words=ui.figure_words(),
            names=names,
        ),
        key=chart_key,
        on_select="rerun",
        selection_mode="points",
        config=ui.chart_config(f"interpolation-ends-{vae}"),
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
    ui.t(
        "interp.ab",
        row_a=row_a,
        digit_a=names[labels[row_a]],
        row_b=row_b,
        digit_b=names[labels[row_b]],
    )
)
if originals is not None:
    ui.show_images(originals[[row_a, row_b]] / np.float32(255), ["A", "B"], scale=3)

st.header(ui.t("interp.path"))
alphas = [round(i / (steps - 1), 3) for i in range(steps)]
alpha = st.select_slider(ui.t("interp.alpha"), alphas, value=alphas[steps // 2])
current = alphas.index(alpha)
for column, name in zip(st.columns(2, gap="large"), models):
    embedding = ui.cached_embedding(name)
    z, images, graded = ui.cached_path(name, row_a, row_b, steps)
    readings = [f"{names[d]} ({c:.0%})" for d, c in zip(graded.digits, graded.confidences)]
    with column:
        st.subheader(ui.describe_model(name))
        ui.show_grid(images, steps, ui.t("interp.strip"), scale=2)
        st.caption(ui.t("interp.reads", readings=" · ".join(readings)))
        st.image(
            tile(images[current : current + 1], scale=6),
            caption=ui.t("interp.alpha.caption", alpha=alpha, reading=readings[current]),
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
                ui.figure_words(),
            ),
            f"path-{name}",
        )
st.write(ui.t("interp.figure") + ("" if size == 2 else ui.t(f"interp.figure.{projection}")))

st.header(ui.t("interp.census"))
if a == b:
    st.info(ui.t("interp.census.same"))
else:
    st.write(
        ui.t(
            "interp.census.text", pairs=PAIRS, a=names[a], b=names[b], seed=seed,
            steps=CENSUS_STEPS,
        )
    )  # fmt: skip
    rows = []
    for name in models:
        counted = ui.cached_census(name, a, b, PAIRS, CENSUS_STEPS, seed)
        third = counted.most_common()
        row = {
            ui.t("interp.col.model"): ui.short_name(name),
            ui.t("interp.col.third"): f"{counted.third:.0%}",
            ui.t("interp.col.common"): names[third]
            if counted.by_digit[third] > 0
            else ui.t("interp.none"),
            ui.t("interp.col.common_share"): f"{counted.by_digit[third]:.0%}",
        }
        if mnist:  # the lesson's claim is about the 8s between MNIST's 2s and 5s
            row[ui.t("interp.col.eight")] = f"{counted.by_digit[8]:.0%}" if 8 not in (a, b) else "-"
        rows.append(row)
    st.dataframe(rows, hide_index=True)
    if mnist and {a, b} == {2, 5}:
        column = {key: ui.t(f"interp.col.{key}") for key in ("model", "eight", "common")}
        eights = ", ".join(f"{r[column['eight']]} ({r[column['model']]})" for r in rows)
        commons = ", ".join(f"{r[column['common']]} ({r[column['model']]})" for r in rows)
        st.info(ui.t("interp.claim", eights=eights, commons=commons))

st.header(ui.t("interp.chain", chain=" → ".join(names[d] for d in CHAIN)))
st.write(ui.t("interp.chain.text") + (ui.t("interp.chain.2d") if size == 2 else ""))
latents = ui.cached_embedding(vae)["latent"]
ends = [typical_row(latents, labels, d) for d in CHAIN]
for column, name in zip(st.columns(2, gap="large"), models):
    legs = [ui.cached_path(name, i, j, steps)[1] for i, j in zip(ends[:-1], ends[1:])]
    with column:
        st.subheader(ui.describe_model(name))
        legs_text = ", ".join(f"{names[i]} → {names[j]}" for i, j in zip(CHAIN[:-1], CHAIN[1:]))
        caption = ui.t("interp.chain.caption", legs=legs_text)
        ui.show_grid(np.concatenate(legs), steps, caption, scale=2)
