"""PySide6 6.12.0 drops a reference to None on every Qt call that returns nothing (on
Python 3.11, where None is not immortal): a few thousand calls — a long file highlighted,
a session of typing — and the studio aborts with "deallocating None". pyproject.toml
excludes that release; this keeps it excluded."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCharFormat


def test_qt_calls_that_return_nothing_keep_none_alive() -> None:
    obj = QObject()
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
        fmt.setFontFamilies(["DejaVu Sans"])
    assert sys.getrefcount(None) >= before - 50
