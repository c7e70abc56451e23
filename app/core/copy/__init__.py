"""The copy model: every customer-visible text of a template as blocks a copywriter edits.

See docs/project-format.md ("The copy model") and /work/notes/copy-model-api.md.
"""

from .deck import build_deck
from .model import Block, CopyDeck, CopyEdit, CopyError, Run
from .runs import Insertable, insertable_placeholders, placeholder_for, runs_to_text
from .write import edit_block, write_block

__all__ = ["Block", "CopyDeck", "CopyEdit", "CopyError", "Insertable", "Run",
           "build_deck", "edit_block", "insertable_placeholders", "placeholder_for",
           "runs_to_text", "write_block"]
