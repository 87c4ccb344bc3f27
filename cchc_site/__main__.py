"""``python -m cchc_site``: see ``commands/__init__.py``."""

import sys

from .commands import main

sys.exit(main())
