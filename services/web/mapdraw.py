"""The event map, drawn on the server: coastlines, states' maritime boundaries, launch area,
direction, landing area or range.

`layout_map` turns an event into shapes in pixel coordinates (a pure function of the event
and the shipped basemap); `to_svg` writes them as an inline SVG and `to_png` paints the same
shapes, in the same colours and strokes, as a PNG (for e-mail and chat). The projection is
equirectangular scaled by the cosine of the middle latitude: at the regional scale of a
launch it keeps shapes recognisable, and it needs no library.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from schemas import LaunchEvent
from services.web.basemap import land_rings
from services.web.geo import EventPlaces, Point, circle, place_event
from services.web.maritime import AreaZones, area_zones, boundaries

WIDTH_PX = 640
HEIGHT_PX = 400
MIN_SPAN_DEG = 8.0
PixelRing = list[tuple[float, float]]

# One style for both writers, so the SVG and the PNG look alike.
SEA = "#dbe9f4"
LAND_FILL, LAND_STROKE, LAND_STROKE_PX = "#f2efe6", "#8a8a7a", 0.8
ZONE_STROKE, ZONE_STROKE_PX = "#8fa9c4", 0.7   # faint: borders and 12-nmi limits under the marks
ZONE_CELL_PX = 2.0   # a faint line needs no more than a point every 2 pixels
ZONE_MIN_PX = 4.0    # outlines smaller than this across are not drawn
MARK = "#c0392b"                       # launch area, range ring, track
AREA_OPACITY = 0.25
RANGE_STROKE_PX, RANGE_DASH_PX = 1.5, (6.0, 4.0)
TRACK_STROKE_PX = 2.5
LANDING = "#7b241c"
LANDING_RADIUS_PX, LANDING_STROKE_PX = 7.0, 2.5  # the landing ring's least radius: seen at any scale
LABEL_COLOUR, LABEL_SIZE_PX, LABEL_OFFSET_PX = "#222", 13, 8.0
ARROW_LENGTH_PX, ARROW_HALF_WIDTH_PX = 13.0, 6.0


class Label(NamedTuple):
    """A label's text and where it is written: `x, y` is the start of its baseline, or its
    end where `end` is true (the label then runs leftwards from it)."""

    x: float
    y: float
    text: str
    end: bool = False


@dataclass
class MapDrawing:
    """Shapes of one map, in pixels of a WIDTH_PX x HEIGHT_PX picture."""

    land: list[PixelRing] = field(default_factory=list)
    zones: list[PixelRing] = field(default_factory=list)    # states' land and territorial-sea outlines
    launch_area: PixelRing = field(default_factory=list)
    range_ring: PixelRing = field(default_factory=list)
    track: PixelRing = field(default_factory=list)          # launch area → landing or target
    arrow: PixelRing = field(default_factory=list)          # the track's head: which way it flew
    landing: tuple[float, float] | None = None
    landing_radius_px: float = LANDING_RADIUS_PX  # the landing area at the map's scale, LANDING_RADIUS_PX at least
    target: tuple[float, float] | None = None
    labels: list[Label] = field(default_factory=list)
    landing_zones: AreaZones | None = None                  # the states the landing area lies in
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
    rings: tuple[np.ndarray, ...]
    boxes: tuple[tuple[float, float, float, float], ...]


_bounds: _Bounds | None = None


def _land() -> _Bounds:
    global _bounds
    if _bounds is None:
        rings = tuple(np.asarray(r, dtype=float) for r in land_rings())
        boxes = tuple((float(r[:, 0].min()), float(r[:, 1].min()), float(r[:, 0].max()), float(r[:, 1].max()))
                      for r in rings)
        _bounds = _Bounds(rings, boxes)
    return _bounds


def _unwrapped(ring: np.ndarray, centre_lon: float) -> np.ndarray:
    """The longitudes of `ring` with no step across the antimeridian (a step of more than 180
    degrees is the same step the other way round the globe), then moved by whole turns to
    lie nearest `centre_lon`. Without it Eurasia's ring, which goes on past 180 degrees east
    into Chukotka, is drawn with an edge straight across the map."""
    lon = ring[:, 0]
    if lon.max() - lon.min() > 180.0:  # else no step can be more than 180 degrees
        lon = np.unwrap(lon, period=360.0)
    middle = (lon.min() + lon.max()) / 2
    return lon + 360.0 * round((centre_lon - middle) / 360.0)


_CLIP_MARGIN_PX = 4.0
_LEFT, _RIGHT, _ABOVE, _BELOW = 1, 2, 4, 8


def _pixel_rings(frame: _Frame, rings: list[np.ndarray], cell_px: float = 1.0) -> list[PixelRing]:
    """`rings` in pixels, without the points the picture cannot show: those bending a ring
    only beyond an edge, and all but the first in each square of `cell_px`; rings left with
    fewer than 3 points are left out. All rings in one pass of array operations: a map holds
    a hundred of them, most of them islets."""
    if not rings:
        return []
    centre = (frame.west + frame.east) / 2
    lon = np.concatenate([_unwrapped(r, centre) for r in rings])
    lat = np.concatenate([r[:, 1] for r in rings])
    lengths = np.array([len(r) for r in rings])
    first = np.zeros(len(lon), dtype=bool)
    first[np.cumsum(lengths) - lengths] = True
    last = np.zeros(len(lon), dtype=bool)
    last[np.cumsum(lengths) - 1] = True
    x = np.round(frame.offset_x + (lon - frame.west) * frame.scale_x, 1)
    y = np.round(frame.offset_y + (frame.north - lat) * frame.scale_y, 1)
    m = _CLIP_MARGIN_PX
    sides = ((x < -m) * _LEFT | (x > WIDTH_PX + m) * _RIGHT | (y < -m) * _ABOVE | (y > HEIGHT_PX + m) * _BELOW)
    for side in (_LEFT, _RIGHT, _ABOVE, _BELOW):
        # A point beyond one side of the picture whose two neighbours are beyond it too only
        # bends the outline where nobody sees it: dropped, the straight edges in its place stay
        # beyond that side, for a fill as for a stroke. One side a pass, so that a run of
        # dropped points never cuts a corner of the picture. Russia's outline is thousands of
        # points, a few hundred of them on a map of Korea. A ring's ends are always kept.
        beyond = (sides & side) != 0
        drop = np.zeros(len(x), dtype=bool)
        drop[1:-1] = beyond[1:-1] & beyond[:-2] & beyond[2:]
        drop &= ~(first | last)
        if drop.any():
            keep = ~drop
            x, y, sides, first, last = x[keep], y[keep], sides[keep], first[keep], last[keep]
    # A point in the same cell as the one before it adds nothing: on a map of half of Asia
    # the boundaries hold ten points a pixel.
    cell_x, cell_y = np.floor(x / cell_px), np.floor(y / cell_px)
    keep = first.copy()
    keep[1:] |= (cell_x[1:] != cell_x[:-1]) | (cell_y[1:] != cell_y[:-1])
    xs, ys = x[keep].tolist(), y[keep].tolist()
    starts = np.flatnonzero(first[keep]).tolist() + [len(xs)]
    out = []
    for a, b in zip(starts, starts[1:]):
        if b - a >= 3:
            out.append(list(zip(xs[a:b], ys[a:b])))
    return out


def _overlaps(frame: _Frame, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return east >= frame.west and west <= frame.east and north >= frame.south and south <= frame.north


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
    drawing.land = _pixel_rings(frame, [r for r, box in zip(land.rings, land.boxes) if _overlaps(frame, box)])
    zone_rings = []
    for zone in boundaries().zones:
        for rings, (w, s, e, n) in zip(zone.polygons, zone.boxes):
            if _overlaps(frame, (w, s, e, n)) and max((e - w) * frame.scale_x, (n - s) * frame.scale_y) >= ZONE_MIN_PX:
                zone_rings.extend(rings)  # an islet's circle seen from afar is a dot that says nothing
    drawing.zones = _pixel_rings(frame, zone_rings, ZONE_CELL_PX)
    drawing.launch_area = [frame.px(p.lon, p.lat) for p in area]
    drawing.range_ring = [frame.px(p.lon, p.lat) for p in ring]
    ox, oy = frame.px(places.origin.lon, places.origin.lat)
    if places.landing is not None and places.landing_radius_km is not None:
        drawing.landing = frame.px(places.landing.lon, places.landing.lat)
        # The ring is the landing area the zones are judged on, drawn to scale (a degree
        # of latitude is 111.2 km), where that is larger than the least ring.
        drawing.landing_radius_px = round(max(LANDING_RADIUS_PX, places.landing_radius_km / 111.2 * frame.scale_y), 1)
        drawing.landing_zones = area_zones(places.landing, places.landing_radius_km)
        # In the bottom-left corner, where it covers no other label whatever the bearing.
        drawing.labels.append(Label(LABEL_OFFSET_PX, HEIGHT_PX - LABEL_OFFSET_PX,
                                    f"Landing area {drawing.landing_zones.statement}"))
    end = places.landing or places.target
    if end is not None:
        drawing.track, drawing.arrow = _track((ox, oy), frame.px(end.lon, end.lat),
                                              drawing.landing_radius_px if drawing.landing else 0.0)
    drawing.labels.append(_placed((ox, oy), places.origin_label, drawing))
    if places.target is not None and places.target_label:
        drawing.target = frame.px(places.target.lon, places.target.lat)
        drawing.labels.append(_placed(drawing.target, places.target_label, drawing))
    drawing.caption = _caption(places, drawing.landing_zones)
    return drawing


def _track(start: tuple[float, float], end: tuple[float, float], short_px: float) -> tuple[PixelRing, PixelRing]:
    """The line from `start` towards `end`, stopped `short_px` before it (the landing ring's
    edge), and the arrowhead whose tip is there (smaller on a short track, taking at most
    half of what is seen of it; none where too little is seen)."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    head = min(ARROW_LENGTH_PX, (length - short_px) / 2)
    if head < 3.0:
        return [start, end], []
    ux, uy = dx / length, dy / length
    tip = (end[0] - ux * short_px, end[1] - uy * short_px)
    base = (tip[0] - ux * head, tip[1] - uy * head)
    half = ARROW_HALF_WIDTH_PX * head / ARROW_LENGTH_PX
    wing_x, wing_y = -uy * half, ux * half
    return [start, base], [tip, (base[0] + wing_x, base[1] + wing_y), (base[0] - wing_x, base[1] - wing_y)]


def _label_box(label: Label) -> tuple[float, float, float, float]:
    """The box a label's text takes (an estimate: Latin letters about 0.56 em wide, CJK one)."""
    width = LABEL_SIZE_PX * sum(1.0 if ord(ch) >= 0x2E80 else 0.56 for ch in label.text)
    left = label.x - width if label.end else label.x
    return left - 1.0, label.y - LABEL_SIZE_PX - 1.0, left + width + 1.0, label.y + 4.0  # and a pixel around


def _placed(point: tuple[float, float], text: str, drawing: MapDrawing) -> Label:
    """The label of a point, beside it where its text stays inside the map and crosses
    neither the track nor another label, nor covers the landing ring: above right, above
    left, below right or below left, in that order of preference (right of the map's
    middle, left first, so that a label runs inwards). Where every side costs something, a
    label cut at the edge costs most, then one across the track or another label, then
    one over the ring. A point inside the ring may also be labelled beyond it, level with
    the point or above or below the ring."""
    x, y = point
    above, below = y - LABEL_OFFSET_PX, y + LABEL_OFFSET_PX + LABEL_SIZE_PX
    right_of, left_of = Label(x + LABEL_OFFSET_PX, above, text), Label(x - LABEL_OFFSET_PX, above, text, True)
    sides = [right_of, left_of] if x <= WIDTH_PX / 2 else [left_of, right_of]
    candidates = sides + [side._replace(y=below) for side in sides]
    lines = list(zip(drawing.track, drawing.track[1:])) + list(zip(drawing.arrow, drawing.arrow[1:]))
    taken = [_label_box(label) for label in drawing.labels]
    ring = None
    if drawing.landing:  # the landing ring, with its stroke
        lx, ly = drawing.landing
        r = drawing.landing_radius_px + LANDING_STROKE_PX
        ring = (lx - r, ly - r, lx + r, ly + r)
        if max(abs(x - lx), abs(y - ly)) < r:
            # A point inside the ring (a sea's name where the landing is at the sea's point):
            # the same sides, but clear of the ring.
            out_above, out_below = ly - r - LABEL_OFFSET_PX, ly + r + LABEL_OFFSET_PX + LABEL_SIZE_PX
            out = [Label(lx + r + LABEL_OFFSET_PX, y, text), Label(lx - r - LABEL_OFFSET_PX, y, text, True)]
            out = out if x <= WIDTH_PX / 2 else out[::-1]
            candidates += out + [Label(x, out_above, text, x > WIDTH_PX / 2), Label(x, out_below, text, x > WIDTH_PX / 2)]

    def cost(label: Label) -> float:
        left, top, right, bottom = box = _label_box(label)
        outside = max(0.0, -left) + max(0.0, right - WIDTH_PX) + max(0.0, -top) + max(0.0, bottom - HEIGHT_PX)
        crossed = sum(_crosses(box, a, b) for a, b in lines) + sum(_boxes_meet(box, other) for other in taken)
        covers_ring = ring is not None and _boxes_meet(box, ring)
        return 50.0 * outside + 1000.0 * crossed + 300.0 * covers_ring

    return min(candidates, key=cost)  # the first of equal cost: the order of preference


def _boxes_meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: tuple[float, float, float, float], a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the segment a-b passes through the box (Liang-Barsky clipping)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    enter, leave = 0.0, 1.0
    for p, q in ((-dx, a[0] - box[0]), (dx, box[2] - a[0]), (-dy, a[1] - box[1]), (dy, box[3] - a[1])):
        if p == 0:
            if q < 0:
                return False  # parallel to this edge and outside it
            continue
        t = q / p
        if p < 0:
            enter = max(enter, t)
        else:
            leave = min(leave, t)
        if enter > leave:
            return False
    return True


def _caption(places: EventPlaces, zones: AreaZones | None) -> str:
    parts = [f"Launch area: {places.origin_label}"]
    if places.bearing_deg is not None:
        parts.append(f"direction {places.target_label} (bearing {places.bearing_deg:.0f}°)")
    if places.landing is not None:
        parts.append(f"landing area about {places.range_km:.0f} km along it"
                     + (f", {zones.statement}" if zones else ""))
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
             f'<rect width="{WIDTH_PX}" height="{HEIGHT_PX}" fill="{SEA}"/>']
    if drawing.land:
        parts.append(f'<path class="land" fill="{LAND_FILL}" stroke="{LAND_STROKE}" '
                     f'stroke-width="{LAND_STROKE_PX:g}" d="' + "".join(_path(r) for r in drawing.land) + '"/>')
    if drawing.zones:
        parts.append(f'<path class="zones" fill="none" stroke="{ZONE_STROKE}" stroke-width="{ZONE_STROKE_PX:g}" '
                     f'd="' + "".join(_path(r) for r in drawing.zones) + '"/>')
    if drawing.range_ring:
        dash = " ".join(f"{d:g}" for d in RANGE_DASH_PX)
        parts.append(f'<path class="range" fill="none" stroke="{MARK}" stroke-dasharray="{dash}" '
                     f'stroke-width="{RANGE_STROKE_PX:g}" d="{_path(drawing.range_ring)}"/>')
    parts.append(f'<path class="launch-area" fill="{MARK}" fill-opacity="{AREA_OPACITY:g}" stroke="{MARK}" '
                 f'd="{_path(drawing.launch_area)}"/>')
    if drawing.track:
        parts.append(f'<path class="track" fill="none" stroke="{MARK}" stroke-width="{TRACK_STROKE_PX:g}" '
                     f'd="{_path(drawing.track, close=False)}"/>')
    if drawing.arrow:
        parts.append(f'<path class="arrow" fill="{MARK}" stroke="none" d="{_path(drawing.arrow)}"/>')
    if drawing.landing:
        x, y = drawing.landing
        parts.append(f'<circle class="landing" cx="{x}" cy="{y}" r="{drawing.landing_radius_px:g}" fill="none" '
                     f'stroke="{LANDING}" stroke-width="{LANDING_STROKE_PX:g}"/>')
    for label in drawing.labels:
        parts.append(f'<text x="{label.x:g}" y="{label.y:g}" font-size="{LABEL_SIZE_PX}" '
                     f'text-anchor="{"end" if label.end else "start"}" '
                     f'font-family="sans-serif" fill="{LABEL_COLOUR}">{escape(label.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# The PNG is painted at twice its size and scaled down: ImageDraw does not anti-alias, and
# the scaling smooths the coastlines and rings.
_SUPERSAMPLE = 2
_font: ImageFont.FreeTypeFont | ImageFont.ImageFont | None = None


def _label_font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    global _font
    if _font is None:
        # Pillow's bundled font (no system font needed); `size` needs Pillow >= 10.1 with FreeType.
        _font = ImageFont.load_default(size=LABEL_SIZE_PX * _SUPERSAMPLE)
    return _font


def _scaled(ring: PixelRing) -> list[tuple[float, float]]:
    return [(x * _SUPERSAMPLE, y * _SUPERSAMPLE) for x, y in ring]


def _dashes(ring: list[tuple[float, float]], on: float, off: float) -> list[list[tuple[float, float]]]:
    """The closed `ring` cut into dashes `on` long with gaps `off` long, as SVG's stroke-dasharray does."""
    points = ring + ring[:1]
    dashes: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = [points[0]]
    drawing, left = True, on
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while length - done > left:
            done += left
            point = (x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length)
            if drawing:
                current.append(point)
                dashes.append(current)
            current = [point]
            drawing = not drawing
            left = off if not drawing else on
        left -= length - done
        if drawing:
            current.append((x1, y1))
    if drawing and len(current) > 1:
        dashes.append(current)
    return dashes


def _width(stroke_px: float) -> int:
    return max(1, round(stroke_px * _SUPERSAMPLE))


def to_png(drawing: MapDrawing) -> bytes:
    """The drawing as a WIDTH_PX x HEIGHT_PX PNG: the same shapes and colours as `to_svg`."""
    k = _SUPERSAMPLE
    image = Image.new("RGB", (WIDTH_PX * k, HEIGHT_PX * k), SEA)
    # "RGBA" drawing on an RGB image blends a colour's alpha into what is below it, which
    # the see-through launch area needs, without a full-size layer to composite.
    draw = ImageDraw.Draw(image, "RGBA")
    for ring in drawing.land:
        # Fill, then the coastline as one line: Pillow's wide polygon outline costs more than both.
        scaled = _scaled(ring)
        draw.polygon(scaled, fill=LAND_FILL)
        draw.line(scaled + scaled[:1], fill=LAND_STROKE, width=_width(LAND_STROKE_PX))
    for ring in drawing.zones:
        scaled = _scaled(ring)
        draw.line(scaled + scaled[:1], fill=ZONE_STROKE, width=_width(ZONE_STROKE_PX))
    if drawing.range_ring:
        on, off = (d * k for d in RANGE_DASH_PX)
        for dash in _dashes(_scaled(drawing.range_ring), on, off):
            draw.line(dash, fill=MARK, width=_width(RANGE_STROKE_PX))
    if drawing.launch_area:
        # The area is see-through, as in the SVG: its fill is blended over the land and sea.
        draw.polygon(_scaled(drawing.launch_area), fill=MARK + f"{round(AREA_OPACITY * 255):02x}")
        draw.polygon(_scaled(drawing.launch_area), outline=MARK, width=_width(1.0))
    if drawing.track:
        draw.line(_scaled(drawing.track), fill=MARK, width=_width(TRACK_STROKE_PX), joint="curve")
    if drawing.arrow:
        draw.polygon(_scaled(drawing.arrow), fill=MARK)
    if drawing.landing:
        x, y = drawing.landing
        r = drawing.landing_radius_px
        draw.ellipse([(x - r) * k, (y - r) * k, (x + r) * k, (y + r) * k], outline=LANDING,
                     width=_width(LANDING_STROKE_PX))
    font = _label_font()
    for label in drawing.labels:
        # The SVG's y is the text's baseline; "ls" ("rs" for a label that ends at x) anchors
        # Pillow's text there too.
        draw.text((label.x * k, label.y * k), label.text, fill=LABEL_COLOUR, font=font,
                  anchor="rs" if label.end else "ls")
    out = io.BytesIO()
    # Each output pixel is the mean of the k x k it was painted as: the antialiasing of
    # supersampling, at a fraction of a Lanczos filter's cost on the full picture.
    # A map has a few colours and their blends along edges: 64 palette entries hold them,
    # and an indexed PNG is half the size and compresses in half the time of an RGB one.
    image.reduce(k).quantize(64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
    return out.getvalue()


def event_svg(event: LaunchEvent) -> str | None:
    """The map of `event` as SVG, or None when it cannot be placed."""
    drawing = layout_map(event)
    return to_svg(drawing) if drawing else None


def event_png(event: LaunchEvent) -> bytes | None:
    """The map of `event` as PNG bytes, or None when it cannot be placed."""
    drawing = layout_map(event)
    return to_png(drawing) if drawing else None
