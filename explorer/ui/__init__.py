"""Streamlit glue, one module per concern; the only package of explorer/ that imports Streamlit.

Pages import this package as `ui` and call what it gathers here:
- session: the session's language, dataset, colours and id;
- catalogue: the usable models and everything read from disk, cached per process;
- lessons: the lessons' results, cached; each wraps one function of explorer/;
- words: the texts a page shows, in the session's language (explorer/locales/);
- url: shareable links;
- navigation: the pages, the sidebar and a page's header;
- widgets: pickers, figures and pictures the pages share; canvas: the drawing area;
- map_panels, kl_panels, traversal_panels, interpolation_panels, replay_panels,
  train_panels: parts of the larger pages.
"""

import gc
import os

# One OpenMP thread for the whole server, set before torch loads its OpenMP runtime (so before
# anything below imports torch): where it was unset, a click on the map cost the server 28 ms
# of CPU instead of 16, although torch.set_num_threads(1) below made torch report one thread
# in every thread (tests/bench_pointer.py; BENCHMARKS.md). A reader who sets it keeps theirs.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import torch
from threadpoolctl import threadpool_limits

from explorer.ui.canvas import drawing_canvas_ui
from explorer.ui.catalogue import (
    autoencoder_names,
    cached_map_data,
    cached_model,
    checkpoint_files,
    classifier_name,
    code_name,
    config_of,
    is_vae,
    latent_sizes,
    metrics_of,
    model_catalogue,
    models_where,
    short_name,
    test_images,
    training_data_problem,
    vaes_by_beta,
)
from explorer.ui.interpolation_panels import (
    census_ui,
    chain_ui,
    ends_ui,
    open_links_on_their_ends,
    paths_ui,
)
from explorer.ui.kl_panels import (
    BETA_KEY,
    kl_figure,
    kl_pair_ui,
    prior_view_ui,
    reconstructions_ui,
    tradeoff_ui,
)
from explorer.ui.lessons import (
    cached_census,
    cached_cluster_means,
    cached_kl,
    cached_manifold,
    cached_path,
    cached_reconstructions,
    cached_samples,
    score_images,
)
from explorer.ui.map_panels import (
    drawing_on_map_ui,
    latent_map_ui,
    linked_maps_ui,
    manifold_ui,
    map_view,
    recon_census_ui,
)
from explorer.ui.navigation import PAGES, page_header, sidebar_nav
from explorer.ui.predictions import answer_ui, asked_ui
from explorer.ui.replay_panels import replay_pair_ui, replay_ui
from explorer.ui.session import (
    class_style,
    current_dataset,
    current_language,
    presenting,
    session_id,
)
from explorer.ui.train_panels import live_training_ui, training_form_ui, training_outcome_ui
from explorer.ui.traversal_panels import (
    compared_pair,
    grid_ui,
    kept_ui,
    sliders_ui,
    test_image_ui,
)
from explorer.ui.url import (
    UrlField,
    apply_url,
    lesson_fields,
    one_of,
    preset,
    two_rows,
    whole_number,
    write_url,
)
from explorer.ui.widgets import (
    chart_config,
    explain,
    latent_size_ui,
    model_picker_ui,
    new_click,
    pair_picker_ui,
    projection_picker_ui,
    seed_ui,
    show_chart,
    show_class_counts,
    show_grid,
    show_image_chart,
    show_images,
    show_read_images,
    show_strip,
    side_by_side,
    stop_without_models,
)
from explorer.ui.words import (
    axis_titles,
    class_column,
    class_names,
    describe_model,
    figure_words,
    file_name,
    model_labels,
    model_row,
    option_labels,
    readings,
    score_summary,
    t,
)

# Many sessions share the cores: one thread each keeps clicks fast. numpy's OpenBLAS was
# loaded with Streamlit, before the line above, at a thread a core: threadpoolctl limits it.
torch.set_num_threads(1)
threadpool_limits(1)
# What is imported by now (torch, plotly, Streamlit: some 240,000 objects) lives as long as the
# server. Frozen, Python's full garbage collections stop scanning it: one took 70 to 150 ms,
# and came during a page's first run or a click.
gc.freeze()
