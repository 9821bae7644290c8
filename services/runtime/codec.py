"""Turning a record's bytes into its topic model, with an error that names what was wrong."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from services.runtime.bus import Record
from services.runtime.errors import InvalidMessage

M = TypeVar("M", bound=BaseModel)


def decode(model: type[M], record: Record) -> M:
    """The record's payload as `model`; raises InvalidMessage naming the first bad field, or
    saying the record has no value (a tombstone, as a compacted topic may hold)."""
    return decode_value(model, record.value)


def decode_value(model: type[M], value: bytes | None) -> M:
    """A record's value as `model` (see `decode`)."""
    if value is None:
        raise InvalidMessage(f"not a {model.__name__}: the record has no value (a tombstone)")
    try:
        return model.model_validate_json(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        raise InvalidMessage(f"not a {model.__name__}: {where}: {first['msg']}") from exc
