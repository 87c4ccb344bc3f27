"""Asking git about the content folder, with nothing heavy imported (the build cache uses it).

``state`` is what the lock-history check depends on beyond the working files: whether the folder
is in a repository, whether that repository is a shallow clone, every commit that touched a lock
file, and whether the history is declared checked elsewhere. The build cache puts it in its key,
so a stored success is replayed only while the history it was checked against is the same.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..addresses import LOCK_FILE

TIMEOUT = 30  # seconds for each git call: a huge history must not hang the build
MAX_VERSIONS = 5000
ELSEWHERE_VARIABLE = "CCHC_LICH_SU"  # set to ELSEWHERE when a shallow clone's history is checked elsewhere
ELSEWHERE = "noi-khac"


def run(root: Path, *args: str, given: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    return subprocess.run(
        ["git", "-C", str(root), *args],
        input=given,
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )


def checked_elsewhere() -> bool:
    """The build was told the lock's history is checked elsewhere (a shallow clone is then allowed)."""
    return os.environ.get(ELSEWHERE_VARIABLE, "").strip() == ELSEWHERE


def state(content_dir: Path) -> bytes:
    """Everything the history check reads from git, as bytes for a cache key; never raises."""
    parts = [f"{ELSEWHERE_VARIABLE}={os.environ.get(ELSEWHERE_VARIABLE, '')}".encode()]
    try:
        for args in (
            ("rev-parse", "--show-toplevel", "--is-shallow-repository"),
            # every lock file under the folder: the commune's and each merged commune's
            ("log", "--format=%H", f"--max-count={MAX_VERSIONS}", "--", LOCK_FILE, f"*/{LOCK_FILE}"),
        ):
            answer = run(content_dir, *args)
            parts += [str(answer.returncode).encode(), answer.stdout, answer.stderr[:200]]
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        parts.append(f"git:{type(exc).__name__}".encode())
    return b"\0".join(parts)
