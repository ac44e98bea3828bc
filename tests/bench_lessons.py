"""Lesson pages benchmark: server work per rerun after a widget change; prints figures, no asserts.

    python -m tests.bench_lessons [--repeats 5]

Each page runs in Streamlit's AppTest, in this process with one torch thread, as the server
runs it. A rerun's time is the script's whole run (decoding, classifying, building figures
and elements) with the process caches warm from the page's first load. Seeds and digits are
new on every repeat, so nothing they change is cached; models and sizes cycle through their
few options, so their first rerun is the uncached one (see "max").
"""

import argparse
import statistics
import time

import torch
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

torch.set_num_threads(1)
HOME = str(REPO / "streamlit_app.py")


def seed(i):
    return lambda at: at.sidebar.number_input(key="seed").set_value(100 + i)


ACTIONS = {
    "pages/4_AE_vs_VAE.py": {
        "seed": seed,
        "VAE model": lambda i: (
            lambda at: at.sidebar.selectbox[1].set_value(at.sidebar.selectbox[1].options[i % 4])
        ),
        "latent size": lambda i: (
            lambda at: at.sidebar.radio(key="latent_size").set_value((2, 20)[i % 2])
        ),
    },
    "pages/5_KL_On_Off.py": {
        "seed": seed,
        "beta slider": lambda i: (
            lambda at: at.sidebar.select_slider[0].set_value((0.5, 1.0, 4.0)[i % 3])
        ),
    },
    "pages/7_Interpolation.py": {
        "alpha": lambda i: (
            lambda at: at.select_slider[0].set_value(at.select_slider[0].options[i % 5])
        ),
        "steps": lambda i: lambda at: at.sidebar.slider[0].set_value(6 + i),
        "to digit": lambda i: lambda at: at.selectbox[1].set_value((3, 6, 7, 8, 9, 0, 1, 4)[i % 8]),
        "seed": seed,
    },
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"torch threads: {torch.get_num_threads()}; {args.repeats} reruns per widget")
    for page, actions in ACTIONS.items():
        at = AppTest.from_file(HOME, default_timeout=120).run()
        started = time.perf_counter()
        at.switch_page(page).run()
        print(f"\n{page}: first load {1000 * (time.perf_counter() - started):.0f} ms")
        for name, action in actions.items():
            times = []
            for i in range(args.repeats):
                action(i)(at)
                started = time.perf_counter()
                at.run()
                times.append(1000 * (time.perf_counter() - started))
                assert not at.exception, at.exception
            print(
                f"  {name:<12} rerun: median {statistics.median(times):4.0f} ms, "
                f"max {max(times):4.0f} ms"
            )
            if name == "latent size":
                at.sidebar.radio(key="latent_size").set_value(2).run()


if __name__ == "__main__":
    main()
