"""Answer checkers for the exercises, one module per chapter (`ch02` ... `ch09`, `a1`).

Every exercise cell calls one of these with the learner's answer. A checker
returns a `Feedback` (see `nnutils.checks.feedback`): "not answered yet" with a
first hint while the answer is still `...`, a diagnosis and a hint (never the
expected value) when it is wrong, a short confirmation when it is right.

Import them from here: `from nnutils.checks import check_weight_delta`.
"""

from importlib import import_module

from nnutils.checks.feedback import Feedback, compare

CHAPTERS = ("ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "ch08", "ch09", "a1")

__all__ = ["CHAPTERS", "Feedback", "compare"]
for _chapter in CHAPTERS:
    _module = import_module(f"nnutils.checks.{_chapter}")
    for _name, _obj in vars(_module).items():
        if _name.startswith("check_") and getattr(_obj, "__module__", None) == _module.__name__:
            globals()[_name] = _obj
            __all__.append(_name)
del _chapter, _module, _name, _obj
