"""The configuration reference, generated from the settings models.

`python -m services.config_doc` prints the Markdown table `docs/configuration.md`
carries between its markers; `python -m services.config_doc --write` puts it there. A test
fails when that copy drifts from the models.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from services.runtime.config_model import Section
from services.config import Settings

BEGIN = "<!-- config-reference:begin -->"
END = "<!-- config-reference:end -->"
DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def _type_name(annotation: Any) -> str:
    """`str`, `"memory" or "kafka"`, `list of str`, `secret, optional`: readable in a table."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:  # a checked str (a zone, a URL): named by what it holds
        return _type_name(args[0])
    if origin is typing.Literal:
        return " or ".join(json.dumps(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        text = " or ".join(_type_name(a) for a in present)
        return f"{text}, optional" if len(present) < len(args) else text
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if annotation is SecretStr:
        return "secret"
    return getattr(annotation, "__name__", str(annotation))


def _default(field: FieldInfo) -> str:
    if field.default is PydanticUndefined:
        return "required"
    value = field.default
    if isinstance(value, BaseModel):
        return ""
    if value is None:
        return "—"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _section_model(annotation: Any) -> tuple[type[Section] | None, bool]:
    """The Section model behind a field, and whether it is an array of tables."""
    if isinstance(annotation, type) and issubclass(annotation, Section):
        return annotation, False
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is list and args and isinstance(args[0], type) and issubclass(args[0], Section):
        return args[0], True
    return None, False


def reference() -> str:
    """Every config key as a Markdown table: key, type, default, meaning."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        model, is_array = _section_model(field.annotation)
        if model is None:
            continue
        section = f"[[{name}]]" if is_array else f"[{name}]"
        for key, sub in model.model_fields.items():
            meaning = (sub.description or "").replace("|", "\\|")
            rows.append(f"| `{section}` `{key}` | {_type_name(sub.annotation)} | {_default(sub)} | {meaning} |")
    return "\n".join(rows)


def reference_block() -> str:
    """The reference between its markers, as `docs/configuration.md` holds it."""
    return f"{BEGIN}\n{reference()}\n{END}"


def write_reference(path: Path = DOC) -> None:
    """Replace the block between the markers in `path` with the current reference.

    Raises ValueError when the file lacks the markers.
    """
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise ValueError(f"{path} lacks the {BEGIN} ... {END} markers")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    path.write_text(text[:start] + reference_block() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write_reference()
    else:
        print(reference_block())
