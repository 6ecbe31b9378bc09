"""Sizes and colours shared by every figure of the course.

Figures are measured in CSS pixels at 72 per inch, so a font of 14 points is
14 CSS pixels on screen: as large as the notebook's own body text. Pictures
are rendered at twice that resolution (retina), so they stay sharp on HiDPI
screens.
"""

from __future__ import annotations

#: Width of a live panel's figure in CSS pixels: the output area of a notebook in
#: JupyterLab on a 1400-pixel-wide window (narrower windows scale it down).
PANEL_WIDTH = 940

#: The notebook's body text is 14 px; tick and axis labels match it.
TEXT = 14
#: Legends and annotations: smaller, but never below 10 px.
SMALL = 12

POSITIVE = "#1f77b4"  # blue: positive weights and values
NEGATIVE = "#d62728"  # red: negative weights and values
TOTAL = "#2ca02c"  # green: sums and predictions
GOAL = "#444444"  # dark grey: goals and targets

FIGURE_RC = {
    "figure.dpi": 72,
    "font.size": TEXT,
    "axes.titlesize": TEXT + 1,
    "axes.labelsize": TEXT,
    "xtick.labelsize": TEXT,
    "ytick.labelsize": TEXT,
    "legend.fontsize": SMALL,
    "legend.title_fontsize": SMALL,
    "figure.titlesize": TEXT + 1,
    "axes.titlepad": 8,
    "savefig.dpi": 144,
    "figure.constrained_layout.use": True,
}


def use_course_style() -> None:
    """Apply the course's figure sizes to matplotlib, and sharp (retina) inline pictures."""
    import matplotlib as mpl

    mpl.rcParams.update(FIGURE_RC)
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # plain Python: nothing to configure
        return
    if shell is not None and hasattr(shell, "kernel"):
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")
