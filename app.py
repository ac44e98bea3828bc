"""How the app is served: `streamlit run app.py`. The app is streamlit_app.py (the home page) and
pages/; this file adds one thing at server start, through Streamlit's `st.App` lifespan: a
thread that imports the app's library (torch with it, about 2 s) and reads the shipped models,
while the first browser is still loading Streamlit's page. The first page drawn after a start
then no longer waits for that (BENCHMARKS.md). `streamlit run streamlit_app.py` serves the same
app without it."""

import logging
import threading
from contextlib import asynccontextmanager

import streamlit as st


def warm_up() -> None:
    try:
        from explorer.ui.catalogue import warm_up as read_models  # imports torch and explorer.ui

        read_models()
    except Exception as error:  # noqa: BLE001 (the pages then read the models, and say why not)
        logging.getLogger("latent_explorer").warning("warm-up skipped: %r", error)


@asynccontextmanager
async def lifespan(_app):
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    yield


app = st.App("streamlit_app.py", lifespan=lifespan)
