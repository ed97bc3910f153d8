"""The FastAPI application: pages, the JSON API, Swagger UI from the package, and the headers every response gets."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from toll.errors import StoreError
from toll.report.figures import claimant, counts, day, figure, heading, kind_label, number
from toll.settings import Settings
from toll.store.readonly import QueryTimeout, ReadOnlyDB
from toll.web import api, pages
from toll.web.openapi30 import downgrade
from toll.web.service import Dashboard
from toll.web.views import ladder_params, spark

HERE = Path(__file__).resolve().parent
TITLE = "toll: casualty claims"
# nothing from another origin, no inline script or style, no framing by other sites, forms only back here
CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
# Swagger UI's stylesheet draws its icons as data: images, which can run nothing; only its page allows them
DOCS_CSP = CSP + "; img-src 'self' data:"
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware: the CSP and its companions on every response, errors and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        policy = DOCS_CSP if scope.get("path") == "/docs" else CSP
        headers = [(b"content-security-policy", policy.encode()), *HEADERS]
        names = {name for name, _ in headers}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + headers
            await send(message)

        await self.app(scope, receive, with_headers)


def templates() -> Environment:
    """Jinja2 with autoescaping on for every template, whatever its name, and undefined names as errors."""
    env = Environment(loader=PackageLoader("toll.web", "templates"), autoescape=True, undefined=StrictUndefined)
    env.globals.update(
        title=TITLE, figure=figure, number=number, day=day, heading=heading, kind_label=kind_label,
        claimant=claimant, counts=counts, ladder_params=ladder_params, spark=spark,
    )
    return env


def create_app(db_url: str, timeout_s: float = 5.0, settings: Settings | None = None) -> FastAPI:
    """The dashboard over one toll database, opened read-only; StoreError if it cannot be read.

    `settings` gives the claimant kinds and contradiction factor the ladders use (defaults when None)."""
    db = ReadOnlyDB(db_url, timeout_s)
    db.check()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        lifespan=lifespan,
        title=TITLE,
        summary="Who says how many people were killed, wounded, captured or displaced, as of when, with the evidence.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.dashboard = Dashboard(db, settings)
    app.state.templates = templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_api_route("/docs", _docs, include_in_schema=False, response_class=HTMLResponse)
    app.add_api_route("/openapi-3.0.json", lambda: downgrade(app.openapi()), include_in_schema=False)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(SecurityHeaders)
    return app


def _docs(request: Request) -> HTMLResponse:
    return pages.render(request, "docs.html")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _store_error(request: Request, err: Exception) -> Response:
    """The database failed or a query ran too long: 503 with one line, never a traceback."""
    detail = str(err)
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=503)
    hint = "Try a narrower filter." if isinstance(err, QueryTimeout) else "The database could not be read."
    return pages.render(request, "error.html", status=503, message=f"{hint} ({detail})")


async def _http_error(request: Request, err: Exception) -> Response:
    """Unknown addresses get a page for readers and JSON for the API."""
    assert isinstance(err, StarletteHTTPException)
    if _wants_json(request) or not 400 <= err.status_code < 500 or err.status_code == 405:
        body: dict[str, Any] = {"detail": err.detail}
        return JSONResponse(body, status_code=err.status_code, headers=err.headers)
    return pages.render(request, "error.html", status=err.status_code, message="No such page.")


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Run the dashboard with uvicorn until interrupted; StoreError (one line) when the database cannot be read."""
    import uvicorn

    uvicorn.run(create_app(db_url, settings=settings), host=host, port=port, log_level="info", server_header=False)
