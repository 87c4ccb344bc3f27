"""``import-report``: a signed report written in Word becomes a draft ``content/bao-cao/<kỳ>.yaml``.

The text is copied as the file has it, each part in its field (header, summary, legal bases,
parts, sections, assessment, tasks, recipients, signature); the period comes from the summary
line («quý 3 năm 2022» → ``2022-q3``) unless ``--ky`` says it. The figures the text states are
proposed as structured figures of the indicator catalogue, each marked ``de_xuat: true``: the
build refuses to publish the report until a clerk has compared every one with the signed copy
and deleted the mark. Numbers it cannot place are listed in the file (as comments) and in the
summary, never guessed into a field. The draft is checked as the build would check it before it
is written; a proposal the check would not tie to its text is withdrawn and listed instead. The
command only ever creates a file: an existing report is never overwritten.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import text
from ..addresses import report_file, schema_comment
from ..content.documents import dotted, load_yaml
from ..content.drafts import Writer, comment, period_entries, scalar
from ..content.translate import validate_model
from ..core import periods
from ..core.errors import Problem, Problems
from ..core.models import BaoCao, VanBan
from ..indicators.catalogue import Catalogue
from ..indicators.checks import NOT_TIED
from ..indicators.figures import read_figures
from ..validate.reports import check_report
from .docx_reader import Grid, WordFile
from .outline import Outline, Part, cited_documents, key
from .proposals import (
    Change,
    Found,
    Proposal,
    TooManyNumbers,
    Unclassified,
    WrittenRate,
    changes_of,
    propose,
    written_rates,
)

PLAIN_WIDTH = 80  # shorter texts stay on the key's line; longer ones are folded
MAX_TEXT = 1_000_000  # characters: the draft must stay under the loader's 2 MB
# the check's words for a figure it cannot tie to the text: such a proposal is withdrawn
_UNTIED = (
    "Số liệu không có trong nội dung của mục",
    "Số liệu có trong mục nhưng không đi cùng",
    "Cụm từ «trich»",
    "ghi hai lần",
    "số gần đúng",
    "Văn bản viết «",
)


@dataclass
class Draft:
    """What the command writes and says."""

    ky: periods.Ky
    yaml: str
    outline: Outline
    found: Found
    withdrawn: list[Unclassified] = field(default_factory=list)
    remaining: list[Problem] = field(default_factory=list)  # what the check still reports, proposals aside


def make_draft(
    word: WordFile, found_outline: Outline, ky: periods.Ky, catalogue: Catalogue, source: str, today: date
) -> Draft:
    """The draft's text, checked as the build checks it; proposals the check cannot tie are withdrawn."""
    reading = _Reading(word, found_outline, source, today)
    window = ky.default_window()
    sections, figure_sections, places = _sections(found_outline)
    try:
        found = propose(sections, catalogue, ky, window, figure_sections)
    except TooManyNumbers as exc:
        found = Found()
        found_outline.unrecognised.append(
            f"văn bản có {text.format_number(exc.count)} con số, nhiều hơn mọi báo cáo: máy không đề xuất số liệu "
            "nào, hãy ghi «so_lieu» bằng tay"
        )
    withdrawn: list[Unclassified] = []
    remaining: list[Problem] = []
    for _ in range(len(found.proposals) + 1):  # each round withdraws one proposal at least, or ends
        rendered = _render(reading, ky, found, places, catalogue)
        problems = _check(rendered, ky, catalogue)
        untied = {
            id(proposal): problem
            for problem in problems
            for proposal in found.proposals
            if _at(problem.field, proposal, places)
            and (problem.message.startswith(_UNTIED) or problem.message.endswith(NOT_TIED))
        }
        if not untied:
            remaining = [p for p in problems if not p.field.endswith(".de_xuat")]
            break
        for proposal in list(found.proposals):
            problem = untied.get(id(proposal))
            if problem is not None:
                found.proposals.remove(proposal)
                withdrawn.append(
                    Unclassified(
                        proposal.number.section,
                        proposal.number.paragraph,
                        proposal.number.excerpt,
                        f"đã thử «{proposal.spec.indicator.row_label}» nhưng lệnh kiểm tra không gắn được với "
                        f"lời văn ({problem.message.rstrip('.')})",
                        proposal.number.written,
                    )
                )
    found.unclassified = sorted([*found.unclassified, *withdrawn], key=lambda u: (u.section, u.paragraph))
    return Draft(ky, rendered, found_outline, found, withdrawn, remaining)


@dataclass(frozen=True)
class _Reading:
    """What the Word file gave: its text, the outline found in it, its name, the day of the import."""

    word: WordFile
    outline: Outline
    source: str
    today: date


@dataclass(frozen=True)
class _Place:
    """Where a section of ``propose`` sits in the report: (part, section) or a part's own text."""

    part: int
    section: int | None  # None: the part's paragraphs before its first section
    label: str  # «II.2», for messages


def _sections(found: Outline) -> tuple[list[tuple[str, list[str]]], set[int], list[_Place]]:
    """Every numbered section (figures go there) and every part's own text (listed only)."""
    sections: list[tuple[str, list[str]]] = [("", found.mo_dau)]
    places: list[_Place] = [_Place(-1, None, "mở đầu")]
    figure_sections: set[int] = set()
    for p, part in enumerate(found.parts):
        if part.doan_van:
            sections.append(("", part.doan_van))
            places.append(_Place(p, None, part.so))
        for m, muc in enumerate(part.muc):
            figure_sections.add(len(sections))
            sections.append((muc.tieu_de, muc.doan_van))
            places.append(_Place(p, m, f"{part.so}.{muc.so}"))
    return sections, figure_sections, places


def _loc_of(proposal: Proposal, places: list[_Place]) -> str:
    """Where the check names the proposal: «phan[2].muc[2].so_lieu.ho_so.tiep_nhan» (items from 1)."""
    place = places[proposal.number.section]
    base = ("phan", place.part, "muc", place.section or 0, "so_lieu")
    indicator = proposal.spec.indicator
    group = (indicator.group,) if proposal.block_index is None else (indicator.group, proposal.block_index)
    if proposal.spec.listing is not None:
        return dotted((*base, *group, proposal.spec.listing.key, proposal.item_index))
    return dotted((*base, *group, *indicator.key.split(".")[1:]))


def _at(problem_field: str, proposal: Proposal, places: list[_Place]) -> bool:
    loc = _loc_of(proposal, places)
    return problem_field == loc or problem_field.startswith((f"{loc}.", f"{loc}["))


def _check(rendered: str, ky: periods.Ky, catalogue: Catalogue) -> list[Problem]:
    """What ``python -m cchc_site check`` would say of the draft on its own (the list aside)."""
    problems = Problems()
    try:
        return _check_in(rendered, ky, catalogue, problems)
    except OSError:  # no temporary folder to write in: the check is left to «python -m cchc_site check»
        return []


def _check_in(rendered: str, ky: periods.Ky, catalogue: Catalogue, problems: Problems) -> list[Problem]:
    with tempfile.TemporaryDirectory(prefix="cchc-import-") as folder:
        path = Path(folder) / f"{ky.slug}.yaml"
        path.write_text(rendered, encoding="utf-8")
        name = report_file(ky.slug)
        doc = load_yaml(path, name, problems)
        model = validate_model(doc, BaoCao, problems) if doc is not None else None
        if doc is None or model is None:
            return problems.errors
        before = len(problems.errors)
        figures = read_figures(doc, model, catalogue, problems)
        check_report(doc, model, figures, catalogue, problems, len(problems.errors) == before)
    return problems.errors


def _render(
    reading: _Reading, ky: periods.Ky, found: Found, places: list[_Place], catalogue: Catalogue
) -> str:
    o, source, today, word = reading.outline, reading.source, reading.today, reading.word
    out = Writer(fold_over=PLAIN_WIDTH)
    out.lines += [
        schema_comment(report_file(ky.slug)),
        (
            f"# Bản nháp báo cáo CCHC {ky.in_words}, nhập từ tệp Word «{source}» bằng «python -m cchc_site "
            f"import-report» ngày {text.format_date(today)}."
        ),
        "# Lời văn chép nguyên văn từ tệp Word. Số liệu ghi «de_xuat: true» do máy đọc từ lời văn: đối chiếu",
        "# từng số với bản đã ký rồi xóa dòng «de_xuat»; còn dòng đó thì báo cáo không đăng được.",
        "# «python -m cchc_site check» liệt kê những chỗ còn phải làm. Chưa có «ngay_dang_tai»: bản nháp, chưa đăng.",
    ]
    for note in o.unrecognised:
        if note.startswith(("đầu văn bản", "dòng «")):
            out.note(0, f"Chưa nhập: {note}")
    out.entries(0, period_entries(ky, ky.default_window()))
    out.value(
        0,
        "co_quan_ban_hanh",
        o.co_quan or "",
        "" if o.co_quan else "không tìm thấy ở đầu văn bản: ghi cơ quan ban hành như bản đã ký",
    )
    out.value(0, "so_ky_hieu", o.so_ky_hieu, _header_note(o.number_line, o.so_ky_hieu, "số, ký hiệu"))
    out.value(
        0, "ngay_ban_hanh", o.ngay_ban_hanh, _header_note(o.date_line, o.ngay_ban_hanh, "ngày ban hành")
    )
    out.value(
        0,
        "trich_yeu",
        o.trich_yeu or "",
        "" if o.trich_yeu else "không tìm thấy dòng trích yếu dưới chữ «BÁO CÁO»: chép từ bản đã ký",
    )
    out.value(0, "ghi_chu_nguon", _source_note(source, today, word, o))
    cited = cited_documents(o.mo_dau)
    if cited:
        out.key(0, "can_cu", "đọc từ phần mở đầu: đối chiếu loại, cơ quan, trích yếu với bản đã ký")
        for van_ban in cited:
            _document(out, van_ban)
    else:
        out.lines.append("can_cu: []  # văn bản căn cứ (loai, so_ky_hieu, ngay, co_quan, trich_yeu), nếu có")
    out.texts(
        0,
        "mo_dau",
        o.mo_dau,
        ""
        if o.mo_dau
        else "không tìm thấy phần mở đầu: chép từ bản đã ký, hoặc ghi «khong_co: [mo_dau]» nếu văn bản không có",
    )
    _unclassified(out, 0, found, [0])
    if not o.parts:
        out.lines.append(
            "phan: []  # không tìm thấy phần nào đánh số «I.», «II.»: chép các phần từ bản đã ký"
        )
    else:
        out.key(0, "phan")
        for p, part in enumerate(o.parts):
            _part(out, p, part, found, places, catalogue)
    if o.danh_gia is not None:
        out.key(0, "danh_gia_chung")
        out.value(2, "so", o.danh_gia.so)
        out.value(2, "tieu_de", o.danh_gia.tieu_de)
        if o.danh_gia.nhan_dinh:
            out.texts(2, "nhan_dinh", o.danh_gia.nhan_dinh)
        out.texts(
            2, "han_che", o.danh_gia.han_che, "" if o.danh_gia.han_che else "không tìm thấy ý hạn chế nào"
        )
    if o.phuong_huong is not None:
        out.key(0, "phuong_huong")
        out.value(2, "so", o.phuong_huong.so)
        out.value(2, "tieu_de", o.phuong_huong.tieu_de)
        out.texts(2, "nhiem_vu", o.phuong_huong.nhiem_vu)
    joined = f"nối {o.ket_luan_joined} đoạn cuối văn bản" if o.ket_luan_joined > 1 else ""
    out.value(
        0,
        "ket_luan",
        o.ket_luan or "",
        joined
        or (
            ""
            if o.ket_luan
            else "không tìm thấy câu kết («Trên đây là báo cáo …»); văn bản không có thì ghi «khong_co: [ket_luan]»"
        ),
    )
    out.texts(
        0,
        "noi_nhan",
        o.noi_nhan,
        ""
        if o.noi_nhan
        else "không tìm thấy «Nơi nhận»: mỗi nơi nhận một dòng, như bản đã ký; văn bản không có thì ghi «khong_co: [noi_nhan]»",
    )
    signer = o.chu_ky
    out.key(
        0,
        "chu_ky",
        ""
        if signer
        else "không tìm thấy khối chữ ký: điền như bản đã ký; văn bản không có thì ghi «khong_co: [chu_ky]» (trang không in «đã ký»)",
    )
    out.value(
        2,
        "quyen_han",
        signer.quyen_han if signer else "",
        "" if signer and signer.quyen_han else "VD: TM. ỦY BAN NHÂN DÂN",
    )
    out.value(
        2, "chuc_vu", signer.chuc_vu if signer else "", "" if signer and signer.chuc_vu else "VD: CHỦ TỊCH"
    )
    out.value(
        2, "ho_ten", signer.ho_ten if signer else "", "" if signer and signer.ho_ten else "họ và tên người ký"
    )
    for note in o.unrecognised:
        if note.startswith("cuối văn bản"):
            out.note(0, f"Chưa nhập: {note}")
    return "\n".join(out.lines) + "\n"


def _header_note(line: str | None, value: object, what: str) -> str:
    if line is None:
        return f"không có ở đầu tệp Word: không tự điền {what}"
    if value is None:
        return f"tệp Word ghi «{line}»: không tự điền"
    return f"«{line}»"


def _source_note(source: str, today: date, word: WordFile, o: Outline) -> str:
    parts = [
        (
            f"Nhập từ tệp Word «{source}» ngày {text.format_date(today)} bằng lệnh «import-report». Lời văn "
            "chép nguyên văn; ngắt dòng và dấu cách thừa trong một đoạn được gộp thành một dấu cách; số thứ "
            "tự, gạch đầu dòng của phần, mục, ý hạn chế, nhiệm vụ và nơi nhận được tách khỏi lời văn."
        )
    ]
    if word.dropped:
        shown = ", ".join(f"{count} {name}" for name, count in word.dropped.most_common())
        parts.append(f"Đã bỏ ký tự không nhìn thấy: {shown}.")
    hidden = word.notes.get("chữ ẩn (không in ra)", 0)
    if hidden:
        parts.append(f"Bỏ {hidden} đoạn chữ ẩn (không in ra).")
    changes = word.notes.get("chỗ chèn theo dõi thay đổi", 0) + word.notes.get("chỗ xóa theo dõi thay đổi", 0)
    if changes:
        parts.append(
            f"Tệp còn {changes} chỗ sửa theo dõi (Track Changes): đọc như khi đã chấp nhận mọi thay đổi."
        )
    if o.chu_ky and o.chu_ky.notes:
        parts.append("Ghi chú ở chữ ký không nhập: " + ", ".join(f"«{n}»" for n in o.chu_ky.notes) + ".")
    return " ".join(parts)


def _document(out: Writer, van_ban: VanBan) -> None:
    out.value(2, "- loai", van_ban.loai)
    out.value(4, "so_ky_hieu", van_ban.so_ky_hieu)
    out.value(4, "ngay", van_ban.ngay)
    if van_ban.co_quan:
        out.value(4, "co_quan", van_ban.co_quan)
    if van_ban.trich_yeu:
        out.value(4, "trich_yeu", van_ban.trich_yeu)


def _part(out: Writer, p: int, part: Part, found: Found, places: list[_Place], catalogue: Catalogue) -> None:
    out.value(2, "- so", part.so)
    if part.tieu_de:  # a text numbered «1.», «2.» with no «I.» above: the part has no heading to copy
        out.value(4, "tieu_de", part.tieu_de)
    here = [i for i, place in enumerate(places) if place.part == p]
    if part.doan_van:
        out.texts(4, "doan_van", part.doan_van)
        own = [i for i in here if places[i].section is None]
        _unclassified(out, 4, found, own)
    for grid in part.tables:
        _table_note(out, 4, grid)
    if not part.muc:
        return
    out.key(4, "muc")
    for m, muc in enumerate(part.muc):
        index = next(i for i in here if places[i].section == m)
        out.value(6, "- so", muc.so)
        out.value(8, "tieu_de", muc.tieu_de)
        out.texts(
            8, "doan_van", muc.doan_van, "" if muc.doan_van else "không có đoạn văn nào dưới tiêu đề này"
        )
        proposals = [pr for pr in found.proposals if pr.number.section == index]
        if proposals:
            out.key(8, "so_lieu", "do máy đề xuất từ lời văn của mục")
            _figures(out, 10, proposals, catalogue, " ".join([muc.tieu_de, *muc.doan_van]))
            _rates(out, 10, written_rates([muc.tieu_de, *muc.doan_van], proposals), catalogue)
            _changes(out, 10, changes_of([muc.tieu_de, *muc.doan_van], proposals))
        for grid in muc.tables:
            _table_note(out, 8, grid)
        _unclassified(out, 8, found, [index])


def _unclassified(out: Writer, indent: int, found: Found, sections: list[int]) -> None:
    for item in found.unclassified:
        if item.section in sections:
            out.note(indent, f"Số chưa phân loại: {item.shown}: {item.reason}")


def _table_note(out: Writer, indent: int, grid: Grid) -> None:
    rows = " / ".join(" | ".join(cell for cell in row) for row in grid.text_rows())
    if len(rows) > 400:
        rows = rows[:400].rsplit(" ", 1)[0] + " …"
    out.note(indent, f"Bảng {grid.number} ({grid.rows} hàng × {grid.columns} cột) chưa nhập: {rows}")


def _rates(out: Writer, indent: int, rates: list[WrittenRate], catalogue: Catalogue) -> None:
    """Rates the text states with its own formula over marked figures: the catalogue's rate when
    the formula is one of its ways of computing it, else the text's formula with its own name."""
    if not rates:
        return
    out.key(indent, "ty_le", "tỷ lệ văn bản nêu kèm công thức, do máy đề xuất")
    for rate in rates:
        known = next(
            (
                (definition, formula)
                for definition in catalogue.rates.values()
                for formula in definition.formulas.values()
                if (set(formula.numerator), set(formula.denominator)) == (set(rate.tu_so), set(rate.mau_so))
            ),
            None,
        )
        out.value(indent + 2, "- gia_tri", rate.gia_tri, f"«{rate.formula}»", quote=True)
        if known is not None:
            definition, formula = known
            out.value(indent + 4, "chi_tieu", definition.key, definition.label)
            if formula.key != definition.default.key:
                out.value(indent + 4, "cong_thuc", formula.key, formula.label)
        else:
            out.value(indent + 4, "nhan", rate.name or "Tỷ lệ theo công thức của văn bản")
            out.lines.append(" " * (indent + 4) + f"tu_so: [{', '.join(rate.tu_so)}]")
            out.lines.append(" " * (indent + 4) + f"mau_so: [{', '.join(rate.mau_so)}]")
        out.value(indent + 4, "de_xuat", True)


def _changes(out: Writer, indent: int, changes: list[Change]) -> None:
    """Changes the text states of a proposed figure («tăng 36,42% so với tháng trước»), marked like
    the figures: the clerk confirms the indicator, the unit and the period compared."""
    if not changes:
        return
    out.key(indent, "thay_doi", "thay đổi văn bản nêu, do máy đề xuất")
    for change in changes:
        out.value(indent + 2, "- chi_tieu", change.chi_tieu, f"«{change.excerpt}»")
        out.value(indent + 4, "gia_tri", change.gia_tri)
        out.value(indent + 4, "don_vi", "phan_tram", "% so với kỳ so sánh; «diem_phan_tram» nếu là điểm %")
        out.value(indent + 4, "so_voi", change.so_voi)
        out.value(indent + 4, "de_xuat", True)


def _figures(out: Writer, indent: int, proposals: list[Proposal], catalogue: Catalogue, said: str) -> None:
    """The proposals of one section, by group in the catalogue's order; scopes on the group. A group
    that the text also gives for another unit («Đối với các xã, phường: …») is a list of blocks: the
    unit's own first, then one block per «doi_voi».

    A choice of the group («truc_tuyen_phan_loai») that the text names («mức độ 3, 4») is written
    commented out: a choice has no mark of its own, so the clerk confirms it by uncommenting it.
    """
    groups: dict[str, list[Proposal]] = {}
    for proposal in sorted(proposals, key=lambda pr: pr.spec.order):
        groups.setdefault(proposal.spec.indicator.group, []).append(proposal)
    order = list(catalogue.groups)
    for group_key in sorted(groups, key=order.index):
        members = groups[group_key]
        group = catalogue.groups[group_key]
        out.key(indent, group_key, group.label)
        if all(member.block_index is None for member in members):
            _block(out, indent + 2, members, group, said, None)
            continue
        for index in sorted({member.block_index or 0 for member in members}):
            block = [member for member in members if (member.block_index or 0) == index]
            _block(out, indent + 4, block, group, said, block[0].block or "")


def _block(
    out: Writer, indent: int, members: list[Proposal], group: Any, said: str, doi_voi: str | None
) -> None:
    """One block of a group's figures at ``indent``; ``doi_voi``: a list item («""» for the unit's own)."""
    scopes: dict[tuple, int] = {}
    for member in members:
        scopes[member.scope.signature] = scopes.get(member.scope.signature, 0) + 1
    common = max(scopes, key=lambda s: (scopes[s], -[m.scope.signature for m in members].index(s)))
    shared = next(m.scope for m in members if m.scope.signature == common)
    scope_line = f"pham_vi: {_scope_text(shared)}" + comment(
        f"«{shared.evidence}»" if shared.evidence else "không thấy phạm vi trong lời văn: trong kỳ báo cáo"
    )
    if doi_voi:
        out.lines.append(
            " " * (indent - 2) + f"- doi_voi: {scalar(doi_voi)}" + comment("«Đối với …» trong lời văn")
        )
        out.lines.append(" " * indent + scope_line)
    elif doi_voi is not None:
        out.lines.append(" " * (indent - 2) + "- " + scope_line)
    else:
        out.lines.append(" " * indent + scope_line)
    plain = [m for m in members if m.spec.listing is None]
    nested: dict[str, list[Proposal]] = {}
    for member in plain:
        parts = member.spec.indicator.key.split(".")
        if len(parts) == 3:
            nested.setdefault(parts[1], []).append(member)
        else:
            _figure(out, indent, parts[1], member, common)
    for sub_key, subs in nested.items():
        out.key(indent, sub_key, group.subgroups[sub_key].label)
        for member in subs:
            _figure(out, indent + 2, member.spec.indicator.name, member, common)
    if doi_voi:
        return  # a choice and list items belong to the unit's own block
    for option in group.options.values():
        for value, label in option.values.items():
            words = _plain_words(label.split("(")[0])
            if words and f" {words} " in f" {_plain_words(said)} ":
                out.note(
                    indent,
                    f"{option.key}: {value}  # văn bản viết «{label.split('(')[0].strip()}» ({option.label}): "
                    "bỏ dấu # ở đầu dòng nếu đúng",
                )
                break
    listed: dict[str, list[Proposal]] = {}
    for member in members:
        if member.spec.listing is not None:
            listed.setdefault(member.spec.listing.key, []).append(member)
    for list_key, items in listed.items():
        spec = group.lists[list_key]
        out.key(indent, list_key, spec.label)
        for position, member in enumerate(sorted(items, key=lambda pr: pr.number.position)):
            member.item_index = position
            out.value(
                indent + 2, f"- {spec.name_key}", member.item_name or "", "đề xuất: tên như lời văn viết"
            )
            _figure(out, indent + 4, member.spec.indicator.name, member, common)


def _plain_words(text_: str) -> str:
    """Words only, without diacritics or punctuation: «Mức độ 3, 4» → «muc do 3 4»."""
    return " ".join(re.findall(r"\w+", key(text_)))


def _figure(out: Writer, indent: int, name: str, proposal: Proposal, common: tuple) -> None:
    indicator = proposal.spec.indicator
    out.key(indent, name, f"{indicator.row_label} ({indicator.unit}): «{proposal.number.excerpt}»")
    pad = " " * (indent + 2)
    out.lines.append(f"{pad}gia_tri: {_written(proposal)}")
    if proposal.number.mention.approx:
        out.lines.append(f"{pad}xap_xi: {proposal.number.mention.approx}")
    if proposal.scope.signature != common:
        out.lines.append(
            f"{pad}pham_vi: {_scope_text(proposal.scope)}" + comment(f"«{proposal.scope.evidence}»")
        )
    if proposal.quote:
        out.value(indent + 2, "trich", proposal.quote, quote=True, fold=False)  # a phrase, on one line
    out.lines.append(f"{pad}de_xuat: true")


def _written(proposal: Proposal) -> str:
    """The figure as the text writes its digits («08» stays «08»; «1.442» is 1442), or 0 for «không»."""
    if proposal.number.mention.zero_word:
        return "0"
    return proposal.number.written.replace(".", "")


def _scope_text(scope: Any) -> str:
    if scope.loai == "tinh_den" and scope.ngay:
        return f"{{loai: tinh_den, ngay: {scope.ngay.isoformat()}}}"
    if scope.loai == "khoang" and scope.tu_ngay and scope.den_ngay:
        return (
            f"{{loai: khoang, tu_ngay: {scope.tu_ngay.isoformat()}, den_ngay: {scope.den_ngay.isoformat()}}}"
        )
    return f"{{loai: {scope.loai}}}"
