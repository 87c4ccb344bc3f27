"""``python -m cchc_site``: see ``cli.py``."""

import sys

from .cli import main

sys.exit(main())
