"""Streamlit glue: cached loaders (one copy per server process) and small widget helpers.

The only module of explorer/ that imports Streamlit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st
import torch
from streamlit.runtime.scriptrunner import get_script_run_ctx
from torch import nn

from explorer.checkpoints import (
    CHECKPOINT_DIR,
    CLASSIFIER,
    USER,
    CheckpointError,
    available_models,
    dataset_dir,
    model_from_checkpoint,
    qualified,
    read_checkpoint,
    remove_stale_temporaries,
    resolve,
    split_name,
)
from explorer.classifier import classify
from explorer.data import DATASETS, MNIST, DataUnavailableError, load_mnist_uint8
from explorer.embeddings import coords, load_embedding
from explorer.generation import cluster_means, fit_gaussian, sample_gaussian, sample_prior
from explorer.interpolation import Census, census, interpolate, random_pairs
from explorer.latents import decode, manifold
from explorer.models import VAE
from explorer.plotting import ACCESSIBLE, ENGLISH, TABLEAU, DigitStyle, empty_space_grid, tile
from explorer.scoring import CONFIDENT, Score, score
from explorer.texts import LANGUAGES, class_names, template, translate

torch.set_num_threads(1)  # many sessions share the cores; one thread each keeps clicks fast


PAGES = [  # (file, key of its name in explorer/texts.py, icon), in lesson order
    ("streamlit_app.py", "home", "🏠"),
    ("pages/1_Latent_Map.py", "map", "🗺️"),
    ("pages/6_Draw_a_Digit.py", "draw", "✏️"),
    ("pages/7_Linked_Maps.py", "linked", "🔗"),
    ("pages/2_AE_vs_VAE.py", "generation", "🎲"),
    ("pages/3_KL_On_Off.py", "kl", "⚖️"),
    ("pages/4_Interpolation.py", "interpolation", "↔️"),
    ("pages/5_Train.py", "train", "🏋️"),
]


SHARED_SETTINGS = {"lang": ("language", LANGUAGES, "en"), "data": ("dataset", DATASETS, "mnist")}


def sidebar_nav() -> None:
    """The app's pages in the sidebar, in lesson order (emoji icons: no font fetched offline),
    and the settings every page shares: dataset, language, digit colours."""
    for key in ("accessible_colours", "language", "dataset"):  # kept across pages
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    for param, (key, options, default) in SHARED_SETTINGS.items():
        st.session_state.setdefault(key, default)
        # A link's setting, applied before the widget exists when the address bar shows a new
        # one: not again after the reader changes the widget (the bar still shows the old).
        shared = st.query_params.get(param)
        if shared != st.session_state.get(f"url:{param}"):
            st.session_state[f"url:{param}"] = shared
            if shared in options:
                st.session_state[key] = shared
    for page, label, icon in PAGES:
        st.sidebar.page_link(page, label=t(f"page.{label}"), icon=icon)
    st.sidebar.radio(
        t("nav.dataset"), list(DATASETS), format_func=lambda d: DATASETS[d].title, key="dataset",
        horizontal=True, help=t("nav.dataset.help"),
    )  # fmt: skip
    st.sidebar.radio(
        t("nav.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="language",
        horizontal=True,
    )  # fmt: skip
    st.sidebar.toggle(t("nav.colours"), key="accessible_colours", help=t("nav.colours.help"))
    st.sidebar.divider()
    follow_dataset()


def follow_dataset() -> None:
    """When the dataset changes, the pages' model choices move to the same models of the new
    one (ae-2d -> fashion-mnist/ae-2d), or back to their defaults where it has no such model."""
    dataset = current_dataset()
    before = st.session_state.get("models_of", dataset)
    st.session_state.models_of = dataset
    if before == dataset:
        return
    old, usable = model_catalogue(before)[0], model_catalogue(dataset)[0]
    for key, value in list(st.session_state.items()):
        if isinstance(value, str) and value in old:
            moved = qualified(dataset, short_name(value))
            if moved in usable:
                st.session_state[key] = moved
            else:
                del st.session_state[key]


def current_dataset() -> str:
    """The dataset chosen in the sidebar: "mnist" or "fashion-mnist"."""
    return st.session_state.get("dataset", MNIST.name)


def t(key: str, **values: object) -> str:
    """A page's text in the session's language, for its dataset (explorer/texts.py)."""
    return translate(key, st.session_state.get("language", "en"), current_dataset(), **values)


def figure_words() -> dict[str, str]:
    """The words inside figures (legends, axes, hover labels) in the session's language."""
    language = st.session_state.get("language", "en")
    return {key: template(f"fig.{key}", language, current_dataset()) for key in ENGLISH}


def class_labels(dataset: str | None = None) -> list[str]:
    """The ten classes' names in the session's language, of the sidebar's dataset unless
    another is given: "0".."9" for MNIST."""
    language = st.session_state.get("language", "en")
    return class_names(dataset or current_dataset(), language)


def label_word() -> str:
    """What a test image's class is called in exported tables: "digit", or "class"."""
    return "digit" if current_dataset() == MNIST.name else "class"


def file_name(text: str) -> str:
    """A download's file name: Fashion-MNIST's model names hold a "/"."""
    return text.replace("/", "-")


def dataset_note() -> None:
    """For a dataset other than MNIST, a note saying what it holds and how to read the lesson."""
    if current_dataset() != MNIST.name:
        classes = ", ".join(f"{i} {name}" for i, name in enumerate(class_labels()))
        st.info(t("dataset.note", classes=classes))


def labels(prefix: str) -> Callable[[object], str]:
    """A widget's format_func: option -> the text at "prefix.option". The language is bound
    now, as Streamlit may call the function outside the script run."""
    language = st.session_state.get("language", "en")
    return lambda option: translate(f"{prefix}.{option}", language)


def model_labels() -> Callable[[str], str]:
    """format_func for model pickers: name -> a description, in the language of now."""
    language = st.session_state.get("language", "en")
    return lambda name: describe_model(name, language)


def digit_style() -> DigitStyle:
    return ACCESSIBLE if st.session_state.get("accessible_colours") else TABLEAU


@st.cache_resource(show_spinner=False, ttl=1)
def checkpoint_files() -> tuple[tuple[str, int], ...]:
    """(file name, modification time) of every checkpoint and map file, shipped and
    user-trained, looked up at most once a second: a model trained or retrained meanwhile
    changes it, and so refreshes the caches below."""
    found = []
    for dataset, folder in model_folders():
        for path in sorted(folder.glob("*.[pn][tp]*")):
            if path.name.startswith("."):  # a file being written
                continue
            try:
                found.append((qualified(dataset, path.name), path.stat().st_mtime_ns))
            except FileNotFoundError:  # removed while we looked
                continue
    return tuple(found)


def model_folders() -> list[tuple[str, Path]]:
    """(dataset, folder) of every folder of models: each dataset's shipped ones and its user/."""
    return [(d, folder) for d in DATASETS for folder in (dataset_dir(d), dataset_dir(d) / USER)]


def model_catalogue(dataset: str | None = None) -> tuple[dict[str, dict], dict[str, str]]:
    """A dataset's models, the sidebar's unless another is named: (usable, unusable), with
    usable full name -> checkpoint metrics and config, unusable full name -> reason. Read
    again when the files change (their list's hash: hashing it whole is slower, per call)."""
    return _catalogue(dataset or current_dataset(), hash(checkpoint_files()))


@st.cache_resource(show_spinner=False, max_entries=8)
def _catalogue(dataset: str, files_hash: int) -> tuple[dict[str, dict], dict[str, str]]:
    for folder in (dataset_dir(dataset), dataset_dir(dataset) / USER):
        remove_stale_temporaries(folder)
    usable, unusable = {}, {}
    for short in available_models(dataset_dir(dataset)):
        name = qualified(dataset, short)
        try:
            checkpoint = read_checkpoint(resolve(name))
            model_from_checkpoint(checkpoint, name)
            if short != CLASSIFIER:
                cached_embedding(name)  # checked once here, then shared
        except (CheckpointError, OSError, ValueError, KeyError) as error:
            unusable[name] = str(error)
            continue
        usable[name] = {"config": checkpoint["config"], "metrics": checkpoint["metrics"]}
    return usable, unusable


def autoencoder_names() -> list[str]:
    """The usable autoencoders and VAEs of the sidebar's dataset."""
    return [name for name in model_catalogue()[0] if short_name(name) != CLASSIFIER]


def version(name: str) -> tuple[int, int]:
    """Modification times of a model's checkpoint and map data: part of the cache keys, so a
    retrained model is read again."""
    files = dict(checkpoint_files())
    return files.get(f"{name}.pt", 0), files.get(f"{name}.npz", 0)


def cached_model(name: str) -> nn.Module:
    """The model in eval mode; shared by all sessions, so only ever used under inference_mode."""
    return _model(name, version(name))


@st.cache_resource(show_spinner=False, max_entries=64)
def _model(name: str, _version: tuple) -> nn.Module:
    path = resolve(name)
    return model_from_checkpoint(read_checkpoint(path), path.name)


def cached_embedding(name: str) -> dict[str, np.ndarray]:
    """A model's map data; shared read-only arrays (cache_resource: no copy per rerun)."""
    return _embedding(name, version(name))


@st.cache_resource(show_spinner=False, max_entries=64)
def _embedding(name: str, _version: tuple) -> dict[str, np.ndarray]:
    embedding = load_embedding(name)
    for array in embedding.values():
        array.setflags(write=False)
    return embedding


@st.cache_resource(show_spinner=False)
def cached_click_grid(name: str, projection: str) -> np.ndarray:
    """The map's clickable empty-space nodes for a model and 2-D view."""
    return empty_space_grid(coords(cached_embedding(name), projection))


def test_images() -> np.ndarray | None:
    """The sidebar dataset's test images, uint8 (10000, 28, 28), or None where they cannot be
    had: the map works without them, from the shipped codes."""
    return _test_images(current_dataset())


@st.cache_resource(show_spinner="Reading the test images…")
def _test_images(dataset: str) -> np.ndarray | None:
    try:
        images, _ = load_mnist_uint8(train=False, dataset=DATASETS[dataset])
    except DataUnavailableError:
        return None
    return images


@st.cache_data(show_spinner=False)
def cached_manifold(name: str, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Decoded n x n grid of a 2-D model: the prior's quantiles for a VAE, the codes' for an AE."""
    model = cached_model(name)
    if isinstance(model, VAE):
        mean, std = np.zeros(2), np.ones(2)
    else:
        latents = cached_embedding(name)["latent"]
        mean, std = latents.mean(axis=0), latents.std(axis=0)
    return manifold(model, n, mean, std)


def classify_images(images: np.ndarray) -> list[tuple[str, float]]:
    """(class name, confidence) per image (N, 28, 28), from the sidebar dataset's classifier."""
    graded = score_images(images, current_dataset())
    names = class_labels()
    return [(names[d], c) for d, c in zip(graded.digits.tolist(), graded.confidences.tolist())]


def session_id() -> str:
    """This browser session's id (to tell a session whether a training is its own)."""
    context = get_script_run_ctx()
    return context.session_id if context else ""


@st.cache_resource(show_spinner="Looking for the training images…", ttl=60)
def training_data_problem(dataset: str) -> str | None:
    """None if the dataset's training set can be read (downloading it where a network exists),
    else the message saying how to provide it. Asked again after a minute."""
    try:
        load_mnist_uint8(train=True, dataset=DATASETS[dataset])
    except DataUnavailableError as error:
        return str(error)
    return None


def config_of(name: str) -> dict:
    return model_catalogue(split_name(name)[0])[0][name]["config"]


def metrics_of(name: str) -> dict:
    return model_catalogue(split_name(name)[0])[0][name]["metrics"]


def models_where(kind: str, latent_dim: int) -> list[str]:
    """Usable models of one kind ("ae" or "vae") and latent size, shipped ones first."""
    return [
        name
        for name in autoencoder_names()
        if config_of(name)["kind"] == kind and config_of(name)["latent_dim"] == latent_dim
    ]


def latent_sizes() -> list[int]:
    """The latent sizes the usable models have."""
    return sorted({config_of(name)["latent_dim"] for name in autoencoder_names()})


def stop_without_models(found: list) -> None:
    """Stop the page, saying how to train them, where the sidebar's dataset has no usable
    models, or no classifier to read their pictures."""
    dataset = current_dataset()
    folder = dataset_dir(dataset).relative_to(CHECKPOINT_DIR.parent)
    command = "python train_models.py"
    if dataset != MNIST.name:
        command += f" --dataset {dataset}"
    if not found:
        st.error(t("models.none", folder=f"{folder}/", command=command))
        st.stop()
    if qualified(dataset, CLASSIFIER) not in model_catalogue()[0]:
        st.error(t("models.no_classifier", folder=f"{folder}/", command=command))
        st.stop()


def latent_size_ui(key: str = "latent_size") -> int:
    """Sidebar choice of latent size among those the usable models have."""
    sizes = latent_sizes()
    stop_without_models(sizes)
    return st.sidebar.radio(
        t("sidebar.size"), sizes, format_func=lambda d: f"{d}-D", key=key, horizontal=True
    )


def pair_picker_ui(size: int) -> tuple[str, str]:
    """Sidebar choice of an autoencoder and a VAE of one latent size; a page without both
    kinds stops with a note."""
    if not models_where("ae", size) or not models_where("vae", size):
        st.warning(t("needs.pair", size=size))
        st.stop()
    ae = st.sidebar.selectbox(
        t("sidebar.ae"), models_where("ae", size), format_func=model_labels(), key=f"ae{size}"
    )
    vae = st.sidebar.selectbox(
        t("sidebar.vae"), models_where("vae", size), format_func=model_labels(), key=f"vae{size}"
    )
    return ae, vae


MAX_SEED = 2**31 - 1


def seed_ui(key: str = "seed") -> int:
    st.session_state.setdefault(key, 0)  # the default, unless a shared link set one
    return st.sidebar.number_input(
        t("sidebar.seed"), min_value=0, max_value=MAX_SEED, step=1, key=key,
        help=t("sidebar.seed.help"),
    )  # fmt: skip


def lesson_fields() -> dict[str, "UrlField"]:
    """Query parameters every lesson page reads: the latent size and the seed."""
    return {
        "size": UrlField("latent_size", one_of(latent_sizes(), int)),
        "seed": UrlField("seed", whole_number(0, MAX_SEED)),
    }


def score_images(images: np.ndarray, dataset: str) -> Score:
    """The dataset's classifier's grade of images (N, 28, 28): see explorer/scoring.py."""
    classifier = cached_model(qualified(dataset, CLASSIFIER))
    digits, confidences = classify(classifier, torch.as_tensor(images[:, None]))
    return score(digits.numpy(), confidences.numpy())


def score_summary(graded: Score) -> str:
    return t(
        "score.summary", recognised=graded.recognised, threshold=CONFIDENT,
        confidence=graded.mean_confidence, covered=graded.digits_covered,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def cached_cluster_means(name: str) -> tuple[np.ndarray, Score]:
    """Each digit's mean code decoded, (10, 28, 28), and the classifier's grade of them."""
    embedding = cached_embedding(name)
    images = decode(cached_model(name), cluster_means(embedding["latent"], embedding["labels"]))
    return images, score_images(images, split_name(name)[0])


@st.cache_data(show_spinner=False, max_entries=256)
def cached_samples(name: str, source: str, n: int, seed: int) -> tuple[np.ndarray, Score]:
    """n decodes of z drawn from N(0, I) (source "prior") or from a Gaussian fitted to the
    model's test codes (source "fitted"), and their grade."""
    latents = cached_embedding(name)["latent"]
    if source == "prior":
        z = sample_prior(n, latents.shape[1], seed)
    else:
        z = sample_gaussian(*fit_gaussian(latents), n, seed)
    images = decode(cached_model(name), z)
    return images, score_images(images, split_name(name)[0])


@st.cache_data(show_spinner=False, max_entries=256)
def cached_reconstructions(name: str, rows: tuple[int, ...]) -> tuple[np.ndarray, Score]:
    """Test images' codes decoded (the reconstructions, from mu for a VAE), and their grade."""
    images = decode(cached_model(name), cached_embedding(name)["latent"][list(rows)])
    return images, score_images(images, split_name(name)[0])


@st.cache_data(show_spinner=False, max_entries=256)
def cached_path(
    name: str, row_a: int, row_b: int, steps: int
) -> tuple[np.ndarray, np.ndarray, Score]:
    """The straight path between two test images' codes: (z (steps, d), decodes, grade)."""
    latents = cached_embedding(name)["latent"]
    z = interpolate(latents[row_a], latents[row_b], steps)
    images = decode(cached_model(name), z)
    return z, images, score_images(images, split_name(name)[0])


@st.cache_data(show_spinner="Reading every step of many paths…", max_entries=256)
def cached_census(name: str, a: int, b: int, pairs: int, steps: int, seed: int) -> Census:
    """What the classifier reads along straight paths between random test images of a and b."""
    embedding = cached_embedding(name)
    latents = embedding["latent"]
    rows = random_pairs(embedding["labels"], a, b, pairs, seed)
    # Only the steps between the ends: the ends are the two test images' own reconstructions.
    z = np.concatenate([interpolate(latents[i], latents[j], steps)[1:-1] for i, j in rows])
    graded = score_images(decode(cached_model(name), z), split_name(name)[0])
    shape = (pairs, steps - 2)
    return census(graded.digits.reshape(shape), graded.confidences.reshape(shape), a, b)


def short_name(name: str) -> str:
    """A model's name within its dataset's folder: "vae-2d" for "fashion-mnist/vae-2d"."""
    return split_name(name)[1]


def describe_model(name: str, language: str | None = None) -> str:
    language = language or st.session_state.get("language", "en")
    config = config_of(name)
    kind = translate(f"models.{config['kind']}", language)
    beta = f", beta {config['beta']:g}" if config["kind"] == "vae" else ""
    dims = config["latent_dim"]
    return translate(
        "models.describe", language, name=short_name(name), kind=kind, dims=dims, beta=beta
    )


def model_picker_ui(key: str = "model") -> str:
    """Sidebar select box over the usable models; lists unusable checkpoint files with reasons."""
    names = autoencoder_names()
    stop_without_models(names)
    name = st.sidebar.selectbox(t("models.label"), names, format_func=model_labels(), key=key)
    unusable = model_catalogue()[1]
    if unusable:
        with st.sidebar.expander(t("models.skipped", n=len(unusable))):
            for reason in unusable.values():
                st.caption(reason)
    return name


def axis_titles(projection: str, latent: str = "z") -> tuple[str, str]:
    """Axis titles of a 2-D view of a latent space."""
    return t(f"axes.{projection}", z=latent, i=1), t(f"axes.{projection}", z=latent, i=2)


def projection_picker_ui(options: list[str], key: str = "projection") -> str:
    if len(options) == 1:
        return options[0]
    return st.sidebar.radio(
        t("views.label"), options, format_func=labels("views"), key=key,
        help=t("views.help"),
    )  # fmt: skip


CANVAS_HTML = """
<canvas width="280" height="280" aria-label="Drawing area: draw one digit"></canvas>
<div><button type="button">Clear</button></div>
"""
CANVAS_CSS = """
canvas { background: #000; border-radius: 8px; touch-action: none; cursor: crosshair;
         width: 280px; height: 280px; display: block; }
button { margin-top: 8px; font-size: 16px; padding: 4px 16px; }
"""
# White strokes on black, like MNIST; the picture goes back to Python as a PNG data URL
# whenever a stroke ends. Handlers are attached once, however often the component renders.
CANVAS_JS = """
export default function(component) {
  const { parentElement, setStateValue, data } = component;
  const canvas = parentElement.querySelector('canvas');
  parentElement.querySelector('button').textContent = (data && data.clear) || 'Clear';
  if (canvas.dataset.ready) return;
  canvas.dataset.ready = '1';
  const ctx = canvas.getContext('2d');
  const clear = () => { ctx.fillStyle = '#000'; ctx.fillRect(0, 0, 280, 280); };
  clear();
  Object.assign(ctx, { strokeStyle: '#fff', lineWidth: 20, lineCap: 'round', lineJoin: 'round' });
  let drawing = false;
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * 280 / r.width, (e.clientY - r.top) * 280 / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(e));
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drawing) { ctx.lineTo(...at(e)); ctx.stroke(); }
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    setStateValue('image', canvas.toDataURL('image/png'));
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  parentElement.querySelector('button').addEventListener('click', () => {
    clear();
    setStateValue('image', '');
  });
}
"""
CANVAS = st.components.v2.component(
    "latent_explorer_canvas", html=CANVAS_HTML, css=CANVAS_CSS, js=CANVAS_JS
)


def drawing_canvas_ui(key: str = "canvas") -> str:
    """A 280 x 280 drawing area; returns the drawing as a PNG data URL ("" while empty)."""
    words = {"clear": t("draw.clear")}
    result = CANVAS(key=key, data=words, default={"image": ""}, on_image_change=lambda: None)
    return result.image or ""


@dataclass(frozen=True)
class UrlField:
    """A query parameter of a shareable link: the session-state key it sets, and how to read
    it (a ValueError's message says, for a person, why a value is refused)."""

    key: str
    parse: Callable[[str], object]


def apply_url(page: str, fields: dict[str, UrlField]) -> None:
    """Copy a link's query parameters into the page's widgets, when the link is new to this
    session; parameters that are unknown, stale or invalid are ignored, with a note."""
    params = st.query_params.to_dict()
    if not params or params == st.session_state.get(f"url:{page}"):
        return
    ignored = []
    for name, value in params.items():
        if name in SHARED_SETTINGS:  # sidebar_nav reads them
            continue
        field = fields.get(name)
        try:
            if field is None:
                raise ValueError("not used on this page")
            st.session_state[field.key] = field.parse(value)
        except ValueError as error:
            ignored.append(f"{name}={value[:40]} ({error})")
    st.session_state[f"url:{page}"] = params
    if ignored:
        st.info(t("nav.ignored", ignored="; ".join(ignored)))


def preset(params: dict[str, str]) -> dict[str, str]:
    """A lesson step's link for this session: in its language, on MNIST, whose story the
    lesson's steps tell (their points and digits are MNIST's)."""
    return shared_settings(params) | {"data": MNIST.name}


def shared_settings(params: dict[str, str]) -> dict[str, str]:
    """params, plus the session's language and dataset where they are not the defaults."""
    params = dict(params)
    for param, (key, _, default) in SHARED_SETTINGS.items():
        if st.session_state.get(key, default) != default:
            params[param] = st.session_state[key]
    return params


def write_url(page: str, values: dict[str, object]) -> None:
    """Keep the address bar showing this view, so that copying it shares the view."""
    params = shared_settings({name: str(value) for name, value in values.items()})
    for param in SHARED_SETTINGS:  # the session's own settings, not a link's: see sidebar_nav
        st.session_state[f"url:{param}"] = params.get(param)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state[f"url:{page}"] = params


def one_of(options: list, kind: Callable[[str], object] = str) -> Callable[[str], object]:
    """A parser accepting only the given options (models, digits, betas, views…)."""

    def parse(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            raise ValueError("not understood") from None
        if value not in options:
            raise ValueError("not one of the choices here")
        return value

    return parse


def whole_number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"a whole number from {low} to {high} is expected")
        return int(text)

    return parse


def chart_config(stem: str, **more) -> dict:
    """Plotly's toolbar with its PNG download (at twice the size, for slides) and no logo."""
    download = {"format": "png", "scale": 2, "filename": file_name(stem)}
    return {"displaylogo": False, "toImageButtonOptions": download, **more}


def show_chart(figure, key: str) -> None:
    """A static Plotly figure, full width; its toolbar offers only the PNG download. The key
    keeps two charts that happen to hold the same figure apart."""
    config = chart_config(key, modeBarButtons=[["toImage"]])
    st.plotly_chart(figure, key=key, config=config, theme=None)


def show_grid(images: np.ndarray, columns: int, caption: str, scale: int = 3) -> None:
    st.image(tile(images, columns=columns, scale=scale), caption=caption, clamp=True,
             output_format="PNG")  # fmt: skip


def show_images(images: np.ndarray, captions: list[str], scale: int = 4) -> None:
    """Images side by side in columns, upscaled with crisp pixels, each with a caption."""
    for column, image, caption in zip(st.columns(len(images)), images, captions):
        column.image(
            tile(image[None], scale=scale), caption=caption, clamp=True, output_format="PNG"
        )
