"""The Copy view: a template's words as fields, beside another locale, without markup."""

from __future__ import annotations

from .view import CopyView

__all__ = ["CopyView"]
