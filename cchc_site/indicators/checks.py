"""The rules a report's figures keep: scopes, one value each, required figures, sums, parts of a
whole, each figure tied to where the text states it, every percentage accounted for, and the
changes the text states against an earlier period.

Each rule reports through ``err(loc, message, found, expected, hint)``; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .. import text
from ..content.documents import Loc
from ..core.models import XAP_XI_LABELS, BaoCao, PhamVi, VanBan
from . import prose
from .catalogue import Catalogue, folded
from .figures import Breakdown, Figure, FigureSet, StatedChange
from .values import RateTable, percent_at, rate_table, scope_kind, scope_signature

Err = Callable[..., None]


NOT_TIED = "số liệu không được gắn với chỉ tiêu này."  # the end of a message naming another figure's words


def paragraphs_of(report: BaoCao) -> list[list[str]]:
    """Each numbered section's text: its title, then its paragraphs (where figures are stated)."""
    return [[muc.tieu_de or "", *muc.doan_van] for _, muc in report.sections()]


def check_figures(report: BaoCao, figures: FigureSet, catalogue: Catalogue, err: Err) -> RateTable:
    """Every rule on one report's figures; returns its rates (stated ones attached)."""
    sections = [loc for loc, _ in report.sections()]
    _check_proposals(figures, err)
    check_scopes(report, figures, err)
    _check_once(figures, err, sections)
    _check_required(figures, err)
    for breakdown in figures.breakdowns():
        _check_sums(report, catalogue, figures.of(breakdown), breakdown, err)
    _check_parts(report, figures, err)
    ties = _check_text(report, figures, catalogue, err)
    table = rate_table(report, figures, catalogue, ties)
    _report_rates(table, sections, err)
    return table


def _check_proposals(figures: FigureSet, err: Err) -> None:
    """A figure that import-report read from the text is published only once a clerk has confirmed it."""
    for figure in figures.figures:
        if figure.proposed:
            err(
                (*figure.loc, "de_xuat"),
                "Số liệu do máy đề xuất, chưa được xác nhận: xóa dòng «de_xuat» sau khi đối chiếu.",
                f"{figure.label}: {figure.value}",
                "số liệu đã đối chiếu với bản đã ký, không còn dòng «de_xuat»",
                "Số đúng thì chỉ xóa dòng «de_xuat»; số sai thì sửa «gia_tri»; số không phải của chỉ tiêu "
                "này thì xóa cả chỉ tiêu (hoặc chuyển sang đúng chỉ tiêu).",
            )
    for rate in figures.stated_rates:
        if rate.proposed:
            err(
                (*rate.loc, "de_xuat"),
                "Tỷ lệ và công thức do máy đề xuất, chưa được xác nhận: xóa dòng «de_xuat» sau khi đối chiếu.",
                f"{rate.label}: {rate.written}",
                "tỷ lệ đã đối chiếu với bản đã ký, không còn dòng «de_xuat»",
                "Kiểm tra các chỉ tiêu ở tử số («tu_so») và mẫu số («mau_so») đúng như công thức văn bản viết.",
            )
    for change in figures.stated_changes:
        if change.proposed:
            err(
                (*change.loc, "de_xuat"),
                "Thay đổi do máy đề xuất, chưa được xác nhận: xóa dòng «de_xuat» sau khi đối chiếu.",
                f"{change.label}: {change.written}",
                "thay đổi đã đối chiếu với bản đã ký, không còn dòng «de_xuat»",
                "Kiểm tra chỉ tiêu được so sánh («chi_tieu»), đơn vị («phan_tram»: % so với kỳ trước; "
                "«diem_phan_tram»: điểm % giữa hai tỷ lệ) và kỳ so sánh («ky_truoc» hay «cung_ky»).",
            )


def check_scopes(report: BaoCao | None, figures: FigureSet, err: Err, last_day: date | None = None) -> None:
    """Scopes and cited documents fall within the period (also checked when some figure is unreadable).

    Without a report (its other fields do not read yet) or with a reversed data window (reported
    once, by the window's own rule), only that every scope has its dates: no date can be judged.
    ``last_day``: the period's last day, for the example of a missing date when there is no report.
    """
    last_day = report.window.den_ngay if report is not None else last_day or date(2022, 9, 30)
    window = None
    if report is not None and report.window.tu_ngay < report.window.den_ngay:
        window = (report.window.tu_ngay, report.ngay_ban_hanh or report.ky.end)
    checked_scopes: set[Loc] = set()
    for occurrence in figures.occurrences:
        if occurrence.scope is not None:
            _check_scope(report, occurrence.scope, (*occurrence.loc, "pham_vi"), window, last_day, err)
            checked_scopes.add((*occurrence.loc, "pham_vi"))
        if occurrence.documents and report is not None and window is not None:
            prose_text = " ".join(paragraphs_of(report)[occurrence.section])
            check_mentions(
                occurrence.documents, prose_text, (*occurrence.loc, "van_ban"), "nội dung của mục", err
            )
            for index, van_ban in enumerate(occurrence.documents):
                if not window[0] <= van_ban.ngay <= window[1]:
                    err(
                        (*occurrence.loc, "van_ban", index, "ngay"),
                        f"Ngày văn bản nằm ngoài {report.label}.",
                        text.format_date(van_ban.ngay),
                        f"từ {text.format_date(window[0])} đến {text.format_date(window[1])}",
                    )
    for figure in figures.figures:
        if (
            figure.scope is not None
            and figure.scope_loc is not None
            and figure.scope_loc not in checked_scopes
        ):
            checked_scopes.add(figure.scope_loc)
            _check_scope(report, figure.scope, figure.scope_loc, window, last_day, err)


def _check_scope(
    report: BaoCao | None,
    scope: PhamVi,
    loc: Loc,
    window: tuple[date, date] | None,
    last_day: date,
    err: Err,
) -> None:
    if scope.loai == "tinh_den" and scope.ngay is None:
        err((*loc, "ngay"), "Phạm vi «tinh_den» cần ngày.", "không có", f"ngày, VD: {last_day.isoformat()}")
    elif scope.loai == "khoang" and (scope.tu_ngay is None or scope.den_ngay is None):
        err(loc, "Phạm vi «khoang» cần «tu_ngay» và «den_ngay».", "thiếu ngày")
    if report is None or window is None:
        return
    span = f"từ {text.format_date(window[0])} đến {text.format_date(window[1])}"
    if scope.loai == "tinh_den" and scope.ngay is not None and not window[0] <= scope.ngay <= window[1]:
        err(
            (*loc, "ngay"), f"Ngày tính số liệu nằm ngoài {report.label}.", text.format_date(scope.ngay), span
        )
    if scope.loai != "khoang" or scope.tu_ngay is None or scope.den_ngay is None:
        return
    if not (
        scope.tu_ngay <= scope.den_ngay
        and scope.tu_ngay >= window[0] - timedelta(days=366)
        and scope.den_ngay <= window[1]
    ):
        err(
            loc,
            f"Khoảng thời gian của số liệu không hợp lệ với {report.label}.",
            f"{text.format_date(scope.tu_ngay)} – {text.format_date(scope.den_ngay)}",
            span,
        )


def check_mentions(documents: Iterable[VanBan], prose_text: str, loc: Loc, where: str, err: Err) -> None:
    """Each cited document's number and date must be written in the prose."""
    written_dates = text.dates_in(prose_text)
    for index, van_ban in enumerate(documents):
        if van_ban.so_ky_hieu not in prose_text:
            err(
                (*loc, index, "so_ky_hieu"),
                f"Số, ký hiệu văn bản không có trong {where}.",
                van_ban.so_ky_hieu,
                f"đúng như viết trong {where}",
            )
        if van_ban.ngay not in written_dates:
            err(
                (*loc, index, "ngay"),
                f"Ngày của văn bản không có trong {where}.",
                text.format_date(van_ban.ngay),
                f"một ngày được viết trong {where}",
            )


def _check_once(figures: FigureSet, err: Err, sections: list[Loc]) -> None:
    """A figure of a block is given once, whichever section it is written in."""
    seen: dict[tuple, Figure] = {}
    for figure in figures.figures:
        key = (figure.breakdown.identity, figure.key)
        if key in seen:
            first = sections[seen[key].section]
            where = f"phần {int(first[1]) + 1}, mục {int(first[3]) + 1}"
            block = f" ({figure.breakdown.label})" if figure.breakdown.label else ""
            err(
                figure.loc,
                f"Số liệu «{figure.key}»{block} ghi hai lần trong báo cáo.",
                figure.value,
                "mỗi số liệu một lần, dưới mục có lời văn nêu số đó",
                f"Lần đầu ở {where}.",
            )
        else:
            seen[key] = figure


def _check_required(figures: FigureSet, err: Err) -> None:
    """A block of a group (not a part of one) gives the group's required figures."""
    for breakdown in figures.breakdowns():
        if breakdown.is_part:
            continue
        given = {f.key for f in figures.figures if f.breakdown.identity == breakdown.identity}
        first: dict[str, Any] = {}
        for occurrence in figures.occurrences:
            if occurrence.breakdown.identity == breakdown.identity:
                first.setdefault(occurrence.group.key, occurrence)
        for group_key, occurrence in first.items():
            for name, indicator in occurrence.group.indicators.items():
                if indicator.required and indicator.key not in given:
                    err(
                        occurrence.loc,
                        f"Thiếu trường bắt buộc «{name}» ({indicator.label}).",
                        "không có",
                        "trường này phải có",
                        f"Báo cáo không nêu số này thì xóa cả nhóm «{group_key}» ở mục này.",
                    )


def _check_sums(
    report: BaoCao, catalogue: Catalogue, block: dict[str, Figure], breakdown: Breakdown, err: Err
) -> None:
    for rule in catalogue.sums:
        whole = block.get(rule.whole)
        parts = [block.get(key) for key in rule.parts]
        given = [p for p in parts if p is not None]
        if whole is None or not given or whole.approx or any(p.approx for p in given):
            continue
        if len({scope_signature(report, f.scope) for f in (whole, *given)}) > 1:
            continue  # figures of different scopes do not add up
        total = sum(p.value for p in given)
        group = (
            whole.group_label
            + _part_of(catalogue, rule.parts)
            + (f" ({breakdown.label})" if breakdown.label else "")
        )
        relation = f"{whole.indicator.label} = " + " + ".join(
            catalogue.indicators[key].label if key in catalogue.indicators else key for key in rule.parts
        )
        found = " + ".join(map(str, (p.value for p in given))) + f" = {total}"
        if rule.exact and (len(given) == len(parts) or rule.complete):
            if total != whole.value:
                err(
                    given[0].loc if rule.complete else whole.loc,
                    f"{group}: tổng các thành phần không bằng tổng số ({relation}).",
                    found,
                    str(whole.value),
                    "Kiểm tra lại số liệu với bản đã ký."
                    if not rule.complete
                    else "Thành phần không ghi được tính là 0: ghi đủ các thành phần báo cáo nêu.",
                )
        elif total > whole.value:
            err(
                whole.loc,
                f"{group}: các thành phần vượt quá tổng số ({relation.replace(' = ', ' ≥ ', 1)}).",
                found,
                f"không quá {whole.value}",
            )


def _part_of(catalogue: Catalogue, parts: tuple[str, ...]) -> str:
    """« theo loại» when every part belongs to one subgroup (cán bộ theo loại, theo trình độ…)."""
    prefixes = {key.rsplit(".", 1)[0] for key in parts}
    if len(prefixes) != 1:
        return ""
    sub = catalogue.group_at(tuple(prefixes.pop().split(".")))
    if sub is None or len(sub.path) == 1:
        return ""
    label = sub.label[0].lower() + sub.label[1:]
    return f" {label}" if label.startswith("theo ") else f" theo {label}"


def _check_parts(report: BaoCao, figures: FigureSet, err: Err) -> None:
    """A field's or a subset's figures do not exceed the whole; the fields together neither."""
    totals: dict[tuple, tuple[Breakdown, list[Figure]]] = {}
    for breakdown in figures.breakdowns():
        if not breakdown.is_part:
            continue
        whole = figures.of(breakdown.whole)
        for key, part in figures.of(breakdown).items():
            full = whole.get(key)
            if (
                full is None
                or full.approx
                or part.approx
                or scope_signature(report, full.scope) != scope_signature(report, part.scope)
            ):
                continue
            if part.value > full.value:
                err(
                    part.loc,
                    f"Số liệu của «{breakdown.label}» vượt quá số liệu chung.",
                    part.value,
                    f"không quá {full.value} ({full.label})",
                )
            if breakdown.linh_vuc:
                totals.setdefault((breakdown.whole.identity, key), (breakdown.whole, []))[1].append(part)
    for (_, key), (owner, parts) in totals.items():
        full = figures.of(owner).get(key)
        total = sum(p.value for p in parts)
        if full is not None and len(parts) > 1 and total > full.value:
            err(
                parts[-1].loc,
                "Tổng số liệu các lĩnh vực vượt quá số liệu chung.",
                " + ".join(str(p.value) for p in parts) + f" = {total}",
                f"không quá {full.value} ({full.label})",
            )


@dataclass(frozen=True)
class _Placed:
    mention: prose.Mention
    paragraph: int
    start: int


def _placed(paragraphs: list[str]) -> list[_Placed]:
    found = []
    for number, paragraph in enumerate(paragraphs):
        for mention in prose.mentions(paragraph):
            found.append(_Placed(mention, number, mention.start))
    return found


def _check_text(
    report: BaoCao, figures: FigureSet, catalogue: Catalogue, err: Err
) -> dict[int, dict[str, tuple[int, int]]]:
    """Each figure's number stands in its section's text with its unit or its name."""
    ties: dict[int, dict[str, tuple[int, int]]] = {}
    all_paragraphs = paragraphs_of(report)
    by_section: dict[int, list[Figure]] = {}
    for figure in figures.figures:
        by_section.setdefault(figure.section, []).append(figure)
    for section, members in by_section.items():
        paragraphs = all_paragraphs[section]
        placed = _placed(paragraphs)
        for figure in members:
            found = _tie(figure, paragraphs, placed, catalogue, _rivals(figure, members, catalogue), err)
            if found is not None:
                ties.setdefault(section, {})[figure.key] = found
    return ties


def _rivals(
    figure: Figure, members: list[Figure], catalogue: Catalogue
) -> dict[tuple[str, ...], tuple[str, str]]:
    """Words naming another figure — of the section, or of the same group in the catalogue — with the
    indicator each names: «300 trường hợp» after «khai sinh» is no marriage count, «118 hồ sơ trễ hạn»
    no count of online dossiers. A word the figure's own name contains is no rival."""
    own = {folded(word) for word in figure.indicator.keywords}
    others = [other.indicator for other in members if other is not figure]
    others += [
        indicator
        for indicator in catalogue.indicators.values()
        if indicator.group == figure.indicator.group and indicator.key != figure.indicator.key
    ]
    rivals: dict[tuple[str, ...], tuple[str, str]] = {}  # folded word → (indicator, word as written)
    for indicator in others:
        if set(indicator.keywords) == set(figure.indicator.keywords):
            continue
        for written in indicator.keywords:
            word = folded(written)
            if word not in own and not any(prose.has_word(mine, word) for mine in own):
                rivals.setdefault(word, (indicator.key, written))
    return rivals


def _foreign_units(catalogue: Catalogue, figure: Figure) -> dict[tuple[str, ...], tuple[str, str]]:
    """Units other indicators are counted in and this one is not («đơn» for a count of dossiers),
    with an indicator counted in each and the unit as written."""
    mine = {folded(word) for word in catalogue.words(figure.indicator)}
    found: dict[tuple[str, ...], tuple[str, str]] = {}
    for indicator in catalogue.indicators.values():
        for written in catalogue.words(indicator):
            word = folded(written)
            if word and word not in mine:
                found.setdefault(word, (indicator.key, written))
    return found


def _tie(
    figure: Figure,
    paragraphs: list[str],
    placed: list[_Placed],
    catalogue: Catalogue,
    rivals: dict[tuple[str, ...], tuple[str, str]],
    err: Err,
) -> tuple[int, int] | None:
    if figure.quote is not None:
        return _tie_quote(figure, paragraphs, err)
    own = [folded(word) for word in figure.indicator.keywords]
    unit = [folded(word) for word in catalogue.words(figure.indicator)]
    same = [p for p in placed if p.mention.value == figure.value]
    worded = []
    taken: list[tuple[_Placed, tuple[str, ...]]] = []  # the number, with another figure's word instead
    foreign = _foreign_units(catalogue, figure)
    units_taken: set[tuple[str, ...]] = set()
    for candidate in same:
        mention = candidate.mention
        windows = (mention.after,) if mention.zero_word else (mention.before, mention.after)
        has_own = any(prose.has_word(w, word) for w in windows for word in own)
        has_unit = any(prose.has_word(w, word) for w in windows for word in unit)
        rival = next((word for word in rivals if any(prose.has_word(w, word) for w in windows)), None)
        foreign_unit = next(
            (
                u
                for u in foreign
                if mention.after[: len(u)] == u and not any(mention.after[: len(m)] == m for m in unit)
            ),
            None,
        )
        if own and not has_own and rival:
            taken.append((candidate, rival))
        elif foreign_unit is not None and not mention.zero_word:
            # «21 đơn» is no count of dossiers: the unit written after the number is another indicator's
            rivals = {**rivals, foreign_unit: foreign[foreign_unit]}
            units_taken.add(foreign_unit)
            taken.append((candidate, foreign_unit))
        elif has_own or has_unit:
            worded.append(candidate)
        elif rival:
            taken.append((candidate, rival))
    exact = [p for p in worded if p.mention.approx == figure.approx or p.mention.zero_word]
    if exact:
        return exact[0].paragraph, exact[0].start
    digits = [p for p in same if not p.mention.zero_word]
    if worded:
        written = worded[0].mention.approx
        found = f"«{worded[0].mention.excerpt}»"
        if written is None:
            err(
                figure.loc,
                "Số liệu ghi là số gần đúng nhưng văn bản viết số chính xác.",
                found,
                "bỏ «xap_xi»",
                f"Văn bản viết {figure.value} không kèm «{XAP_XI_LABELS[figure.approx or '']}».",
            )
        else:
            err(
                figure.loc,
                f"Văn bản viết «{XAP_XI_LABELS[written]} {figure.value}» nhưng số liệu ghi khác.",
                found,
                f"{{gia_tri: {figure.value}, xap_xi: {written}}}",
                "Số gần đúng ghi kèm «xap_xi» như văn bản viết.",
            )
    elif taken:
        candidate, word = taken[0]
        key, written = rivals[word]
        other = catalogue.indicators.get(key)
        said = (
            f"Số {figure.value} đi với đơn vị «{written}» (như {other.label if other else key}), không phải "
            f"đơn vị của «{figure.label}» ({figure.indicator.unit})"
            if word in units_taken
            else f"Câu nêu số {figure.value} nói về «{written}» ({other.label if other else key}), "
            f"không phải «{figure.label}»"
        )
        err(
            figure.loc,
            f"{said}: {NOT_TIED}",
            f"«{candidate.mention.excerpt}»",
            f"số {figure.value} đi cùng tên của chỉ tiêu: {', '.join(figure.indicator.keywords)}",
            f"Ghi số liệu vào đúng chỉ tiêu ({key}) nếu văn bản nói về nó; nếu văn bản thật sự nêu "
            f'«{figure.label}» bằng cách viết khác, ghi «trich» là cụm từ có số liệu, VD: {{gia_tri: {figure.value}, trich: "…"}}.',
        )
    elif digits or (figure.value == 0 and same):
        unit_words = ", ".join(
            dict.fromkeys([*figure.indicator.keywords, *catalogue.words(figure.indicator)])
        )
        err(
            figure.loc,
            "Số liệu có trong mục nhưng không đi cùng đơn vị hay tên của chỉ tiêu.",
            "; ".join(f"«{p.mention.excerpt}»" for p in (digits or same)[:2]),
            f"số {figure.value} đi cùng một trong: {unit_words} (VD: «{figure.value} {figure.indicator.unit}»)",
            f"Kiểm tra số liệu có bị đổi chỗ với số khác của mục không ({figure.label}). Nếu văn bản viết khác, "
            f'ghi «trich» là cụm từ có số liệu, VD: {{gia_tri: {figure.value}, trich: "…"}}.',
        )
    else:
        err(
            figure.loc,
            "Số liệu không có trong nội dung của mục.",
            figure.value,
            "số này được viết trong đoạn văn của mục (VD: 05 hoặc 5)",
            "Sửa số liệu cho khớp bản đã ký, hoặc kiểm tra đoạn văn chép lại.",
        )
    return None


def _tie_quote(figure: Figure, paragraphs: list[str], err: Err) -> tuple[int, int] | None:
    quote = prose.normalized(figure.quote or "")
    for number, paragraph in enumerate(paragraphs):
        normal = prose.normalized(paragraph)
        at = normal.find(quote)
        if at < 0:
            continue
        values = {m.value for m in prose.mentions(figure.quote or "")}
        if figure.value not in values:
            err(
                (*figure.loc, "trich"),
                "Cụm từ «trich» không chứa số liệu.",
                f"«{figure.quote}»",
                f"cụm từ có số {figure.value}",
            )
            return None
        return number, at
    err(
        (*figure.loc, "trich"),
        "Cụm từ «trich» không có trong nội dung của mục.",
        f"«{figure.quote}»",
        "chép đúng một cụm từ của đoạn văn (chữ hoa, dấu cách không quan trọng)",
    )
    return None


def _report_rates(table: RateTable, sections: list[Loc], err: Err) -> None:
    for stated, computed in table.mismatched:
        value = percent_at(computed.numerator or 0, computed.denominator or 1, stated.decimals)
        err(
            (*stated.loc, "gia_tri"),
            "Tỷ lệ văn bản viết khác tỷ lệ tính từ số liệu.",
            stated.written,
            f"{_percent(value)} = {computed.formula}: {computed.numerator} ÷ {computed.denominator}",
            "Kiểm tra số liệu với bản đã ký; nếu văn bản dùng cách tính khác, ghi «cong_thuc» hoặc «tu_so»/«mau_so».",
        )
    for stated in table.not_in_text:
        err(
            (*stated.loc, "gia_tri"),
            "Tỷ lệ ghi ở «ty_le» không có trong lời văn của mục.",
            stated.written,
            "tỷ lệ đúng như văn bản viết (VD: 99,57%)",
        )
    for section, paragraph, percent, nearest in table.unaccounted:
        if nearest is not None:
            message = "Tỷ lệ văn bản viết không khớp tỷ lệ tính từ số liệu của mục."
            expected = (
                f"{nearest.shown} = {nearest.formula}: {nearest.numerator} ÷ {nearest.denominator} "
                f"({nearest.label})"
            )
        else:
            message = f"Tỷ lệ «{percent.written}» viết trong văn bản chưa được ghi nhận."
            expected = "tỷ lệ được ghi ở «so_lieu.ty_le» của mục"
        where = (
            (*sections[section], "doan_van", paragraph - 1) if paragraph else (*sections[section], "tieu_de")
        )
        err(
            where,
            message,
            percent.written,
            expected,
            near=percent.written,
            hint="Ghi tỷ lệ ở «so_lieu.ty_le» của mục: «- {gia_tri: "
            + percent.written
            + ", chi_tieu: ty_le.…, "
            "cong_thuc: …}» để đối chiếu với số liệu; tỷ lệ không tính từ số liệu của báo cáo thì ghi «nhan» "
            "(tên tỷ lệ) thay cho «chi_tieu». Thay đổi so với kỳ trước ghi ở «thay_doi».",
        )


def _percent(value: Decimal) -> str:
    return f"{value}".replace(".", ",") + "%"


@dataclass(frozen=True)
class ChangeResult:
    """A stated change and what the site can say of it."""

    stated: StatedChange
    against: str  # the period compared with, «Quý 2/2023»
    computed: Decimal | None  # the change computed at the stated precision (signed)
    matches: bool | None  # None: the site has no report of that period, or it lacks the figure
    note: str


def _value_of(
    report: BaoCao, figures: FigureSet, table: RateTable, catalogue: Catalogue, change: StatedChange
) -> tuple[Decimal, bool, str] | None:
    """The value a change is about, in ``report``: a count, or a rate in percent (and its scope kind)."""
    if change.target in catalogue.rates:
        variant = change.formula.key if change.formula else "mac_dinh"
        rate = next(
            (
                r
                for r in table.rates
                if r.key == change.target
                and r.variant == variant
                and r.breakdown == change.breakdown.label
                and r.computable
            ),
            None,
        )
        if rate is None:
            return None
        return Decimal(rate.numerator or 0) * 100 / Decimal(rate.denominator or 1), rate.approx, rate.kind
    figure = figures.of(change.breakdown).get(change.target)
    if figure is None:
        return None
    return Decimal(figure.value), figure.approx is not None, scope_kind(report, figure.scope)


def check_change(
    change: StatedChange,
    now: tuple[BaoCao, FigureSet, RateTable],
    before: tuple[BaoCao, FigureSet, RateTable] | None,
    against_label: str,
    catalogue: Catalogue,
) -> ChangeResult:
    """Compare a stated change with the one computed from the two reports, at the written precision."""
    if before is None:
        return ChangeResult(
            change, against_label, None, None, f"chưa đối chiếu được: trang chưa có báo cáo {against_label}"
        )
    current = _value_of(*now, catalogue, change)
    previous = _value_of(*before, catalogue, change)
    if current is None or previous is None:
        missing = against_label if previous is None else "báo cáo này"
        return ChangeResult(
            change, against_label, None, None, f"chưa đối chiếu được: {missing} không nêu số liệu này"
        )
    if current[1] or previous[1]:
        return ChangeResult(change, against_label, None, None, "không đối chiếu: số liệu gần đúng")
    if current[2] != previous[2]:
        return ChangeResult(change, against_label, None, None, "không đối chiếu: hai kỳ khác phạm vi số liệu")
    difference = current[0] - previous[0]
    if change.unit == "phan_tram":
        if previous[0] == 0:
            return ChangeResult(change, against_label, None, None, "không đối chiếu: kỳ trước bằng 0")
        difference = difference * 100 / previous[0]
    step = Decimal(1).scaleb(-change.decimals)
    computed = difference.quantize(step, rounding=ROUND_HALF_UP)
    matches = computed == change.sign * change.magnitude
    return ChangeResult(change, against_label, computed, matches, "khớp" if matches else "không khớp")


def shown_change(result: ChangeResult) -> str:
    """«+36,49%», «−1,2 điểm %», «+12»."""
    if result.computed is None:
        return ""
    sign = "+" if result.computed > 0 else "−" if result.computed < 0 else ""
    number = f"{abs(result.computed)}".replace(".", ",")
    unit = {"phan_tram": "%", "diem_phan_tram": " điểm %", "so": ""}[result.stated.unit]
    return f"{sign}{number}{unit}"
