"""The editors: a code editor with line numbers, highlighting, find/replace, completion
and right-to-left lines; pages that tie an editor to a file; and the tabbed area."""

from __future__ import annotations

from .area import EditorArea
from .code_editor import CodeEditor
from .page import EditorPage

__all__ = ["CodeEditor", "EditorArea", "EditorPage"]
