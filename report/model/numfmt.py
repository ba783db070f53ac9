"""The one number formatter: a figure as staff write it, exactly as stored — never rounded.

``fmt_number(12.0) == "12"``, ``fmt_number(18651.06) == "18651.06"`` (``:g`` would print 18651.1, and a model that
copied it from the fact sheet would then be flagged), ``fmt_number(24252.311082) == "24252.311082"``, no exponent
(``1e-07`` prints as ``0.0000001``). A blank cell prints as ``blank`` (``空白`` in messages, ``""`` in tables).
Values computed by the code (sums, percent changes) are rounded where they are computed, never here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Union

Number = Union[int, float]


def fmt_number(x: Optional[Number], blank: str = "空白") -> str:
    if x is None:
        return blank
    if isinstance(x, bool):
        return str(int(x))
    if isinstance(x, float):
        if x.is_integer():
            return str(int(x))
        # repr() is the shortest text that reads back as x: a non-integral float never ends in 0 there, and "f"
        # writes its exponent out (1e-07 -> 0.0000001)
        return format(Decimal(repr(x)), "f")
    return str(x)
