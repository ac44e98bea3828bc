"""The least a click can cost on Streamlit: a fragment holding one component, whose state a
click sets, and which shows the click it answered. tests/bench_map.py clicks it beside the
Latent Map, so that the map's server CPU per click comes with its ratio to Streamlit's own."""

from pathlib import Path

import streamlit as st

MARK = st.components.v2.component("floor_mark", js=(Path(__file__).parent / "floor.js").read_text())


@st.fragment
def mark_ui() -> None:
    state = st.session_state.get("mark") or {}
    pick = state.get("pick") if hasattr(state, "get") else None
    answered = None if not pick else pick["click"]
    MARK(
        key="mark", data={"answered": answered}, default={"pick": None}, on_pick_change=lambda: None
    )


st.title("One component in a fragment")
mark_ui()
