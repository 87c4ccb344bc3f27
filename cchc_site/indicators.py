"""Figures of a report as labelled rows, and the rates derived from them (never typed)."""

from __future__ import annotations

from dataclasses import dataclass

from . import text
from .models import BaoCao, Block, PhamVi, SoLieu, SoLieuMuc, unit_of

APPROX = {"khoang": "khoảng ", "khoang_tren": "khoảng trên ", "tren": "trên "}

# What a figure covers, as compared across quarters: figures of different kinds never share a row.
KINDS = {
    "ky": "trong kỳ báo cáo",
    "luy_ke": "lũy kế từ đầu năm",
    "thoi_diem": "tại thời điểm báo cáo",
    "khoang": "trong khoảng thời gian riêng",
}


@dataclass(frozen=True)
class FigureRow:
    group: str  # block title, e.g. "Hồ sơ TTHC"
    label: str
    value: int
    shown: str  # as a reader should see it: "khoảng trên 170"
    scope: str  # "Tính đến 30/09/2022"
    key: str  # stable id: "ho_so.tiep_nhan"
    unit: str = ""  # "hồ sơ"
    kind: str = "ky"  # one of KINDS
    pham_vi: PhamVi | None = None  # the figure's effective scope (None: the reporting window)
    xap_xi: str | None = None


@dataclass(frozen=True)
class Rate:
    label: str
    numerator: int
    denominator: int
    formula: str
    key: str = ""  # "ty_le.dung_han"
    kind: str = "ky"  # the scope kind of its denominator

    @property
    def ratio(self) -> float:
        return self.numerator / self.denominator

    @property
    def shown(self) -> str:
        return text.format_percent(self.ratio)


def describe_scope(report: BaoCao, scope: PhamVi | None) -> str:
    if scope is None or scope.loai == "ky_bao_cao":
        period = report.period
        return f"Kỳ báo cáo ({text.format_date(period.tu_ngay)} – {text.format_date(period.den_ngay)})"
    if scope.loai == "luy_ke_nam":
        return f"Lũy kế từ đầu năm {report.nam}"
    if scope.loai == "tinh_den" and scope.ngay:
        return f"Tính đến {text.format_date(scope.ngay)}"
    if scope.loai == "khoang" and scope.tu_ngay and scope.den_ngay:
        return f"Từ {text.format_date(scope.tu_ngay)} đến {text.format_date(scope.den_ngay)}"
    return "Không rõ"


def scope_kind(report: BaoCao, scope: PhamVi | None) -> str:
    """Classify a scope; an explicit span equal to the reporting window is the window."""
    if scope is None or scope.loai == "ky_bao_cao":
        return "ky"
    if scope.loai == "khoang":
        period = report.period
        return "ky" if (scope.tu_ngay, scope.den_ngay) == (period.tu_ngay, period.den_ngay) else "khoang"
    return {"luy_ke_nam": "luy_ke", "tinh_den": "thoi_diem"}[scope.loai]


def figure_rows(report: BaoCao) -> list[FigureRow]:
    """Every structured figure of the report, in document order, labelled from the models."""
    rows: list[FigureRow] = []
    for name, block in report.blocks().items():
        group = SoLieuMuc.model_fields[name].title or name
        for loc, figure in block.figures():
            label, owner_scope, unit = _label(block, loc)
            scope = figure.pham_vi or owner_scope or block.pham_vi
            rows.append(FigureRow(group, label, figure.gia_tri, _shown(figure),
                                  describe_scope(report, scope),
                                  ".".join([name, *(str(p) for p in loc)]), unit,
                                  scope_kind(report, scope), scope, figure.xap_xi))
    return rows


def _label(block: Block, loc: tuple) -> tuple[str, PhamVi | None, str]:
    """Field titles along ``loc`` joined ("Trình độ chuyên môn: Đại học"), owner scope, unit."""
    titles: list[str] = []
    current: object = block
    scope = None
    unit = ""
    for part in loc:
        if isinstance(part, int):
            current = current[part]  # type: ignore[index]
            if hasattr(current, "noi_dung"):
                titles[-1] = current.noi_dung  # a training course is named by its content
            continue
        if isinstance(current, Block) and current is not block and current.pham_vi:
            scope = current.pham_vi
        info = type(current).model_fields[part]  # type: ignore[attr-defined]
        titles.append(info.title or part)
        unit = unit_of(type(current), part)  # type: ignore[arg-type]
        current = getattr(current, part)
    return ": ".join(titles), scope, unit


def _shown(figure: SoLieu) -> str:
    return APPROX.get(figure.xap_xi or "", "") + text.format_number(figure.gia_tri)


def rates(report: BaoCao) -> list[Rate]:
    """Rates computed from the figures the report gives; none is ever typed in the data."""
    blocks = report.blocks()
    found: list[Rate] = []

    def add(key: str, label: str, num: SoLieu | None, den: SoLieu | None, formula: str, block: Block) -> None:
        if num is not None and den is not None and den.gia_tri > 0:
            kind = scope_kind(report, den.pham_vi or block.pham_vi)
            found.append(Rate(label, num.gia_tri, den.gia_tri, formula, key, kind))

    thu_tuc = blocks.get("thu_tuc")
    if thu_tuc is not None:
        add("ty_le.truc_tuyen", "TTHC giải quyết trực tuyến / TTHC niêm yết", thu_tuc.truc_tuyen, thu_tuc.tong,
            "số TTHC trực tuyến ÷ tổng số TTHC niêm yết", thu_tuc)
    ho_so = blocks.get("ho_so")
    if ho_so is not None:
        given = [f for f in (ho_so.truoc_han, ho_so.dung_han) if f is not None]
        resolved = ho_so.da_giai_quyet
        exact = len(given) == 2 or (given and resolved and sum(f.gia_tri for f in given) == resolved.gia_tri)
        if exact and resolved is not None:  # a partial sum would understate the rate: skip it
            early_on_time = SoLieu(gia_tri=sum(f.gia_tri for f in given))
            add("ty_le.dung_han", "Hồ sơ giải quyết trước hạn và đúng hạn / hồ sơ đã giải quyết", early_on_time,
                ho_so.da_giai_quyet, "(trước hạn + đúng hạn) ÷ đã giải quyết", ho_so)
    khao_sat = blocks.get("khao_sat")
    if khao_sat is not None:
        add("ty_le.hai_long", "Phiếu đánh giá tốt / phiếu phát ra", khao_sat.phieu_tot, khao_sat.phieu_phat_ra,
            "phiếu tốt ÷ phiếu phát ra", khao_sat)
    return found
