"""Train: a new AE or VAE trained live, its losses and (for 2-D) its codes redrawn every epoch."""

import numpy as np
import streamlit as st

from explorer import jobs, ui
from explorer.checkpoints import RefusedError, available_models, dataset_dir, qualified
from explorer.data import DATASETS, MNIST
from explorer.plotting import latent_map, training_curves

SECONDS_PER_EPOCH = 5  # one torch thread on this project's 2-core machine, 60,000 images

st.set_page_config(page_title="Train · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title(ui.t("page.train"))
st.write(ui.t("train.intro"))
ui.dataset_note()


@st.fragment(run_every=1.0)
def live_panel() -> None:
    """What the running training is doing, redrawn every second, for every session."""
    job = jobs.status()
    if job is None or not job.running:
        st.rerun()  # the training ended: show the outcome and the form again
    request = job.request
    st.subheader(ui.t("train.running", name=request.name, what=describe(request)))
    if request.owner != ui.session_id():
        st.info(ui.t("train.other"))
    done = len(job.epochs)
    text = ui.t("train.epoch", done=done, total=request.epochs)
    if job.phase in ("saved", "umap"):
        text = ui.t(f"train.{job.phase}")
    st.progress(done / request.epochs, text=text)
    if request.owner == ui.session_id():
        st.button(ui.t("train.cancel"), on_click=jobs.cancel, type="secondary")
    if not job.epochs:
        st.caption(ui.t("train.starting"))
        return
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(ui.t("train.curves"))
        ui.show_chart(training_curves(job.epochs, request.epochs, ui.figure_words()), "curves")
    watched = job.epochs[-1].get("watched")
    labels = next((e["labels"] for e in job.events if e["event"] == "watched"), None)
    if watched and labels:
        with right:
            st.markdown(ui.t("train.watched", done=done))
            figure = latent_map(
                np.array(watched),
                np.array(labels),
                ui.axis_titles("latent", "mu" if request.kind == "vae" else "z"),
                revision="train",
                style=ui.digit_style(),
                words=ui.figure_words(),
                names=ui.class_labels(request.dataset),
            )
            ui.show_chart(figure, "watched")


def describe(request: jobs.TrainRequest) -> str:
    kind = ui.t("train.vae", beta=request.beta) if request.kind == "vae" else ui.t("train.ae")
    what = ui.t("train.what", kind=kind, dims=request.latent_dim, epochs=request.epochs)
    return what if request.dataset == MNIST.name else f"{what} · {DATASETS[request.dataset].title}"


def outcome(job: jobs.JobStatus) -> None:
    """How the last training ended."""
    name, dataset = job.request.name, job.request.dataset
    if job.finished == "done":
        st.success(ui.t("train.done", name=name, what=describe(job.request)))
        link = {"model": qualified(dataset, name)}
        if dataset != MNIST.name:
            link["data"] = dataset
        st.page_link(
            ui.PAGES[1][0], label=ui.t("train.open", name=name), icon="🗺️", query_params=link
        )
    elif job.finished == "error":
        message = next(e["message"] for e in job.events if e["event"] == "error")
        st.error(ui.t("train.failed", name=name, message=message))
    elif job.finished == "cancelled":
        st.info(ui.t("train.cancelled", name=name))
    else:
        error = jobs.last_error()
        error = ui.t("train.stopped.error", error=error) if error else ""
        st.warning(ui.t("train.stopped", name=name, error=error))


def free_name(stem: str) -> str:
    taken = set(available_models(dataset_dir(ui.current_dataset())))
    return next(f"{stem}-{i}" for i in range(1, 1000) if f"{stem}-{i}" not in taken)


def training_form() -> None:
    with st.form("train"):
        left, right = st.columns(2, gap="large")
        kind = left.radio(
            ui.t("train.kind"), ["vae", "ae"], horizontal=True,
            format_func=ui.labels("train.kind"),
        )  # fmt: skip
        latent_dim = left.select_slider(ui.t("train.size"), [2, 3, 5, 10, 20, 32], value=2)
        beta = left.number_input(
            ui.t("train.beta"), min_value=0.0, max_value=100.0, value=1.0, step=0.5
        )
        epochs = right.slider(ui.t("train.epochs"), 1, jobs.MAX_EPOCHS, 10)
        name = right.text_input(
            ui.t("train.name"), value=free_name("my-model"), max_chars=40,
            help=ui.t("train.name.help"),
        )  # fmt: skip
        right.caption(ui.t("train.time", seconds=SECONDS_PER_EPOCH))
        started = st.form_submit_button(ui.t("train.start"), type="primary")
    if not started:
        return
    request = jobs.TrainRequest(
        name.strip(), kind, latent_dim, beta if kind == "vae" else 0.0, epochs, ui.session_id(),
        ui.current_dataset(),
    )  # fmt: skip
    try:
        jobs.start(request)
    except RefusedError as error:
        st.error(ui.t(f"refused.{error.reason}", name=name.strip(), max=jobs.MAX_EPOCHS))
        return
    except OSError as error:  # a read-only checkpoint folder, a full disk
        st.error(ui.t("train.cannot_write", error=f"{type(error).__name__}: {error}"))
        return
    st.rerun()


job = jobs.status()
if job is not None and job.running:
    live_panel()
else:
    if job is not None:
        outcome(job)
    problem = ui.training_data_problem(ui.current_dataset())
    if problem:
        st.warning(ui.t("train.no_data"))
        st.code(problem, language=None)
        st.caption(ui.t("train.no_data.rest"))
    else:
        training_form()
