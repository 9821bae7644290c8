"""Letters of UTF-8 text that a publisher read back in a one-byte Windows code page.

Some feeds carry a letter twice encoded: the UTF-8 bytes of "ó" (C3 B3) were decoded as
Windows-1250 and the two characters "Ăł" published in its place ("CharkĂłw" for
"Charków"), often beside letters that are right ("zginęła w ktĂłrym"), so the text as a
whole cannot be decoded back. Each such pair is repaired on its own: a lead character
that Windows-1250 or Windows-1252 gives to the bytes C3–C5 (the first byte of a Latin
letter U+00C0–U+017F in UTF-8), followed by a character that code page gives to a
continuation byte (80–BF), is taken back to its two bytes and decoded as UTF-8. A pair is
repaired only when it decodes to a letter and touches a letter ("Ăł" inside a word), so a
quoted "Å" before a closing quote stays as it is.
"""

from __future__ import annotations

import re

# code page -> the characters it gives to the bytes C3, C4, C5.
_LEADS = {"cp1250": bytes([0xC3, 0xC4, 0xC5]).decode("cp1250"),
          "cp1252": bytes([0xC3, 0xC4, 0xC5]).decode("cp1252")}


def _continuations(codepage: str) -> str:
    # Bytes 80–BF that the code page leaves undefined (0x81 in cp1252 ...) have no character.
    return "".join(bytes([b]).decode(codepage, errors="ignore") for b in range(0x80, 0xC0))


_PAIR = re.compile("|".join(
    f"[{re.escape(leads)}][{re.escape(_continuations(codepage))}]" for codepage, leads in _LEADS.items()))
# Any character that can open a pair: a text holding none needs no look.
LEADS = frozenset("".join(_LEADS.values()))
PAIR_PATTERN = _PAIR.pattern


def _decoded(pair: str) -> str | None:
    for codepage, leads in _LEADS.items():
        if pair[0] not in leads:
            continue
        try:
            letter = pair.encode(codepage).decode("utf-8")
        except UnicodeError:
            continue
        if len(letter) == 1 and letter.isalpha():
            return letter
    return None


# Every pair `PAIR_PATTERN` can match, decoded once: a few hundred, looked up per match.
_LETTERS = {lead + cont: _decoded(lead + cont) for codepage, leads in _LEADS.items()
            for lead in leads for cont in _continuations(codepage)}


def letter_at(text: str, start: int, end: int) -> str | None:
    """The letter the two characters text[start:end] (a match of `PAIR_PATTERN`) stand for,
    or None: they decode to no letter, or touch no letter of a word."""
    letter = _LETTERS.get(text[start:end])
    if letter is None:
        return None
    if (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
        return letter
    return None


def repair(text: str) -> str:
    """`text` with every misread letter inside a word repaired; anything else unchanged."""
    if text.isascii() or LEADS.isdisjoint(text):
        return text
    return _PAIR.sub(lambda m: letter_at(text, m.start(), m.end()) or m.group(), text)
