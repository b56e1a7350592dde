"""`python -m ratify` runs the command line."""

import sys

from ratify.cli import main

sys.exit(main())
