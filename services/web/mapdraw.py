"""The event map, drawn on the server: coastlines, launch area, direction, landing area or range.

`layout_map` turns an event into shapes in pixel coordinates (a pure function of the event
and the shipped basemap); `to_svg` writes them as an inline SVG. The projection is
equirectangular scaled by the cosine of the middle latitude: at the regional scale of a
launch it keeps shapes recognisable, and it needs no library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from schemas import LaunchEvent
from services.web.basemap import land_rings
from services.web.geo import EventPlaces, Point, circle, place_event

WIDTH_PX = 640
HEIGHT_PX = 400
MIN_SPAN_DEG = 8.0
PixelRing = list[tuple[float, float]]


@dataclass
class MapDrawing:
    """Shapes of one map, in pixels of a WIDTH_PX x HEIGHT_PX picture."""

    land: list[PixelRing] = field(default_factory=list)
    launch_area: PixelRing = field(default_factory=list)
    range_ring: PixelRing = field(default_factory=list)
    track: PixelRing = field(default_factory=list)          # launch area → landing or target
    landing: tuple[float, float] | None = None
    target: tuple[float, float] | None = None
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    caption: str = ""


@dataclass(frozen=True)
class _Frame:
    west: float
    south: float
    east: float
    north: float
    scale_x: float
    scale_y: float
    offset_x: float
    offset_y: float

    def px(self, lon: float, lat: float) -> tuple[float, float]:
        return (round(self.offset_x + (lon - self.west) * self.scale_x, 1),
                round(self.offset_y + (self.north - lat) * self.scale_y, 1))


def _frame(points: list[Point]) -> _Frame:
    west = min(p.lon for p in points)
    east = max(p.lon for p in points)
    south = min(p.lat for p in points)
    north = max(p.lat for p in points)
    # Pad by a fifth and keep at least MIN_SPAN_DEG, so the coastlines around are seen.
    pad_lon = max((east - west) * 0.2, (MIN_SPAN_DEG - (east - west)) / 2, 0.5)
    pad_lat = max((north - south) * 0.2, (MIN_SPAN_DEG * 0.6 - (north - south)) / 2, 0.5)
    west, east, south, north = west - pad_lon, east + pad_lon, max(south - pad_lat, -85), min(north + pad_lat, 85)
    cos_mid = max(math.cos(math.radians((north + south) / 2)), 0.2)
    scale = min(WIDTH_PX / ((east - west) * cos_mid), HEIGHT_PX / (north - south))
    scale_x, scale_y = scale * cos_mid, scale
    offset_x = (WIDTH_PX - (east - west) * scale_x) / 2
    offset_y = (HEIGHT_PX - (north - south) * scale_y) / 2
    # The frame grows to fill the picture, so coastlines reach every edge.
    west -= offset_x / scale_x
    east += offset_x / scale_x
    north += offset_y / scale_y
    south -= offset_y / scale_y
    return _Frame(west, south, east, north, scale_x, scale_y, 0.0, 0.0)


@dataclass(frozen=True)
class _Bounds:
    rings: tuple[tuple[tuple[float, float], ...], ...]
    boxes: tuple[tuple[float, float, float, float], ...]


_bounds: _Bounds | None = None


def _land() -> _Bounds:
    global _bounds
    if _bounds is None:
        rings = land_rings()
        boxes = tuple((min(x for x, _ in r), min(y for _, y in r), max(x for x, _ in r), max(y for _, y in r))
                      for r in rings)
        _bounds = _Bounds(rings, boxes)
    return _bounds


def _pixels(frame: _Frame, ring) -> PixelRing:  # type: ignore[no-untyped-def]
    out: PixelRing = []
    for lon, lat in ring:
        point = frame.px(lon, lat)
        if not out or abs(point[0] - out[-1][0]) >= 1 or abs(point[1] - out[-1][1]) >= 1:
            out.append(point)  # points within a pixel of the last add nothing
    return out


def layout_map(event: LaunchEvent) -> MapDrawing | None:
    """The shapes of `event`'s map, or None when nothing about it can be placed."""
    places = place_event(event)
    if places is None:
        return None
    area = circle(places.origin, places.origin_radius_km, 48)
    extent = list(area)
    ring = circle(places.origin, places.range_km, 96) if places.range_km and places.landing is None else []
    extent += ring
    for p in (places.target, places.landing):
        if p is not None:
            extent.append(p)
    frame = _frame(extent)
    drawing = MapDrawing()
    land = _land()
    for r, (w, s, e, n) in zip(land.rings, land.boxes):
        if e >= frame.west and w <= frame.east and n >= frame.south and s <= frame.north:
            pixels = _pixels(frame, r)
            if len(pixels) >= 3:
                drawing.land.append(pixels)
    drawing.launch_area = [frame.px(p.lon, p.lat) for p in area]
    drawing.range_ring = [frame.px(p.lon, p.lat) for p in ring]
    ox, oy = frame.px(places.origin.lon, places.origin.lat)
    drawing.labels.append((ox, oy, places.origin_label))
    end = places.landing or places.target
    if end is not None:
        drawing.track = [(ox, oy), frame.px(end.lon, end.lat)]
    if places.landing is not None:
        drawing.landing = frame.px(places.landing.lon, places.landing.lat)
    if places.target is not None and places.target_label:
        drawing.target = frame.px(places.target.lon, places.target.lat)
        drawing.labels.append((*drawing.target, places.target_label))
    drawing.caption = _caption(places)
    return drawing


def _caption(places: EventPlaces) -> str:
    parts = [f"Launch area: {places.origin_label}"]
    if places.bearing_deg is not None:
        parts.append(f"direction {places.target_label} (bearing {places.bearing_deg:.0f}°)")
    if places.landing is not None:
        parts.append(f"landing area about {places.range_km:.0f} km along it")
    elif places.range_km:
        parts.append(f"range ring {places.range_km:.0f} km (direction not stated)")
    return "; ".join(parts) + ". Positions are approximate: the reports name areas, not coordinates."


def _path(ring: PixelRing, close: bool = True) -> str:
    head, *rest = ring
    d = f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest)
    return d + ("Z" if close else "")


def to_svg(drawing: MapDrawing) -> str:
    """The drawing as one `<svg>` element (no script, no external reference); every label
    is escaped."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH_PX} {HEIGHT_PX}" '
             f'class="map" role="img" aria-label={quoteattr(drawing.caption)}>',
             f"<title>{escape(drawing.caption)}</title>",
             f'<rect width="{WIDTH_PX}" height="{HEIGHT_PX}" fill="#dbe9f4"/>']
    if drawing.land:
        parts.append('<path class="land" fill="#f2efe6" stroke="#8a8a7a" stroke-width="0.8" d="'
                     + "".join(_path(r) for r in drawing.land) + '"/>')
    if drawing.range_ring:
        parts.append(f'<path class="range" fill="none" stroke="#c0392b" stroke-dasharray="6 4" '
                     f'stroke-width="1.5" d="{_path(drawing.range_ring)}"/>')
    parts.append(f'<path class="launch-area" fill="#c0392b" fill-opacity="0.25" stroke="#c0392b" '
                 f'd="{_path(drawing.launch_area)}"/>')
    if drawing.track:
        parts.append(f'<path class="track" fill="none" stroke="#c0392b" stroke-width="2.5" '
                     f'd="{_path(drawing.track, close=False)}"/>')
    if drawing.landing:
        x, y = drawing.landing
        parts.append(f'<circle class="landing" cx="{x}" cy="{y}" r="7" fill="none" stroke="#7b241c" '
                     f'stroke-width="2.5"/>')
    for x, y, text in drawing.labels:
        parts.append(f'<text x="{x + 8}" y="{y - 8}" font-size="13" font-family="sans-serif" '
                     f'fill="#222">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def event_svg(event: LaunchEvent) -> str | None:
    """The map of `event` as SVG, or None when it cannot be placed."""
    drawing = layout_map(event)
    return to_svg(drawing) if drawing else None
