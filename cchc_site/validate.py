"""Raw YAML documents → validated models, with every rule that spans fields or files.

All problems of all files are collected, then raised once (``DataError``).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import lock, text
from .errors import Problem, Problems
from .load import Document, Loc, dotted, load_yaml
from .models import ROMAN, BaoCao, Block, DanhMuc, SoLieu, ThuTuc, Xa, unwrap

XA_FILE = "xa.yaml"
LIST_FILE = "thu-tuc.yaml"
REPORT_DIR = "bao-cao"
ORIGINALS_DIR = "bao-cao/ban-goc"
MAX_ORIGINAL_BYTES = 30_000_000


@dataclass(frozen=True)
class Original:
    """The signed original (PDF scan) attached to a report."""

    path: Path
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Report:
    """A validated report, the file it came from, and what publication recorded of it."""

    model: BaoCao
    file: str
    original: Original | None = None
    seal: str | None = None  # fingerprint of all values when published (from the lock)
    current_seal: str | None = None  # the same over today's values (differs after corrections)


@dataclass(frozen=True)
class SiteData:
    """Everything the site is built from, checked."""

    xa: Xa
    danh_muc: DanhMuc
    reports: list[Report]  # published, oldest first
    warnings: list[Problem] = field(default_factory=list)
    drafts: list[Report] = field(default_factory=list)  # checked, not published
    to_lock: dict[str, dict[str, Any]] = field(default_factory=dict)  # published, not yet locked

    def procedures_at(self, day: date) -> list[ThuTuc]:
        """The list as it stood on ``day``: listed on or before it, not yet withdrawn."""
        return [t for t in self.danh_muc.thu_tuc if active_on(t, day)]


def active_on(thu_tuc: ThuTuc, day: date) -> bool:
    return thu_tuc.ngay_niem_yet <= day and (thu_tuc.ngay_bai_bo is None or thu_tuc.ngay_bai_bo > day)


def load_site(content_dir: Path, shown_as: str = "content", today: date | None = None,
              locking: bool = False) -> SiteData:
    """Load and check every content file; raise ``DataError`` listing every error.

    ``locking``: published reports missing from the lock file are returned in ``to_lock``
    instead of failing (what ``python -m cchc_site khoa`` does).
    """
    problems = Problems()

    def read(relative: str, model: type[BaseModel]) -> tuple[Document, Any] | None:
        path = content_dir / relative
        name = f"{shown_as}/{relative}"
        if not path.is_file():
            problems.add(Problem(name, None, "", "Thiếu tệp dữ liệu.", expected=f"tệp {name}"))
            return None
        doc = load_yaml(path, name, problems)
        if doc is None:
            return None
        check_text_safety(doc, problems)
        return doc, validate_model(doc, model, problems)

    xa = read(XA_FILE, Xa)
    danh_muc = read(LIST_FILE, DanhMuc)
    report_files = sorted((content_dir / REPORT_DIR).glob("*.yaml")) if (content_dir / REPORT_DIR).is_dir() else []
    if not report_files:
        problems.add(Problem(f"{shown_as}/{REPORT_DIR}", None, "", "Chưa có báo cáo nào.",
                             expected="ít nhất một tệp báo cáo, VD: bao-cao/2022-q3.yaml"))
    reports: list[tuple[Document, BaoCao]] = []
    for path in report_files:
        loaded = read(f"{REPORT_DIR}/{path.name}", BaoCao)
        if loaded and loaded[1] is not None:
            reports.append(loaded)
            check_report(loaded[0], loaded[1], problems)

    if danh_muc and danh_muc[1] is not None:
        check_list(danh_muc[0], danh_muc[1], problems)
        for doc, report in reports:
            check_report_against_list(doc, report, danh_muc[1], problems)
    check_unique_quarters(reports, problems)
    originals = {report.slug: check_original(content_dir, shown_as, doc, report, problems)
                 for doc, report in reports}
    locked = read_lock(content_dir, shown_as, problems)
    seals, to_lock = check_published(reports, {p.stem for p in report_files}, originals, locked, shown_as,
                                     today or date.today(), locking, problems)

    problems.raise_if_errors()
    assert xa and danh_muc  # no errors means both loaded
    ordered = sorted(reports, key=lambda r: (r[1].nam, r[1].quy))
    built = [Report(m, d.name, originals[m.slug], *seals.get(m.slug, (None, None))) for d, m in ordered]
    return SiteData(xa=xa[1], danh_muc=danh_muc[1], warnings=problems.warnings,
                    reports=[r for r in built if r.model.ngay_dang_tai is not None],
                    drafts=[r for r in built if r.model.ngay_dang_tai is None], to_lock=to_lock)


# --- text that could become markup ------------------------------------------------------------

# Every value is escaped when rendered; these are refused anyway, so that what a clerk pasted from
# a web page or an e-mail (tags, script links, Markdown links) is seen and removed, not published.
_UNSAFE = (
    (re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?\s*>|<!--|<!\w|<\?"), "thẻ HTML"),
    (re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:"), "liên kết trong dấu < >"),
    (re.compile(r"\b(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE), "liên kết javascript:, data: hoặc file:"),
    (re.compile(r"\]\s*\(|!\["), "cú pháp liên kết, hình ảnh của Markdown"),
    (re.compile(r"\{\s*:"), "cú pháp thuộc tính «{:» của Markdown"),
    (re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]{2,8});"), "mã ký tự HTML (&...;)"),
)


def check_text_safety(doc: Document, problems: Problems) -> None:
    """Refuse text carrying markup or script links, wherever it is in the file."""
    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, str):
            for pattern, what in _UNSAFE:
                if match := pattern.search(value):
                    start = max(0, match.start() - 20)
                    problems.add(Problem(doc.name, doc.line(loc), dotted(loc), f"Văn bản chứa {what}.",
                                         found=f"«…{value[start:match.end() + 20]}…»",
                                         expected="văn bản thường, không chèn mã",
                                         hint="Trang tự trình bày văn bản: xóa phần mã (thường dính vào khi chép "
                                              "từ trang web hay thư điện tử). Dấu < > viết thành «nhỏ hơn», «lớn hơn»."))
                    break

    walk(doc.data, ())


# --- types, required and unknown fields ------------------------------------------------------

def validate_model(doc: Document, model: type[BaseModel], problems: Problems) -> Any:
    """Validate a document against its model; translate every pydantic error to Vietnamese."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problems.add(translate_error(doc, model, error))
        return None


def translate_error(doc: Document, model: type[BaseModel], error: dict[str, Any]) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    found = _show(value, doc.raw.get(loc))
    parent_model, info = _field_at(model, loc)
    label = f" ({info.title})" if info is not None and info.title else ""
    expected = info.description if info is not None else None
    hint = None
    key = loc[-1] if loc else ""

    if kind == "missing":
        message, found = f"Thiếu trường bắt buộc «{key}»{label}.", "không có"
        expected = expected or "trường này phải có"
    elif kind == "extra_forbidden":
        allowed = list(parent_model.model_fields) if parent_model else []
        message, found = f"Trường lạ «{key}».", str(key)
        expected = "một trong: " + ", ".join(allowed)
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        if str(key).startswith("ty_le"):
            hint = "Tỷ lệ được tính tự động từ các số liệu, không nhập tay."
        elif close:
            hint = f"Có phải ý bạn là «{close[0]}»?"
    elif kind == "ma_khong_nhay":
        message = "Mã thủ tục viết không có dấu nháy nên YAML đọc thành số (mất chữ số 0 ở cuối)."
        expected = 'mã trong dấu nháy kép, VD: ma: "2.000810"'
        hint = f'Viết ma: "{doc.raw.get(loc, value)}"'
    elif kind == "ma_sai_dang":
        message, expected = "Mã thủ tục sai định dạng.", 'dạng "1.001193" (một chữ số, dấu chấm, sáu chữ số)'
    elif kind in ("ngay", "date_type", "date_parsing", "ngay_khong_ton_tai"):
        message = "Ngày không tồn tại." if kind == "ngay_khong_ton_tai" else "Cần một ngày."
        expected = "ngày dạng 2022-09-30 hoặc 30/9/2022"
    elif kind in ("int_type", "int_parsing", "int_from_float", "so_lieu"):
        message, expected = f"Cần một số nguyên{label}.", "số nguyên, VD: 16 hoặc 05"
        if kind == "so_lieu":
            expected += ", hoặc nhóm «gia_tri: …» kèm «pham_vi»/«xap_xi»"
        if isinstance(value, float):
            hint = "Số viết có dấu chấm bị đọc là số thập phân; bỏ dấu chấm ngăn cách hàng nghìn."
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        message, expected = f"Giá trị ngoài giới hạn{label}.", f"số {sign} {bound}"
    elif kind == "string_type":
        message, expected = f"Cần văn bản{label}.", expected or "văn bản"
        if isinstance(value, (int, float, bool)):
            hint = "Đặt giá trị trong dấu nháy kép nếu muốn giữ nguyên như văn bản."
    elif kind == "string_too_short":
        message, expected = f"Không được để trống{label}.", "văn bản không rỗng"
    elif kind == "too_short":
        message, expected = f"Danh sách quá ngắn{label}.", f"ít nhất {ctx.get('min_length')} mục"
    elif kind == "string_pattern_mismatch":
        message, expected = f"Sai định dạng{label}.", expected or f"khớp mẫu {ctx.get('pattern')}"
    elif kind == "literal_error":
        message, expected = f"Giá trị không được phép{label}.", f"một trong: {ctx.get('expected')}"
    elif kind == "bool_type":
        message, expected = f"Cần true hoặc false{label}.", "true hoặc false"
    elif kind == "list_type":
        message, expected = f"Cần một danh sách{label}.", "các dòng bắt đầu bằng «- »"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message, expected = f"Cần một nhóm trường{label}.", "các dòng dạng «tên_trường: giá trị»"
    else:
        message = f"Giá trị không hợp lệ{label} ({kind})."
    return Problem(doc.name, doc.line(loc), dotted(loc), message, found, expected, hint)


def _show(value: Any, raw: str | None) -> str:
    if raw is not None:
        return raw
    if value is None:
        return "để trống"
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, str):
        return f"«{value[:80]}»"
    return str(value)


def _field_at(model: type[BaseModel], loc: Loc):
    """The model that owns the last key of ``loc`` and that key's FieldInfo, if known."""
    current: Any = model
    owner, info = None, None
    for part in loc:
        current = unwrap(current)[0]
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return owner, None
        owner = current
        info = current.model_fields.get(part)
        if info is None:
            return owner, None
        current = info.annotation
    return owner, info


# --- report rules ---------------------------------------------------------------------------

def check_report(doc: Document, report: BaoCao, problems: Problems) -> None:
    """Rules inside one report: names, dates, numbering, sums and figures against the text."""
    def err(loc: Loc, message: str, found: Any = None, expected: Any = None, hint: str | None = None) -> None:
        problems.add(Problem(doc.name, doc.line(loc), dotted(loc), message,
                             None if found is None else str(found),
                             None if expected is None else str(expected), hint))

    if doc.path.stem != report.slug:
        err(("nam",), "Tên tệp không khớp với năm và quý của báo cáo.", found=doc.path.name,
            expected=f"{report.slug}.yaml", hint="Đổi tên tệp hoặc sửa «nam»/«quy».")

    period = report.period
    if period.tu_ngay >= period.den_ngay:
        err(("ky_bao_cao", "tu_ngay"), "Kỳ báo cáo: ngày bắt đầu phải trước ngày kết thúc.",
            found=f"{text.format_date(period.tu_ngay)} – {text.format_date(period.den_ngay)}")
    if not report.quarter_start <= period.den_ngay <= report.quarter_end:
        err(("ky_bao_cao", "den_ngay"), f"Ngày kết thúc kỳ báo cáo nằm ngoài {report.label}.",
            found=text.format_date(period.den_ngay),
            expected=f"từ {text.format_date(report.quarter_start)} đến {text.format_date(report.quarter_end)}")
    latest = report.quarter_end + timedelta(days=45)
    if report.ngay_ban_hanh and not period.den_ngay <= report.ngay_ban_hanh <= latest:
        err(("ngay_ban_hanh",), "Ngày ban hành không thuộc thời gian lập báo cáo của quý.",
            found=text.format_date(report.ngay_ban_hanh),
            expected=f"từ {text.format_date(period.den_ngay)} đến {text.format_date(latest)}")

    _check_numbering(report, err)
    window = (period.tu_ngay, report.ngay_ban_hanh or report.quarter_end)
    for index, van_ban in enumerate(report.can_cu):
        if van_ban.ngay > window[1]:
            err(("can_cu", index, "ngay"), "Văn bản căn cứ có ngày sau ngày lập báo cáo.",
                found=text.format_date(van_ban.ngay), expected=f"trước {text.format_date(window[1])}")
    _check_mentions(report.can_cu, " ".join(report.mo_dau), ("can_cu",), "phần mở đầu", err)

    seen: dict[str, Loc] = {}
    for loc, muc in report.sections():
        if muc.so_lieu is None:
            continue
        prose = " ".join([muc.tieu_de, *muc.doan_van])
        for name, block in muc.so_lieu.blocks():
            block_loc = (*loc, "so_lieu", name)
            if name in seen:
                err(block_loc, f"Nhóm số liệu «{name}» xuất hiện hai lần trong báo cáo.",
                    found=f"lần hai ở mục {muc.so}", expected="mỗi nhóm số liệu một lần",
                    hint=f"Lần đầu ở dòng {doc.line(seen[name])}.")
            seen[name] = block_loc
            _check_block(report, name, block, block_loc, prose, window, err)


def _check_numbering(report: BaoCao, err) -> None:
    parts = [("phan", i) for i in range(len(report.phan))] + [("danh_gia_chung",), ("phuong_huong",)]
    numbers = [p.so for p in report.phan] + [report.danh_gia_chung.so, report.phuong_huong.so]
    for position, (loc, number) in enumerate(zip(parts, numbers)):
        if number != ROMAN[position]:
            err((*loc, "so"), "Số thứ tự phần không liên tục.", found=number, expected=ROMAN[position])
    for i, phan in enumerate(report.phan):
        for j, muc in enumerate(phan.muc):
            if muc.so != j + 1:
                err(("phan", i, "muc", j, "so"), "Số thứ tự mục không liên tục.", found=muc.so, expected=j + 1)


def _check_mentions(documents, prose: str, loc: Loc, where: str, err) -> None:
    """Each cited document's number and date must be written in the prose."""
    written_dates = text.dates_in(prose)
    for index, van_ban in enumerate(documents):
        if van_ban.so_ky_hieu not in prose:
            err((*loc, index, "so_ky_hieu"), f"Số, ký hiệu văn bản không có trong {where}.",
                found=van_ban.so_ky_hieu, expected=f"đúng như viết trong {where}")
        if van_ban.ngay not in written_dates:
            err((*loc, index, "ngay"), f"Ngày của văn bản không có trong {where}.",
                found=text.format_date(van_ban.ngay), expected=f"một ngày được viết trong {where}")


def _check_block(report: BaoCao, name: str, block: Block, loc: Loc, prose: str,
                 window: tuple[date, date], err) -> None:
    written = text.numbers_in(prose)
    for fig_loc, figure in block.figures():
        where = (*loc, *fig_loc)
        if figure.gia_tri not in written:
            err(where, "Số liệu không có trong nội dung của mục.", found=figure.gia_tri,
                expected="số này được viết trong đoạn văn của mục (VD: 05 hoặc 5)",
                hint="Sửa số liệu cho khớp bản đã ký, hoặc kiểm tra đoạn văn chép lại.")
        _check_scope(report, figure.pham_vi, (*where, "pham_vi"), window, err)
    _check_scope(report, block.pham_vi, (*loc, "pham_vi"), window, err)

    def value(path: str) -> int | None:
        current: Any = block
        for part in path.split("."):
            current = getattr(current, part, None) if current is not None else None
        return current.gia_tri if isinstance(current, SoLieu) else None

    def total(total_path: str, parts: list[str], title: str, exact: bool = True) -> None:
        whole, values = value(total_path), [value(p) for p in parts]
        given = [v for v in values if v is not None]
        if whole is None or not given:
            return
        if exact and len(given) == len(values) and sum(given) != whole:
            err((*loc, *total_path.split(".")), f"{title}: tổng các thành phần không bằng tổng số.",
                found=" + ".join(map(str, given)) + f" = {sum(given)}", expected=str(whole))
        elif sum(given) > whole:
            err((*loc, *total_path.split(".")), f"{title}: các thành phần vượt quá tổng số.",
                found=" + ".join(map(str, given)) + f" = {sum(given)}", expected=f"không quá {whole}")

    if name == "thu_tuc":
        total("tong", ["cap_xa", "quoc_phong", "cong_an"], "Thủ tục theo nhóm")
        total("tong", ["truc_tuyen"], "Thủ tục trực tuyến", exact=False)
    elif name == "ho_so":
        total("tiep_nhan", ["da_giai_quyet", "dang_giai_quyet"], "Hồ sơ (đã giải quyết + đang giải quyết)")
        total("da_giai_quyet", ["truoc_han", "dung_han", "qua_han"], "Hồ sơ đã giải quyết (trước hạn + đúng hạn + quá hạn)")
        total("dang_giai_quyet", ["dang_trong_han", "dang_qua_han"], "Hồ sơ đang giải quyết (trong hạn + quá hạn)")
    elif name == "can_bo":
        for group, fields in (("theo_loai", ["can_bo", "cong_chuc"]),
                              ("chuyen_mon", ["tien_si", "thac_si", "dai_hoc", "cao_dang", "trung_cap", "so_cap", "chua_qua_dao_tao"]),
                              ("ly_luan_chinh_tri", ["cu_nhan", "cao_cap", "trung_cap", "so_cap", "chua_qua_dao_tao"])):
            if getattr(block, group) is not None:
                parts = [f"{group}.{f}" for f in fields]
                whole, given = value("tong"), [value(p) for p in parts if value(p) is not None]
                if whole is not None and sum(given) != whole:
                    err((*loc, group), f"Cán bộ, công chức theo {group}: tổng không bằng tổng số.",
                        found=" + ".join(map(str, given)) + f" = {sum(given)}", expected=str(whole))
    elif name == "khao_sat":
        total("phieu_phat_ra", ["phieu_tot"], "Phiếu đánh giá", exact=False)
        sent, good = value("phieu_phat_ra"), value("phieu_tot")
        percents = text.percents_in(prose)
        if sent and good is not None and percents:
            rate = text.format_percent(good / sent).rstrip("%")
            if rate not in percents:
                err((*loc, "phieu_tot"), "Tỷ lệ tính từ số phiếu không khớp tỷ lệ viết trong văn bản.",
                    found=", ".join(sorted(p + "%" for p in percents)), expected=f"{rate}% ({good}/{sent})")
    elif name == "kiem_tra":
        _check_mentions(block.van_ban, prose, (*loc, "van_ban"), "nội dung của mục", err)
        for index, van_ban in enumerate(block.van_ban):
            if not window[0] <= van_ban.ngay <= window[1]:
                err((*loc, "van_ban", index, "ngay"), f"Ngày văn bản nằm ngoài {report.label}.",
                    found=text.format_date(van_ban.ngay),
                    expected=f"từ {text.format_date(window[0])} đến {text.format_date(window[1])}")


def _check_scope(report: BaoCao, scope, loc: Loc, window: tuple[date, date], err) -> None:
    if scope is None:
        return
    span = f"từ {text.format_date(window[0])} đến {text.format_date(window[1])}"
    if scope.loai == "tinh_den":
        if scope.ngay is None:
            err((*loc, "ngay"), "Phạm vi «tinh_den» cần ngày.", found="không có", expected="ngày, VD: 2022-09-30")
        elif not window[0] <= scope.ngay <= window[1]:
            err((*loc, "ngay"), f"Ngày tính số liệu nằm ngoài {report.label}.",
                found=text.format_date(scope.ngay), expected=span)
    elif scope.loai == "khoang":
        if scope.tu_ngay is None or scope.den_ngay is None:
            err(loc, "Phạm vi «khoang» cần «tu_ngay» và «den_ngay».", found="thiếu ngày")
        elif not (scope.tu_ngay <= scope.den_ngay and scope.tu_ngay >= window[0] - timedelta(days=366)
                  and scope.den_ngay <= window[1]):
            err(loc, f"Khoảng thời gian của số liệu không hợp lệ với {report.label}.",
                found=f"{text.format_date(scope.tu_ngay)} – {text.format_date(scope.den_ngay)}", expected=span)


def check_unique_quarters(reports: list[tuple[Document, BaoCao]], problems: Problems) -> None:
    seen: dict[tuple[int, int], str] = {}
    for doc, report in reports:
        key = (report.nam, report.quy)
        if key in seen:
            problems.add(Problem(doc.name, doc.line(("quy",)), "quy", f"Hai tệp cùng báo cáo {report.label}.",
                                 found=f"{seen[key]} và {doc.name}", expected="mỗi quý một tệp"))
        seen[key] = doc.name


# --- publication: the signed original and the lock ------------------------------------------

def check_original(content_dir: Path, shown_as: str, doc: Document, report: BaoCao,
                   problems: Problems) -> Original | None:
    """The attached PDF must exist, be a PDF and stay a reasonable size; its SHA-256 is shown."""
    if report.ban_goc is None:
        return None
    path = content_dir / ORIGINALS_DIR / report.ban_goc
    where = f"{shown_as}/{ORIGINALS_DIR}/{report.ban_goc}"

    def err(message: str, found: str, expected: str) -> None:
        problems.add(Problem(doc.name, doc.line(("ban_goc",)), "ban_goc", message, found, expected))

    if not path.is_file():
        err("Không tìm thấy tệp bản gốc.", where, f"tệp PDF trong thư mục {shown_as}/{ORIGINALS_DIR}/")
        return None
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        err("Tệp bản gốc không phải PDF.", where, "tệp PDF (bắt đầu bằng «%PDF-»)")
        return None
    if len(data) > MAX_ORIGINAL_BYTES:
        err("Tệp bản gốc quá lớn.", f"{len(data) / 1e6:.1f} MB", f"không quá {MAX_ORIGINAL_BYTES // 1_000_000} MB (quét 150–200 dpi)")
        return None
    return Original(path, report.ban_goc, hashlib.sha256(data).hexdigest(), len(data))


def read_lock(content_dir: Path, shown_as: str, problems: Problems) -> dict[str, Any]:
    """The lock file's entries by report slug; no file means nothing published yet."""
    path = content_dir / lock.LOCK_FILE
    if not path.is_file():
        return {}
    name = f"{shown_as}/{lock.LOCK_FILE}"
    doc = load_yaml(path, name, problems)  # JSON is YAML: errors get their line
    data = doc.data if doc is not None else None
    entries = data.get("bao_cao") if isinstance(data, dict) and data.get("phien_ban") == lock.VERSION else None
    if doc is None or not isinstance(entries, dict) or not all(
            isinstance(e, dict) and {"ngay_dang_tai", "van_tay", "gia_tri"} <= set(e)
            and isinstance(e["gia_tri"], dict) for e in entries.values()):
        problems.add(Problem(name, None, "", "Tệp khóa số liệu bị hỏng.", found="nội dung không đúng cấu trúc",
                             expected=f"tệp do lệnh «python -m cchc_site khoa» ghi (phiên bản {lock.VERSION})",
                             hint="Khôi phục tệp từ lịch sử git; không sửa tay."))
        return {}
    return entries


def check_published(reports: list[tuple[Document, BaoCao]], files: set[str], originals: dict[str, Original | None],
                    locked: dict[str, Any], shown_as: str, today: date, locking: bool,
                    problems: Problems) -> tuple[dict[str, tuple[str, str]], dict[str, dict[str, Any]]]:
    """Published reports equal their locked values plus their recorded corrections.

    Returns each published report's (seal when published, seal now) and the entries to add
    for reports published since the last ``khoa``.
    """
    seals: dict[str, tuple[str, str]] = {}
    to_lock: dict[str, dict[str, Any]] = {}
    for slug in sorted(set(locked) - files):  # a file that fails to load has its own errors
        problems.add(Problem(f"{shown_as}/{REPORT_DIR}", None, "", f"Báo cáo {slug} đã đăng tải nhưng không còn tệp.",
                             found=f"thiếu {shown_as}/{REPORT_DIR}/{slug}.yaml",
                             expected="báo cáo đã công bố được giữ lại; sửa nội dung thì ghi «cap_nhat»",
                             hint="Khôi phục tệp từ lịch sử git."))
    for doc, report in reports:
        original = originals.get(report.slug)
        found = lock.leaves(report, original.sha256 if original else None)
        now = lock.seal({key: leaf.value for key, leaf in found.items()})
        if report.slug in locked:
            for issue in lock.check(report, locked[report.slug], found, today):
                problems.add(Problem(doc.name, doc.line(issue.loc), dotted(issue.loc), issue.message,
                                     issue.found, issue.expected, issue.hint))
            seals[report.slug] = (locked[report.slug]["van_tay"], now)
        elif report.ngay_dang_tai is not None:
            if report.cap_nhat:
                problems.add(Problem(doc.name, doc.line(("cap_nhat",)), "cap_nhat",
                                     "Báo cáo chưa khóa số liệu thì chưa có gì để cập nhật.",
                                     found=f"{len(report.cap_nhat)} mục cập nhật", expected="bỏ «cap_nhat»"))
            if report.ngay_dang_tai > today:
                problems.add(Problem(doc.name, doc.line(("ngay_dang_tai",)), "ngay_dang_tai",
                                     "Ngày đăng tải ở tương lai.", found=text.format_date(report.ngay_dang_tai),
                                     expected=f"đến {text.format_date(today)}"))
            entry = lock.entry(report, found)
            to_lock[report.slug] = entry
            seals[report.slug] = (entry["van_tay"], now)
            if not locking:
                problems.add(Problem(doc.name, doc.line(("ngay_dang_tai",)), "ngay_dang_tai",
                                     "Báo cáo đã đánh dấu đăng tải nhưng số liệu chưa được khóa.",
                                     found=f"không có {report.slug} trong {shown_as}/{lock.LOCK_FILE}",
                                     expected="số liệu được khóa khi đăng tải",
                                     hint=f"Chạy «python -m cchc_site khoa» rồi commit {shown_as}/{lock.LOCK_FILE} "
                                          "cùng tệp báo cáo. Chưa muốn đăng thì bỏ trống «ngay_dang_tai»."))
        elif report.cap_nhat:
            problems.add(Problem(doc.name, doc.line(("cap_nhat",)), "cap_nhat",
                                 "Bản nháp chưa đăng tải thì sửa trực tiếp, không cần «cap_nhat».",
                                 found=f"{len(report.cap_nhat)} mục cập nhật", expected="bỏ «cap_nhat»"))
    return seals, to_lock


# --- the procedure list ---------------------------------------------------------------------

def check_list(doc: Document, danh_muc: DanhMuc, problems: Problems) -> None:
    """Duplicate codes, names and page addresses; withdrawal after listing; missing codes warn."""
    codes: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}
    slugs: dict[str, int] = {}
    for index, thu_tuc in enumerate(danh_muc.thu_tuc):
        loc: Loc = ("thu_tuc", index)

        def add(field_name: str, message: str, found: str, expected: str, severity: str = "loi",
                hint: str | None = None) -> None:
            problems.add(Problem(doc.name, doc.line((*loc, field_name)), dotted((*loc, field_name)),
                                 message, found, expected, hint, severity))  # type: ignore[arg-type]

        if thu_tuc.ma:
            if thu_tuc.ma in codes:
                add("ma", "Mã thủ tục bị trùng.", thu_tuc.ma, "mỗi mã một thủ tục",
                    hint=f"Đã dùng cho thủ tục thứ {codes[thu_tuc.ma] + 1}.")
            codes.setdefault(thu_tuc.ma, index)
        else:
            add("ma", "Thủ tục chưa có mã quốc gia.", "để trống", 'mã dạng "1.001193"', "canh_bao",
                hint="Tra mã trên Cổng Dịch vụ công quốc gia và quyết định công bố của tỉnh.")
        key = (thu_tuc.nhom, text.fold(thu_tuc.ten).lower())
        if key in names:
            add("ten", "Tên thủ tục bị trùng trong cùng nhóm.", thu_tuc.ten, "mỗi thủ tục một lần",
                hint=f"Trùng với thủ tục thứ {names[key] + 1}.")
        names.setdefault(key, index)
        slug = procedure_slug(thu_tuc)
        if slug in RESERVED_SLUGS:
            add("ten", "Tên thủ tục tạo ra địa chỉ trùng một trang của hệ thống.", f"thu-tuc/{slug}/",
                "địa chỉ khác index, lich-su, theo-ky", hint="Ghi mã thủ tục hoặc sửa tên thủ tục.")
        if slug in slugs and names[key] == index:  # same name already reported above
            add("ten", "Hai thủ tục có cùng địa chỉ trang.", slug, "địa chỉ riêng cho mỗi thủ tục",
                hint="Ghi mã thủ tục hoặc sửa tên cho khác nhau.")
        slugs.setdefault(slug, index)
        if thu_tuc.ngay_bai_bo and thu_tuc.ngay_bai_bo <= thu_tuc.ngay_niem_yet:
            add("ngay_bai_bo", "Ngày bãi bỏ phải sau ngày niêm yết.", text.format_date(thu_tuc.ngay_bai_bo),
                f"sau {text.format_date(thu_tuc.ngay_niem_yet)}")


RESERVED_SLUGS = {"index", "lich-su", "theo-ky"}  # pages of the list itself, under thu-tuc/


def procedure_slug(thu_tuc: ThuTuc) -> str:
    """Page address of a procedure: its national code, else its name without diacritics.

    Only letters, digits and hyphens (``text.slugify``): no name can reach another folder.
    """
    if thu_tuc.ma:
        return thu_tuc.ma
    slug = text.slugify(thu_tuc.ten)
    if not slug:  # a name of punctuation only
        return "thu-tuc-" + hashlib.sha1(thu_tuc.ten.encode()).hexdigest()[:8]
    if len(slug) <= 60:
        return slug
    # long names: a readable start plus a short fingerprint of the whole name, so two names
    # sharing their first words still get two addresses (and no file name grows too long)
    digest = hashlib.sha1(slug.encode()).hexdigest()[:6]
    return f"{slug[:60].rsplit('-', 1)[0]}-{digest}"


def check_report_against_list(doc: Document, report: BaoCao, danh_muc: DanhMuc, problems: Problems) -> None:
    """The report's procedure counts must equal the list as it stood on the figures' date."""
    for loc, muc in report.sections():
        block = muc.so_lieu.thu_tuc if muc.so_lieu else None
        if block is None:
            continue
        for name in ("tong", "cap_xa", "quoc_phong", "cong_an"):
            figure = getattr(block, name)
            if figure is None:
                continue
            scope = figure.pham_vi or block.pham_vi
            day = scope.ngay if scope is not None and scope.loai == "tinh_den" and scope.ngay else report.period.den_ngay
            listed = [t for t in danh_muc.thu_tuc if active_on(t, day) and (name == "tong" or t.nhom == name)]
            if len(listed) != figure.gia_tri:
                where = (*loc, "so_lieu", "thu_tuc", name)
                problems.add(Problem(
                    doc.name, doc.line(where), dotted(where),
                    f"Số thủ tục trong báo cáo khác danh mục thủ tục ngày {text.format_date(day)}.",
                    found=f"báo cáo ghi {figure.gia_tri}", expected=f"danh mục có {len(listed)} ({LIST_FILE})",
                    hint="Kiểm tra ngày niêm yết/bãi bỏ trong danh mục hoặc số liệu báo cáo."))


# --- the checks, as the data-entry guide explains them ------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One check of this module, in the words of the data-entry guide, and the fields it reads."""

    text: str
    fields: tuple[str, ...]  # "Model.field"


RULES: tuple[Rule, ...] = (
    Rule("Tên tệp báo cáo là NĂM-qQUÝ.yaml, khớp «nam» và «quy»; hai tệp không cùng một quý.",
         ("BaoCao.nam", "BaoCao.quy")),
    Rule("Kỳ số liệu: ngày bắt đầu trước ngày kết thúc, ngày kết thúc nằm trong quý.",
         ("BaoCao.ky_bao_cao", "KyBaoCao.tu_ngay", "KyBaoCao.den_ngay")),
    Rule("Ngày ban hành từ ngày cuối kỳ số liệu đến 45 ngày sau khi hết quý.", ("BaoCao.ngay_ban_hanh",)),
    Rule("Số thứ tự các phần (I, II, …) và các mục (1, 2, …) liên tục.",
         ("Phan.so", "Muc.so", "DanhGiaChung.so", "PhuongHuong.so")),
    Rule("Văn bản căn cứ: số, ký hiệu và ngày được viết trong phần mở đầu; ngày không sau ngày lập báo cáo.",
         ("BaoCao.can_cu", "VanBan.so_ky_hieu", "VanBan.ngay", "BaoCao.mo_dau")),
    Rule("Mỗi số liệu phải có trong lời văn của chính mục đó («05» hay «5» đều được; 0 viết «không»).",
         ("SoLieu.gia_tri", "Muc.doan_van", "Muc.so_lieu")),
    Rule("Mỗi nhóm số liệu (tuyen_truyen, ho_so, …) chỉ ghi một lần trong báo cáo.", ("Muc.so_lieu",)),
    Rule("Phạm vi «tinh_den» cần «ngay» trong quý; «khoang» cần «tu_ngay» và «den_ngay» hợp lệ.",
         ("PhamVi.loai", "PhamVi.ngay", "PhamVi.tu_ngay", "PhamVi.den_ngay")),
    Rule("Thủ tục: cấp xã + Quốc phòng + Công an = tổng số; số thủ tục trực tuyến không quá tổng số.",
         ("ThuTucNiemYet.tong", "ThuTucNiemYet.cap_xa", "ThuTucNiemYet.quoc_phong", "ThuTucNiemYet.cong_an",
          "ThuTucNiemYet.truc_tuyen")),
    Rule("Số thủ tục trong báo cáo bằng số thủ tục của danh mục còn hiệu lực tại ngày cuối kỳ số liệu.",
         ("ThuTucNiemYet.tong", "ThuTucNiemYet.cap_xa", "ThuTucNiemYet.quoc_phong", "ThuTucNiemYet.cong_an",
          "ThuTuc.ngay_niem_yet", "ThuTuc.ngay_bai_bo", "ThuTuc.nhom")),
    Rule("Hồ sơ: đã giải quyết + đang giải quyết = tổng số; trước hạn + đúng hạn + quá hạn = đã giải quyết; "
         "trong hạn + quá hạn = đang giải quyết.",
         ("HoSo.tiep_nhan", "HoSo.da_giai_quyet", "HoSo.dang_giai_quyet", "HoSo.truoc_han", "HoSo.dung_han",
          "HoSo.qua_han", "HoSo.dang_trong_han", "HoSo.dang_qua_han")),
    Rule("Cán bộ, công chức theo loại, theo trình độ chuyên môn và theo lý luận chính trị đều cộng đúng tổng số.",
         ("CanBo.tong", "CanBo.theo_loai", "CanBo.chuyen_mon", "CanBo.ly_luan_chinh_tri")),
    Rule("Phiếu tốt không quá phiếu phát ra; tỷ lệ viết trong văn bản bằng tỷ lệ tính từ số phiếu.",
         ("KhaoSat.phieu_phat_ra", "KhaoSat.phieu_tot")),
    Rule("Quyết định, thông báo kiểm tra: số và ngày được viết trong mục; ngày nằm trong quý.",
         ("KiemTra.van_ban", "VanBan.ngay")),
    Rule("Tỷ lệ không nhập tay: trường bắt đầu bằng «ty_le» bị từ chối, tỷ lệ được tính từ số liệu.", ()),
    Rule("Mã thủ tục đặt trong dấu nháy, đúng dạng «1.001193», không trùng; để trống thì có cảnh báo.",
         ("ThuTuc.ma",)),
    Rule("Tên thủ tục không trùng trong cùng nhóm; mỗi thủ tục có địa chỉ trang riêng.", ("ThuTuc.ten", "ThuTuc.nhom")),
    Rule("Ngày bãi bỏ phải sau ngày niêm yết.", ("ThuTuc.ngay_bai_bo", "ThuTuc.ngay_niem_yet")),
    Rule("Báo cáo đã đăng tải bị khóa: mọi thay đổi số liệu, lời văn, bản gốc phải ghi «cap_nhat»; "
         "không được xóa, đưa về bản nháp hay đổi ngày đăng tải.",
         ("BaoCao.ngay_dang_tai", "BaoCao.cap_nhat")),
    Rule("Cập nhật: ngày từ ngày đăng tải trở đi, theo thứ tự, không ở tương lai; giá trị cũ đúng giá trị đang "
         "công bố; giá trị mới khác giá trị cũ; «truong» là nội dung có trong báo cáo.",
         ("CapNhat.ngay", "CapNhat.truong", "CapNhat.gia_tri_cu", "CapNhat.gia_tri_moi")),
    Rule("Bản gốc: tệp PDF có trong thư mục bao-cao/ban-goc/, không quá 30 MB.", ("BaoCao.ban_goc",)),
)
