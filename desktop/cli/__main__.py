"""``python -m desktop.cli``: the command line alone (``python -m desktop`` also opens the window)."""

import sys

from desktop.cli import main

sys.exit(main())
