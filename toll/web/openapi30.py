"""The OpenAPI 3.1 document FastAPI writes, restated as 3.0 for the bundled Swagger UI 4, which reads only 3.0."""

from __future__ import annotations

from typing import Any

NULL = {"type": "null"}


def downgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of `doc` as OpenAPI 3.0: `anyOf [X, null]` becomes X with `nullable: true`."""
    out = _walk(doc)
    out["openapi"] = "3.0.3"
    info = out.get("info", {})
    if "summary" in info:  # 3.1 only
        summary = info.pop("summary")
        info["description"] = f"{summary}\n\n{info['description']}" if info.get("description") else summary
    return out


def _walk(node: Any) -> Any:
    if isinstance(node, list):
        return [_walk(x) for x in node]
    if not isinstance(node, dict):
        return node
    options = node.get("anyOf")
    # looked at before the children are rewritten, which would turn the null option itself into {nullable: true}
    nullable = isinstance(options, list) and NULL in options
    out = {k: _walk(v) for k, v in node.items() if not (nullable and k == "anyOf")}
    if nullable:
        rest = [_walk(o) for o in options if o != NULL]
        if len(rest) == 1 and "$ref" not in rest[0]:
            out = {**rest[0], **out}
        elif len(rest) == 1:
            out["allOf"] = rest  # 3.0 ignores siblings of $ref, so nullable needs the ref wrapped
        else:
            out["anyOf"] = rest
        out["nullable"] = True
    if out.get("type") == "null":
        out.pop("type")
        out["nullable"] = True
    if "examples" in out and isinstance(out["examples"], list):  # a 3.1 schema keyword; 3.0 has one example
        examples = out.pop("examples")
        if examples:
            out["example"] = examples[0]
    return out
