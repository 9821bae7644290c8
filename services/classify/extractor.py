"""Facts of a launch report: actor, kind, count, distance, apogee, direction, launch site,
agency, time.

Choices a reader should know:
- `actor` is the launching side: a passive agent ("missile fired by Houthis", "port struck
  by a Russian missile") first, else the actor named closest before the launch verb in its
  sentence (of coordinated subjects, "S. Korea, US fire", the first), skipping reporters ("South Korea said ...", "Japan's
  defence ministry", "Kremlin says"), makers ("US-made ATACMS"), owners of what was hit
  ("UK shipping company", "British-owned tanker") and targets ("at Israel", "on Kyiv",
  "イスラエルに", and the subject of a passive attack: "Israel targeted by missile",
  "Russian landing ship struck by ...", "rosyjska stocznia trafiona"), and not across a
  semicolon; failing that an actor right before an attack noun ("Russian
  strikes"), then the first such actor of the headline, then of the summary, then the
  side that alone fields a named weapon type (Sarmat → RUS, BrahMos → IND), then the one
  implied by a state agency's own report (KCNA → PRK). "Fired from Yemen/Lebanon/Iran"
  names the Houthis, Hezbollah or Iran when the sentence names only states ("ostrzelany z
  Jemenu" when it names none).
- `kind` follows the text. A specific class (ICBM, IRBM, MRBM, SRBM, SLBM, hypersonic,
  cruise, satellite launch, artillery rocket, or a named type that implies one) in the
  headline wins, then one in the summary, then a bare "ballistic". Among several, the
  order is icbm > slbm > irbm > mrbm > srbm > hypersonic > cruise > satellite_launch >
  artillery_rocket, so "IRBM with a hypersonic warhead" is irbm and "MLRS and SRBM" srbm.
  A class its clause ties to another event is not the launch's ("fires ballistic missiles
  after ICBM tests", "days after it fired an ICBM", "po teście pocisku
  międzykontynentalnego", "an ICBM earlier this year"), unless that clause tells the
  launch; of several classes in the summary, one in a sentence that tells a launch wins
  over one in a sentence that does not ("is developing ICBMs. It fired two SRBMs"). A
  stated range ("with a 2,000 km range") is no class.
  Plain "rockets" with no other class are artillery rockets. Surface-to-air, air-to-air
  and anti-tank missiles are outside the taxonomy: None.
- `count` is an explicit number bound to the weapon noun. "a"/"an"/"one" before a
  singular weapon is 1; "at least 7", "over 10", "more than 100" give the stated bound
  (7, 10, 100); "about 10" gives 10; words without a number ("several", "multiple",
  "dozens", "수 발", "여러 발", "数発") give None, and then a number further on in the
  summary is not used either; a headline's attack size without a number ("a barrage",
  "salwa", "zmasowany atak") gives no count itself, but a number in the summary does. An English headline whose launch has
  one singular weapon as object ("fires ballistic missile") gives 1. Numbers that
  carry a unit ("240 mm", "600 km") or belong to a name ("Hyunmoo-4") are not counts.
- `distance_km` is the distance flown (a stated range is not): only numbers bound to a
  flight verb count ("flew about 800 km", "traveling the 1,500 km-long orbit", "hit a
  target 2,000 km away", "400キロ程度飛しょう", "비행거리 약 600km"). Miles
  become km (statute miles × 1.609344, nautical × 1.852) unless the text gives km in
  parentheses, which are used as written. A range ("850-900 km") gives its midpoint.
  When several are stated, the first wins.
- `apogee_km` works the same way for "apogee/altitude of", "고도", "高度".
- `direction` is the first named sea area (East Sea, Sea of Japan, Yellow Sea, Pacific,
  ...; "sea between Korea and Japan" is the East Sea, "EEZ外" is outside Japan's EEZ) that
  is neither part of another name ("Black Sea port", "Black Sea Fleet") nor where the
  missile came from ("launched from ships in the Black Sea"), unless it is the summary's
  and the headline's strike hit a place; else a target after at/on/toward/into ("Israel",
  "Kyiv"), a place under attack ("Kyiv comes under missile attack", "strike in Lviv",
  "Odesa suffers", "Lviv missile strike"), what a verb or noun of striking, falling or
  entering hit ("strikes Ukraine's Odesa port" → Odesa, "attack on a museum in Kupiansk"
  → Kupiansk, "hits a Ukrainian museum" → Ukrainian museum) or, in Polish, after an event
  word and its preposition ("atak na Kijów", "wtargnęła w polską przestrzeń powietrzną",
  "spadł na osiedle mieszkalne"), a place that is not a whole state winning over one that
  is ("at Ukraine ... on Kyiv" → Kyiv); never a place of the launcher's own state, nor the
  target of another attack ("after an attack on a tanker"), nor the launch site ("fired
  from Gaza into southern Israel" → southern Israel); else a compass heading ("in a
  northeastern direction", "북동쪽 방향으로", "北東方向に" → northeast); else "sea" for "into (the)
  sea", "off its east coast", "w morzu".
- `launch_site` is where the launch was made from, as the text words it: the first place a
  language's `launch_sites` pattern finds after a launch verb or weapon and "from" ("fired
  from the Sunan area of Pyongyang", "z rejonu Hamhung", "동창리 일대에서 ... 발사",
  "元山付近から ... 発射"), neither an agency nor only the launcher's own state.
- `source_agency` is an agency the text credits ("according to the JCS", "합참에 따르면"),
  else one it names outright, else the person or body the text makes the speaker, as
  the text spells it ("..., Zelenskyy says", "the city's military administration said",
  "Gen. X: <quote>", "- poinformował szef ..."), else an agency it only describes
  ("South Korea's military", "state media"); within each, the headline's first, else the
  summary's. Where it names none of these, a state it says reported the launch ("South
  Korea says", "Ukraina podała", "...: Kyiv" closing the headline), by its common
  English name.
- `launched_at`: see timeparse.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import datetime
from itertools import islice

from schemas.actors import GROUPS, REGION_ZONES, STATE_CODES, STATES, actor_named_in
from schemas.models import Evidence, LaunchFields
from schemas.places import known_site
from services.classify import gazetteer, timeparse
from services.classify.fastpattern import Table
from services.classify.languages import (ANY, ENGLISH, LanguageTable, en, reader_en, reader_pl, reader_verb_final,
                                         table_for)
from services.classify.languages.quantities import number_value, unit_km
from services.classify.languages.table import MAX_CANDIDATES, Cue
from services.classify.text import Prepared

_I = re.IGNORECASE

_KIND_ORDER = ("icbm", "slbm", "irbm", "mrbm", "srbm", "hypersonic", "cruise", "satellite_launch",
               "artillery_rocket", "ballistic", "rocket", "unknown")
_RANGE_CLASSES = frozenset({"icbm", "slbm", "irbm", "mrbm", "srbm"})
KIND_TABLE = Table(ANY.kinds, _I, gate_parts=True)
_KIND_PATTERNS = KIND_TABLE.entries

# A Polish adjective of a state ("rosyjskich", "ukraińskiej"): it agrees with its noun.
_ADJECTIVE_END = re.compile(r"[sc]k(?:i|a|ie|iego|iej|iemu|im|ich|imi|ą)$", _I)
_OWNER_REACH = 80  # characters between a weapon's owner and the weapon, at most
def _quantity_km(m: re.Match[str]) -> float | None:
    """Kilometres of a matched quantity; km in parentheses win; a range gives its midpoint."""
    groups = m.groupdict()
    # CJK distance alternation reuses the group names; pick whichever matched.
    a, b, u = groups.get("a"), groups.get("b"), groups.get("u")
    pa, pb, pu = groups.get("pa"), groups.get("pb"), groups.get("pu")
    if pa and pu and not pu.lower().startswith(("mi", "nautical")):
        a, b, u = pa, pb, pu
    if not a or not u:
        return None
    lo = number_value(a)
    hi = number_value(b) if b else lo
    if hi < lo:
        hi = lo
    km = unit_km((lo + hi) / 2, u)
    if km <= 0 or km > 50_000:
        return None
    return round(km, 1) if km < 10 else float(round(km))


def _first_in(pattern: re.Pattern[str], text: str, title_end: int) -> re.Match[str] | None:
    """First match in the title, else first in the summary."""
    m = pattern.search(text, 0, title_end)
    return m if m else pattern.search(text, title_end)


def _ev(p: Prepared, cue: str, field_name: str, start: int, end: int, weight: float = 1.0) -> Evidence:
    rs, re_ = p.raw_span(start, end)
    return Evidence(cue=cue, text=p.text[start:end], start=rs, end=re_, field=field_name, weight=weight)


_KINDS_SET_ASIDE = "kinds_set_aside"  # `Prepared.memo` key of the kinds `_kind` set aside
_ACTORS_SET_ASIDE = "actors_set_aside"  # ... and of the actors named only as hit or as a maker
# How far before or after a class the words that tie it to another event are read.
_CLAUSE_REACH = 80
_CLAUSE_BREAK = re.compile(r"[.;:!?,\n]")


def _other_events_class(text: str, s: int, e: int, primary: Cue | None) -> bool:
    """Whether the class named at s..e belongs to another event than the launch: its own
    clause ties it to an earlier or other one ("fires ballistic missiles after ICBM tests",
    "days after North Korea fired an ICBM", "po teście pocisku międzykontynentalnego", "an
    ICBM earlier this year"). The class of the launch's own weapon, and one in a clause
    that tells the launch itself ("Seoul says after North Korea fired an ICBM"), stay."""
    if primary is not None and primary.weapon is not None and primary.weapon[0] <= s and e <= primary.weapon[1]:
        return False
    for m in ANY.other_event_before.finditer(text, max(0, s - _CLAUSE_REACH), s):
        if not _CLAUSE_BREAK.search(text, m.end(), s) and not (
                primary is not None and m.start() <= primary.start < s):
            return True
    m = ANY.other_event_after.search(text, e, min(len(text), e + _CLAUSE_REACH))
    return m is not None and not _CLAUSE_BREAK.search(text, e, m.start())


def _tells_launch(p: Prepared, s: int, table: LanguageTable) -> bool:
    """Whether the sentence around position s tells a launch or test (has a verb of one)."""
    text = p.text
    start, end = p.sentence_of(s)
    return bool(en.LAUNCH_VERBS.search(text, start, end) or en.TEST_VERBS.search(text, start, end) or (
        table.launch_verbs is not None and not table.verb_final and table.launch_verbs.search(text, start, end)))


def captioned(p: Prepared, primary: Cue | None) -> bool:
    """Whether the facts are the headline's alone: it tells the launch and the summary is a
    photo's caption ("... (AP Photo/...)", "FILE - ...", "Na zdjęciu ..."), which describes
    the picture, often of an older launch with its own class, date and place."""
    return (primary is not None and primary.in_title
            and ANY.photo_caption.search(p.text, p.title_end) is not None)


def kinds_set_aside(p: Prepared) -> frozenset[str]:
    """The kinds the text names only for another event than its launch ("after ICBM
    tests"), as `extract` found them: the learned kind head must not bring them back."""
    found = p.memo.get(_KINDS_SET_ASIDE)
    return frozenset(found) if isinstance(found, set) else frozenset()


def actors_set_aside(p: Prepared) -> frozenset[str]:
    """The actors `extract` read as what a strike hit or as a weapon's maker ("killed dozens
    of Russian troops", "British-supplied"), and never as a launcher: the learned actor head
    must not name them."""
    found = p.memo.get(_ACTORS_SET_ASIDE)
    return frozenset(found) if isinstance(found, set) else frozenset()


def _kind(p: Prepared, primary: Cue | None = None,
          table: LanguageTable = ENGLISH) -> tuple[str | None, tuple[int, int] | None, str | None]:
    """The kind, the span of the words that say it, and the table entry those words
    matched: the kind itself, or "rocket" for the bare word ("rockets fired"), which is
    read as an artillery rocket but is also what many outlets call any missile.

    A class named for another event ("after ICBM tests", `_other_events_class`) is not the
    launch's; of several classes the summary names, those of a sentence that tells a launch
    win over those of one that does not ("X is developing ICBMs. It fired two SRBMs").
    The kinds set aside as another event's are kept for `kinds_set_aside`."""
    text, t_end = p.text, p.title_end
    set_aside: set[str] = set()
    p.memo[_KINDS_SET_ASIDE] = set_aside
    if primary is not None and primary.in_title and primary.weapon:
        # "fire ATACMS in response to N.K. ICBM launch": the range class of the weapon the
        # headline's launch names is its kind, whatever else the headline mentions.
        ws, we = primary.weapon
        for kind, pattern in _KIND_PATTERNS:
            if kind in _RANGE_CLASSES and pattern.search(text, ws, we):
                return kind, (ws, we), kind
    found: dict[str, list[tuple[str, int, int]]] = {"title": [], "summary": []}
    # "hypersonic" is a speed, not a range: a range class in the summary refines it
    # ("suspected hypersonic missile" + "hypersonic intermediate-range ballistic missile").
    generic = ("ballistic", "rocket", "unknown", "hypersonic")
    order = {k: i for i, k in enumerate(_KIND_ORDER)}
    for scope, lo, hi in (("title", 0, t_end), ("summary", t_end, len(text))):
        # One pattern per kind: each has its own first-character prefix, which is much
        # faster than one alternation of all of them. Only kinds whose words occur in the
        # part are run (found in one pass over all kinds' words); most are absent.
        title_generic = scope == "summary" and bool(found["title"])
        for kind, pattern in KIND_TABLE.candidates(text, lo, hi):
            if title_generic and kind not in _RANGE_CLASSES:
                continue  # after a generic headline kind only a range class can refine it
            for m in pattern.finditer(text, lo, hi):
                if _other_events_class(text, m.start(), m.end(), primary):
                    set_aside.add(kind)
                    continue
                found[scope].append((kind, m.start(), m.end()))
                break
        if scope == "title" and any(f[0] not in generic for f in found["title"]):
            break  # a specific class in the headline decides; no need to read on
    title_generic = any(f[0] in generic for f in found["title"])
    for scope in ("title", "summary"):
        specific = [f for f in found[scope] if f[0] not in generic]
        if scope == "summary" and title_generic:
            # "fires ballistic missile" + a summary detail: only a range class refines it.
            specific = [f for f in specific if f[0] in _RANGE_CLASSES]
        kinds_here = {f[0] for f in found[scope]}
        if {"slbm", "cruise"} <= kinds_here and "ballistic" not in kinds_here:
            # "rakietami Kalibr wystrzelonymi z okrętu podwodnego": a cruise missile fired from
            # a submarine is no submarine-launched ballistic missile, unless one is named.
            specific = [f for f in specific if f[0] != "slbm" or "SLBM" in text[f[1]:f[2]].upper()]
        if scope == "summary" and len({f[0] for f in specific}) > 1:
            told = [f for f in specific if _tells_launch(p, f[1], table)]
            specific = told or specific
        if specific:
            best = min(specific, key=lambda f: (order[f[0]], f[1]))
            return best[0], (best[1], best[2]), best[0]
    for scope in ("title", "summary"):
        for want in ("hypersonic",) + generic[:3]:
            hit = next((f for f in found[scope] if f[0] == want), None)
            if hit and want == "rocket" and scope == "summary" and ANY.missile_noun.search(text, 0, t_end):
                # "... amid missile strikes across Ukraine" + "rockets fired in all
                # directions": the summary's loose word for the headline's missiles.
                return None, None, None
            if hit:
                kind = "artillery_rocket" if hit[0] == "rocket" else hit[0]
                return kind, (hit[1], hit[2]), hit[0]
    return None, None, None


def _actor(p: Prepared, table: LanguageTable, primary: Cue | None,
           summary_cue: Cue | None = None) -> tuple[str | None, tuple[int, int] | None, str]:
    code, span, cue = _named_actor(p, table, primary, summary_cue)
    if code is None or cue == "actor:first_named":
        # "Rockets struck the camp, wounding two Egyptian peacekeepers. JNIM later claimed
        # the attack": the claimant, or the side blamed, over a name merely first.
        claimed = _claimant(p, table)
        if claimed is not None:
            return claimed
    if code is None or code in STATE_CODES:
        # "Israel intercepts missile fired from Yemen", "레바논서 대전차미사일 날아와…이스라엘
        # 주민 부상": the origin names the group that fired, where the sentence names only
        # states (the target, the interceptor).
        origin = gazetteer.ORIGIN_ACTORS.search(p.text) or gazetteer.ORIGIN_ACTORS_CJK.search(p.text)
        if origin is not None:
            place = next(name for name, value in origin.groupdict().items() if value)
            return gazetteer.ORIGIN_GROUPS[place], origin.span(place), "actor:launch_origin"
    if code is None:
        origin = gazetteer.ORIGIN_ACTORS_PL.search(p.text) or gazetteer.ORIGIN_FIRST_ACTORS_PL.search(p.text)
        if origin is not None:
            place = next(name for name, value in origin.groupdict().items() if value)
            return gazetteer.ORIGIN_GROUPS[place], origin.span(place), "actor:launch_origin"
    return code, span, cue


def _claimant(p: Prepared, table: LanguageTable) -> tuple[str, tuple[int, int], str] | None:
    """The first name that claims the attack or is blamed for it, or None."""
    text = p.text
    after = [pattern for pattern in (en.CLAIMANT_AFTER, table.claimant_after) if pattern is not None]
    before = [pattern for pattern in (en.BLAMED_BEFORE, table.blamed_before) if pattern is not None]
    for s, e, code in islice(gazetteer.ACTOR_TABLE.all(text), MAX_CANDIDATES * 2):
        if text.startswith(en.QUALIFIER_SUFFIXES, e) or text.startswith(en.MAKER_SUFFIXES, e):
            continue  # "the Algeria-backed Polisario Front": the group is blamed, not its patron
        # Not over the headline's end: "..., IDF says" + "Hezbollah claimed responsibility".
        end = text.find("\n", e, e + 120)
        if any(pattern.match(text, e, e + 120 if end < 0 else end) for pattern in after):
            return code, (s, e), "actor:claimant"
        window = text[max(0, s - 40):s]
        if any(pattern.search(window) for pattern in before):
            return code, (s, e), "actor:blamed"
    return None


def _named_actor(p: Prepared, table: LanguageTable, primary: Cue | None,
                 summary_cue: Cue | None = None) -> tuple[str | None, tuple[int, int] | None, str]:
    text = p.text
    verb_final = table.verb_final

    title_end = p.title_end

    makers_memo: list[frozenset[str]] = []

    def makers() -> frozenset[str]:
        """The words the text names a weapon's maker or supplier by ("British" in
        "British-supplied Storm Shadow")."""
        if not makers_memo:
            makers_memo.append(frozenset(text[m[0]:m[1]] for m in gazetteer.ACTOR_TABLE.all(text)
                                         if text.startswith(en.MAKER_SUFFIXES, m[1])))
        return makers_memo[0]

    def role(s: int, e: int) -> str:
        # The 60 characters after the name are read in place (the patterns are anchored
        # by .match); the 40 before are a slice, whose start the patterns treat as a start.
        after_end = e + 60
        # The words before a summary's name are the summary's: the headline's last word
        # ("... overnight strikes") is no preposition of it.
        before = text[max(0, s - 40, title_end + 1 if s > title_end else 0):s]
        self_report = bool(en.SELF_REPORT_AFTER.match(text, e, after_end) or (
            table.self_report_after is not None and table.self_report_after.match(text, e, after_end)) or (
            # An armed group's spokesman: "Houthi spokesman Saree: Burkan-3 fired at Eilat".
            not verb_final and en.SPOKESMAN_COLON_AFTER.match(text, e, after_end)
            and (named := gazetteer.ACTOR_TABLE.first(text, s, e)) is not None and named[2] not in STATE_CODES))
        if s > title_end and not text[title_end:s].strip() and _DATELINE_AFTER.match(text, e, after_end):
            return "dateline"  # "Seul (PAP/AFP) - ...": where the copy was filed
        if s < title_end and not self_report and _headline_label(text, s, e, title_end):
            # "Ukraine Latest: ...", "Ukraina. ...": the topic, not the subject (but "Hamas: we
            # fired rockets" speaks of its own launch).
            return "label"
        if not verb_final and en.NOT_BEHIND_AFTER.match(text, e, after_end):
            return "cleared"  # "Hamas has not been behind recent rocket attacks"
        if not verb_final and en.OTHER_STORY_START.match(text, (sentence := p.sentence_of(s))[0]) and not (
                en.WEAPONS.search(text, *sentence)):
            # "Also, a dim outlook for Cambodia's opposition." (not "Elsewhere, the Houthis said
            # they had launched a missile": that story is the launch's).
            return "other_story"
        if not verb_final and en.DOWNS_AIRCRAFT_WITH_MISSILE.match(text, e, after_end + 40):
            return "actor"  # "Houthis shoot down US drone with surface-to-air missile"
        if (not verb_final and en.DEFENDER_AFTER.match(text, e, after_end)) or (
                table.defender_after is not None and table.defender_after.match(text, e, after_end)):
            return "defender"  # "Ukraine says it shot down 20 missiles", "US warship downs drone"
        if not verb_final and gazetteer.CAPITAL_ATTACKED.match(text, s, after_end):
            return "target"  # "The Kyiv attack was exceptional"
        if not verb_final and (en.PASSIVE_TARGET_AFTER.match(text, e, after_end) or (
                table.passive_target_after is not None and table.passive_target_after.match(text, e, after_end))):
            # "Israel targeted by missile from Yemen", "Russian landing ship struck by ...",
            # "Russia says its shipyard was hit by ...": the subject of a passive attack.
            return "target"
        if not verb_final and en.PLACE_PART_AFTER.match(text, e, after_end):
            return "target"  # "Parts of Kyiv's left bank without power after missile attack"
        if self_report:
            return "self"
        if not verb_final and _HARMED_BEFORE.search(before) and not _WEAPON_NEXT.match(text, e, after_end):
            # "a HIMARS strike killed dozens of Russian troops": who was hit (not "destroyed
            # six Ukrainian missiles": whose weapons were downed).
            return "harmed"
        if not verb_final and en.HARMED_AFTER.match(text, e, after_end):
            return "harmed"  # "Number of US troops hurt in Ain al-Asad rocket attack rises"
        if not verb_final and en.UNDER_FIRE_AFTER.match(text, e, after_end):
            return "harmed"  # "US troops in eastern Syria come under rocket fire"
        if not verb_final and _HOLDER_BY.search(before):
            return "holder"  # "a bridge used by Armenian forces": who holds or makes a thing
        if not verb_final and _fired_from(text, s, e):
            return "actor"  # "rockets from IS-held Syria", "missiles from Israeli F-35s"
        if not verb_final and en.PERSON_AFTER.match(text, e, after_end):
            return "person"  # "Brit aid worker films rockets": who the person is
        if text.startswith(en.MAKER_SUFFIXES, e) or (table.maker_after is not None and table.maker_after.match(text, e)):
            return "maker"  # "US-made ATACMS", "British-supplied Storm Shadow", "北朝鮮製"
        if not verb_final and en.JOINT_MAKER_BEFORE.search(before):
            return "maker"  # "the Anglo-French missiles were launched from Su-24 jets"
        if not verb_final and text[s:e] in makers():
            # "British Storm Shadow missiles hit ... || ... British-supplied Storm Shadow":
            # named elsewhere as the maker, the same word is the maker here too.
            return "maker"
        if text.startswith(en.QUALIFIER_SUFFIXES, e):
            return "qualifier"  # "Russia-annexed Crimea", "Iran-backed militia"
        if en.OWNER_AFTER.match(text, e, after_end) or (
                table.owner_after is not None and table.owner_after.match(text, e, after_end)):
            return "owner"  # "UK shipping company", "British-owned tanker": attacked, not attacking
        if (ANY.reporter_after.match(text, e, after_end) and not en.AGENCY_LAUNCHES_AFTER.match(text, e, after_end)) or en.AGENCY_BEFORE.search(before) or (
                table.reporter_before is not None and table.reporter_before.search(before)):
            return "reporter"
        if not verb_final and (en.INSTRUMENT_BEFORE.search(before) or en.USED_AFTER.match(text, e, after_end) or (
                table.instrument_before is not None and table.instrument_before.search(before))):
            return "supplier"  # "using British missiles", "British missiles were used in ..."
        if (not verb_final and en.PLACE_QUALIFIER_BEFORE.search(before)) or (
                table.qualifier_before is not None and table.qualifier_before.search(before)) or (
                table.qualifier_after is not None and table.qualifier_after.match(text, e, after_end)):
            return "qualifier"  # "okupowany przez Rosjan Sewastopol", "ロシアが併合したクリミア"
        passive_agent = not verb_final and (en.PASSIVE_AGENT_BEFORE.search(before) or (
            en.PASSIVE_IN_BEFORE.search(before) and _owns_attack(text, e, table, strict=True)))
        if verb_final:
            if table.target_after is not None and table.target_after.match(text, e, after_end):
                return "target"
        elif passive_agent:
            pass  # "hit with Ukrainian missiles", "damaged in Ukrainian strike": the agent, no target
        elif (table.target_before.search(before) if table.target_before is not None
              else en.TARGET_BEFORE.search(before)) and not (
                table.subject_weapon_after is not None and table.subject_weapon_after.match(text, e, after_end)) and not (
                en.LAUNCH_NOUN_AFTER.match(text, e, after_end)) and not (
                # "fired at Upper Galilee in Hezbollah's largest barrage": a possessive owns the attack.
                (text.startswith(("'s", "’s"), e) or text.startswith(("'s", "’s"), e - 2))
                and en.ATTACK_NOUN_STRICT_AFTER.match(text, e, after_end)):
            # A language with its own prepositions is read with them alone: Polish "to"
            # ("this is") and "on" ("he") are no English prepositions.
            return "target"
        if not verb_final and (en.SITE_BEFORE.search(before) or (
                table.site_before is not None and table.site_before.search(before))) and not (
                gazetteer.FACILITY_RE.match(text, s, e)) and not (
                text.startswith(("'s", "’s"), e - 2) or text.startswith(("'s", "’s"), e)) and not (
                _owns_attack(text, e, table, strict=True)):
            # "from North Korea's failed launch": a possessive owns what follows, no place;
            # "toll from Cambodian rocket strike": nor does an adjective on the attack.
            return "site"
        if table.oblique_name is not None and _oblique(text, s, e, table) and not _agent_case(
                text, s, e, before, table):
            return "object"  # "ostrzał Ukrainy", "dopadły Rosjan": an inflected name that is no subject
        return "actor"

    roles: dict[tuple[int, int], bool] = {}

    harmed_or_made = p.memo.setdefault(_ACTORS_SET_ASIDE, set())
    assert isinstance(harmed_or_made, set)

    def launches(r: tuple[int, int, str]) -> bool:
        """Whether the name r is in the role of a launcher (or reports its own launch)."""
        found = roles.get(r[:2])
        if found is None:
            named_as = role(r[0], r[1])
            found = roles[r[:2]] = named_as in ("actor", "self")
            if named_as in ("harmed", "maker"):
                harmed_or_made.add(r[2])
        return found

    def by_role(cue: Cue) -> tuple[str | None, tuple[int, int] | None, str] | None:
        """The launcher of cue's sentence by its role, (None, None, "") when that sentence
        gives the launch to a common noun, or None when it names no launcher."""
        s0, s1 = p.sentence_of(cue.start)
        anchor = cue.verb[0] if cue.verb else cue.start
        if cue.weapon and cue.weapon[0] < anchor and not verb_final:
            anchor = cue.weapon[0]
        names = gazetteer.ACTOR_TABLE.all(text, s0, s1)
        # Names are read outwards from the launch, at most MAX_CANDIDATES each way: roles
        # are worked out only for the names a rule asks about.
        split = bisect_right([r[1] for r in names], anchor)
        before_names = names[max(0, split - MAX_CANDIDATES):split]
        after_names = [r for r in names[split:split + MAX_CANDIDATES] if r[0] >= anchor]
        # "US shoots down missile fired by Houthis": the passive agent is the launcher.
        by_start = {r[0]: r for r in reversed(names)}
        for m in islice(en.FIRED_BY.finditer(text, s0, s1), MAX_CANDIDATES):
            by = by_start.get(m.end())
            # (Whatever follows: "launched by Ukrainian forces was intercepted" names its launcher.)
            if by and (launches(by) or (role(by[0], by[1]) == "defender"
                                        and m.group().lower().startswith(("fired", "launched", "lobbed")))):
                return by[2], (by[0], by[1]), "actor:fired_by"
        if table.agent_before is not None:
            # "wystrzelenie rakiety przez Koreę Północną": the passive agent after the event.
            for r in after_names:
                # (Right after a launch's participle, whatever follows: "wystrzelony przez
                # rebeliantów Huti w kierunku Izraela został zniszczony".)
                if table.agent_before.search(text, max(s0, r[0] - 18), r[0]) and (
                        launches(r) or ANY.launched_by.search(text, max(s0, r[0] - 60), r[0])):
                    return r[2], (r[0], r[1]), "actor:fired_by"
        object_owner = None
        if cue.weapon and not verb_final:
            # Modifiers between an owner and its weapon are a few words; looking no further
            # keeps the work linear however many names the sentence holds.
            ws = cue.weapon[0]
            for r in reversed(names[:bisect_right([r[1] for r in names], ws)]):
                if r[1] < ws - _OWNER_REACH:
                    break
                possessive = text.startswith("'s", r[1] - 2) or text.startswith("'s", r[1])
                modifiers = en.POSSESSED_MODIFIERS if possessive else en.WEAPON_MODIFIERS
                if launches(r) and modifiers.match(text, r[1], ws):
                    owner = r[2], (r[0], r[1]), "actor:weapon_owner"
                    if cue.verb and cue.verb[1] <= r[0] and not _OF_BEFORE.search(text, max(0, r[0] - 8), r[0]) and not (
                            ANY.debris.match(text, cue.verb[0], cue.verb[1])):
                        # (What is left of a weapon is its owner's: "wyłowiło szczątki
                        # północnokoreańskiej rakiety".)
                        # "Ukraine fired American ATACMS": a name on the verb's object
                        # supplied the weapon; the verb's subject, where named, fired it.
                        object_owner = owner
                        break
                    return owner
        if verb_final:
            found = _verb_final_launcher(p, table, cue.weapon, names, before_names, launches)
            if found is not None:
                return found
        # "Israel battles militants firing missiles": the launch's own subject is a common
        # noun, so no state the sentence names fired; only a name on that noun ("Hamas
        # militants fire") is theirs.
        unnamed = None if verb_final else ANY.unnamed_launcher.search(text, max(s0, anchor - 40), anchor)
        if unnamed is not None and not (before_names and (before_names[-1][1] > unnamed.start() or not text[
                before_names[-1][1]:unnamed.start()].strip(" '’s"))):
            # ... unless the headline names who attacked: "Hezbollah uderzył w Arab al-Aramsze ||
            # Bojownicy wystrzelili pociski przeciwpancerne".
            attacker = _headline_attacker(p, table) if anchor > p.title_end else None
            if attacker is not None and launches(attacker):
                return attacker[2], (attacker[0], attacker[1]), "actor:attacker"
            return None, None, ""
        # The launcher named last before the launch; of coordinated subjects ("S. Korea,
        # US fire ATACMS"), the first named leads.
        subject = None
        for r in reversed(before_names):
            if ";" in text[r[1]:anchor]:
                break  # "X meets Y for talks; shipyard missile attack": another clause's subject
            if not verb_final and cue.weapon and cue.weapon[0] == anchor and _CLAUSE_OPENS.search(text, r[1], anchor):
                # "Ukraine orders blackouts as 43 cruise missiles target plants": the weapons
                # are the subject of a clause of their own; the state is another clause's.
                break
            if not launches(r) or _placed(text, r[0], table):
                continue  # (nor a place: "W Kijowie spadła rakieta")
            if subject is not None and not (
                    table.coordinated_between.match(text, r[1], subject[0]) if table.coordinated_between is not None
                    else en.COORDINATED_SUBJECTS.fullmatch(text, r[1], subject[0])):
                break
            subject = r
        if subject is not None:
            s, e, code = subject
            return code, (s, e), "actor:subject"
        if object_owner is not None:
            return object_owner
        for r in after_names:
            if not verb_final and en.OTHER_EVENT_BETWEEN.search(text, anchor, r[0]):
                break  # "fires rockets ... in response to the killing of its members by Israel"
            if _placed(text, r[0], table):
                continue  # "w szpital w Kijowie uderzył rosyjski Ch-101": a place, not who struck
            if launches(r) and (_owns_attack(text, r[1], table) or (not verb_final and _fired_from(text, r[0], r[1]))
                                or re.search(r"\bby\s+(?:the\s+)?$", text[max(0, r[0] - 8):r[0]])):
                s, e, code = r
                return code, (s, e), "actor:attacker"
        return None

    def fired_by_over_owner(found: tuple[str | None, tuple[int, int] | None, str]):
        """`found`, unless it is a weapon's owner or type and the summary says who fired
        ("North Korean missile hit Kyiv || ... a KN-23 fired by Russian forces": whose the
        weapon was is not who fired it), or the headline names who attacked ("Ukraina
        zaatakowała Krym. ... || ... amerykańskich pocisków ATACMS": the maker is not the
        attacker)."""
        if found[2] in ("actor:weapon_owner", "actor:weapon_type"):
            for r in islice(gazetteer.ACTOR_TABLE.all(text, p.title_end), MAX_CANDIDATES):
                if r[2] != found[0] and ANY.launched_by.search(text, max(p.title_end, r[0] - 60), r[0]) and launches(r):
                    return r[2], (r[0], r[1]), "actor:fired_by"
            attacker = _headline_attacker(p, table)
            if attacker is not None and attacker[2] != found[0]:
                return attacker[2], (attacker[0], attacker[1]), "actor:attacker"
            for r in islice(gazetteer.ACTOR_TABLE.all(text, 0, p.title_end), MAX_CANDIDATES):
                if r[2] != found[0] and _USED_AFTER.match(text, r[1]) and launches(r):
                    # "w ataku na Kijów Rosja użyła północnokoreańskiego KN-23": the side
                    # that used the weapon fired it, whoever made it.
                    return r[2], (r[0], r[1]), "actor:subject"
        return found

    if primary is not None and (found := by_role(primary)) is not None:
        return fired_by_over_owner(found)
    if primary is not None and primary.in_title and primary.weapon is not None and (
            owned := gazetteer.WEAPON_OWNER_TABLE.first(text, primary.weapon[0], primary.weapon[1])):
        # "北 도발 6분 만에 맞불…軍, 동해안서 현무-2A 2발 발사": the headline's launch names no
        # launcher, but its weapon is one side's own, whoever else the summary names (but for
        # one the summary says fired it: "KN-23 ... fired by Russia").
        return fired_by_over_owner((owned[2], (owned[0], owned[1]), "actor:weapon_type"))
    if summary_cue is not None and primary is not None and primary.in_title and (
            found := by_role(summary_cue)) is not None and found[0] is not None:
        # "Rocket debris in the Yellow Sea. Seoul recovers parts || ... North Korea fired
        # on Wednesday": the summary's launch names its launcher where the headline's does not.
        return fired_by_over_owner(found)
    # A headline of several stories ("X meets Y for talks; shipyard missile attack") whose
    # launch's own story names no launcher: a name merely first in the item belongs to
    # another story, so only a name that owns an attack is taken.
    several_stories = primary is not None and primary.start < p.title_end and ";" in text[:p.title_end]
    for lo, hi in ((0, p.title_end), (p.title_end, len(text))):
        if verb_final and table.launch_verbs is not None:
            # No launcher in the launch's own sentence: the launch verb of this part is read
            # for its subject as that sentence's would be.
            verb = table.launch_verbs.search(text, lo, hi)
            if verb is not None:
                in_part = gazetteer.ACTOR_TABLE.all(text, lo, verb.start())
                found = _verb_final_launcher(p, table, None, in_part, in_part[-MAX_CANDIDATES:], launches)
                if found is not None:
                    return found
        # "... a fresh wave of Russian missile attacks": a name that owns an attack speaks
        # for the launcher before one merely named first ("Ukrainians awoke to ...").
        # Roles are worked out only for the first launcher and for the names that own an
        # attack (a cheap test, made first).
        first = None
        for r in islice(gazetteer.ACTOR_TABLE.all(text, lo, hi), MAX_CANDIDATES):
            if (not verb_final and primary is not None and lo <= primary.start and primary.end <= r[0]
                    and en.OTHER_EVENT_BETWEEN.search(text, primary.end, r[0])):
                break  # a name after "in response to ...": another event's
            if ANY.launched_by.search(text, max(lo, r[0] - 60), r[0]):
                # "... spadł pocisk. Była to rakieta S-300 wystrzelona przez ukraińską obronę":
                # the agent of the launch, in a sentence of the part that is not the launch's own,
                # even a defender's.
                return r[2], (r[0], r[1]), "actor:fired_by"
            placed = _placed(text, r[0], table)  # "W Kijowie spadła rakieta": where, not who
            owns = _owns_attack(text, r[1], table, strict=True) and not placed
            if (owns or (first is None and not placed)) and launches(r):
                if owns:
                    return r[2], (r[0], r[1]), "actor:attacker"
                first = r
        # In a headline of several stories, only a name that tells its own launch ("...;
        # Houthis say they targeted Aramco").
        if first is not None and (not several_stories or role(first[0], first[1]) == "self"):
            s, e, code = first
            return code, (s, e), "actor:first_named"
        if lo == 0 and (owned := gazetteer.WEAPON_OWNER_TABLE.first(text, 0, p.title_end)):
            # "Rosja: udany test rakiety Sarmat || ... Strona amerykańska została powiadomiona":
            # the headline's weapon of one side speaks before a state the summary merely names.
            return owned[2], (owned[0], owned[1]), "actor:weapon_type"
    owned = gazetteer.WEAPON_OWNER_TABLE.first(text, p.title_end)
    if owned:
        return owned[2], (owned[0], owned[1]), "actor:weapon_type"
    for s, e, agency in _agencies(p):
        implied = gazetteer.AGENCY_IMPLIES_ACTOR.get(agency)
        if implied:
            return implied, (s, e), "actor:state_agency"
    if not verb_final and primary is not None and primary.kind == "test" and primary.start < title_end and not (
            _DETECTED.search(text, 0, title_end)):
        # "Chińska marynarka: udany test pocisku", "Korea Płn. poinformowała o teście rakiety":
        # a state that reports a test and names no other launcher reports its own.
        for r in islice(gazetteer.ACTOR_TABLE.all(text, 0, primary.start), MAX_CANDIDATES):
            if r[2] in STATE_CODES and role(r[0], r[1]) in ("reporter", "label"):
                return r[2], (r[0], r[1]), "actor:reports_own_test"
    if not verb_final and primary is not None:
        # "Azerbaijan's defence ministry said a LORA missile was fired at a floating target
        # during live-fire exercises": so is a state that reports a launch in its drill.
        s0, s1 = p.sentence_of(primary.start)
        if _DRILL.search(text, s0, s1) and not _DETECTED.search(text, s0, s1):
            for r in islice(gazetteer.ACTOR_TABLE.all(text, s0, primary.start), MAX_CANDIDATES):
                if r[2] in STATE_CODES and role(r[0], r[1]) == "reporter":
                    return r[2], (r[0], r[1]), "actor:reports_own_test"
    headline = text[:p.title_end]
    letters = [c for c in headline if c.isalpha() and c.isascii()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        # "NORTH KOREA FIRES MISSILE": actor names are matched case-sensitively ("US" is
        # not "us"), so an all-caps headline is read again in title case.
        titled = headline.title()
        if len(titled) == len(headline):
            for s, e, code in gazetteer.ACTOR_TABLE.all(titled):
                return code, (s, e), "actor:all_caps_headline"
    return None, None, ""


# "a bridge used by Armenian forces", "territory held by ...", "a missile built by Israel
# Aerospace Industries": the agent holds, uses or makes a thing; it does not fire.
_WEAPON_NEXT = re.compile(r"(?:'s)?\s+(?:[\w-]+\s+){0,2}?(?:missiles?|rockets?|projectiles?|drones?|warheads?)\b",
                          re.IGNORECASE)
# Right before a name, the harm its people or things suffered: "killed dozens of Russian
# troops", "destroyed two Ukrainian", "struck more than a dozen Houthi targets".
_HARMED_BEFORE = re.compile(
    r"\b(?:kill(?:s|ed|ing)|wound(?:s|ed|ing)|injur(?:es|ed|ing)|destroy(?:s|ed|ing)|damag(?:es|ed|ing)|hit(?:s|ting)?"
    r"|struck)\s+"
    r"(?:(?:an?|the|at least|some|about|nearly|more than|over|dozens of|scores of|hundreds of|several|multiple|dozen"
    r"|two|three|four|five"
    r"|six|seven|eight|nine|ten|\d+)\s+)*$", re.IGNORECASE)
_HOLDER_BY = re.compile(r"\b(?:used|held|controlled|occupied|operated|owned|run|manned|defended|guarded"
                        r"|built|made|manufactured|produced|developed|designed|supplied)\s+by\s+(?:the\s+)?$")
# Armed groups whose "rakiety" are artillery rockets: all but the Houthis, who fire
# ballistic and cruise missiles.
_GROUP_CODES = frozenset(group.code for group in GROUPS)
_ROCKET_GROUPS = _GROUP_CODES - {"Houthis"}
# A test seen by others: "Seoul says it detected a missile test".
_DETECTED = re.compile(r"\b(?:detect\w*|spott\w*|observ\w*|monitor\w*|wykry\w*|zarejestrowa\w*|odnotowa\w*|zaobserwowa\w*)",
                       re.IGNORECASE)
# A drill, in which a state fires its own weapons.
_DRILL = re.compile(r"\b(?:drills?|(?:live-fire |military |naval |joint )?exercises|war ?games|manoeuvres|maneuvers"
                    r"|ćwicze\w+|manewr\w+)\b", re.IGNORECASE)
# "Wreckage of North Korea's satellite": a name after "of" owns what follows, wherever the verb.
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
# A name that used a weapon: "Russia used North Korean KN-23s", "Rosja użyła ...".
_USED_AFTER = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:used|uses|użył[aoy]?|użyli|wykorzystał[aoy]?|wykorzystali)\b",
                         re.IGNORECASE)
# A dateline after a place that opens the summary: "Seul (PAP/AFP) -", "SEOUL, Nov 14 (Reuters) -".
_DATELINE_AFTER = re.compile(r"(?:,[\w .]{1,25})?\s*\((?:[A-Z][\w-]{1,11})(?:/[A-Z][\w-]{1,11})*\)\s*[-–—:]")
# A clause opened before a weapon that is its subject: "... as 43 cruise missiles target".
_CLAUSE_OPENS = re.compile(r"\b(?:as|while|when|because)\s+(?:[\w'’-]+\s+){0,4}$", re.I)
# Before a name that opens the headline: a bracketed label at most ("[속보]", "【ライブ】").
_OPENING_LABEL = re.compile(r"\s*(?:[\[【(（<〈「][^\]】)）>〉」]{1,10}[\]】)）>〉」]\s*)?")
# After it: a comma, with the name's armed force or faction before it ("중국군,", "ロシア軍、",
# "후티 반군,", "フーシ派、", "米英軍、").
_OPENING_SUBJECT_AFTER = re.compile(r"(?:\s?(?:반군|무장정파|반정부군|혁명수비대)|(?:공|해|육|우주)?군|[英韓日仏独豪比]?(?:空|海|陸|宇宙)?軍|派)?[,、，]")


def _verb_final_launcher(p: Prepared, table: LanguageTable, weapon: tuple[int, int] | None, names: list,
                         before_names: list, launches) -> tuple[str, tuple[int, int], str] | None:
    """The launcher of a Korean or Japanese launch by its grammar, or None: the name whose
    possessive sits on the launch's weapon ("北朝鮮のICBM級ミサイル", not one it was fired
    with: "美 에이태큼스로"), else the last name before the verb marked as a subject ("북한이",
    "후티 반군은", "北朝鮮は"; of coordinated subjects, "미국과 영국은", the first), else a name
    that opens the headline before a comma ("러, 드니프로에 ..."). Places and reporters named
    nearer to the verb ("日本のEEZ内に", "韓国軍合同参謀本部によると") are not its launcher."""
    text = p.text
    if weapon and table.owner_between is not None and not (
            table.instrument_after is not None and table.instrument_after.match(text, weapon[1])):
        ws = weapon[0]
        for r in reversed(names[:bisect_right([r[1] for r in names], ws)]):
            if r[1] < ws - _OWNER_REACH:
                break
            if table.owner_between.match(text, r[1], ws) and launches(r):
                return r[2], (r[0], r[1]), "actor:weapon_owner"
    if table.subject_after is None:
        return None
    for i in range(len(before_names) - 1, -1, -1):
        r = before_names[i]
        if not (table.subject_after.match(text, r[1], r[1] + 12) and launches(r)):
            continue
        while (i > 0 and table.coordinated_between is not None
               and table.coordinated_between.match(text, before_names[i - 1][1], before_names[i][0])
               and launches(before_names[i - 1])):
            i -= 1
        s, e, code = before_names[i]
        return code, (s, e), "actor:subject"
    for r in gazetteer.ACTOR_TABLE.all(text, 0, p.title_end)[:1]:
        if _OPENING_LABEL.fullmatch(text, 0, r[0]) and _OPENING_SUBJECT_AFTER.match(text, r[1]) and launches(r):
            return r[2], (r[0], r[1]), "actor:subject"
    return None


def _headline_label(text: str, s: int, e: int, title_end: int) -> bool:
    """Whether the name at s..e opens the headline as its topic label: "Ukraine Latest:",
    "Russia-Ukraine live updates:", "South Korea:", or a first sentence that is the name
    alone ("Ukraina. Nocny ostrzał")."""
    opening = text[:s]
    if len(opening.split()) > 2 or any(c in opening for c in ".:!?"):
        return False
    if not opening.strip() and text.startswith(". ", e) and e + 2 < title_end:
        return True
    m = en.LABEL_AFTER.match(text, e, min(title_end, e + 40))
    return m is not None and not en.LAUNCH_VERBS.search(text, e, m.end())


def _oblique(text: str, s: int, e: int, table: LanguageTable) -> bool:
    """Whether the name at s:e is in an oblique case: its last word, and its first word when
    it has several ("Korei Północnej"; not "Strażnicy Rewolucji", whose head is first)."""
    if not table.oblique_name.search(text, s, e):
        return False
    first_end = text.find(" ", s, e)
    return first_end < 0 or bool(table.oblique_name.search(text, s, first_end))


def _agent_case(text: str, s: int, e: int, before: str, table: LanguageTable) -> bool:
    """Whether an inflected name in an oblique case is still the attack's agent: after
    "przez", a state's armed forces ("Siły Zbrojne Ukrainy") or a weapon ("rakiety Hamasu"), an adjective on an attack or
    a weapon ("rosyjskich rakiet"), or a genitive between an attack noun and its target
    ("atak Rosji na Ukrainę")."""
    if table.agent_before is not None and table.agent_before.search(before):
        return True
    if table.armed_body_before is not None and table.armed_body_before.search(before):
        return True  # "Siły Zbrojne Ukrainy wystrzeliły"
    if table.owner_before is not None and table.owner_before.search(before):
        return True  # "Rakiety Hamasu spadły"
    if _ADJECTIVE_END.search(text, s, e) and _owns_attack(text, e, table):
        return True
    return (table.agent_case_before is not None and table.agent_case_after is not None
            and bool(table.agent_case_before.search(before)) and bool(table.agent_case_after.match(text, e, e + 8)))


def _fired_from(text: str, s: int, e: int) -> bool:
    """Whether the name at s:e is where a launch came from as its holder or its craft
    ("from IS-held Syria", "from Israeli F-35s"), which makes it the launcher."""
    return bool(en.SITE_BEFORE.search(text, max(0, s - 30), s)) and (
        text.startswith(en.HOLDER_SUFFIXES, e) or bool(en.PLATFORM_AFTER.match(text, e, e + 40)))


# A preposition of place right before a name of an inflected language: the name is where,
# not who ("w Kijowie", "nad Odessą").
_PLACE_CASE_BEFORE = re.compile(r"\b(?:w|we|na|nad|pod|przy|koło|obok)\s+$", re.IGNORECASE)


def _placed(text: str, s: int, table: LanguageTable) -> bool:
    """Whether the name at `s` of an inflected language follows a preposition of place."""
    return table.inflected and _PLACE_CASE_BEFORE.search(text, max(0, s - 6), s) is not None


def _owns_attack(text: str, e: int, table: LanguageTable, strict: bool = False) -> bool:
    """Whether an attack or weapon noun follows the name that ends at e ("Russian strikes",
    "rosyjski atak"); unless `strict`, an armed force too ("Russian forces")."""
    english = en.ATTACK_NOUN_STRICT_AFTER if strict else en.ATTACK_NOUN_AFTER
    # Not over the headline's end: "... w Kijowie" is no owner of the summary's first words.
    end = text.find("\n", e, e + 40)
    end = e + 40 if end < 0 else end
    return bool(english.match(text, e, end)) or (
        table.attack_noun_after is not None and bool(table.attack_noun_after.match(text, e, end)))


# A count told over a period is a total from this many ("the first two since March" is a launch's).
_TOTAL_AT_LEAST = 10


def _in_clause(pattern, text: str, s: int, e: int) -> bool:
    """Whether `pattern` is found in the clause of text[s:e]: a count's `count_period`
    ("since", "so far", "od początku", "累計": a total, not one launch's) or `place_tally`."""
    lo = max(0, s - _CLAUSE_REACH)
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, lo, s)), default=lo)
    after = _CLAUSE_BREAK.search(text, e, e + _CLAUSE_REACH)
    hi = after.start() if after else min(len(text), e + _CLAUSE_REACH)
    return pattern.search(text, lo, hi) is not None


# A general weapon noun in the singular: no count above one goes with it.
_SINGULAR_NOUN = re.compile(r"(?:(?:ballistic|cruise) )?(?:missile|rocket|projectile)", re.I)


def _place_tally(text: str, s: int, e: int) -> bool:
    """Whether the weapons at text[s:e] are one place's tally (`place_tally`) of an attack
    the text tells over a whole country or many places (`wide_attack`): no launch's count."""
    return _in_clause(ANY.place_tally, text, s, e) and ANY.wide_attack.search(text) is not None


def _count(p: Prepared, table: LanguageTable, primary: Cue | None) -> tuple[int | None, tuple[int, int] | None]:
    text, t_end = p.text, p.title_end
    patterns = [en.COUNT] if table is ENGLISH or table.counts is None else [table.counts, en.COUNT]
    number_words = {**en.NUMBER_WORDS, **table.number_words}
    least = 1
    for lo, hi in ((0, t_end), (t_end, len(text))):
        if lo == t_end and ANY.vague_count.search(text, 0, t_end):
            if not ANY.magnitude_count.search(text, 0, t_end):
                break  # the headline says "several": a number later in the text is not the count
            least = 10  # "dozens", "数千発": a number of tens or more later in the text is the count
        for pattern in patterns:
            for m in pattern.finditer(text, lo, hi):
                raw = m.group("n").lower()
                n = number_words.get(raw)
                if n is None:
                    n = int(raw.replace(",", ""))
                if pattern is en.COUNT and n == 1 and _plural(text[m.start("w"):m.end("w")]):
                    continue  # "a barrage ... missiles": the article is not a count
                if pattern is en.COUNT and n > 1 and _SINGULAR_NOUN.fullmatch(text, m.start("w"), m.end("w")):
                    continue  # "a Falcon 9 rocket": a number before one weapon is its name's
                if n >= _TOTAL_AT_LEAST and _in_clause(ANY.count_period, text, m.start(), m.end()):
                    continue  # "more than 3,000 missiles since February 2022": a total
                if _place_tally(text, m.start(), m.end()):
                    continue  # "Na stolicę spadły trzy rakiety" of attacks across Ukraine
                if least <= n <= 10_000:
                    if lo == 0 and table.subset_count is not None:
                        # The headline counts a part ("5発、EEZ内に落下") of a total the summary
                        # gives: the total was launched.
                        whole = next((w for w in islice(table.subset_count.finditer(text, t_end), MAX_CANDIDATES)
                                      if int(w.group("part")) == n < int(w.group("total"))), None)
                        if whole is not None:
                            return int(whole.group("total")), whole.span("total")
                    return n, (m.start(), m.end())
    # "fires ballistic missile", "test-fires new, unarmed nuclear missile": the headline's
    # launch has one singular weapon as its object.
    if (not table.verb_final and primary is not None and primary.in_title and primary.weapon
            and not ANY.vague_count.search(text, 0, t_end) and not ANY.volley_words.search(text, 0, t_end)):
        ws, we = primary.weapon
        if _place_tally(text, ws, we):
            return None, None  # "rakieta spadła na dzielnicę" of attacks on cities
        if table.singular_weapons is not None:
            # "wystrzeliła rakietę": every weapon the headline names is one; a system's name
            # says no number ("przetestowała pocisk PrSM": the noun before it does).
            singular = table.singular_weapons
            named = [(w.start(), w.end()) for w in table.weapons.finditer(text, 0, t_end)]
            nouns = [(s, e) for s, e in named if not (text[s].isupper() and s > 0 and text[s - 2:s] != ". ")]
            if (ws, we) in named and nouns and all((m := singular.match(text, s, e)) is not None and m.end() == e
                                                   for s, e in nouns):
                return 1, (ws, we)
            return None, None
        title_weapons = [text[m.start():m.end()] for m in en.WEAPONS.finditer(text, 0, t_end)]
        if (not any(_plural(w) for w in title_weapons)
                and not re.search(r"\band\b", text[ws:min(we + 30, t_end)])
                and not en.EVENT_NOUN_AFTER.match(text, we, min(we + 20, t_end))):
            return 1, (ws, we)
    return None, None


_SYSTEM_NAME = re.compile(en.NAMED_SYSTEMS, re.IGNORECASE)
# How far past "including" the class it names may stand ("including Kh-101 and Kalibr cruise
# missiles"), and before it the count it is part of ("52 cruise and ballistic missiles, including").
_PART_REACH = 60
_COUNT_REACH = 40


def _count_of_classes(text: str, count: int, kind_start: int) -> bool:
    """Whether the class named at `kind_start` is one of several that `count` counts: the
    class follows "including" (`count_of_classes`), which follows that count's number."""
    number = str(count)
    for part in ANY.count_of_classes.finditer(text, max(0, kind_start - _PART_REACH), kind_start):
        before = text[max(0, part.start() - _COUNT_REACH):part.start()]
        if re.search(rf"(?<![\d,.]){number}(?![\d,.]\d)", before.replace(",", "")):
            return True
    return False


def _plural(words: str) -> bool:
    """Whether the last word is a plural: "missiles", "Tomahawks"; not a name whose singular
    ends in s ("Yars": without the s it names no system). An acronym so ending ("ATACMS")
    is either, so counts as a plural (it says no number)."""
    word = words.split()[-1] if words.split() else ""
    last = word.lower()
    if not last.endswith("s") or last.endswith(("ss", "us")):
        return False
    return word.isupper() or not (_SYSTEM_NAME.fullmatch(last) and not _SYSTEM_NAME.fullmatch(last[:-1]))


def _first_of(table, text: str, title_end: int) -> tuple[int, int, str] | None:
    """First match of a gazetteer table in the title, else in the summary."""
    return table.first(text, 0, title_end) or table.first(text, title_end)


def _destination_sea(p: Prepared, site: tuple[int, int] | None = None) -> tuple[int, int, str] | None:
    """The first sea named as where a missile went: not a sea whose name is part of
    another's ("Black Sea port of Odesa", "Black Sea Fleet"), nor one it came from
    ("launched from ships in the Black Sea", or inside the launch site's span: "강원도
    동해안 일대에서 동해상으로"); the headline's first, else the summary's."""
    text, t_end = p.text, p.title_end
    for lo, hi in ((0, t_end), (t_end, len(text))):
        for s, e, sea in islice(gazetteer.SEA_TABLE.all(text, lo, hi), MAX_CANDIDATES):
            if (ANY.sea_as_name_after.match(text, e, e + 30) or ANY.sea_origin_before.search(text, max(0, s - 40), s)
                    or ANY.sea_origin_after.match(text, e, e + 20) or (site is not None and site[0] <= s < site[1])):
                continue
            return s, e, sea
    return None


def _headline_attacker(p: Prepared, table: LanguageTable) -> tuple[int, int, str] | None:
    """The state right before the headline's attack word, which it is the subject or the
    owner of ("Ukraine attacks Crimea", "Ukraina zaatakowała Krym", "in Ukraine attack"),
    as the gazetteer's (start, end, code), or None."""
    span = (reader_verb_final.headline_attack(p, table) if table.verb_final
            else reader_pl.headline_attack(p) if table.inflected else reader_en.headline_attack(p))
    if span is None:
        return None
    before = [r for r in gazetteer.ACTOR_TABLE.all(p.text, 0, span[0]) if not p.text[r[1]:span[0]].strip()
              and not _placed(p.text, r[0], table)]
    return before[-1] if before else None


# Where each armed group fires from: its own land, no target of its launches ("Hamas fires
# rockets ... clashes in north and south Gaza").
_GROUP_HOMES = {"Hamas": "PSE", "Palestinian Islamic Jihad": "PSE", "Hezbollah": "LBN", "Houthis": "YEM",
                "Islamic Resistance in Iraq": "IRQ"}


def _own_place(state: str, actor: str | None) -> bool:
    """Whether a place of `state` (a gazetteer code) is the launcher's own territory, or
    an armed group's home."""
    return bool(state) and (state == actor or _GROUP_HOMES.get(actor or "") == state)


def _israeli(place: str | None) -> bool:
    """Whether `place` (an English name) is one of Israel's in the gazetteer."""
    found = gazetteer.TARGET_PLACE_TABLE.first(place, 0, len(place)) if place else None
    return found is not None and found[2] == "ISR"


def _another_event(text: str, s: int, lo: int) -> bool:
    """Whether the strike or launch word at s is told in its clause as another event, after
    "after", "following", "since" ("the strikes came after an attack on a ship", "days after
    it launched an ICBM from Sunan")."""
    for m in ANY.other_event_before.finditer(text, max(lo, s - _CLAUSE_REACH), s):
        if not _CLAUSE_BREAK.search(text, m.end(), s):
            return True
    return False


_OF_PLACE = re.compile(r"\s*of [A-Z][\w'-]*(?: [A-Z][\w'-]*)?")


# A capability before a verb or noun of striking: what it could hit, not what it hit.
_COULD_REACH_BEFORE = re.compile(r"\b(?:able to|can|could|capable of|designed to|enough to|range to)\s+"
                                 r"(?:(?:reach|reaching|hit|hitting|strike|striking|attack|attacking)\s+)?$", re.I)


def _could_reach(text: str, lo: int, s: int) -> bool:
    """Whether the strike word at `s` tells what a weapon could hit ("is able to reach
    targets in India", "can hit targets in Japan"), not what it hit."""
    return _COULD_REACH_BEFORE.search(text, max(lo, s - 30), s) is not None


def _struck(p: Prepared, lo: int, hi: int, actor: str | None) -> list[tuple[int, str, tuple[int, int]]]:
    """What the strikes of text[lo:hi] hit, as (position, direction, span): in the words
    after a verb or noun of striking, falling or entering (`en.STRIKE_OBJECT`), a place of
    the gazetteer that is not the launcher's own ("strikes Ukraine's Odesa port" → Odesa,
    the first place that is not a whole state, else the state), else the thing hit with
    the words before it that describe it ("hit a Ukrainian museum" → Ukrainian museum)."""
    text = p.text
    found = []
    told = -1  # where the last strike told ended: a later one after "after" is another event's
    for m in islice(en.STRIKE_OBJECT.finditer(text, lo, hi), MAX_CANDIDATES):
        sentence_start = p.sentence_of(m.start())[0]
        if _another_event(text, m.start(), lo) and (
                en.STRIKE_NOUN_ON.match(text, m.start()) or told > sentence_start):
            # "the strikes came after an attack on a ship", "strikes cities days after a
            # warship was hit in Crimea": another attack's target. A strike after "after"
            # that is the sentence's only one is the news ("says ... after a missile hit").
            continue
        if _could_reach(text, lo, m.start()):
            continue  # what the missile could strike: "is able to reach targets in India"
        told = m.end()
        os_, oe = m.span("object")
        if of_place := _OF_PLACE.match(text, oe):
            oe = of_place.end()  # "the central Ukrainian city of Poltava": the city is named
        # "cities across Ukraine": the whole state the strikes spread over is no place hit.
        places = [(s, e) for s, e, state in gazetteer.TARGET_PLACE_TABLE.all(text, os_, oe)
                  if not _own_place(state, actor) and not (
                      gazetteer.names_a_state(text[s:e]) and en.ACROSS_BEFORE.search(text, max(os_, s - 8), s))]
        things = list(en.STRUCK_THING.finditer(text, os_, oe))
        named = [pl for pl in places if not gazetteer.names_a_state(text[pl[0]:pl[1]])]
        if named or (places and not things):
            s, e = (named or places)[0]
            place = text[s:e]
            found.append((s, place[0].upper() + place[1:], (s, e)))
            continue
        if not things:
            continue
        s, e = things[0].start(), things[-1].end()
        # The words that describe the thing ("civilian", "Ukrainian", "apartment block"),
        # back to a determiner or the start of the object: at most two, or a whole name
        # ("Black Sea Fleet headquarters").
        words = list(re.finditer(r"\S+", text[os_:s]))
        for i in range(len(words) - 1, -1, -1):
            word = words[i].group()
            in_name = word[0].isupper() and i + 1 < len(words) and words[i + 1].group()[0].isupper()
            if word.lower() in en.STRUCK_THING_DETERMINERS or (len(words) - i > 2 and not in_name):
                break
            s = os_ + words[i].start()
        if text[s:e].lower() in en.STRUCK_THING_NEEDS_WORD:
            continue
        found.append((s, text[s:e], (s, e)))
    return found


# The compass points (`schemas.labels.COMPASS_POINTS`) as `heading` patterns write them,
# two-word points first (a Polish one also without its hyphen, as a label's is matched).
_COMPASS = (("northeast", ("north-east", "northeast", "북동", "동북", "北東", "północno-wschod", "północnowschod",
                           "północny wschód")),
            ("northwest", ("north-west", "northwest", "북서", "서북", "北西", "północno-zachod", "północnozachod",
                           "północny zachód")),
            ("southeast", ("south-east", "southeast", "남동", "동남", "南東", "południowo-wschod", "południowowschod",
                           "południowy wschód")),
            ("southwest", ("south-west", "southwest", "남서", "서남", "南西", "południowo-zachod", "południowozachod",
                           "południowy zachód")),
            ("north", ("north", "북", "北", "półn")), ("south", ("south", "남", "南", "połud")),
            ("east", ("east", "동", "東", "wschod", "wschód")), ("west", ("west", "서", "西", "zachod", "zachód")))


def compass_point(text: str) -> str | None:
    """The compass point a heading names ("in a north-eastern direction" → "northeast",
    "북동쪽 방향" → "northeast"), or None."""
    said = text.casefold()
    return next((point for point, words in _COMPASS if any(word in said for word in words)), None)


def _direction(p: Prepared, table: LanguageTable, actor: str | None = None,
               site: tuple[int, int] | None = None) -> tuple[str | None, tuple[int, int] | None]:
    """Where the launch went, and the span that says it (see the module docstring);
    `actor` is the launcher, whose own places are no target; `site` is the launch site's
    span, which is where it came from, not where it went."""
    text, t_end = p.text, p.title_end

    def in_site(span: tuple[int, int]) -> bool:
        return site is not None and site[0] <= span[0] < site[1]

    sea = _destination_sea(p, site)
    # A sea it was stopped over says where it went only when no target does ("aimed at
    # Eilat, intercepted over the Red Sea").
    stopped = sea is not None and ANY.stopped_over.search(text, max(0, sea[0] - 40), sea[0]) is not None
    if sea and sea[0] < t_end and not stopped:
        return sea[2], (sea[0], sea[1])
    # A city, a region, an airspace or a thing hit says where it went better than the state
    # at war it is in ("fires missiles at Ukraine ... a strike on Kyiv"): the first target
    # that is no state, else the first state; the headline's first, else the summary's.
    # A place of the launcher's own state is no target ("launched ... action against Tehran").
    targets = []
    states_hit: list[tuple[str, tuple[int, int]]] = []
    for lo, hi in ((0, t_end), (t_end, len(text))):
        part = []
        for m in islice(gazetteer.TARGET_EN.finditer(text, lo, hi), MAX_CANDIDATES):
            if _could_reach(text, lo, m.start()):
                continue  # "can hit targets in Japan"
            group = next(g for g in ("place", "place_under", "place_before", "place_label", "place_sirens") if m.group(g))
            s, e = m.span(group)
            if group == "place_label" and gazetteer.names_a_state(text[s:e]):
                continue  # "South Korea: North launched ...": the state that says it
            own = gazetteer.TARGET_PLACE_TABLE.first(text, s, e)
            if own is not None and _own_place(own[2], actor):
                continue
            place = text[s:e]
            part.append((s, place[0].upper() + place[1:], (s, e)))
        if table.target_place is not None:
            for m in islice(table.target_place.finditer(text, lo, hi), MAX_CANDIDATES):
                if (part or targets) and _another_event(text, m.start(), lo):
                    # another event's, after this one's target ("... w kierunku zachodniej
                    # Ukrainy ... . Dzień wcześniej rakiety uderzyły w Lwów"); alone, it is the
                    # news ("Po ataku rakietowym na Odessę ...").
                    continue
                group = next(g for g, value in m.groupdict().items() if value)
                s, e = m.span(group)
                inner = gazetteer.ACTOR_TABLE.first(text, s + 1, e)
                if (inner is not None and inner[2] in STATE_CODES and text[inner[0] - 1] == " "
                        and table.place_name is not None and table.place_name(text[s:inner[0] - 1]) is not None):
                    # "w ataku na Dniepr Rosja użyła ...": a place, then the sentence's subject
                    # (not "południe Izraela", one phrase).
                    e = inner[0] - 1
                said = text[s:e]
                if group == "place_of" and gazetteer.names_a_state(said):
                    continue  # "ataku Rosji": the attack's owner, in the genitive
                named = gazetteer.ACTOR_TABLE.first(text, s, e)
                if named is not None and named[2] not in STATE_CODES:
                    continue  # "uderzyły na Hutich": an armed group attacked is no place
                if group == "place_hit" and gazetteer.names_a_state(said):
                    # "ostrzelał Izrael": where in it, if the text says, else the state
                    english = table.place_name(said) if table.place_name is not None else None
                    states_hit.append((english or said, (s, e)))
                    continue
                english = table.place_name(said) if table.place_name is not None and (
                    " " not in said or group in ("place_sirens", "place_over")) else None
                if group == "place_of" and english is None:
                    continue  # a genitive no place of the gazetteer: the attack's owner ("ostrzał Hamasu")
                if group == "place_sirens" and not _israeli(english):
                    continue  # sirens elsewhere warn a whole land ("syreny we Lwowie")
                part.append((s, english or said, (s, e)))
        for m in islice(en.TARGET_AREA.finditer(text, lo, hi), MAX_CANDIDATES):
            if _could_reach(text, lo, m.start()):
                continue
            s, e = m.span(next(g for g in ("place", "place_reached", "place_range", "place_off", "place_near") if m.group(g)))
            part.append((s, text[s:e], (s, e)))
        part += _struck(p, lo, hi, actor)
        targets += [(value, span) for _pos, value, span in sorted(part, key=lambda t: t[0]) if not in_site(span)]
    # A place the headline's strike hit says more than a sea the summary names ("strike
    # Odesa port" + "Odesa, a city on the Black Sea"); a whole state does not.
    if sea and not stopped and not any(span[0] < t_end and not gazetteer.names_a_state(value) for value, span in targets):
        return sea[2], (sea[0], sea[1])
    if targets:
        return next((t for t in targets if not gazetteer.names_a_state(t[0])), targets[0])
    if sea:
        return sea[2], (sea[0], sea[1])
    if states_hit:
        return states_hit[0]
    m = _first_in(ANY.heading, text, t_end)
    if m and (point := compass_point(m.group())) is not None:
        return point, (m.start(), m.end())
    m = _first_in(ANY.generic_sea, text, t_end)
    if m and not in_site((m.start(), m.end())):  # (not "地中海上の艦艇から", where it came from)
        return "sea", (m.start(), m.end())
    return None, None


# "After being launched from ..., the missile flew": this launch's own site.
# ... nor the moments of its own flight: "blew up shortly after lift-off from Sohae".
_THIS_ONE_AFTER = re.compile(r"\bafter (?:being|having been|(?:its |the )?(?:lift-?off|take-?off|blast-?off))\b", re.I)


def _launch_site(p: Prepared, table: LanguageTable,
                 actor: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """Where the launch was made from, as the text words it, and its span: the first place
    a `launch_sites` pattern of the language finds (the headline's before the summary's)
    that is not another launch's (told after "after", "since": "days after it launched an
    ICBM from Sunan"), not an agency ("fired from ..., the JCS said") nor only the
    launcher's own state ("北朝鮮から発射", "fired from North Korea": the actor says as
    much). A pattern whose place is group "home_site" names a site only in the launcher's
    own state or in one the gazetteer does not know ("in the Pyongyang area", not "in the
    Kharkiv region" of a Russian launch: another state's area is a target)."""
    text = p.text
    for pattern in table.launch_sites:
        for m in islice(pattern.finditer(text), MAX_CANDIDATES):
            home = "home_site" in pattern.groupindex
            s, e = m.span("home_site" if home else "site")
            if _another_event(text, s, 0) and not _THIS_ONE_AFTER.search(text, max(0, s - _CLAUSE_REACH), s):
                continue  # another launch's site ("days after it launched an ICBM from Sunan")
            place = gazetteer.TARGET_PLACE_TABLE.first(text, s, e) if home else None
            if place is not None and place[2] != actor:
                continue  # another state's area is a target ("fired in the Kharkiv region")
            said = text[s:e].rstrip(" ,'’")
            if len(said) == 1 and text.startswith(". ", e):
                # An initial the site's pattern stopped at: "from N. Korea" is the state's name.
                state = gazetteer.ACTOR_TABLE.first(text, s, min(len(text), s + _INITIALLED_REACH))
                if state is not None and state[0] == s:
                    said = text[s:state[1]]
            named = gazetteer.AGENCY_TABLE.first(text, s, s + len(said))
            if named is not None and text[s:named[0]].strip().lower() in ("", "the"):
                continue
            state = gazetteer.ACTOR_TABLE.first(said)
            if state is not None and (actor is None or state[2] == actor) and (
                    state[0], state[1]) == (0, len(said)) and known_site(said) is None:
                # (with no launcher read, the state it came from is the launcher: "Pocisk z Korei
                # Północnej"; a capital that names its state is a site still: "from near Pyongyang")
                continue
            return said, (s, s + len(said))
    return None, None


# How far a state's name abbreviated to its initial ("N. Korea") is read.
_INITIALLED_REACH = 24


# "an Israeli military post", "Russian army positions", "in IRGC desert drill": the name
# describes a place or an occasion, it is no body that speaks.
_AGENCY_AS_ADJECTIVE = re.compile(r"\s+(?:(?:desert|naval|annual|joint|military)\s+)?(?:posts?|outposts?|bases?|positions?"
                                  r"|sites?|targets?|vehicles?|installations?|facilit(?:y|ies)|barracks|convoys?|depots?"
                                  r"|drills?|exercises?|manoeuvres|maneuvers|war\s?games)\b", re.IGNORECASE)


def _agencies(p: Prepared) -> list[tuple[int, int, str]]:
    """Every agency the text names, in text order, found once per text."""
    found = p.memo.get("agencies")
    if found is None:
        found = p.memo["agencies"] = [f for f in gazetteer.AGENCY_TABLE.all(p.text)
                                      if not _AGENCY_AS_ADJECTIVE.match(p.text, f[1])]
    return found  # type: ignore[return-value]


def _agency(p: Prepared, table: LanguageTable) -> tuple[str | None, tuple[int, int] | None]:
    """The reporting agency: one the text credits ("according to the Joint Chiefs of
    Staff", "합참에 따르면"), else in Korean and Japanese the speaker of a summary sentence
    (`_topic_speaker`: "중국 국방부는 ... 발표했다"), else one it names outright (not the
    wire of a dateline, "(도쿄=연합뉴스)"), else the person or body the text makes the
    speaker ("..., Zelenskyy says", see `_speaker`), else an agency it only describes
    ("South Korea's military", "state media"), else a state it says reported it; in each,
    the headline's first, else the summary's first. The labelling policy's source is who
    the text says reported it: a named speaker says so more plainly than an agency the
    text merely mentions."""
    text, t_end = p.text, p.title_end
    found = _agencies(p)

    def credited(f: tuple[int, int, str]) -> bool:
        return bool(ANY.credit_before.search(text, max(0, f[0] - 40), f[0])
                    or ANY.credit_after.match(text, f[1], f[1] + 12))

    # A wire in a dateline ("(도쿄=연합뉴스)", "【ソウル共同】", "TOKYO, July 12 Kyodo -") relays;
    # it is no source.
    datelines = list(_DATELINE.finditer(text, t_end))
    in_order = [f for f in found if f[0] < t_end] + [f for f in found if f[0] >= t_end
                                                     and not any(d.start() <= f[0] < d.end() for d in datelines)]
    # (A headline's agency that says it, by name, is credited too: "... 革命防衛隊が声明", "..., UKMTO
    # says"; not "state media says", which names nobody.)
    best = next((f for f in in_order if credited(f) or f[0] < t_end and f[2] not in gazetteer.GENERIC_AGENCIES
                 and ANY.sayer_after.match(text, f[1], f[1] + 40)), None)
    if best:
        return best[2], (best[0], best[1])
    topic = _topic_speaker(p, table)
    if topic:
        return topic
    # (An agency that acts in another event's clause reports nothing: "Islamic Jihad fires
    # rockets ... after IDF kills commanders".)
    in_order = [f for f in in_order if not _OTHER_EVENT_BEFORE.search(text, max(0, f[0] - 30), f[0])]
    named = [f for f in in_order if f[2] not in gazetteer.GENERIC_AGENCIES]
    # An agency that fired ("Iran's Islamic Revolutionary Guard Corps fired ..., state media
    # IRNA reported") is the launcher; another the text names reported it.
    best = next((f for f in named if not _fired(text, f[1], table)), None)
    if best:
        return best[2], (best[0], best[1])
    speaker, span = _speaker(p, table)
    if named and not (speaker and not _NAMELESS_SPEAKER.fullmatch(speaker)):
        # Only the launcher is named ("the IRGC fired ..."), unless another reported it
        # ("Iran's Guards test-fire ... || ..., state TV said").
        return named[0][2], (named[0][0], named[0][1])
    if speaker and span is not None:
        # "officials said" names nobody: a state the headline says reported it does
        # ("Ukraine Says It Shot Down ... || ..., but officials said ..."); and a summary's
        # speaker yields to the armed group whose words the headline opens with, its own
        # voice ("Hezbollah: we fired ... || The Shia organisation announced ..."), not to a
        # state, whose body the summary names ("South Korea: ... || the military said").
        state, state_span = _sayer(p)
        if state is not None and state_span is not None and state_span[0] < t_end and (
                _NAMELESS_SPEAKER.fullmatch(speaker)
                or span[0] >= t_end and _HEADLINE_SAYER_COLON.match(text, state_span[1])
                and state in _GROUP_CODES):
            return state, state_span
    if speaker:
        return _state_agency(speaker, datelines), span
    if in_order:
        return in_order[0][2], (in_order[0][0], in_order[0][1])
    return _sayer(p)


_OTHER_EVENT_BEFORE = re.compile(r"\b(?:after|following|amid|since|before)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$",
                                 re.IGNORECASE)
_SUBJECT_REACH = 25  # characters from an agency's name to the verb it is the subject of
_NOT_SUBJECT = re.compile(r"[,;:]|\b(?:said|says|that|who|which)\b", re.IGNORECASE)


def _fired(text: str, end: int, table: LanguageTable) -> bool:
    """Whether the name ending at `end` is the subject of a launch verb right after it, in
    English and Polish ("the IRGC fired", "Siły Zbrojne Ukrainy ... wystrzeliły")."""
    if table.verb_final:
        return False
    hi = min(len(text), end + _SUBJECT_REACH)
    verb = en.LAUNCH_VERBS.search(text, end, hi) or (
        table.launch_verbs.search(text, end, hi) if table.launch_verbs is not None else None)
    return verb is not None and _NOT_SUBJECT.search(text, end, verb.start()) is None


# A speaker that names nobody: "officials said", "authorities say", "sources said", or
# only describes a group the headline names ("Hezbollah says ... || The Iran-backed group said").
_NAMELESS_SPEAKER = re.compile(r"(?:the )?(?:officials?|authorities|sources?|(?:a )?spokes(?:man|woman|person)"
                               r"|(?:[\w-]+ ){0,2}(?:group|movement|militia|militants|rebels|organi[sz]ation))", re.I)


def _state_agency(speaker: str, datelines: list[re.Match[str]]) -> str:
    """A speaker that names no state but its capital ("the Defence Ministry in Moscow
    said"), or that stands under a dateline of a capital ("TOKYO, July 12 Kyodo -"), is that
    state's, where the gazetteer knows such an agency of it ("Japan's Defense Ministry" →
    Japan MoD); else the speaker as written."""
    body, cities = speaker, [(dateline.group("city") or "").strip() for dateline in datelines]
    if (m := _BODY_IN_CITY.fullmatch(speaker)) is not None and m.group("city").upper() in _CAPITAL_STATES:
        body, cities = m.group("body"), [m.group("city")]
    for city in cities:
        state = _CAPITAL_STATES.get(city.upper())
        if state is None:
            continue
        owned = f"{gazetteer.ACTOR_NAMES[state]}'s {body}"
        agency = gazetteer.AGENCY_TABLE.first(owned)
        if agency is not None and (agency[0], agency[1]) == (0, len(owned)):
            return agency[2]
    return speaker


_DATELINE = re.compile(
    r"[(（][^()（）=]{0,30}=[^()（）]{1,20}[)）]|【[^】]{1,20}】"
    # A summary that opens with a city and a wire: "SEOUL, Nov. 21 (Yonhap) --", "TOKYO, July
    # 12 Kyodo -", "SEOUL (Reuters) -".
    rf"|(?m:^(?P<city>[A-Z][A-Z .'/-]{{1,40}}?)(?:,\s*[A-Z][a-z]{{2,4}}\.?\s+\d{{1,2}})?{en.DATELINE_WIRE})")
# The state of a dateline's capital ("TOKYO, July 12 Kyodo -" → JPN).
_CAPITAL_STATES = {capital.upper(): state.code for state in STATES for capital in state.capitals}
_BODY_IN_CITY = re.compile(r"(?P<body>.+?)\s+in\s+(?P<city>[A-Z][\w'-]+)")
_SENTENCE = re.compile(r"[^.。!?！？]+")


def _topic_speaker(p: Prepared, table: LanguageTable) -> tuple[str, tuple[int, int]] | None:
    """In a verb-final language, the speaker of the summary's first sentence that has one:
    one its words credit or name after what it said (`speaker_clause`: "X에 따르면",
    "Xによると"), else the topic that opens a sentence ending with a saying verb ("중국
    국방부는 ... 발표했다", "政府は ... と発表した"); as `_speaker_phrase` takes it (an agency
    of the gazetteer given as such; a state alone left to `_sayer`)."""
    if table.saying_end is None or table.topic_speaker is None:
        return None
    text = p.text
    for m in islice(_SENTENCE.finditer(text, p.title_end), MAX_CANDIDATES):
        s0, s1 = m.span()
        spans = []
        if table.speaker_clause is not None and (said := table.speaker_clause.search(text, s0, s1)):
            spans.append(said.span(next(g for g, v in said.groupdict().items() if v)))
        if table.saying_end.search(text, max(s0, s1 - 16), s1) and (topic := table.topic_speaker.match(text, s0, s1)):
            spans.append(topic.span("s"))
        for s, e in spans:
            got = _speaker_phrase(p, table, s, e)
            if got:
                return got
    return None


_TEXT_CLOSED = re.compile(r"[.!?…\"'”’»)\]]\s*$")  # a text that ends as a sentence does
_SPEAKER_MAX_WORDS = 7
_SPEAKER_REACH = 160  # characters a speaker's clause is read over, either way of its verb  # a name or a short noun phrase; more is a clause, not a speaker
# Punctuation that closes a clause within a sentence; sentences end at SENTENCE_END.
_CLAUSE_MARK = re.compile(r"[,;:()\[\]!?]|\s-\s|\n")
_SPEAKER_TRIM = '"\'„«»*.,;: '
# Articles and possessive determiners: "its governor" is spelt "governor" (the "its" points
# back to a name the source line would not show).
_ARTICLE = re.compile(r"(?:the|a|an|its|his|her|their)\s+", _I)
# An adverb between a speaker and its verb ("Russia previously said", "the ministry also
# said") is no part of the speaker's name.
_TRAILING_ADVERB = re.compile(r"\s+(?:previously|earlier|also|later|again|then|now|already|recently|repeatedly"
                              r"|has|had|have|once|first|last)$", _I)
_WORD = re.compile(r"\S+")
_ONLY_JOINERS = re.compile(r"(?:\s|,|&|'s|and|i|oraz)*", _I)
# Whole-word tests of the language tables' speaker words.
_NOT_SPEAKER = re.compile(f"(?:{ANY.not_speaker.pattern})", _I)
_TITLE = re.compile(f"(?:{ANY.speaker_titles.pattern})", _I)
# Bodies named by their kind: "army", "officials", "wojsko", "prokuratura".
_BODIES = (r"army|military|navy|air force|police|officials?|authorities|government|ministry|prosecutors|investigators"
           r"|armia|wojsko|lotnictwo|marynarka|dowództwo|urzędnicy|władze|służby|siły zbrojne|siły powietrzne|policja"
           r"|prokuratura|prokuratorzy|śledczy")
# One named by its state's adjective before a headline's colon: "Pakistańska armia",
# "Ukraińskie lotnictwo", "Amerykańscy urzędnicy", "Ukrainian air force".
_STATE_BODY = re.compile(rf"[\w'’.-]+\s+(?:{_BODIES})", _I)
_CLAUSE_START = re.compile(f"(?:{ANY.speaker_clause_start.pattern})", _I)
_SPEAKER_END = re.compile(f"(?:{ANY.speaker_end.pattern})", _I)


def _speaker(p: Prepared, table: LanguageTable) -> tuple[str | None, tuple[int, int] | None]:
    """The person or body the text makes the speaker, as the text spells it, where the
    gazetteer names no agency the text credits: the subject of a saying verb ("...,
    Zelenskyy says", "the city's military administration said Tuesday", "Szef sztabu
    poinformował", "- przekazał w czwartek rano koncern X"), the one credited ("according
    to the city's governor", "według dowódcy"), or a person opening a headline's sentence
    ("Gen. X: <quote>", "Jan Kowalski: ..."); the headline's first, else the summary's.
    A phrase is a speaker when it is short (at most `_SPEAKER_MAX_WORDS` words, articles
    and outer punctuation trimmed), holds no number, launch verb or weapon, and no word
    that makes it something else (`not_speaker`: a pronoun, a vague source, a verb's part
    as in "is said to", an event as in "explosions reported", a headline framing); a
    state's or armed group's name alone is left to `_sayer`, and a phrase holding an
    agency of the gazetteer gives that agency. A headline's speaker named by its kind alone
    ("army says") gives way to a summary's that is named ("Poland's Operational Command")."""
    text, t_end = p.text, p.title_end
    bare = None
    for lo, hi in ((0, t_end), (t_end, len(text))):
        found: list[tuple[int, int]] = []
        opening = _headline_speaker(p) if lo == 0 else None
        if opening:
            found.append(opening)
        for m in islice(ANY.speaker_verb.finditer(text, lo, hi), MAX_CANDIDATES):
            # A speaker is a few words: its clause is read no further back than
            # `_SPEAKER_REACH`, so a sentence with no stop costs no more per verb.
            s0 = max(lo, p.sentence_of(m.start())[0], m.start() - _SPEAKER_REACH)
            marks = [c for c in _CLAUSE_MARK.finditer(text, s0, m.start())]
            start = marks[-1].end() if marks else s0
            if marks and marks[-1].group() == "," and not text[start:m.start()].strip():
                # "The region's governor, Jan Kowal, said": the name between the commas.
                start = marks[-2].end() if len(marks) > 1 else s0
            opener = None
            for w in _WORD.finditer(text, start, m.start()):
                if _CLAUSE_START.fullmatch(w.group().strip(_SPEAKER_TRIM)):
                    opener = w.end()
            found.append((_skip_adverbials(text, opener or start, m.start()), m.start()))
        for pattern in (ANY.speaker_verb_first, ANY.speaker_credit):
            for m in islice(pattern.finditer(text, lo, hi), MAX_CANDIDATES):
                found.append(_forward_phrase(p, m.end(), hi))
        got = next(filter(None, (_speaker_phrase(p, table, s, e) for s, e in sorted(found))), None)
        if got and not _BARE_BODY.fullmatch(got[0]):
            return got
        # "..., army says || ..., Poland's Operational Command said": a body the headline
        # only names by its kind yields to the one the summary names.
        bare = bare or got
    return bare or (None, None)


# A speaker named by its kind alone: "army", "the military", "officials", "wojsko".
_BARE_BODY = re.compile(rf"(?:the )?(?:{_BODIES}|sources?|(?:state )?media|spokes(?:man|woman|person))", _I)


def _skip_adverbials(text: str, start: int, hi: int) -> int:
    """Where a speaker's phrase starts: after the adverbials of time and manner that open
    it ("w czwartek rano", "W piątek przed południem")."""
    while start < hi and text[start].isspace():
        start += 1
    while (m := ANY.speaker_skip.match(text, start, hi)) is not None and m.end() > start:
        start = m.end()
    return start


def _forward_phrase(p: Prepared, start: int, hi: int) -> tuple[int, int]:
    """The phrase a speaker read forward may take: after the adverbials that open it ("w
    czwartek rano"), up to the clause's end or a word that ends it ("w komunikacie")."""
    text = p.text
    start = _skip_adverbials(text, start, hi)
    end = min(hi, p.sentence_of(start)[1], start + _SPEAKER_REACH)
    mark = _CLAUSE_MARK.search(text, start, end)
    if mark:
        end = mark.start()
    for i, w in enumerate(_WORD.finditer(text, start, end)):
        if i and _SPEAKER_END.fullmatch(w.group()):
            return start, w.start()
    return start, end


def _headline_speaker(p: Prepared) -> tuple[int, int] | None:
    """A person opening a headline's sentence before a colon: a title and a name ("Gen. X:",
    "Szef sztabu:") or, in a headline written in sentence case, a name of two to four
    capitalised words ("Jan Kowalski: ..."), not all in capitals (a tabloid's kicker). A
    place or a topic ("Ukraina:", "Ukraine live:", "Wojna w Ukrainie:") is no person."""
    text, t_end = p.text, p.title_end
    colon = text.find(": ", 0, t_end)
    if colon < 0:
        return None
    start = p.sentence_of(colon)[0]
    before = text[:start].rstrip()
    if before:
        last = before.split()[-1]
        if _TITLE.fullmatch(last):  # "Gen." ends no sentence
            start = len(before) - len(last)
    for i, w in enumerate(_WORD.finditer(text, start, colon)):
        if i and _SPEAKER_END.fullmatch(w.group()):  # "Szef sztabu o incydencie:"
            colon = w.start()
            break
    words = text[start:colon].split()
    if not words or len(words) > _SPEAKER_MAX_WORDS - 2:
        return None
    if _TITLE.fullmatch(words[0]):
        return start, colon
    start += len(text[start:colon]) - len(text[start:colon].lstrip())
    if len(words) <= 3 and _STATE_BODY.fullmatch(text, start, colon) and gazetteer.ACTOR_TABLE.first(text, start, colon):
        return start, colon  # "Pakistańska armia: ...", "Ukrainian air force: ...", "US officials: ..."
    sentence_case = any(w[:1].islower() and len(w) > 3 for w in text[colon:t_end].split())
    # (Words all in capitals over a headline that is not are a kicker: "PUTIN'S BLITZ: ...".)
    if (sentence_case and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and not all(w.isupper() for w in words)):
        return start, colon
    return None


def _speaker_phrase(p: Prepared, table: LanguageTable, s: int, e: int) -> tuple[str, tuple[int, int]] | None:
    """The speaker at s..e as the text spells it, trimmed, or None where the phrase is no
    speaker (see `_speaker`); an agency of the gazetteer within it is given instead. A
    summary's phrase that runs into its end, where the summary was cut short (no closing
    stop: feeds and archives cut descriptions at a length, "poinformowały miejscowe wł"),
    may be cut too, and is none."""
    text = p.text
    if s > p.title_end and not text[e:].strip() and not _TEXT_CLOSED.search(text):
        return None
    while s < e and text[s] in _SPEAKER_TRIM:
        s += 1
    while e > s and text[e - 1] in _SPEAKER_TRIM:
        e -= 1
    while (m := _ARTICLE.match(text, s, e)) is not None:
        s = m.end()
    while (m := _TRAILING_ADVERB.search(text, s, e)) is not None:
        e = m.start()
    if e - s < 2 or _ARTICLE.fullmatch(text[s:e] + " "):
        return None  # an article alone: "The reports could not be verified"
    phrase = text[s:e]
    words = phrase.split()
    if len(words) > _SPEAKER_MAX_WORDS or any(c.isdigit() for c in phrase):
        return None
    if any(_NOT_SPEAKER.fullmatch(w.strip(_SPEAKER_TRIM)) for w in words):
        return None
    for pattern in (en.LAUNCH_VERBS, ENGLISH.weapons, table.weapons, table.launch_verbs):
        if pattern is not None and pattern.search(phrase):
            return None
    for a_s, a_e, code in _agencies(p):
        if s <= a_s and a_e <= e:
            return code, (a_s, a_e)
    rest, at = [], 0
    for a_s, a_e, _code in gazetteer.ACTOR_TABLE.all(phrase):
        rest.append(phrase[at:a_s])
        at = a_e
    if at and _ONLY_JOINERS.fullmatch("".join(rest) + phrase[at:]):
        return None  # states alone ("South Korea and Japan"): the state rule's (`_sayer`)
    return phrase, (s, e)


_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?]|$|and\b|i\b)")


_HEADLINE_CREDIT = re.compile(r"\S(?::|\s-)\s+$")
_HEADLINE_SAYER_COLON = re.compile(r":\s")


def _sayer(p: Prepared) -> tuple[str | None, tuple[int, int] | None]:
    """A state the text says reported the launch, where it names no agency: "South Korea
    says ...", "Ukrainian officials said", "according to Kyiv", "..., say S Korea", "...:
    Kyiv" closing the headline (the headline's first, else the summary's), as the state's
    common English name."""
    text, t_end = p.text, p.title_end
    for lo, hi in ((0, t_end), (t_end, len(text))):
        for s, e, code in islice(gazetteer.ACTOR_TABLE.all(text, lo, hi), MAX_CANDIDATES):
            # "..., say S Korea, Japan": a sayer after its verb closes the clause ("says
            # Russian missile ..." names the missile's owner, not a source).
            said_before = ANY.sayer_before.search(text, max(lo, s - 16), s) and _CLAUSE_END.match(text, e, hi)
            # "..., 12 dead: Kyiv", "... near Odesa - Ukraine": a state closing the headline
            # after a colon or a dash is whom it credits.
            closes = lo == 0 and not text[e:hi].strip() and _HEADLINE_CREDIT.search(text, lo, s) is not None
            # "South Korea: North launched ...", "... . Tokio: spadła ...": a state in English
            # or a capital opening a headline's sentence before a colon is who says what
            # follows (a Polish state's name there is the topic: "Ukraina: Rosja wystrzeliła ...").
            said = text[s:e]
            opens = lo == 0 and _HEADLINE_SAYER_COLON.match(text, e) is not None and (
                not text[lo:s].strip() or text[lo:s].rstrip()[-1] in ".!?|") and (
                said.lower() in gazetteer.ENGLISH_STATE_NAMES or not gazetteer.names_a_state(said))
            if (ANY.sayer_after.match(text, e, e + 40) or said_before or closes or opens
                    or ANY.credit_before.search(text, max(lo, s - 40), s)):
                return gazetteer.ACTOR_NAMES.get(code, code), (s, e)
    return None, None


# Where reports of a launch are mostly written in its region's own day (Korea, Japan), the
# region's zone reads their day words too; elsewhere it reads only a clock time, and a day
# alone ("overnight") is the writer's (a New York evening is already the next day in Kyiv).
_LOCAL_PRESS_REGIONS = frozenset({"PRK", "KOR", "JPN"})


def _event_zone(p: Prepared, actor: str | None) -> str | None:
    """Zone the text's times are in: a named agency's, else that of the launching region
    when its press is local."""
    for _s, _e, agency in _agencies(p):
        zone = timeparse.AGENCY_ZONES.get(agency)
        if zone:
            return zone
    return REGION_ZONES.get(actor or "") if actor in _LOCAL_PRESS_REGIONS else None


def summary_launch(p: Prepared, cues: tuple[Cue, ...]) -> Cue | None:
    """The summary's first asserted launch told by a verb, within p's text: where the
    headline's launch names no launcher, this one may."""
    return next((c for c in cues if not c.in_title and c.verb and c.asserted and c.end <= len(p.text)), None)


def extract(
    p: Prepared,
    lang: str,
    primary: Cue | None,
    published_at: datetime | None,
    source_tz: str | None,
    summary_cue: Cue | None = None,
) -> tuple[LaunchFields, tuple[Evidence, ...]]:
    """Fields of a launch report and the evidence for each field that was found; summary_cue
    is `summary_launch`'s."""
    text = p.text
    table = table_for(lang) or ENGLISH
    evidence: list[Evidence] = []

    actor, span, cue = _actor(p, table, primary, summary_cue)
    if span:
        evidence.append(_ev(p, cue, "actor", *span))
    kind, span, said = _kind(p, primary, table)
    if kind is None and actor in _ROCKET_GROUPS and table.group_rocket is not None and (
            m := table.group_rocket.search(text)) is not None:
        # "Hezbollah wystrzelił ok. 100 rakiet": an armed group's "rakiety" are rockets.
        kind, span, said = "artillery_rocket", (m.start(), m.end()), "rocket"
    kind_span = span
    if span:
        evidence.append(_ev(p, f"kind:{said}", "kind", *span))
    count, span = _count(p, table, primary)
    if span:
        # "150 missiles and drones": a count of more than the missiles, told as such, with
        # the other arms it counts in the cue's name.
        others = ANY.count_with_others.match(text, span[1])
        cue = "count:number" if others is None else (
            "count:with_bombs" if ANY.count_with_bombs.search(others.group(0)) else "count:with_drones")
        if others is None and kind_span is not None and _count_of_classes(text, count, kind_span[0]):
            # "52 missiles, including hypersonic Kinzhals": the class named is one of several.
            cue = "count:of_classes"
        evidence.append(_ev(p, cue, "count", *span))

    distance = None
    for pattern in ENGLISH.distances + (table.distances if table is not ENGLISH else ()):
        m = _first_in(pattern, text, p.title_end)
        while m and ANY.altitude.search(text, max(0, m.start() - 6), m.start() + 3):
            # "高度約50キロで、350キロ飛翔": 50 is the apogee; the next quantity is read whole
            # (not "5" of "高度7687.5キロ").
            m = pattern.search(text, m.end("a"))
        if m and (value := _quantity_km(m)) is not None:
            distance = value
            evidence.append(_ev(p, "distance:flown", "distance_km", m.start(), m.end()))
            break
    apogee = None
    for pattern in ENGLISH.apogees + (table.apogees if table is not ENGLISH else ()):
        m = _first_in(pattern, text, p.title_end)
        if m and (value := _quantity_km(m)) is not None:
            apogee = value
            evidence.append(_ev(p, "apogee:altitude", "apogee_km", m.start(), m.end()))
            break

    site, site_span = _launch_site(p, table, actor)
    if site_span:
        evidence.append(_ev(p, "launch_site:place", "launch_site", *site_span))
    direction, span = _direction(p, table, actor, site_span)
    if span:
        evidence.append(_ev(p, "direction:place", "direction", *span))
    agency, span = _agency(p, table)
    if span:
        evidence.append(_ev(p, "agency:named", "source_agency", *span))

    zone = _event_zone(p, actor) or source_tz or table.default_zone
    # A clock time is the launching region's; with no launcher named, that of the state the
    # launch went to ("rockets were fired from Gaza toward central Israel shortly after 2 p.m.").
    region = actor if actor is not None else actor_named_in(direction)
    if region is None and direction:
        # ... a place of the gazetteer names its state ("Tel Aviv", "Sderot").
        place = gazetteer.TARGET_PLACE_TABLE.first(direction)
        region = place[2] if place is not None else None
    launched_at, mentions = timeparse.resolve_launch_time(text, lang, published_at, zone, p.title_end,
                                                          REGION_ZONES.get(region or ""))
    launched_on = None
    if launched_at is not None:
        for mention in mentions:
            evidence.append(_ev(p, f"launched_at:{mention.cue}", "launched_at", mention.start, mention.end))
        if not any(mention.cue == "time" for mention in mentions):
            # "on Saturday": the day in the zone it was read in; its hour is an estimate.
            launched_on = launched_at.astimezone(timeparse.zone_for(zone)).date()

    fields = LaunchFields(actor=actor, kind=kind, count=count, distance_km=distance, apogee_km=apogee,
                          direction=direction, launch_site=site, source_agency=agency, launched_at=launched_at,
                          launched_on=launched_on)
    return fields, tuple(evidence)
