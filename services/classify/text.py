"""The text of one item as the rules read it: unescaped, tag-free, folded, in sentences.

`prepare()` joins title and summary with a line break, removes markup, unescapes HTML
entities, repairs letters a publisher misread from UTF-8 ("CharkĂłw" for "Charków",
`services.runtime.misread`) and folds full-width ASCII and typographic quotes one
character for one character, keeping a map back to the raw offsets so that evidence can
point into the text the item came with.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right

from services.classify.fastpattern import compile_fast
from services.runtime import misread

# Full-width ASCII and typographic quotes folded one character for one character, so
# offsets in the folded text are offsets in the unescaped text.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2018: 0x27, 0x2019: 0x27, 0x201C: 0x22, 0x201D: 0x22,
              0x2032: 0x27, 0x2013: 0x2D, 0x2014: 0x2D, 0x2212: 0x2D, 0x00B4: 0x27})
_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


# Words spelt two ways, folded to the one the rules know, letter for letter: the North's
# "미싸일" (KCNA, Rodong Sinmun) is the South's "미사일".
_WORD_FOLD = (("미싸일", "미사일"),)


def _fold(text: str) -> str:
    if text.isascii():
        return text
    # str.translate walks every character in Python-level dict lookups; most text needs none.
    if _NEEDS_FOLD.search(text):
        text = text.translate(_FOLD)
    if "싸" in text:
        for written, known in _WORD_FOLD:
            text = text.replace(written, known)
    return text


# Markup, entities and the two characters of a misread letter: what `_clean` replaces.
_MARKUP = compile_fast(r"<[^<>]{0,300}>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|"
                       + misread.PAIR_PATTERN)

# A sentence ends at . ! ? 。 followed by space, except after an initial ("U.S.", "N. Korea")
# or a clock suffix ("7 a.m."); an ellipsis or a line break also ends one.
# Written to open with the character it consumes, so the engine skips the letters between
# candidates in C: the same matches as
# (?<!\b[A-Z])(?<![ap]\.m)(?<!\bNo)(?<!\bSt)(?<!\bvs)(?<!Płn)(?<!\btys)(?<!\bds)...[.!?](?=\s)|[。！？]|\n|…|\s[|;]\s|\s-\s
# (and "Nov." before a day number, "Nov. 17", ends none either)
SENTENCE_END = compile_fast(
    # Polish abbreviations end no sentence: "Korea Płn.", "ok. 400 km", "godz. 7", "7 tys. rakiet", "2022 r.".
    r"[.!?。！？\n…\s](?:(?<=[.!?])(?<!\b[A-Z].)(?<![ap]\.m.)(?<!\bNo.)(?<!\bSt.)(?<!\bvs.)"
    r"(?<!Płn.)(?<!Płd.)(?<!\bok.)(?<!godz.)(?<!\bgen.)(?<!\btzw.)(?<!m\.in.)(?<!\btys.)(?<!\bmln.)(?<!\bmld.)(?<!\br.)"
    # ... nor names' ones: "Służba ds. Sytuacji Nadzwyczajnych", "płk. Jan Nowak", "ul. Długa".
    r"(?<!\bds.)(?<!\bpłk.)(?<!\bul.)(?<!\bprof.)(?<!\bśw.)(?=\s)"
    # ... nor a month's abbreviation before its day: "on Nov. 17 after Russia launched".
    r"(?!(?<=\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec).)\s\d)(?!(?<=Sept.)\s\d)|(?<=[。！？\n…])"
    r"|(?<=\s)[|;]\s|(?<=\s)-\s)")


class Prepared:
    """Unescaped, tag-free, folded text of one item, with a map back to raw offsets.

    Sentences are split on first use: most items are dismissed before anything needs them.
    `memo` holds what a reader finds once per text (the English launch verbs).
    """

    __slots__ = ("text", "title_end", "_raw", "_offsets", "_sentences", "_sentence_starts", "memo")

    def __init__(self, text: str, title_end: int, raw: tuple[str, str] | None,
                 offsets: OffsetMap | None = None) -> None:
        self.text = text
        self.title_end = title_end  # index of the "\n" between title and summary
        # The raw (title, summary) when cleaning changed them and `offsets` was not built
        # with the text: the map is then built on first use (evidence of a launch), not for
        # every item.
        self._raw = raw
        self._offsets = offsets
        self._sentences: tuple[tuple[int, int], ...] | None = None
        self._sentence_starts: tuple[int, ...] = ()
        self.memo: dict[str, object] = {}

    @property
    def offsets(self) -> OffsetMap | None:
        """Where each text character came from; None when the text is the raw text."""
        if self._offsets is None and self._raw is not None:
            title, summary = self._raw
            self._offsets = _joined_map(_clean(title, True)[1], _clean(summary, True)[1], title, summary,
                                        self.title_end)
        return self._offsets

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        if self._sentences is None:
            spans: list[tuple[int, int]] = []
            begin = 0
            for m in SENTENCE_END.finditer(self.text):
                if m.end() > begin:
                    spans.append((begin, m.end()))
                    begin = m.end()
            spans.append((begin, len(self.text)))
            # The title/summary join is a "\n", so it is always a boundary.
            self._sentences = tuple(spans)
            self._sentence_starts = tuple(s for s, _ in spans)
        return self._sentences

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the raw `title + "\\n" + summary` of a span of the prepared text."""
        offsets = self.offsets
        if offsets is None:
            return start, end
        if start >= end:
            pos = offsets.start(start) if start < len(self.text) else offsets.end(len(self.text) - 1)
            return pos, pos
        return offsets.start(start), offsets.end(end - 1)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        sentences = self.sentences
        i = bisect_right(self._sentence_starts, pos) - 1
        return sentences[max(i, 0)]

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end

    def is_question(self, s0: int) -> bool:
        """Whether the sentence starting at s0 ends with a question mark (read once per
        sentence)."""
        questions: dict[int, bool] = self.memo.setdefault("questions", {})  # type: ignore[assignment]
        found = questions.get(s0)
        if found is None:
            text = self.text
            end = self.sentence_of(s0)[1]
            while end > s0 and text[end - 1].isspace():
                end -= 1
            found = questions[s0] = end > s0 and text[end - 1] == "?"
        return found


def spans_within(spans: list[tuple[int, int]], starts: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans (sorted by start, `starts` their starts) that lie within [lo, hi].

    Found by bisection, so reading the spans near each of n places costs O(n log n),
    not O(n²), however many spans the text holds.
    """
    out = []
    for i in range(bisect_left(starts, lo), bisect_right(starts, hi)):
        if spans[i][1] <= hi:
            out.append(spans[i])
    return out


class OffsetMap:
    """Where each character of a cleaned text came from in the raw text, in memory
    proportional to the markup, not to the text.

    The text is a run of segments: a copied segment maps character i to raw i + shift; a
    replacement (a tag's space, an entity's characters) maps each of its characters to the
    whole raw token.
    """

    __slots__ = ("_text_starts", "_raw_starts", "_raw_ends", "_copied")

    def __init__(self) -> None:
        self._text_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._raw_ends: list[int] = []  # end of the token for a replacement; unused for a copy
        self._copied: list[bool] = []

    def add(self, text_start: int, raw_start: int, raw_end: int, copied: bool) -> None:
        self._text_starts.append(text_start)
        self._raw_starts.append(raw_start)
        self._raw_ends.append(raw_end)
        self._copied.append(copied)

    def extend(self, other: "OffsetMap", text_shift: int, raw_shift: int) -> None:
        for ts, rs, re_, copied in zip(other._text_starts, other._raw_starts, other._raw_ends, other._copied):
            self.add(ts + text_shift, rs + raw_shift, re_ + raw_shift, copied)

    def _segment(self, i: int) -> int:
        return bisect_right(self._text_starts, i) - 1

    def start(self, i: int) -> int:
        """Raw offset where text character i starts."""
        k = self._segment(i)
        return self._raw_starts[k] + (i - self._text_starts[k]) if self._copied[k] else self._raw_starts[k]

    def end(self, i: int) -> int:
        """Raw offset where text character i ends."""
        k = self._segment(i)
        return self._raw_starts[k] + (i - self._text_starts[k]) + 1 if self._copied[k] else self._raw_ends[k]


def _unchanged(raw: str) -> bool:
    """Whether cleaning keeps `raw` as it is, but for folding one character for one."""
    return "&" not in raw and "<" not in raw and (raw.isascii() or misread.LEADS.isdisjoint(raw))


def _replacement(raw: str, m: re.Match[str]) -> str | None:
    """What a markup match becomes: a tag a space, an entity its characters, a misread
    letter its repair; None for two characters kept as written."""
    token = m.group()
    if token[0] == "<":
        return " "  # a tag becomes a space so that words on either side stay apart
    if token[0] == "&":
        return html.unescape(token)
    return misread.letter_at(raw, m.start(), m.end())


def _clean(raw: str, with_map: bool = False) -> tuple[str, OffsetMap | None]:
    """Unescape entities, drop tags and repair misread letters; with `with_map`, also keep
    where each character came from (None when nothing was replaced)."""
    if _unchanged(raw):
        return _fold(raw), None
    out: list[str] = []
    offsets = OffsetMap() if with_map else None
    length = 0
    pos = 0
    for m in _MARKUP.finditer(raw):
        rep = _replacement(raw, m)
        if rep is None:
            continue  # two characters as written: copied with the text around them
        if m.start() > pos:
            out.append(raw[pos:m.start()])
            if offsets is not None:
                offsets.add(length, pos, m.start(), True)
                length += m.start() - pos
        if rep:
            out.append(rep)
            if offsets is not None:
                offsets.add(length, m.start(), m.end(), False)
                length += len(rep)
        pos = m.end()
    if len(raw) > pos:
        out.append(raw[pos:])
        if offsets is not None:
            offsets.add(length, pos, len(raw), True)
    return _fold("".join(out)), offsets


def _joined_map(t_offsets: OffsetMap | None, s_offsets: OffsetMap | None, title: str, summary: str,
                t_len: int) -> OffsetMap:
    """The map back into the raw `title + "\\n" + summary` of their joined cleaned text,
    from the map of each (None: copied as it is); the cleaned title is `t_len` long."""
    n = len(title)
    offsets = OffsetMap()
    if t_offsets is not None:
        offsets.extend(t_offsets, 0, 0)
    elif title:
        offsets.add(0, 0, n, True)
    offsets.add(t_len, n, n + 1, True)  # the line between them
    if s_offsets is not None:
        offsets.extend(s_offsets, t_len + 1, n + 1)
    elif summary:
        offsets.add(t_len + 1, n + 1, n + 1 + len(summary), True)
    return offsets


# From this length on, the offset map is built in the same pass as the text: a long text
# full of markup would otherwise be read twice when a launch in it needs its evidence.
_EAGER_MAP_CHARS = 4096


def prepare(title: str, summary: str) -> Prepared:
    """Clean title and summary into one text, remembering where the title ends.

    Each is cleaned on its own, so markup can never swallow the line between them.
    """
    if _unchanged(title) and _unchanged(summary):
        t_text = _fold(title)
        return Prepared(f"{t_text}\n{_fold(summary)}", len(t_text), None)
    eager = len(title) + len(summary) >= _EAGER_MAP_CHARS
    t_text, t_map = _clean(title, eager)
    s_text, s_map = _clean(summary, eager)
    if eager:
        joined = _joined_map(t_map, s_map, title, summary, len(t_text))
        return Prepared(f"{t_text}\n{s_text}", len(t_text), None, joined)
    return Prepared(f"{t_text}\n{s_text}", len(t_text), (title, summary))
