# SPDX-License-Identifier: EUPL-1.2
"""OpenAPI post-processing: document the error answers every operation can give.

drf-spectacular only lists the success answer of an operation. The API also answers 401 (no
or a wrong token), 403 (role may not do this), 404 (not found or out of scope, also for a page
number past the end), and for writes 400 (errors per field, see :mod:`schakel.api.errors`) and
409 (workflow transition not allowed, or a concurrent edit). A client generated from the schema,
and the schema fuzz test, must know these.
"""

from __future__ import annotations

WRITE_METHODS = {"post", "put", "patch", "delete"}

ERROR_SCHEMAS = {
    "ErrorDetail": {
        "type": "object",
        "description": "An error with a human-readable detail.",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    },
    "ValidationErrors": {
        "type": "object",
        "description": "Errors per field (a list of messages, or nested errors per field); "
                       "non_field_errors for errors that concern several fields.",
        "additionalProperties": True,
    },
}


def _error(description: str, component: str) -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{component}"}}}}


COMMON = {
    "401": _error("Not authenticated: no or an invalid token.", "ErrorDetail"),
    "403": _error("Not allowed for this role.", "ErrorDetail"),
    "404": _error("Not found, or not in your scope.", "ErrorDetail"),
}
WRITE = {
    "400": _error("Invalid input: errors per field.", "ValidationErrors"),
    "409": _error("Conflict: transition not allowed here or edited concurrently.",
                  "ErrorDetail"),
}


def add_error_responses(result: dict, generator, request, public) -> dict:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in ERROR_SCHEMAS.items():
        schemas.setdefault(name, schema)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            extra = {**COMMON, **(WRITE if method in WRITE_METHODS else {})}
            for code, response in extra.items():
                operation["responses"].setdefault(code, response)
    return result


# Registered in SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] (schakel.conf.base).
