"""Predict, then reveal: a question before a figure, the learner's pick, the reveal with what
the classifier measured, and the anonymous tally of the class's picks, one per server process
(explorer/tally.py; a restart clears it)."""

import streamlit as st

from explorer.questions import QUESTIONS
from explorer.tally import Tally
from explorer.ui.session import session_id
from explorer.ui.words import inline_html, option_labels, t, template

REVEALED = "revealed"  # session state: question -> the learner's pick, None if revealed unpicked


@st.cache_resource
def class_tally() -> Tally:
    """The tally every session of this server shares."""
    return Tally()


def asked_ui(question: str, variant: str = "", **values: object) -> bool:
    """The question and its choices until the learner asks for the answer: True once it is
    revealed, or where the session reveals everything (reveal=on, a teacher's projector)."""
    asked = question + variant
    if asked in st.session_state.setdefault(REVEALED, {}) or st.session_state.get("revealing"):
        return True
    with st.container(border=True, key=f"ask-{asked}"):
        st.markdown(t(f"ask.{question}", **values))
        st.radio(t("ask.guess"), QUESTIONS[question], index=None, horizontal=True,
                 format_func=option_labels(f"ask.{question}"), key=f"guess-{asked}")  # fmt: skip
        st.button(t("ask.reveal"), on_click=reveal, args=(asked,), type="primary",
                  key=f"reveal-{asked}", help=t("ask.reveal.help"))  # fmt: skip
    return False


def reveal(asked: str) -> None:
    pick = st.session_state.get(f"guess-{asked}")
    st.session_state[REVEALED][asked] = pick
    if pick is not None:
        class_tally().record(asked, session_id(), pick)


def answer_ui(question: str, answer: str, measured: str, variant: str = "") -> None:
    """After the figure: the answer the numbers give, whether the learner's pick held, and how
    the class picked."""
    asked = question + variant
    pick = st.session_state.get(REVEALED, {}).get(asked)
    label = option_labels(f"ask.{question}")
    if pick is None:
        st.info(t("ask.answer", answer=label(answer), measured=measured))
    elif pick == answer:
        st.success(t("ask.held", answer=label(answer), measured=measured))
    else:
        st.warning(t("ask.missed", guess=label(pick), answer=label(answer), measured=measured))
    tally = tally_text(question, variant)
    if tally:
        st.caption(tally)


def tally_text(question: str, variant: str = "") -> str:
    """How the class picked, in one line; "" before anyone has."""
    label = option_labels(f"ask.{question}")
    counts = class_tally().counts(question + variant, QUESTIONS[question])
    if not sum(counts.values()):
        return ""
    picks = " · ".join(f"{label(choice)}: {n}" for choice, n in counts.items())
    return t("ask.tally", n=sum(counts.values()), picks=picks)


def answer_words(question: str, variant: str = "") -> dict:
    """What answer_ui shows, for a component to answer with what it measures itself: the
    learner's pick (None if revealed unpicked), the choices' labels, the three ways to answer
    (HTML), and the class's tally."""
    label = option_labels(f"ask.{question}")
    return {
        "guess": st.session_state.get(REVEALED, {}).get(question + variant),
        "labels": {choice: label(choice) for choice in QUESTIONS[question]},
        **{way: inline_html(template(f"ask.{way}")) for way in ("answer", "held", "missed")},
        "tally": tally_text(question, variant),
    }
