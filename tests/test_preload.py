"""What app.py adds to every HTML page (explorer/preload.py): the chart library's preload link
and preload.js, put into each page as Streamlit sends it, and into nothing else."""

import asyncio
import gzip
from pathlib import Path

import pytest
import streamlit

from explorer.preload import SCRIPT, PreloadCharts, chart_script_urls, head_tags, with_tags

PAGE = b"<html><head><title>t</title></head><body>hi</body></html>"
TAGS = b"<x-tag>"


def test_the_urls_name_each_chart_chunk_relative_to_the_page(tmp_path):
    (tmp_path / "static" / "js").mkdir(parents=True)
    for name in ("PlotlyChart.def.js", "PlotlyChart.abc.js", "Other.x.js"):
        (tmp_path / "static" / "js" / name).write_text("export default 1")
    assert chart_script_urls(tmp_path) == [
        "./static/js/PlotlyChart.abc.js",
        "./static/js/PlotlyChart.def.js",
    ]
    assert chart_script_urls(tmp_path / "nothing") == []


def test_the_installed_streamlit_has_the_one_chunk_the_link_names():
    """A Streamlit release that renames its plotly.js chunk fails here, not silently."""
    static = Path(streamlit.__file__).parent / "static"
    (url,) = chart_script_urls(static)
    assert (static / url).is_file()


def test_the_head_tags_link_each_url_for_preload_js_and_carry_it():
    tags = head_tags(["./a.js", "./b.js"]).decode()
    links = tags[: tags.index("<script")]
    assert links == "".join(
        f'<link rel="modulepreload" crossorigin href="./{name}.js" data-run-when-idle>'
        for name in "ab"
    )
    assert tags.endswith(f'<script type="module">{SCRIPT.read_text()}</script>')
    assert "</script>" not in SCRIPT.read_text()  # it would end the inline script early
    assert head_tags([]) == b""


def test_the_tags_go_just_before_the_head_closes_and_nowhere_without_a_head():
    assert with_tags(PAGE, TAGS) == PAGE.replace(b"</head>", TAGS + b"</head>")
    assert with_tags(b"<p>no head</p>", TAGS) == b"<p>no head</p>"


def served(
    headers: list[tuple[bytes, bytes]], chunks: list[bytes], scope: dict | None = None,
    wanted: bool = True,
) -> tuple[dict, bytes, list[dict]]:  # fmt: skip
    """The response a streaming ASGI app gives through PreloadCharts: (its start message as a
    dict of headers, its whole body, every message sent)."""
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for k, chunk in enumerate(chunks):
            more = k < len(chunks) - 1
            await send({"type": "http.response.body", "body": chunk, "more_body": more})

    async def send(message):
        sent.append(message)

    scope = scope or {"type": "http", "method": "GET"}
    asyncio.run(PreloadCharts(app, TAGS, lambda: wanted)(scope, None, send))
    start, body = dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])
    assert sent[0]["status"] == 200 and int(start.get(b"content-length", len(body))) == len(body)
    return start, body, sent


def test_a_plain_page_sent_in_pieces_gets_the_tags_and_loses_its_validators():
    html = [(b"content-type", b"text/html; charset=utf-8"), (b"etag", b'"1"'),
            (b"last-modified", b"x"), (b"content-length", b"%d" % len(PAGE))]  # fmt: skip
    start, body, _ = served(html, [PAGE[:20], PAGE[20:]])
    assert body == with_tags(PAGE, TAGS)
    assert b"etag" not in start and b"last-modified" not in start


def test_a_gzipped_page_gets_the_tags_and_stays_gzipped():
    html = [(b"content-type", b"text/html"), (b"content-encoding", b"gzip")]
    start, body, _ = served(html, [gzip.compress(PAGE)])
    assert start[b"content-encoding"] == b"gzip" and gzip.decompress(body) == with_tags(PAGE, TAGS)


@pytest.mark.parametrize(
    ("headers", "scope"),
    [
        ([(b"content-type", b"text/javascript")], None),
        ([(b"content-type", b"text/html"), (b"content-encoding", b"br")], None),
        ([(b"content-type", b"text/html")], {"type": "http", "method": "HEAD"}),
        ([], None),
    ],
    ids=["a script", "a brotli page", "a HEAD request", "no content type"],
)
def test_anything_else_passes_as_sent(headers, scope):
    _, body, sent = served(headers, [PAGE[:20], PAGE[20:]], scope)
    assert body == PAGE and len(sent) == 3 and sent[0]["headers"] == headers


def test_a_page_asked_for_once_the_tags_are_no_longer_wanted_passes_as_sent():
    """app.py wants them only while its warm-up runs."""
    html = [(b"content-type", b"text/html"), (b"etag", b'"1"')]
    _, body, sent = served(html, [PAGE], wanted=False)
    assert body == PAGE and sent[0]["headers"] == html


def test_a_websocket_passes_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append((scope, receive, send))

    scope, receive, send = {"type": "websocket"}, object(), object()
    asyncio.run(PreloadCharts(app, TAGS)(scope, receive, send))
    assert seen == [(scope, receive, send)]
