"""Where a new project's ``requirements.txt`` installs cchc-site from (``init --goi``).

cchc-site is not on PyPI, so a bare ``cchc-site`` line cannot be installed. Three ways that can:

- nothing given: the running package is packed into the project as
  ``vendor/cchc_site-<version>-py3-none-any.whl`` (no network, works the same on the clerk's
  machine and on CI) and installed by the relative line ``./vendor/…whl``;
- a wheel file: copied into ``vendor/`` the same way;
- an address pip fetches: ``cchc-site @ git+https://…@v0.1.0`` (or the bare ``git+https://…``).

pip reads a relative path in a requirements file from the current folder: every install is run
from the project's own folder (README, CI).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .wheel import DISTRIBUTION, build_wheel

VENDOR = "vendor"
_REMOTE = ("git+", "https://", "http://", "file://")
_DIRECT = re.compile(r"cchc[-_]site\s*@\s*(\S+)", re.IGNORECASE)
_WHEEL_NAME = re.compile(r"cchc_site-[0-9][^-/\\]*-py3-none-any\.whl")
EXAMPLE = "cchc-site @ git+https://github.com/<tổ-chức>/cchc-site@v0.1.0"


class SourceError(Exception):
    """A ``--goi`` pip cannot install; the message is Vietnamese and says what to write."""


@dataclass(frozen=True)
class Source:
    """How the project gets cchc-site: a line pip reads, or a wheel to put into ``vendor/``."""

    line: str = ""  # an address pip fetches ("" when a wheel is vendored)
    wheel: Path | None = None  # a wheel file to copy; None with no line: pack the running package

    def write_into(self, project: Path) -> tuple[str, list[str]]:
        """Put any wheel into ``project/vendor/``; the requirements line and the files written."""
        if self.line:
            return self.line, []
        folder = project / VENDOR
        if self.wheel is None:
            written = build_wheel(folder)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            written = Path(shutil.copyfile(self.wheel, folder / self.wheel.name))
        relative = f"{VENDOR}/{written.name}"
        return f"./{relative}", [relative]


def parse_source(spec: str | None) -> Source:
    """The ``--goi`` value as a ``Source``, or ``SourceError``."""
    if spec is None:
        return Source()
    value = spec.strip()
    if not value or any(ord(c) < 32 for c in value):
        raise SourceError(f'--goi trống hoặc có ký tự xuống dòng: ghi một dòng, VD --goi "{EXAMPLE}".')
    if direct := _DIRECT.fullmatch(value):
        return Source(line=f"{DISTRIBUTION} @ {direct.group(1)}")
    if value.startswith(_REMOTE):
        return Source(line=f"{DISTRIBUTION} @ {value}")
    if value.endswith(".whl"):
        wheel = Path(value)
        if not _WHEEL_NAME.fullmatch(wheel.name):
            raise SourceError(
                f"«{wheel.name}» không phải tên tệp gói cchc-site (cần cchc_site-<phiên bản>-py3-none-any.whl)."
            )
        if not wheel.is_file():
            raise SourceError(f"Không có tệp «{value}»: ghi đường dẫn tới tệp .whl của cchc-site.")
        return Source(wheel=wheel)
    raise SourceError(
        f"pip không cài được cchc-site từ «{value}» (cchc-site không có trên PyPI). Ghi địa chỉ git có "
        f'thẻ phiên bản, VD --goi "{EXAMPLE}", hoặc đường dẫn tệp cchc_site-….whl; bỏ --goi để chép '
        f"gói đang chạy vào {VENDOR}/ của dự án."
    )
