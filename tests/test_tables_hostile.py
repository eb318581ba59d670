"""Hostile and unusual tables: limits, zip bombs, formulas, mixed encodings, stray quotes.

Each test is a reproduction from issue 9 that once hung, crashed or lost data
without a word; small inputs stand in for big ones where growth is what matters.
"""

from __future__ import annotations

import pytest

from graphmodel.errors import GraphmodelError
from graphmodel.read.tables import DEFAULT_LIMITS, Limits

# Limits


def test_limits_are_read_from_name_value_settings_as_the_cli_gives_them():
    limits = Limits.parse(["rows=200000", "cell-length=100000", "xlsx-unpacked=2000", "file-size=80",
                           "columns=5000"])
    assert limits == Limits(file_size_mb=80, rows=200_000, columns=5_000, cell_length=100_000,
                            xlsx_unpacked_mb=2_000)
    assert Limits.parse([]) == DEFAULT_LIMITS


@pytest.mark.parametrize("setting, shown", [
    ("rows", "--limit 'rows': expected NAME=VALUE with NAME one of file-size, rows, columns, "
             "cell-length, xlsx-unpacked (for example --limit rows=200000)."),
    ("lines=5", "--limit 'lines=5': expected NAME=VALUE with NAME one of file-size, rows, columns, "
                "cell-length, xlsx-unpacked (for example --limit rows=200000)."),
    ("rows=0", "--limit 'rows=0': the value must be a whole number above 0 "
               "(for example --limit rows=200000)."),
    ("cell-length=many", "--limit 'cell-length=many': the value must be a whole number above 0 "
                         "(for example --limit cell-length=65534)."),
])
def test_a_bad_limit_setting_names_the_item_and_the_valid_names(setting, shown):
    with pytest.raises(GraphmodelError) as caught:
        Limits.parse([setting])
    assert str(caught.value) == shown
