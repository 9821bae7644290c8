"""Imported last by the workers' fork server (see `services.runtime.cpu_pool`), once the
modules of its workers are imported: turns the cyclic garbage collector on again (off
since `services.runtime.forkserver_sigint`), with everything imported so far frozen
(`gc.freeze`) out of its way, so that the workers, forked from here, do not scan the
lexicons either (nor touch, and so copy, the memory they share with the server).
"""

from __future__ import annotations

import gc

gc.freeze()
gc.enable()
