"""`[[pages]]` sources: an HTML page (say, a ministry's press-release list) whose links, picked
by a CSS selector, become items. A pure function of bytes, with the standard library's
html.parser; no selector library: lxml with cssselect turns each descendant step into an
XPath step whose cost grows with the elements below every match (2,000 nested divs and
2,000 links took 12 s under `div div div div a`, and 250 nested divs with 49,000 links
did not finish in five minutes under five steps), while `select` below is one walk.

Selector subset (documented in the README):

- `tag`, `.class`, `#id`, `[attr]`, `[attr=value]` and compounds of them (`li.item[data-id]`);
- descendant (`ul.news a`) and child (`ul > li`) combinators;
- several selectors separated by commas.

Each matched element gives one item: the element itself when it is a link (`<a href>`),
else the first link inside it. The title is the link's text; the summary is the rest of
the element's text. The link is the item's identity; pages carry no dates, so items get
their first-seen time. A selector that matches nothing raises `NotAFeed`, so a redesigned
page shows up as an unhealthy source instead of silence.

Bounds: elements opened deeper than `MAX_PAGE_DEPTH` become siblings at that depth (as
browsers do), an element's text is read from its first `TEXT_NODES` nodes, a page with more than `MAX_PAGE_ELEMENTS` elements is refused with
`FeedTooComplex` as soon as the parser gets there, and every walk over the tree is a
loop, never a recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from services.ingest.errors import FeedTooComplex, NotAFeed
from services.ingest.parser import MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, Entry, ParsedFeed, web_link
from services.ingest.text import plain_text

# Browsers stop nesting at 512 (deeper elements become siblings); real pages stay under 50.
MAX_PAGE_DEPTH = 512
# A long press-release list is a few thousand elements, a busy news front page some 20,000;
# html.parser builds about 40,000 a second, so this bounds a page at about a second.
MAX_PAGE_ELEMENTS = 50_000

# The elements and strings an element's text is read from: a list item of a real page has a
# few dozen; without a bound, 500 items nested in each other each read the whole page.
TEXT_NODES = 2_000

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
SKIP_TEXT = {"script", "style", "noscript", "template"}


class SelectorError(ValueError):
    """The selector uses syntax outside the supported subset."""


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: "Node | None" = None
    children: list["Node | str"] = field(default_factory=list)

    def text(self, limit: int = MAX_SUMMARY_CHARS) -> str:
        """The element's plain text (script and style left out), at most `limit` characters,
        read from its first `TEXT_NODES` elements and strings."""
        parts: list[str] = []
        size = visited = 0
        pending: list[Node | str] = [self]
        while pending and size < limit * 2 and visited < TEXT_NODES:
            node = pending.pop()
            visited += 1
            if isinstance(node, str):
                parts.append(node)
                size += len(node)
            elif node.tag not in SKIP_TEXT:
                pending.extend(reversed(node.children))
        # The parser has decoded the entities already: "&amp;lt;" is the text "&lt;", not "<".
        return plain_text(" ".join(parts))[:limit]

    def iter(self):
        """Every element below this one, in document order."""
        pending = [child for child in reversed(self.children) if isinstance(child, Node)]
        while pending:
            node = pending.pop()
            yield node
            pending.extend(child for child in reversed(node.children) if isinstance(child, Node))

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self._open = self.root
        self._depth = 0  # of self._open
        self.elements = 0
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        self.elements += 1
        if self.elements > MAX_PAGE_ELEMENTS:
            raise FeedTooComplex(f"too complex: more than {MAX_PAGE_ELEMENTS} elements on the page")
        # At the depth bound an element becomes a sibling of the deepest open one and is
        # opened in its place, as browsers do: a link there keeps its own text.
        at_bound = tag not in VOID and self._depth >= MAX_PAGE_DEPTH
        parent = self._open.parent if at_bound and self._open.parent is not None else self._open
        node = Node(tag, {k: (v or "") for k, v in attrs}, parent=parent)
        parent.children.append(node)
        if tag == "base" and node.attrs.get("href") and self.base is None:
            self.base = node.attrs["href"]
        if tag not in VOID:
            self._open = node
            self._depth = self._depth if at_bound else self._depth + 1

    def handle_startendtag(self, tag, attrs):
        opened, depth = self._open, self._depth
        self.handle_starttag(tag, attrs)
        self._open, self._depth = opened, depth

    def handle_endtag(self, tag):
        node, depth = self._open, self._depth
        while node is not None and node.tag != tag:
            node, depth = node.parent, depth - 1
        if node is not None and node.parent is not None:  # close it and anything left open inside
            self._open, self._depth = node.parent, depth - 1

    def handle_data(self, data):
        self._open.children.append(data)


_COMPOUND = re.compile(r"""([A-Za-z][A-Za-z0-9-]*|\*)?((?:[.#][A-Za-z0-9_-]+|\[[A-Za-z_:][\w:.-]*(?:=(?:"[^"]*"|'[^']*'|[^\]]*))?\])*)$""")
_PART = re.compile(r"""[.#][A-Za-z0-9_-]+|\[([A-Za-z_:][\w:.-]*)(?:=("[^"]*"|'[^']*'|[^\]]*))?\]""")


@dataclass(frozen=True)
class Compound:
    tag: str | None
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str | None], ...]

    def matches(self, node: Node) -> bool:
        if self.tag and node.tag != self.tag:
            return False
        if any(node.attrs.get("id") != i for i in self.ids):
            return False
        if self.classes and not set(self.classes) <= node.classes:
            return False
        for name, value in self.attrs:
            if name not in node.attrs or (value is not None and node.attrs[name] != value):
                return False
        return True


def parse_selector(selector: str) -> list[list[tuple[str, Compound]]]:
    """Compile `selector` into alternatives of (combinator, compound) steps.

    Raises `SelectorError` naming the part outside the supported subset.
    """
    alternatives = []
    for alternative in selector.split(","):
        tokens = alternative.replace(">", " > ").split()
        if not tokens:
            raise SelectorError(f"empty selector in {selector!r}")
        if tokens[0] == ">" or tokens[-1] == ">" or any(a == b == ">" for a, b in zip(tokens, tokens[1:])):
            raise SelectorError(f"a child combinator (>) stands between two parts, as in 'ul > a': {selector!r}")
        steps: list[tuple[str, Compound]] = []
        combinator = " "
        for token in tokens:
            if token == ">":
                combinator = ">"
                continue
            match = _COMPOUND.match(token)
            if not match or not token:
                raise SelectorError(f"unsupported selector part {token!r} (supported: tag, .class, #id, "
                                    "[attr], [attr=value], descendant and child combinators)")
            tag = match.group(1) if match.group(1) not in (None, "*") else None
            ids, classes, attrs = [], [], []
            for part in _PART.finditer(match.group(2) or ""):
                text = part.group(0)
                if text.startswith("#"):
                    ids.append(text[1:])
                elif text.startswith("."):
                    classes.append(text[1:])
                else:
                    value = part.group(2)
                    attrs.append((part.group(1), value.strip("\"'") if value is not None else None))
            steps.append((combinator, Compound(tag.lower() if tag else None, tuple(ids), tuple(classes), tuple(attrs))))
            combinator = " "
        alternatives.append(steps)
    return alternatives


def _exact(node: Node, steps: list[tuple[str, Compound]], parent_exact: frozenset[int],
           parent_any: frozenset[int]) -> frozenset[int]:
    """The steps `node` matches with every step before them matched on the way down: by
    its parent (`>`, from `parent_exact`) or by some ancestor (` `, from `parent_any`)."""
    found = set()
    for index, (combinator, compound) in enumerate(steps):
        if not compound.matches(node):
            continue
        if index == 0 or (index - 1 in (parent_exact if combinator == ">" else parent_any)):
            found.add(index)
    return frozenset(found)


def select(root: Node, selector: str) -> list[Node]:
    """Elements under `root` matching `selector`, in document order.

    One walk down the tree carrying, per alternative, which steps the ancestors matched: time
    linear in elements × selector steps, whatever the depth.
    """
    alternatives = parse_selector(selector)
    empty = tuple(frozenset() for _ in alternatives)
    found: list[Node] = []
    # (node, per-alternative steps its parent matched, and those any ancestor matched)
    pending = [(child, empty, empty) for child in reversed(root.children) if isinstance(child, Node)]
    while pending:
        node, parent_exact, parent_any = pending.pop()
        exact = tuple(_exact(node, steps, parent_exact[i], parent_any[i]) for i, steps in enumerate(alternatives))
        if any(len(steps) - 1 in exact[i] for i, steps in enumerate(alternatives)):
            found.append(node)
        below = tuple(parent_any[i] | exact[i] for i in range(len(alternatives)))
        pending.extend((child, exact, below) for child in reversed(node.children) if isinstance(child, Node))
    return found


def _first_links(root: Node) -> dict[int, Node]:
    """The first link (`<a href>`) at or below each element that holds one, by `id` of the
    element: one walk up from the leaves, however deep the elements matched are nested
    (looking below each matched element read a page of 49,000 nested ones 49,000 times)."""
    first: dict[int, Node] = {}
    for node in reversed(list(root.iter())):  # every element after those below it
        if node.tag == "a" and node.attrs.get("href"):
            first[id(node)] = node
            continue
        link = next((first[id(child)] for child in node.children if isinstance(child, Node) and id(child) in first),
                    None)
        if link is not None:
            first[id(node)] = link
    return first


def parse_page(body: bytes, *, url: str, selector: str, content_type: str | None = None,
               max_entries: int = 500) -> ParsedFeed:
    """Items from the links `selector` picks on the HTML page `body` fetched from `url`.

    Raises `NotAFeed` when nothing matches (or no matched element holds a link),
    `FeedTooComplex` for a page beyond the bounds above and `SelectorError` for a selector
    outside the supported subset.
    """
    builder = _TreeBuilder()
    builder.feed(_decode(body, content_type))
    builder.close()
    base = urljoin(url, builder.base) if builder.base else url
    entries: list[Entry] = []
    seen: set[str] = set()
    matched = select(builder.root, selector)
    first_links = _first_links(builder.root)
    for node in matched:
        link_node = first_links.get(id(node))
        if link_node is None:
            continue
        href = link_node.attrs["href"].strip()
        if href.startswith("#"):
            continue
        # Only a web page: not `javascript:`, `data:` or `mailto:`, in any letter case.
        link = web_link(base, href)
        if link is None or link in seen:
            continue
        seen.add(link)
        title = link_node.text(MAX_TITLE_CHARS) or link_node.attrs.get("title", "")[:MAX_TITLE_CHARS]
        whole = node.text()
        summary = whole.replace(title, "", 1).strip() if title and whole != title else ""
        entries.append(Entry(guid=link, link=link, title=title, summary=summary, published_at=None))
        if len(entries) >= max_entries:
            break
    if not entries:
        raise NotAFeed(f"not a feed: selector {selector!r} matched {len(matched)} elements and no links on the page")
    title_node = next((n for n in builder.root.iter() if n.tag == "title"), None)
    lang_node = next((n for n in builder.root.iter() if n.tag == "html"), None)
    return ParsedFeed(format="html", title=title_node.text(MAX_TITLE_CHARS) if title_node else "", entries=tuple(entries),
                      lang=(lang_node.attrs.get("lang") or None) if lang_node else None, parser="page")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.I)


def _decode(body: bytes, content_type: str | None) -> str:
    candidates: list[str] = []
    if content_type and "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=", 1)[1].split(";")[0].strip("\"' "))
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii"))
    candidates.append("utf-8")
    for name in candidates:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")
