"""Write the JSON Schema of every topic message to `schemas/<topic>.schema.json`.

Run `python -m schemas.export` after changing a model; a test fails while the files drift.
"""

from __future__ import annotations

import json
from pathlib import Path

from schemas.models import TOPIC_MODELS

SCHEMA_DIR = Path(__file__).parent


def render(topic: str) -> str:
    """The JSON Schema text of the model carried on `launchwatch.<topic>`."""
    schema = TOPIC_MODELS[topic].model_json_schema(mode="serialization")
    schema["$id"] = f"https://launchwatch.dev/schemas/{topic}.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_path(topic: str) -> Path:
    return SCHEMA_DIR / f"{topic}.schema.json"


def main() -> None:
    for topic in TOPIC_MODELS:
        schema_path(topic).write_text(render(topic), encoding="utf-8")
        print(schema_path(topic))


if __name__ == "__main__":
    main()
