"""Pure Plotly builders for the pages: arrays in, go.Figure out. Sized for a classroom projector."""

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.colors
import plotly.graph_objects as go
import plotly.io as pio
from PIL import Image
from plotly.subplots import make_subplots

from explorer.texts import DIGITS, figure_words


@dataclass(frozen=True)
class ClassStyle:
    """How each digit is drawn: a colour and a marker shape."""

    colors: tuple[str, ...]
    symbols: tuple[str, ...]


# Tableau 10: ten distinct hues, kinder to colour-blind eyes than Plotly's default.
TABLEAU = ClassStyle(tuple(plotly.colors.qualitative.T10), ("circle",) * 10)
# Paul Tol's "muted" scheme, designed to stay distinct under the common colour-vision
# deficiencies, plus a marker shape per digit so that no digit depends on colour alone.
ACCESSIBLE = ClassStyle(
    ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
     "#DDCC77", "#CC6677", "#882255", "#AA4499", "#777777"),
    ("circle", "square", "diamond", "cross", "x",
     "triangle-up", "triangle-down", "star", "hexagon", "pentagon"),
)  # fmt: skip
FONT = {"size": 16}
TEMPLATE = "plotly_white"
# Words inside the figures, in English; pages pass the reader's language (explorer/texts.py).
ENGLISH = figure_words()
TEMPLATE_JSON = pio.templates[TEMPLATE].to_plotly_json()  # for figures built unvalidated


def themed(fig: go.Figure) -> go.Figure:
    """The figure with the app's template, put in unvalidated: validating plotly_white's
    settings costs about 15 ms a figure (a validated template is deep-copied), on every
    rerun of a page, where the figure without it takes 5 ms."""
    spec = fig.to_dict()
    spec["layout"]["template"] = TEMPLATE_JSON
    return go.Figure(spec, _validate=False)


def text_on(color: str) -> str:
    """Black or white, whichever reads better on a "#rrggbb" background."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "white"


def tile(
    images: np.ndarray, columns: int | None = None, gap: int = 2, scale: int = 4
) -> np.ndarray:
    """Images (N, 28, 28) -> one picture, `columns` per row, upscaled with crisp pixels."""
    n = len(images)
    columns = columns or n
    rows = -(-n // columns)
    canvas = np.ones((rows * (28 + gap) - gap, columns * (28 + gap) - gap), dtype=np.float32)
    for i, image in enumerate(images):
        r, c = divmod(i, columns)
        canvas[r * (28 + gap) : r * (28 + gap) + 28, c * (28 + gap) : c * (28 + gap) + 28] = image
    return np.kron(canvas, np.ones((scale, scale), dtype=np.float32))


def empty_space_grid(coords: np.ndarray, n: int = 70, margin: float = 0.08) -> np.ndarray:
    """Nodes of an n x n lattice over the codes' extent that no code is nearest to: (M, 2).

    They make empty space clickable; leaving out the nodes next to codes means a click on
    or near a code always picks the code.
    """
    low, high = coords.min(axis=0), coords.max(axis=0)
    pad = (high - low) * margin
    low, high = low - pad, high + pad
    step = (high - low) / (n - 1)
    occupied = np.zeros((n, n), dtype=bool)
    nearest_node = np.rint((coords - low) / step).astype(int)  # (N, 2): column, row
    occupied[nearest_node[:, 1], nearest_node[:, 0]] = True
    rows, columns = np.nonzero(~occupied)
    return (low + np.stack([columns, rows], axis=1) * step).astype(np.float32)


def latent_map(
    coords: np.ndarray,
    labels: np.ndarray,
    axis_titles: tuple[str, str],
    grid: np.ndarray | None = None,
    chosen_row: int | None = None,
    ellipses: list[np.ndarray] | None = None,
    revision: str = "",
    style: ClassStyle = TABLEAU,
    words: dict[str, str] = ENGLISH,
    names: Sequence[str] = DIGITS,
    selectable: bool = False,
) -> go.Figure:
    """Scatter of the test codes, one WebGL trace per digit, with the row id in customdata.

    selectable: a click selects the point under it, for the server to read (st.plotly_chart's
    on_select). Elsewhere a click selects nothing: a selection redraws every WebGL point
    (0.1 s and more in a browser that draws WebGL in software) and dims all but one.

    grid: near-invisible markers that make empty space clickable (customdata -1).
    chosen_row: a code drawn as selected; later clicks are drawn by plotly itself, so the
    figure, and the chart in the browser, stay the same from click to click.
    ellipses: closed polylines, such as a VAE's sigma contours.
    """
    look = {"opacity": 0.75}
    chosen_look = {"marker": {"size": 14, "color": "black", "opacity": 1}}
    rows = np.arange(len(labels), dtype=np.int32)
    traces = [
        {
            "type": "scattergl", "x": coords[labels == digit, 0], "y": coords[labels == digit, 1],
            "mode": "markers", "name": names[digit], "customdata": rows[labels == digit],
            "marker": {"size": 6, "color": style.colors[digit],
                       "symbol": style.symbols[digit], **look},
            "selected": chosen_look, "unselected": {"marker": look},
            "hovertemplate": words["hover_code"].format(digit=names[digit], row="%{customdata}")
            + "<extra></extra>",
        }
        for digit in range(10)
    ]  # fmt: skip
    if chosen_row is not None:
        digit = labels[chosen_row]
        index = int(np.searchsorted(rows[labels == digit], chosen_row))
        traces[digit]["selectedpoints"] = [index]
    if grid is not None:
        traces.append(
            {
                "type": "scattergl", "x": grid[:, 0], "y": grid[:, 1], "mode": "markers",
                "name": words["empty"], "showlegend": False,
                "customdata": np.full(len(grid), -1, dtype=np.int32),
                "marker": {"size": 7, "color": "rgba(120, 120, 120, 0.05)"},
                "selected": {"marker": {"size": 12, "color": "black", "opacity": 1}},
                "unselected": {"marker": {"opacity": 1}},
                "hovertemplate": words["hover_empty"].format(x="%{x:.2f}", y="%{y:.2f}")
                + "<extra></extra>",
            }
        )  # fmt: skip
    for ellipse in ellipses or []:
        traces.append(
            {
                "type": "scatter", "x": ellipse[:, 0], "y": ellipse[:, 1], "mode": "lines",
                "hoverinfo": "skip", "line": {"color": "black", "width": 2}, "showlegend": False,
            }
        )  # fmt: skip
    # Traces as plain dicts, unvalidated: building 10,000 points through the validating
    # constructors costs ~45 ms, on every click.
    layout = {
        "font": FONT,
        "template": TEMPLATE_JSON,
        "height": 640,
        # r: room for half the last x tick label, which some models' ranges put at the plot's
        # edge; pushed there, Plotly's automatic margin draws the points a second time.
        "margin": {"l": 70, "r": 24, "t": 40, "b": 60},
        "legend": {"title": {"text": words["digit"]}, "itemsizing": "constant"},
        "xaxis": {"title": {"text": axis_titles[0]}},
        "yaxis": {"title": {"text": axis_titles[1]}},
        "clickmode": "event+select" if selectable else "event",
        "dragmode": "pan",
        "uirevision": revision,  # keeps zoom and hidden digits when the figure is redrawn
    }
    return go.Figure(data=traces, layout=layout, _validate=False)


def empty_map(
    revision: str, style: ClassStyle = TABLEAU, words: dict[str, str] = ENGLISH,
    names: Sequence[str] = DIGITS,
) -> go.Figure:  # fmt: skip
    """latent_map's figure without its points and axis titles: one for every model and view,
    which the browser fills in (explorer/ui/components/pointer/points.js)."""
    no_points = np.zeros((0, 2), np.float32), np.zeros(0, np.int64)
    return latent_map(*no_points, ("", ""), revision=revision, style=style, words=words,
                      names=names)  # fmt: skip


# The classifier's confidence in greys: dark where it hesitates, white from 0.9 (CONFIDENT) up.
CONFIDENCE_GREYS = [[0.0, "#4d4d4d"], [0.9, "#d9d9d9"], [0.9, "#ffffff"], [1.0, "#ffffff"]]


def with_confidence(
    fig: go.Figure, xs: np.ndarray, ys: np.ndarray, confidence: np.ndarray,
    words: dict[str, str] = ENGLISH,
) -> go.Figure:  # fmt: skip
    """A 2-D map with, under its points, how sure the classifier is of the decode of each cell
    of a grid over the plane (confidence: (len(ys), len(xs))), its colour bar above the plot."""
    fig.add_trace(go.Heatmap(
        x=xs, y=ys, z=confidence, zmin=0, zmax=1, colorscale=CONFIDENCE_GREYS, hoverinfo="skip",
        name=words["confidence"], showlegend=False,
        colorbar={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                  "len": 0.45, "thickness": 12, "tickformat": ".0%",
                  "title": {"text": words["confidence"], "side": "right"}},
    ))  # fmt: skip
    fig.update_layout(margin={"t": 90})
    return fig


def with_star(fig: go.Figure, position: np.ndarray, name: str) -> go.Figure:
    """Mark one position on a map with a large star, named in the legend."""
    fig.add_trace(go.Scatter(
        x=position[:1], y=position[1:], mode="markers", name=name, hoverinfo="name",
        marker={"size": 26, "symbol": "star", "color": "gold",
                "line": {"width": 2, "color": "black"}},
    ))  # fmt: skip
    return fig


def with_ends(fig: go.Figure, ends: np.ndarray, rows: list[int], name: str) -> go.Figure:
    """Mark a path's two ends (2, 2) on a map, labelled A and B, named once in the legend; their
    test images' rows in customdata, as the map's own points have them."""
    fig.add_trace(go.Scatter(
        x=ends[:, 0].tolist(), y=ends[:, 1].tolist(), mode="markers+text", name=name,
        text=["A", "B"],
        customdata=rows,
        textposition="top center", textfont={"size": 20, "color": "black"}, hoverinfo="text",
        marker={"size": 18, "symbol": "circle-open", "color": "black", "line": {"width": 3}},
    ))  # fmt: skip
    return fig


def png_bytes(image: np.ndarray) -> bytes:
    """A grey image in [0, 1] as a PNG file (PIL encodes in ~1 ms; px.imshow took ~100)."""
    buffer = io.BytesIO()
    Image.fromarray(np.uint8(np.clip(image, 0, 1) * 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_data_uri(image: np.ndarray) -> str:
    """A grey image in [0, 1] as an inline PNG."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(image)).decode()


def manifold_figure(canvas: np.ndarray, xs: np.ndarray, ys: np.ndarray, axis_titles) -> go.Figure:
    """The decoded grid as one image, its axes labelled with the latent values decoded."""
    return go.Figure(_validate=False, **manifold_content(canvas, xs, ys, axis_titles))


def manifold_content(canvas: np.ndarray, xs: np.ndarray, ys: np.ndarray, axis_titles) -> dict:
    """manifold_figure's trace and layout, as dicts."""
    n = len(xs)
    ticks = list(range(0, n, max(1, n // 5)))
    places = [28 * i + 13.5 for i in ticks]  # the ticked tiles' centres, in the image's pixels
    image = {"type": "image", "source": png_data_uri(canvas), "hoverinfo": "skip"}
    layout = {
        "font": FONT, "template": TEMPLATE_JSON, "height": 560,
        "margin": {"l": 70, "r": 10, "t": 34, "b": 60},  # the toolbar above the image
        "xaxis": {"title": {"text": axis_titles[0]}, "constrain": "domain", "tickvals": places,
                  "ticktext": [f"{xs[i]:.1f}" for i in ticks]},
        "yaxis": {"title": {"text": axis_titles[1]}, "constrain": "domain", "scaleanchor": "x",
                  "autorange": "reversed", "tickvals": places,
                  "ticktext": [f"{ys[i]:.1f}" for i in ticks]},
    }  # fmt: skip
    return {"data": [image], "layout": layout}


def manifold_frame(n: int) -> go.Figure:
    """The manifold's figure for the browser to put a model's grid in (ui/pointer.py's
    chart_content_ui), the same for every model: a black image of n x n tiles, its axes'
    ticks placed, unlabelled."""
    content = manifold_content(np.zeros((28 * n, 28 * n)), np.zeros(n), np.zeros(n), ("", ""))
    for axis in ("xaxis", "yaxis"):
        content["layout"][axis]["ticktext"] = [""] * len(content["layout"][axis]["tickvals"])
    return go.Figure(_validate=False, **content)


def manifold_update(content: dict) -> tuple[dict, dict]:
    """What turns manifold_frame's figure into a model's manifold_content, as Plotly.update
    takes it: (the image trace's update, the layout's: tick labels and axis titles)."""
    x_axis, y_axis = content["layout"]["xaxis"], content["layout"]["yaxis"]
    labels = {"xaxis.ticktext": x_axis["ticktext"], "yaxis.ticktext": y_axis["ticktext"],
              "xaxis.title.text": x_axis["title"]["text"],
              "yaxis.title.text": y_axis["title"]["text"]}  # fmt: skip
    return {"source": [content["data"][0]["source"]]}, labels


def posterior_figure(
    mu: np.ndarray,
    ellipses: list[np.ndarray],
    samples: np.ndarray,
    neighbours: np.ndarray,
    neighbour_labels: np.ndarray,
    axis_titles: tuple[str, str],
    style: ClassStyle = TABLEAU,
    words: dict[str, str] = ENGLISH,
    names: Sequence[str] = DIGITS,
) -> go.Figure:
    """A close-up of one VAE code: mu, its 1- and 2-sigma ellipses, numbered draws of
    z = mu + sigma * eps, and the nearby test codes coloured by digit (all in 2-D)."""
    fig = go.Figure()
    for digit in np.unique(neighbour_labels):
        near = neighbours[neighbour_labels == digit]
        fig.add_trace(go.Scatter(
            x=near[:, 0], y=near[:, 1], mode="markers", hoverinfo="skip",
            name=words["test_digits"].format(digit=names[digit]),
            marker={"size": 6, "color": style.colors[digit], "symbol": style.symbols[digit],
                    "opacity": 0.5},
        ))  # fmt: skip
    for ellipse, sigmas in zip(ellipses, (1, 2)):
        fig.add_trace(go.Scatter(
            x=ellipse[:, 0], y=ellipse[:, 1], mode="lines", name=words["sigma"].format(k=sigmas),
            line={"color": "black", "width": 2, "dash": "solid" if sigmas == 1 else "dot"},
        ))  # fmt: skip
    fig.add_trace(go.Scatter(
        x=samples[:, 0], y=samples[:, 1], mode="markers+text", name=words["draws"],
        text=[str(i) for i in range(1, len(samples) + 1)], textposition="top center",
        marker={"size": 9, "color": "crimson", "symbol": "x"},
    ))  # fmt: skip
    fig.add_trace(go.Scatter(
        x=mu[:1], y=mu[1:], mode="markers", name=words["mu"],
        marker={"size": 14, "color": "black", "symbol": "circle"},
    ))  # fmt: skip
    fig.update_layout(
        font=FONT, height=480, margin={"l": 70, "r": 10, "t": 10, "b": 60},
        xaxis_title=axis_titles[0], yaxis_title=axis_titles[1], yaxis={"scaleanchor": "x"},
        # Below the plot, so that in a narrow column the plot keeps the width.
        legend={"itemsizing": "constant", "orientation": "h", "y": -0.25},
    )  # fmt: skip
    return themed(fig)


def latent_bars(
    latent: np.ndarray, sigma: np.ndarray | None = None, words: dict[str, str] = ENGLISH
) -> go.Figure:
    """The latent vector as bars, with +-sigma error bars for a VAE."""
    error = {"type": "data", "array": sigma, "visible": True} if sigma is not None else None
    fig = go.Figure(go.Bar(x=np.arange(1, len(latent) + 1), y=latent, error_y=error, name="mu"))
    fig.update_layout(
        font=FONT, height=260, margin={"l": 70, "r": 10, "t": 10, "b": 60},
        xaxis_title=words["latent_dimension"], yaxis_title=words["value"], showlegend=False,
    )  # fmt: skip
    return themed(fig)


def bars_update(latent: np.ndarray, sigma: np.ndarray | None = None) -> dict:
    """What turns latent_bars' figure of zeros (with error bars) into the bars of a code, as
    Plotly.update takes it for the one trace; no sigma (an AE) hides the error bars."""
    spread = np.zeros_like(latent) if sigma is None else sigma
    return {"y": [latent.tolist()], "error_y.array": [spread.tolist()],
            "error_y.visible": [sigma is not None]}  # fmt: skip


def class_counts(
    counts: np.ndarray,
    title: str,
    style: ClassStyle = TABLEAU,
    words: dict[str, str] = ENGLISH,
    names: Sequence[str] = DIGITS,
) -> go.Figure:
    """How many images the classifier read as each digit: does a grid cover all ten? Classes
    with names longer than a digit's (Fashion-MNIST's) go down the side, as horizontal bars:
    written under vertical ones they took most of the figure's height."""
    counts = np.asarray(counts).tolist()
    layout = {
        "font": FONT, "template": TEMPLATE_JSON, "height": 240, "showlegend": False,
        "margin": {"l": 70, "r": 10, "t": 40, "b": 60},
        "title": {"text": title, "font": {"size": 16}},
        "xaxis": {"title": {"text": words["digit_reads"]}},
        "yaxis": {"title": {"text": words["images"]}},
    }  # fmt: skip
    bars = {"type": "bar", "x": list(names), "y": counts, "marker": {"color": list(style.colors)},
            "name": words["images"]}  # fmt: skip
    if max(len(name) for name in names) > 2:
        bars |= {"x": counts, "y": list(names), "orientation": "h"}
        layout |= {
            "height": 360, "margin": {"l": 10, "r": 10, "t": 40, "b": 60},
            "xaxis": {"title": {"text": words["images"]}},
            "yaxis": {"autorange": "reversed", "automargin": True},  # the first class on top
        }  # fmt: skip
    return go.Figure(data=[bars], layout=layout, _validate=False)  # as latent_map: ~15 ms less


def with_prior_circles(
    fig: go.Figure, center: np.ndarray | None = None, words: dict[str, str] = ENGLISH
) -> go.Figure:
    """Draw N(0, I)'s 1- and 2-sigma circles (on a 2-D view through the origin) onto a map,
    named in a legend of their own under the digits' (legend2): in one legend their long names
    set the width of every entry, and on a phone, where the legend goes in rows under the plot
    (points.js), the ten digits then took a row each."""
    angle = np.linspace(0, 2 * np.pi, 91)
    center = np.zeros(2) if center is None else center
    for radius, dash in ((1, "solid"), (2, "dash")):
        # WebGL, as the codes are: Plotly draws its WebGL layer over SVG lines, which would
        # hide the circles under the dots.
        fig.add_trace(go.Scattergl(
            x=center[0] + radius * np.cos(angle), y=center[1] + radius * np.sin(angle),
            mode="lines", name=words["prior_circle"].format(k=radius), hoverinfo="skip",
            line={"color": "black", "width": 3, "dash": dash}, legend="legend2",
        ))  # fmt: skip
    fig.update_layout(
        legend2={"x": 1.02, "xanchor": "left", "y": 0, "yanchor": "bottom"},
        yaxis={"scaleanchor": "x"},  # one unit as long on both axes: the circles stay round
    )  # fmt: skip
    return fig


def kl_bars(kl: np.ndarray, active: np.ndarray, words: dict[str, str] = ENGLISH) -> go.Figure:
    """KL per latent dimension (nats per image), active dimensions in colour."""
    fig = go.Figure()
    dims = np.arange(1, len(kl) + 1)
    for is_active, name, color in ((True, "active", "#4C78A8"), (False, "inactive", "#BBBBBB")):
        name = words[name]
        chosen = active == is_active
        fig.add_trace(go.Bar(x=dims[chosen], y=kl[chosen], name=name, marker_color=color))
    fig.update_layout(
        font=FONT, height=300, margin={"l": 70, "r": 10, "t": 10, "b": 60},
        xaxis_title=words["latent_dimension"], yaxis_title=words["kl_nats"],
        xaxis={"dtick": 1}, legend={"title": {"text": words["dimension"]}},
    )  # fmt: skip
    return themed(fig)


def beta_tradeoff(
    betas: list[float],
    recon: list[float],
    kl: list[float],
    active: list[int],
    recognised: list[float],
    latent_dim: int,
    words: dict[str, str] = ENGLISH,
) -> tuple[go.Figure, go.Figure, go.Figure]:
    """Three figures against beta, to stand side by side (or one above the other on a phone,
    where three panels in one figure left no room for their titles): reconstruction and KL
    (nats); the active dimensions, of latent_dim; the share of prior samples the classifier
    recognises."""
    x = [f"{b:g}" for b in betas]
    losses = go.Figure(
        [go.Scatter(x=x, y=recon, name=words["recon"], mode="lines+markers"),
         go.Scatter(x=x, y=kl, name=words["kl"], mode="lines+markers")]
    )  # fmt: skip
    losses.update_yaxes(title_text=words["nats"], rangemode="tozero")
    dims = go.Figure(
        go.Bar(x=x, y=active, name=words["active_dims"], marker_color="#7f7f7f", text=active,
               textposition="outside", showlegend=True)
    )  # fmt: skip
    dims.update_yaxes(title_text=words["active_dims"], range=[0, latent_dim * 1.15])
    samples = go.Figure(
        go.Scatter(x=x, y=[100 * r for r in recognised], name=words["prior_recognised"],
                   mode="lines+markers", line={"color": "black"}, showlegend=True)
    )  # fmt: skip
    samples.update_yaxes(title_text=words["recognised"], range=[0, 100])
    beta = words["beta"].replace(" (", "<br>(", 1)  # on two lines: a third of a page is narrow
    for fig in (losses, dims, samples):
        fig.update_layout(
            font=FONT, height=400, margin={"l": 70, "r": 10, "t": 10, "b": 90},
            legend={"orientation": "h", "y": -0.42},
        )  # fmt: skip
        fig.update_xaxes(title_text=beta, type="category")
    return themed(losses), themed(dims), themed(samples)


def path_figure(
    coords: np.ndarray,
    labels: np.ndarray,
    means: np.ndarray,
    axis_titles: tuple[str, str],
    style: ClassStyle = TABLEAU,
    words: dict[str, str] = ENGLISH,
) -> go.Figure:
    """The ground of the lesson's "2-D decomposition": the test codes (coords, labels; faint)
    and each digit's mean (10, 2) in one 2-D view, for with_path to draw a path on, so one
    sees which digits lie between its two ends."""
    traces = [
        {
            "type": "scattergl", "x": coords[labels == d, 0], "y": coords[labels == d, 1],
            "mode": "markers", "name": words["test_codes"], "legendgroup": "codes",
            "showlegend": d == 0, "hoverinfo": "skip",
            "marker": {"size": 4, "color": style.colors[d], "symbol": style.symbols[d],
                       "opacity": 0.25},
        }
        for d in range(10)
    ]  # fmt: skip
    traces.append(
        {
            "type": "scatter", "x": means[:, 0], "y": means[:, 1], "mode": "markers+text",
            "name": words["digit_means"], "text": [str(d) for d in range(10)],
            "textfont": {"size": 15, "color": [text_on(c) for c in style.colors]},
            "hovertemplate": words["mean_of"].format(digit="%{text}"),
            "marker": {"size": 24, "color": style.colors, "symbol": "circle",
                       "line": {"width": 2, "color": "black"}},
        }
    )  # fmt: skip
    layout = {
        "font": FONT, "template": TEMPLATE_JSON, "height": 620,
        "margin": {"l": 70, "r": 10, "t": 10, "b": 130},
        "xaxis": {"title": {"text": axis_titles[0]}},
        "yaxis": {"title": {"text": axis_titles[1]}},
        "legend": {"itemsizing": "constant", "orientation": "h", "y": -0.2},
    }  # fmt: skip
    return go.Figure(data=traces, layout=layout, _validate=False)


def with_path(
    figure: go.Figure,
    path: np.ndarray | None,
    path_digits: np.ndarray | None,
    current: int | None,
    style: ClassStyle = TABLEAU,
    words: dict[str, str] = ENGLISH,
) -> go.Figure:
    """A path_figure with a straight path (steps, 2) on it, each step coloured and labelled
    by the classifier's reading; current: the step the alpha slider points at, starred.
    path None: a browser draws the path itself, and the trace only keeps the legend's entry
    (the figure then stays the same from path to path, and is not sent again)."""
    digits = [] if path_digits is None else [int(d) for d in path_digits]
    figure.add_trace(
        {
            "type": "scatter", "x": [None] if path is None else path[:, 0],
            "y": [None] if path is None else path[:, 1], "mode": "lines+markers+text",
            "name": words["path"], "text": [str(d) for d in digits],
            "textposition": "top center", "textfont": {"size": 16},
            "line": {"color": "black", "width": 3},
            "marker": {"size": 12, "color": [style.colors[d] for d in digits] or "white",
                       "line": {"width": 1, "color": "black"}},
        }
    )  # fmt: skip
    if current is not None and path is not None:
        figure.add_trace(
            {
                "type": "scatter", "x": path[current : current + 1, 0],
                "y": path[current : current + 1, 1], "mode": "markers", "name": words["alpha"],
                "marker": {"size": 24, "symbol": "star", "color": "gold",
                           "line": {"width": 2, "color": "black"}},
            }
        )  # fmt: skip
    return figure


def training_curves(epochs: list[dict], total: int, words: dict[str, str] = ENGLISH) -> go.Figure:
    """Loss terms per epoch (training-set averages, nats per image), as training goes."""
    x = [e["epoch"] for e in epochs]
    fig = go.Figure([
        go.Scatter(x=x, y=[e[term] for e in epochs], name=words[term], mode="lines+markers")
        for term in ("loss", "recon", "kl")
        if term in epochs[0]
    ])  # fmt: skip
    fig.update_layout(
        font=FONT, height=360, margin={"l": 70, "r": 10, "t": 10, "b": 60},
        xaxis={"title": {"text": words["epoch"]}, "range": [0.5, total + 0.5],  # whole epochs:
               "tick0": 1, "dtick": max(1, round(total / 6))},  # no "0.5" at the "0" corner
        yaxis={"title": {"text": words["nats"]}, "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.25},
    )  # fmt: skip
    return themed(fig)


def replay_figure(
    titles: Sequence[str],
    codes: Sequence[np.ndarray],
    labels: np.ndarray,
    moments: Sequence[str],
    notes: Sequence[Sequence[str]],
    style: ClassStyle = TABLEAU,
    words: dict[str, str] = ENGLISH,
    names: Sequence[str] = DIGITS,
) -> go.Figure:
    """The same test images' codes at moments of training, one panel per model, animated in
    the browser by a slider over the moments and a play button (Plotly frames: no server work).

    codes[k]: (S, N, 2), panel k's codes at each of the S moments; notes[k][s]: panel k's
    numbers at moment s, shown under its title (lines apart with <br>, so that a phone's
    narrow panels hold them). Each frame zooms to that moment's codes, as the untrained codes
    sit in a tiny blob. The legend lies under the slider, where a phone has room for it."""
    panels, shown = len(titles), len(moments)
    fig = make_subplots(rows=1, cols=panels, horizontal_spacing=0.12)

    def scatter(k: int, s: int) -> list[go.Scatter]:
        return [
            go.Scatter(
                x=codes[k][s, labels == d, 0], y=codes[k][s, labels == d, 1], mode="markers",
                name=names[d], legendgroup=str(d), showlegend=k == 0, hoverinfo="skip",
                marker={"size": 6, "color": style.colors[d], "symbol": style.symbols[d],
                        "opacity": 0.8},
            )
            for d in range(10)
        ]  # fmt: skip

    def layout_at(s: int) -> dict:
        axes = {}
        for k in range(panels):
            low, high = np.percentile(codes[k][s], [0.5, 99.5], axis=0)
            pad = 0.08 * (high - low) + 1e-6
            suffix = "" if k == 0 else str(k + 1)
            axes[f"xaxis{suffix}"] = {"range": [low[0] - pad[0], high[0] + pad[0]]}
            axes[f"yaxis{suffix}"] = {"range": [low[1] - pad[1], high[1] + pad[1]]}
        heads = [
            {"text": f"<b>{titles[k]}</b><br>{notes[k][s]}",
             "xref": f"x{k + 1 if k else ''} domain",
             "yref": "paper", "x": 0.5, "y": 1.0, "yanchor": "bottom", "showarrow": False,
             "font": {"size": 15}}
            for k in range(panels)
        ]  # fmt: skip
        return {**axes, "annotations": heads}

    for k in range(panels):
        for trace in scatter(k, shown - 1):
            fig.add_trace(trace, 1, k + 1)
    fig.frames = [
        go.Frame(
            name=str(s), layout=layout_at(s),
            data=[trace for k in range(panels) for trace in scatter(k, s)],
            traces=list(range(10 * panels)),
        )
        for s in range(shown)
    ]  # fmt: skip
    still = {"frame": {"duration": 0, "redraw": True}, "mode": "immediate",
             "transition": {"duration": 0}}  # fmt: skip
    fig.update_layout(
        font=FONT, height=800, margin={"l": 60, "r": 10, "t": 130, "b": 300},
        legend={"title": {"text": words["digit"]}, "itemsizing": "constant", "orientation": "h",
                "x": 0, "y": -0.6, "yanchor": "top"},
        **layout_at(shown - 1),
        sliders=[{
            "active": shown - 1, "y": -0.14, "yanchor": "top", "len": 1, "x": 0,
            "currentvalue": {"prefix": words["moment"] + ": ", "font": {"size": 16}},
            "steps": [{"method": "animate", "label": moments[s], "args": [[str(s)], still]}
                      for s in range(shown)],
        }],
        updatemenus=[{
            "type": "buttons", "x": 0.0, "y": -0.46, "xanchor": "left", "yanchor": "top",
            "direction": "left", "showactive": False,
            "buttons": [
                {"label": words["play"], "method": "animate",
                 "args": [None, {**still, "frame": {"duration": 700, "redraw": True},
                                 "fromcurrent": True}]},
                {"label": words["pause"], "method": "animate", "args": [[None], still]},
            ],
        }],
    )  # fmt: skip
    for k in range(panels):
        # on two lines: two panels' titles side by side fit a phone's width
        fig.update_xaxes(title_text=words["latent_dimension"].replace(" ", "<br>", 1) + " 1",
                         row=1, col=k + 1)  # fmt: skip
    # one y title, at the left: the next panel's would sit in the gap, over this one's codes on
    # a phone
    fig.update_yaxes(title_text=words["latent_dimension"] + " 2", row=1, col=1)
    return themed(fig)


def separation_figure(
    titles: Sequence[str], moments: Sequence[str], accuracies: Sequence[np.ndarray],
    words: dict[str, str] = ENGLISH,
) -> go.Figure:  # fmt: skip
    """How separated the classes are at each moment of training (5-NN accuracy), per model."""
    fig = go.Figure([
        go.Scatter(x=list(moments), y=100 * np.asarray(a), name=title, mode="lines+markers")
        for title, a in zip(titles, accuracies)
    ])  # fmt: skip
    fig.update_layout(
        font=FONT, height=360, margin={"l": 70, "r": 10, "t": 40, "b": 60},
        xaxis={"title": {"text": words["moment"]}, "type": "category"},
        yaxis={"title": {"text": words["separation"]}, "range": [0, 100]},
        # Above the plot: under it, the x axis's labels, turned upright on a phone, reach it.
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )  # fmt: skip
    return themed(fig)


def traversal_figure(
    images: np.ndarray, row_labels: Sequence[str], sigmas: np.ndarray, readings: np.ndarray,
    changed: np.ndarray, words: dict[str, str] = ENGLISH,
) -> go.Figure:  # fmt: skip
    """A traversal grid: images (rows, columns, 28, 28), one row per latent dimension, its
    label in a band above it (not beside it: on a phone the tiles then get the whole width),
    and one column per value in sigmas of it; under each tile (its lower right) the
    classifier's reading, bold where it differs from the start's (changed: (rows, columns)
    bool)."""
    rows, columns = images.shape[:2]
    band, gap = 16, 6  # a label's band above each row; the gap between columns
    strips = [tile(row, columns=columns, gap=gap, scale=1) for row in images]
    width = strips[0].shape[1]
    canvas = np.vstack([np.vstack([np.ones((band, width), np.float32), s]) for s in strips])
    x_step, y_step = 28 + gap, band + 28
    notes = [
        {"x": c * x_step + 27, "y": r * y_step + band + 27, "xanchor": "right",
         "yanchor": "bottom", "showarrow": False,
         "text": f"<b>{readings[r, c]}</b>" if changed[r, c] else str(readings[r, c]),
         "font": {"size": 13, "color": "#ee7733" if changed[r, c] else "white"},
         "bgcolor": "rgba(0, 0, 0, 0.6)", "borderpad": 1}  # legible on a white shirt too
        for r in range(rows) for c in range(columns)
    ] + [
        {"x": -0.5, "y": r * y_step + band - 1, "xanchor": "left", "yanchor": "bottom",
         "text": label, "showarrow": False, "font": {"size": 14}}
        for r, label in enumerate(row_labels)
    ]  # fmt: skip
    layout = {
        "font": FONT, "template": TEMPLATE_JSON, "height": 120 + 100 * rows,
        "margin": {"l": 10, "r": 10, "t": 34, "b": 60}, "annotations": notes,  # toolbar above
        "xaxis": {"title": {"text": words["sigmas"]}, "constrain": "domain",
                  "tickvals": [c * x_step + 13.5 for c in range(columns)],
                  "ticktext": [f"{s:+g}" for s in sigmas], "showgrid": False},
        "yaxis": {"constrain": "domain", "scaleanchor": "x", "autorange": "reversed",
                  "showticklabels": False, "showgrid": False},
    }  # fmt: skip
    image = {"type": "image", "source": png_data_uri(canvas), "hoverinfo": "skip"}
    return go.Figure(data=[image], layout=layout, _validate=False)
