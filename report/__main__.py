"""`python -m report …` (see :mod:`report.cli`)."""

import sys

from report.cli import main

if __name__ == "__main__":
    sys.exit(main())
