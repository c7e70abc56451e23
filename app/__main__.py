"""``python -m app``: the missive command line."""

import sys

from .cli.main import main

sys.exit(main())
