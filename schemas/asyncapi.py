"""The AsyncAPI 3.0 contract of launchwatch's topics, generated from the message models.

`python -m schemas.asyncapi` writes `schemas/asyncapi.yaml`; a test fails while it drifts
from the models. The document is written in YAML's JSON form (every JSON document is YAML
1.2), so no YAML library is needed to write or read it.
"""

from __future__ import annotations

import json
from pathlib import Path

from schemas.models import TOPIC_MODELS

PATH = Path(__file__).parent / "asyncapi.yaml"

# What each topic's key is, and how the topic is kept (as `launchwatch run`/`serve` create it).
KEYS = {
    "items": ("item_id", "The item's id: every revision of an item goes to one partition, in order."),
    "reports": ("item_id", "The classified item's id."),
    "launch-reports": ("the constant `launch-reports`", "One key: the clusterer sees every launch report in order."),
    "events": ("event_id", "The launch event's id; a state key: the topic is compacted to the latest revision."),
    "dlq": ("event_id, else the failed record's key", "Groups the letters of one event."),
}
SUMMARIES = {
    "items": "Every new item and every changed revision of an item, as fetched from a source.",
    "reports": "The classification of every item.",
    "launch-reports": "The reports that reach clustering: launch reports above the confidence floor, and reports whose title walks back an earlier one (is_launch false).",
    "events": "Launch events: every revision carries the whole current state. The public contract.",
    "dlq": "What a stage could not handle, with the reason; `launchwatch dlq list|replay` reads it.",
}


def cleanup_policy(topic: str) -> str:
    return "compact" if topic == "events" else "delete"


def document() -> dict:
    """The AsyncAPI 3.0 document as a dict (channel addresses use the default prefix)."""
    channels: dict = {}
    operations: dict = {}
    schemas: dict = {}
    messages: dict = {}
    for topic, model in TOPIC_MODELS.items():
        name = model.__name__
        schema = model.model_json_schema(mode="serialization", ref_template="#/components/schemas/{model}")
        for sub_name, sub in schema.pop("$defs", {}).items():
            schemas[sub_name] = sub
        schemas[name] = schema
        key_name, key_description = KEYS[topic]
        message_id = topic.replace("-", "_")
        messages[message_id] = {
            "name": name,
            "title": f"{name} on launchwatch.{topic}",
            "contentType": "application/json",
            "payload": {"$ref": f"#/components/schemas/{name}"},
            "bindings": {"kafka": {"key": {"type": "string", "description": f"{key_name}: {key_description}"},
                                   "bindingVersion": "0.5.0"}},
        }
        channel_id = message_id
        channels[channel_id] = {
            "address": f"launchwatch.{topic}",
            "description": SUMMARIES[topic],
            "messages": {name: {"$ref": f"#/components/messages/{message_id}"}},
            "bindings": {"kafka": {
                "topic": f"launchwatch.{topic}",
                "partitions": 6,
                "replicas": 1,
                "topicConfiguration": {"cleanup.policy": [cleanup_policy(topic)]},
                "bindingVersion": "0.5.0",
            }},
        }
        operations[f"receive_{message_id}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "summary": f"Read {name} messages from launchwatch.{topic}.",
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{name}"}],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "launchwatch",
            "version": "1.0.0",
            "description": "Topics of launchwatch, JSON values. Addresses assume the default `[bus] topic_prefix` "
                           "(`launchwatch.`); partitions and replicas are the defaults of `[bus] partitions` and "
                           "`[bus] replication_factor`. Readers ignore unknown fields; `schema_version` changes "
                           "when a field's meaning does.",
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }


def render() -> str:
    return json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    PATH.write_text(render(), encoding="utf-8")
    print(PATH)


if __name__ == "__main__":
    main()
