"""HTML or text from a feed → one line of plain text, entities unescaped.

Items leave ingest as plain text for the classifier, so markup is dropped rather than
sanitised: script/style bodies and comments disappear, block tags become spaces, every
other tag is removed, entities are unescaped, letters a publisher misread from UTF-8
("CharkĂłw") are repaired (`services.runtime.misread`), bidirectional embeddings,
overrides and isolates are dropped (an override in a title would draw the outlet, time
and agency shown after it backwards, on the page, in Slack and in email), so are control
characters (ESC, BEL: a terminal would act on them), and whitespace runs collapse to one
space.
"""

from __future__ import annotations

import html
import re

from services.runtime import misread

# An unclosed script, style or CDATA section runs to the end of the text, as in a browser.
# Without the `\Z` alternative every unclosed opening would rescan the rest of the text:
# quadratic time on a few hundred KB of `<script>` repeated.
_DROPPED = re.compile(r"<(script|style|noscript|template|head)\b[^<>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", re.S)
# A tag is `<name ...>` or `</name>`: text like "a < b" or "<<< title" is kept. Block tags
# separate words; inline ones (<b>, <a>, <span>) must not split "800<b>km</b>".
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dd|dt|h[1-6]|tr|td|th|table|thead|tbody|blockquote|pre|section|article|"
    r"header|footer|aside|nav|figure|figcaption|img|title|body|html)\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_SPACE = re.compile(r"\s+")
# U+202A-U+202E (embeddings, overrides, pop) and U+2066-U+2069 (isolates). Hebrew and
# Arabic text keeps its own direction without them.
# C0 and C1 control characters (ESC, BEL, ...) other than whitespace, which the space rule
# turns into a space: no text means them, and ESC starts a terminal's escape sequence.
_DROPPED_CHARACTERS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A),
                                     *(c for c in range(0x20) if chr(c) not in "\t\n\v\f\r"), 0x7F, *range(0x80, 0xA0)])


def html_to_text(value: str | None) -> str:
    """Plain text of `value` (HTML or text): tags removed, entities unescaped, misread
    letters repaired, spaces collapsed.

    Never raises; `None` and empty give "".
    """
    if not value:
        return ""
    if "<" in value:
        value = _CDATA.sub(r"\1", value)
        value = _DROPPED.sub(" ", value)
        value = _COMMENT.sub(" ", value)
        value = _BLOCK_TAG.sub(" ", value)
        value = _TAG.sub("", value)
    if "&" in value:
        value = html.unescape(value)
    return plain_text(value)


def plain_text(value: str) -> str:
    """`value`, text already (no markup, no entities), as one line: misread letters repaired,
    bidirectional controls and control characters dropped, spaces collapsed."""
    # \xa0 (from &nbsp;) and other Unicode spaces count as spaces; \s covers them.
    return _SPACE.sub(" ", misread.repair(value).translate(_DROPPED_CHARACTERS)).strip()
