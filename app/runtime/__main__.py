"""``python -m app.runtime conformance BUNDLE``: run a bundle's conformance cases."""

import sys

from .conformance import main

sys.exit(main())
