"""Process-level settings for the short-lived build and check commands."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while the data is read, checked and rendered.

    That work allocates many small objects (models, pages); each collection it triggers walks every
    object the process holds, MkDocs' included: about a fifth of our build time, for garbage that
    plain reference counting frees anyway. The collector resumes afterwards, without walking what
    was alive by then again (``gc.freeze``: a build process lives for seconds).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what is alive now (MkDocs' config, our templates) stays: later collections skip it
        if enabled:
            gc.enable()


def today() -> date:
    """The build's day, from the clock (never ``SOURCE_DATE_EPOCH``, which dates the sources).

    It decides which procedures are listed now (a listing dated later is shown as coming) and
    until when a publication or correction may be dated. Part of the cache key.
    """
    return date.today()
