"""PyInstaller's entry script: the missive command line (``missive studio`` opens the window)."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
