"""Memory housekeeping for the few places that make hundreds of thousands of objects at once."""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a block makes many objects that all survive.

    Reading a plan and building the graph allocate hundreds of thousands of
    small objects (cells, ledger entries, attribute dicts) and drop almost
    none; the collector would walk them again and again and find no garbage,
    which cost a fifth of ``graphmodel gaps`` at 300 plans and more at 3,000.
    Afterwards the objects made are filed straight with the oldest generation
    (``gc.freeze`` then ``gc.unfreeze``): as young objects they would each be
    walked once more and would hasten full collections, one per few plans
    read. Nothing is left out of collection: the next full collection sees them.
    """
    if not gc.isenabled():  # nested, or the caller already paused it
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # never unfreeze objects someone else froze
            gc.freeze()
            gc.unfreeze()
        gc.enable()
