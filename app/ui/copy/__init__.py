"""The Copy view: a template's words as fields, beside another locale, without markup."""

from __future__ import annotations

from .tab import CopyTab
from .view import CopyView

__all__ = ["CopyTab", "CopyView"]
