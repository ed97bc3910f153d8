"""Web content: outlets from hosts, feeds told from pages, charsets honoured, dates picked in order of trust."""

from __future__ import annotations

from datetime import date

import pytest

from toll.errors import InputError
from toll.ingest.page import dated, decode, host_outlet, is_feed, page_meta, web_document
from toll.model import Document, Source

from ._helpers import REPORTS, article_html, first_sentence


@pytest.mark.parametrize(
    "url, outlet",
    [
        ("https://www.courier.example/world/kessa", "courier.example"),
        ("http://news.herald.example:8080/a", "news.herald.example"),
        ("https://WWW.Herald.Example/", "herald.example"),
        ("https://wwwire.example/x", "wwwire.example"),  # only a leading "www." label goes
        ("not a url", None),
        (None, None),
    ],
)
def test_the_outlet_of_a_url_is_its_host_without_www(url: str | None, outlet: str | None) -> None:
    assert host_outlet(url) == outlet


@pytest.mark.parametrize(
    "data, content_type, feed",
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "", True),
        (b'<?xml version="1.0"?>\n<!-- wire -->\n<feed xmlns="http://www.w3.org/2005/Atom"/>', "text/xml", True),
        (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", "", True),
        (b"anything", "application/rss+xml; charset=utf-8", True),
        (b"<!doctype html><html><body><p>Read our <rss> feed</p></body></html>", "", False),
        (b'<rss version="2.0"/>', "text/html", False),  # the server says page: a page it is
        (b"Eleven civilians were killed", "text/plain", False),
    ],
)
def test_feeds_are_told_from_pages(data: bytes, content_type: str, feed: bool) -> None:
    assert is_feed(data, content_type) is feed


@pytest.mark.parametrize(
    "data, content_type, text",
    [
        ("zwölf Tote in Kessa".encode(), "text/plain", "zwölf Tote in Kessa"),
        ("zwölf Tote in Kessa".encode("latin-1"), "text/plain; charset=ISO-8859-1", "zwölf Tote in Kessa"),
        (
            '<meta charset="windows-1251"><p>Кесса</p>'.encode("cp1251"),
            "text/html",
            '<meta charset="windows-1251"><p>Кесса</p>',
        ),
        ("“twelve” dead".encode("cp1252"), "text/html", "“twelve” dead"),  # undeclared, not UTF-8
        ("\ufeffKessa".encode("utf-8"), "", "Kessa"),
        (b"Kessa", "text/html; charset=no-such-charset", "Kessa"),
    ],
)
def test_web_bytes_are_decoded_in_the_declared_charset_else_utf8_else_windows_1252(
    data: bytes, content_type: str, text: str
) -> None:
    assert decode(data, content_type, "https://courier.example/k") == text


def test_binary_web_bytes_are_refused() -> None:
    with pytest.raises(InputError, match="binary data, not text"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(64), "text/html", "https://courier.example/logo")


@pytest.mark.parametrize(
    "candidates, published, basis",
    [
        ([(date(2024, 3, 5), "input"), (date(2024, 3, 1), "page")], date(2024, 3, 5), "input"),
        ([(None, "input"), (date(2024, 3, 1), "page"), (date(2024, 2, 20), "warc")], date(2024, 3, 1), "page"),
        ([(None, "input"), (None, "page"), (date(2024, 1, 15), "feed")], date(2024, 1, 15), "feed"),
        ([(None, "page"), (None, "warc")], None, None),
    ],
)
def test_the_first_known_date_wins_and_says_where_it_came_from(
    candidates: list, published: date | None, basis: str | None
) -> None:
    doc = dated(Document(id="k", text="Eleven killed."), candidates)
    assert (doc.published, doc.published_basis) == (published, basis)


@pytest.mark.parametrize(
    "html, title, published",
    [
        (article_html("kessa", published="2023-11-30"), REPORTS["kessa"][0], date(2023, 11, 30)),
        (article_html("kessa", published=None), REPORTS["kessa"][0], None),
        ("<html><body><p>no head at all</p></body></html>", None, None),
    ],
)
def test_a_page_states_its_own_title_and_date(html: str, title: str | None, published: date | None) -> None:
    assert page_meta(html) == (title, published)


@pytest.mark.parametrize(
    "content_type, text_source",
    [
        ("text/html; charset=utf-8", "html:trafilatura"),
        ("", "html:trafilatura"),
        ("application/xhtml+xml", "html:trafilatura"),
    ],
)
def test_a_fetched_page_becomes_its_article(content_type: str, text_source: str) -> None:
    source = Source(outlet="courier.example", url="https://courier.example/t")
    doc = web_document(article_html("tarn").encode(), content_type, "t", source, [], "https://courier.example/t")
    assert (doc.text_source, doc.source.title, doc.published_basis) == (text_source, REPORTS["tarn"][0], "page")
    assert first_sentence("tarn") in doc.text


@pytest.mark.parametrize(
    "data, content_type, problem",
    [
        (b"", "text/html", "empty body"),
        (b"%PDF-1.7 report", "application/pdf", "not an HTML or text page (application/pdf)"),
        (b"<html><head><title>Index</title></head><body></body></html>", "text/html", "HTML page has no article text"),
    ],
)
def test_a_fetched_body_without_an_article_is_an_error_naming_it(data: bytes, content_type: str, problem: str) -> None:
    with pytest.raises(InputError) as err:
        web_document(data, content_type, "x", Source(), [], "https://courier.example/x")
    assert str(err.value) == f"https://courier.example/x: {problem}"
