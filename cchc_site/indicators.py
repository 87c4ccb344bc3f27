"""Figures of a report as labelled rows, and the rates derived from them (never typed)."""

from __future__ import annotations

from dataclasses import dataclass

from . import text
from .models import BaoCao, Block, PhamVi, SoLieu, SoLieuMuc

APPROX = {"khoang": "khoảng ", "khoang_tren": "khoảng trên ", "tren": "trên "}


@dataclass(frozen=True)
class FigureRow:
    group: str  # block title, e.g. "Hồ sơ TTHC"
    label: str
    value: int
    shown: str  # as a reader should see it: "khoảng trên 170"
    scope: str  # "Tính đến 30/09/2022"
    key: str  # stable id: "ho_so.tiep_nhan"


@dataclass(frozen=True)
class Rate:
    label: str
    numerator: int
    denominator: int
    formula: str

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


def figure_rows(report: BaoCao) -> list[FigureRow]:
    """Every structured figure of the report, in document order, labelled from the models."""
    rows: list[FigureRow] = []
    for name, block in report.blocks().items():
        group = SoLieuMuc.model_fields[name].title or name
        for loc, figure in block.figures():
            label, owner_scope = _label(block, loc)
            scope = figure.pham_vi or owner_scope or block.pham_vi
            rows.append(FigureRow(group, label, figure.gia_tri, _shown(figure),
                                  describe_scope(report, scope),
                                  ".".join([name, *(str(p) for p in loc)])))
    return rows


def _label(block: Block, loc: tuple) -> tuple[str, PhamVi | None]:
    """Field titles along ``loc`` joined: "Trình độ chuyên môn: Đại học"."""
    titles: list[str] = []
    current: object = block
    scope = None
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
        current = getattr(current, part)
    return ": ".join(titles), scope


def _shown(figure: SoLieu) -> str:
    return APPROX.get(figure.xap_xi or "", "") + text.format_number(figure.gia_tri)


def rates(report: BaoCao) -> list[Rate]:
    """Rates computed from the figures the report gives; none is ever typed in the data."""
    blocks = report.blocks()
    found: list[Rate] = []

    def add(label: str, num: SoLieu | None, den: SoLieu | None, formula: str) -> None:
        if num is not None and den is not None and den.gia_tri > 0:
            found.append(Rate(label, num.gia_tri, den.gia_tri, formula))

    thu_tuc = blocks.get("thu_tuc")
    if thu_tuc is not None:
        add("TTHC giải quyết trực tuyến / TTHC niêm yết", thu_tuc.truc_tuyen, thu_tuc.tong,
            "số TTHC trực tuyến ÷ tổng số TTHC niêm yết")
    ho_so = blocks.get("ho_so")
    if ho_so is not None:
        given = [f for f in (ho_so.truoc_han, ho_so.dung_han) if f is not None]
        resolved = ho_so.da_giai_quyet
        exact = len(given) == 2 or (given and resolved and sum(f.gia_tri for f in given) == resolved.gia_tri)
        if exact and resolved is not None:  # a partial sum would understate the rate: skip it
            early_on_time = SoLieu(gia_tri=sum(f.gia_tri for f in given))
            add("Hồ sơ giải quyết trước hạn và đúng hạn / hồ sơ đã giải quyết", early_on_time,
                ho_so.da_giai_quyet, "(trước hạn + đúng hạn) ÷ đã giải quyết")
    khao_sat = blocks.get("khao_sat")
    if khao_sat is not None:
        add("Phiếu đánh giá tốt / phiếu phát ra", khao_sat.phieu_tot, khao_sat.phieu_phat_ra,
            "phiếu tốt ÷ phiếu phát ra")
    return found
