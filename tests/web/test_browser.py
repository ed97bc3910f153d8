"""A real browser (Debian's chromium, driven by Playwright) walks the main pages, and a hostile article stays inert."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-sync",
]
TIMEOUT_MS = 15_000

if not CHROMIUM.exists():
    if os.environ.get("TOLL_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing, and TOLL_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True, timeout=TIMEOUT_MS)
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page with every dialog, console error and uncaught exception recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", self._request)
        page.set_default_timeout(TIMEOUT_MS)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            self.errors.append(f"console: {msg.text}")

    def _request(self, request) -> None:  # noqa: ANN001
        if not request.url.startswith(("http://127.0.0.1:", "data:", "about:")):
            self.outside.append(request.url)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def shot(page: Page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    print(f"screenshot: {path}")
    return path


def test_the_first_screen_explains_itself_and_links_to_evidence(
    server: str, client, watched: Watched, tmp_path: Path  # noqa: ANN001
) -> None:
    ladders = client.get("/api/overview").json()["ladders"]
    page = watched.page
    response = page.goto(server + "/")
    assert response is not None and response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("h1").inner_text().startswith("toll")
    assert "news report" in page.locator(".lede").inner_text()
    cards = page.locator("article.ladder")
    assert cards.count() == len(ladders)
    first, estimate = cards.first, ladders[0]["estimate"]
    assert first.locator("h3").inner_text() == ladders[0]["heading"]
    assert first.locator(".best").inner_text() == f"{estimate['best']:,}"
    assert first.locator(".low").inner_text() == f"{estimate['low']:,}"
    assert first.locator("svg.spark polyline, svg.spark circle").count() >= 1
    shot(page, tmp_path, "overview")
    # a figure's link leads to its sentence in the document, the figure highlighted
    figure = first.locator("table.rungs a").first
    href = figure.get_attribute("href") or ""
    figure.click()
    page.wait_for_url("**" + href)
    mark = page.locator(".doctext mark")
    assert mark.count() == 1 and mark.inner_text().strip() != ""
    assert page.locator(".doctext .evidence").count() >= 1
    shot(page, tmp_path, "claim")
    assert watched.errors == [] and watched.dialogs == [] and watched.outside == []


def test_timeline_claims_outlets_echoes_and_docs_render(server: str, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    page.goto(server + "/")
    page.locator("article.ladder h3 a").first.click()
    page.wait_for_url("**/timeline?*")
    chart = page.locator("figure.chart img")
    chart.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", chart.element_handle())
    shot(page, tmp_path, "timeline")
    page.goto(server + "/claims")
    page.select_option("select[name=category]", "killed")
    page.fill("input[name=claimant]", "ministry")
    page.click("button[type=submit]")
    page.wait_for_url("**/claims?*category=killed*")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() >= 1
    assert all("killed" in t for t in rows.locator("td:nth-child(3)").all_inner_texts())
    shot(page, tmp_path, "claims")
    for path, heading in (("/outlets", "Outlets"), ("/echoes", "Echoes")):
        page.goto(server + path)
        assert page.locator("h1").inner_text() == heading
        assert page.locator("tbody tr").count() >= 1
    page.goto(server + "/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 6
    shot(page, tmp_path, "docs")
    assert watched.errors == [] and watched.dialogs == [] and watched.outside == []


def test_a_hostile_article_renders_inert(server: str, client, watched: Watched, tmp_path: Path) -> None:  # noqa: ANN001
    found = client.get("/api/claims", params={"q": "<script>", "per_page": 5}).json()["items"]
    assert found, "the hostile article was ingested with a claim"
    page = watched.page
    for path in (
        f"/claims/{quote(found[0]['claim_id'])}",
        f"/documents/{quote(found[0]['doc_key'])}",
        "/claims?q=%3Cscript%3E",
        "/outlets",
        "/",
    ):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.locator("script").count() == 0, path
        assert page.locator("img[onerror], svg[onload], a[href^='javascript:']").count() == 0, path
    page.goto(server + f"/documents/{quote(found[0]['doc_key'])}")
    text = page.locator(".doctext").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "<img src=x onerror=alert(1)> Gazette" in page.locator(".facts").inner_text()
    shot(page, tmp_path, "hostile")
    assert watched.dialogs == [] and watched.errors == []
