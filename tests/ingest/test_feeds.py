"""Feeds: each entry's article is fetched safely and dated; hostile feeds expand no entity and fetch nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toll.ingest.sources import read_inputs
from toll.settings import Settings

from ._helpers import Web, article_html, atom, first_sentence, rss, write

LOCAL = Settings(fetch_allow=("127.0.0.1/32",), fetch_timeout=5.0)


def loaded(names: list[str], settings: Settings = LOCAL) -> list[tuple[str, int, str | None, object]]:
    """(input, position, error, document) of every item."""
    return [(x.input, x.position, x.error, x.doc) for x in read_inputs(names, settings)]


def test_each_rss_entry_becomes_its_fetched_article(web: Web, tmp_path: Path) -> None:
    dated_page = web.page("/kessa", article_html("kessa", published="2024-03-05"))
    undated_page = web.page("/drava", article_html("drava", published=None))
    feed = write(
        tmp_path / "courier.rss",
        rss(
            "Varnia Daily Courier",
            [
                ("Kessa market shelled", dated_page, "Wed, 06 Mar 2024 09:00:00 GMT"),
                ("Drava crossing hit", undated_page, "Thu, 07 Mar 2024 10:00:00 GMT"),
            ],
        ),
    )
    items = list(read_inputs([feed], LOCAL))
    assert [(x.input, x.position, x.error) for x in items] == [(feed, 0, None), (feed, 1, None)]
    kessa, drava = (x.doc for x in items)
    assert (kessa.id, kessa.source.url, kessa.source.title, kessa.source.outlet) == (
        dated_page,
        dated_page,
        "Kessa market shelled",
        "Varnia Daily Courier",
    )
    # the page's own date beats the feed's; a page without one takes the entry's
    assert (kessa.published, kessa.published_basis) == (date(2024, 3, 5), "page")
    assert (drava.published, drava.published_basis) == (date(2024, 3, 7), "feed")
    assert first_sentence("drava") in drava.text and drava.text_source == "html:trafilatura"
    assert {x.input_id for x in items} == {items[0].input_id} and items[0].input_id.endswith(
        f"|{Path(feed).stat().st_size}|{Path(feed).stat().st_mtime_ns}"
    )


def test_an_atom_feed_fetched_by_url_names_its_outlet_and_has_no_checkpoint_id(web: Web) -> None:
    page = web.page("/lomir", article_html("lomir", published=None))
    feed = web.page(
        "/atom", atom("Lomir Herald", [("Exchange at Lomir", page, "2024-01-15T12:00:00Z")]), "application/atom+xml"
    )
    [item] = read_inputs([feed], LOCAL)
    assert (item.input, item.position, item.input_id, item.error) == (feed, 0, None, None)
    assert (item.doc.source.outlet, item.doc.published, item.doc.published_basis) == (
        "Lomir Herald",
        date(2024, 1, 15),
        "feed",
    )


def test_a_feed_without_a_title_names_the_outlet_by_the_link_host(web: Web, tmp_path: Path) -> None:
    page = web.page("/tarn", article_html("tarn"))
    feed = write(tmp_path / "untitled.xml", rss(None, [("Tarn convoy", page, None)]))
    [item] = read_inputs([feed], LOCAL)
    assert item.doc.source.outlet == "127.0.0.1"


def test_an_entry_whose_article_cannot_be_fetched_is_an_error_naming_the_link(web: Web, tmp_path: Path) -> None:
    good = web.page("/kessa", article_html("kessa"))
    gone = web.url("/gone")
    private = "http://10.0.0.1/story"
    feed = write(
        tmp_path / "mixed.rss",
        rss("Courier", [("Gone", gone, None), ("Private", private, None), ("Kessa", good, None)]),
    )
    items = loaded([feed])
    assert [(i, p, e) for i, p, e, _ in items] == [
        (feed, 0, f"{gone}: HTTP 404"),
        (feed, 1, f"{private}: 10.0.0.1 is not a public address: refused"),
        (feed, 2, None),
    ]
    assert items[2][3].source.url == good


@pytest.mark.parametrize(
    "content, problem",
    [
        (rss("Empty Courier", []), "feed has no entries"),
        ('<?xml version="1.0"?><catalog><book id="1">Maps of Varnia</book></catalog>', "not an RSS or Atom feed"),
        ("plain words about the front, not markup at all", "not an RSS or Atom feed"),
    ],
)
def test_a_feed_with_no_entries_or_no_feed_is_one_error(tmp_path: Path, content: str, problem: str) -> None:
    feed = write(tmp_path / "feed.xml", content)
    assert [(i, p, e) for i, p, e, _ in loaded([feed])] == [(feed, 0, f"{feed}: {problem}")]


def test_an_entry_without_a_link_is_an_error(tmp_path: Path) -> None:
    feed = write(tmp_path / "nolink.rss", rss("Courier", [("No link here", "", None)]))
    assert [e for _, _, e, _ in loaded([feed])] == [f"{feed}: entry 0 has no link"]


def billion_laughs(link: str) -> str:
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return rss("Courier &lol9;", [("Kessa &lol9;", link, None)], doctype=f"<!DOCTYPE rss [{''.join(levels)}]>")


REFUSED = "feed declares XML entities: refused (entity expansion or external entities)"


def test_a_billion_laughs_feed_is_one_error_and_expands_nothing(web: Web, tmp_path: Path) -> None:
    page = web.page("/kessa", article_html("kessa"))
    feed = write(tmp_path / "laughs.rss", billion_laughs(page))
    good = write(tmp_path / "good.rss", rss("Courier", [("Kessa", page, None)]))
    items = loaded([feed, good])
    assert [(i, p, e) for i, p, e, _ in items] == [(feed, 0, f"{feed}: {REFUSED}"), (good, 0, None)]
    assert "lollol" not in items[1][3].text


def test_an_external_entity_feed_is_one_error_reads_no_file_and_fetches_nothing(web: Web, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("ZEBRA-7731-PRIVATE")
    page = web.page("/kessa", article_html("kessa"))
    web.page("/entity", "FETCHED-BY-ENTITY", "text/plain")
    doctype = (
        '<!DOCTYPE rss [<!ENTITY host SYSTEM "file:///etc/hostname">'
        f'<!ENTITY secret SYSTEM "file://{secret}"><!ENTITY remote SYSTEM "{web.url("/entity")}">]>'
    )
    feed = write(tmp_path / "xxe.rss", rss("Courier &remote;", [("Kessa &secret; &host;", page, None)], doctype))
    assert [(p, e) for _, p, e, _ in loaded([feed])] == [(0, f"{feed}: {REFUSED}")]
    assert web.requests == []


def test_entities_are_dropped_even_past_the_refusal_window() -> None:
    # feedparser itself drops DOCTYPE entity declarations: a feed padded past our scan still expands nothing
    from toll.ingest.feeds import _ENTITY_DECL

    padded = b"<!-- " + b"x" * 300_000 + b" -->" + billion_laughs("https://a.example/k").encode()
    assert _ENTITY_DECL.search(padded[:262144]) is None
    import io

    import feedparser

    parsed = feedparser.parse(io.BytesIO(padded))
    assert "lollol" not in str(parsed.feed.get("title", "")) + str(parsed.entries[0].get("title", ""))


def test_a_feed_entry_that_links_to_another_feed_is_not_followed(web: Web, tmp_path: Path) -> None:
    inner = web.page("/inner.xml", rss("Inner", [("x", web.url("/never"), None)]), "application/rss+xml")
    feed = write(tmp_path / "outer.rss", rss("Outer", [("Inner feed", inner, None)]))
    assert [e for _, _, e, _ in loaded([feed])] == [f"{inner}: links to a feed, not an article"]
    assert [path for path, _ in web.requests] == ["/inner.xml"]
