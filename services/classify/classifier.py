"""Launch-report classification: the public entry point of the classify core.

`classify()` is a pure function of its arguments: no I/O, no clock, no global state
beyond lexicons compiled at import and the shipped model loaded once. It tells whether an
item reports a missile or rocket launch that happened (see the labelling policy:
reactions, plans, defence deals, civil space, drones, balloons, shells and anniversaries
are not launches), how sure it is, the facts of the launch and the words behind each
decision.

Two halves decide together. The rules (`detector`) find cues and give a raw score; the
learned model (`model`, trained on labelled real news) reads the item's words and the
rules' cues and gives the one calibrated confidence; the item is a launch report when that
confidence reaches the model file's operating threshold (`LaunchModel.threshold`, chosen
on the development cells when the model was trained). Items the model cannot call a launch
(no cue of the rules and no word of `MODEL_GATE`: most of any feed) skip the model and
keep the rules' confidence. Facts are extracted by the rules, for every item the combined
confidence calls a launch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone

import ahocorasick

from schemas.models import Evidence, LaunchFields
from services.classify import detector, extractor, fastpattern, model
from services.classify.features import index, rule_features, text_features, vectorise
from services.classify.languages import table_for
from services.classify.report import MAX_TITLE_CHARS

__all__ = ["Classification", "classify", "ruled_out"]


@dataclass(frozen=True)
class Classification:
    """Result of classifying one item."""

    is_launch: bool
    confidence: float  # 0..1, calibrated: of items given 0.8, about 80% are launches
    fields: LaunchFields  # all None when not a launch
    evidence: tuple[Evidence, ...]
    lang: str  # "en" | "ko" | "ja" | "pl" | detected/other code
    language_supported: bool  # False for languages we have no lexicon for
    retrospective: bool  # the item only mentions a past launch (reaction, anniversary)


_EMPTY_FIELDS = LaunchFields()

# Facts are read from the headline and the summary's first `FACTS_SUMMARY_CHARS` characters
# (as published, markup included): a report gives them in its lede, and a feed that sends a
# whole article, or a hostile megabyte, costs the fact readers no more than a lede does.
FACTS_SUMMARY_CHARS = 4_000

# The model names an actor or kind the rules found none of from this probability: higher
# where the rules read the language (they found nothing to name), lower where they cannot.
FACT_FILL = 0.8
FACT_FILL_UNREAD_LANGUAGE = 0.5
ACTOR_OVERRIDE = 0.95  # and replaces the rules' actor from this one
# ... unless the rules read the actor from its grammatical role in the launch's own clause
# (the passive agent, the weapon's owner, the subject, the attack's owner) or from where
# it was fired: the model weighs words, and a text about strikes on Crimea is full of
# Russia's names whoever fired.
ROLE_CUES = frozenset({"actor:fired_by", "actor:weapon_owner", "actor:subject", "actor:attacker",
                       "actor:launch_origin"})
# A weapon only one side fields ("F-15K", "Kinzhal"), a side that claims the attack or is
# blamed for it, an agency that speaks for its own state's launches ("국방과학연구소"): read
# from what the text says of the launch too, not from a name merely first.
TEXT_CUES = frozenset({"actor:weapon_type", "actor:claimant", "actor:blamed", "actor:state_agency"})
KEPT_ACTOR_CUES = ROLE_CUES | TEXT_CUES  # a learned actor never replaces these

# Cues of the rules that are the labelling policy's own verdict, which no weight of words
# overturns: the main-event rule (a reaction before the launch in the headline is the
# item's event: "Japan protests as North Korea fires missile").
# A look-back whose own words hold the launch ("Five years since ... first ICBM test") and a
# total over a period ("has fired more than 100 missiles this year") are no report either:
# the policy's retrospectives and aggregate statistics, which too few labelled items show
# for the model to learn them. So is an item whose headline and summary tell no launch
# when its headline's news is a reaction, a supply of weapons or a total
# (`frame_no_event`): of 53 such labelled items outside the test cells, none was a launch.
POLICY_NOT_LAUNCH = frozenset({"reaction_main", "retrospective_launch", "aggregate_total", "frame_no_event",
                               "genre_label", "sport_metaphor"})
# A headline whose launch is negated or denied ("Kremlin denies firing missile", "발사설
# 사실 아냐") or still to come ("Russia prepares massive missile attack", "발사 준비"),
# with no launch told in the summary: no report, whatever the words suggest. A headline
# that only asks ("Russian missile in Polish airspace?") hedges a report: not ruled out.
_NOT_HAPPENED = frozenset({"title_negated_only", "title_modal_only"})
_SUMMARY_EVENT = "summary_event"
# A headline with no event of its own whose summary lists other stories ("• Ukraine says it
# shot down 4 missiles • ..."): the launch is another story's ...
_OTHER_STORIES = "summary_list"
# ... unless the headline tells an attack or a launch of its own.
_HEADLINE_EVENTS = frozenset({"title_attack", "title_bare_launch"})


def ruled_out(prepared: detector.Prepared, lang: str, detection: detector.Detection) -> bool:
    """Whether the labelling policy makes the item no launch report whatever the model
    reads: it names no missile, rocket or satellite (the naming rule: "Russia launches
    massive air attack"), its headline's main event is a reaction (`POLICY_NOT_LAUNCH`),
    its headline's launch is negated, denied or to come and its summary tells none, or its only
    launch is in a summary listing other stories under a headline with no event of its own."""
    names = {name for name, _ in detection.cue_values}
    if names & POLICY_NOT_LAUNCH or (_OTHER_STORIES in names and not names & _HEADLINE_EVENTS):
        return True
    if (names & _NOT_HAPPENED and _SUMMARY_EVENT not in names and not names & _HEADLINE_EVENTS
            and "?" not in prepared.text[:prepared.title_end]):
        return True
    return not detector.names_weapon(prepared, lang)

# Words without which no labelled launch was ever reported: an item with none of them and
# no cue of the rules is not read by the model (it keeps the rules' confidence). Plain
# substrings of the lower-cased text, all found in one pass of an Aho-Corasick automaton.
MODEL_GATE = (
    "missil", "rocket", "launch", "fire", "firing", "strik", "attack", "barrage", "salvo", "projectile",
    "ballistic", "icbm", "slbm", "hypersonic", "cruise", "kinzhal", "iskander", "kalibr", "kh-", "hwasong",
    "storm shadow", "atacms", "himars", "grad", "satellite", "rakiet", "pocisk", "ostrza", "atak", "uderz",
    # a military spaceplane's launch told with none of the words above (labelled in round two)
    "blast off", "blasts off", "blasted off", "blast-off", "blasting off",
    "미사일", "발사", "로켓", "ミサイル", "発射", "ロケット", "导弹", "火箭",
)


_GATE = ahocorasick.Automaton()
for _word in MODEL_GATE:
    _GATE.add_word(_word, _word)
_GATE.make_automaton()


def passes_gate(text: str) -> bool:
    """Whether `text` holds a word of `MODEL_GATE`."""
    lowered = fastpattern.lowered(text) or text.lower()
    return next(_GATE.iter(lowered), None) is not None


def classify(
    title: str,
    summary: str = "",
    lang: str | None = None,
    published_at: datetime | None = None,
    source_tz: str | None = None,
    launch_model: model.LaunchModel | None = None,
) -> Classification:
    """Classify one item from its title and summary.

    HTML entities and tags in the text are unescaped and removed first. `lang` is a hint:
    the script decides (Hangul → "ko", kana → "ja", Han alone → "ja" or "zh" by the
    characters only one of them writes, see languages.detect_language), so a missing or
    wrong hint is harmless. Text in a language without a rule table (Chinese, Russian, ...)
    is flagged unsupported and not judged a launch. `published_at` (tz-aware, UTC) anchors relative times such as "on
    Monday" or "오전 7시 10분경"; `source_tz` is the IANA zone the source writes local times
    in (default: Asia/Seoul for Korean, Asia/Tokyo for Japanese, else UTC). `launch_model`
    replaces the shipped model (training evaluates its fold models this way). Evidence
    offsets index the raw `title + "\\n" + summary`. Never raises on odd text; a naive
    `published_at` is taken as UTC. A title is read to its first `MAX_TITLE_CHARS`
    characters, as the classify stage reads it (no headline is longer): a hostile
    megabyte in a title costs no more than one in a summary.
    """
    title = (title or "")[:MAX_TITLE_CHARS]
    summary = summary or ""
    if published_at is not None and published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=timezone.utc)
    prepared = detector.prepare(title, summary)
    detected_lang = detector.detect_language(prepared.text, lang)
    detection = detector.detect(prepared, detected_lang)
    launch_model = launch_model or model.shipped()
    names, vector = model_features(prepared, detected_lang, detection)
    if vector is None:
        confidence, is_launch = detection.confidence, detection.is_launch
    else:
        headline_only = not prepared.text[prepared.title_end + 1:].strip()
        confidence = round(launch_model.launch_probability(vector, headline_only), 4)
        is_launch = confidence >= launch_model.threshold(headline_only)
        if is_launch and ruled_out(prepared, detected_lang, detection):
            # The policy decides, whatever the words suggest: the rules' confidence stands,
            # below the threshold (at or above it, an item the model reads is a launch).
            threshold = launch_model.threshold(headline_only)
            confidence = min(confidence, detection.confidence, math.nextafter(threshold, 0.0))
            is_launch = False
    if is_launch:
        # A caption under a headline that tells the launch describes a photo: the headline
        # alone gives the facts. A long summary gives them from its lede. (Offsets in the
        # headline and the lede are the same as in the whole text.)
        told, primary = prepared, detection.primary
        if extractor.captioned(prepared, primary):
            told = detector.prepare(title, "")
        elif len(summary) > FACTS_SUMMARY_CHARS:
            told = detector.prepare(title, summary[:FACTS_SUMMARY_CHARS])
            if primary is not None and primary.end > len(told.text):
                primary = None  # the launch is told past the lede: the facts are read without it
        fields, field_evidence = extractor.extract(told, detected_lang, primary, published_at, source_tz,
                                                   extractor.summary_launch(told, detection.cues))
        if vector is not None:
            by_role = any(e.field == "actor" and e.cue in KEPT_ACTOR_CUES for e in field_evidence)
            fields, learned = learned_facts(fields, prepared, detected_lang, names, vector, launch_model, by_role,
                                            extractor.kinds_set_aside(told), extractor.actors_set_aside(told))
            field_evidence += learned
    else:
        fields, field_evidence = _EMPTY_FIELDS, ()
    return Classification(
        is_launch=is_launch,
        confidence=confidence,
        fields=fields,
        evidence=detection.evidence + field_evidence,
        lang=detected_lang,
        language_supported=detected_lang in detector.SUPPORTED_LANGUAGES,
        retrospective=detection.retrospective and not is_launch,
    )


def model_features(prepared: detector.Prepared, lang: str,
                   detection: detector.Detection) -> tuple[list[str], dict[int, float] | None]:
    """The model's text feature names and feature vector of an item, or ([], None) for an
    item the model does not read: one with no cue of the rules and no word of `MODEL_GATE`,
    or one in a script no table of the rules reads (Chinese, Cyrillic, Arabic, ...), which
    is marked unsupported and never judged a launch."""
    if table_for(lang) is None or (not detection.cue_values and not passes_gate(prepared.text)):
        return [], None
    title, summary = prepared.text[:prepared.title_end], prepared.text[prepared.title_end + 1:]
    names = text_features(title, summary, lang)
    return names, vectorise(names, rule_features(detection.raw_score, detection.is_launch, detection.cue_values))


def _strongest_word(head: model.Head, label: str, prepared: detector.Prepared, names: list[str]) -> Evidence | None:
    """Evidence for a learned fact: the word of the item that speaks most for `label`. A
    gloss (an English word the model reads for a Polish one) is not in the text, so the
    strongest word the text holds is taken."""
    k = head.classes.index(label)
    weighted: list[tuple[float, str]] = []
    for name in set(names):
        prefix, _, word = name.partition(":")
        if prefix not in ("t", "s", "p", "c") or "_" in word:
            continue
        weight = head.weight(index(name), k)
        if weight is not None and weight > 0:
            weighted.append((weight, name))
    text = prepared.text.lower()
    for weight, name in sorted(weighted, reverse=True):
        prefix, _, word = name.partition(":")
        start = text.find(word, prepared.title_end + 1) if prefix == "s" else text.find(word)
        if start < 0:
            continue
        raw_start, raw_end = prepared.raw_span(start, start + len(word))
        return Evidence(cue="", text=prepared.text[start:start + len(word)], start=raw_start, end=raw_end,
                        weight=round(weight, 4))
    return None


def learned_facts(fields: LaunchFields, prepared: detector.Prepared, lang: str, names: list[str],
                  vector: dict[int, float], launch_model: model.LaunchModel,
                  actor_by_role: bool = False,
                  kinds_set_aside: frozenset[str] = frozenset(),
                  actors_set_aside: frozenset[str] = frozenset()) -> tuple[LaunchFields, tuple[Evidence, ...]]:
    """Actor and kind as the model reads them, where the rules found none or the model is sure.

    Where the rules found no actor or kind, the model's best class fills it from probability
    `FACT_FILL` (`FACT_FILL_UNREAD_LANGUAGE` in a language the rules have no lexicon for); the actor head also replaces the rules' actor from `ACTOR_OVERRIDE` (the
    rules' fallback takes the first state named, which is sometimes the target), but not
    one the rules read from its role in the launch's clause (`actor_by_role`, see
    `ROLE_CUES`). The kind head never replaces the rules' kind, nor names a class the rules
    set aside as another event's (`kinds_set_aside`: "fires missiles days after an ICBM
    test" has the word, not the launch, of an ICBM), nor the actor head a side the rules read
    only as hit or as a weapon's maker (`actors_set_aside`: "a HIMARS strike killed dozens of
    Russian troops"). Neither says anything when its best
    class is "none" (the text does not tell) or "other". Both thresholds were chosen on the development cells. The
    evidence of a learned fact is the item's word that speaks most for it (`model_actor`,
    `model_kind`); a fact no word of the item supports is not taken.
    """
    update: dict[str, str] = {}
    evidence = []
    fill = FACT_FILL if lang in detector.SUPPORTED_LANGUAGES else FACT_FILL_UNREAD_LANGUAGE
    actor_floor = 1.1 if actor_by_role else ACTOR_OVERRIDE
    for name, head, floor in (("actor", launch_model.actor, actor_floor), ("kind", launch_model.kind, 1.1)):
        label, p = head.best(vector)
        current = getattr(fields, name)
        if label in ("none", "other") or label == current or p < (fill if current is None else floor):
            continue
        if label in (kinds_set_aside if name == "kind" else actors_set_aside):
            continue
        word = _strongest_word(head, label, prepared, names)
        if word is not None:
            update[name] = label
            evidence.append(word.model_copy(update={"cue": f"model_{name}", "field": name}))
    return (fields.model_copy(update=update) if update else fields), tuple(evidence)


# Every lexicon is compiled by now (the imports above): what was derived from them is kept
# for the next process (services.classify.lexicon_cache).
fastpattern.save_cache()
