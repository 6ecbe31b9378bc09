"""Plumbing for the course *Neural networks from scratch with numpy*.

The learning code (predictions, errors, deltas, weight updates) lives in the
notebooks. This package only holds what would distract from it:

- `nnutils.data`: the book's toy datasets and a verified MNIST loader;
- `nnutils.logs`: print numbers the way the book's logs show them;
- `nnutils.plots`: draw a given state and return the figure;
- `nnutils.widgets`: wire sliders and buttons to functions a notebook passes in;
- `nnutils.checks`: answer checkers for the exercises.

Importing the package is cheap and touches no network; the submodules that need
matplotlib or ipywidgets load them when they are imported.
"""

from nnutils.logs import py2str, py2str5

__all__ = ["py2str", "py2str5"]
__version__ = "1.0.0"
