"""Open data as bytes: CSV (UTF-8 with BOM, for Excel), JSON and the Data Package; the feed, the
signed scans, the Word files and the verification record join them here (``site_files``).

Every CSV is written from the columns that also describe it in ``datapackage.json``, so a
file and its description cannot drift apart. Nothing here writes to disk.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import addresses, text
from ..core.models import NHOM_LABELS, PERIOD_FIELDS, TRUC_TUYEN_LABELS, BaoCao, Xa
from ..core.periods import PERIOD_KINDS
from ..indicators.checks import shown_change
from ..site_data import Report, SiteData
from ..word import export as word
from . import search_aliases
from .feed import atom_feed
from .record import verification_record

BOM = b"\xef\xbb\xbf"
LOAI = {"ky": "ky_bao_cao", "luy_ke": "luy_ke_nam", "thoi_diem": "tinh_den", "khoang": "khoang"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, date
    title: str
    description: str = ""


@dataclass(frozen=True)
class DataFile:
    """A file of the built site that is not a page."""

    uri: str  # "du-lieu/chi-so.csv"
    content: bytes
    title: str
    description: str
    columns: tuple[Column, ...] = ()  # CSV files: the schema

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def format(self) -> str:
        return self.uri.rsplit(".", 1)[-1]

    @property
    def mediatype(self) -> str:
        return {
            "csv": "text/csv",
            "json": "application/json",
            "pdf": "application/pdf",
            "xml": "application/atom+xml",
            "docx": word.MEDIATYPE,
        }[self.format]


PERIOD = (
    Column(
        "ky",
        "string",
        "Kỳ báo cáo",
        "Như tên tệp báo cáo: " + ", ".join(k.example for k in PERIOD_KINDS.values()),
    ),
    Column("loai_ky", "string", "Loại kỳ", ", ".join(f"{k.key} ({k.name})" for k in PERIOD_KINDS.values())),
    Column("nam", "integer", "Năm", "Báo cáo giai đoạn: năm đầu"),
    *(
        Column(
            name,
            "integer",
            BaoCao.model_fields[name].title or name,
            "Chỉ với báo cáo " + " hoặc ".join(k.name for k in PERIOD_KINDS.values() if name in k.fields()),
        )
        for name in PERIOD_FIELDS
    ),
)
FIGURES = (
    *PERIOD,
    Column("khoa", "string", "Mã chỉ tiêu", "Mã ổn định qua các kỳ, VD: ho_so.tiep_nhan"),
    Column("nhom", "string", "Nhóm chỉ tiêu"),
    Column("chi_so", "string", "Chỉ tiêu"),
    Column("gia_tri", "integer", "Giá trị", "Số như trong báo cáo đã ký; đơn vị ở cột don_vi"),
    Column("don_vi", "string", "Đơn vị tính"),
    Column(
        "gan_dung",
        "string",
        "Số gần đúng",
        "khoang (khoảng), khoang_tren (khoảng trên), tren (trên), hon (hơn), gan (gần), duoi (dưới); trống: số chính xác",
    ),
    Column(
        "pham_vi",
        "string",
        "Phạm vi số liệu",
        "ky_bao_cao (trong kỳ báo cáo), luy_ke_nam (lũy kế từ đầu năm), tinh_den (tại một ngày), khoang (khoảng thời gian riêng)",
    ),
    Column("tu_ngay", "date", "Từ ngày", "Trống khi báo cáo không nêu"),
    Column("den_ngay", "date", "Đến ngày"),
    Column("mo_ta_pham_vi", "string", "Mô tả phạm vi"),
    Column(
        "chi_tiet",
        "string",
        "Đối tượng của số liệu",
        "Trống: toàn đơn vị ban hành; VD: Lĩnh vực Đất đai, Đối với các xã, phường",
    ),
    Column(
        "chi_tieu_rieng",
        "boolean",
        "Chỉ tiêu riêng của xã",
        "true: chỉ tiêu xã tự khai báo (content/chi-tieu-rieng.yaml)",
    ),
    Column(
        "van_ban_ghi_thoi_diem",
        "string",
        "Văn bản nêu số liệu tại thời điểm viết",
        "«đến nay», «hiện tại»… khi câu nêu số liệu nói vậy: số liệu là số tại thời điểm lập báo cáo, "
        "không phải số trong cả phạm vi ghi ở cột pham_vi",
    ),
)
RATES = (
    *PERIOD,
    Column("khoa", "string", "Mã tỷ lệ", "VD: ty_le.dung_han"),
    Column("chi_so", "string", "Tỷ lệ"),
    Column("tu_so", "integer", "Tử số", "Trống khi báo cáo không nêu đủ số liệu để tính"),
    Column("mau_so", "integer", "Mẫu số"),
    Column("ty_le", "number", "Tỷ lệ", "Tử số ÷ mẫu số, từ 0 đến 1 (6 chữ số thập phân)"),
    Column("cong_thuc", "string", "Cách tính"),
    Column("pham_vi", "string", "Phạm vi của mẫu số", "Như cột pham_vi của tệp số liệu"),
    Column(
        "cong_thuc_khoa",
        "string",
        "Mã cách tính",
        "mac_dinh, một cách tính khác của danh mục, hoặc van_ban (công thức văn bản tự nêu)",
    ),
    Column("chi_tiet", "string", "Đối tượng của số liệu", "Như cột chi_tiet của tệp số liệu"),
    Column("gan_dung", "boolean", "Tính từ số gần đúng", "true: tỷ lệ chỉ gần đúng"),
    Column("van_ban_viet", "string", "Tỷ lệ văn bản viết", "Như báo cáo đã ký, VD: 99,57%"),
    Column(
        "khop_van_ban",
        "boolean",
        "Khớp văn bản",
        "Tỷ lệ tính được bằng tỷ lệ văn bản viết, ở đúng số chữ số thập phân văn bản dùng",
    ),
    Column(
        "nguon",
        "string",
        "Nguồn của tỷ lệ",
        "van_ban: văn bản nêu tỷ lệ này (van_ban_viet); tinh_tu_so_lieu: trang tính từ số liệu của báo "
        "cáo, văn bản không nêu",
    ),
)
CHANGES = (
    *PERIOD,
    Column("khoa", "string", "Mã chỉ tiêu hoặc tỷ lệ"),
    Column("chi_so", "string", "Chỉ tiêu"),
    Column("van_ban_viet", "string", "Thay đổi văn bản viết", "VD: tăng 36,49%"),
    Column(
        "don_vi",
        "string",
        "Đơn vị của thay đổi",
        "phan_tram (% so với kỳ so sánh), diem_phan_tram (điểm %), so (số chênh lệch)",
    ),
    Column("so_voi", "string", "So với kỳ"),
    Column(
        "tinh_duoc",
        "string",
        "Thay đổi tính từ hai báo cáo",
        "Trống khi trang chưa có báo cáo kỳ so sánh hoặc kỳ đó không nêu số liệu",
    ),
    Column("ket_qua", "string", "Kết quả đối chiếu"),
)
CORRECTIONS = (
    Column("ky", "string", "Kỳ báo cáo"),
    Column("ngay", "date", "Ngày cập nhật"),
    Column("truong", "string", "Mã nội dung", "Mã chỉ tiêu hoặc vị trí văn bản trong báo cáo"),
    Column("noi_dung", "string", "Nội dung thay đổi"),
    Column("gia_tri_cu", "string", "Giá trị cũ"),
    Column("gia_tri_moi", "string", "Giá trị mới"),
    Column("ly_do", "string", "Lý do"),
)
PROCEDURES = (
    Column("ma", "string", "Mã thủ tục", "Mã trên Cơ sở dữ liệu quốc gia về TTHC; trống khi chưa xác minh"),
    Column("ten", "string", "Tên thủ tục"),
    Column("linh_vuc", "string", "Lĩnh vực"),
    Column("nhom", "string", "Nhóm", "cap_xa, quoc_phong, cong_an"),
    Column("nhom_ten", "string", "Tên nhóm"),
    Column("truc_tuyen", "string", "Dịch vụ công trực tuyến"),
    Column("ngay_niem_yet", "date", "Ngày niêm yết"),
    Column("ngay_bai_bo", "date", "Ngày bãi bỏ", "Trống khi còn hiệu lực"),
    Column("quyet_dinh_cong_bo", "string", "Quyết định công bố"),
    Column("quyet_dinh_bai_bo", "string", "Quyết định bãi bỏ"),
    Column("trang", "string", "Trang của thủ tục", "Đường dẫn tính từ gốc trang web"),
)


def period_record(report: Report) -> dict[str, Any]:
    ky = report.ky
    written = ky.fields()
    return {
        "ky": ky.slug,
        "loai_ky": ky.loai,
        "nam": ky.nam,
        **{name: written.get(name) for name in PERIOD_FIELDS},
    }


def figure_records(report: Report) -> list[dict[str, Any]]:
    window = report.model.window
    period = period_record(report)
    records = []
    for row in report.rows:
        scope = row.pham_vi
        loai = scope.loai if scope is not None else "ky_bao_cao"
        start: date | None
        end: date | None
        if loai == "ky_bao_cao":
            start, end = window.tu_ngay, window.den_ngay
        elif loai == "luy_ke_nam":
            start, end = None, window.den_ngay  # "từ đầu năm": the report does not say from which day
        elif loai == "tinh_den":
            start, end = None, scope.ngay if scope else None
        else:
            start, end = (scope.tu_ngay, scope.den_ngay) if scope else (None, None)
        records.append(
            {
                **period,
                "khoa": row.key,
                "nhom": row.group,
                "chi_so": row.label,
                "gia_tri": row.value,
                "don_vi": row.unit,
                "gan_dung": row.xap_xi,
                "pham_vi": loai,
                "tu_ngay": start,
                "den_ngay": end,
                "mo_ta_pham_vi": row.scope,
                "chi_tiet": row.breakdown or None,
                "chi_tieu_rieng": row.custom,
                "van_ban_ghi_thoi_diem": row.now_words,
            }
        )
    return records


def rate_records(report: Report) -> list[dict[str, Any]]:
    period = period_record(report)
    return [
        {
            **period,
            "khoa": rate.key or None,
            "chi_so": rate.label,
            "tu_so": rate.numerator,
            "mau_so": rate.denominator,
            "ty_le": round(rate.ratio, 6) if rate.computable else None,
            "cong_thuc": rate.formula,
            "pham_vi": LOAI[rate.kind] if rate.computable else None,
            "cong_thuc_khoa": rate.variant or None,
            "chi_tiet": rate.breakdown or None,
            "gan_dung": rate.approx if rate.computable else None,
            "van_ban_viet": rate.stated,
            "khop_van_ban": rate.matches,
            "nguon": "van_ban" if rate.stated else "tinh_tu_so_lieu",
        }
        for rate in report.rates
    ]


def change_records(report: Report) -> list[dict[str, Any]]:
    period = period_record(report)
    return [
        {
            **period,
            "khoa": c.stated.target,
            "chi_so": c.stated.label,
            "van_ban_viet": c.stated.written,
            "don_vi": c.stated.unit,
            "so_voi": c.against,
            "tinh_duoc": shown_change(c) or None,
            "ket_qua": c.note,
        }
        for c in report.changes
    ]


def correction_records(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "ky": report.model.slug,
            "ngay": c.ngay,
            "truong": c.truong,
            "noi_dung": report.describe(c.truong),
            "gia_tri_cu": c.gia_tri_cu,
            "gia_tri_moi": c.gia_tri_moi,
            "ly_do": c.ly_do,
        }
        for c in report.model.cap_nhat
    ]


def procedure_records(site: SiteData) -> list[dict[str, Any]]:
    return [
        {
            "ma": t.ma,
            "ten": t.ten,
            "linh_vuc": t.linh_vuc,
            "nhom": t.nhom,
            "nhom_ten": NHOM_LABELS[t.nhom],
            "truc_tuyen": TRUC_TUYEN_LABELS[t.truc_tuyen],
            "ngay_niem_yet": t.ngay_niem_yet,
            "ngay_bai_bo": t.ngay_bai_bo,
            "quyet_dinh_cong_bo": t.quyet_dinh_cong_bo,
            "quyet_dinh_bai_bo": t.quyet_dinh_bai_bo,
            "trang": addresses.page_url(addresses.procedure_page(t)),
        }
        for t in site.danh_muc.thu_tuc
    ]


def to_csv(columns: Iterable[Column], records: list[dict[str, Any]]) -> bytes:
    """RFC 4180 CSV, UTF-8 with BOM (Excel then reads Vietnamese correctly)."""
    names = [c.name for c in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in names])
    return BOM + buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    shown = " ".join(str(value).split())
    if shown[:1] in ("=", "+", "-", "@"):  # a spreadsheet would run it as a formula
        return "'" + shown
    return shown


def to_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, default=_json_default) + "\n").encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")  # pragma: no cover - a bug, not data


def report_data(report: Report) -> dict[str, Any]:
    """Everything published about one report, as the JSON download holds it (computed once)."""
    model = report.model
    original = report.original
    return {
        **period_record(report),
        "nhan": model.label,
        "ky_so_lieu": {"tu_ngay": model.window.tu_ngay, "den_ngay": model.window.den_ngay},
        "ngay_dang_tai": model.ngay_dang_tai,
        "van_tay_khi_dang_tai": report.seal,
        "van_tay_hien_tai": report.current_seal,
        "ban_goc": None
        if original is None
        else {"tep": original.name, "sha256": original.sha256, "kich_thuoc": original.size},
        "so_lieu": figure_records(report),
        "ty_le": rate_records(report),
        "thay_doi": change_records(report),
        "cap_nhat": correction_records(report),
        "bao_cao": report.dump(),
    }


def report_files(report: Report, data: dict[str, Any]) -> list[DataFile]:
    model = report.model
    original = report.original
    files = [
        DataFile(
            addresses.report_data(report.key, "csv"),
            to_csv(FIGURES, data["so_lieu"]),
            f"Số liệu báo cáo {model.label}",
            f"Mọi số liệu của báo cáo CCHC {model.label}, mỗi dòng một chỉ tiêu.",
            FIGURES,
        ),
        DataFile(
            addresses.report_data(report.key, "json"),
            to_json(data),
            f"Báo cáo {model.label} (JSON)",
            f"Toàn văn, số liệu, tỷ lệ, các lần cập nhật và dấu vân tay của báo cáo {model.label}.",
        ),
    ]
    if original is not None:
        files.append(
            DataFile(
                original_uri(report),
                original.path.read_bytes(),
                f"Bản gốc đã ký {model.label}",
                f"Bản quét báo cáo {model.label} đã ký (PDF).",
            )
        )
    return files


def word_file(report: Report, xa: Xa) -> DataFile:
    """The report as a Word file laid out per Decree 30/2020, rebuilt from the published data."""
    label = report.model.label
    return DataFile(
        addresses.report_data(report.key, "docx"),
        word.report_docx(report, xa),
        f"Báo cáo {label} (Word)",
        f"Toàn văn báo cáo {label} trình bày theo Nghị định 30/2020/NĐ-CP; bản dựng lại từ dữ liệu đã "
        "công bố, không phải bản gốc đã ký.",
    )


def original_uri(report: Report) -> str:
    """Where a report's signed scan is published; a merged commune's apart."""
    assert report.original is not None
    return addresses.original_file(report.original.name, report.tien_than.ma if report.tien_than else None)


def site_files(site: SiteData) -> list[DataFile]:
    """Every data file of the site, then the Data Package that describes them."""
    files: list[DataFile] = []
    published = [(report, report_data(report)) for report in site.reports]
    for report, data in published:
        files += report_files(report, data)
        files.append(word_file(report, site.xa))
    for merged in site.predecessors:  # their own files; never in the commune's series below
        for report in merged.reports:
            files += report_files(report, {**report_data(report), "xa_ban_hanh": merged.info.ten})
            files.append(word_file(report, site.xa))
    figures = [r for _, data in published for r in data["so_lieu"]]
    ratios = [r for _, data in published for r in data["ty_le"]]
    corrections = [r for _, data in published for r in data["cap_nhat"]]
    changes = [r for _, data in published for r in data["thay_doi"]]
    procedures = procedure_records(site)
    files += [
        DataFile(
            addresses.FIGURES_CSV,
            to_csv(FIGURES, figures),
            "Số liệu qua các kỳ",
            "Số liệu của mọi báo cáo đã đăng, mỗi dòng một chỉ tiêu của một kỳ.",
            FIGURES,
        ),
        DataFile(
            addresses.RATES_CSV,
            to_csv(RATES, ratios),
            "Tỷ lệ qua các kỳ",
            "Các tỷ lệ tính từ số liệu của mọi báo cáo, kèm tử số, mẫu số và cách tính.",
            RATES,
        ),
        DataFile(
            addresses.FIGURES_JSON,
            to_json({"so_lieu": figures, "ty_le": ratios}),
            "Số liệu và tỷ lệ qua các kỳ (JSON)",
            "Nội dung của chi-so.csv và ty-le.csv trong một tệp JSON.",
        ),
        DataFile(
            addresses.CHANGES_CSV,
            to_csv(CHANGES, changes),
            "Thay đổi so với kỳ trước nêu trong báo cáo",
            "Mỗi thay đổi báo cáo nêu («tăng 36,49%»), kỳ so sánh và kết quả đối chiếu với báo cáo kỳ đó.",
            CHANGES,
        ),
        DataFile(
            addresses.CORRECTIONS_CSV,
            to_csv(CORRECTIONS, corrections),
            "Các lần cập nhật báo cáo",
            "Mọi đính chính sau khi đăng tải: ngày, nội dung, giá trị cũ, giá trị mới, lý do.",
            CORRECTIONS,
        ),
        DataFile(
            addresses.LIST_CSV,
            to_csv(PROCEDURES, procedures),
            "Danh mục thủ tục hành chính",
            "Mọi thủ tục trong danh mục, kể cả thủ tục đã bãi bỏ (có ngày bãi bỏ).",
            PROCEDURES,
        ),
        DataFile(
            addresses.LIST_JSON,
            to_json(
                {
                    "nguon": site.danh_muc.nguon.model_dump(mode="json"),
                    "thu_tuc": [
                        {**t.model_dump(mode="json", exclude_none=True), "trang": r["trang"]}
                        for t, r in zip(site.danh_muc.thu_tuc, procedures, strict=False)
                    ],
                }
            ),
            "Danh mục thủ tục hành chính (JSON)",
            "Danh mục đầy đủ, kèm chi tiết từng thủ tục khi có.",
        ),
    ]
    files.append(  # the search's everyday words (tim-kiem.js), open data as well
        DataFile(
            addresses.SEARCH_ALIASES,
            search_aliases.alias_json(site.tu_dong_nghia),
            search_aliases.TITLE,
            search_aliases.DESCRIPTION,
        )
    )
    files.append(
        DataFile(
            addresses.RECORD,
            to_json(verification_record(site, files)),
            "Dữ liệu đối chiếu bản lưu",
            "Mọi nội dung đã công bố của từng báo cáo (mã, tên, dấu vân tay, nguyên văn), dấu vân tay và "
            "các lần cập nhật: cho lệnh «python -m cchc_site verify» đối chiếu một bản lưu với trang hôm nay.",
        )
    )
    feed = atom_feed(site, [(r, d["cap_nhat"]) for r, d in published])
    return [
        *files,
        datapackage(site, files),
        DataFile(
            addresses.FEED, feed, "Tin cập nhật (Atom)", "Báo cáo mới đăng tải và các lần cập nhật báo cáo."
        ),
    ]


def datapackage(site: SiteData, files: list[DataFile]) -> DataFile:
    """A Frictionless Data Package describing every file: titles, types, units, size, SHA-256."""
    descriptor = datapackage_descriptor(
        files,
        name="cchc-" + text.slugify(site.xa.ten),
        title=f"Dữ liệu cải cách hành chính – {site.xa.co_quan}",
        description=(
            f"Số liệu các báo cáo cải cách hành chính đã đăng tải và danh mục thủ tục hành chính của "
            f"{site.xa.co_quan}. Số liệu chép từ báo cáo đã ký; tỷ lệ được tính từ số liệu. "
            "Tệp CSV mã hóa UTF-8 có BOM, phân cách bằng dấu phẩy, số thập phân dùng dấu chấm."
        ),
        keywords=["cải cách hành chính", "thủ tục hành chính", site.xa.ten],
    )
    return DataFile(
        addresses.DATAPACKAGE,
        to_json(descriptor),
        "Mô tả gói dữ liệu (Data Package)",
        "Mô tả mọi tệp dữ liệu theo chuẩn Frictionless Data Package.",
    )


def datapackage_descriptor(
    files: list[DataFile], name: str, title: str, description: str, keywords: list[str]
) -> dict[str, Any]:
    """The Data Package descriptor of ``files`` (all under ``du-lieu/``); also the province overview's."""
    resources = []
    for item in files:
        resource: dict[str, Any] = {
            "name": item.uri[len(addresses.DATA_DIR) + 1 :].replace("/", "-").replace(".", "-").lower(),
            "path": item.uri[len(addresses.DATA_DIR) + 1 :],
            "title": item.title,
            "description": item.description,
            "format": item.format,
            "mediatype": item.mediatype,
            "bytes": item.size,
            "hash": f"sha256:{item.sha256}",
        }
        if item.columns:
            resource["encoding"] = "utf-8"
            resource["schema"] = {
                "fields": [
                    {
                        "name": c.name,
                        "type": c.type,
                        "title": c.title,
                        **({"description": c.description} if c.description else {}),
                        **({"format": "default"} if c.type == "date" else {}),
                    }
                    for c in item.columns
                ]
            }
        resources.append(resource)
    return {
        "name": name,
        "title": title,
        "description": description,
        "keywords": keywords,
        "resources": resources,
    }
