"""The web app: server-rendered pages, live updates, open feeds and a JSON API.

`build_web_app(...)` returns an `aiohttp.web.Application` that a process mounts on its one
HTTP listener. Every page works without JavaScript; a few lines of script (static, same
origin) apply Server-Sent Events so new events and revisions appear without a reload.

Safety: read-only (no route writes, but the deliveries replay, which needs the admin
token); every text from a feed is escaped by the templates (autoescape) or by ElementTree;
only http(s) links become links; every response carries a Content-Security-Policy that
allows scripts and styles from this origin only.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from aiohttp import web
from aiohttp.web_middlewares import normalize_path_middleware
from markupsafe import Markup

from schemas import EventSource, LaunchEvent
from schemas.agreement import place_within, same_fact
from schemas.labels import fmt_day
from services.web.formats import STATUS_WORDS, atom_feed, cap_alert, geojson
from services.web.geo import place_event
from services.web.openapi import openapi_document
from services.web.pagetext import (
    OUTCOMES,
    changes_text,
    deliveries_in_order,
    fact_label,
    fact_value,
    fact_value_of,
    in_time_order,
    outlets,
    reports_line,
    summary,
    when,
)
from services.web.store import EventRow, EventStore, LiveFeed

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
FACTS = ("actor", "kind", "count", "distance_km", "apogee_km", "launch_site", "direction", "source_agency",
         "launched_at")
HEARTBEAT_S = 15.0

Clock = Callable[[], datetime]
SourcesView = Callable[[], list[dict[str, Any]]]
DeliveriesView = Callable[[], dict[str, Any]]
EventDeliveriesView = Callable[[str], list[dict[str, Any]]]
# (subscription, event_id) -> how many deliveries came to each outcome (REPLAY_OUTCOMES)
Replay = Callable[[str, str], Awaitable[dict[str, int]]]
REPLAY_OUTCOMES = {
    "delivered": "delivered",
    "failed": "failed again",
    "superseded": "not sent: a later revision tells the event as it now stands",
    "already_done": "delivered before",
    "not_replayable": "not replayable: its subscription is no longer configured, or it names no event",
}
"""What a replay did to each dead delivery, in the words of the notice after it: every
outcome the command `dlq replay` prints (services/notify/dlq.py: ReplayResult)."""

STORE_KEY = web.AppKey("store", EventStore)
LIVE_KEY = web.AppKey("live", LiveFeed)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def safe_url(value: str | None) -> str | None:
    """`value` when it is an http(s) URL, else None: a feed's `javascript:` link stays text."""
    if not value:
        return None
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return None
    return value if scheme in ("http", "https") else None


def _age(seconds: float) -> str:
    """"45 s", "3 min", "2 h", "4 d": the whole units passed (2 h 59 min is "2 h"), as the
    pages' script counts them on (`static/live.js`)."""
    if seconds < 60:
        return f"{int(seconds)} s"
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h"
    return f"{int(seconds // 86400)} d"


def ago(moment: datetime | None, now: datetime) -> str:
    """"3 min ago", "2 h ago", "4 d ago"; "in 5 min" for the future."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    seconds = (now - moment).total_seconds()
    return f"in {_age(-seconds)}" if seconds < 0 else f"{_age(seconds)} ago"


def since(moment: datetime, now: datetime) -> str:
    """Time since a launch or its first report: as `ago`, but "just now" for a moment ahead
    of the clock (a source's clock a few minutes fast, which the events stage trusts up to
    `publish_skew_s`): a launch reported is never to come."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return "just now" if moment > now else ago(moment, now)


def ticking(text: str, moment: datetime | str, kind: str = "ago") -> Markup:
    """`text` in a span the pages' script counts on from its moment, so that a page left
    open keeps its ages right: `data-ago` (as `ago`), `data-since` (as `since`), `data-next`
    (a source's next check, as `next_check`) or `data-day` (a launch day, as `days_ago`)."""
    value = moment if isinstance(moment, str) else moment.isoformat()
    return Markup('<span data-{}="{}">{}</span>').format(kind, value, text)


def age_of(moment: datetime | None, now: datetime) -> Markup:
    """`ago` in a span that keeps counting on an open page; "—" for none."""
    return Markup("—") if moment is None else ticking(ago(moment, now), moment)


DUE_NOW_S = 10
"""A check less late than this is "due now" (`next_check`; `static/live.js` counts the same)."""


def _late_s(moment: datetime | None, now: datetime) -> float:
    """How late a check due at `moment` is at `now` (negative: still to come; -inf: none)."""
    if moment is None:
        return float("-inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return (now - moment).total_seconds()


def next_check(moment: datetime | None, now: datetime) -> Markup:
    """When a source is polled next: "in 5 min", "due now" within a few seconds, and "overdue
    by 3 min" past that (a check in the past means no ingest is polling it), in a span that
    counts on an open page."""
    if moment is None:
        return Markup("—")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    late_s = _late_s(moment, now)
    if late_s < 0:
        text = ago(moment, now)
    else:
        text = "due now" if late_s < DUE_NOW_S else f"overdue by {_age(late_s)}"
    return ticking(text, moment, "next")


def days_ago(day: str, now: datetime) -> str:
    """"today", "yesterday", "3 d ago" for a launch day whose hour no report gives: its
    estimate's hours would be a precision the reports do not have. The day is the launch
    region's date, which east of Greenwich is a day ahead of UTC's for hours each night: a
    launch is never to come, so that day is today."""
    days = max(0, (now.date() - date.fromisoformat(day)).days)
    return {0: "today", 1: "yesterday"}.get(days, f"{days} d ago")


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(value: str | None) -> str | None:
    """A report's language as an HTML `lang` value ("ko", "en-US"), or None for none or for
    text that is no BCP 47 tag (a feed's own words stay out of the attribute)."""
    return value if value and len(value) <= 35 and _LANGUAGE_TAG.fullmatch(value) else None


def headline_lang(event: LaunchEvent) -> str | None:
    """The language of the report whose title is the event's headline, when it says."""
    return next((language_tag(s.lang) for s in event.sources if s.title == event.headline), None)


@web.middleware
async def _unreadable_path(request: web.Request, handler: Any) -> web.StreamResponse:
    """A path the file system cannot look up (`/static/` and 300 letters: "File name too
    long") names no file: 404, not a 500 with a traceback."""
    try:
        return await handler(request)
    except OSError:
        if not request.path.startswith("/static/"):
            raise
        raise web.HTTPNotFound() from None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("services.web", "templates"),
        autoescape=True,  # every template, whatever its name: feed text is hostile
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: never stat them per render
    )
    env.filters["safe_url"] = safe_url
    env.globals["STATUS_WORDS"] = STATUS_WORDS
    env.filters["when"] = when
    env.filters["language_tag"] = language_tag
    env.globals["headline_lang"] = headline_lang
    env.globals["summary"] = summary
    env.globals["in_time_order"] = in_time_order
    env.globals["reports_line"] = reports_line
    env.globals["changes_text"] = changes_text
    env.globals["fact_value"] = fact_value
    env.globals["OUTCOMES"] = OUTCOMES
    env.globals["deliveries_in_order"] = deliveries_in_order
    env.globals["age_of"] = age_of
    env.globals["fmt_day"] = fmt_day
    env.globals["next_check"] = next_check
    return env


def provenance(event: LaunchEvent) -> list[dict[str, Any]]:
    """For each fact: its label and value as a person reads them, the outlets that gave that
    value (each once), the outlets that gave it in other words, and the other values given,
    each with the outlets that gave it.

    Values are compared as shown: a launch time 20 s off, shown to the minute, is the same
    time on the page. A value no report gave after the first report of the event's value
    is listed as said earlier, not as a dissent. A value that tells the same fact otherwise (`schemas.agreement`: "East
    Sea" for "Sea of Japan", "ballistic missile" for a short-range one, 610 km for 600) is
    given in other words, not said otherwise: only a value that contradicts is a dissent.
    Where the event holds no value, what reports said is listed as not taken. Each value
    carries the language its reports wrote it in (`_written_in`), for its `lang`."""
    rows = []
    for fact in FACTS:
        held = getattr(event, fact)
        shown = fact_value_of(event, fact)
        agree: list[EventSource] = []
        worded: dict[str, list[EventSource]] = {}
        differ: dict[str, list[EventSource]] = {}
        untaken: dict[str, list[EventSource]] = {}
        for source in event.sources:
            said = getattr(source.fields, fact)
            if said is None:
                continue
            said_shown = fact_value_of(source.fields, fact)
            if held is None:
                # The event holds no value (a launch day the events stage found no fit for
                # this launch): nothing to contradict, and no dissent.
                untaken.setdefault(said_shown, []).append(source)
            elif said_shown == shown:
                agree.append(source)
            else:
                (worded if _no_dissent(fact, source, held) else differ).setdefault(said_shown, []).append(source)
        # A value said only before the first report of the held one is what was known then
        # (the flash's "a missile" before the count of two): said earlier, not against it.
        first_held = min((s.published_at for s in agree if s.published_at), default=None)
        earlier = {said: by for said, by in differ.items() if first_held is not None
                   and all(s.published_at is not None and s.published_at < first_held for s in by)}
        rows.append({"fact": fact, "label": fact_label(fact), "value": _held_in_its_language(event, fact, shown),
                     "agree": outlets(agree),
                     "worded": [(said, outlets(by), _written_in(said, by)) for said, by in worded.items()],
                     "differ": [(said, outlets(by), _written_in(said, by)) for said, by in differ.items()
                                if said not in earlier],
                     "earlier": [(said, outlets(by), _written_in(said, by)) for said, by in earlier.items()],
                     "untaken": [(said, outlets(by), _written_in(said, by)) for said, by in untaken.items()]})
    return rows


def _held_in_its_language(event: LaunchEvent, fact: str, shown: str) -> str:
    """The event's value as shown, the words its reports wrote in their language marked
    with it (`"<span lang="ja">日本海</span>" (in Japanese)`)."""
    held = getattr(event, fact)
    if not isinstance(held, str) or held.isascii() or held not in shown:
        return shown
    lang = _written_in(held, [source for source in event.sources if getattr(source.fields, fact) == held])
    if lang is None:
        return shown
    before, _, after = shown.partition(held)
    return Markup('{}<span lang="{}">{}</span>{}').format(before, lang, held, after)


def _written_in(value: str, sources: Collection[EventSource]) -> str | None:
    """The `lang` of a value as its reports wrote it ("동해상" from Korean reports, "日本海"
    from Japanese ones, so a reader speaks it and a browser draws it in that language's
    glyphs): the language of the first of them, as `schemas.labels.direction_language`
    names it in an alert's words, where the value is not plain ASCII (a figure, an English
    name)."""
    if value.isascii():
        return None
    return next((language_tag(source.lang) for source in sources), None)


def _replayed(request: web.Request) -> list[tuple[int, str]] | None:
    """The outcome a replay redirected with, as (count, words) for each outcome it names,
    delivered and failed always: numbers only, each one a count a replay can give (no text
    of the link is shown)."""
    counts = []
    for name, words in REPLAY_OUTCOMES.items():
        text = request.query.get(name, "0" if name not in ("delivered", "failed") else "")
        if not (text.isascii() and text.isdigit() and len(text) <= 6):  # ("²" is a digit, no number)
            return None
        if int(text) or name in ("delivered", "failed"):
            counts.append((int(text), words))
    return counts


def _no_dissent(fact: str, source: EventSource, held: Any) -> bool:
    """Whether what `source` says of `fact` tells the event's value otherwise rather than
    contradict it: the same fact (`schemas.agreement.same_fact`); another agency credited
    (JCS for one outlet, Japan MoD for another: both say so); a launch day that states no
    hour, the day of the event's launch time (a day apart at most: a source's local date); a
    city inside the state the event names as its target, or the state of the event's city
    ("Kyiv" and "Ukraine": `schemas.agreement.place_within`)."""
    said = getattr(source.fields, fact)
    if fact == "source_agency":
        return True
    if fact == "launched_at" and source.fields.launched_on is not None and isinstance(held, datetime):
        return abs((held.date() - source.fields.launched_on).days) <= 1
    if fact == "direction" and (place_within(said, held) or place_within(held, said)):
        return True
    return same_fact(fact, said, held)


def _paint_png(event: LaunchEvent) -> bytes | None:
    # The map painter (numpy, Pillow and the basemap: a fifth of a second of CPU) is imported
    # by the first map drawn, not at start-up, where `launchwatch run` shares the CPU with
    # the stages on the way to the first alert.
    from services.web.mapdraw import event_png

    return event_png(event)


def landing_zone(event: LaunchEvent) -> dict[str, Any]:
    """The state whose land or territorial sea the map's landing area lies in, and by what
    data: a fact computed here, not given by a source."""
    from services.web.maritime import area_zones, boundaries  # numpy: see _paint_png

    places = place_event(event)
    if places is None or places.landing is None or places.landing_radius_km is None:
        return {"value": None, "by": "no landing area: the reports do not give both a direction and a distance"}
    zones = area_zones(places.landing, places.landing_radius_km)
    return {"value": zones.statement,
            "by": f"computed for the map's landing area ({places.landing_radius_km:.0f} km around its point), "
                  f"{boundaries().provenance}"}


def history(revisions: list[Any]) -> list[dict[str, Any]]:
    """What changed at each revision, and why: the facts it names and the sources it added;
    where revisions were not kept (see `store.MAX_REVISIONS_KEPT`), how many (`gap`)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    previous: LaunchEvent | None = None
    for rev in revisions:
        event: LaunchEvent = rev.event
        if previous is not None and event.revision > previous.revision + 1:
            out.append({"gap": event.revision - previous.revision - 1})
        new_sources = [s for s in event.sources if s.item_id not in seen]
        seen.update(s.item_id for s in event.sources)
        # A report the event keeps no copy of (past `MAX_SOURCES`) is counted, not listed.
        new_unlisted = max(0, event.sources_omitted - (previous.sources_omitted if previous else 0))
        out.append({"event": event, "received_at": rev.received_at, "new_sources": new_sources,
                    "new_unlisted": new_unlisted, "moves": _moves(previous, event)})
        previous = event
    return list(reversed(out))


def _moves(before: LaunchEvent | None, after: LaunchEvent) -> list[tuple[str, str, str]]:
    """Each fact a revision changed, as (label, value before, value after): "Count", "2",
    "3", as the update alerts show a correction; none where the revision before is not
    kept (its values are not known here)."""
    if before is None or after.revision != before.revision + 1:
        return []
    return [(fact_label(name), fact_value_of(before, name), fact_value_of(after, name))
            for name in after.changes if name in FACTS or name == "status"]


class Recent:
    """The most recently used values by key, at most `size` of them: for what is drawn or
    rendered once per event revision and cannot change after (rows, maps)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        """The value kept for `key` (now the most recent), or None."""
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, key: Any, value: Any) -> Any:
        self._values[key] = value
        if len(self._values) > self._size:
            self._values.popitem(last=False)
        return value


class RowRenderer:
    """The events list's rows as HTML, each rendered once per (event_id, revision).

    A row changes only with a new revision, but for its time-since cell; so the template
    is rendered once with a marker in that cell and kept as the two halves around it, and
    each page joins the halves with the current text.
    """

    # A private-use marker; split at its last occurrence, since the cell is the row's last
    # text cell and a headline could (absurdly) contain the marker too.
    _MARK = "\ue000since\ue000"

    def __init__(self, env: jinja2.Environment, max_rows: int = 5000) -> None:
        self._macro = env.get_template("_row.html").module.event_row  # type: ignore[attr-defined]
        self._halves = Recent(max_rows)

    def __call__(self, row: EventRow, now: datetime) -> Markup:
        key = (row.event_id, row.revision)
        halves = self._halves.get(key)
        if halves is None:
            head, _, tail = str(self._macro(row, self._MARK)).rpartition(self._MARK)
            halves = self._halves.put(key, (head, tail))
        cell = (ticking(days_ago(row.since_day, now), row.since_day, "day") if row.since_day
                else ticking(since(row.since, now), row.since, "since"))
        return Markup(halves[0] + str(cell) + halves[1])


async def _secure(request: web.Request, response: web.StreamResponse) -> None:
    """Every response's security headers, set as its headers are about to be sent: so
    they reach raised refusals (404, 403, the replay's redirect) and the live stream too."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    # Every page, feed and API answer changes with the next revision: a browser or proxy
    # asks again each time (the stylesheet and script keep their validators).
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-cache")


def build_web_app(store: EventStore, live: LiveFeed, *, clock: Clock = _utc_now, public_url: str | None = None,
                  page_size: int = 100, sources: SourcesView | None = None,
                  deliveries: DeliveriesView | None = None, event_deliveries: EventDeliveriesView | None = None,
                  replay: Replay | None = None, admin_token: str | None = None,
                  app: web.Application | None = None,
                  on_state_error: Callable[[BaseException], None] | None = None) -> web.Application:
    """The pages, feeds and API over `store`; `live` feeds the Server-Sent Events streams.

    With `app` (the process's application, before it starts), they are added to it, so the
    pages share the one listener with /healthz, /readyz and /metrics; else a new one is made.

    `sources` and `deliveries` give the sources and deliveries pages their rows (pages
    say "not available here" without them), `event_deliveries(event_id)` an event page's
    deliveries (no such section without it); `replay(letter_id)` replays a dead letter and
    is offered only with `admin_token`.

    A request that meets a state database error (the PostgreSQL session ended by a
    failover, a corrupt page) is answered 503 and `on_state_error(exc)` is told, so the
    stage can stop as the others do rather than answer 500 for ever.
    """
    env = _environment()
    rows_html = RowRenderer(env)
    # A map depends on the revision's facts alone. ("", "") stands for "cannot be placed".
    svgs, pngs = Recent(500), Recent(200)

    def svg_and_caption(event: LaunchEvent) -> tuple[str, str] | None:
        key = (event.event_id, event.revision)
        drawn = svgs.get(key)
        if drawn is None:
            from services.web.mapdraw import layout_map, to_svg  # see _paint_png

            drawing = layout_map(event)
            drawn = svgs.put(key, (to_svg(drawing), drawing.caption) if drawing else ("", ""))
        return drawn if drawn[0] else None

    def svg_of(event: LaunchEvent) -> str | None:
        drawn = svg_and_caption(event)
        return drawn[0] if drawn else None

    async def png_of(event: LaunchEvent) -> bytes | None:
        key = (event.event_id, event.revision)
        png = pngs.get(key)
        if png is None:
            # Painting takes tens of milliseconds of CPU: off the loop, so other requests go on.
            png = pngs.put(key, await asyncio.to_thread(_paint_png, event) or b"")
        return png or None
    static_dir = Path(str(resources.files("services.web").joinpath("static")))
    if app is None:
        app = web.Application()
    app.on_response_prepare.append(_secure)
    # "/events/evt_x/" as a person types or pastes it: sent on to "/events/evt_x", not a 404.
    app.middlewares.append(normalize_path_middleware(remove_slash=True, append_slash=False))
    app.middlewares.append(_unreadable_path)
    if on_state_error is not None:
        from services.runtime.postgres import STATE_ERRORS

        @web.middleware
        async def state_lost(request: web.Request, handler: Any) -> web.StreamResponse:
            try:
                return await handler(request)
            except STATE_ERRORS as exc:
                if "locked" in str(exc) or "busy" in str(exc):  # SQLite's writer held on: try again
                    return web.Response(status=503, text="the state database is busy: try again",
                                        headers={"Retry-After": "1"})
                on_state_error(exc)
                return web.Response(status=503, text="the state database cannot be read: this process stops, "
                                                     "and its supervisor restarts it")

        app.middlewares.append(state_lost)
    app[STORE_KEY] = store
    app[LIVE_KEY] = live

    def base(request: web.Request) -> str:
        return (public_url or f"{request.scheme}://{request.host}").rstrip("/")

    def page(name: str, **values: Any) -> web.Response:
        values.setdefault("now", clock())
        html = env.get_template(name).render(**values)
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    @web.middleware
    async def html_errors(request: web.Request, handler: Any) -> web.StreamResponse:
        """A person's browser gets a refusal (a stale link's unknown event, a bad cursor) as
        a page with the site's navigation and a way back; the API, the feeds and any other
        client get it as before, in JSON or plain text."""
        try:
            return await handler(request)
        except web.HTTPClientError as exc:
            if exc.content_type != "text/plain" or "text/html" not in request.headers.get("Accept", ""):
                raise
            response = page("error.html", status=exc.status, reason=exc.reason, message=exc.text or exc.reason)
            response.set_status(exc.status, exc.reason)
            for name, value in exc.headers.items():  # a 405's Allow, a Retry-After
                if name.lower() not in ("content-type", "content-length"):
                    response.headers[name] = value
            return response

    app.middlewares.insert(0, html_errors)  # outermost: the path checks' refusals too

    def refusal(kind: type[web.HTTPError], message: str, api: bool) -> web.HTTPError:
        """The error as the asker reads it: JSON (`{"error": ...}`) for the API, text for a page."""
        if api:
            return kind(text=json.dumps({"error": message}), content_type="application/json")
        return kind(text=message)

    def event_or_404(request: web.Request, api: bool = False) -> LaunchEvent:
        event = store.get(request.match_info["event_id"])
        if event is None:
            raise refusal(web.HTTPNotFound, f"no event {request.match_info['event_id']!r}", api)
        return event

    def cursor(request: web.Request, api: bool = False) -> tuple[str, str] | None:
        raw = request.query.get("before")
        if not raw:
            return None
        at, _, event_id = raw.partition("|")
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None or not event_id:
            raise refusal(web.HTTPBadRequest, "before: expected first_reported_at|event_id, the cursor the previous "
                                              "page ends with (a time with its zone)", api)
        # The store orders by the UTC text of each first report: "21:00+09:00" is 12:00 UTC.
        try:
            return moment.astimezone(timezone.utc).isoformat(), event_id
        except OverflowError:  # year 1 ahead of UTC: before every event
            raise refusal(web.HTTPBadRequest, "before: a time before the year 1 in UTC", api) from None

    async def events_page(request: web.Request) -> web.Response:
        at = cursor(request)
        rows = store.newest_rows(page_size, at)
        more = None
        if len(rows) == page_size:
            last = rows[-1]
            more = f"{last.first_reported_at.isoformat()}|{last.event_id}"
        now = clock()
        return page("events.html", now=now, rows=rows, more=more, total=store.count(),
                    first_page=at is None, page_before=at[0] if at else None,
                    row_html=lambda row: rows_html(row, now))

    async def event_page(request: web.Request) -> web.Response:
        event = event_or_404(request)
        # ?fragment=1: the page's body alone, which the live script swaps in on a new revision.
        name = "_event_body.html" if request.query.get("fragment") == "1" else "event.html"
        drawn = svg_and_caption(event)
        return page(name, event=event, map_svg=drawn[0] if drawn else None, map_caption=drawn[1] if drawn else None,
                    facts=provenance(event), zone=landing_zone(event),
                    history=history(store.revisions(event.event_id)),
                    deliveries=event_deliveries(event.event_id) if event_deliveries else None)

    async def map_svg(request: web.Request) -> web.Response:
        svg = svg_of(event_or_404(request))
        if svg is None:
            raise web.HTTPNotFound(text="this event names no place that can be mapped")
        return web.Response(text=svg, content_type="image/svg+xml")

    async def map_png(request: web.Request) -> web.Response:
        event = event_or_404(request)
        # ?rev=N (the address Slack alerts give): that revision's map, which never changes,
        # so a cache may keep it; a revision not stored (yet) gets the current map, uncached.
        wanted = request.query.get("rev", "")
        held = next((r.event for r in store.revisions(event.event_id) if str(r.event.revision) == wanted), None) \
            if wanted.isdigit() else None
        png = await png_of(held or event)
        if png is None:
            raise web.HTTPNotFound(text="this event names no place that can be mapped")
        caching = "public, max-age=31536000, immutable" if held is not None else "no-cache"
        return web.Response(body=png, content_type="image/png", headers={"Cache-Control": caching})

    async def stream(request: web.Request) -> web.StreamResponse:
        if live.full:
            # The pages work without their stream; the script tries again with a backoff.
            raise web.HTTPServiceUnavailable(text=f"{live.max_listeners} live streams are open, the most this "
                                                  "server keeps: try again later", headers={"Retry-After": "30"})
        queue = live.listen()  # counted from here, before the first await: the check above holds
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                               "X-Accel-Buffering": "no"})
        try:
            await response.prepare(request)
            await response.write(b"retry: 1000\n\n")
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), HEARTBEAT_S)
                except asyncio.TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                if event is None:
                    break
                data = json.dumps({"event_id": event.event_id, "revision": event.revision,
                                   "row": str(rows_html(EventRow.of(event), clock()))})
                await response.write(f"event: revision\ndata: {data}\n\n".encode())
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the page was closed, or the server is stopping
        finally:
            live.leave(queue)
        return response

    async def atom(request: web.Request) -> web.Response:
        body = atom_feed(store.newest(page_size), base_url=base(request), now=clock())
        return web.Response(body=body, content_type="application/atom+xml", charset="utf-8")

    async def geo(request: web.Request) -> web.Response:
        return web.json_response(geojson(store.newest(page_size), base_url=base(request)),
                                 content_type="application/geo+json")

    async def cap(request: web.Request) -> web.Response:
        event = event_or_404(request)
        revisions = store.revisions(event.event_id)
        previous = next((r.event for r in reversed(revisions) if r.event.revision < event.revision), None)
        body = cap_alert(event, base_url=base(request), previous=previous)
        return web.Response(body=body, content_type="application/cap+xml", charset="utf-8")

    async def api_events(request: web.Request) -> web.Response:
        events = store.newest(page_size, cursor(request, api=True))
        return web.json_response([json.loads(e.model_dump_json()) for e in events])

    async def api_event(request: web.Request) -> web.Response:
        return web.json_response(json.loads(event_or_404(request, api=True).model_dump_json()))

    async def api_sources(request: web.Request) -> web.Response:
        # The *_dt values are the pages' datetimes; the API gives their ISO twins.
        rows = sources() if sources else []
        return web.json_response([{k: v for k, v in row.items() if not k.endswith("_dt")} for row in rows])

    async def openapi(request: web.Request) -> web.Response:
        return web.json_response(openapi_document())

    async def sources_page(request: web.Request) -> web.Response:
        rows = sources() if sources else None
        sort = request.query.get("sort", "health")
        now = clock()
        overdue: set[str] = set()
        if rows is not None:
            overdue = {r["url"] for r in rows if _late_s(r.get("next_check_at_dt"), now) > OVERDUE_S}
            rows = _sort_sources(rows, sort, overdue)
        return page("sources.html", rows=rows, sort=sort, overdue=overdue, overdue_min=OVERDUE_S // 60, now=now)

    async def deliveries_page(request: web.Request) -> web.Response:
        return page("deliveries.html", data=deliveries() if deliveries else None, replayed=_replayed(request),
                    can_replay=replay is not None and bool(admin_token))

    async def replay_letter(request: web.Request) -> web.Response:
        try:
            form = await request.post()
        except (LookupError, ValueError, web.RequestPayloadError):  # a charset no one has, a body cut short
            raise web.HTTPBadRequest(text="the form cannot be read") from None
        tokens = [str(t) for t in form.getall("token", [])]
        if replay is None or not admin_token:
            raise web.HTTPForbidden(text="replaying is off here: it needs [web] admin_token set")
        if len(tokens) != 1 or not hmac.compare_digest(tokens[0].encode(), admin_token.encode()):
            said = "none was given" if not any(tokens) else "give it once" if len(tokens) > 1 else "that one is wrong"
            raise web.HTTPForbidden(text=f"replaying needs the admin token ([web] admin_token): {said}")
        subscription, _, event_id = str(form.get("letter", "")).partition("|")
        if not subscription or not event_id:
            raise web.HTTPBadRequest(text="letter: expected subscription|event_id, as a Replay button sends it")
        outcome = await replay(subscription, event_id)
        if not any(outcome.get(name, 0) for name in REPLAY_OUTCOMES):
            raise web.HTTPNotFound(text=f"no dead letter of subscription {subscription!r} for event {event_id!r}")
        raise web.HTTPSeeOther("/deliveries?" + urlencode({name: outcome.get(name, 0) for name in REPLAY_OUTCOMES}))

    app.router.add_get("/", events_page)
    app.router.add_get("/events.atom", atom)
    app.router.add_get("/events.geojson", geo)
    app.router.add_get("/events/{event_id}.cap.xml", cap)
    app.router.add_get("/events/{event_id}/map.svg", map_svg)
    app.router.add_get("/events/{event_id}/map.png", map_png)
    app.router.add_get("/events/{event_id}", event_page)
    app.router.add_get("/live", stream)
    app.router.add_get("/api/events", api_events)
    app.router.add_get("/api/events/{event_id}", api_event)
    app.router.add_get("/api/sources", api_sources)
    app.router.add_get("/api/openapi.json", openapi)
    app.router.add_get("/sources", sources_page)
    app.router.add_get("/deliveries", deliveries_page)
    app.router.add_post("/deliveries/replay", replay_letter)
    app.router.add_static("/static", static_dir)
    app.on_shutdown.append(_end_streams)
    return app


async def _end_streams(app: web.Application) -> None:
    app[LIVE_KEY].close()


OVERDUE_S = 300
"""A source whose check is this late is overdue on the sources page: no ingest is polling it
(a busy one is seconds late, not minutes)."""


def _sort_sources(rows: list[dict[str, Any]], sort: str, overdue: Collection[str] = ()) -> list[dict[str, Any]]:
    """Failing sources first (most errors first), then overdue ones, then by name; or by the
    named column."""
    if sort in ("name", "last_success_at", "next_check_at", "items_per_day"):
        return sorted(rows, key=lambda r: (r.get(sort) is None, r.get(sort) or 0) if sort != "name"
                      else (False, r["name"].lower()))
    return sorted(rows, key=lambda r: (-(r.get("error_count") or 0), r["url"] not in overdue, r["name"].lower()))
