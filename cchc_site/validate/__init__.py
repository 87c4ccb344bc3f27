"""Raw YAML documents → validated models, with every rule that spans fields or files.

All problems of all files are collected, then raised once (``DataError``). The modules:
``safety`` (markup refused), ``reports`` (one report, then across reports), ``procedures``
(the list), ``publication`` (signed originals, the lock), ``rules`` (the guide's list of checks),
``site`` (what a successful check returns).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import runtime
from ..addresses import CONTENT_DIR, CUSTOM_FILE, LIST_FILE, STATIC_DIR, XA_FILE
from ..content import staff_pages
from ..content.documents import Document, load_yaml
from ..content.translate import validate_model
from ..core.errors import Problem, Problems
from ..core.models import DanhMuc, Xa
from ..indicators import Catalogue, national
from ..indicators.catalogue import KhaiBaoRieng, extend
from ..lock import history as lock_history
from ..site_data import SiteData
from .files import content_files
from .predecessors import check_declared, load_predecessors
from .procedures import check_list
from .report_set import read_reports, seal_reports
from .reports import check_against_list
from .safety import check_text_safety

__all__ = ["load_site"]


def load_site(
    content_dir: Path,
    shown_as: str = CONTENT_DIR,
    today: date | None = None,
    locking: bool = False,
    static_dir: Path | None = None,
    static_shown: str | None = None,
    markdown: tuple[list[Any], dict[str, Any]] | None = None,
) -> SiteData:
    """Load and check every content file; raise ``DataError`` listing every error.

    ``locking``: published reports missing from the lock file are returned in ``to_lock``
    instead of failing (what ``python -m cchc_site khoa`` does). ``static_dir``: the staff's pages
    (default: ``trang/`` of the content folder), checked too.
    """
    problems = Problems()
    today = today or runtime.today()

    def read(relative: str, model: type[BaseModel]) -> tuple[Document, Any] | None:
        path = content_dir / relative
        name = f"{shown_as}/{relative}"
        if not path.exists() and not path.is_symlink():
            problems.add(Problem(name, None, "", "Thiếu tệp dữ liệu.", expected=f"tệp {name}"))
            return None
        doc = load_yaml(path, name, problems, content_dir)
        if doc is None:
            return None
        check_text_safety(doc, problems)
        return doc, validate_model(doc, model, problems)

    xa = read(XA_FILE, Xa)
    danh_muc = read(LIST_FILE, DanhMuc)
    catalogue = read_catalogue(content_dir, read, problems)
    report_files = content_files(content_dir, shown_as, problems)  # none yet: the site says so
    found = read_reports("", report_files, catalogue, read, problems)
    reports = found.loaded

    if danh_muc and danh_muc[1] is not None:
        check_list(danh_muc[0], danh_muc[1], today, problems)
        for loaded in reports:
            check_against_list(loaded, danh_muc[1], problems)
    sealed = seal_reports(content_dir, shown_as, found, report_files, catalogue, today, locking, problems)
    if xa and xa[1] is not None:
        check_declared(xa[0], xa[1], content_dir, problems)
    merged = load_predecessors(
        content_dir, shown_as, xa[1] if xa else None, catalogue, read, today, locking, problems
    )

    static = static_dir if static_dir is not None else content_dir / STATIC_DIR
    if static.is_dir():
        for problem in staff_pages.check_pages(
            static, static_shown or f"{shown_as}/{STATIC_DIR}", markdown or staff_pages.MARKDOWN
        ):
            problems.add(problem)
    problems.raise_if_errors()
    assert xa and danh_muc  # no errors means both loaded
    built = sealed.built
    return SiteData(
        xa=xa[1],
        danh_muc=danh_muc[1],
        catalogue=catalogue,
        warnings=problems.warnings,
        reports=[r for r in built if r.model.ngay_dang_tai is not None],
        drafts=[r for r in built if r.model.ngay_dang_tai is None],
        to_lock=sealed.to_lock,
        today=today,
        notices=list(
            dict.fromkeys(n for n in (lock_history.notice(sealed.history), *(p.notice for p in merged)) if n)
        ),
        predecessors=merged,
    )


def read_catalogue(content_dir: Path, read, problems: Problems) -> Catalogue:
    """The national catalogue, plus the commune's own indicators when it declares some."""
    catalogue = national()
    if (content_dir / CUSTOM_FILE).is_file():
        declared = read(CUSTOM_FILE, KhaiBaoRieng)
        if declared and declared[1] is not None:
            catalogue = extend(catalogue, declared[0], declared[1], problems)
    return catalogue
