"""Home page: what Latent Explorer teaches, in the order of the lesson, and the models it has."""

import streamlit as st

from explorer import ui

MAP, DRAW, LINKED, GENERATION, KL, TRAVERSE, INTERPOLATION, REPLAY, TRAIN = (
    ui.PAGES[key].file
    for key in ("map", "draw", "linked", "generation", "kl", "traverse", "interpolation",
                "replay", "train")
)  # fmt: skip

st.set_page_config(page_title="Latent Explorer", page_icon=ui.PAGES["home"].icon, layout="wide")
refused = ui.page_header("home.title", "home.intro", dataset_note=False)
ui.apply_url("home", {}, refused)
if ui.current_dataset() != "mnist":
    st.info(ui.t("home.dataset"))

st.header(ui.t("home.lesson"))
# Each link is a preset: it opens its page on the models and settings of that step, the same
# link a teacher can copy from the address bar and hand to the class.
STEPS = [
    ("home.step1", [(MAP, "🗺️", "map", {"model": "ae-20d", "view": "pca"}),
                    (DRAW, "✏️", "draw", {"model": "ae-20d"})]),
    ("home.step2", [(MAP, "🗺️", "map", {"model": "ae-2d"}),
                    (GENERATION, "🎲", "gen", {"size": "2", "seed": "0"}),
                    (REPLAY, "🎬", "replay", {"ae": "ae-2d", "vae": "vae-2d"})]),
    ("home.step3", [(MAP, "🗺️", "map", {"model": "vae-2d", "point": "18"}),
                    (LINKED, "🔗", "linked", {"size": "2", "point": "18"})]),
    ("home.step4", [(KL, "⚖️", "kl20", {"size": "20", "seed": "0"}),
                    (KL, "⚖️", "kl2", {"size": "2", "seed": "0"}),
                    (TRAVERSE, "🎚️", "traverse", {"model": "vae-20d", "point": "3"})]),
    ("home.step5", [(INTERPOLATION, "↔️", "interp",
                     {"size": "20", "from": "2", "to": "5", "seed": "0"})]),
]  # fmt: skip
for step, links in STEPS:
    with st.container(border=True):
        st.subheader(ui.t(f"{step}.title"))
        st.write(ui.t(f"{step}.text"))
        for page, icon, label, params in links:
            st.page_link(
                page, label=ui.t(f"{step}.{label}"), icon=icon, query_params=ui.preset(params)
            )

st.header(ui.t("home.models"))
st.write(ui.t("home.models.text"))
usable, unusable = ui.model_catalogue()
rows = [
    ui.model_row(info["config"], info["metrics"], ui.short_name(name))
    for name, info in usable.items()
]
st.dataframe(rows, hide_index=True)
st.page_link(TRAIN, label=ui.t("home.train"), icon="🏋️")
for reason in unusable.values():
    st.warning(ui.t("home.skipped", reason=reason))
st.caption(ui.t("home.credits"))
