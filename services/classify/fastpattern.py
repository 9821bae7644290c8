"""Regular expressions compiled for throughput, with the same matches as `re`.

Python's engine tries every alternative of a pattern at every position of the text, and
is two to four times slower with IGNORECASE. The lexicons are large alternations run
over every item, so these are derived once from each pattern:

- a first-character lookahead: positions that cannot start a match are rejected by one
  character-set test instead of trying every alternative;
- case folding: a case-insensitive pattern is lower-cased once and run case-sensitively
  over the lower-cased text (offsets are unchanged; `group()` returns lower-cased words,
  so callers slice the original text when they need its spelling);
- a literal gate: words one of which every match must contain. When none occurs in the
  text (a plain `in` test, done in C) the pattern is not run at all;
- first-character factoring: each alternation becomes a trie on its branches' first
  characters ("nasa|nato|north" -> "n(?:asa|ato|orth)"), so a word meets one test per
  distinct first character instead of one per branch (see `_factored`);
- an ASCII form without the top-level branches that can only start with a non-ASCII
  character, used on ASCII text (see `_ascii_variant`).

Each is added only when it can be computed exactly, so a compiled pattern matches (and
groups) exactly what `re.compile` would. `Table` runs a gazetteer as one pattern
per entry, so each entry gets its own gate and prefix.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from re import _constants as _sc  # type: ignore[attr-defined]
from re import _parser as _sp  # type: ignore[attr-defined]

_MAX_FIRST_CHARS = 400
_MAX_GATE_WORDS = 24
_GATE_MIN_SPAN = 100000
# ASCII digits and whitespace; Unicode digits and rare spaces are folded away before
# the lexicons run (see detector.prepare), so these sets are complete for our text.
_CATEGORY_CHARS = {
    _sc.CATEGORY_DIGIT: frozenset("0123456789"),
    _sc.CATEGORY_SPACE: frozenset(" \t\n\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200a\u202f"),
}
_ZERO_WIDTH = (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT)
_REPEATS = (_sc.MAX_REPEAT, _sc.MIN_REPEAT, _sc.POSSESSIVE_REPEAT)


class _Unbounded(Exception):
    """The first character of a match can be almost anything: no prefix."""


def _cased(ch: str, ignorecase: bool) -> set[str]:
    return {ch, ch.lower(), ch.upper()} if ignorecase else {ch}


def _first_chars(items, ignorecase: bool) -> tuple[set[str], bool]:
    """Characters a match of the sequence `items` can start with, and whether it can be empty."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _sc.LITERAL:
            return out | _cased(chr(av), ignorecase), False
        if op is _sc.CATEGORY and av in _CATEGORY_CHARS:
            return out | _CATEGORY_CHARS[av], False
        if op is _sc.IN:
            for iop, iav in av:
                if iop is _sc.LITERAL:
                    out |= _cased(chr(iav), ignorecase)
                elif iop is _sc.CATEGORY and iav in _CATEGORY_CHARS:
                    out |= _CATEGORY_CHARS[iav]
                elif iop is _sc.RANGE and iav[1] - iav[0] <= _MAX_FIRST_CHARS:
                    for cp in range(iav[0], iav[1] + 1):
                        out |= _cased(chr(cp), ignorecase)
                else:
                    raise _Unbounded  # NEGATE, \w, a huge range
            return out, False
        if op is _sc.SUBPATTERN or op is _sc.ATOMIC_GROUP:
            chars, empty = _first_chars(av[-1] if op is _sc.SUBPATTERN else av, ignorecase)
        elif op is _sc.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                c, e = _first_chars(branch, ignorecase)
                chars |= c
                empty = empty or e
        elif op in _REPEATS:
            chars, empty = _first_chars(av[2], ignorecase)
            empty = empty or av[0] == 0
        else:
            raise _Unbounded  # ANY, NOT_LITERAL, \w, group references
        out |= chars
        if not empty:
            return out, False
    return out, True


def _gate_score(words: frozenset[str]) -> tuple[int, int]:
    return (min(len(w) for w in words), -len(words))


def _required_words(items) -> frozenset[str] | None:
    """Words one of which every match of the sequence contains, or None if none is known."""
    best: frozenset[str] | None = None

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _gate_score(candidate) > _gate_score(best)):
            best = candidate

    run: list[str] = []
    for op, av in items:
        if op is _sc.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue  # matched characters on both sides are adjacent in the text
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        if op is _sc.SUBPATTERN:
            consider(_required_words(av[-1]))
        elif op is _sc.ATOMIC_GROUP:
            consider(_required_words(av))
        elif op is _sc.BRANCH:
            sets = [_required_words(branch) for branch in av[1]]
            if all(sets):
                consider(frozenset().union(*sets))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            consider(_required_words(av[2]))
    if run:
        consider(frozenset({"".join(run)}))
    return best


def _with_prefix(pattern: str, flags: int) -> re.Pattern[str]:
    try:
        chars, empty = _first_chars(_sp.parse(pattern, flags), bool(flags & re.IGNORECASE))
    except _Unbounded:
        return re.compile(pattern, flags)
    if empty or not chars or len(chars) > _MAX_FIRST_CHARS:
        return re.compile(pattern, flags)
    charset = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"(?=[{charset}])(?:{pattern})", flags)


def _lower_source(pattern: str) -> str:
    """The pattern with its literal letters lower-cased; escapes (\\b, \\S, \\W ...) kept."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?P", i):  # group syntax is case-sensitive
            out.append("(?P")
            i += 3
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


# --- first-character factoring of alternations ---------------------------------------
#
# The engine tries the branches of an alternation one after another at every position,
# so a lexicon of a hundred names costs a hundred tests per word. Branches that open with
# a literal character are grouped under that character ("nasa|nirbhay|..." becomes
# "n(?:asa|irbhay|...)"), so each word meets one test per distinct first character.
# A branch only moves ahead of branches that cannot start with its character, so at any
# position the same branch matches first, and matches are unchanged. Branches holding a
# capturing group stay in place (group numbers are kept), lookaround bodies are left as
# written, and patterns with backreferences or inline flags are not rewritten.

_FACTOR_MIN_BRANCHES = 4
_REGEX_SPECIAL = frozenset("\\[](){}.*+?^$|")


class _Unsupported(Exception):
    """Syntax the factoring does not handle: the pattern is used as written."""


def _split_alternation(src: str, i: int, in_group: bool) -> tuple[list[list[tuple[str, object]]], int]:
    """Branches of the alternation starting at src[i], as token lists, and the index of
    the closing parenthesis (or the end). A token is (kind, value): kind "lit" for a plain
    character, "quant" for a quantifier, "group" for (prefix, branches), "atom" otherwise."""
    branches: list[list[tuple[str, object]]] = [[]]
    n = len(src)
    while i < n:
        c = src[i]
        if c == ")":
            if in_group:
                return branches, i
            raise _Unsupported("unbalanced parenthesis")
        if c == "|":
            branches.append([])
            i += 1
            continue
        if c == "\\":
            if i + 1 >= n or src[i + 1].isdigit():
                raise _Unsupported("backreference or trailing escape")
            token: tuple[str, object] = ("atom", src[i:i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            if j < n and src[j] == "^":
                j += 1
            if j < n and src[j] == "]":
                j += 1
            while j < n and src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            if j >= n:
                raise _Unsupported("unclosed class")
            token = ("atom", src[i:j + 1])
            i = j + 1
        elif c == "(":
            j = i + 1
            if src.startswith("?:", j):
                prefix = "(?:"
            elif src.startswith(("?=", "?!", "?<=", "?<!"), j):
                prefix = src[i:j + (3 if src[j + 1] == "<" else 2)]
            elif src.startswith("?P<", j):
                prefix = src[i:src.index(">", j) + 1]
            elif j < n and src[j] != "?":
                prefix = "("
            else:
                raise _Unsupported("flags, comment or backreference")
            inner, k = _split_alternation(src, i + len(prefix), True)
            token = ("group", (prefix, inner))
            i = k + 1
        elif c in "*+?{":
            if c == "{":
                j = src.find("}", i)
                if j < 0:
                    raise _Unsupported("unclosed repeat")
                q = src[i:j + 1]
                i = j + 1
            else:
                q = c
                i += 1
            if i < n and src[i] in "?+":
                q += src[i]
                i += 1
            token = ("quant", q)
        else:
            token = ("lit" if c not in ".^$" else "atom", c)
            i += 1
        branches[-1].append(token)
    if in_group:
        raise _Unsupported("unclosed group")
    return branches, i


def _emit_tokens(tokens: list[tuple[str, object]], flags: int) -> str:
    out = []
    for kind, value in tokens:
        if kind == "group":
            prefix, inner = value  # type: ignore[misc]
            # Lookarounds keep their branches as written (a lookbehind must keep its widths).
            body = "|".join(_emit_tokens(b, flags) for b in inner) if prefix.startswith(
                ("(?=", "(?!", "(?<")) else _emit_alternation(inner, flags)
            out.append(f"{prefix}{body})")
        else:
            out.append(value)  # type: ignore[arg-type]
    return "".join(out)


def _captures(tokens: list[tuple[str, object]]) -> bool:
    for kind, value in tokens:
        if kind == "group":
            prefix, inner = value  # type: ignore[misc]
            if prefix == "(" or prefix.startswith("(?P<") or any(_captures(b) for b in inner):
                return True
    return False


def _branch_first_chars(branch: str, flags: int) -> set[str] | None:
    """Characters a branch can start with; None when it could start with anything or be empty."""
    try:
        chars, empty = _first_chars(_sp.parse(branch, flags), False)
    except (_Unbounded, re.error):
        return None
    return None if empty else chars


def _emit_alternation(branches: list[list[tuple[str, object]]], flags: int) -> str:
    if len(branches) < _FACTOR_MIN_BRANCHES:
        return "|".join(_emit_tokens(b, flags) for b in branches)
    # Each item: [first character, list of branch tails] or [None, branch text, its first characters].
    items: list[list] = []
    for branch in branches:
        head = branch[0] if branch else None
        # A branch holding a capturing group stays in place, so that groups keep their numbers.
        literal_head = (head is not None and head[0] == "lit"
                        and not (len(branch) > 1 and branch[1][0] == "quant") and not _captures(branch))
        if not literal_head:
            text = _emit_tokens(branch, flags)
            items.append([None, text, _branch_first_chars(text, flags)])
            continue
        ch = head[1]  # type: ignore[index]
        target = None
        for item in reversed(items):
            if item[0] == ch:
                target = item
                break
            if item[0] is None and (item[2] is None or ch in item[2]):
                break  # a branch that could match here too stands in between: keep the order
        if target is not None:
            target[1].append(branch[1:])
        else:
            items.append([ch, [branch[1:]]])
    parts = []
    for item in items:
        if item[0] is None:
            parts.append(item[1])
            continue
        ch, tails = item
        lead = "\\" + ch if ch in _REGEX_SPECIAL else ch
        if len(tails) == 1:
            parts.append(lead + _emit_tokens(tails[0], flags))
        else:
            parts.append(f"{lead}(?:{_emit_alternation(tails, flags)})")
    return "|".join(parts)


_NEVER = re.compile(r"(?!)")


def _ascii_variant(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern without its top-level branches that can only start with a non-ASCII
    character (Korean, Japanese words), for ASCII texts, where they can never match; None
    when there are none to drop, or dropping one would renumber a capturing group."""
    try:
        branches, _ = _split_alternation(pattern, 0, False)
    except _Unsupported:
        return None
    keep = []
    for branch in branches:
        first = _branch_first_chars(_emit_tokens(branch, flags), flags)
        if first and not any(c.isascii() for c in first):
            if _captures(branch):
                return None
            continue
        keep.append(branch)
    if len(keep) == len(branches):
        return None
    if not keep:
        return _NEVER
    try:
        return _with_prefix(_emit_alternation(keep, flags), flags)
    except re.error:
        return None


def _factored(pattern: str, flags: int) -> str:
    """The pattern with its alternations grouped by first character (same matches), or
    the pattern itself when its syntax is outside what the factoring handles."""
    try:
        branches, _ = _split_alternation(pattern, 0, False)
        out = _emit_alternation(branches, flags)
        re.compile(out, flags)
    except (_Unsupported, re.error, RecursionError):
        return pattern
    return out


_lower_cache: tuple[str | None, str | None] = (None, None)


def lowered(text: str) -> str | None:
    """text.lower() when it keeps every offset, else None. Remembers the last text.

    The single-entry cache is replaced by one assignment of a tuple, so concurrent
    callers at worst recompute it.
    """
    global _lower_cache
    cached = _lower_cache
    if cached[0] is text:
        return cached[1]
    low = text.lower()
    result = low if len(low) == len(text) else None
    _lower_cache = (text, result)
    return result


_NO_MATCHES: tuple[re.Match[str], ...] = ()


class FastPattern:
    """A compiled pattern with a prefix, optional case folding and a literal gate."""

    __slots__ = ("pattern", "flags", "_fast", "_fast_ascii", "_exact", "_fold", "_gate", "_gate_ascii", "_gate_cache")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._fold = bool(flags & re.IGNORECASE)
        source = _lower_source(pattern) if self._fold else pattern
        fast_flags = flags & ~re.IGNORECASE if self._fold else flags
        self._fast = _with_prefix(_factored(source, fast_flags), fast_flags)
        self._fast_ascii = _ascii_variant(source, fast_flags) or self._fast
        self._exact = _with_prefix(pattern, flags) if self._fold else self._fast
        words = _required_words(_sp.parse(source, fast_flags))
        gate = None
        if words and len(words) <= _MAX_GATE_WORDS and all(len(w) >= 2 or not w.isascii() for w in words):
            gate = tuple(sorted(words, key=len, reverse=True))
        self._gate = gate
        # Most texts are ASCII (str.isascii() is a flag test), and no Hangul or kana word
        # can occur in them: they are checked against the ASCII words only.
        self._gate_ascii = tuple(w for w in gate if w.isascii()) if gate is not None else None
        # (text, whether a gate word occurs in it) for the last text gated: one pattern is
        # often run over several parts of one text. One tuple, assigned at once, so that
        # concurrent callers at worst recompute it.
        self._gate_cache: tuple[str | None, bool] = (None, True)

    def _gate_open(self, text: str) -> bool:
        """Whether a gate word occurs in text (the text the pattern runs on), remembered."""
        cached = self._gate_cache
        if cached[0] is text:
            return cached[1]
        gate = self._gate_ascii if text.isascii() else self._gate
        found = gate is None or any(map(text.__contains__, gate))
        self._gate_cache = (text, found)
        return found

    def _pick(self, text: str, span: int) -> tuple[re.Pattern[str] | None, str]:
        if self._fold:
            cached = _lower_cache  # inlined lowered(): this runs for every search
            low = cached[1] if cached[0] is text else lowered(text)
            if low is None:
                return self._exact, text
            text = low
        fast = self._fast_ascii if text.isascii() else self._fast
        if self._gate is not None:
            cached = self._gate_cache
            # The gate reads the whole text: worth it when the search reads much of it, or
            # when it was already read for this text.
            if cached[0] is text:
                if not cached[1]:
                    return None, text
            elif span > _GATE_MIN_SPAN and not self._gate_open(text):
                return None, text
        return fast, text

    def could_match(self, text: str) -> bool:
        """False when the text lacks every word a match needs (cheap; no regex run)."""
        p, _ = self._pick(text, sys.maxsize)
        return p is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # _pick() inlined: this is the hottest call of a classification.
        if self._fold:
            cached = _lower_cache
            low = cached[1] if cached[0] is text else lowered(text)
            if low is None:
                return self._exact.search(text, pos, endpos)
            text = low
        if self._gate is not None:
            cached = self._gate_cache
            if cached[0] is text:
                if not cached[1]:
                    return None
            elif endpos - pos > _GATE_MIN_SPAN and not self._gate_open(text):
                return None
        return (self._fast_ascii if text.isascii() else self._fast).search(text, pos, endpos)

    def search_ungated(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """search() for a caller that has already asked could_match()."""
        p, t = self._pick(text, 0)
        return p.search(t, pos, endpos) if p is not None else None

    def finditer_ungated(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """finditer() for a caller that has already asked could_match()."""
        p, t = self._pick(text, 0)
        return p.finditer(t, pos, endpos) if p is not None else iter(_NO_MATCHES)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        p, t = self._pick(text, 0)
        return p.match(t, pos, endpos) if p is not None else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        p, t = self._pick(text, endpos - pos)
        return p.finditer(t, pos, endpos) if p is not None else iter(_NO_MATCHES)


def compile_fast(pattern: str, flags: int = 0) -> FastPattern:
    """Compile a lexicon pattern for speed; same matches and offsets as re.compile."""
    return FastPattern(pattern, flags)


class Table:
    """A gazetteer: (canonical value, pattern) entries, each compiled on its own.

    Matches are what one alternation of the entries in order would give: leftmost first,
    the earlier entry winning at equal starts, no overlaps. The entries whose words occur
    in a text are worked out once per text and remembered for the next call.
    """

    __slots__ = ("entries", "_cache", "_fold", "_words", "_ascii_words", "_entry_words", "_gate_parts")

    def __init__(self, entries: Sequence[tuple[str, str]], flags: int = re.IGNORECASE, gate_parts: bool = False) -> None:
        """`gate_parts`: look for the entries' words in the part searched rather than in the
        whole text, for a table that is mostly asked about one sentence of a text."""
        self.entries = tuple((canonical, compile_fast(pattern, flags)) for canonical, pattern in entries)
        self._fold = bool(flags & re.IGNORECASE)
        self._gate_parts = gate_parts
        # Every entry's gate words, looked for once per text; an entry is a candidate when
        # one of its words occurs (None: an entry without a gate always is).
        self._entry_words = tuple(frozenset(p._gate) if p._gate is not None else None for _, p in self.entries)
        words = sorted({w for ws in self._entry_words if ws for w in ws})
        self._words = tuple(words)
        self._ascii_words = tuple(w for w in words if w.isascii())
        self._cache: tuple[str | None, tuple[tuple[str, FastPattern], ...]] = (None, ())

    def _candidates(self, text: str) -> tuple[tuple[str, FastPattern], ...]:
        cached = self._cache
        if cached[0] is text:
            return cached[1]
        searched: str | None = text
        if self._fold:
            searched = lowered(text)
        if searched is None:
            candidates = self.entries  # lower-casing moves offsets: no gate can be trusted
        else:
            words = self._ascii_words if searched.isascii() else self._words
            present = {w for w in words if w in searched}
            candidates = tuple(entry for entry, ws in zip(self.entries, self._entry_words)
                               if ws is None or not ws.isdisjoint(present))
        self._cache = (text, candidates)
        return candidates

    def _candidates_in(self, text: str, lo: int, hi: int) -> tuple[tuple[str, FastPattern], ...]:
        """Entries whose words occur in text[lo:hi]; a match there holds one of them. A
        short part (a sentence, a headline) is read on its own, the whole text is cached."""
        n = len(text)
        if not self._gate_parts or 2 * (min(hi, n) - max(lo, 0)) >= n:
            return self._candidates(text)
        searched: str | None = lowered(text) if self._fold else text
        if searched is None:
            return self.entries
        part = searched[lo:hi]
        words = self._ascii_words if part.isascii() else self._words
        present = {w for w in words if w in part}
        return tuple(entry for entry, ws in zip(self.entries, self._entry_words)
                     if ws is None or not ws.isdisjoint(present))

    def candidates(self, text: str, lo: int = 0, hi: int = sys.maxsize) -> tuple[tuple[str, FastPattern], ...]:
        """The entries, in order, that can match in text[lo:hi] (their words occur)."""
        return self._candidates_in(text, lo, hi)

    def first(self, text: str, lo: int = 0, hi: int = sys.maxsize) -> tuple[int, int, str] | None:
        """Leftmost match in text[lo:hi] as (start, end, canonical), or None."""
        best: tuple[int, int, str] | None = None
        for canonical, pattern in self._candidates_in(text, lo, hi):
            m = pattern.search_ungated(text, lo, hi)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), m.end(), canonical)
        return best

    def all(self, text: str, lo: int = 0, hi: int = sys.maxsize) -> list[tuple[int, int, str]]:
        """Every non-overlapping match in text[lo:hi], in text order."""
        found = [(m.start(), i, m.end(), canonical)
                 for i, (canonical, pattern) in enumerate(self._candidates_in(text, lo, hi))
                 for m in pattern.finditer_ungated(text, lo, hi)]
        found.sort()
        out: list[tuple[int, int, str]] = []
        end = -1
        for start, _i, stop, canonical in found:
            if start >= end:
                out.append((start, stop, canonical))
                end = stop
        return out
