import math

import pytest

from nnutils.logs import py2str, py2str5


@pytest.mark.parametrize(
    "value, text",
    [
        (0.3025, "0.3025"),
        (0.1 + 0.2, "0.3"),  # Python 3 prints 0.30000000000000004
        (1.0, "1.0"),  # Python 2 kept the .0
        (1, "1.0"),
        (0.0, "0.0"),
        (-232452292.6, "-232452292.6"),
        (5.4034068706914e16, "5.40340687069e+16"),
        (2.500000000325e-07, "2.50000000033e-07"),
        (1e16, "1e+16"),  # an exponent needs no .0
        (0.8114, "0.8114"),
    ],
)
def test_py2str_matches_python2(value, text):
    assert py2str(value) == text


def test_py2str_special_values():
    assert py2str(math.nan) == "nan"
    assert py2str(math.inf) == "inf"
    assert py2str(-math.inf) == "-inf"


def test_py2str5_takes_five_characters():
    assert py2str5(0.60123456) == "0.601"
    assert py2str5(1.0) == "1.0"
    assert py2str5(12.3456) == "12.34"


def test_py2str_rejects_non_numbers():
    with pytest.raises((TypeError, ValueError)):
        py2str("abc")
