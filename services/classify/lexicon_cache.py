"""What `FastPattern` derives from the lexicons, kept in a file between processes, so that a
process starting the classifier reads it instead of working it out again.

For each lexicon pattern `FastPattern` reads the pattern's text and writes its factored,
prefixed and ASCII forms and its gate words (a quarter of the classifier's start-up CPU).
At the end of the first start-up that derived them they are written to
`$XDG_CACHE_HOME/launchwatch/lexicons-<key>.marshal` (`~/.cache` when XDG_CACHE_HOME is
unset; `LAUNCHWATCH_LEXICON_CACHE` names another folder, or `off` turns the cache off). The
key covers the Python version and the source of `fastpattern.py` and of this module, so a
new interpreter or a new derivation never reads an old file; a changed lexicon pattern is
not found in it, and derived as before. The forms are compiled with `re.compile` in every
process: a compiled expression cannot be kept without `re`'s private modules.

`marshal` reads only plain values (no code runs while loading); a file that cannot be read
whole is ignored and written again. It is written under a temporary name and renamed, so a
reader sees an old file or a new one; a folder that cannot be written costs only the time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ENV = "LAUNCHWATCH_LEXICON_CACHE"
_FASTPATTERN = Path(__file__).with_name("fastpattern.py")


def _key() -> str:
    digest = hashlib.blake2b(digest_size=10)
    digest.update(sys.version.encode())
    digest.update(_FASTPATTERN.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def default_path() -> Path | None:
    """The cache file of this interpreter and this `fastpattern.py`, or None when the cache
    is off (`LAUNCHWATCH_LEXICON_CACHE=off`)."""
    where = os.environ.get(ENV)
    if where == "off":
        return None
    if where:
        folder = Path(where)
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "launchwatch"
    try:
        return folder / f"lexicons-{_key()}.marshal"
    except OSError:
        return None


class LexiconCache:
    """Derivations of (pattern, flags) read from, and written to, one file (see the module
    doc). `path` None: a cache that keeps nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._derived: dict[tuple[str, int], tuple[Any, ...]] = {}
        self._used: dict[tuple[str, int], tuple[Any, ...]] = {}
        self.loaded = False  # read from the file at start
        self._on_disk = False  # the file holds what `_derived` holds
        if path is not None:
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
                derived = marshal.loads(path.read_bytes())
                if isinstance(derived, dict):
                    self._derived = derived
                    self.loaded = self._on_disk = True

    def derived(self, pattern: str, flags: int) -> tuple[Any, ...] | None:
        """What was derived from (pattern, flags) before, or None."""
        key = (pattern, int(flags))  # a RegexFlag is no plain value to keep
        found = self._derived.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def remember(self, pattern: str, flags: int, derivation: tuple[Any, ...]) -> None:
        """Keep `derivation` (plain values: strings, tuples, None) for (pattern, flags)."""
        self._used[(pattern, int(flags))] = derivation

    def save(self) -> bool:
        """Write what this process derived or used (and nothing else), unless the file holds
        exactly that already. True when written; False, never an error, when the folder
        cannot be written."""
        if self.path is None or (self._on_disk and self._used.keys() == self._derived.keys()):
            return False
        name = None
        try:
            data = marshal.dumps(self._used)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, prefix=".lexicons-", delete=False) as out:
                name = out.name
                out.write(data)
            # Derived from public lexicons, no secret: readable by the other users of a
            # shared folder (an image's cache built as root, read by the service's user).
            os.chmod(name, 0o644)
            os.replace(name, self.path)
        except (OSError, ValueError):
            if name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            return False
        self._derived, self._on_disk = dict(self._used), True
        return True
