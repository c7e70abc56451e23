"""The runtime's exceptions (all are the core's MissiveError, so ``str()`` is one line).

    BundleError   InputError    the bundle can't be used: unsafe archive, bad manifest,
                                checksum mismatch, a template that escapes the sandbox
    DataError     InputError    the data does not match the template's variables
    RenderError   ContentError  rendering failed (an undefined name, a bad value)
"""

from __future__ import annotations

from ..kernel.errors import ContentError, InputError


class BundleError(InputError):
    """The bundle is unsafe, damaged or not a Missive bundle; nothing was rendered."""


class DataError(InputError):
    """The customer data does not match the template's variables."""


class RenderError(ContentError):
    """The template could not be rendered with this data."""
