"""PyInstaller's entry script: the missive command line; without arguments it opens the
studio window on the demo project (what double-clicking the program should do)."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["studio"]))
