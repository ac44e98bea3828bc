"""The KL on / off page's parts: which two VAEs it compares, the prior's view of their codes,
and the beta trade-off."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from explorer.latents import COLLAPSED_KL, active_dimensions
from explorer.map_data import prior_plane
from explorer.plotting import (
    ClassStyle,
    beta_tradeoff,
    empty_map,
    kl_bars,
    latent_map,
    with_prior_circles,
)
from explorer.questions import no_kl_answer
from explorer.scoring import agreement
from explorer.ui.catalogue import cached_map_data, metrics_of, short_name, test_images, vaes_by_beta
from explorer.ui.lessons import cached_kl, cached_reconstructions, cached_samples
from explorer.ui.pointer import points_in_browser, points_ui
from explorer.ui.predictions import answer_ui
from explorer.ui.session import class_style
from explorer.ui.widgets import explain, show_chart, show_grid, side_by_side
from explorer.ui.words import axis_titles, class_names, figure_words, file_name, t

BETA_KEY = "beta"
TRADEOFF_SAMPLES = 256
PRIOR_WITHIN_2_SIGMA = 1 - np.exp(-2)  # P(|z| <= 2) for z ~ N(0, I_2): a chi-square, 2 dof


def kl_pair_ui(size: int) -> tuple[str, str, float]:
    """The VAE trained without the KL term and one trained with it, of a latent size: (off,
    on, the on one's beta), beta chosen in the sidebar where there are several. A size
    without both stops the page with a note."""
    by_beta = vaes_by_beta(size)
    betas = [beta for beta in by_beta if beta > 0]
    if 0.0 not in by_beta or not betas:
        st.warning(t("kl.needs", size=size))
        st.stop()
    beta = betas[0]
    if len(betas) > 1:
        if st.session_state.get(BETA_KEY) not in betas:
            st.session_state[BETA_KEY] = 1.0 if 1.0 in betas else betas[0]
        beta = st.sidebar.select_slider(t("kl.beta"), betas, key=BETA_KEY, help=t("kl.beta.help"))
    return by_beta[0.0], by_beta[beta], beta


def reconstructions_ui(sides: tuple, rows: tuple[int, ...], labels: np.ndarray) -> None:
    """Test images rebuilt by the VAE without and with the KL term (sides: (name, title)
    each), the share read as their own class, and the answer to the page's question."""
    originals = test_images()
    if originals is not None:
        show_grid(originals[list(rows)] / np.float32(255), 8, t("kl.test_images"), scale=3)
    else:
        st.caption(t("kl.no_originals"))
    shares = {}
    for column, (name, title) in zip(side_by_side(2), sides):
        images, graded = cached_reconstructions(name, rows)
        metrics = metrics_of(name)
        shares[name] = agreement(graded.classes, labels[list(rows)])
        with column:
            st.subheader(title)
            show_grid(images, 8, t("kl.recon.caption", name=short_name(name)), scale=3)
            st.markdown(t("kl.recon.share", share=shares[name], recon=metrics["recon_bce"],
                          kl=metrics["kl"]))  # fmt: skip
    (off, _), (on, _) = sides
    recon = {name: metrics_of(name)["recon_bce"] for name, _ in sides}
    verdict = "kl.recon.same" if recon[off] <= recon[on] else "kl.recon.worse"
    st.info(t(verdict, off=recon[off], on=recon[on]))
    measured = t("ask.no_kl.measured", off=recon[off], on=recon[on], share=shares[off])
    answer_ui("no_kl", no_kl_answer(recon[off], recon[on], shares[off]), measured)


@st.cache_resource(show_spinner=False, max_entries=16)
def prior_frame(key: str, style: ClassStyle, words: tuple, names: tuple) -> go.Figure:
    """A prior view's figure before the browser puts its points in, built once a chart, style
    and language: another beta's rerun sends it again without building it again. Shared by
    every session, so never changed after (show_chart copies it where it grows the text)."""
    return with_prior_circles(empty_map(key, style, dict(words), list(names)), words=dict(words))


@st.cache_resource(show_spinner=False, max_entries=16)
def kl_figure(name: str, words: tuple) -> go.Figure:
    """A VAE's KL per dimension, built once a model and language (shared: never changed)."""
    kl = cached_kl(name)
    return kl_bars(kl, active_dimensions(kl), dict(words))


def sweep(by_beta: tuple) -> dict[str, list]:
    """The numbers of a beta sweep (by_beta: (beta, model name) pairs), each a list in beta's
    order: reconstruction cost, KL, active dimensions, share of recognised prior samples."""
    names = [name for _, name in by_beta]
    return {
        "betas": [beta for beta, _ in by_beta],
        "bces": [metrics_of(n)["recon_bce"] for n in names],
        "kls": [metrics_of(n)["kl"] for n in names],
        "active": [int(active_dimensions(cached_kl(n)).sum()) for n in names],
        "recognised": [
            cached_samples(n, "prior", TRADEOFF_SAMPLES, 0)[1].recognised for n in names
        ],
    }  # fmt: skip


@st.cache_resource(show_spinner=False, max_entries=16)
def tradeoff_figures(by_beta: tuple, size: int, words: tuple) -> tuple[go.Figure, ...]:
    """The beta sweep's three charts of the VAEs of one latent size, built once a sweep and
    language: the sidebar's beta and seed change none of them (shared: never changed)."""
    n = sweep(by_beta)
    figures = beta_tradeoff(n["betas"], n["bces"], n["kls"], n["active"], n["recognised"], size,
                            dict(words))  # fmt: skip
    return tuple(figures)


def prior_view_ui(name: str, size: int, key: str) -> None:
    """A VAE's codes with the prior's 1- and 2-sigma circles, and the share within 2 sigma.
    key names the chart, the same for whichever model it shows: its points go in in the
    browser (points_ui), so that choosing another beta redraws them in the same chart."""
    map_data = cached_map_data(name)
    if size == 2:
        xy, axes = map_data["codes"], axis_titles("latent", "mu")
    else:
        xy, axes = prior_plane(map_data), axis_titles("pca")
    within = float((np.linalg.norm(xy, axis=1) <= 2).mean())
    words, style, names = figure_words(), class_style(), class_names()
    if points_in_browser():
        show_chart(prior_frame(key, style, tuple(words.items()), tuple(names)), key)
        points_ui(key, name, xy, map_data["labels"], axes, file_name(f"map-{name}"))
    else:
        figure = latent_map(xy, map_data["labels"], axes, revision=name, style=style,
                            words=words, names=names)  # fmt: skip
        show_chart(with_prior_circles(figure, words=words), key)
    st.markdown(t("kl.within", within=within, prior=PRIOR_WITHIN_2_SIGMA))


def tradeoff_ui(size: int, rows: tuple[int, ...]) -> None:
    """Reconstruction, KL, active dimensions and recognisable prior samples of every beta of a
    latent size; where large betas collapse dimensions, the sweep's own reconstructions of the
    test images `rows` show the blur."""
    by_beta = vaes_by_beta(size)
    if len(by_beta) < 3:  # beta 0 and one other: the two sides above say it all
        return
    st.header(t("kl.tradeoff"))
    explain(t("kl.tradeoff.text", n=TRADEOFF_SAMPLES, threshold=COLLAPSED_KL))
    pairs = tuple(by_beta.items())
    numbers = sweep(pairs)
    betas, names, bces = numbers["betas"], list(by_beta.values()), numbers["bces"]
    active, recognised = numbers["active"], numbers["recognised"]
    figures = tradeoff_figures(pairs, size, tuple(figure_words().items()))
    for column, figure, part in zip(side_by_side(3), figures, ("losses", "dims", "samples")):
        with column:
            show_chart(figure, f"tradeoff-{size}-{part}")
    best = recognised.index(max(recognised))
    same = f"{recognised[0]:.0%}" == f"{recognised[-1]:.0%}"  # as the sentence rounds them
    st.info(
        t(
            "kl.tradeoff.result.same" if same else "kl.tradeoff.result",
            first=bces[0], last=bces[-1], beta=betas[-1],
            r_first=recognised[0], r_last=recognised[-1], best=recognised[best],
            best_beta=betas[best],
        )
    )  # fmt: skip
    if active[-1] == size:
        st.markdown(t("kl.collapse.none", beta=betas[-1], size=size))
        return
    st.markdown(
        t(
            "kl.collapse", beta=betas[-1], active=active[-1], size=size,
            collapsed=size - active[-1], threshold=COLLAPSED_KL, recon=bces[-1], recon0=bces[0],
        )
    )  # fmt: skip
    for beta, name, bce, used in zip(betas, names, bces, active):
        images, graded = cached_reconstructions(name, rows)
        caption = t("kl.collapse.row", beta=beta, recon=bce, active=used, size=size)
        show_grid(images, len(rows), caption, scale=2)
