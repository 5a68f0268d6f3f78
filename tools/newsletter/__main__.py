"""`python -m tools.newsletter build|send|screenshots` (see cli.py)."""

import sys

from tools.newsletter.cli import main

sys.exit(main())
