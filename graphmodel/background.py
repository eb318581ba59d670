"""Work done in a second process while this one goes on: how ``graphmodel report`` uses a second core.

``in_background(function, *args)`` starts ``function(*args)`` in a forked
child and returns a ``Job``; ``Job.result()`` waits for it. The child shares
the parent's memory as it was at the fork (copy on write), so nothing is
pickled on the way in; the result (text, mostly) is pickled on the way back.

Forking is only safe in a process whose threads we know, so this is for the
command line, not for notebooks (their kernels run threads), and only on
Linux: macOS's system libraries may crash in a forked child, Windows has no
fork. Everywhere else, and when the child fails in any way (killed, out of
memory, an error), the work is done in this process when the result is
asked for: the same result, or the same error, only later.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess


def can_fork() -> bool:
    """Whether a second process helps and is safe here: Linux, and more than one core to run it on."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


class Job:
    """``function(*args)``, running in a child process or waiting to be run here; ``result()`` gives its value."""

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...], fork: bool):
        self.function, self.args = function, args
        self._process: BaseProcess | None = None
        self._connection: Connection[Any, Any] | None = None
        if fork:
            context = multiprocessing.get_context("fork")
            receiving, sending = context.Pipe(duplex=False)
            # What this process has buffered would otherwise be written twice: the child flushes it on exit.
            sys.stdout.flush()
            sys.stderr.flush()
            process = context.Process(target=_child, args=(receiving, sending, function, args), daemon=True)
            try:
                process.start()
            except OSError:  # no process to be had (too many, no memory): the work is done here
                receiving.close()
                sending.close()
                return
            sending.close()
            self._process, self._connection = process, receiving

    def result(self) -> Any:
        """The function's value: the child's answer, or (no child, or it failed) the function run here."""
        if self._process is None or self._connection is None:  # set together, or neither
            return self.function(*self.args)
        try:
            succeeded, value = self._connection.recv()
        except (EOFError, OSError):  # the child died before it could answer
            succeeded, value = False, None
        except BaseException:  # interrupted while waiting (Ctrl+C, kill): the child must not outlive it
            self.cancel()
            raise
        self._reap()
        return value if succeeded else self.function(*self.args)

    def cancel(self) -> None:
        """Stop the child, if any, and wait until it is gone: call it before removing what it writes."""
        if self._process is not None:
            self._process.terminate()
            self._reap()

    def _reap(self) -> None:
        if self._process is not None and self._connection is not None:
            self._connection.close()
            self._process.join()
        self._process = self._connection = None


def _child(
    receiving: Connection[Any, Any], sending: Connection[Any, Any], function: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    # Only the parent reads: with this copy closed, a parent gone makes the send fail instead of block.
    receiving.close()
    try:
        answer = (True, function(*args))
    except BaseException:  # the parent does the work again and meets the error itself
        answer = (False, None)
    try:
        sending.send(answer)
    except Exception:  # a result that cannot be pickled: the parent does the work (if it is still there)
        try:
            sending.send((False, None))
        except OSError:
            pass
    sending.close()


def in_background(function: Callable[..., Any], *args: Any, fork: bool | None = None) -> Job:
    """Start ``function(*args)`` in a child process when ``fork`` (default: ``can_fork()``); see the module."""
    return Job(function, args, can_fork() if fork is None else fork)
