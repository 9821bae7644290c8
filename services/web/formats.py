"""Launch events in open formats: Atom 1.0, GeoJSON (RFC 7946) and CAP 1.2.

Pure functions of events; the XML is built with ElementTree, which escapes every text and
attribute, so a hostile title stays text in every reader. Characters XML 1.0 cannot carry
at all (control characters a feed may hold) are dropped, since ElementTree would write
them and make the whole document unreadable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from schemas import LaunchEvent
from services.web.geo import place_event
from services.web.pagetext import summary

ATOM_NS = "http://www.w3.org/2005/Atom"
CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"

# Everything outside XML 1.0's Char production (section 2.2).
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

STATUS_WORDS = {"reported": "reported", "confirmed": "confirmed", "claimed": "claimed by the launcher",
                "corrected": "corrected", "retracted": "retracted"}


def _utc(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _rfc3339(moment: datetime) -> str:
    return _utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def _xml_bytes(root: ET.Element) -> bytes:
    """`root` as a UTF-8 document, every text and attribute cut to the characters XML allows."""
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML_CHAR.sub("", element.text)
        for name, value in element.attrib.items():
            element.attrib[name] = _NOT_XML_CHAR.sub("", value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def event_tag(event_id: str) -> str:
    """The event's permanent id in the feeds (a tag: URI, RFC 4151)."""
    return f"tag:launchwatch,2024:event/{event_id}"


def atom_feed(events: Sequence[LaunchEvent], *, base_url: str, now: datetime) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of `events`, one entry per event at its latest revision."""
    ET.register_namespace("", ATOM_NS)
    q = lambda name: f"{{{ATOM_NS}}}{name}"  # noqa: E731
    feed = ET.Element(q("feed"))
    ET.SubElement(feed, q("id")).text = "tag:launchwatch,2024:events"
    ET.SubElement(feed, q("title")).text = "launchwatch: launch events"
    updated = max((e.updated_at for e in events), default=now)
    ET.SubElement(feed, q("updated")).text = _rfc3339(updated)
    ET.SubElement(ET.SubElement(feed, q("author")), q("name")).text = "launchwatch"
    ET.SubElement(feed, q("link"), rel="self", href=f"{base_url}/events.atom", type="application/atom+xml")
    ET.SubElement(feed, q("link"), rel="alternate", href=f"{base_url}/", type="text/html")
    for event in events:
        entry = ET.SubElement(feed, q("entry"))
        ET.SubElement(entry, q("id")).text = event_tag(event.event_id)
        ET.SubElement(entry, q("title")).text = f"[{event.status}] {event.headline}"
        ET.SubElement(entry, q("updated")).text = _rfc3339(event.updated_at)
        ET.SubElement(entry, q("published")).text = _rfc3339(event.first_reported_at)
        ET.SubElement(entry, q("link"), rel="alternate", type="text/html", href=f"{base_url}/events/{event.event_id}")
        ET.SubElement(entry, q("summary"), type="text").text = (
            f"{summary(event)}; {STATUS_WORDS[event.status]}; revision {event.revision}; "
            f"{event.source_count} source(s)")
        for name in (event.actor, event.kind):
            if name:
                ET.SubElement(entry, q("category"), term=name)
    return _xml_bytes(feed)


def event_properties(event: LaunchEvent) -> dict[str, Any]:
    """The facts of an event as flat JSON values (GeoJSON properties)."""
    return {
        "event_id": event.event_id, "revision": event.revision, "status": event.status,
        "actor": event.actor, "kind": event.kind, "count": event.count,
        "count_includes": event.count_includes, "distance_km": event.distance_km,
        "apogee_km": event.apogee_km, "launch_site": event.launch_site, "direction": event.direction,
        "source_agency": event.source_agency,
        # A report that gave the day alone gives `launched_on`, the day in the launch's zone;
        # `launched_at` is then null, not an hour no report stated.
        "launched_at": event.launched_at.isoformat() if event.launched_at and event.launched_on is None else None,
        "launched_on": event.launched_on.isoformat() if event.launched_on else None,
        "first_reported_at": event.first_reported_at.isoformat(), "updated_at": event.updated_at.isoformat(),
        "headline": event.headline, "confidence": event.confidence, "source_count": event.source_count,
    }


def geojson(events: Sequence[LaunchEvent], *, base_url: str) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946): one Feature per event.

    The geometry is the launch area's centre and, when a direction is known, the line to the
    landing area or the named place; an event that cannot be placed has a null geometry.
    Coordinates are [longitude, latitude] (WGS 84), as RFC 7946 requires.
    """
    features = []
    for event in events:
        places = place_event(event)
        geometry: dict[str, Any] | None = None
        properties = event_properties(event) | {"url": f"{base_url}/events/{event.event_id}"}
        if places is not None:
            origin = [round(places.origin.lon, 4), round(places.origin.lat, 4)]
            end = places.landing or places.target
            if end is None:
                geometry = {"type": "Point", "coordinates": origin}
            else:
                geometry = {"type": "GeometryCollection", "geometries": [
                    {"type": "Point", "coordinates": origin},
                    {"type": "LineString", "coordinates": [origin, [round(end.lon, 4), round(end.lat, 4)]]}]}
            properties |= {"launch_area": places.origin_label, "launch_area_radius_km": places.origin_radius_km,
                           "bearing_deg": round(places.bearing_deg, 1) if places.bearing_deg is not None else None,
                           "approximate": True}
        features.append({"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


_CERTAINTY = {"confirmed": "Observed", "reported": "Likely", "claimed": "Likely", "corrected": "Likely",
              "retracted": "Unlikely"}


def _cap_time(moment: datetime) -> str:
    # CAP 1.2 wants "2002-05-24T16:49:00-07:00": seconds, a numeric offset, no "Z".
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def cap_alert(event: LaunchEvent, *, base_url: str, sender: str = "launchwatch@localhost",
              previous: LaunchEvent | None = None) -> bytes:
    """One CAP 1.2 alert for the event's latest revision.

    msgType is Alert for the first revision, Update for later ones (referencing `previous`
    when given) and Cancel when the event was retracted. The area is the launch area as a
    circle ("lat,lon radius_km"), when the event can be placed.
    """
    ET.register_namespace("", CAP_NS)
    q = lambda name: f"{{{CAP_NS}}}{name}"  # noqa: E731
    alert = ET.Element(q("alert"))

    def add(parent: ET.Element, name: str, text: str) -> ET.Element:
        child = ET.SubElement(parent, q(name))
        child.text = text
        return child

    add(alert, "identifier", f"{event.event_id}.{event.revision}")
    add(alert, "sender", sender)
    add(alert, "sent", _cap_time(event.updated_at))
    add(alert, "status", "Actual")
    msg_type = "Cancel" if event.status == "retracted" else ("Alert" if event.revision == 1 else "Update")
    add(alert, "msgType", msg_type)
    add(alert, "scope", "Public")
    if previous is not None and msg_type != "Alert":
        add(alert, "references",
            f"{sender},{previous.event_id}.{previous.revision},{_cap_time(previous.updated_at)}")
    info = ET.SubElement(alert, q("info"))
    add(info, "language", "en-US")
    add(info, "category", "Security")
    add(info, "event", "Missile or rocket launch")
    add(info, "urgency", "Past" if event.stale else "Immediate")
    add(info, "severity", "Severe")
    # A corrected launch that was confirmed was observed: the correction changed a fact of it.
    add(info, "certainty", "Observed" if event.confirmed and event.status == "corrected" else _CERTAINTY[event.status])
    if event.launched_at is not None and event.launched_on is None:
        add(info, "onset", _cap_time(event.launched_at))  # when it was fired, where a report says the time
    add(info, "senderName", "launchwatch")
    add(info, "headline", event.headline[:160])
    add(info, "description", f"{summary(event)}. Status: {STATUS_WORDS[event.status]}. "
                             f"{event.source_count} independent source(s). Revision {event.revision}.")
    add(info, "web", f"{base_url}/events/{event.event_id}")
    places = place_event(event)
    if places is not None:
        area = ET.SubElement(info, q("area"))
        add(area, "areaDesc", f"Launch area: {places.origin_label} (approximate)")
        add(area, "circle", f"{places.origin.lat:.4f},{places.origin.lon:.4f} {places.origin_radius_km:.1f}")
    return _xml_bytes(alert)
