"""Missive Studio: author, preview, check and export operational messages."""

__version__ = "0.1.0"
__all__ = ["__version__"]
