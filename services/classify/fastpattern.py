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
  text the pattern is not run at all. A short text is asked with a few `in` tests (done
  in C); for a long one, one pass of an Aho-Corasick automaton (pyahocorasick) holding
  every pattern's words tells which it holds (`_LiteralIndex`);
- first-character factoring: each alternation becomes a trie on its branches' first
  characters ("nasa|nato|north" -> "n(?:asa|ato|orth)"), so a word meets one test per
  distinct first character instead of one per branch (see `_factored`);
- an ASCII form without the top-level branches that can only start with a non-ASCII
  character, used on ASCII text (see `_ascii_variant`).

All of it is read off the pattern's text by the small reader below, which knows the
documented syntax the lexicons use (literals, escapes, classes, groups, lookarounds,
quantifiers) and nothing of `re`'s private modules, so a new Python cannot break it.
What it derives is kept in a file between processes (`services.classify.lexicon_cache`,
keyed by the Python version and this file's source; without it, or for a pattern it does
not hold, it is derived here).
Whatever it does not know (inline flags, backreferences, conditionals) makes it leave
the pattern as written: each derivation is added only when it is exact, so a compiled
pattern matches (and groups) exactly what `re.compile` would; a pattern that ignores case
but keeps it in a group ("(?-i:[A-Z])") is not lower-cased either. `Table` runs a gazetteer
as one pattern per entry, so each entry gets its own gate and prefix.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ahocorasick

from services.classify.lexicon_cache import LexiconCache, default_path

_MAX_FIRST_CHARS = 400
# A pattern gets a gate only if it needs one of at most this many words (the shared work
# titles, every language's joined, need one of 75; without its gate that pattern took four
# times as long on a megabyte of hostile text, `bench/classify_hostile.py`; the agencies
# credited by name and the civil space words need 115 and 139: gated, a megabyte of Polish
# takes a third less) ...
_MAX_GATE_WORDS = 160
# ... but on a short text, read by one `in` test a word, a gate of more words than this
# costs more than the search it would spare (the two above took a tenth off throughput):
# it is read for long texts only, in one pass of the literal index.
_MAX_SHORT_GATE_WORDS = 96
_GATE_MIN_SPAN = 100000
# From this length on, the words a text holds are found by one pass of the literal index
# rather than one `in` test per word.
_LONG_TEXT = 4096
# Words this short ("in", "to", "発") occur everywhere: the index would report thousands of
# hits for them in a long text, where an `in` test finds them at once. They are tested so.
_INDEX_MIN_LEN = 4


# What earlier processes derived from the lexicons (see the module doc).
_CACHE = LexiconCache(default_path())


def save_cache() -> bool:
    """Keep what this process derived for the next one (see
    `services.classify.lexicon_cache`); True when the file was written."""
    return _CACHE.save()


class _Unbounded(Exception):
    """The first character of a match can be almost anything: no prefix."""


class _Unsupported(Exception):
    """Syntax the reader does not handle: the pattern is used as written."""


# --- reading a pattern ---------------------------------------------------------------
#
# A pattern is read into branches of tokens. A token is (kind, value):
#   "lit"   a plain character, value the character;
#   "atom"  one unit of matching written as an escape, a class or ".^$", value its text;
#   "quant" a quantifier of the token before it, value its text ("?", "{0,4}?", "++");
#   "group" (prefix, branches) for "(", "(?:", "(?P<name>" and the lookarounds.

_ZERO_WIDTH_ESCAPES = frozenset({r"\b", r"\B", r"\A", r"\Z"})
_CLASS_ESCAPES = {"d": "d", "s": "s"}  # categories a first-character set can hold
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
_REGEX_SPECIAL = frozenset("\\[](){}.*+?^$|")


def _split_alternation(src: str, i: int, in_group: bool) -> tuple[list[list[tuple[str, object]]], int]:
    """Branches of the alternation starting at src[i], as token lists, and the index of
    the closing parenthesis (or the end)."""
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
            if i + 1 >= n or src[i + 1].isdigit() or src[i + 1] in "gNpP":
                raise _Unsupported("backreference, named character or trailing escape")
            if src[i + 1] in "ux":
                width = 5 if src[i + 1] == "u" else 3
                token: tuple[str, object] = ("atom", src[i:i + width + 1])
                i += width + 1
            else:
                token = ("atom", src[i:i + 2])
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
                raise _Unsupported("flags, comment, atomic group or backreference")
            inner, k = _split_alternation(src, i + len(prefix), True)
            token = ("group", (prefix, inner))
            i = k + 1
        elif c in "*+?{":
            if c == "{":
                j = src.find("}", i)
                if j < 0 or not re.fullmatch(r"\{\d*(?:,\d*)?\}", src[i:j + 1]):
                    raise _Unsupported("a brace that is not a repeat")
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


def _parse(pattern: str) -> list[list[tuple[str, object]]]:
    branches, _ = _split_alternation(pattern, 0, False)
    return branches


def _min_repeat(quant: str) -> int:
    """How many times a quantifier requires its token at least."""
    q = quant.rstrip("?+") if len(quant) > 1 else quant
    if q in ("?", "*"):
        return 0
    if q == "+":
        return 1
    low = q[1:-1].split(",")[0]
    return int(low) if low else 0


def _escaped_char(esc: str) -> str | None:
    """The one character an escape such as "\\." or "\\u3000" stands for, else None."""
    body = esc[1:]
    if body[0] in "ux":
        return chr(int(body[1:], 16))
    if body in _CONTROL_ESCAPES:
        return _CONTROL_ESCAPES[body]
    if body.isalnum() or body == "_":
        return None  # \b, \d, \w ...: not one character
    return body


@dataclass(frozen=True)
class _Chars:
    """A set of characters: explicit ones plus whole categories ("d" for \\d, "s" for \\s)."""

    chars: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()

    def __or__(self, other: "_Chars") -> "_Chars":
        return _Chars(self.chars | other.chars, self.categories | other.categories)

    def __len__(self) -> int:
        return len(self.chars) + len(self.categories)

    def could_be(self, ch: str) -> bool:
        if ch in self.chars:
            return True
        return any(_CATEGORY_RE[c].match(ch) for c in self.categories)

    def all_non_ascii(self) -> bool:
        return not self.categories and all(not c.isascii() for c in self.chars)

    def as_class(self) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(self.chars)) + "".join(
            "\\" + c for c in sorted(self.categories)) + "]"


_CATEGORY_RE = {"d": re.compile(r"\d"), "s": re.compile(r"\s")}
_NOTHING = _Chars()


def _class_chars(text: str) -> _Chars:
    """Characters a class such as "[a-z\\s'-]" matches; raises _Unbounded for a negated or huge class."""
    body = text[1:-1]
    if body.startswith("^"):
        raise _Unbounded
    items: list[str | tuple[str]] = []  # characters, or (category,) for \d and \s
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            end = i + (6 if body[i + 1] == "u" else 4 if body[i + 1] == "x" else 2)
            esc = body[i:end]
            i = end
            if esc[1] in _CLASS_ESCAPES:
                items.append((_CLASS_ESCAPES[esc[1]],))
                continue
            ch = _escaped_char(esc)
            if ch is None:
                raise _Unbounded  # \w, \S ...
            items.append(ch)
        else:
            items.append(c)
            i += 1
    chars: set[str] = set()
    categories: set[str] = set()
    k = 0
    while k < len(items):
        item = items[k]
        if isinstance(item, tuple):
            categories.add(item[0])
            k += 1
        elif k + 2 < len(items) and items[k + 1] == "-" and isinstance(items[k + 2], str):
            low, high = ord(item), ord(items[k + 2])  # type: ignore[arg-type]
            if high - low > _MAX_FIRST_CHARS:
                raise _Unbounded
            chars.update(map(chr, range(low, high + 1)))
            k += 3
        else:
            chars.add(item)
            k += 1
    return _Chars(frozenset(chars), frozenset(categories))


def _atom_chars(text: str) -> _Chars | None:
    """Characters one atom can match; None when it is zero-width. Raises _Unbounded."""
    if text in ("^", "$") or text in _ZERO_WIDTH_ESCAPES:
        return None
    if text == ".":
        raise _Unbounded
    if text.startswith("["):
        return _class_chars(text)
    if text[1] in _CLASS_ESCAPES:
        return _Chars(categories=frozenset({_CLASS_ESCAPES[text[1]]}))
    ch = _escaped_char(text)
    if ch is None:
        raise _Unbounded  # \w, \W, \S, \D
    return _Chars(frozenset({ch}))


def _with_quantifiers(tokens: list[tuple[str, object]]) -> Iterator[tuple[str, object, str | None]]:
    """Each token with the quantifier that follows it, if any."""
    for i, (kind, value) in enumerate(tokens):
        if kind == "quant":
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        yield kind, value, nxt[1] if nxt is not None and nxt[0] == "quant" else None  # type: ignore[misc]


def _first_chars(tokens: list[tuple[str, object]]) -> tuple[_Chars, bool]:
    """Characters a match of the token sequence can start with, and whether it can be empty."""
    out = _NOTHING
    for kind, value, quant in _with_quantifiers(tokens):
        least = _min_repeat(quant) if quant is not None else 1
        if kind == "lit":
            chars: _Chars | None = _Chars(frozenset({value}))  # type: ignore[arg-type]
            empty = False
        elif kind == "atom":
            chars, empty = _atom_chars(value), False  # type: ignore[arg-type]
        else:
            prefix, branches = value  # type: ignore[misc]
            if prefix.startswith(_LOOKAROUNDS):
                chars = None
            else:
                chars, empty = _NOTHING, False
                for branch in branches:
                    c, e = _first_chars(branch)
                    chars, empty = chars | c, empty or e
        if chars is None:
            continue  # zero-width: the next token starts the match
        out = out | chars
        if not empty and least > 0:
            return out, False
    return out, True


def _gate_score(words: frozenset[str]) -> tuple[int, int]:
    return (min(len(w) for w in words), -len(words))


def _word_options(tokens: list[tuple[str, object]]) -> list[frozenset[str]]:
    """Sets of words such that every match of the token sequence contains one word of
    each set: the runs of literal characters it must hold, and its required groups."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for kind, value, quant in _with_quantifiers(tokens):
        if kind == "atom" and (value in ("^", "$") or value in _ZERO_WIDTH_ESCAPES):
            continue  # zero-width: the characters on either side are adjacent in the text
        if kind == "group" and value[0].startswith(_LOOKAROUNDS):  # type: ignore[index]
            continue
        single = _single_char(kind, value)
        if single is not None and quant is None:
            run.append(single)
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if quant is not None and _min_repeat(quant) < 1:
            continue
        if single is not None:
            options.append(frozenset({single}))
        elif kind == "group":
            words = _shared_words([_word_options(branch) for branch in value[1]])  # type: ignore[index]
            if words:
                options.append(words)
    if run:
        options.append(frozenset({"".join(run)}))
    return options


def _usable(words: frozenset[str]) -> bool:
    return all(len(w) >= 2 or not w.isascii() for w in words)


def _shared_words(per_branch: list[list[frozenset[str]]]) -> frozenset[str] | None:
    """Words one of which every match of an alternation contains: one option of each
    branch, chosen to be shared by as many branches as can be ("Korea" for "North Korea",
    "N. Korea" and "NKorean"), so that the set stays small."""
    if not per_branch or not all(per_branch):
        return None
    shared: dict[str, int] = {}
    for options in per_branch:
        for word in {w for option in options for w in option}:
            shared[word] = shared.get(word, 0) + 1

    def rank(option: frozenset[str]) -> tuple[bool, bool, int, int, int]:
        # A short word ("of", "tv") is in most texts: a gate of it would let every text by.
        shortest = min(len(w) for w in option)
        return (_usable(option), shortest >= _INDEX_MIN_LEN, min(shared[w] for w in option), shortest, -len(option))

    return _minimal(frozenset().union(*(max(options, key=rank) for options in per_branch)))


def _minimal(words: frozenset[str]) -> frozenset[str]:
    """The words without those that contain another of them: a text holding "Korean"
    holds "Korea", so "Korea" alone says as much."""
    return frozenset(w for w in words if not any(v != w and v in w for v in words))


def _required_words(tokens: list[tuple[str, object]]) -> frozenset[str] | None:
    """Words one of which every match of the token sequence contains, or None if none is known."""
    options = [_minimal(option) for option in _word_options(tokens)]
    return max(options, key=_gate_score) if options else None


def _single_char(kind: str, value: object) -> str | None:
    """The one character a literal, an escaped character or a one-character class matches."""
    if kind == "lit":
        return value  # type: ignore[return-value]
    if kind != "atom":
        return None
    text = str(value)
    if text.startswith("\\"):
        return _escaped_char(text)
    if text.startswith("[") and not text.startswith("[^"):
        try:
            chars = _class_chars(text)
        except _Unbounded:
            return None
        if not chars.categories and len(chars.chars) == 1:
            return next(iter(chars.chars))
    return None


def _with_prefix(pattern: str, flags: int) -> re.Pattern[str]:
    """The pattern behind a lookahead for the characters a match can start with."""
    try:
        chars, empty = _first_chars(_flatten(_parse(pattern)))
    except (_Unbounded, _Unsupported):
        return re.compile(pattern, flags)
    if empty or not len(chars) or len(chars) > _MAX_FIRST_CHARS:
        return re.compile(pattern, flags)
    # Compiled with the pattern's own flags, the class folds case as the pattern does.
    return re.compile(f"(?={chars.as_class()})(?:{pattern})", flags)


def _flatten(branches: list[list[tuple[str, object]]]) -> list[tuple[str, object]]:
    """One token sequence for a whole pattern: its alternation as one group."""
    return branches[0] if len(branches) == 1 else [("group", ("(?:", branches))]


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


def _emit_tokens(tokens: list[tuple[str, object]]) -> str:
    out = []
    for kind, value in tokens:
        if kind == "group":
            prefix, inner = value  # type: ignore[misc]
            # Lookarounds keep their branches as written (a lookbehind must keep its widths).
            body = "|".join(_emit_tokens(b) for b in inner) if prefix.startswith(_LOOKAROUNDS) else (
                _emit_alternation(inner))
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


def _branch_first_chars(branch: list[tuple[str, object]]) -> _Chars | None:
    """Characters a branch can start with; None when it could start with anything or be empty."""
    try:
        chars, empty = _first_chars(branch)
    except _Unbounded:
        return None
    return None if empty else chars


def _emit_alternation(branches: list[list[tuple[str, object]]]) -> str:
    if len(branches) < _FACTOR_MIN_BRANCHES:
        return "|".join(_emit_tokens(b) for b in branches)
    # Each item: [first character, list of branch tails] or [None, branch text, its first characters].
    items: list[list] = []
    for branch in branches:
        head = branch[0] if branch else None
        # A branch holding a capturing group stays in place, so that groups keep their numbers.
        literal_head = (head is not None and head[0] == "lit"
                        and not (len(branch) > 1 and branch[1][0] == "quant") and not _captures(branch))
        if not literal_head:
            items.append([None, _emit_tokens(branch), _branch_first_chars(branch)])
            continue
        ch = head[1]  # type: ignore[index]
        target = None
        for item in reversed(items):
            if item[0] == ch:
                target = item
                break
            if item[0] is None and (item[2] is None or item[2].could_be(ch)):
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
            parts.append(lead + _emit_tokens(tails[0]))
        else:
            parts.append(f"{lead}(?:{_emit_alternation(tails)})")
    return "|".join(parts)


_NEVER = re.compile(r"(?!)")


def _ascii_variant(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern without its top-level branches that can only start with a non-ASCII
    character (Korean, Japanese words), for ASCII texts, where they can never match; None
    when there are none to drop, or dropping one would renumber a capturing group."""
    try:
        branches = _parse(pattern)
    except _Unsupported:
        return None
    keep = []
    for branch in branches:
        first = _branch_first_chars(branch)
        if first is not None and len(first) and first.all_non_ascii():
            if _captures(branch):
                return None
            continue
        keep.append(branch)
    if len(keep) == len(branches):
        return None
    if not keep:
        return _NEVER
    try:
        return _with_prefix(_emit_alternation(keep), flags)
    except re.error:
        return None


def _factored(pattern: str, flags: int) -> str:
    """The pattern with its alternations grouped by first character (same matches), or
    the pattern itself when its syntax is outside what the reader handles."""
    try:
        out = _emit_alternation(_parse(pattern))
        re.compile(out, flags)
    except (_Unsupported, re.error, RecursionError):
        return pattern
    return out


def _gate_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match contains, longest first; None when there is no
    useful set (unknown syntax, a one-letter ASCII word, too many words)."""
    try:
        words = _required_words(_flatten(_parse(pattern)))
    except _Unsupported:
        return None
    if not words or len(words) > _MAX_GATE_WORDS or any(len(w) < 2 and w.isascii() for w in words):
        return None
    return tuple(sorted(words, key=len, reverse=True))


class _LiteralIndex:
    """Every gate word of every compiled pattern in one Aho-Corasick automaton
    (pyahocorasick): one pass over a text tells which of them it holds, however many
    words and patterns there are.

    Texts are the raw text for case-sensitive patterns and the lower-cased one for the
    others; a word is looked for in whichever text it is asked about. The sets of the last
    two texts are remembered; every shared value is replaced by one assignment, so
    concurrent callers at worst recompute.
    """

    def __init__(self) -> None:
        self._words: frozenset[str] = frozenset()
        self._automaton: ahocorasick.Automaton | None = None
        self._cache: tuple[object, frozenset[str], object, frozenset[str]] = (None, frozenset(), None, frozenset())

    def add(self, words: tuple[str, ...]) -> None:
        """Index the words of at least _INDEX_MIN_LEN characters."""
        words = tuple(w for w in words if len(w) >= _INDEX_MIN_LEN)
        if not self._words.issuperset(words):
            self._words = self._words.union(words)
            self._automaton = None  # built again on next use, with the new words

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for word in self._words:
            automaton.add_word(word, word)
        automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def present(self, text: str, remember: bool = True) -> frozenset[str]:
        """The indexed words (of _INDEX_MIN_LEN characters or more) that occur in text;
        `remember` False for a short part of a text, which would only push a whole text
        out of the cache."""
        if not remember:
            automaton = self._automaton or self._build()
            return frozenset(word for _, word in automaton.iter(text)) if self._words else frozenset()
        cached = self._cache
        if cached[0] is text:
            return cached[1]
        if cached[2] is text:
            self._cache = (cached[2], cached[3], cached[0], cached[1])
            return cached[3]
        automaton = self._automaton or self._build()
        found = frozenset(word for _, word in automaton.iter(text)) if self._words else frozenset()
        self._cache = (text, found, cached[0], cached[1])
        return found


_INDEX = _LiteralIndex()


# The last two texts lower-cased, most recent first: (text, lowered, text, lowered). Two,
# so that a pattern run on a short slice between searches of a whole text does not make
# the whole text be lower-cased again; and the last long text on its own, so that no
# number of slices can push it out (its lower-cased form is also what the literal index
# remembers, by identity).
_lower_cache: tuple[str | None, str | None, str | None, str | None] = (None, None, None, None)
_long_lower_cache: tuple[str | None, str | None] = (None, None)


def lowered(text: str) -> str | None:
    """text.lower() when it keeps every offset, else None. Remembers the last two texts,
    and the last long one.

    Each cache is replaced by one assignment of a tuple, so concurrent callers at worst
    recompute it.
    """
    global _lower_cache, _long_lower_cache
    cached = _lower_cache
    if cached[0] is text:
        return cached[1]
    if cached[2] is text:
        _lower_cache = (cached[2], cached[3], cached[0], cached[1])
        return cached[3]
    long_cached = _long_lower_cache
    if long_cached[0] is text:
        return long_cached[1]
    low = text.lower()
    result = low if len(low) == len(text) else None
    if len(text) >= _LONG_TEXT:
        _long_lower_cache = (text, result)
    else:
        _lower_cache = (text, result, cached[0], cached[1])
    return result


_NO_MATCHES: tuple[re.Match[str], ...] = ()


# A group that turns case back on, "(?-i:[A-Z])": not an escaped parenthesis.
_CASE_KEPT = re.compile(r"(?<!\\)\(\?[aLmsux]*-[msx]*i[msx]*:")


class FastPattern:
    """A compiled pattern with a prefix, optional case folding and a literal gate."""

    __slots__ = ("pattern", "flags", "_fast", "_fast_ascii", "_exact", "_fold", "_gate", "_gate_ascii", "_gate_long",
                 "_gate_short", "_gate_cache")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        # A pattern that ignores case but holds it somewhere ("(?-i:[A-Z])") cannot be run
        # over lower-cased text: no folding, no derivation, the pattern as `re` compiles it.
        as_written = bool(flags & re.IGNORECASE) and _CASE_KEPT.search(pattern) is not None
        self._fold = bool(flags & re.IGNORECASE) and not as_written
        fast_flags = flags & ~re.IGNORECASE if self._fold else flags
        derived = (pattern, None, None, None) if as_written else _CACHE.derived(pattern, flags)
        if derived is not None:
            fast, fast_ascii, exact, gate = derived
            self._fast = re.compile(fast, fast_flags)
            self._fast_ascii = self._fast if fast_ascii is None else re.compile(fast_ascii, fast_flags)
            self._exact = self._fast if exact is None else re.compile(exact, flags)
        else:
            source = _lower_source(pattern) if self._fold else pattern
            self._fast = _with_prefix(_factored(source, fast_flags), fast_flags)
            self._fast_ascii = _ascii_variant(source, fast_flags) or self._fast
            self._exact = _with_prefix(pattern, flags) if self._fold else self._fast
            gate = _gate_words(source)
            _CACHE.remember(pattern, flags, (
                self._fast.pattern, None if self._fast_ascii is self._fast else self._fast_ascii.pattern,
                None if self._exact is self._fast else self._exact.pattern, gate))
        self._gate = gate
        # For long texts: the words the literal index holds, and the short ones it does not.
        self._gate_long = frozenset(w for w in gate if len(w) >= _INDEX_MIN_LEN) if gate is not None else None
        self._gate_short = tuple(w for w in gate if len(w) < _INDEX_MIN_LEN) if gate is not None else None
        # Most texts are ASCII, and no Hangul or kana word can occur in them.
        self._gate_ascii = tuple(w for w in gate if w.isascii()) if gate is not None else None
        if gate is not None:
            _INDEX.add(gate)
        # (text, whether a gate word occurs in it) for the last text gated: one pattern is
        # often run over several parts of one text. One tuple, assigned at once, so that
        # concurrent callers at worst recompute it.
        self._gate_cache: tuple[str | None, bool] = (None, True)

    @property
    def gate(self) -> tuple[str, ...] | None:
        """Words one of which every match contains (in the lower-cased text when the
        pattern ignores case), or None when the pattern has no such set."""
        return self._gate

    def _gate_open(self, text: str) -> bool:
        """Whether a gate word occurs in text (the text the pattern runs on), remembered."""
        cached = self._gate_cache
        if cached[0] is text:
            return cached[1]
        gate = self._gate
        if gate is None:
            found = True
        elif len(text) < _LONG_TEXT and len(gate) > _MAX_SHORT_GATE_WORDS:
            found = True
        elif len(text) < _LONG_TEXT:
            # A few `in` tests beat a pass over the index.
            found = any(map(text.__contains__, self._gate_ascii if text.isascii() else gate))
        else:
            found = (any(map(text.__contains__, self._gate_short))  # type: ignore[arg-type]
                     or not self._gate_long.isdisjoint(_INDEX.present(text)))  # type: ignore[union-attr]
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
        """search() without the literal gate: for a caller that has already gated the text."""
        p, t = self._pick(text, 0)
        return p.search(t, pos, endpos) if p is not None else None

    def finditer_ungated(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """finditer() without the literal gate: for a caller that has already gated the text."""
        p, t = self._pick(text, 0)
        return p.finditer(t, pos, endpos) if p is not None else iter(_NO_MATCHES)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        p, t = self._pick(text, 0)
        return p.match(t, pos, endpos) if p is not None else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        p, t = self._pick(text, endpos - pos)
        return p.finditer(t, pos, endpos) if p is not None else iter(_NO_MATCHES)


def compile_fast(pattern: str, flags: int = 0) -> FastPattern:
    """Compile a lexicon pattern for speed; same matches and offsets as re.compile.

    Raises re.error for a pattern `re` rejects.
    """
    return FastPattern(pattern, flags)


class Table:
    """A gazetteer: (canonical value, pattern) entries, each compiled on its own.

    Matches are what one alternation of the entries in order would give: leftmost first,
    the earlier entry winning at equal starts, no overlaps. The entries whose words occur
    in a text are worked out once per text and remembered for the next call.
    """

    __slots__ = ("entries", "_cache", "_fold", "_entry_words", "_words", "_finder", "_short_words", "_gate_parts")

    def __init__(self, entries: Sequence[tuple[str, str]], flags: int = re.IGNORECASE, gate_parts: bool = False) -> None:
        """`gate_parts`: look for the entries' words in the part searched rather than in the
        whole text, for a table that is mostly asked about one sentence of a text."""
        self.entries = tuple((canonical, compile_fast(pattern, flags)) for canonical, pattern in entries)
        self._fold = bool(flags & re.IGNORECASE)
        self._gate_parts = gate_parts
        # Every entry's gate words; an entry is a candidate when one of its words occurs
        # (None: an entry without a gate always is).
        self._entry_words = tuple(frozenset(p.gate) if p.gate is not None else None for _, p in self.entries)
        self._words = tuple(sorted({w for ws in self._entry_words if ws for w in ws}))
        # One pass over a short text finds every word of a table of hundreds of names, where
        # an `in` test per word would scan the text once a word.
        self._finder = ahocorasick.Automaton()
        for word in self._words:
            self._finder.add_word(word, word)
        if self._words:
            self._finder.make_automaton()
        self._short_words = tuple(w for w in self._words if len(w) < _INDEX_MIN_LEN)
        self._cache: tuple[str | None, tuple[tuple[str, FastPattern], ...]] = (None, ())

    def _present(self, searched: str, remember: bool) -> set[str] | frozenset[str]:
        if len(searched) < _LONG_TEXT:
            return {w for _, w in self._finder.iter(searched)} if self._words else set()
        return _INDEX.present(searched, remember).union([w for w in self._short_words if w in searched])

    def _with_words(self, present: set[str] | frozenset[str]) -> tuple[tuple[str, FastPattern], ...]:
        return tuple([entry for entry, ws in zip(self.entries, self._entry_words)
                      if ws is None or not ws.isdisjoint(present)])

    def _candidates(self, text: str) -> tuple[tuple[str, FastPattern], ...]:
        cached = self._cache
        if cached[0] is text:
            return cached[1]
        searched: str | None = lowered(text) if self._fold else text
        if searched is None:
            candidates = self.entries  # lower-casing moves offsets: no gate can be trusted
        else:
            candidates = self._with_words(self._present(searched, True))
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
        return self._with_words(self._present(searched[lo:hi], False))

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
