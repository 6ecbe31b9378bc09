"""Print numbers the way the book's logs show them.

The book's code ran on Python 2, whose ``str(float)`` kept 12 significant
digits. These helpers turn a Python 3 float into the same string, so the
course's logs match the book character for character.
"""

from __future__ import annotations

import math


def py2str(x: float) -> str:
    """`x` as Python 2's ``str(float)`` printed it, e.g. ``py2str(0.1 + 0.2) == '0.3'``."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = f"{x:.12g}"
    if "." not in text and "e" not in text:
        text += ".0"
    return text


def py2str5(x: float) -> str:
    """The first five characters of ``py2str(x)``, as the book's MNIST logs print errors."""
    return py2str(x)[:5]
