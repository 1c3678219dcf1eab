"""Worker processes that never outlive the command that started them.

If `newsroom build` is killed (SIGKILL, the OOM killer), its forked workers
would carry on as orphans and could race the next build for the same files.
On Linux each worker asks the kernel to kill it when its parent dies.
"""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Pool initializer: SIGKILL this process when its parent exits (Linux; else no-op)."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
