"""One call from content folder to generated pages: what the MkDocs hook (and CLI) run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import TemplateError

from .addresses import CONTENT_DIR
from .cache import Output
from .content.staff_pages import StaffPages
from .core.errors import DataError
from .output.identity import identity
from .output.open_data import DataFile, site_files
from .output.pages import PageSpec, build_pages
from .output.render import render
from .validate import SiteData, load_site


class BuildError(Exception):
    """The site cannot be built; the message is Vietnamese and names file, line and field."""


@dataclass(frozen=True)
class Prepared:
    site: SiteData
    pages: list[PageSpec]
    files: list[DataFile]  # open data, feed, signed originals
    updated: date  # the latest date the data knows of: the site's "last modified" (reproducible)
    notices: list[str]  # summary of warnings, shown without failing the build
    details: list[str]  # one line per warning

    def output(self) -> Output:
        """The result as plain data: what the hooks use, and what the cache keeps."""
        return Output(
            pages=tuple((p.uri, p.markdown, p.in_nav) for p in self.pages),
            files=tuple((f.uri, f.content) for f in self.files),
            dates={p.uri: p.updated for p in self.pages if p.updated},
            updated=self.updated,
            notices=tuple(self.notices),
            details=tuple(self.details),
            identity=identity(self.site.xa),
        )


def prepare(
    content_dir: Path, shown_as: str = CONTENT_DIR, today: date | None = None, staff: StaffPages | None = None
) -> Prepared:
    """Load and check all content, then render every page; nothing is written.

    ``today``: the build's day (default ``runtime.today()``). ``staff``: the staff's pages as MkDocs
    renders them, checked with the data (default: ``trang/`` of the content folder).
    """
    try:
        site = load_site(content_dir, shown_as, today, staff=staff)
    except DataError as exc:
        raise BuildError(exc.format()) from exc
    files = site_files(site)
    try:
        pages = build_pages(site, files)
    except TemplateError as exc:  # a template bug, not a data error: say so plainly
        raise BuildError(f"Lỗi mẫu trang (templates) của phần mềm: {exc}") from exc
    notices = [
        *site.notices,
        *(f"Bản nháp (đã kiểm tra, chưa đăng): {r.model.label} ({r.file})." for r in site.drafts),
    ]
    if site.warnings:
        kinds = Counter(p.message for p in site.warnings)
        summary = "; ".join(f"{count} × {message}" for message, count in kinds.most_common())
        notices.append(
            f"Cảnh báo dữ liệu (không chặn xây dựng): {summary} Xem từng dòng với «mkdocs build -v»."
        )
    details = [p.format().replace("\n", " ") for p in site.warnings]
    return Prepared(site, pages, files, last_modified(site), notices, details)


def last_modified(site: SiteData) -> date:
    """Latest publication, correction, listing or withdrawal: never the clock (a new commune's
    site, with neither report nor procedure yet: the build's day)."""
    days = [
        d for r in site.reports for d in (r.model.ngay_dang_tai, *(c.ngay for c in r.model.cap_nhat)) if d
    ]
    days += [d for t in site.danh_muc.thu_tuc for d in (t.ngay_niem_yet, t.ngay_bai_bo) if d]
    return max(days, default=site.today)


def preview_banner(message: str) -> str:
    """The warning a preview shows on every page while the data has errors (escaped text)."""
    return render(
        "preview_error.md.j2", lines=[line.strip() for line in message.splitlines() if line.strip()]
    )
