"""Periods as the model writes them ("2017", "2017-autumn", "2018-H1", "2018-Q3", "2018-05"), as dates.

Core logic with no reading in it: the status reader (``graphmodel.read.status``)
writes these strings; gap analysis and the Neo4j store turn them into dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .model import Status

_PERIOD_TEXT = re.compile(r"^(\d{4})(?:-(spring|summer|autumn|winter|H[12]|Q[1-4]|0[1-9]|1[0-2]))?$")
_PART_MONTHS = {
    "spring": (1, 6),
    "summer": (6, 8),
    "autumn": (8, 12),
    "winter": (1, 2),
    "H1": (1, 6),
    "H2": (7, 12),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
}


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period string.

    Spring is Jan 1-Jun 30 and autumn Aug 1-Dec 31, as the school terms (vt,
    ht) that plans often count in; summer is Jun 1-Aug 31; winter of a year
    is Jan 1 to the end of February of that same year, so that a period
    never spills into the next year.
    """
    match = _PERIOD_TEXT.match(period)
    if not match:
        raise ValueError(f"Not a period: {period!r} (expected e.g. 2017, 2017-autumn, 2017-Q3, 2017-05)")
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        first, last = 1, 12
    elif part.isdigit():
        first = last = int(part)
    else:
        first, last = _PART_MONTHS[part]
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def is_overdue(status: Status, as_of: date) -> bool:
    """True when a measure not done has a due period that ended before ``as_of``."""
    if status.due is None or status.state == "done":
        return False
    return period_bounds(status.due)[1] < as_of
