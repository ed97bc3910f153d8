"""Helpers for ingest tests: invented news pages, WARC archives built with warcio, real HTTP servers on loopback."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[2]

# short reports about an invented war between Varnia and the Ostrel Federation, written for these tests
REPORTS = {
    "kessa": (
        "Shelling of Kessa kills eleven",
        "Eleven civilians were killed and 23 wounded when artillery struck the market district of Kessa on "
        "Tuesday, the Varnian health ministry said. Rescue crews were still searching collapsed shops at nightfall. "
        "The Ostrel Federation denied firing on the town and said its guns had targeted a fuel depot nearby.",
    ),
    "drava": (
        "Ferry crossing at Drava closed after drone attack",
        "At least four soldiers died when drones hit a ferry crossing on the Drava river, a regional governor said. "
        "Engineers had rebuilt the pontoon twice this month. Local officials said the crossing would stay closed "
        "to civilian traffic until air defences were moved closer to the bank.",
    ),
    "lomir": (
        "Prisoner exchange returns 140 to Lomir",
        "One hundred and forty captured Varnian servicemen came home in an exchange brokered by a neutral mission, "
        "the Lomir coordination office said. Families waited at the border post since dawn. The office added that "
        "about 600 more soldiers remain listed as missing after the winter fighting.",
    ),
    "tarn": (
        "Aid convoy reaches Tarn after three weeks",
        "A convoy of twenty trucks reached the besieged town of Tarn, where aid workers said some 9,000 people had "
        "been displaced from the eastern suburbs. Doctors at the town hospital said medicine for the wounded had "
        "run out on Sunday and that generators were failing.",
    ),
}


def article_html(key: str, published: str | None = "2024-03-05", charset: str = "utf-8") -> str:
    """A small news page: title, optional publication date in its meta tags, the report in an <article>."""
    title, body = REPORTS[key]
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' if published else ""
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(".") if s.strip())
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{meta}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Varnia Daily Courier</footer></body></html>"
    )


def first_sentence(key: str) -> str:
    return REPORTS[key][1].split(".")[0]


def warc_bytes(records: list[tuple[str, str, str, bytes]], gzip: bool = True) -> bytes:
    """A WARC of (type, url, content type, payload) records; responses carry HTTP headers, others do not."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for rec_type, url, content_type, payload in records:
        headers = {"WARC-Date": "2024-02-20T06:30:00Z"}
        if rec_type == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
            )
        else:
            record = writer.create_warc_record(
                url, rec_type, payload=io.BytesIO(payload), warc_content_type=content_type, warc_headers_dict=headers
            )
        writer.write_record(record)
    return out.getvalue()


Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Web:
    """A real HTTP server on a loopback address: routes by path, and every request it saw."""

    host: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    port: int = 0
    server: ThreadingHTTPServer | None = None

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve `body` at `path`; the URL it is at."""
        data = body.encode() if isinstance(body, str) else body

        def send(h: BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)

        self.routes[path] = send
        return self.url(path)

    def redirect(self, path: str, location: str) -> str:
        def send(h: BaseHTTPRequestHandler) -> None:
            h.send_response(302)
            h.send_header("Location", location)
            h.send_header("Content-Length", "0")
            h.end_headers()

        self.routes[path] = send
        return self.url(path)


def serve(host: str, port: int = 0) -> Iterator[Web]:
    """A running server on (host, port); a free port when 0."""
    web = Web(host)

    class Handler(BaseHTTPRequestHandler):
        timeout = 10  # a stuck client cannot hold a handler thread beyond the test

        def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
            web.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = web.routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send_error(404)
                return
            # the client may give up first, as the fetcher should on endless or slow bodies
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                route(self)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    web.port = server.server_address[1]
    web.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        web.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def endless(web: Web, seconds: float = 10.0) -> Route:
    """A body that never ends, stopped by the client, the server shutting down, or `seconds`."""

    def send(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        end = time.monotonic() + seconds
        while not web.stopping.is_set() and time.monotonic() < end:
            h.wfile.write(chunk)

    return send


def trickle(web: Web, every: float = 0.2, seconds: float = 10.0) -> Route:
    """A body sent one byte every `every` seconds: each wait is short, the whole is endless."""

    def send(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        end = time.monotonic() + seconds
        while not web.stopping.is_set() and time.monotonic() < end:
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(every)

    return send


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def gzip_stream(path: Path, parts: Iterable[bytes]) -> int:
    """Write `parts` gzipped to `path` without holding them; the compressed size."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: a gzip member
    with path.open("wb") as out:
        for part in parts:
            out.write(packer.compress(part))
        out.write(packer.flush())
    return path.stat().st_size


def repeated(unit: bytes, total: int) -> Iterator[bytes]:
    """`total` bytes of `unit` repeated, a megabyte at a time."""
    block = unit * (1024 * 1024 // len(unit))
    while total > 0:
        yield block[:total]
        total -= len(block)


def warc_bomb(path: Path, size: int, where: str = "payload") -> int:
    """A .warc.gz of one response record over `size` bytes long once decompressed: in its HTML payload, in one
    endless HTTP header line, or in endless short header lines."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    prefix, unit, suffix = {
        "payload": (head + b"\r\n", b"<p>a</p>", b""),
        "header line": (head + b"X-Padding: ", b"a", b"\r\n\r\n<p>a</p>"),
        "header lines": (head, b"X-Padding: " + b"a" * 1011 + b"\r\n", b"\r\n<p>a</p>"),
    }[where]
    warc = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:6f1c2a52-6a0e-4b8e-9d1e-2b7c51f0c0de>\r\n"
        "WARC-Date: 2024-02-20T06:30:00Z\r\nWARC-Target-URI: https://herald.example/bomb\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(prefix) + size + len(suffix)}\r\n\r\n"
    ).encode()
    return gzip_stream(path, itertools.chain([warc, prefix], repeated(unit, size), [suffix, b"\r\n\r\n"]))


def jsonl_bomb(path: Path, text_bytes: int, after: str) -> int:
    """A .jsonl.gz whose first line holds `text_bytes` of text, followed by the line `after`."""
    tail = [b'"}\n', after.encode() + b"\n"]
    return gzip_stream(path, itertools.chain([b'{"text": "'], repeated(b"shelling ", text_bytes), tail))


MEASURE = """
import json, resource, sys
import trafilatura, warcio.archiveiterator  # loaded before the baseline: their size is not the bomb's
from toll.ingest.sources import read_inputs
from toll.settings import Settings

def resident_kib():
    # now, not the peak: the import of trafilatura peaks higher than it settles, which would hide growth
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))

before = resident_kib()
items = [(x.input, x.position, x.error, x.doc is not None) for x in read_inputs(sys.argv[1:], Settings())]
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent (pytest, spaCy loaded), which
# would count the parent's size as this child's growth
with open("/proc/self/status") as f:
    peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
growth = peak - before
print(json.dumps({"growth_kib": growth, "items": items}))
"""


def measure(*names: str) -> dict:
    """Read `names` in a fresh interpreter; its items and the growth of its peak resident memory."""
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, *names], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rss(title: str | None, items: list[tuple[str, str, str | None]], doctype: str = "") -> str:
    """An RSS 2.0 feed of (title, link, RFC 822 date or None) items."""
    channel_title = f"<title>{title}</title>" if title is not None else ""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link>{f'<pubDate>{d}</pubDate>' if d else ''}"
        f"<description>{t}</description></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<rss version="2.0"><channel>{channel_title}{entries}</channel></rss>'


def atom(title: str, items: list[tuple[str, str, str]]) -> str:
    """An Atom feed of (title, link, RFC 3339 date) entries."""
    entries = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{d}</updated></entry>'
        for t, link, d in items
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{entries}</feed>'
