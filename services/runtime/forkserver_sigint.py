"""Imported first by the workers' fork server (see `services.runtime.cpu_pool`), and meant for
it alone: from here on the server ignores SIGINT.

Ctrl-C reaches the whole process group, and the parent stops its workers itself; a fork
server still importing the modules of its workers would otherwise die of the
KeyboardInterrupt mid-import and print its traceback. (Once its imports are done, the fork
server ignores SIGINT by itself, and so do the workers it starts.)
"""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
