"""A new report file for any period, ready to fill in (``python -m cchc_site new-report``).

From the latest earlier report (of the same kind when there is one): kept are the issuing body,
the recipients, the signature, the section titles and the groups of figures with their scopes;
emptied are every paragraph and every figure (the earlier value is shown in a comment). A
commune's first report gets the standard outline (``mau/de-cuong.yaml``). The data window is
written out (Decree 09/2019 by default). The file is a draft (no ``ngay_dang_tai``) and fails
``check`` until every blank is filled: the errors are the to-do list.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .. import text
from ..addresses import REPORT_DIR, XA_FILE, report_file, schema_comment
from ..content.documents import load_yaml
from ..content.drafts import Entry, Items, Raw, Writer, period_entries, quoted
from ..content.translate import read_quietly
from ..core import periods
from ..core.errors import Problems
from ..core.models import BaoCao, Xa
from ..core.periods import Ky
from ..indicators import APPROX
from ..indicators.catalogue import Catalogue, Group, commune_catalogue
from ..indicators.figures import FigureSet, read_figures

OUTLINE = Path(__file__).resolve().parents[1] / "mau" / "de-cuong.yaml"


class ScaffoldError(Exception):
    """No draft can be made; the message is Vietnamese and says why."""


def draft(content: Path, ky: Ky, window: tuple[date, date]) -> tuple[str, str]:
    """The new report file's text, and where its outline comes from (for the clerk's message)."""
    catalogue = commune_catalogue(content)
    previous = _previous(content, ky, catalogue)
    if previous is not None:
        model, figures = previous
        return render(model, figures, catalogue, ky, window), f"từ báo cáo {model.label}"
    profile = read_quietly(content / XA_FILE, Xa)
    if profile is None:
        raise ScaffoldError(
            f"Không đọc được {content / XA_FILE}: cần thông tin của xã để tạo báo cáo đầu tiên."
        )
    body = render_first(profile[1], catalogue, ky, window)
    return body, "theo đề cương chuẩn (xã chưa có báo cáo nào trước kỳ này)"


def _previous(content: Path, ky: Ky, catalogue: Catalogue) -> tuple[BaoCao, FigureSet] | None:
    """The latest readable report before the period, of the same kind first (drafts included)."""
    found = []
    for path in (content / REPORT_DIR).glob("*.yaml") if (content / REPORT_DIR).is_dir() else []:
        other = periods.parse(path.stem)
        if other is not None and other.order < ky.order:
            found.append(
                (
                    other.loai != ky.loai,
                    tuple(-part.toordinal() if isinstance(part, date) else -part for part in other.order),
                    path,
                )
            )
    for *_, path in sorted(found):
        read = read_quietly(path, BaoCao)
        if read is not None:
            doc, model = read
            return model, read_figures(doc, model, catalogue, Problems())
    return None


def _header(ky: Ky, source: str) -> list[str]:
    return [
        schema_comment(report_file(ky.slug)),
        f"# Báo cáo CCHC {ky.in_words}, {source} bằng «python -m cchc_site new-report».",
        "# Điền mọi chỗ trống, chép nguyên văn từ bản đã ký; «python -m cchc_site check» liệt kê chỗ còn thiếu.",
        "# Số liệu báo cáo không nêu: xóa dòng đó; không nêu số nào của một nhóm: xóa cả nhóm.",
        "# Chưa có «ngay_dang_tai»: đây là bản nháp, chưa đăng.",
    ]


def render(
    previous: BaoCao,
    figures: FigureSet,
    catalogue: Catalogue,
    ky: Ky,
    window: tuple[date, date],
) -> str:
    """The new file's text: the skeleton of ``previous`` for the period ``ky``."""
    sections = [
        _section(phan, figures, catalogue, window, index) for index, phan in _numbered_parts(previous)
    ]
    entries = [
        *period_entries(ky, window),
        Entry("co_quan_ban_hanh", previous.co_quan_ban_hanh),
        Entry(
            "so_ky_hieu", None, "số, ký hiệu trên bản đã ký, VD: 45/BC-UBND; bỏ trống nếu bản lưu không có"
        ),
        Entry("ngay_ban_hanh", None, "ngày ban hành trên bản đã ký, VD: " + window[1].isoformat()),
        Entry(
            "trich_yeu",
            "",
            f"VD: «Công tác cải cách hành chính {ky.in_words}»; kỳ trước: {quoted(previous.trich_yeu)}",
        ),
        Entry(
            "can_cu",
            Items(
                comment=f"văn bản căn cứ (kỳ trước có {len(previous.can_cu)}); "
                "mỗi văn bản: loai, so_ky_hieu, ngay, co_quan, trich_yeu"
            ),
        ),
        Entry("mo_dau", Items([""], "phần mở đầu, nguyên văn")),
        Entry("phan", Items(sections)),
    ]
    if previous.danh_gia_chung is not None:
        entries.append(
            Entry(
                "danh_gia_chung",
                [
                    Entry("so", previous.danh_gia_chung.so),
                    Entry("tieu_de", previous.danh_gia_chung.tieu_de),
                    Entry("nhan_dinh", Items(comment="các ý nhận định chung (nếu có)")),
                    Entry("han_che", Items([""], "các hạn chế, mỗi ý một dòng «- »")),
                ],
            )
        )
    if previous.phuong_huong is not None:
        entries.append(
            Entry(
                "phuong_huong",
                [
                    Entry("so", previous.phuong_huong.so),
                    Entry(
                        "tieu_de",
                        "",
                        f"VD: «PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM {ky.next_focus}»; kỳ trước: "
                        f"{quoted(previous.phuong_huong.tieu_de)}",
                    ),
                    Entry("nhiem_vu", Items([""], "các nhiệm vụ, theo thứ tự 1, 2, …")),
                ],
            )
        )
    entries += [
        Entry(
            "ket_luan",
            "",
            f"câu kết; kỳ trước: {quoted(previous.ket_luan)}"
            if previous.ket_luan
            else "câu kết (kỳ trước không có: khong_co)",
        ),
        Entry("noi_nhan", Items(list(previous.noi_nhan), "chép lại từ kỳ trước: sửa nếu khác")),
    ]
    signer = previous.chu_ky
    if signer is not None:
        entries.append(
            Entry(
                "chu_ky",
                [
                    Entry("quyen_han", signer.quyen_han),
                    Entry("chuc_vu", signer.chuc_vu),
                    Entry("ho_ten", signer.ho_ten),
                ],
                "người ký kỳ trước: sửa nếu khác",
            )
        )
    else:
        entries.append(
            Entry(
                "chu_ky", [Entry("quyen_han", ""), Entry("chuc_vu", ""), Entry("ho_ten", "")], "như bản đã ký"
            )
        )
    return _written(_header(ky, f"tạo từ báo cáo {previous.label}"), entries)


def _numbered_parts(report: BaoCao):
    """Each part with the index of its first section among the report's sections."""
    index = 0
    for phan in report.phan:
        yield index, phan
        index += len(phan.muc)


def _section(
    phan, figures: FigureSet, catalogue: Catalogue, window: tuple[date, date], first: int
) -> list[Entry]:
    muc_items = []
    for offset, muc in enumerate(phan.muc):
        entries = [
            Entry("so", muc.so),
            Entry("tieu_de", muc.tieu_de),
            Entry("doan_van", Items([""], "nguyên văn")),
        ]
        dump = figures.dumps.get(first + offset)
        if dump:
            entries.append(Entry("so_lieu", _figure_groups(dump, catalogue, window)))
        muc_items.append(entries)
    entries = [Entry("so", phan.so), Entry("tieu_de", phan.tieu_de)]
    if phan.doan_van:
        entries.append(Entry("doan_van", Items([""])))
    if phan.muc:
        entries.append(Entry("muc", Items(muc_items)))
    return entries


def _figure_groups(dump: dict[str, Any], catalogue: Catalogue, window: tuple[date, date]) -> list[Entry]:
    entries = []
    for key, value in dump.items():
        if key in ("ty_le", "thay_doi"):
            word = "tỷ lệ" if key == "ty_le" else "thay đổi so với kỳ trước"
            entries.append(Entry(key, Items(comment=f"{word} văn bản nêu; kỳ trước có {len(value)}")))
            continue
        group = catalogue.groups.get(key)
        if group is None:
            continue
        if isinstance(value, list):
            entries.append(Entry(key, Items([_members(group, item, window) for item in value]), group.label))
        else:
            entries.append(Entry(key, _members(group, value, window), group.label))
    return entries


def _members(group: Group, value: dict[str, Any], window: tuple[date, date]) -> list[Entry]:
    entries = []
    for name, sub in value.items():
        if name == "pham_vi":
            entries.append(Entry(name, Raw(_scope(sub, window))))
        elif name in group.indicators:
            indicator = group.indicators[name]
            before = APPROX.get(sub.get("xap_xi") or "", "") + text.format_number(sub["gia_tri"])
            entries.append(Entry(name, None, f"{indicator.label} ({indicator.unit}); kỳ trước: {before}"))
        elif name in group.subgroups:
            entries.append(
                Entry(name, _members(group.subgroups[name], sub, window), group.subgroups[name].label)
            )
        elif name in group.lists:
            spec = group.lists[name]
            entries.append(
                Entry(
                    name,
                    Items(
                        comment=f"{spec.label}: kỳ trước có {len(sub)} mục; mỗi mục: "
                        f"{spec.name_key}, " + ", ".join(spec.indicators)
                    ),
                )
            )
        elif name == "van_ban":
            entries.append(Entry(name, Items(comment=f"quyết định, thông báo: kỳ trước có {len(sub)}")))
        else:
            entries.append(Entry(name, sub))
    return entries


def _scope(scope: dict[str, Any], window: tuple[date, date]) -> str:
    """The earlier scope moved to the new period: dates that cannot be known are left empty."""
    if scope["loai"] == "tinh_den":
        return "{loai: tinh_den, ngay: }"
    if scope["loai"] == "khoang":
        return f"{{loai: khoang, tu_ngay: {window[0].isoformat()}, den_ngay: {window[1].isoformat()}}}"
    return f"{{loai: {scope['loai']}}}"


def render_first(xa: Xa, catalogue: Catalogue, ky: Ky, window: tuple[date, date]) -> str:
    """A commune's first report, from the standard outline."""
    problems = Problems()
    doc = load_yaml(OUTLINE, "mau/de-cuong.yaml", problems)
    assert doc is not None, problems.items  # a file of the package
    outline = doc.data
    parts = []
    for part in outline["phan"]:
        muc_items = []
        for number, muc in enumerate(part["muc"], 1):
            entries = [
                Entry("so", number),
                Entry("tieu_de", muc["tieu_de"].format(thoi_gian=ky.plan_span)),
                Entry("doan_van", Items([""], "nguyên văn")),
            ]
            groups = []
            for key, names in (muc.get("so_lieu") or {}).items():
                group = catalogue.groups[key]
                members = [Entry("pham_vi", Raw("{loai: ky_bao_cao}"))]
                members += [
                    Entry(name, None, f"{group.indicators[name].label} ({group.indicators[name].unit})")
                    for name in names
                ]
                groups.append(Entry(key, members, f"{group.label}; bỏ cả nhóm nếu báo cáo không nêu"))
            if groups:
                entries.append(Entry("so_lieu", groups))
            muc_items.append(entries)
        parts.append(
            [Entry("so", part["so"]), Entry("tieu_de", part["tieu_de"]), Entry("muc", Items(muc_items))]
        )
    signer = next((person.ho_ten for person in xa.lanh_dao if "chủ tịch" in person.chuc_vu.lower()), None)
    entries = [
        *period_entries(ky, window),
        Entry("co_quan_ban_hanh", xa.co_quan),
        Entry(
            "so_ky_hieu", None, "số, ký hiệu trên bản đã ký, VD: 45/BC-UBND; bỏ trống nếu bản lưu không có"
        ),
        Entry("ngay_ban_hanh", None, "ngày ban hành trên bản đã ký, VD: " + window[1].isoformat()),
        Entry("trich_yeu", "", f"VD: «Công tác cải cách hành chính {ky.in_words}»"),
        Entry(
            "can_cu", Items(comment="văn bản căn cứ; mỗi văn bản: loai, so_ky_hieu, ngay, co_quan, trich_yeu")
        ),
        Entry("mo_dau", Items([""], "phần mở đầu, nguyên văn")),
        Entry("phan", Items(parts)),
        Entry(
            "danh_gia_chung",
            [
                Entry("so", outline["danh_gia_chung"]["so"]),
                Entry("tieu_de", outline["danh_gia_chung"]["tieu_de"]),
                Entry("nhan_dinh", Items(comment="các ý nhận định chung (nếu có)")),
                Entry("han_che", Items([""], "các hạn chế, mỗi ý một dòng «- »")),
            ],
            "bỏ cả phần nếu báo cáo không có",
        ),
        Entry(
            "phuong_huong",
            [
                Entry("so", outline["phuong_huong"]["so"]),
                Entry("tieu_de", outline["phuong_huong"]["tieu_de"].format(ky_sau=ky.next_focus)),
                Entry("nhiem_vu", Items([""], "các nhiệm vụ, theo thứ tự 1, 2, …")),
            ],
            "bỏ cả phần nếu báo cáo không có",
        ),
        Entry(
            "ket_luan", "", f"câu kết, VD: «Trên đây là báo cáo công tác cải cách hành chính {ky.in_words} …»"
        ),
        Entry("noi_nhan", Items([""], "nơi nhận, mỗi nơi một dòng, như bản đã ký")),
        Entry(
            "chu_ky",
            [
                Entry("quyen_han", "TM. ỦY BAN NHÂN DÂN"),
                Entry("chuc_vu", "CHỦ TỊCH"),
                Entry("ho_ten", "", f"VD: {signer}" if signer else "họ và tên người ký"),
            ],
            "như bản đã ký",
        ),
    ]
    return _written(_header(ky, "theo đề cương chuẩn"), entries)


def _written(header: list[str], entries: list[Entry]) -> str:
    out = Writer()
    out.lines += header
    out.entries(0, entries)
    return out.text()
