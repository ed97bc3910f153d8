"""The web tests' databases: the bundled sample plus one hostile article, ingested once per session, and a server."""

from __future__ import annotations

import json
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from toll import jobs
from toll.settings import Settings
from toll.web import create_app

# an article written to attack the pages: markup and script in its text, title and outlet name
HOSTILE = {
    "id": "hostile-01",
    "title": "Shelling <script>alert(1)</script> of Tolvar",
    "outlet": "<img src=x onerror=alert(1)> Gazette",
    "url": "https://gazette.example/2031/03/01/shelling",
    "published": "2031-03-01",
    "text": (
        "Valdoria's health ministry said 42 civilians were killed <script>alert(1)</script> in the shelling of "
        "Tolvar on Sunday.\n\nWitnesses described the scene <img src=x onerror=alert(1)> near the market. More at "
        '<a href="javascript:alert(1)">the ministry</a> and javascript:alert(1).\n\nThe Karvenian army said 7 of '
        "its soldiers were wounded <svg onload=alert(1)> in the fighting."
    ),
}


def _ingest(tmp: Path, url: str) -> str:
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    jobs.ingest([str(files("toll") / "data" / "sample.jsonl"), str(hostile)], Settings(db=url))
    return url


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file holding the sample corpus and the hostile article."""
    tmp = tmp_path_factory.mktemp("web")
    return _ingest(tmp, f"sqlite:///{tmp}/sample.db")


@pytest.fixture(scope="session")
def pg_sample_url(pg_admin_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL database holding the same, dropped at the end of the session."""
    import psycopg

    name = f"toll_web_{secrets.token_hex(5)}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _ingest(tmp_path_factory.mktemp("pgweb"), pg_admin_url.rsplit("/", 1)[0] + f"/{name}")
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def app(sample_url: str) -> FastAPI:
    return create_app(sample_url)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(app: FastAPI) -> Iterator[str]:
    """The app under uvicorn on 127.0.0.1 in a thread, stopped at the end of the session; its base URL."""
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 10 s")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
