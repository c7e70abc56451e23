"""The headless core of Missive Studio: project model, rendering, channels, locale formatting.

Nothing here imports Qt; the CLI, the studio and the tests all drive these modules.
Import the submodules you need: this package's ``__init__`` stays light so that the
runtime can use the Jinja/Babel parts without pulling in MJML or premailer.
"""
