"""The Watch it learn page's parts: which 2-D models it replays, and their training replayed
side by side (a Plotly animation: scrubbing and playing cost the server nothing)."""

import numpy as np
import streamlit as st

from explorer.plotting import replay_figure, separation_figure
from explorer.replay import Replay, replay_of
from explorer.ui.catalogue import cached_map_data, models_where, short_name
from explorer.ui.session import class_style
from explorer.ui.widgets import explain, show_chart
from explorer.ui.words import class_names, figure_words, model_labels, t


@st.cache_data(show_spinner=False, max_entries=32)
def cached_replay(name: str) -> tuple[Replay, np.ndarray] | None:
    """A 2-D model's training replay and the 5-NN accuracy at each of its moments."""
    replay = replay_of(cached_map_data(name))
    return None if replay is None else (replay, replay.separation)


def replay_pair_ui() -> tuple[str, ...]:
    """Sidebar choice of a 2-D AE and a 2-D VAE whose training was recorded (the shipped ones,
    and those trained on the Train page); the page stops with a note where there are none."""
    chosen = []
    for kind in ("ae", "vae"):
        names = [n for n in models_where(kind, 2) if cached_replay(n) is not None]
        if names:
            label = t(f"sidebar.{kind}")
            chosen.append(st.sidebar.selectbox(label, names, format_func=model_labels(),
                                               key=f"replay-{kind}"))  # fmt: skip
    if not chosen:
        st.warning(t("replay.none"))
        st.stop()
    return tuple(chosen)


def moment(replay: Replay, s: int, short: bool) -> str:
    """What a moment of training is called: on the slider (short), or under a panel's title."""
    step, epoch = int(replay.steps[s]), float(replay.epochs[s])
    if step == 0:
        return t("replay.start")
    if epoch < 1:
        return f"{step}b" if short else t("replay.batches", n=step, epoch=epoch)
    return f"{epoch:g}" if short else t("replay.epoch", n=round(epoch))


def note(replay: Replay, separation: np.ndarray, s: int) -> str:
    kl = "" if replay.kl is None else t("replay.kl", kl=replay.kl[s])
    return t("replay.note", when=moment(replay, s, short=False), recon=replay.recon[s], kl=kl,
             separation=separation[s])  # fmt: skip


def replay_ui(names: tuple[str, ...]) -> None:
    """The models' codes through training, on one slider where they were recorded at the same
    moments (each on its own otherwise), then how separated the classes were at each moment."""
    recorded = {name: cached_replay(name) for name in names}
    groups: dict[tuple, list[str]] = {}
    for name, (replay, _) in recorded.items():
        groups.setdefault(tuple(replay.steps.tolist()), []).append(name)
    moments = {  # the slider's labels, one list per group
        key: [moment(recorded[group[0]][0], s, short=True) for s in range(len(key))]
        for key, group in groups.items()
    }
    for key, group in groups.items():
        replay = recorded[group[0]][0]
        figure = replay_figure(
            [short_name(n) for n in group], [recorded[n][0].codes for n in group],
            replay.labels, moments[key],
            [[note(*recorded[n], s) for s in range(len(key))] for n in group],
            class_style(), figure_words(), class_names(),
        )  # fmt: skip
        show_chart(figure, "replay-" + "-".join(group))
    st.caption(t("replay.how", n=len(replay.labels)))
    st.header(t("replay.separation"))
    explain(t("replay.separation.text"))
    for key, group in groups.items():
        accuracies = [recorded[n][1] for n in group]
        titles = [short_name(n) for n in group]
        show_chart(separation_figure(titles, moments[key], accuracies, figure_words()),
                   "separation-" + "-".join(group))  # fmt: skip
    for name, (replay, separation) in recorded.items():
        early = int(np.searchsorted(replay.epochs, 1.0))  # the first epoch's end
        st.markdown(
            t(
                "replay.result", name=short_name(name), start=separation[0],
                early=separation[early - 1], when=moment(replay, early - 1, short=False),
                epoch=separation[early], final=separation[-1],
            )
        )  # fmt: skip
