"""The safe fetcher: public addresses only (in every spelling), pinned, bounded in redirects, time and bytes."""

from __future__ import annotations

import functools
import ipaddress
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from toll.errors import FetchError
from toll.ingest.fetch import fetch, ip_literal, permitted
from toll.settings import Settings

from ._helpers import Web, article_html, endless, serve, trickle

LOCAL = Settings(fetch_allow=("127.0.0.1/32",), fetch_timeout=5.0)
ALLOW_LOOPBACK = tuple(ipaddress.ip_network(n) for n in ("127.0.0.1/32",))


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every address a socket tried to connect to during the test (the real connect still runs)."""
    seen: list[object] = []
    real = socket.socket.connect

    def spy(self: socket.socket, address: object) -> None:
        seen.append(address)
        real(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    return seen


def test_an_allowed_article_is_fetched_with_our_user_agent_and_the_original_host(web: Web) -> None:
    url = web.page("/kessa", article_html("kessa"))
    final, content_type, body = fetch(url, LOCAL)
    assert (final, content_type, body) == (url, "text/html; charset=utf-8", article_html("kessa").encode())
    [(path, headers)] = web.requests
    assert (path, headers["user-agent"], headers["host"]) == ("/kessa", LOCAL.fetch_user_agent, f"127.0.0.1:{web.port}")


def test_a_feed_is_fetched_as_bytes(web: Web) -> None:
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title></channel></rss>'
    url = web.page("/feed.xml", rss, "application/rss+xml")
    assert fetch(url, LOCAL)[1:] == ("application/rss+xml", rss)


def test_a_name_keeps_its_host_header_while_the_connection_goes_to_the_checked_address(web: Web) -> None:
    settings = Settings(fetch_allow=("127.0.0.0/8", "::1/128"), fetch_timeout=5.0)
    url = web.page("/drava", article_html("drava")).replace("127.0.0.1", "localhost")
    assert fetch(url, settings)[2] == article_html("drava").encode()
    assert web.requests[-1][1]["host"] == f"localhost:{web.port}"


PUBLIC = "not a public address"


@pytest.mark.parametrize(
    "host, problem",
    [
        ("127.0.0.1", PUBLIC),
        ("localhost", PUBLIC),
        ("127.1", PUBLIC),  # short dotted form
        ("0x7f000001", PUBLIC),  # hexadecimal
        ("2130706433", PUBLIC),  # one decimal number
        ("0177.0.0.1", "Invalid IPv4 address"),  # octal first byte: httpx will not even parse it
        ("[::1]", PUBLIC),
        ("[::ffff:127.0.0.1]", PUBLIC),  # IPv4-mapped IPv6
        ("[::ffff:7f00:1]", PUBLIC),  # the same, in hex groups
        ("[2002:7f00:1::]", PUBLIC),  # 6to4 wrapping 127.0.0.1
        ("0.0.0.0", PUBLIC),
    ],
)
def test_loopback_in_any_spelling_is_refused_before_any_connection(
    web: Web, connects: list[object], host: str, problem: str
) -> None:
    web.page("/", article_html("kessa"))
    with pytest.raises(FetchError, match=problem) as err:
        fetch(f"http://{host}:{web.port}/", Settings())
    assert err.value.source == f"http://{host}:{web.port}/"
    assert (web.requests, connects) == ([], [])


@pytest.mark.parametrize(
    "host",
    [
        "169.254.169.254",
        "10.0.0.1",
        "192.168.4.20",
        "172.20.0.3",
        "100.64.0.9",
        "[fe80::1]",
        "[fd00::7]",
        "224.0.0.251",
    ],
)
def test_private_link_local_and_metadata_addresses_are_refused_at_once(connects: list[object], host: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="not a public address"):
        fetch(f"http://{host}/latest/meta-data/", Settings())
    assert connects == []
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(
    "url, problem",
    [
        ("file:///etc/hostname", "scheme 'file' refused"),
        ("ftp://127.0.0.1/pub", "scheme 'ftp' refused"),
        ("gopher://127.0.0.1:70/", "scheme 'gopher' refused"),
        ("http://300.1/", "not a valid address"),
    ],
)
def test_other_schemes_and_broken_addresses_are_refused(connects: list[object], url: str, problem: str) -> None:
    with pytest.raises(FetchError, match=problem):
        fetch(url, LOCAL)
    assert connects == []


@pytest.mark.parametrize(
    "spelling, address",
    [
        ("127.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("::1", "::1"),
        ("news.example.org", None),
        ("cafe.example", None),
    ],
)
def test_address_literals_are_read_as_inet_aton_reads_them(spelling: str, address: str | None) -> None:
    found = ip_literal(spelling)
    assert (str(found) if found else None) == address


@pytest.mark.parametrize(
    "address, allowed",
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("169.254.169.254", False),
        ("10.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("::ffff:93.184.216.34", True),
        ("64:ff9b::a00:1", False),  # NAT64 to 10.0.0.1
        ("ff02::1", False),
        ("240.0.0.1", False),
        ("::", False),
    ],
)
def test_only_global_addresses_are_permitted(address: str, allowed: bool) -> None:
    assert permitted(ipaddress.ip_address(address), ()) is allowed


@pytest.mark.parametrize("address, allowed", [("127.0.0.1", True), ("::ffff:127.0.0.1", True), ("127.0.0.2", False)])
def test_the_allow_list_exempts_exactly_its_networks(address: str, allowed: bool) -> None:
    assert permitted(ipaddress.ip_address(address), ALLOW_LOOPBACK) is allowed


def test_a_redirect_to_a_loopback_address_outside_the_allow_list_is_refused(web: Web, web2: Web) -> None:
    target = web2.page("/inside", article_html("tarn"))
    url = web.redirect("/go", target)
    with pytest.raises(FetchError, match=r"redirect to http://127\.0\.0\.2:\d+/inside: .*not a public address"):
        fetch(url, LOCAL)
    assert (len(web.requests), web2.requests) == (1, [])


def test_a_redirect_to_cloud_metadata_is_refused_without_connecting_there(web: Web, connects: list[object]) -> None:
    url = web.redirect("/go", "http://169.254.169.254/latest/meta-data/iam/")
    with pytest.raises(FetchError, match="169.254.169.254 is not a public address"):
        fetch(url, LOCAL)
    assert {a[0] for a in connects} == {"127.0.0.1"}  # type: ignore[index]


@pytest.mark.parametrize("max_redirects, ok", [(2, False), (3, True)])
def test_redirects_are_followed_up_to_the_limit(web: Web, max_redirects: int, ok: bool) -> None:
    final = web.page("/end", article_html("lomir"))
    web.redirect("/r1", final)
    web.redirect("/r2", "/r1")  # relative Locations resolve against the hop
    start = web.redirect("/r3", web.url("/r2"))
    settings = Settings(fetch_allow=("127.0.0.1/32",), fetch_max_redirects=max_redirects, fetch_timeout=5.0)
    if ok:
        assert fetch(start, settings)[0] == final
    else:
        with pytest.raises(FetchError, match="more than 2 redirects"):
            fetch(start, settings)
        assert [p for p, _ in web.requests] == ["/r3", "/r2", "/r1"]


def test_an_endless_body_stops_at_the_byte_cap(web: Web) -> None:
    web.routes["/endless"] = endless(web)
    settings = Settings(fetch_allow=("127.0.0.1/32",), fetch_max_bytes=1024 * 1024, fetch_timeout=5.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="body larger than 1048576 bytes"):
        fetch(web.url("/endless"), settings)
    assert time.monotonic() - started < 3


def test_a_declared_length_over_the_cap_is_refused_before_reading(web: Web) -> None:
    def huge(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(10**9))
        h.end_headers()
        h.wfile.write(b"<html>")

    web.routes["/huge"] = huge
    with pytest.raises(FetchError, match="body larger than"):
        fetch(web.url("/huge"), Settings(fetch_allow=("127.0.0.1/32",), fetch_max_bytes=10_000, fetch_timeout=5.0))


@pytest.mark.parametrize("every", [0.1, 3.0])  # a trickle (each wait short) and a stall (one long wait)
def test_a_slow_body_times_out(web: Web, every: float) -> None:
    web.routes["/slow"] = trickle(web, every=every, seconds=6)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.6 s"):
        fetch(web.url("/slow"), Settings(fetch_allow=("127.0.0.1/32",), fetch_timeout=0.6))
    assert time.monotonic() - started < 2


def test_an_http_error_status_is_an_error(web: Web) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as err:
        fetch(web.url("/missing"), LOCAL)
    assert str(err.value) == f"{web.url('/missing')}: HTTP 404"


def test_the_name_is_resolved_once_and_the_connection_pinned_to_that_answer(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that answers an allowed address, then another, is fetched from the first."""
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1", "127.0.0.2", "127.0.0.2"])

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    web.page("/story", article_html("kessa"))
    # the rebound address serves on the same port: a second lookup at connect time would land there
    for other in serve("127.0.0.2", web.port):
        other.page("/story", b"rebound")
        body = fetch(f"http://rebind.test:{web.port}/story", LOCAL)[2]
        assert (body, other.requests) == (article_html("kessa").encode(), [])
    assert web.requests[0][1]["host"] == f"rebind.test:{web.port}"


@pytest.fixture
def tls_web(tmp_path: Path) -> Iterator[tuple[int, Path, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for "localhost": (port, cert, names seen)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    seen: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: seen.append(f"sni={name}")  # type: ignore[assignment]
    for web in serve("127.0.0.1"):
        web.page("/k", article_html("kessa"))
        web.server.socket = context.wrap_socket(web.server.socket, server_side=True)
        yield web.port, cert, seen
        seen.extend(f"host={h['host']}" for _, h in web.requests)


def test_https_is_pinned_to_the_checked_address_yet_verified_for_the_name(
    tls_web: tuple[int, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, cert, seen = tls_web
    settings = Settings(fetch_allow=("127.0.0.0/8", "::1/128"), fetch_timeout=5.0)
    with pytest.raises(FetchError, match="certificate verify failed: self-signed"):
        fetch(f"https://localhost:{port}/k", settings)  # the system's trust store knows no test certificate
    real = httpx.Client
    trusting = functools.partial(real, verify=ssl.create_default_context(cafile=str(cert)))
    monkeypatch.setattr(httpx, "Client", trusting)
    assert fetch(f"https://localhost:{port}/k", settings)[2] == article_html("kessa").encode()
    assert seen[-1] == "sni=localhost"
    # the certificate names localhost, not the address connected to: by address it is refused
    with pytest.raises(FetchError, match="IP address mismatch"):
        fetch(f"https://127.0.0.1:{port}/k", settings)
