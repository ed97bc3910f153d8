"""The FastAPI application: pages, the JSON API, Swagger UI from the package, and the headers every response gets."""

from __future__ import annotations

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
from toll.web import api, pages
from toll.web.db import QueryTimeout, ReadOnlyDB
from toll.web.service import Dashboard

HERE = Path(__file__).resolve().parent
TITLE = "toll: casualty claims"
# nothing from another origin, no inline script or style, no framing by other sites, forms only back here
CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
HEADERS = [
    (b"content-security-policy", CSP.encode()),
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

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def templates() -> Environment:
    """Jinja2 with autoescaping on for every template, whatever its name, and undefined names as errors."""
    env = Environment(loader=PackageLoader("toll.web", "templates"), autoescape=True, undefined=StrictUndefined)
    env.globals.update(
        title=TITLE, figure=figure, number=number, day=day, heading=heading, kind_label=kind_label,
        claimant=claimant, counts=counts,
    )
    return env


def create_app(db_url: str, timeout_s: float = 5.0) -> FastAPI:
    """The dashboard over one toll database, opened read-only; StoreError if it cannot be read."""
    db = ReadOnlyDB(db_url, timeout_s)
    db.check()
    app = FastAPI(
        title=TITLE,
        summary="Who says how many people were killed, wounded, captured or displaced, as of when, with the evidence.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.dashboard = Dashboard(db)
    app.state.templates = templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_api_route("/docs", _docs, include_in_schema=False, response_class=HTMLResponse)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_event_handler("shutdown", db.close)
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


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the dashboard with uvicorn until interrupted; StoreError (one line) when the database cannot be read."""
    import uvicorn

    uvicorn.run(create_app(db_url), host=host, port=port, log_level="info", server_header=False)
