"""The OpenAPI 3.1 document of the JSON API, built from the message models so it cannot drift."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic.json_schema import models_json_schema

from schemas import LaunchEvent

SOURCE_HEALTH: dict[str, Any] = {
    "type": "object",
    "required": ["name", "url", "kind", "error_count"],
    "properties": {
        "name": {"type": "string"}, "url": {"type": "string"}, "kind": {"enum": ["feed", "page"]},
        "publisher": {"type": ["string", "null"], "description": "What publishes it, as configured: agency, wire, "
                      "news or aggregator."},
        "country": {"type": ["string", "null"], "description": "ISO 3166-1 alpha-2 country of the publisher."},
        "lang": {"type": ["string", "null"], "description": "Language of the source, as configured."},
        "last_success_at": {"type": ["string", "null"], "format": "date-time"},
        "last_polled_at": {"type": ["string", "null"], "format": "date-time"},
        "last_error": {"type": ["string", "null"], "description": "Kind of the last error, e.g. timeout, http_5xx."},
        "last_status": {"type": ["integer", "null"]},
        "error_count": {"type": "integer", "description": "Failed polls in a row."},
        "items_per_day": {"type": ["integer", "null"], "description": "Items first seen in the last 24 h."},
        "next_check_at": {"type": ["string", "null"], "format": "date-time"},
    },
}


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    _, schema = models_json_schema([(LaunchEvent, "serialization")], ref_template="#/components/schemas/{model}")
    components = dict(schema.get("$defs", {}))
    components["SourceHealth"] = SOURCE_HEALTH
    event_ref = {"$ref": "#/components/schemas/LaunchEvent"}
    error = {"application/json": {"schema": {"type": "object", "required": ["error"],
                                              "properties": {"error": {"type": "string"}}}}}
    not_found = {"description": "No event with this id.", "content": error}
    return {
        "openapi": "3.1.0",
        "info": {"title": "launchwatch", "version": "1",
                 "description": "Launch events as the topic launchwatch.events carries them (latest revision)."},
        "paths": {
            "/api/events": {"get": {
                "summary": "Launch events, newest first report first.",
                "parameters": [{"name": "before", "in": "query", "required": False, "schema": {"type": "string"},
                                "description": "Cursor: `first_reported_at|event_id` of the last event of the "
                                               "previous page."}],
                "responses": {"200": {"description": "Events.", "content": {"application/json": {
                    "schema": {"type": "array", "items": event_ref}}}},
                    "400": {"description": "`before` is no cursor.", "content": error}}}},
            "/api/events/{event_id}": {"get": {
                "summary": "One launch event at its latest revision.",
                "parameters": [{"name": "event_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The event.", "content": {"application/json": {
                    "schema": event_ref}}}, "404": not_found}}},
            "/api/sources": {"get": {
                "summary": "Health of every configured feed and page (empty where ingest's state is not local).",
                "responses": {"200": {"description": "Sources.", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/SourceHealth"}}}}}}}},
        },
        "components": {"schemas": components},
    }
