"""``new-report``: next quarter's file from the previous report, ready to fill in.

Kept: the issuing body, the recipients, the signature, the section titles and the kinds of
figures with their scopes. Emptied: every paragraph and every figure (the previous value is
shown in a comment). The data window is written out (Decree 09/2019 by default). The file is
a draft (no ``ngay_dang_tai``) and fails ``check`` until every blank is filled: the errors are
the to-do list.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import text
from .errors import Problems
from .indicators import APPROX
from .load import load_yaml
from .models import BaoCao, Block, PhamVi, SoLieu, SoLieuMuc, default_period, unit_of
from .schema import schema_comment
from .validate import REPORT_DIR, validate_model

QUARTER = re.compile(r"^(\d{4})-q([1-4])$")


@dataclass
class Raw:
    """A value written as is (a flow mapping such as ``{loai: ky_bao_cao}``)."""

    text: str


@dataclass
class Entry:
    key: str
    value: Any = None  # scalar, Raw, list of Entry (a mapping), or Items
    comment: str = ""


@dataclass
class Items:
    """A sequence: each item a scalar or a list of Entry."""

    values: list[Any] = field(default_factory=list)
    comment: str = ""


def create_report(content: Path, quarter: str, start: date | None, end: date | None) -> int:
    match = QUARTER.match(quarter)
    if not match:
        print(f"Kỳ báo cáo «{quarter}» không đúng dạng NĂM-qQUÝ, VD: 2022-q4.", file=sys.stderr)
        return 2
    nam, quy = int(match.group(1)), int(match.group(2))
    target = content / REPORT_DIR / f"{quarter}.yaml"
    if target.exists():
        print(f"Tệp {target} đã có: không ghi đè. Sửa trực tiếp tệp đó, hoặc xóa nó trước nếu muốn tạo lại.",
              file=sys.stderr)
        return 1
    previous = _previous(content, nam, quy)
    if previous is None:
        print(f"Không có báo cáo nào trước quý {quy}/{nam} trong {content / REPORT_DIR} để làm mẫu.", file=sys.stderr)
        return 1
    default_start, default_end = default_period(nam, quy)
    period = (start or default_start, end or default_end)
    target.write_text(render(previous, nam, quy, period, f"{quarter}.yaml"), encoding="utf-8")
    print(f"Đã tạo {target} từ báo cáo {previous.label}: kỳ số liệu "
          f"{text.format_date(period[0])} – {text.format_date(period[1])}.")
    print("Điền các chỗ trống (chép nguyên văn từ bản đã ký), rồi chạy «python -m cchc_site check»: "
          "lệnh liệt kê những chỗ còn thiếu. Chưa ghi «ngay_dang_tai» nên báo cáo là bản nháp, chưa đăng.")
    return 0


def _previous(content: Path, nam: int, quy: int) -> BaoCao | None:
    """The latest readable report before the quarter (drafts included)."""
    candidates = []
    for path in (content / REPORT_DIR).glob("*.yaml"):
        match = QUARTER.match(path.stem)
        if match and (int(match.group(1)), int(match.group(2))) < (nam, quy):
            candidates.append(path)
    for path in sorted(candidates, reverse=True):
        problems = Problems()
        doc = load_yaml(path, path.name, problems)
        model = validate_model(doc, BaoCao, problems) if doc is not None else None
        if model is not None:
            return model
    return None


def render(previous: BaoCao, nam: int, quy: int, period: tuple[date, date], file_name: str) -> str:
    """The new file's text: skeleton of ``previous`` for quarter ``quy``/``nam``."""
    entries = [
        Entry("nam", nam), Entry("quy", quy),
        Entry("ky_bao_cao", [Entry("tu_ngay", Raw(period[0].isoformat())), Entry("den_ngay", Raw(period[1].isoformat()))],
              "kỳ số liệu (mặc định theo NĐ 09/2019/NĐ-CP); sửa nếu báo cáo ghi khác"),
        Entry("co_quan_ban_hanh", previous.co_quan_ban_hanh),
        Entry("so_ky_hieu", None, "số, ký hiệu trên bản đã ký, VD: 45/BC-UBND; bỏ trống nếu bản lưu không có"),
        Entry("ngay_ban_hanh", None, "ngày ban hành trên bản đã ký, VD: 2022-12-18"),
        Entry("trich_yeu", "", f"quý trước: «{previous.trich_yeu}»"),
        Entry("can_cu", Items(comment=f"văn bản căn cứ (quý trước có {len(previous.can_cu)}); "
                                      "mỗi văn bản: loai, so_ky_hieu, ngay, co_quan, trich_yeu")),
        Entry("mo_dau", Items([""], "phần mở đầu, nguyên văn")),
        Entry("phan", Items([_section(phan, period) for phan in previous.phan])),
        Entry("danh_gia_chung", [
            Entry("so", previous.danh_gia_chung.so), Entry("tieu_de", previous.danh_gia_chung.tieu_de),
            Entry("nhan_dinh", Items(comment="các ý nhận định chung (nếu có)")),
            Entry("han_che", Items([""], "các hạn chế, mỗi ý một dòng «- »"))]),
        Entry("phuong_huong", [
            Entry("so", previous.phuong_huong.so),
            Entry("tieu_de", "", f"quý trước: «{previous.phuong_huong.tieu_de}»"),
            Entry("nhiem_vu", Items([""], "các nhiệm vụ, theo thứ tự 1, 2, …"))]),
        Entry("ket_luan", "", f"câu kết; quý trước: «{previous.ket_luan[:80]}»"),
        Entry("noi_nhan", Items(list(previous.noi_nhan), "chép lại từ quý trước: sửa nếu khác")),
        Entry("chu_ky", [Entry("quyen_han", previous.chu_ky.quyen_han), Entry("chuc_vu", previous.chu_ky.chuc_vu),
                         Entry("ho_ten", previous.chu_ky.ho_ten)], "người ký quý trước: sửa nếu khác"),
    ]
    header = [
        schema_comment(f"{REPORT_DIR}/{file_name}"),
        f"# Báo cáo CCHC quý {quy} năm {nam}, tạo từ báo cáo {previous.label} bằng «python -m cchc_site new-report».",
        "# Điền mọi chỗ trống, chép nguyên văn từ bản đã ký; «python -m cchc_site check» liệt kê chỗ còn thiếu.",
        "# Số liệu để trống nếu báo cáo không nêu. Chưa có «ngay_dang_tai»: đây là bản nháp, chưa đăng.",
    ]
    return "\n".join([*header, *_dump(entries, 0)]) + "\n"


def _section(phan, period: tuple[date, date]) -> list[Entry]:
    muc_items = []
    for muc in phan.muc:
        entries = [Entry("so", muc.so), Entry("tieu_de", muc.tieu_de), Entry("doan_van", Items([""], "nguyên văn"))]
        if muc.so_lieu is not None:
            entries.append(Entry("so_lieu", [_block(name, block, period) for name, block in muc.so_lieu.blocks()]))
        muc_items.append(entries)
    entries = [Entry("so", phan.so), Entry("tieu_de", phan.tieu_de)]
    if phan.doan_van:
        entries.append(Entry("doan_van", Items([""])))
    if phan.muc:
        entries.append(Entry("muc", Items(muc_items)))
    return entries


def _block(name: str, block: Block, period: tuple[date, date]) -> Entry:
    title = SoLieuMuc.model_fields[name].title or name
    return Entry(name, _fields(block, period), title)


def _fields(block: Block, period: tuple[date, date]) -> list[Entry]:
    entries = []
    for name, info in type(block).model_fields.items():
        value = getattr(block, name)
        if value is None:
            continue
        if name == "pham_vi":
            entries.append(Entry(name, Raw(_scope(value, period))))
        elif isinstance(value, SoLieu):
            shown = APPROX.get(value.xap_xi or "", "") + text.format_number(value.gia_tri)
            entries.append(Entry(name, None, f"{info.title} ({unit_of(type(block), name)}); quý trước: {shown}"))
        elif isinstance(value, Block):
            entries.append(Entry(name, _fields(value, period), info.title or ""))
        elif isinstance(value, list):
            entries.append(Entry(name, Items(comment=f"{info.title}: quý trước có {len(value)} mục")))
        else:
            entries.append(Entry(name, value, info.title or ""))
    return entries


def _scope(scope: PhamVi, period: tuple[date, date]) -> str:
    """The previous scope moved to the new quarter: dates that cannot be known are left empty."""
    if scope.loai == "tinh_den":
        return "{loai: tinh_den, ngay: }"
    if scope.loai == "khoang":
        return f"{{loai: khoang, tu_ngay: {period[0].isoformat()}, den_ngay: {period[1].isoformat()}}}"
    return f"{{loai: {scope.loai}}}"


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Raw):
        return value.text
    if value == "":
        return '""'
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def _dump(entries: list[Entry], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for entry in entries:
        note = f"  # {entry.comment}" if entry.comment else ""
        if isinstance(entry.value, list):
            lines.append(f"{pad}{entry.key}:{note}")
            lines += _dump(entry.value, indent + 2)
        elif isinstance(entry.value, Items):
            items = entry.value
            comment = items.comment or entry.comment
            note = f"  # {comment}" if comment else ""
            if not items.values:
                lines.append(f"{pad}{entry.key}: []{note}")
                continue
            lines.append(f"{pad}{entry.key}:{note}")
            for item in items.values:
                if isinstance(item, list):
                    inner = _dump(item, indent + 4)
                    lines.append(f"{pad}  - {inner[0].lstrip()}")
                    lines += inner[1:]
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
        else:
            value = _scalar(entry.value)
            lines.append(f"{pad}{entry.key}:{' ' + value if value else ''}{note}")
    return lines

