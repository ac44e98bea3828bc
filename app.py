"""How the app is served: `streamlit run app.py`. The app is streamlit_app.py (the home page) and
pages/; this file adds two things. At server start, through Streamlit's `st.App` lifespan, it
starts a thread that imports the app's library (torch with it, about 2 s), reads the shipped
models and packs what a first Latent Map sends the browser (the test images as a PNG), while
the first browser is still loading Streamlit's page. The first page drawn after a
start then no longer waits for that (BENCHMARKS.md). And until then, every HTML page it sends has
the browser fetch and run the chart library meanwhile, rather than when the first chart arrives
(explorer/preload.py). `streamlit run streamlit_app.py` serves the same app without either."""

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from explorer.preload import PreloadCharts, chart_script_urls, head_tags

warmed = threading.Event()


def warm_up() -> None:
    try:
        from explorer.ui.pointer import warm_up as read_models  # imports torch and explorer.ui

        read_models()
    except Exception as error:  # noqa: BLE001 (the pages then read the models, and say why not)
        logging.getLogger("latent_explorer").warning("warm-up skipped: %r", error)
    finally:
        warmed.set()


@asynccontextmanager
async def lifespan(_app):
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    yield


STATIC = Path(st.__file__).parent / "static"  # Streamlit's frontend, as its server serves it
tags = head_tags(chart_script_urls(STATIC))
preload = Middleware(PreloadCharts, tags=tags, wanted=lambda: not warmed.is_set())
app = st.App("streamlit_app.py", lifespan=lifespan, middleware=[preload])
