"""The lock of published values: each report's seal (``seal``), the lock file on disk (``file``)
and its git history (``history``)."""
