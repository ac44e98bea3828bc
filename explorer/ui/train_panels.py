"""The Train page's parts: the running training, redrawn every second for every session;
how the last one ended; and the form that starts a new one."""

import numpy as np
import streamlit as st

from explorer import jobs
from explorer.checkpoints import (
    RefusedError,
    available_models,
    dataset_dir,
    normalised_name,
    qualified,
)
from explorer.data import DATASETS, MNIST
from explorer.plotting import latent_map, training_curves
from explorer.registry import LIVE_TRAINING
from explorer.ui.navigation import PAGES
from explorer.ui.session import class_style, current_dataset, session_id
from explorer.ui.widgets import show_chart
from explorer.ui.words import axis_titles, class_names, figure_words, option_labels, t

SECONDS_PER_EPOCH = 5  # one torch thread on this project's 2-core machine, 60,000 images


@st.fragment(run_every=1.0)
def live_training_ui() -> None:
    """What the running training is doing, redrawn every second, for every session."""
    job = jobs.status()
    if job is None or not job.running:
        st.rerun()  # the training ended: show the outcome and the form again
    request = job.request
    st.subheader(t("train.running", name=request.name, what=describe(request)))
    if request.owner != session_id():
        st.info(t("train.other"))
    done = len(job.epochs)
    text = t("train.epoch", done=done, total=request.epochs)
    if job.phase in ("saved", "umap"):
        text = t(f"train.{job.phase}")
    st.progress(done / request.epochs, text=text)
    if request.owner == session_id():
        st.button(t("train.cancel"), on_click=jobs.cancel, type="secondary")
    if not job.epochs:
        st.caption(t("train.starting"))
        return
    progress_ui(job)


def progress_ui(job: jobs.JobStatus) -> None:
    """The loss terms per epoch and, for a 2-D model, the watched codes after the last one:
    while it trains, and after it ended, so that a learner can look back at them."""
    request, done = job.request, len(job.epochs)
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(t("train.curves"))
        show_chart(training_curves(job.epochs, request.epochs, figure_words()), "curves")
    watched = job.epochs[-1].get("watched")
    labels = next((e["labels"] for e in job.events if e["event"] == "watched"), None)
    if watched and labels:
        with right:
            st.markdown(t("train.watched", done=done))
            figure = latent_map(
                np.array(watched),
                np.array(labels),
                axis_titles("latent", "mu" if request.kind == "vae" else "z"),
                revision="train",
                style=class_style(),
                words=figure_words(),
                names=class_names(request.dataset),
            )
            show_chart(figure, "watched")


def describe(request: jobs.TrainRequest) -> str:
    kind = t("train.vae", beta=request.beta) if request.kind == "vae" else t("train.ae")
    what = t("train.what", kind=kind, dims=request.latent_dim, epochs=request.epochs)
    return what if request.dataset == MNIST.name else f"{what} · {DATASETS[request.dataset].title}"


def training_outcome_ui(job: jobs.JobStatus) -> None:
    """How the last training ended."""
    name, dataset = job.request.name, job.request.dataset
    if job.finished == "done":
        st.success(t("train.done", name=name, what=describe(job.request)))
        link = {"model": qualified(dataset, name), "data": dataset}  # from either dataset
        st.page_link(
            PAGES["map"].file, label=t("train.open", name=name), icon="🗺️", query_params=link
        )
        if job.epochs:
            progress_ui(job)
    elif job.finished == "error":
        message = next(e["message"] for e in job.events if e["event"] == "error")
        st.error(t("train.failed", name=name, message=message))
    elif job.finished == "cancelled":
        st.info(t("train.cancelled", name=name))
    else:
        error = jobs.last_error()
        error = t("train.stopped.error", error=error) if error else ""
        st.warning(t("train.stopped", name=name, error=error))


def free_name(stem: str) -> str:
    taken = set(available_models(dataset_dir(current_dataset())))
    return next(f"{stem}-{i}" for i in range(1, 1000) if f"{stem}-{i}" not in taken)


def training_form_ui() -> None:
    with st.form("train"):
        # a small gap: on a phone the columns stack, and a large one left 64 px after beta
        left, right = st.columns(2, gap="small")
        kind = left.radio(
            t("train.kind"), ["vae", "ae"], horizontal=True,
            format_func=option_labels("train.kind"),
        )  # fmt: skip
        latent_dim = left.select_slider(t("train.size"), [2, 3, 5, 10, 20, 32], value=2)
        beta = left.number_input(
            t("train.beta"), min_value=0.0, max_value=100.0, value=1.0, step=0.5
        )
        epochs = right.slider(t("train.epochs"), 1, jobs.MAX_EPOCHS, LIVE_TRAINING.epochs)
        name = right.text_input(
            t("train.name"), value=free_name("my-model"), max_chars=40,
            help=t("train.name.help"),
        )  # fmt: skip
        right.caption(t("train.time", seconds=SECONDS_PER_EPOCH))
        started = st.form_submit_button(t("train.start"), type="primary")
    if not started:
        return
    request = jobs.TrainRequest(
        normalised_name(name), kind, latent_dim, beta if kind == "vae" else 0.0, epochs,
        session_id(), current_dataset(),
    )  # fmt: skip
    try:
        jobs.start(request)
    except RefusedError as error:
        st.error(t(f"refused.{error.reason}", name=normalised_name(name), max=jobs.MAX_EPOCHS))
        return
    except OSError as error:  # a read-only checkpoint folder, a full disk
        st.error(t("train.cannot_write", error=f"{type(error).__name__}: {error}"))
        return
    st.rerun()
