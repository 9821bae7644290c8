"""Identity of an entry: a stable `item_id` and a hash of the text that decides revisions."""

from __future__ import annotations

import hashlib


def item_id_for(feed_url: str, guid: str | None, link: str | None, title: str | None) -> str:
    """Stable id of an entry: hash of the source's configured URL and the entry's guid/id,
    falling back to its link, then its title.

    The configured URL (not the URL after redirects) is used so that ids survive a feed
    moving. Raises `ValueError` when the entry has none of guid, link and title.
    """
    for kind, value in (("id", guid), ("link", link), ("title", title)):
        if value and value.strip():
            digest = hashlib.sha256(f"{feed_url}\n{kind}\n{value.strip()}".encode()).hexdigest()
            return digest[:32]
    raise ValueError("entry has no id, link or title")


def content_hash(title: str, summary: str, url: str | None) -> str:
    """Hash of what a reader sees; a change (a corrected headline) makes a new revision.

    Dates are left out on purpose: many feeds rewrite them on every request.
    """
    return hashlib.sha256(f"{title}\x1f{summary}\x1f{url or ''}".encode()).hexdigest()[:32]
