"""The words a page shows, in the session's language and for its dataset (explorer/locales/)."""

import html
import re
from collections.abc import Callable

from explorer import texts
from explorer.data import MNIST
from explorer.plotting import ENGLISH
from explorer.scoring import CONFIDENT, Score
from explorer.ui.catalogue import config_of, short_name
from explorer.ui.session import current_dataset, current_language


def t(key: str, **values: object) -> str:
    """A page's text in the session's language, for its dataset."""
    return texts.translate(key, current_language(), current_dataset(), **values)


def template(key: str) -> str:
    """A text with its {placeholders} unfilled, for the browser to fill."""
    return texts.template(key, current_language(), current_dataset())


def figure_words() -> dict[str, str]:
    """The words inside figures (legends, axes, hover labels) in the session's language."""
    language, dataset = current_language(), current_dataset()
    return {key: texts.template(f"fig.{key}", language, dataset) for key in ENGLISH}


def plotly_words() -> dict:
    """Plotly's config for its own words (its toolbar's tooltips, its notices) in the session's
    language, as a dictionary of its locale (Plotly's `config.locales`); English is Plotly's."""
    language = current_language()
    if language == "en":
        return {}
    dictionary = texts.toolbar_words(language)
    return {"locale": language, "locales": {language: {"dictionary": dictionary}}}


def class_names(dataset: str | None = None) -> list[str]:
    """The ten classes' names in the session's language, of the sidebar's dataset unless
    another is given: "0".."9" for MNIST."""
    return texts.class_names(dataset or current_dataset(), current_language())


def class_column() -> str:
    """What a test image's class is called in exported tables: "digit", or "class"."""
    return "digit" if current_dataset() == MNIST.name else "class"


def file_name(text: str) -> str:
    """A download's file name: Fashion-MNIST's model names hold a "/"."""
    return text.replace("/", "-")


def option_labels(prefix: str) -> Callable[[object], str]:
    """A widget's format_func: option -> the text at "prefix.option". The language is bound
    now, as Streamlit may call the function outside the script run."""
    language, dataset = current_language(), current_dataset()
    return lambda option: texts.translate(f"{prefix}.{option}", language, dataset)


def model_labels() -> Callable[[str], str]:
    """format_func for the sidebar's model pickers: name -> a short description ("ae-20d
    (20-D AE)"), in the language of now; short, so that the sidebar's box shows it whole."""
    language = current_language()

    def label(name: str) -> str:
        config = config_of(name)
        kind = "VAE" if config["kind"] == "vae" else "AE"
        beta = f", β {config['beta']:g}" if config["kind"] == "vae" else ""
        return texts.translate(
            "models.short", language, name=short_name(name), kind=kind,
            dims=config["latent_dim"], beta=beta,
        )  # fmt: skip

    return label


def describe_model(name: str, language: str | None = None) -> str:
    """ "vae-2d (VAE, 2-D code, beta 1)", in the session's language unless another is given."""
    language = language or current_language()
    config = config_of(name)
    kind = texts.translate(f"models.{config['kind']}", language)
    beta = f", beta {config['beta']:g}" if config["kind"] == "vae" else ""
    return texts.translate(
        "models.describe", language, name=short_name(name), kind=kind,
        dims=config["latent_dim"], beta=beta,
    )  # fmt: skip


def axis_titles(projection: str, code: str = "z") -> tuple[str, str]:
    """Axis titles of a 2-D view of a latent space whose codes are called `code`."""
    return t(f"axes.{projection}", z=code, i=1), t(f"axes.{projection}", z=code, i=2)


def score_summary(graded: Score) -> str:
    return t(
        "score.summary", recognised=graded.recognised, threshold=CONFIDENT,
        confidence=graded.mean_confidence, covered=graded.classes_covered,
    )  # fmt: skip


def inline_html(text: str) -> str:
    """A text's Markdown emphasis (**strong**, *em*) as HTML, the rest escaped but for the
    line breaks (<br>, the only tag the texts use): for a text that a component draws rather
    than Streamlit."""
    text = html.escape(text, quote=False).replace("&lt;br&gt;", "<br>")
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def readings(graded: Score) -> list[tuple[str, float]]:
    """(class name, confidence) per graded image."""
    names = class_names()
    return [(names[c], p) for c, p in zip(graded.classes.tolist(), graded.confidences.tolist())]


def model_row(config: dict, metrics: dict, name: str) -> dict[str, str]:
    """A model's row in the home page's table, headed and worded in the session's language;
    figures as text, so that a cell a model lacks is blank rather than "None"."""
    if config["kind"] == "classifier":
        kind, figures = "classifier", {"accuracy": metrics["accuracy"]}
    else:
        kind = config["kind"]
        figures = {"loss": metrics.get("loss"), "bce": metrics["recon_bce"],
                   "mse": metrics["recon_mse"]}  # fmt: skip
    row = {"model": name, "kind": t(f"home.kind.{kind}")}
    row["latent"] = str(config["latent_dim"]) if kind != "classifier" else ""
    row["beta"] = f"{config['beta']:g}" if kind == "vae" else ""
    for column in ("loss", "bce", "mse", "accuracy"):
        value = figures.get(column)
        row[column] = "" if value is None else f"{value:.4f}"
    return {t(f"home.col.{column}"): value for column, value in row.items()}
