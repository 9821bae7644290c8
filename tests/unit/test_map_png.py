"""The event map as a PNG: the same shapes as the SVG, painted with Pillow, served at
/events/{id}/map.png."""

from __future__ import annotations

import io
import math
import sqlite3
import time

from PIL import Image, ImageColor

from services.web import mapdraw
from services.web.app import build_web_app
from services.web.store import EventStore, LiveFeed
from tests.web_samples import T0, korean_event


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def _near(colour: tuple[int, int, int], name: str, tolerance: int = 40) -> bool:
    want = ImageColor.getrgb(name)
    return all(abs(a - b) <= tolerance for a, b in zip(colour, want))


def _reddish(colour: tuple[int, int, int]) -> bool:
    r, g, b = colour
    return r > g + 30 and r > b + 30


def test_png_paints_the_svg_shapes_where_the_svg_puts_them() -> None:
    event = korean_event(2)  # direction and distance: track and landing point
    drawing = mapdraw.layout_map(event)
    assert drawing is not None and drawing.landing is not None and drawing.land
    image = _image(mapdraw.to_png(drawing))
    assert image.size == (mapdraw.WIDTH_PX, mapdraw.HEIGHT_PX)
    lx, ly = drawing.landing
    # The landing ring's stroke, at its radius to the left of its centre.
    ring = [image.getpixel((round(lx - drawing.landing_radius_px + dx), round(ly))) for dx in (-1, 0, 1)]
    assert any(_near(c, mapdraw.LANDING, 60) for c in ring), ring
    # Inside the see-through launch area, away from the label: tinted, not plain land or sea.
    xs = [x for x, _ in drawing.launch_area]
    ys = [y for _, y in drawing.launch_area]
    inside = image.getpixel((round(min(xs) + (max(xs) - min(xs)) * 0.3), round(max(ys) - (max(ys) - min(ys)) * 0.3)))
    assert _reddish(inside) and not _near(inside, mapdraw.MARK, 20), inside
    # A corner far from every mark is sea or land colour.
    corner = image.getpixel((2, mapdraw.HEIGHT_PX - 3))
    assert _near(corner, mapdraw.SEA, 12) or _near(corner, mapdraw.LAND_FILL, 12), corner


def test_range_ring_without_direction_is_dashed_like_the_svg() -> None:
    event = korean_event(2).model_copy(update={"direction": None})
    drawing = mapdraw.layout_map(event)
    assert drawing is not None and drawing.range_ring and drawing.landing is None
    image = _image(mapdraw.to_png(drawing))
    on_ring = [image.getpixel((min(round(x), mapdraw.WIDTH_PX - 1), min(round(y), mapdraw.HEIGHT_PX - 1)))
               for x, y in drawing.range_ring[::2]]
    red = sum(_reddish(c) for c in on_ring)
    assert 0.3 * len(on_ring) < red < len(on_ring), (red, len(on_ring))  # dashes and gaps


def test_dashes_follow_the_ring_with_gaps() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    dashes = mapdraw._dashes(square, 6.0, 4.0)
    assert dashes[0] == [(0.0, 0.0), (6.0, 0.0)]
    assert dashes[1] == [(10.0, 0.0), (10.0, 6.0)]
    assert len(dashes) == 4  # 40 px of outline, 10 px a period


def test_png_is_drawn_in_well_under_a_second_of_cpu() -> None:
    # A guard against drawing gone pathological; the 300 ms target is measured by
    # bench/web_render.py, not here, where other work shares the cores.
    event = korean_event(2)
    mapdraw.event_png(event)  # the basemap is read once per process
    started = time.process_time()
    mapdraw.event_png(event)
    assert time.process_time() - started < 1.0


async def test_map_png_is_served_and_missing_maps_are_404() -> None:
    from aiohttp.test_utils import TestClient, TestServer

    store = EventStore(sqlite3.connect(":memory:"))
    store.add(korean_event(2), T0)
    store.add(korean_event(2).model_copy(update={"event_id": "evt_nowhere", "actor": "Nobody"}), T0)
    client = TestClient(TestServer(build_web_app(store, LiveFeed(), clock=lambda: T0)))
    await client.start_server()
    try:
        ok = await client.get("/events/evt_0123456789abcdef0123/map.png")
        body = await ok.read()
        unplaced = await client.get("/events/evt_nowhere/map.png")
        missing = await client.get("/events/evt_nope/map.png")
    finally:
        await client.close()
    assert ok.status == 200 and ok.content_type == "image/png"
    assert _image(body).size == (mapdraw.WIDTH_PX, mapdraw.HEIGHT_PX)
    assert unplaced.status == 404 and missing.status == 404


async def test_a_revisions_map_has_an_address_of_its_own_that_caches_may_keep() -> None:
    """Slack keeps an image it fetched: the first alert, rewritten with revision 2's facts,
    asks for `?rev=2` and gets that revision's map; the bare address is never kept."""
    from aiohttp.test_utils import TestClient, TestServer

    store = EventStore(sqlite3.connect(":memory:"))
    store.add(korean_event(1), T0)  # no distance yet
    store.add(korean_event(2), T0)  # 350 km: a landing point is drawn
    client = TestClient(TestServer(build_web_app(store, LiveFeed(), clock=lambda: T0)))
    await client.start_server()
    path = "/events/evt_0123456789abcdef0123/map.png"
    try:
        answers = {}
        for query in ("", "?rev=1", "?rev=2", "?rev=9", "?rev=x"):
            response = await client.get(path + query)
            answers[query] = (response.status, response.headers.get("Cache-Control"), await response.read())
        page = await client.get("/events/evt_0123456789abcdef0123")
    finally:
        await client.close()
    assert answers["?rev=1"][:2] == (200, "public, max-age=31536000, immutable")
    assert answers["?rev=2"][:2] == (200, "public, max-age=31536000, immutable")
    assert answers["?rev=1"][2] != answers["?rev=2"][2]  # revision 1's map, not the current one
    assert answers["?rev=2"][2] == answers[""][2]
    # The current map, a revision not stored (yet) and a bad one: the current map, never kept.
    for query in ("", "?rev=9", "?rev=x"):
        assert answers[query][:2] == (200, "no-cache") and answers[query][2] == answers["?rev=2"][2], query
    assert page.headers["Cache-Control"] == "no-cache"


def _beyond_one_side(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Both ends beyond the same edge of the picture: the segment between them is not seen."""
    w, h = mapdraw.WIDTH_PX, mapdraw.HEIGHT_PX
    return (a[0] < 0 and b[0] < 0) or (a[0] > w and b[0] > w) or (a[1] < 0 and b[1] < 0) or (a[1] > h and b[1] > h)


def test_no_coastline_or_boundary_is_drawn_straight_across_the_map_where_land_crosses_the_antimeridian() -> None:
    from services.web.geo import LAUNCH_AREAS

    for actor in LAUNCH_AREAS:
        drawing = mapdraw.layout_map(korean_event(2).model_copy(update={"actor": actor}))
        assert drawing is not None
        # Points beyond an edge are dropped where that only straightens the outline out of
        # sight, so long edges may remain there; none may cross what is seen.
        seen = [abs(b[0] - a[0]) for ring in drawing.land + drawing.zones for a, b in zip(ring, ring[1:] + ring[:1])
                if not _beyond_one_side(a, b)]
        assert max(seen) < mapdraw.WIDTH_PX, (actor, max(seen))  # a 110m coastline step is a few degrees


def test_png_paints_the_states_boundaries_faintly_where_the_svg_puts_them() -> None:
    import dataclasses

    drawing = mapdraw.layout_map(korean_event(2))
    assert drawing is not None and drawing.zones
    points = [(round(x), round(y)) for ring in drawing.zones for x, y in ring[::3]
              if 2 < x < mapdraw.WIDTH_PX - 2 and 2 < y < mapdraw.HEIGHT_PX - 2]
    sea = sum(ImageColor.getrgb(mapdraw.SEA))

    def on_a_faint_blue_line(image: Image.Image) -> float:
        def blue_grey(c: tuple[int, int, int]) -> bool:
            return c[2] > c[0] + 15 and sum(c) < sea - 30  # bluer than red, darker than the sea
        hits = sum(any(blue_grey(image.getpixel((x + dx, y + dy))) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
                   for x, y in points)
        return hits / len(points)

    with_zones = on_a_faint_blue_line(_image(mapdraw.to_png(drawing)))
    without = on_a_faint_blue_line(_image(mapdraw.to_png(dataclasses.replace(drawing, zones=[]))))
    assert with_zones > 0.6 and without < 0.2, (with_zones, without)
    svg = mapdraw.to_svg(drawing)
    assert f'class="zones" fill="none" stroke="{mapdraw.ZONE_STROKE}"' in svg


def test_a_label_right_of_the_middle_runs_inwards_so_the_edge_does_not_cut_it() -> None:
    import re

    drawing = mapdraw.layout_map(korean_event(2).model_copy(update={"direction": "Sea of Japan"}))
    svg = mapdraw.to_svg(drawing)
    labels = {text: (float(x), anchor) for x, anchor, text in
              re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>([^<]+)</text>', svg)}
    x, anchor = labels["Sea of Japan"]
    assert x > mapdraw.WIDTH_PX / 2 and anchor == "end"
    assert labels["North Korea (launch site not stated)"][1] == "start"  # left of the middle
    png = Image.open(io.BytesIO(mapdraw.to_png(drawing)))
    assert png.size == (mapdraw.WIDTH_PX, mapdraw.HEIGHT_PX)


def test_labels_stay_on_the_map_off_the_track_and_the_track_ends_in_an_arrow_towards_the_landing() -> None:
    """The launch site's label beside a track heading its way was struck through by it
    ("Sunan, Pyongyang" under an eastward track); the track gave no sense of direction."""
    from PIL import ImageDraw, ImageFont

    from services.web.geo import LAUNCH_AREAS

    font = ImageFont.load_default(size=mapdraw.LABEL_SIZE_PX)
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    events = [korean_event(2, launch_site="the Sunan area")] + [
        korean_event(2).model_copy(update={"actor": actor, "direction": direction})
        for actor in LAUNCH_AREAS for direction in ("East Sea", "Yellow Sea", "Pacific", "Black Sea")]
    arrows = tracks = 0
    for event in events:
        drawing = mapdraw.layout_map(event)
        if drawing is None or not drawing.track:
            continue
        tracks += 1
        (ox, oy), (bx, by) = drawing.track
        assert drawing.landing is not None
        if drawing.arrow:
            # The head points along the track, its tip on the landing ring's edge.
            tip = drawing.arrow[0]
            assert (tip[0] - bx) * (bx - ox) + (tip[1] - by) * (by - oy) > 0
            assert abs(math.dist(tip, drawing.landing) - drawing.landing_radius_px) < 0.01
            arrows += 1
        else:  # a track too short to hold a head
            assert math.dist((ox, oy), drawing.landing) < drawing.landing_radius_px + 6
        for label in drawing.labels:
            left, top, right, bottom = measure.textbbox((label.x, label.y), label.text, font=font,
                                                        anchor="rs" if label.end else "ls")
            assert -1 <= left and right <= mapdraw.WIDTH_PX + 1 and -1 <= top and bottom <= mapdraw.HEIGHT_PX + 1, \
                (event.actor, event.direction, label)
            steps = 200
            crossing = [(ox + (bx - ox) * i / steps, oy + (by - oy) * i / steps) for i in range(steps + 1)]
            assert not any(left <= x <= right and top <= y <= bottom for x, y in crossing), \
                (event.actor, event.direction, label.text)
            # Nor on the landing ring, a sea's name either when the landing is at its point.
            lx, ly = drawing.landing
            r = drawing.landing_radius_px
            assert not (left < lx + r and lx - r < right and top < ly + r and ly - r < bottom), \
                (event.actor, event.direction, label.text)
    assert arrows > tracks / 2, (arrows, tracks)  # the rest: directions far off the region, a tiny track


def test_the_landing_ring_is_the_landing_area_the_zones_are_judged_on_at_the_maps_scale() -> None:
    """A fixed 7 px ring (about 8 km here) stood for "35 km around its point", and was
    drawn smaller than the 15 km launch-site circle."""
    from services.web.geo import place_event

    event = korean_event(2, launch_site="the Sunan area")
    drawing = mapdraw.layout_map(event)
    places = place_event(event)
    assert drawing is not None and places is not None and places.landing_radius_km is not None
    xs = [x for x, _ in drawing.launch_area]
    site_radius_px = (max(xs) - min(xs)) / 2
    per_km = site_radius_px / places.origin_radius_km
    assert abs(drawing.landing_radius_px - places.landing_radius_km * per_km) < 0.15 * drawing.landing_radius_px
    assert drawing.landing_radius_px > site_radius_px  # 35 km around the landing point, 15 km around Sunan
