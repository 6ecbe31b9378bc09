"""Argument checks shared by the plots and widget builders.

Each raises ValueError (wrong value) or TypeError (wrong kind of thing) with a
message that names the argument, shows what it got and says what was expected.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np


def plain_repr(value: Any) -> str:
    """`repr(value)` on one line and without memory addresses.

    `<function f>`, not `<function f at 0x7f...>`, so the same value always gives
    the same message; line breaks (numpy's repr of a matrix) become single spaces.
    """
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))
    return re.sub(r"\s+", " ", text)


def _show(value: Any, limit: int = 60) -> str:
    text = plain_repr(value.tolist() if isinstance(value, np.ndarray) else value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def number(name: str, value: Any, optional: bool = False) -> float | None:
    """`value` as a finite float (or None when `optional` and not given)."""
    if value is None and optional:
        return None
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number, got {_show(value)}")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number, got {_show(value)}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {x}")
    return x


def array(
    name: str,
    values: Any,
    ndim: int | tuple[int, ...] | None = None,
    nonempty: bool = True,
) -> np.ndarray:
    """`values` as a float array of finite numbers, of the given number of dimensions."""
    if values is None or isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be numbers (a list or numpy array), got {_show(values)}")
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be numbers, got {_show(values)}") from None
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if allowed is not None and arr.ndim not in allowed:
        want = " or ".join(f"{d}-D" for d in allowed)
        raise ValueError(f"{name} must be {want}, got shape {arr.shape}")
    if nonempty and arr.size == 0:
        raise ValueError(f"{name} is empty; it needs at least one value")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers, got {_show(arr)}")
    return arr


def index(name: str, value: Any, size: int, optional: bool = False) -> int | None:
    """`value` as a position 0..size-1 (or None when `optional` and not given)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number from 0 to {size - 1}, got {_show(value)}")
    if not 0 <= value < size:
        raise ValueError(f"{name} must be from 0 to {size - 1}, got {value}")
    return int(value)


def positive(name: str, value: Any, optional: bool = False) -> float | None:
    """`value` as a finite float above zero (or None when `optional` and not given)."""
    x = number(name, value, optional)
    if x is not None and x <= 0:
        raise ValueError(f"{name} must be above 0, got {x:g}")
    return x


def count(name: str, value: Any, low: int = 1, optional: bool = False) -> int | None:
    """`value` as a whole number of at least `low` (or None when `optional` and not given)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {_show(value)}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    return int(value)


def figsize(name: str, value: Any, optional: bool = True) -> tuple[float, float] | None:
    """`value` as a (width, height) pair of positive inches (or None when `optional`)."""
    if value is None and optional:
        return None
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        raise TypeError(f"{name} must be a (width, height) pair in inches, got {_show(value)}")
    w, h = (positive(name, v) for v in value)
    return (w, h)
