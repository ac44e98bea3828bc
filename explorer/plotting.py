"""Pure Plotly builders for the pages: arrays in, go.Figure out. Sized for a classroom projector."""

import numpy as np
import plotly.express as px
import plotly.graph_objects as go

DIGIT_COLORS = px.colors.qualitative.T10  # ten distinct hues, kinder to colour-blind eyes than D3
FONT = {"size": 16}


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
    """An n x n lattice over the codes' extent, for clicks on empty space: (n*n, 2)."""
    low, high = coords.min(axis=0), coords.max(axis=0)
    pad = (high - low) * margin
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], n)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], n)
    return np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2).astype(np.float32)


def latent_map(
    coords: np.ndarray,
    labels: np.ndarray,
    axis_titles: tuple[str, str],
    grid: np.ndarray | None = None,
    marker: np.ndarray | None = None,
    ellipses: list[np.ndarray] | None = None,
    revision: str = "",
) -> go.Figure:
    """Scatter of the test codes, one WebGL trace per digit, with the row id in customdata.

    grid: near-invisible markers that make empty space clickable (customdata -1).
    marker: a star at the chosen position; ellipses: closed polylines around it.
    """
    fig = go.Figure()
    keep_look = {
        "selected": {"marker": {"opacity": 0.75}},
        "unselected": {"marker": {"opacity": 0.75}},
    }
    if grid is not None:
        fig.add_trace(
            go.Scattergl(
                x=grid[:, 0], y=grid[:, 1], mode="markers", name="empty space",
                marker={"size": 7, "color": "rgba(120, 120, 120, 0.05)"},
                customdata=np.full(len(grid), -1, dtype=np.int32), showlegend=False,
                hovertemplate="empty space (%{x:.2f}, %{y:.2f})<br>click to decode<extra></extra>",
                selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
            )
        )  # fmt: skip
    rows = np.arange(len(labels), dtype=np.int32)
    for digit in range(10):
        mask = labels == digit
        fig.add_trace(
            go.Scattergl(
                x=coords[mask, 0], y=coords[mask, 1], mode="markers", name=str(digit),
                marker={"size": 5, "color": DIGIT_COLORS[digit], "opacity": 0.75},
                customdata=rows[mask], **keep_look,
                hovertemplate=f"digit {digit}, test image #%{{customdata}}<extra></extra>",
            )
        )  # fmt: skip
    for ellipse in ellipses or []:
        fig.add_trace(
            go.Scatter(
                x=ellipse[:, 0], y=ellipse[:, 1], mode="lines", hoverinfo="skip",
                line={"color": "black", "width": 2}, showlegend=False,
            )
        )  # fmt: skip
    if marker is not None:
        fig.add_trace(
            go.Scatter(
                x=marker[:1], y=marker[1:], mode="markers", name="chosen", hoverinfo="skip",
                marker={"symbol": "star", "size": 20, "color": "gold",
                        "line": {"color": "black", "width": 2}},
            )
        )  # fmt: skip
    fig.update_layout(
        font=FONT,
        height=620,
        margin={"l": 60, "r": 10, "t": 10, "b": 60},
        legend={"title": {"text": "digit"}, "itemsizing": "constant"},
        xaxis_title=axis_titles[0],
        yaxis_title=axis_titles[1],
        clickmode="event+select",
        dragmode="pan",
        uirevision=revision,  # keeps zoom and hidden digits when the figure is redrawn
    )
    return fig


def manifold_figure(canvas: np.ndarray, xs: np.ndarray, ys: np.ndarray, axis_titles) -> go.Figure:
    """The decoded grid as one image, its axes labelled with the latent values decoded."""
    n = len(xs)
    centres = 28 * np.arange(n) + 13.5
    fig = px.imshow(canvas, color_continuous_scale="gray_r", zmin=0, zmax=1, binary_string=True)
    ticks = range(0, n, max(1, n // 5))
    fig.update_xaxes(
        title=axis_titles[0], tickvals=centres[ticks], ticktext=[f"{xs[i]:.1f}" for i in ticks]
    )
    fig.update_yaxes(
        title=axis_titles[1], tickvals=centres[ticks], ticktext=[f"{ys[i]:.1f}" for i in ticks]
    )
    fig.update_layout(font=FONT, height=520, margin={"l": 60, "r": 10, "t": 10, "b": 60})
    fig.update_traces(hoverinfo="skip", hovertemplate=None)
    return fig


def latent_bars(latent: np.ndarray, sigma: np.ndarray | None = None) -> go.Figure:
    """The latent vector as bars, with +-sigma error bars for a VAE."""
    error = {"type": "data", "array": sigma, "visible": True} if sigma is not None else None
    fig = go.Figure(go.Bar(x=np.arange(1, len(latent) + 1), y=latent, error_y=error, name="mu"))
    fig.update_layout(
        font=FONT, height=240, margin={"l": 60, "r": 10, "t": 10, "b": 50},
        xaxis_title="latent dimension", yaxis_title="value", showlegend=False,
    )  # fmt: skip
    return fig
