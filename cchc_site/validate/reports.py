"""Rules of one report: its period and file name, its data window, numbering, cited documents,
its figures (``indicators.checks``); then the rules across reports and against the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from .. import text
from ..addresses import LIST_FILE
from ..content.documents import Document, Loc
from ..content.translate import one_of
from ..core import periods
from ..core.errors import Problems
from ..core.models import ABSENT_PARTS, PERIOD_FIELDS, REQUIRED_UNLESS_ABSENT, ROMAN, BaoCao, DanhMuc
from ..core.rules import LATE_DAYS
from ..indicators import Catalogue, Rate
from ..indicators.checks import (
    ChangeResult,
    check_change,
    check_figures,
    check_mentions,
    check_scopes,
    shown_change,
)
from ..indicators.figures import FigureSet, read_section
from ..indicators.values import RateTable
from .near_miss import intended_period, shown


@dataclass(frozen=True)
class Loaded:
    """A report read and checked on its own, before the checks that need every file."""

    doc: Document
    model: BaoCao
    figures: FigureSet
    rates: tuple[Rate, ...] = ()


def errors_of(doc: Document, problems: Problems):
    """``err(loc, message, found, expected, hint, near=…)``, as the figure checks report: a problem of
    ``doc`` added to ``problems`` (``near``: text on the line to name)."""

    def err(
        loc: Loc, message: str, found: Any = None, expected: Any = None, hint: str | None = None, near=None
    ):
        problems.add(doc.problem(loc, message, found, expected, hint, near=near))

    return err


def check_report(
    doc: Document,
    report: BaoCao,
    figures: FigureSet,
    catalogue: Catalogue,
    problems: Problems,
    figures_read: bool = True,
) -> RateTable:
    """Rules inside one report: period, dates, numbering, cited documents, figures against the text.

    When some figure could not be read (``figures_read`` false), the rules that combine figures
    are left for the next check: they would only repeat that error.
    """
    err = errors_of(doc, problems)
    if not _check_period(doc, report, err):
        return RateTable()  # a report whose period is unclear: its dates cannot be judged yet
    _check_window(report, err)
    _check_numbering(report, err)
    _check_absent_parts(report, err)
    limit = report.ngay_ban_hanh or report.ky.end
    for index, van_ban in enumerate(report.can_cu):
        if van_ban.ngay > limit:
            err(
                ("can_cu", index, "ngay"),
                "Văn bản căn cứ có ngày sau ngày lập báo cáo.",
                text.format_date(van_ban.ngay),
                f"trước {text.format_date(limit)}",
            )
    check_mentions(report.can_cu, " ".join(report.mo_dau), ("can_cu",), "phần mở đầu", err)
    if not figures_read:
        check_scopes(report, figures, err)
        return RateTable()
    return check_figures(report, figures, catalogue, err)


def check_unread_report(doc: Document, catalogue: Catalogue, problems: Problems) -> None:
    """A report whose other fields do not read yet: its figures and the dates of their scopes are
    still checked, so that the first check of a new report lists every blank at once."""
    data = doc.data
    parts = data.get("phan") if isinstance(data, dict) else None
    if not isinstance(parts, list):
        return
    found = FigureSet()
    section = 0
    for i, phan in enumerate(parts):
        sections = phan.get("muc") if isinstance(phan, dict) else None
        for j, muc in enumerate(sections if isinstance(sections, list) else []):
            if isinstance(muc, dict) and isinstance(muc.get("so_lieu"), dict):
                loc = ("phan", i, "muc", j, "so_lieu")
                read_section(doc, muc["so_lieu"], loc, catalogue, problems, section, found)
            section += 1
    ky = periods.parse(doc.path.stem)
    check_scopes(None, found, errors_of(doc, problems), ky.default_window()[1] if ky else None)


def _check_period(doc: Document, report: BaoCao, err) -> bool:
    """The kind of period and its fields agree, and the file is named after the period."""
    kinds = one_of(periods.PERIOD_KINDS, shorten=False)
    numbered = {k.number_field: k for k in periods.PERIOD_KINDS.values() if k.number_field}
    number_fields = [name for name in PERIOD_FIELDS if name in numbered]
    written = [name for name in number_fields if report.period_value(name) is not None]
    if report.loai_ky is None and len(written) > 1:
        err(
            (written[-1],),
            "Báo cáo ghi cả " + " và ".join(f"«{name}»" for name in written) + ".",
            ", ".join(f"{name}: {report.period_value(name)}" for name in written),
            ", ".join(f"báo cáo {numbered[name].name} ghi «{name}»" for name in number_fields),
        )
        return False
    if report.loai_ky is None and not written:
        err(
            ("nam",),
            "Chưa rõ loại kỳ của báo cáo.",
            "không có «loai_ky», " + " hay ".join(f"«{name}»" for name in number_fields),
            f"«loai_ky»: {kinds}; hoặc "
            + ", ".join(f"«{name}» (báo cáo {numbered[name].name})" for name in number_fields),
            "Tên tệp theo kỳ: " + periods.kinds_help() + ".",
        )
        return False
    kind = periods.PERIOD_KINDS[report.kind]
    needed = kind.number_field or (periods.LAST_YEAR_FIELD if kind.span == "years" else None)
    ok = True
    for name in PERIOD_FIELDS:
        value = report.period_value(name)
        if needed == name and value is None:
            err(
                ("loai_ky",) if report.loai_ky else ("nam",),
                f"Báo cáo {kind.name} cần «{name}».",
                "không có",
                f"«{name}», VD: {kind.example}",
            )
            ok = False
        elif needed != name and value is not None:
            err(
                (name,),
                f"Báo cáo {kind.name} không ghi «{name}».",
                f"{name}: {value}",
                f"bỏ «{name}», hoặc sửa «loai_ky»",
            )
            ok = False
    last = report.period_value(periods.LAST_YEAR_FIELD)
    if kind.span == "years" and last is not None and last <= report.nam:
        err(
            (periods.LAST_YEAR_FIELD,),
            f"Năm cuối của {kind.name} phải sau năm đầu.",
            last,
            f"sau {report.nam}",
        )
        ok = False
    if not ok:
        return False
    named = periods.parse(doc.path.stem)
    if named is None:
        err(
            ("nam",),
            "Tên tệp báo cáo không đúng dạng của một kỳ báo cáo.",
            shown(doc.path.name),
            f"{report.slug}.yaml",
            _rename_hint(doc.path.name, report.slug, report.label),
        )
    elif named != report.ky:
        err(
            ("loai_ky",) if report.loai_ky else ("nam",),
            "Tên tệp không khớp với kỳ của báo cáo.",
            doc.path.name,
            f"{report.slug}.yaml ({report.label})",
            "Đổi tên tệp, hoặc sửa «nam», "
            + ", ".join(f"«{name}»" for name in number_fields)
            + ", «loai_ky».",
        )
    return True


def _rename_hint(name: str, slug: str, label: str) -> str:
    """Rename to the period the text names; say so when the name looks like another period."""
    intended = intended_period(name)
    if intended is None or intended == slug:
        return f"Đổi tên tệp «{shown(name)}» thành «{slug}.yaml». Tên tệp theo kỳ: {periods.kinds_help()}."
    return (
        f"Tên tệp giống kỳ {intended} nhưng nội dung ghi {label}: kiểm tra đây là báo cáo nào, rồi đổi tên "
        f"tệp thành «{slug}.yaml» hoặc sửa kỳ trong tệp."
    )


def _check_absent_parts(report: BaoCao, err) -> None:
    """Each part of a report is either written as its source has it or recorded as absent from the
    source (``khong_co``), never both, never silently missing: the page says what the source lacks."""
    for part, label in ABSENT_PARTS.items():
        value = report.nam if part == "nam" else getattr(report, part)
        given = bool(value) if part != "nam" else True
        required = part in REQUIRED_UNLESS_ABSENT
        if report.lacks(part) and part != "nam" and given:
            err(
                (part,),
                f"«{part}» vừa được ghi vừa được khai là văn bản nguồn không có («khong_co»).",
                "có cả hai",
                "một trong hai",
                f"Bỏ «{part}» khỏi «khong_co» nếu văn bản nguồn có {label}; nếu không, xóa «{part}».",
            )
        elif required and not given and not report.lacks(part):
            err(
                (part,),
                f"Thiếu {label}.",
                "(trống)",
                f"{label} như văn bản nguồn",
                f"Chép {label} từ văn bản nguồn. Nếu văn bản nguồn không có, ghi «khong_co: [{part}]»: "
                "trang sẽ ghi rõ là văn bản không có, không bao giờ điền thay.",
            )
    if report.lacks("nam") and not report.ghi_chu_nguon:
        err(
            ("khong_co",),
            "Văn bản không ghi năm: cần ghi năm được xác định từ đâu.",
            "«ghi_chu_nguon» trống",
            "«ghi_chu_nguon» nói năm lấy từ đâu",
            "VD: ghi_chu_nguon: Tin không ghi năm; năm 2023 theo ngày đăng tin trên cổng thông tin của xã.",
        )


def _check_window(report: BaoCao, err) -> None:
    window, ky = report.window, report.ky
    if window.tu_ngay >= window.den_ngay:  # the dates of scopes and documents are not judged against it
        start, end = ky.default_window()
        err(
            ("ky_bao_cao", "tu_ngay"),
            "Kỳ số liệu: ngày bắt đầu phải trước ngày kết thúc.",
            f"{text.format_date(window.tu_ngay)} – {text.format_date(window.den_ngay)}",
            f"ngày bắt đầu trước ngày kết thúc, VD: tu_ngay: {start.isoformat()}, den_ngay: {end.isoformat()}",
            "Có lẽ hai ngày bị đổi chỗ cho nhau. Ngày trong phạm vi của số liệu và văn bản được kiểm tra "
            "sau khi kỳ số liệu đúng.",
        )
        return
    if not ky.start <= window.den_ngay <= ky.end:
        err(
            ("ky_bao_cao", "den_ngay"),
            f"Ngày kết thúc kỳ số liệu nằm ngoài {report.label}.",
            text.format_date(window.den_ngay),
            f"từ {text.format_date(ky.start)} đến {text.format_date(ky.end)}",
        )
    days = periods.window_days(window.tu_ngay, window.den_ngay)
    if days > ky.max_days:
        err(
            ("ky_bao_cao", "tu_ngay"),
            f"Kỳ số liệu dài hơn một kỳ báo cáo {ky.kind.name}.",
            f"{text.format_date(window.tu_ngay)} – {text.format_date(window.den_ngay)} ({days} ngày)",
            f"tối đa {ky.max_days} ngày",
            "Mặc định: "
            + " – ".join(text.format_date(d) for d in ky.default_window())
            + " (Nghị định 09/2019/NĐ-CP).",
        )
    latest = ky.end + timedelta(days=LATE_DAYS)
    if report.ngay_ban_hanh and not window.den_ngay <= report.ngay_ban_hanh <= latest:
        err(
            ("ngay_ban_hanh",),
            f"Ngày ban hành không thuộc thời gian lập báo cáo {report.label}.",
            text.format_date(report.ngay_ban_hanh),
            f"từ {text.format_date(window.den_ngay)} đến {text.format_date(latest)}",
        )


def _check_numbering(report: BaoCao, err) -> None:
    parts: list[tuple[Loc, str]] = [(("phan", i), p.so) for i, p in enumerate(report.phan)]
    if report.danh_gia_chung is not None:
        parts.append((("danh_gia_chung",), report.danh_gia_chung.so))
    if report.phuong_huong is not None:
        parts.append((("phuong_huong",), report.phuong_huong.so))
    for position, (loc, number) in enumerate(parts):
        expected = ROMAN[position] if position < len(ROMAN) else str(position + 1)
        if number != expected:
            err((*loc, "so"), "Số thứ tự phần không liên tục.", number, expected)
    for i, phan in enumerate(report.phan):
        for j, muc in enumerate(phan.muc):
            if muc.so != j + 1:
                err(("phan", i, "muc", j, "so"), "Số thứ tự mục không liên tục.", muc.so, j + 1)


def check_unique_periods(reports: list[Loaded], problems: Problems) -> None:
    seen: dict[str, str] = {}
    for loaded in reports:
        slug = loaded.model.slug
        if slug in seen:
            problems.add(
                loaded.doc.problem(
                    ("nam",),
                    f"Hai tệp cùng báo cáo {loaded.model.label}.",
                    f"{seen[slug]} và {loaded.doc.name}",
                    "mỗi kỳ một tệp",
                )
            )
        seen[slug] = loaded.doc.name


def check_against_list(loaded: Loaded, danh_muc: DanhMuc, problems: Problems) -> None:
    """Procedure counts (indicators with ``danh_muc``) equal the list as it stood on the figures' date."""
    report = loaded.model
    for figure in loaded.figures.figures:
        which = figure.indicator.danh_muc
        if which is None or figure.breakdown.label:
            continue
        scope = figure.scope
        day = (
            scope.ngay
            if scope is not None and scope.loai == "tinh_den" and scope.ngay
            else report.window.den_ngay
        )
        listed = [t for t in danh_muc.thu_tuc if t.active_on(day) and (which == "tat_ca" or t.nhom == which)]
        if len(listed) != figure.value:
            problems.add(
                loaded.doc.problem(
                    figure.loc,
                    f"Số thủ tục trong báo cáo khác danh mục thủ tục ngày {text.format_date(day)}.",
                    f"báo cáo ghi {figure.value}",
                    f"danh mục có {len(listed)} ({LIST_FILE})",
                    "Kiểm tra ngày niêm yết/bãi bỏ trong danh mục hoặc số liệu báo cáo.",
                )
            )


def check_changes(
    reports: list[Loaded], catalogue: Catalogue, problems: Problems
) -> dict[str, list[ChangeResult]]:
    """Stated changes against the period they name, when the site has that period's report."""
    tables = {r.model.slug: (r.model, r.figures, RateTable(list(r.rates))) for r in reports}
    published = {r.model.slug for r in reports if r.model.ngay_dang_tai is not None}
    results: dict[str, list[ChangeResult]] = {}
    for loaded in reports:
        for change in loaded.figures.stated_changes:
            ky = loaded.model.ky
            other = ky.previous() if change.against == "ky_truoc" else ky.year_before()
            before = tables.get(other.slug) if other.slug in published else None
            result = check_change(change, tables[loaded.model.slug], before, other.label, catalogue)
            results.setdefault(loaded.model.slug, []).append(result)
            if result.matches is False:
                errors_of(loaded.doc, problems)(
                    (*change.loc, "gia_tri"),
                    f"Thay đổi văn bản nêu khác thay đổi tính từ báo cáo {other.label}.",
                    change.written,
                    f"{shown_change(result)} ({change.label})",
                    "Kiểm tra số liệu của hai kỳ, «don_vi» (phan_tram: % so với kỳ trước; diem_phan_tram: hiệu "
                    "hai tỷ lệ) và «so_voi» (ky_truoc hoặc cung_ky).",
                )
    return results
