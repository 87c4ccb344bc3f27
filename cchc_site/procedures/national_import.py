"""National records against the procedure list: which procedure each record details, what changes,
what differs from what the commune entered, which uncoded procedures a record may be.

A record details the procedure with its code (or whose ``ban_ghi`` names it). It is written to
``thu-tuc-quoc-gia/<mã>.yaml`` and never touches the commune's own layer (``chi_tiet``): where the
two differ, the difference is listed for a person to review. A record no procedure has is added
only with ``--them-moi``; a record whose name is an uncoded procedure's is a suggestion, never applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .. import text
from ..addresses import schema_comment
from ..content.drafts import Writer, plain
from ..core.models import NHOM_SHORT, ChiTiet, ThoiHan, ThuTuc
from ..core.record import DEFECTS, SHAPES, SOURCE_KINDS, BanGhi, CachThuc, KetQua, NguyenVan, flagged
from ..site_data import SiteData
from .matching import Matcher, clean_name

if TYPE_CHECKING:
    from .national_files import Found

_LEGAL_NUMBER = re.compile(r"\b\d+/\d{4}/[A-ZĐ][A-ZĐ0-9-]*")


@dataclass(frozen=True)
class Options:
    them_moi: bool = False
    ngay_niem_yet: date | None = None  # the listing day of procedures added with --them-moi


@dataclass
class Plan:
    written: dict[str, BanGhi] = field(default_factory=dict)  # code → record, new or changed
    new: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # code → the parts that changed
    unchanged: list[str] = field(default_factory=list)
    added: list[ThuTuc] = field(default_factory=list)
    result: list[ThuTuc] = field(default_factory=list)  # the list after the import
    not_listed: list[Found] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        return bool(self.written or self.added)


def group_of(record: BanGhi) -> str:
    """The list's group of a record, from the body that published it (BQP: Defence, BCA: Police)."""
    decision = (record.nguon.quyet_dinh_cong_bo or "").upper()
    if decision.endswith("BQP"):
        return "quoc_phong"
    if decision.endswith("BCA"):
        return "cong_an"
    return "cap_xa"


def plan_national(found: list[Found], site: SiteData, options: Options) -> Plan:
    plan = Plan(result=list(site.danh_muc.thu_tuc))
    by_code = {t.record_code: t for t in site.danh_muc.thu_tuc if t.record_code}
    uncoded = [t for t in site.danh_muc.thu_tuc if not t.record_code]
    matcher = Matcher(uncoded)
    for item in found:
        record = item.record
        code = record.nguon.ma
        listed = by_code.get(code)
        if listed is not None:
            _compare(plan, code, record, site.records.get(code))
            if listed.chi_tiet is not None:
                plan.differences += [
                    f"{code} {listed.ten}: {line}" for line in differences(listed.chi_tiet, record)
                ]
            continue
        group = group_of(record)
        match = matcher.match("", record.ten, group)
        if match is not None and match.kind != "khong_dau":
            entry = uncoded[match.index]
            plan.suggestions.append(
                f"«{entry.ten}» ({NHOM_SHORT[entry.nhom]}, chưa có mã) là bản ghi {code} «{record.ten}» "
                f"({match.how}, độ tin cậy {match.confidence})"
                + (f"; {match.note}" if match.note else "")
                + f'. Nếu đúng, ghi «ban_ghi: "{code}"» cho thủ tục này (hoặc «ma» khi đã đối chiếu quyết định công bố).'
            )
            continue
        if options.them_moi:
            _add(plan, record, group, options)
        else:
            plan.not_listed.append(item)
        similar = matcher.suggest(record.ten, group, set())
        if similar is not None:
            entry = uncoded[similar[0]]
            plan.suggestions.append(
                f"«{entry.ten}» ({NHOM_SHORT[entry.nhom]}, chưa có mã) gần giống bản ghi {code} «{record.ten}» "
                f"(giống {similar[1]:.0%}): chỉ là gợi ý, cần đối chiếu tên và nội dung."
            )
    return plan


def _compare(plan: Plan, code: str, record: BanGhi, current: BanGhi | None) -> None:
    if current is None:
        plan.new.append(code)
        plan.written[code] = record
    elif current == record:
        plan.unchanged.append(code)
    else:
        parts = [
            (type(record).model_fields[name].title or name)
            for name in type(record).model_fields
            if getattr(record, name) != getattr(current, name)
        ]
        plan.changed[code] = parts
        plan.written[code] = record


def _add(plan: Plan, record: BanGhi, group: str, options: Options) -> None:
    code = record.nguon.ma
    if options.ngay_niem_yet is None:
        if not any("--ngay-niem-yet" in line for line in plan.refused):
            plan.refused.append("Thêm thủ tục mới (--them-moi) cần ngày niêm yết: thêm --ngay-niem-yet NGÀY.")
        return
    if not record.linh_vuc:
        plan.refused.append(
            f"{code} «{record.ten}»: bản ghi không ghi lĩnh vực, chưa thêm được vào danh mục."
        )
        return
    entry = ThuTuc.model_validate(
        {
            "ma": code,
            "ten": clean_name(record.ten) or record.ten,
            "linh_vuc": record.linh_vuc,
            "nhom": group,
            "ngay_niem_yet": options.ngay_niem_yet,
        }
    )
    plan.added.append(entry)
    plan.result.append(entry)
    plan.written[code] = record
    plan.new.append(code)


def differences(own: ChiTiet, record: BanGhi) -> list[str]:
    """Where the commune's entered details and the record say different things (the commune's stay)."""
    found: list[str] = []
    channels = [c for c in record.cach_thuc if isinstance(c, CachThuc)]
    times = {
        c.thoi_han.amount for c in channels if isinstance(c.thoi_han, ThoiHan) and c.thoi_han.so is not None
    }
    if (
        own.thoi_han is not None
        and own.thoi_han.so is not None
        and times
        and own.thoi_han.amount not in times
    ):
        found.append(f"thời hạn: xã ghi «{own.thoi_han.amount}», bản ghi ghi «{'; '.join(sorted(times))}»")
    own_fees = {f.so_tien for f in own.phi_le_phi if f.so_tien is not None}
    record_fees = {
        f.so_tien
        for c in channels
        for f in c.phi_le_phi
        if not isinstance(f, NguyenVan) and f.so_tien is not None and f.tien_te == "dong"
    }
    if own_fees and record_fees and own_fees != record_fees:
        found.append(f"phí, lệ phí: xã ghi {_amounts(own_fees)}, bản ghi ghi {_amounts(record_fees)}")
    documents = [g for group in record.ho_so if not isinstance(group, NguyenVan) for g in group.giay_to]
    if own.thanh_phan_ho_so and documents and len(own.thanh_phan_ho_so) != len(documents):
        found.append(
            f"thành phần hồ sơ: xã ghi {len(own.thanh_phan_ho_so)} giấy tờ, bản ghi có {len(documents)}"
        )
    own_laws = {m for line in own.can_cu_phap_ly for m in _LEGAL_NUMBER.findall(line)}
    record_laws = {
        m
        for law in record.can_cu_phap_ly
        for m in _LEGAL_NUMBER.findall(
            law.nguyen_van if isinstance(law, NguyenVan) else f"{law.so_ky_hieu or ''} {law.trich_yeu}"
        )
    }
    if own_laws and record_laws:
        only_own, only_record = sorted(own_laws - record_laws), sorted(record_laws - own_laws)
        if only_own or only_record:
            found.append(
                "căn cứ pháp lý: "
                + "; ".join(
                    part
                    for part in (
                        f"chỉ xã ghi {', '.join(only_own)}" if only_own else "",
                        f"chỉ bản ghi có {', '.join(only_record)}" if only_record else "",
                    )
                    if part
                )
            )
    results = [r.ten for r in record.ket_qua if isinstance(r, KetQua)]
    if own.ket_qua and results and not any(_same(own.ket_qua, r) for r in results):
        found.append(f"kết quả: xã ghi «{own.ket_qua}», bản ghi ghi «{'; '.join(results)}»")
    return found


def _amounts(values: set[int]) -> str:
    return ", ".join("không thu" if v == 0 else f"{text.format_number(v)} đồng" for v in sorted(values))


def _same(one: str, other: str) -> bool:
    return text.fold(" ".join(one.split())).lower().rstrip(".") in text.fold(" ".join(other.split())).lower()


def flags_of(records: dict[str, BanGhi]) -> list[tuple[str, str, NguyenVan]]:
    """(code, part, kept wording) of every part left for a person, in code order."""
    return [(code, part, item) for code in sorted(records) for part, item in flagged(records[code])]


def describe(plan: Plan, found: list[Found], site: SiteData, verbose: bool = False) -> str:
    """The preview the clerk reads before anything is written."""
    shapes: dict[str, int] = {}
    for each in found:
        shapes[each.record.nguon.dang] = shapes.get(each.record.nguon.dang, 0) + 1
    lines = [
        f"Đọc {len(found)} bản ghi ("
        + ", ".join(f"{count} {SHAPES[shape]}" for shape, count in sorted(shapes.items()))
        + ").",
        (
            f"Bản ghi của thủ tục trong danh mục: {len(plan.new) - len(plan.added)} mới, "
            f"{len(plan.changed)} thay đổi, {len(plan.unchanged)} không đổi."
        ),
    ]
    for code, parts in sorted(plan.changed.items()):
        lines.append(f"  - {code}: đổi {', '.join(parts)}")
    if plan.added:
        lines.append(f"Thêm vào danh mục (--them-moi): {len(plan.added)} thủ tục.")
        lines += [
            f"  + {t.ma} {t.ten} ({NHOM_SHORT[t.nhom]}, {t.linh_vuc})"
            for t in plan.added[: None if verbose else 20]
        ]
        if len(plan.added) > 20 and not verbose:
            lines.append(f"  … và {len(plan.added) - 20} thủ tục nữa (--chi-tiet: cả danh sách).")
    if plan.not_listed:
        lines.append(
            f"Không có trong danh mục, chưa nhập: {len(plan.not_listed)} bản ghi (thêm vào danh mục bằng --them-moi)."
        )
        shown = plan.not_listed if verbose else plan.not_listed[:10]
        lines += [f"  · {f.record.nguon.ma} {f.record.ten} ({f.where})" for f in shown]
        if len(shown) < len(plan.not_listed):
            lines.append(
                f"  … và {len(plan.not_listed) - len(shown)} bản ghi nữa (--chi-tiet: cả danh sách)."
            )
    flags = flags_of(plan.written)
    if flags:
        kinds: dict[str, int] = {}
        for _, _, item in flags:
            kinds[item.loi] = kinds.get(item.loi, 0) + 1
        lines.append(
            f"Phần cần người đối chiếu (trang hiện nguyên văn của Cổng, có ghi chú): {len(flags)} chỗ trong "
            f"{len({code for code, _, _ in flags})} bản ghi: "
            + "; ".join(
                f"{count} {DEFECTS[kind]}" for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1])
            )
            + "."
        )
        shown_flags = flags if verbose else flags[:15]
        for code, part, item in shown_flags:
            title = BanGhi.model_fields[part].title if part in BanGhi.model_fields else part
            lines.append(f"  ! {code} {title}: {DEFECTS[item.loi]}: {_quote(item.nguyen_van)}")
        if len(shown_flags) < len(flags):
            lines.append(f"  … và {len(flags) - len(shown_flags)} chỗ nữa (--chi-tiet: cả danh sách).")
    if plan.differences:
        lines.append(
            f"Khác với phần xã đã nhập (trang giữ phần của xã; xem lại từng chỗ): {len(plan.differences)} chỗ."
        )
        lines += [f"  ≠ {line}" for line in plan.differences]
    if plan.suggestions:
        lines.append(
            f"Gợi ý cho thủ tục chưa có mã (chưa áp dụng; chỉ ghi vào danh mục khi đã đối chiếu): "
            f"{len(plan.suggestions)}."
        )
        lines += [f"  ? {line}" for line in plan.suggestions]
    missing = [t for t in site.listed if t.ma and t.ma not in site.records and t.ma not in plan.written]
    if missing:
        lines.append(
            f"Thủ tục có mã mà chưa có bản ghi (kể cả sau lần nhập này): {len(missing)}; trang của chúng chưa có chi tiết "
            "nếu xã chưa nhập."
        )
    return "\n".join(lines)


def _quote(value: str, width: int = 90) -> str:
    flat = " ".join(value.split())
    return f"«{flat if len(flat) <= width else flat[:width].rsplit(' ', 1)[0] + ' …'}»"


HEADER = (
    "# Bản ghi của thủ tục {code} trong {source}, phiên bản {version}; lệnh import-national ghi tệp này.\n"
    "# Không sửa tay: nhập lại khi có phiên bản mới. Phần riêng của xã (nơi nhận, giờ, phí của tỉnh, thời\n"
    "# hạn của địa phương, ghi chú) ghi ở «chi_tiet» của thủ tục trong thu-tuc.yaml: không bao giờ bị ghi đè."
)


def record_text(record: BanGhi, relative: str) -> str:
    """The record file as written: its schema, a header saying what it is, then the record."""
    out = Writer(fold_over=90)
    out.lines.append(schema_comment(relative))
    out.lines += HEADER.format(
        code=record.nguon.ma, source=SOURCE_KINDS[record.nguon.loai], version=record.nguon.phien_ban
    ).splitlines()
    out.data(0, plain(record), frozenset({"ma"}))
    return out.text()
