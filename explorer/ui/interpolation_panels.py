"""The Interpolation page's parts: choosing the two ends, the path between them in each
model, the census of third classes on many paths, and the chain through several classes."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from explorer.generation import cluster_means
from explorer.interpolation import random_pairs, typical_row
from explorer.map_data import coords, project, projections
from explorer.plotting import latent_map, path_figure, tile, with_ends, with_path
from explorer.questions import third_answer
from explorer.ui.catalogue import cached_map_data, code_name, short_name
from explorer.ui.lessons import cached_census, cached_path, kept_by_all
from explorer.ui.map_panels import map_view
from explorer.ui.pointer import (
    Marks,
    MorphPath,
    decodes_in_browser,
    morph_ui,
    pointer_state,
    pointer_ui,
    send_model_ui,
    server_note,
)
from explorer.ui.predictions import answer_ui, asked_ui
from explorer.ui.session import class_style, current_dataset
from explorer.ui.widgets import (
    chart_config,
    enlarged,
    explain,
    for_the_room,
    new_click,
    show_chart,
    show_grid,
    show_strip,
    side_by_side,
)
from explorer.ui.words import (
    axis_titles,
    class_names,
    describe_model,
    figure_words,
    option_labels,
    t,
)

MODES = ["digits", "map"]  # how the two ends are chosen: two classes, or two clicks on the map
PAIRS = 40  # random pairs of test images per census
CENSUS_STEPS = 10  # steps per counted path, ends included
CHAIN = (2, 4, 5, 6)  # the lesson's figure


@dataclass(frozen=True)
class Ends:
    """The two test images the path joins, their classes, and how the link writes them."""

    row_a: int
    row_b: int
    a: int
    b: int
    link: dict[str, object]


def open_links_on_their_ends() -> None:
    """A link with two test images (ends=123-456) opens in map mode, on them."""
    ends = st.session_state.get("ends")
    if ends is not None and st.session_state.get("ends_from_url") != ends:
        st.session_state.ends_mode = MODES[1]
        st.session_state.ends_from_url = list(ends)
    for key, default in (("from_digit", 2), ("to_digit", 5), ("steps", 10)):
        st.session_state.setdefault(key, default)
    st.session_state.setdefault("which_images", "typical")


def ends_ui(models: tuple[str, str], projection: str, seed: int) -> Ends:
    """The ends: two classes (their typical or random test images), or two clicks on the
    map (the VAE's, models[1])."""
    vae = models[1]
    labels, names = cached_map_data(vae)["labels"], class_names()
    how = st.radio(
        t("interp.ends"), MODES, horizontal=True, label_visibility="collapsed",
        key="ends_mode", format_func=option_labels("interp.mode"),
    )  # fmt: skip
    if how == MODES[0]:
        left, middle, right = st.columns(3)
        a = left.selectbox(
            t("interp.from"), range(10), key="from_digit", format_func=names.__getitem__
        )
        b = middle.selectbox(
            t("interp.to"), range(10), key="to_digit", format_func=names.__getitem__
        )
        which = right.radio(
            t("interp.which"), ["typical", "random"], horizontal=True, key="which_images",
            format_func=option_labels("interp.which"),
        )  # fmt: skip
        if which == "typical":  # nearest its class's mean code in the VAE, and kept by both
            codes, kept = cached_map_data(vae)["codes"], kept_by_all(models)
            row_a, row_b = (typical_row(codes, labels, c, kept) for c in (a, b))
        else:
            row_a, row_b = (int(r) for r in random_pairs(labels, a, b, 1, seed)[0])
        return Ends(row_a, row_b, a, b, {"from": a, "to": b, "images": which})
    row_a, row_b = ends_map_ui(vae, projection)
    return Ends(row_a, row_b, int(labels[row_a]), int(labels[row_b]), {"ends": f"{row_a}-{row_b}"})


def ends_map_ui(vae: str, projection: str) -> tuple[int, int]:
    """The VAE's map; clicks choose the ends in turn, A then B."""
    st.write(t("interp.click"))
    map_data = cached_map_data(vae)
    labels = map_data["labels"]
    st.session_state.setdefault("ends", [int(np.flatnonzero(labels == d)[0]) for d in (2, 5)])
    chart_key = f"ends-{vae}-{projection}"
    browser = decodes_in_browser()
    if browser:
        pick = pointer_state(chart_key)
        row = None if pick is None else pick.row
        if pick is not None and row is None:
            st.toast(t("interp.click.dot"))
    else:
        point = new_click(chart_key)
        row = None if point is None else int(point["customdata"])
    if row is not None:
        clicks = st.session_state.get("end_clicks", 0)
        st.session_state.ends[clicks % 2] = row
        st.session_state.end_clicks = clicks + 1
    row_a, row_b = st.session_state.ends
    xy = coords(map_data, projection)
    figure = latent_map(
        xy, labels, axis_titles(projection, "mu"), revision=chart_key, style=class_style(),
        words=figure_words(), names=class_names(), selectable=not browser,
    )  # fmt: skip
    config = chart_config(f"interpolation-ends-{vae}")
    if not browser:
        figure = with_ends(figure, xy[[row_a, row_b]], [row_a, row_b], "A, B")
        st.plotly_chart(for_the_room(figure), key=chart_key, on_select="rerun",
                        selection_mode="points", config=config, theme=None)  # fmt: skip
        st.caption(server_note())
        return row_a, row_b
    # The figure stays the same from click to click; the pointer layer marks A and B.
    st.plotly_chart(for_the_room(figure), key=chart_key, on_select="ignore", config=config,
                    theme=None)  # fmt: skip
    view = map_view(vae, projection)
    send_model_ui(view, chart_key, nearest=True)
    marks = Marks(labels=[(*xy[row_a], "A"), (*xy[row_b], "B")])
    pointer_ui(view, chart_key, marks, start=xy[row_b],
               start_row=row_b, mode="nearest")  # fmt: skip
    return row_a, row_b


def paths_ui(models: tuple[str, str], ends: Ends, steps: int, projection: str) -> None:
    """Both models' paths from A to B, side by side, under an alpha slider: in the browser it
    decodes every alpha as it moves; on the server it picks one of the steps."""
    if decodes_in_browser():
        morph_ui([morph_path(name, ends, steps, projection) for name in models], key="morph")
        current = None
    else:
        alphas = [round(i / (steps - 1), 3) for i in range(steps)]
        alpha = st.select_slider(t("interp.alpha"), alphas, value=alphas[steps // 2])
        current = alphas.index(alpha)
    for column, name in zip(side_by_side(2), models):
        with column:
            path_ui(name, ends, steps, current, projection)


def path_view(name: str, projection: str) -> str:
    """The view a model's path is drawn in: the page's, or the model's first where it lacks it."""
    views = projections(cached_map_data(name))
    return projection if projection in views else views[0]


def morph_path(name: str, ends: Ends, steps: int, projection: str) -> MorphPath:
    map_data = cached_map_data(name)
    z, _, graded = cached_path(name, ends.row_a, ends.row_b, steps)
    path = project(map_data, path_view(name, projection), z)
    codes = map_data["codes"]
    return MorphPath(name, describe_model(name), codes[ends.row_a], codes[ends.row_b],
                     f"path-{name}", path, [int(d) for d in graded.classes])  # fmt: skip


def path_ui(name: str, ends: Ends, steps: int, current: int | None, projection: str) -> None:
    """One model's path from A to B: its decodes read by the classifier, the step at alpha
    enlarged (where the server chose it), and the path drawn on the model's map among its
    classes' mean codes (by the browser, where it decodes: the figure then stays the same)."""
    map_data = cached_map_data(name)
    names = class_names()
    z, images, graded = cached_path(name, ends.row_a, ends.row_b, steps)
    readings = [f"{names[c]} ({p:.0%})" for c, p in zip(graded.classes, graded.confidences)]
    st.subheader(describe_model(name))
    show_strip(images, readings, t("interp.strip"))
    if current is not None:
        alpha = current / (steps - 1)
        st.image(
            tile(images[current : current + 1], scale=enlarged(6)),
            caption=t("interp.alpha.caption", alpha=round(alpha, 3), reading=readings[current]),
            clamp=True, output_format="PNG",
        )  # fmt: skip
    view = path_view(name, projection)
    means = cluster_means(map_data["codes"], map_data["labels"])
    style, words = class_style(), figure_words()
    figure = path_figure(
        coords(map_data, view), map_data["labels"], project(map_data, view, means),
        axis_titles(view, code_name(name)), style, words,
    )  # fmt: skip
    if current is None:  # the browser draws the path (morph.js)
        figure = with_path(figure, None, None, None, style, words)
    else:
        path = project(map_data, view, z)
        figure = with_path(figure, path, graded.classes, current, style, words)
    show_chart(figure, f"path-{name}")


def census_ui(models: tuple[str, str], a: int, b: int, seed: int) -> None:
    """How often many paths from an a to a b meet a third class, in each model."""
    st.header(t("interp.census"))
    if a == b:
        st.info(t("interp.census.same"))
        return
    names, mnist = class_names(), current_dataset() == "mnist"
    explain(
        t("interp.census.text", pairs=PAIRS, a=names[a], b=names[b], seed=seed, steps=CENSUS_STEPS)
    )
    if not asked_ui("third", f"-{a}-{b}", a=names[a], b=names[b]):
        return
    rows = []
    for name in models:
        counted = cached_census(name, a, b, PAIRS, CENSUS_STEPS, seed)
        third = counted.most_common()
        row = {
            t("interp.col.model"): short_name(name),
            t("interp.col.third"): f"{counted.third:.0%}",
            t("interp.col.common"): names[third]
            if counted.by_class[third] > 0
            else t("interp.none"),
            t("interp.col.common_share"): f"{counted.by_class[third]:.0%}",
        }
        if mnist:  # the lesson's claim is about the 8s between MNIST's 2s and 5s
            row[t("interp.col.eight")] = f"{counted.by_class[8]:.0%}" if 8 not in (a, b) else "-"
        rows.append(row)
    st.dataframe(rows, hide_index=True)
    if mnist and {a, b} == {2, 5}:
        column = {key: t(f"interp.col.{key}") for key in ("model", "eight", "common")}
        eights = ", ".join(f"{r[column['eight']]} ({r[column['model']]})" for r in rows)
        commons = ", ".join(f"{r[column['common']]} ({r[column['model']]})" for r in rows)
        st.info(t("interp.claim", eights=eights, commons=commons))
    vae = cached_census(models[1], a, b, PAIRS, CENSUS_STEPS, seed)
    measured = t("ask.third.measured", share=vae.third, name=short_name(models[1]))
    answer_ui("third", third_answer(vae), measured, f"-{a}-{b}")


def chain_ui(models: tuple[str, str], vae: str, steps: int, size: int) -> None:
    """Paths through several classes' typical images in turn, in each model."""
    names = class_names()
    st.header(t("interp.chain", chain=" → ".join(names[c] for c in CHAIN)))
    explain(t("interp.chain.text") + (t("interp.chain.2d") if size == 2 else ""))
    map_data = cached_map_data(vae)
    kept = kept_by_all(models)
    ends = [typical_row(map_data["codes"], map_data["labels"], c, kept) for c in CHAIN]
    legs_text = ", ".join(f"{names[i]} → {names[j]}" for i, j in zip(CHAIN[:-1], CHAIN[1:]))
    for name in models:  # one above the other, each the page's width: tiles a class can read
        legs = [cached_path(name, i, j, steps)[1] for i, j in zip(ends[:-1], ends[1:])]
        st.subheader(describe_model(name))
        caption = t("interp.chain.caption", legs=legs_text)
        show_grid(np.concatenate(legs), steps, caption, scale=4)
