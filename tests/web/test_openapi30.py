"""The 3.0 restatement of the OpenAPI document, for the bundled Swagger UI 4, keeps every path and drops 3.1 forms."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from toll.web.openapi30 import downgrade


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, {"type": "integer", "nullable": True}),
        ({"anyOf": [{"$ref": "#/x"}, {"type": "null"}], "title": "T"}, {"allOf": [{"$ref": "#/x"}], "title": "T", "nullable": True}),
        ({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
         {"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": True}),
        ({"type": "string", "examples": ["a", "b"]}, {"type": "string", "example": "a"}),
        ({"type": "string"}, {"type": "string"}),
    ],
)
def test_nullable_forms_are_restated(schema: dict, expected: dict) -> None:
    out = downgrade({"openapi": "3.1.0", "info": {"title": "t", "summary": "s"}, "components": {"schemas": {"S": schema}}})
    assert out["components"]["schemas"]["S"] == expected
    assert out["openapi"] == "3.0.3" and out["info"] == {"title": "t", "description": "s"}


def test_the_docs_page_loads_only_local_assets_and_a_30_document(client: TestClient) -> None:
    page = client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/static/") for a in assets)
    assert all(client.get(a).status_code == 200 for a in assets)
    full, old = client.get("/openapi.json").json(), client.get("/openapi-3.0.json").json()
    assert set(old["paths"]) == set(full["paths"]) and '"type": "null"' not in json.dumps(old)
