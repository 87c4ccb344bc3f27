"""One procedure's page, as a citizen reads it: the commune's own layer over the national record.

Each part comes from one place, said on the page: what the commune entered (``chi_tiet``) wins
over the record; what neither has is said to be missing, with where to ask. A part the record keeps
in the portal's own wording (``NguyenVan``) is shown so, labelled. A fee the provincial People's
Council sets is shown as such until the commune records its amount, never as blank or a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup

from ..core.models import (
    ONLINE_LEVELS,
    TRUC_TUYEN_LABELS,
    ChiTiet,
    NguonDanhMuc,
    PhiLePhi,
    ThoiHan,
    ThuTuc,
    Xa,
)
from ..core.record import (
    CHANNELS,
    DEFECTS,
    SOURCE_KINDS,
    BanGhi,
    CachThuc,
    GiayTo,
    KetQua,
    NguyenVan,
    NhomGiayTo,
    TrinhTu,
    VanBanPhapLy,
    flagged,
)

PORTAL_SEARCH = "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword="
MAIN_DOCUMENTS = 5  # documents listed in the answers at the top; the rest below, by case


@dataclass(frozen=True)
class Channel:
    """One row of «how long, how much»: a channel (or all of them), its time and its fees."""

    label: str
    time: ThoiHan | NguyenVan | None
    fees: tuple[PhiLePhi | NguyenVan, ...]
    note: str | None = None


@dataclass(frozen=True)
class Online:
    possible: bool | None  # None: no source says
    text: str
    url: Markup
    own_page: bool  # the procedure's own page on the portal, not a search


@dataclass(frozen=True)
class Source:
    parts: str  # «Thành phần hồ sơ, thời hạn»
    text: str


@dataclass(frozen=True)
class ProcedureView:
    thu_tuc: ThuTuc
    record: BanGhi | None
    own: ChiTiet | None
    documents: tuple[NhomGiayTo | NguyenVan, ...]  # by case: the commune's list as one group
    documents_from_commune: bool
    channels: tuple[Channel, ...]
    channels_from_commune: bool
    exemptions: str | None
    provincial_fee: bool  # a fee the provincial council sets, its amount not recorded by the commune
    where: str | None
    hours: str | None
    online: Online
    steps: tuple[TrinhTu | NguyenVan, ...]
    legal: tuple[VanBanPhapLy | NguyenVan, ...]
    legal_from_commune: bool
    results: tuple[KetQua | NguyenVan, ...]
    forms: tuple[str, ...]
    sources: tuple[Source, ...]
    flags: int
    defects: dict[str, str] = field(default_factory=lambda: DEFECTS)

    @property
    def main_documents(self) -> tuple[tuple[GiayTo | NguyenVan, ...], int]:
        """The first case's documents for the answers at the top, and how many more there are."""
        groups = [g for g in self.documents if isinstance(g, NhomGiayTo) and g.giay_to]
        first = groups[0].giay_to if groups else []
        total = sum(len(g.giay_to) for g in groups)
        shown = tuple(first[:MAIN_DOCUMENTS])
        return shown, total - len(shown)

    @property
    def main_case(self) -> str | None:
        """The case the top answers' documents belong to, when the record lists several cases."""
        groups = [g for g in self.documents if isinstance(g, NhomGiayTo) and g.giay_to]
        return groups[0].truong_hop if len(groups) > 1 else None

    @property
    def uniform(self) -> bool:
        """Every channel has the same time and fees: said once."""
        return len({(c.time, c.fees) for c in self.channels}) == 1

    @property
    def bodies(self) -> list[tuple[str, str]]:
        """Who handles the procedure, as the commune or the record says."""
        r = self.record
        found = [
            (
                "Cơ quan thực hiện",
                (self.own.co_quan_thuc_hien if self.own else None) or (r.co_quan_thuc_hien if r else None),
            ),
            ("Cơ quan có thẩm quyền", r.co_quan_co_tham_quyen if r else None),
            ("Cơ quan được ủy quyền", r.co_quan_duoc_uy_quyen if r else None),
            ("Cơ quan phối hợp", r.co_quan_phoi_hop if r else None),
            ("Địa chỉ tiếp nhận hồ sơ (theo CSDL quốc gia)", r.dia_chi_tiep_nhan if r else None),
        ]
        return [(label, value) for label, value in found if value]

    @property
    def has_details(self) -> bool:
        return bool(self.documents or self.channels or self.steps or self.legal or self.results)


def procedure_view(thu_tuc: ThuTuc, record: BanGhi | None, xa: Xa, nguon: NguonDanhMuc) -> ProcedureView:
    own = thu_tuc.chi_tiet
    documents, documents_own = _documents(own, record)
    channels, channels_own = _channels(own, record)
    legal, legal_own = _legal(own, record)
    results: tuple[KetQua | NguyenVan, ...] = (
        (KetQua.model_validate({"ten": own.ket_qua}),)
        if own and own.ket_qua
        else tuple(record.ket_qua)
        if record
        else ()
    )
    fees = [f for c in channels for f in c.fees if isinstance(f, PhiLePhi)]
    own_amounts = bool(own and any(f.so_tien is not None or f.nghi_quyet for f in own.phi_le_phi))
    return ProcedureView(
        thu_tuc=thu_tuc,
        record=record,
        own=own,
        documents=documents,
        documents_from_commune=documents_own,
        channels=channels,
        channels_from_commune=channels_own,
        exemptions=own.mien_giam if own else None,
        provincial_fee=any(f.tinh_quy_dinh for f in fees) and not own_amounts,
        where=(own.dia_chi_tiep_nhan if own and own.dia_chi_tiep_nhan else None) or _office(xa),
        hours=(own.gio_tiep_nhan if own and own.gio_tiep_nhan else None) or xa.gio_lam_viec,
        online=_online(thu_tuc, record, xa.loai_chu),
        steps=tuple(record.trinh_tu) if record else (),
        legal=legal,
        legal_from_commune=legal_own,
        results=results,
        forms=_forms(documents),
        sources=_sources(thu_tuc, record, own, nguon, (documents_own, channels_own, legal_own), xa.loai_chu),
        flags=sum(1 for _ in flagged(record)) if record else 0,
    )


ONLINE_IN_RECORD = "Có (CSDL quốc gia)"
NOT_ONLINE_IN_RECORD = "Không (CSDL quốc gia)"


def online_label(thu_tuc: ThuTuc, record: BanGhi | None) -> str:
    """The list's «Trực tuyến» column: the commune's level when the list gives one, else what the
    national record's channels say (labelled so), else «Chưa xác định»."""
    if thu_tuc.truc_tuyen:
        return TRUC_TUYEN_LABELS[thu_tuc.truc_tuyen]
    channels = {c.hinh_thuc for c in record.cach_thuc if isinstance(c, CachThuc)} if record else set()
    if channels:
        return ONLINE_IN_RECORD if "truc_tuyen" in channels else NOT_ONLINE_IN_RECORD
    return TRUC_TUYEN_LABELS[None]


def _office(xa: Xa) -> str | None:
    return f"Bộ phận tiếp nhận và trả kết quả, {xa.co_quan}, {xa.dia_chi}" if xa.dia_chi else None


def _documents(own: ChiTiet | None, record: BanGhi | None) -> tuple[tuple[NhomGiayTo | NguyenVan, ...], bool]:
    if own and own.thanh_phan_ho_so:
        group = NhomGiayTo.model_validate({"giay_to": [{"ten": name} for name in own.thanh_phan_ho_so]})
        return (group,), True
    return (tuple(record.ho_so) if record else ()), False


def _channels(own: ChiTiet | None, record: BanGhi | None) -> tuple[tuple[Channel, ...], bool]:
    """The commune's deadline and fees for every channel when it entered them; else the record's rows."""
    if own and (own.thoi_han or own.phi_le_phi):
        return (Channel("Mọi hình thức nộp", own.thoi_han, tuple(own.phi_le_phi), own.cach_thuc),), True
    if record is None:
        return (), False
    rows = []
    for row in record.cach_thuc:
        if isinstance(row, NguyenVan):
            rows.append(Channel("Cách thức thực hiện", row, ()))
        else:
            rows.append(Channel(CHANNELS[row.hinh_thuc], row.thoi_han, tuple(row.phi_le_phi), row.mo_ta))
    return tuple(rows), False


def _legal(own: ChiTiet | None, record: BanGhi | None) -> tuple[tuple[VanBanPhapLy | NguyenVan, ...], bool]:
    if own and own.can_cu_phap_ly:
        return tuple(VanBanPhapLy.model_validate({"trich_yeu": line}) for line in own.can_cu_phap_ly), True
    return (tuple(record.can_cu_phap_ly) if record else ()), False


def _forms(documents: tuple[NhomGiayTo | NguyenVan, ...]) -> tuple[str, ...]:
    names = [
        form.ten
        for group in documents
        if isinstance(group, NhomGiayTo)
        for item in group.giay_to
        if isinstance(item, GiayTo)
        for form in item.mau
    ]
    return tuple(dict.fromkeys(names))


def _online(thu_tuc: ThuTuc, record: BanGhi | None, word: str) -> Online:
    """Whether the procedure can be done online, each statement with its source."""
    url, own_page = _portal(thu_tuc, record)
    listed = thu_tuc.truc_tuyen
    level = f"danh mục của {word} ghi: {TRUC_TUYEN_LABELS[listed]}" if listed else None
    if record is not None:
        channels = {c.hinh_thuc for c in record.cach_thuc if isinstance(c, CachThuc)}
        version = record.nguon.phien_ban
        if "truc_tuyen" in channels:
            said = f"Có: nộp trên Cổng Dịch vụ công quốc gia (theo CSDL quốc gia, {version})"
            return Online(True, said + (f"; {level}" if level else "") + ".", url, own_page)
        if channels:
            said = f"Không có hình thức nộp trực tuyến trong CSDL quốc gia ({version})"
            return Online(False, said + (f"; {level}" if level else "") + ".", url, own_page)
    if listed:
        return Online(
            listed in ONLINE_LEVELS, f"{TRUC_TUYEN_LABELS[listed]} (theo danh mục của {word}).", url, own_page
        )
    return Online(None, "Chưa xác định: hỏi Bộ phận tiếp nhận và trả kết quả.", url, own_page)


def _portal(thu_tuc: ThuTuc, record: BanGhi | None) -> tuple[Markup, bool]:
    """The commune's hand-checked address, else the record's own page, else the portal's search."""
    for address in (thu_tuc.duong_dan, record.nguon.duong_dan if record else None):
        if address:
            return Markup(quote(address, safe=":/?&=#%.-_~")), True
    return Markup(PORTAL_SEARCH + quote(thu_tuc.ten)), False


def _sources(
    thu_tuc: ThuTuc,
    record: BanGhi | None,
    own: ChiTiet | None,
    nguon: NguonDanhMuc,
    from_commune: tuple[bool, bool, bool],
    word: str,
) -> tuple[Source, ...]:
    """Where each part of the page comes from, in the page's words."""
    sources = []
    names = ("Thành phần hồ sơ", "Thời hạn, phí, lệ phí", "Căn cứ pháp lý")
    own_parts = [name for name, mine in zip(names, from_commune, strict=True) if mine]
    if own and own.ket_qua:
        own_parts.append("Kết quả")
    if own_parts:
        said = own.nguon if own and own.nguon else "không ghi văn bản nguồn"
        if nguon.tai_dung and not (own and own.nguon):
            said = "tái dựng, chưa đối chiếu quyết định công bố của tỉnh"
        sources.append(Source(", ".join(own_parts), f"do {word} nhập ({said})."))
    if record is not None:
        n = record.nguon
        text = f"{SOURCE_KINDS[n.loai]}, bản {n.phien_ban}, mã {n.ma}"
        if n.quyet_dinh_cong_bo:
            text += f", quyết định công bố {n.quyet_dinh_cong_bo}"
            if n.ngay_quyet_dinh:
                text += f" ngày {n.ngay_quyet_dinh.day:02d}/{n.ngay_quyet_dinh.month:02d}/{n.ngay_quyet_dinh.year}"
        if thu_tuc.ban_ghi:
            text += f" (bản ghi cùng tên; mã của thủ tục trong danh mục của {word} chưa xác minh)"
        sources.append(Source("Các phần khác" if own_parts else "Mọi phần", text + "."))
    return tuple(sources)
