# SPDX-License-Identifier: MIT
"""PartialDate: a date of year, month or day precision, and the converter record fields use for dates.

Re-exported by :mod:`mideastdata.model` and the package (``md.PartialDate``).
"""

from __future__ import annotations

import datetime  # noqa: ICN001 - spelt out: the records' __init__ signatures show it in the API reference
from typing import Any

import attrs

from ._fields import ISO_DATE_RE
from .errors import FieldValueError, short_repr

__all__ = ["PartialDate"]


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """The days in *month* of *year*, Gregorian calendar (as ``calendar.monthrange``, without importing it)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


@attrs.frozen(kw_only=True, eq=True, order=False)
class PartialDate:
    """A date of year, month or day precision (ISO 8601 reduced precision).

    ``PartialDate.parse("2025-08")`` is August 2025; ``str()`` gives the ISO form
    back. Dates order by their earliest day, then by precision (``2025`` sorts
    before ``2025-01`` which sorts before ``2025-01-01``).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        y, m, d = self.year, self.month, self.day
        if type(y) is not int or not 1 <= y <= 9999:
            msg = f"year must be an int in 1..9999, got {short_repr(y)}"
            raise FieldValueError("year", msg)
        if m is not None and (type(m) is not int or not 1 <= m <= 12):
            msg = f"month must be an int in 1..12, got {short_repr(m)}"
            raise FieldValueError("month", msg)
        if d is not None:
            if m is None:
                msg = "a day needs a month"
                raise FieldValueError("day", msg)
            last = _days_in_month(y, m)
            if type(d) is not int or not 1 <= d <= last:
                msg = f"day must be an int in 1..{last} for {y:04d}-{m:02d}, got {short_repr(d)}"
                raise FieldValueError("day", msg)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            ValueError: *text* is not one of those forms, or names no real date.
        """
        match = ISO_DATE_RE.fullmatch(text) if type(text) is str else None
        if match is None:
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {short_repr(text)}"
            raise ValueError(msg)
        y, m, d = match.groups()
        return cls(year=int(y), month=None if m is None else int(m), day=None if d is None else int(d))

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    @property
    def earliest(self) -> datetime.date:
        """The first day this date covers."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """The last day this date covers."""
        month = self.month or 12
        day = self.day or _days_in_month(self.year, month)
        return datetime.date(self.year, month, day)

    def _key(self) -> tuple[int, int, int, int]:
        return (self.year, self.month or 0, self.day or 0, 0)

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _date(value: PartialDate | datetime.date | str | None) -> PartialDate | None:
    if value is None or type(value) is PartialDate:
        return value
    if type(value) is datetime.date:
        return PartialDate(year=value.year, month=value.month, day=value.day)
    if type(value) is str:
        try:
            return PartialDate.parse(value)
        except ValueError:
            pass
    bad: Any = value  # refused by the validator, which names the field and the forms it takes
    return bad  # type: ignore[no-any-return]

