"""The ``missive`` command line: thin commands over :mod:`app.core`."""
