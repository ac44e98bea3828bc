"""Every explanatory sentence the pages show, read from one TOML file per language.

Pages ask for a text by key (`ui.t("map.intro")`); values in braces are filled in by the
page (`ui.t("gen.share", share=0.9)`). explorer/locales/<language>.toml holds [meta] (the
language's own name), [texts], and a table per dataset whose wording differs from MNIST's
([fashion-mnist]); adding a language is adding a file. The lesson comes from a Korean blog
post, hence Korean.
"""

import re
import string
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

LOCALES = Path(__file__).parent / "locales"
DIGITS = tuple(str(digit) for digit in range(10))  # MNIST's class names


@cache
def locale(language: str) -> dict[str, dict[str, str]]:
    """One locale file as written: {"meta": {"name": ...}, "texts": {...}, dataset: {...}}."""
    with open(LOCALES / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


# English first (every other language falls back to it), then the others by file name.
LANGUAGES = {
    code: locale(code)["meta"]["name"]
    for code in sorted((path.stem for path in LOCALES.glob("*.toml")), key=lambda c: (c != "en", c))
}


@cache
def table(language: str, dataset: str = "mnist") -> Mapping[str, str]:
    """Every text in language, {placeholders} left as they are. A text the language lacks is
    English's; within a language, the dataset's own wording wins where it has one."""
    english, own = locale("en"), locale(language)
    texts = english["texts"] | english.get(dataset, {}) | own["texts"] | own.get(dataset, {})
    return MappingProxyType(texts)


def template(key: str, language: str, dataset: str = "mnist") -> str:
    """The text for key in language ("en" or "ko"), {placeholders} left as they are: the
    dataset's own wording where it has one."""
    return table(language, dataset)[key]


ARTICLE = re.compile(r"\{(\w+):a\}")  # "{digit:a}": the value after "a" or "an"


def with_article(word: str) -> str:
    """English's article before a class name or digit: "an 8", "an Ankle boot", "a 7" (no
    class starts with a "u", which may sound as in "a unit")."""
    return f"{'an' if word[:1].lower() in 'aeio8' else 'a'} {word}"


def translate(key: str, language: str, dataset: str = "mnist", **values: object) -> str:
    """The text for key in language, with its {placeholders} filled in ({name:a}: with its
    English article)."""
    text = ARTICLE.sub(lambda m: with_article(str(values[m[1]])), template(key, language, dataset))
    return text.format(**values)


def texts_under(prefix: str, language: str, dataset: str = "mnist") -> dict[str, str]:
    """The texts whose keys start with `prefix`, keyed without it."""
    texts = table(language, dataset)
    return {key.removeprefix(prefix): text for key, text in texts.items() if key.startswith(prefix)}


def figure_words(language: str = "en", dataset: str = "mnist") -> dict[str, str]:
    """The words inside figures (legends, axes, hover labels): the fig. texts, unprefixed."""
    return texts_under("fig.", language, dataset)


def toolbar_words(language: str) -> dict[str, str]:
    """Plotly's own words (its toolbar's tooltips, its notices), Plotly's English -> language's:
    the toolbar. texts, unprefixed."""
    return texts_under("toolbar.", language)


def class_names(dataset: str, language: str) -> list[str]:
    """The ten classes' names: the digits themselves for MNIST."""
    if "class.0" not in locale("en").get(dataset, {}):
        return list(DIGITS)
    return [template(f"class.{i}", language, dataset) for i in range(10)]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
