"""Train: a new AE or VAE trained live, its losses and (for 2-D) its codes redrawn every epoch."""

import numpy as np
import streamlit as st

from explorer import jobs, ui
from explorer.checkpoints import available_models
from explorer.plotting import latent_map, training_curves

SECONDS_PER_EPOCH = 5  # one torch thread on this project's 2-core machine, 60,000 images

st.set_page_config(page_title="Train · Latent Explorer", layout="wide")
ui.sidebar_nav()
st.title("Train a model")
st.write(
    "Train your own autoencoder or VAE on the 60,000 MNIST training images and watch it "
    "learn: the loss terms after every epoch and, for a 2-D model, the codes of 1,000 test "
    "images redrawn every epoch, so you see the clusters form. The model is saved beside the "
    "shipped ones, never over them, and appears in every page's model picker. One training "
    "runs at a time on this server; everyone else keeps exploring meanwhile."
)


@st.fragment(run_every=1.0)
def live_panel() -> None:
    """What the running training is doing, redrawn every second, for every session."""
    job = jobs.status()
    if job is None or not job.running:
        st.rerun()  # the training ended: show the outcome and the form again
    request = job.request
    st.subheader(f"Training {request.name}: {describe(request)}")
    if request.owner != ui.session_id():
        st.info(
            "Another session started this training. Keep exploring the other pages: the "
            "model appears in their model pickers once it is saved."
        )
    done = len(job.epochs)
    text = f"Epoch {done} of {request.epochs}"
    if job.phase == "saved":
        text = "Trained and saved; computing its map data…"
    elif job.phase == "umap":
        text = "Computing the UMAP view (about a minute the first time: numba compiles)…"
    st.progress(done / request.epochs, text=text)
    if request.owner == ui.session_id():
        st.button("Cancel training", on_click=jobs.cancel, type="secondary")
    if not job.epochs:
        st.caption("Reading MNIST and building the model…")
        return
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("**Loss terms per epoch** (averages over the training images)")
        ui.show_chart(training_curves(job.epochs, request.epochs), "curves")
    watched = job.epochs[-1].get("watched")
    labels = next((e["labels"] for e in job.events if e["event"] == "watched"), None)
    if watched and labels:
        with right:
            st.markdown(f"**Codes of 1,000 test images after epoch {done}**")
            figure = latent_map(
                np.array(watched),
                np.array(labels),
                ("latent 1", "latent 2"),
                revision="train",
                style=ui.digit_style(),
            )
            ui.show_chart(figure, "watched")


def describe(request: jobs.TrainRequest) -> str:
    kind = f"VAE, beta {request.beta:g}" if request.kind == "vae" else "autoencoder"
    return f"{kind}, {request.latent_dim}-D latent, {request.epochs} epochs"


def outcome(job: jobs.JobStatus) -> None:
    """How the last training ended."""
    name = job.request.name
    if job.finished == "done":
        st.success(f"{name} ({describe(job.request)}) is trained and saved.")
        st.page_link(ui.PAGES[1][0], label=f"Open {name} on the Latent Map", icon="🗺️")
    elif job.finished == "error":
        message = next(e["message"] for e in job.events if e["event"] == "error")
        st.error(f"Training {name} failed: {message}")
    elif job.finished == "cancelled":
        st.info(f"The training of {name} was cancelled; nothing of it was saved.")
    else:
        error = jobs.last_error()
        st.warning(
            f"The training of {name} stopped before it finished: its process ended"
            + (f" with {error}" if error else "")
            + ". Nothing of it was saved, and every other model is untouched."
        )


def free_name(stem: str) -> str:
    taken = set(available_models())
    return next(f"{stem}-{i}" for i in range(1, 1000) if f"{stem}-{i}" not in taken)


def training_form() -> None:
    with st.form("train"):
        left, right = st.columns(2, gap="large")
        kind = left.radio(
            "Model", ["vae", "ae"], horizontal=True,
            format_func={"vae": "VAE", "ae": "Autoencoder"}.get,
        )  # fmt: skip
        latent_dim = left.select_slider("Latent size", [2, 3, 5, 10, 20, 32], value=2)
        beta = left.number_input(
            "beta: weight of the KL term (VAE only; 0 turns it off)",
            min_value=0.0, max_value=100.0, value=1.0, step=0.5,
        )  # fmt: skip
        epochs = right.slider("Epochs", 1, jobs.MAX_EPOCHS, 10)
        name = right.text_input(
            "Name", value=free_name("my-model"), max_chars=40,
            help="Lower-case letters, digits, '-', '_' and '.'; not a name in use.",
        )  # fmt: skip
        right.caption(
            f"Each epoch takes about {SECONDS_PER_EPOCH} s on a 2-core machine. The shipped "
            "models have hidden layers 400 and 200, like this one, and trained for 30 epochs."
        )
        started = st.form_submit_button("Start training", type="primary")
    if not started:
        return
    request = jobs.TrainRequest(
        name.strip(), kind, latent_dim, beta if kind == "vae" else 0.0, epochs, ui.session_id()
    )
    try:
        jobs.start(request)
    except (ValueError, jobs.JobBusyError) as error:
        st.error(str(error))
        return
    st.rerun()


job = jobs.status()
if job is not None and job.running:
    live_panel()
else:
    if job is not None:
        outcome(job)
    problem = ui.training_data_problem()
    if problem:
        st.warning("Training needs the MNIST training images, which this server cannot read.")
        st.code(problem, language=None)
        st.caption("Every other page keeps working from the shipped models.")
    else:
        training_form()
