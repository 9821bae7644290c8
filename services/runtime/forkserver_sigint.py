"""Imported first by the workers' fork server (see `services.runtime.cpu_pool`), and meant for
it alone: from here on the server ignores SIGINT, and its cyclic garbage collector is off
until `services.runtime.forkserver_settled`, imported last, turns it on again.

Ctrl-C reaches the whole process group, and the parent stops its workers itself; a fork
server still importing the modules of its workers would otherwise die of the
KeyboardInterrupt mid-import and print its traceback. (Once its imports are done, the fork
server ignores SIGINT by itself, and so do the workers it starts.)

The collector: the modules of the workers (the classifier's lexicons) make hundreds of
thousands of objects that live as long as the server, and the collector scanned them again
and again while they were made, on the way to the first classification.
"""

from __future__ import annotations

import gc
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
gc.disable()
