"""The AsyncAPI contract is generated from the models, is valid by the published AsyncAPI
3.0.0 JSON Schema (tests/data/schemas/asyncapi-3.0.0.json, from `@asyncapi/specs`), and
every reference in it resolves."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from schemas.asyncapi import PATH, render
from schemas.models import TOPIC_MODELS


def resolve(doc: dict, ref: str) -> object:
    node: object = doc
    for part in ref.removeprefix("#/").split("/"):
        assert isinstance(node, dict) and part in node, f"unresolved reference {ref}"
        node = node[part]
    return node


def refs(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_the_checked_in_contract_matches_the_models():
    assert PATH.read_text(encoding="utf-8") == render(), "schemas/asyncapi.yaml drifted: run python -m schemas.asyncapi"


ASYNCAPI_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "schemas" / "asyncapi-3.0.0.json"


def asyncapi_errors(doc: dict) -> list[str]:
    schema = json.loads(ASYNCAPI_SCHEMA.read_text(encoding="utf-8"))
    return [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]


def test_the_contract_is_valid_by_the_published_asyncapi_3_schema():
    assert asyncapi_errors(json.loads(PATH.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("break_it", [
    lambda d: d.pop("info"),
    lambda d: d.__setitem__("servers", {"kafka": {"host": "broker:9092"}}),  # no protocol
    lambda d: next(iter(d["operations"].values())).__setitem__("action", "publish"),  # AsyncAPI 2's word
])
def test_the_schema_refuses_a_broken_contract(break_it):
    doc = copy.deepcopy(json.loads(PATH.read_text(encoding="utf-8")))
    break_it(doc)
    assert asyncapi_errors(doc)


def test_the_contract_has_asyncapi_3_structure_and_every_reference_resolves():
    doc = json.loads(PATH.read_text(encoding="utf-8"))
    assert doc["asyncapi"] == "3.0.0"
    assert {"title", "version"} <= set(doc["info"])
    assert {c["address"] for c in doc["channels"].values()} == {f"launchwatch.{t}" for t in TOPIC_MODELS}
    for channel in doc["channels"].values():
        assert channel["bindings"]["kafka"]["partitions"] >= 1
    for operation in doc["operations"].values():
        assert operation["action"] in ("send", "receive") and "$ref" in operation["channel"]
    for ref in refs(doc):
        assert ref.startswith("#/"), ref
        resolve(doc, ref)


def test_the_events_topic_is_compacted_and_keyed_by_event_id():
    doc = json.loads(PATH.read_text(encoding="utf-8"))
    events = doc["channels"]["events"]
    assert events["bindings"]["kafka"]["topicConfiguration"]["cleanup.policy"] == ["compact"]
    assert doc["channels"]["items"]["bindings"]["kafka"]["topicConfiguration"]["cleanup.policy"] == ["delete"]
    assert doc["components"]["messages"]["events"]["bindings"]["kafka"]["key"]["description"].startswith("event_id")
    assert "event_id" in doc["components"]["schemas"]["LaunchEvent"]["properties"]


def test_topics_are_created_as_the_contract_says():
    from services.runtime.kafka_bus import topic_configs

    doc = json.loads(PATH.read_text(encoding="utf-8"))
    for channel in doc["channels"].values():
        created = topic_configs(channel["address"], retention_ms=604800000)
        assert [created["cleanup.policy"]] == channel["bindings"]["kafka"]["topicConfiguration"]["cleanup.policy"]
