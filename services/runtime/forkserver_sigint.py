"""Imported first by the workers' fork server (see `services.runtime.cpu_pool`), and meant for
it alone: from here on the server and the workers it starts are a process group of their
own, the server ignores SIGINT, and its cyclic garbage collector is off until
`services.runtime.forkserver_settled`, imported last, turns it on again.

Ctrl-C, `timeout`, or `kill -- -PGID` signal the whole process group of launchwatch, and the
parent stops its workers itself. In that group, a fork server still importing the modules
of its workers would die of the KeyboardInterrupt mid-import and print its traceback, and a
SIGTERM would end the server and the workers, breaking the pool of a stage still starting
(`BrokenProcessPool`: the stage failed, exit 1): in a group of their own, only their parent
stops them. (Once its imports are done, the fork server ignores SIGINT by itself, and so do
the workers it starts.)

The collector: the modules of the workers (the classifier's lexicons) make hundreds of
thousands of objects that live as long as the server, and the collector scanned them again
and again while they were made, on the way to the first classification.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
with contextlib.suppress(OSError):  # already a group's leader, or not allowed: as before
    os.setpgid(0, 0)
# Started with the group's signals blocked (`start_fork_server`): what the group was sent
# meanwhile was meant for the parent, which stops this server itself. Dropped, then SIGTERM
# and SIGHUP as usual.
_hangup = signal.getsignal(signal.SIGHUP)  # (ignored under `nohup`: it stays so)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
signal.signal(signal.SIGTERM, signal.SIG_DFL)
signal.signal(signal.SIGHUP, signal.SIG_IGN if _hangup is signal.SIG_IGN else signal.SIG_DFL)
gc.disable()
