"""The text of one item as the rules read it: unescaped, tag-free, folded, in sentences.

`prepare()` joins title and summary with a line break, removes markup, unescapes HTML
entities and folds full-width ASCII and typographic quotes one character for one
character, keeping a map back to the raw offsets so that evidence can point into the
text the item came with.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right

from services.classify.fastpattern import compile_fast

# Full-width ASCII and typographic quotes folded one character for one character, so
# offsets in the folded text are offsets in the unescaped text.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2018: 0x27, 0x2019: 0x27, 0x201C: 0x22, 0x201D: 0x22,
              0x2032: 0x27, 0x2013: 0x2D, 0x2014: 0x2D, 0x2212: 0x2D, 0x00B4: 0x27})
_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    # str.translate walks every character in Python-level dict lookups; most text needs none.
    return text.translate(_FOLD) if not text.isascii() and _NEEDS_FOLD.search(text) else text


_MARKUP = compile_fast(r"<[^<>]{0,300}>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# A sentence ends at . ! ? 。 followed by space, except after an initial ("U.S.", "N. Korea")
# or a clock suffix ("7 a.m."); an ellipsis or a line break also ends one.
# Written to open with the character it consumes, so the engine skips the letters between
# candidates in C: the same matches as
# (?<!\b[A-Z])(?<![ap]\.m)(?<!\bNo)(?<!\bSt)(?<!\bvs)[.!?](?=\s)|[。！？]|\n|…|\s[|;]\s|\s-\s
SENTENCE_END = compile_fast(
    r"[.!?。！？\n…\s](?:(?<=[.!?])(?<!\b[A-Z].)(?<![ap]\.m.)(?<!\bNo.)(?<!\bSt.)(?<!\bvs.)(?=\s)|(?<=[。！？\n…])"
    r"|(?<=\s)[|;]\s|(?<=\s)-\s)")


class Prepared:
    """Unescaped, tag-free, folded text of one item, with a map back to raw offsets.

    Sentences are split on first use: most items are dismissed before anything needs them.
    `memo` holds what a reader finds once per text (the English launch verbs).
    """

    __slots__ = ("text", "title_end", "raw_starts", "raw_ends", "_sentences", "_sentence_starts", "memo")

    def __init__(self, text: str, title_end: int, raw_starts: tuple[int, ...] | None,
                 raw_ends: tuple[int, ...] | None) -> None:
        self.text = text
        self.title_end = title_end  # index of the "\n" between title and summary
        self.raw_starts = raw_starts  # raw offset of each text character; None when identical
        self.raw_ends = raw_ends
        self._sentences: tuple[tuple[int, int], ...] | None = None
        self._sentence_starts: tuple[int, ...] = ()
        self.memo: dict[str, object] = {}

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
        if self.raw_starts is None or self.raw_ends is None:
            return start, end
        if start >= end:
            pos = self.raw_starts[start] if start < len(self.raw_starts) else (self.raw_ends[-1] if self.raw_ends else 0)
            return pos, pos
        return self.raw_starts[start], self.raw_ends[end - 1]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        sentences = self.sentences
        i = bisect_right(self._sentence_starts, pos) - 1
        return sentences[max(i, 0)]

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end


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


def _clean(raw: str) -> tuple[str, tuple[int, ...] | None, tuple[int, ...] | None]:
    """Unescape entities and drop tags, keeping where each character came from."""
    if "&" not in raw and "<" not in raw:
        return _fold(raw), None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _MARKUP.finditer(raw):
        out.append(raw[pos:m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        token = m.group()
        # A tag becomes a space so that words on either side stay apart.
        rep = " " if token[0] == "<" else html.unescape(token)
        out.append(rep)
        starts.extend([m.start()] * len(rep))
        ends.extend([m.end()] * len(rep))
        pos = m.end()
    out.append(raw[pos:])
    starts.extend(range(pos, len(raw)))
    ends.extend(range(pos + 1, len(raw) + 1))
    return _fold("".join(out)), tuple(starts), tuple(ends)


def prepare(title: str, summary: str) -> Prepared:
    """Clean title and summary into one text, remembering where the title ends.

    Each is cleaned on its own, so markup can never swallow the line between them.
    """
    t_text, t_starts, t_ends = _clean(title)
    s_text, s_starts, s_ends = _clean(summary)
    text = f"{t_text}\n{s_text}"
    if t_starts is None and s_starts is None:
        return Prepared(text, len(t_text), None, None)
    n = len(title)
    t_starts = t_starts if t_starts is not None else tuple(range(n))
    t_ends = t_ends if t_ends is not None else tuple(range(1, n + 1))
    s_starts = s_starts if s_starts is not None else tuple(range(len(summary)))
    s_ends = s_ends if s_ends is not None else tuple(range(1, len(summary) + 1))
    starts = t_starts + (n,) + tuple(x + n + 1 for x in s_starts)
    ends = t_ends + (n + 1,) + tuple(x + n + 1 for x in s_ends)
    return Prepared(text, len(t_text), starts, ends)
