"""Launch-report classification: the public entry point of the classify core.

`classify()` is a pure function of its arguments: no I/O, no clock, no global state
beyond lexicons compiled at import. It tells whether an item reports a missile or rocket
launch that happened (see the labelling policy: reactions, plans, defence deals, civil
space, drones, balloons, shells and anniversaries are not launches), how sure it is, the
facts of the launch and the words behind each decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from schemas.models import Evidence, LaunchFields
from services.classify import detector, extractor

__all__ = ["Classification", "classify"]


@dataclass(frozen=True)
class Classification:
    """Result of classifying one item."""

    is_launch: bool
    confidence: float  # 0..1, calibrated: of items given 0.8, about 80% are launches
    fields: LaunchFields  # all None when not a launch
    evidence: tuple[Evidence, ...]
    lang: str  # "en" | "ko" | "ja" | detected/other code
    language_supported: bool  # False for languages we have no lexicon for
    retrospective: bool  # the item only mentions a past launch (reaction, anniversary)


_EMPTY_FIELDS = LaunchFields()


def classify(
    title: str,
    summary: str = "",
    lang: str | None = None,
    published_at: datetime | None = None,
    source_tz: str | None = None,
) -> Classification:
    """Classify one item from its title and summary.

    HTML entities and tags in the text are unescaped and removed first. `lang` is a hint:
    the script decides (Hangul → "ko", kana → "ja", Han alone → "ja" or "zh" by the
    characters only one of them writes, see languages.detect_language), so a missing or
    wrong hint is harmless. Text in a language without a rule table (Chinese, Russian, ...)
    is flagged unsupported and not judged a launch. `published_at` (tz-aware, UTC) anchors relative times such as "on
    Monday" or "오전 7시 10분경"; `source_tz` is the IANA zone the source writes local times
    in (default: Asia/Seoul for Korean, Asia/Tokyo for Japanese, else UTC). Evidence
    offsets index the raw `title + "\\n" + summary`. Never raises on odd text; a naive
    `published_at` is taken as UTC.
    """
    title = title or ""
    summary = summary or ""
    if published_at is not None and published_at.tzinfo is None:
        from datetime import timezone

        published_at = published_at.replace(tzinfo=timezone.utc)
    prepared = detector.prepare(title, summary)
    detected_lang = detector.detect_language(prepared.text, lang)
    detection = detector.detect(prepared, detected_lang)
    if detection.is_launch:
        fields, field_evidence = extractor.extract(prepared, detected_lang, detection.primary, published_at, source_tz)
    else:
        fields, field_evidence = _EMPTY_FIELDS, ()
    return Classification(
        is_launch=detection.is_launch,
        confidence=detection.confidence,
        fields=fields,
        evidence=detection.evidence + field_evidence,
        lang=detected_lang,
        language_supported=detected_lang in detector.SUPPORTED_LANGUAGES,
        retrospective=detection.retrospective,
    )
