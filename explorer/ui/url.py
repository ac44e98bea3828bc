"""Shareable links: the query parameters that set a page's widgets, and the address bar kept
showing the current view."""

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from explorer import texts
from explorer.data import DATASETS, MNIST
from explorer.ui.catalogue import latent_sizes
from explorer.ui.words import t

MAX_SEED = 2**31 - 1
# Settings every page shares: link parameter -> (session-state key, {link value: session
# value}, default).
SHARED_SETTINGS = {
    "lang": ("language", {code: code for code in texts.LANGUAGES}, "en"),
    "data": ("dataset", {name: name for name in DATASETS}, MNIST.name),
    "decode": ("decoding", {"browser": "browser", "server": "server"}, "browser"),  # the map's
    "present": ("presenting", {"on": True, "off": False}, False),  # a teacher's projector link
    "reveal": ("revealing", {"on": True, "off": False}, False),  # answers shown, unasked
}


@dataclass(frozen=True)
class UrlField:
    """A query parameter of a shareable link: the session-state key it sets, and how to read
    it (a ValueError's message says, for a person, why a value is refused)."""

    key: str
    parse: Callable[[str], object]


def read_shared_settings() -> list[str]:
    """Apply a link's language and dataset before the sidebar's widgets exist, when the address
    bar shows a new one; not again after the reader changes the widget (the bar still shows
    the old one). Returns the notes on refused values, to show once the page has its words."""
    refused = []
    for param, (key, options, default) in SHARED_SETTINGS.items():
        st.session_state.setdefault(key, default)
        shared = st.query_params.get(param)
        if shared == st.session_state.get(f"url:{param}"):
            continue
        st.session_state[f"url:{param}"] = shared
        if shared in options:
            st.session_state[key] = options[shared]
        elif shared is not None:
            refused.append((param, shared, ", ".join(options)))
            del st.query_params[param]  # the bar shows what the page shows
    reason = {
        "lang": "url.unknown_language",
        "data": "url.unknown_dataset",
        "decode": "url.unknown_decoding",
        "present": "url.unknown_presenting",
        "reveal": "url.unknown_revealing",
    }
    return [f"{p}={v[:40]} ({t(reason[p], choices=c)})" for p, v, c in refused]


LINK_ARRIVED = "url:arrived"


def apply_url(page: str, fields: dict[str, UrlField], refused: list[str] | None = None) -> None:
    """Copy a link's query parameters into the page's widgets, when the link is new to this
    session; parameters that are unknown, stale or invalid are ignored, with a note."""
    params = st.query_params.to_dict()
    ignored = list(refused or [])
    st.session_state[LINK_ARRIVED] = bool(params) and params != st.session_state.get(f"url:{page}")
    if st.session_state[LINK_ARRIVED]:
        for name, value in params.items():
            if name in SHARED_SETTINGS:  # read_shared_settings reads them
                continue
            field = fields.get(name)
            try:
                if field is None:
                    raise ValueError(t("url.unused"))
                st.session_state[field.key] = field.parse(value)
            except ValueError as error:
                ignored.append(f"{name}={value[:40]} ({error})")
        st.session_state[f"url:{page}"] = params
    if ignored:
        st.info(t("nav.ignored", ignored="; ".join(ignored)))


def link_arrived() -> bool:
    """Whether this run brought a link new to the session (apply_url): a note on one of its
    values belongs to this run, not to a later one whose address bar the page wrote itself."""
    return st.session_state.get(LINK_ARRIVED, False)


def lesson_fields() -> dict[str, UrlField]:
    """Query parameters every lesson page reads: the latent size and the seed."""
    return {
        "size": UrlField("latent_size", one_of(latent_sizes(), int)),
        "seed": UrlField("seed", whole_number(0, MAX_SEED)),
    }


def preset(params: dict[str, str]) -> dict[str, str]:
    """A lesson step's link for this session: in its language, on MNIST, whose story the
    lesson's steps tell (their points and digits are MNIST's)."""
    return shared_settings(params) | {"data": MNIST.name}


def shared_settings(params: dict[str, str]) -> dict[str, str]:
    """params, plus the session's shared settings (language, dataset, …) where they are not
    the defaults, as a link writes them."""
    params = dict(params)
    for param, (key, options, default) in SHARED_SETTINGS.items():
        value = st.session_state.get(key, default)
        if value != default:
            params[param] = next(link for link, given in options.items() if given == value)
    return params


def write_url(page: str, values: dict[str, object]) -> None:
    """Keep the address bar showing this view, so that copying it shares the view."""
    params = shared_settings({name: str(value) for name, value in values.items()})
    for param in SHARED_SETTINGS:  # the session's own settings, not a link's
        st.session_state[f"url:{param}"] = params.get(param)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state[f"url:{page}"] = params


def one_of(options: list, kind: Callable[[str], object] = str) -> Callable[[str], object]:
    """A parser accepting only the given options (models, classes, betas, views…)."""

    def parse(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            raise ValueError(t("url.not_understood")) from None
        if value not in options:
            raise ValueError(t("url.not_a_choice"))
        return value

    return parse


def whole_number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(t("url.whole_number", low=low, high=high))
        return int(text)

    return parse


def two_rows(text: str) -> list[int]:
    """Two test images' rows, as a link writes them: "123-456"."""
    rows = text.split("-")
    if len(rows) != 2:
        raise ValueError(t("url.two_rows"))
    return [whole_number(0, 9999)(row) for row in rows]
