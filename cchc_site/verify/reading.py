"""What ``verify`` found, as the auditor reads it (Vietnamese)."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from .. import text
from .compare import ReportResult
from .consistency import Mismatch

MISMATCH = "KHÔNG KHỚP TRONG BẢN LƯU"


def report_text(
    where: str,
    archived: dict[str, Any],
    results: list[ReportResult],
    newer: list[str],
    whole: list[Mismatch] | None = None,
    lists_files: bool = True,
) -> str:
    """The auditor's reading, in Vietnamese: first whether the archive agrees with itself (``whole``:
    not tied to one report), then per report what was corrected and what changed silently."""
    whole = whole or []
    lines = [
        (
            f"Đối chiếu bản lưu {where} ({archived.get('co_quan', '')}, {len(results)} báo cáo) "
            "với dữ liệu hôm nay."
        )
    ]
    if not lists_files:
        lines.append(
            "Bản lưu xây dựng trước khi tệp đối chiếu ghi dấu vân tay các tệp dữ liệu và trang báo "
            "cáo: chỉ kiểm tra được tệp đối chiếu với chính nó, không kiểm tra được các tệp và trang."
        )
    if whole:
        lines.append(f"Toàn bản lưu: {len(whole)} CHỖ {MISMATCH}.")
        lines += _mismatch_lines(whole)
    for result in results:
        fixed = [d for d in result.differences if not d.silent]
        if not result.differences and not result.problems and not result.mismatches:
            lines.append(f"{result.label}: {result.unchanged} nội dung, tất cả như bản lưu.")
            continue
        head = f"{result.label}: {result.unchanged} nội dung như bản lưu"
        if fixed:
            head += f"; {len(fixed)} nội dung đã đính chính có ghi cập nhật"
        if result.silent:
            head += f"; {result.silent} THAY ĐỔI KHÔNG GHI CẬP NHẬT"
        if result.mismatches:
            head += f"; {len(result.mismatches)} CHỖ {MISMATCH}"
        lines.append(head + ".")
        lines += _mismatch_lines(result.mismatches)
        lines += [f"  THAY ĐỔI KHÔNG GHI CẬP NHẬT: {problem}" for problem in result.problems]
        for difference in result.differences:
            label = "ĐÃ ĐÍNH CHÍNH" if not difference.silent else "THAY ĐỔI KHÔNG GHI CẬP NHẬT"
            lines.append(f"  {label}: {difference.name} ({difference.key})")
            before, after = _changed_part(difference.before, difference.after)
            lines.append(f"      bản lưu: {before or '(không có)'}")
            lines.append(f"      hôm nay: {after or '(đã bị xóa)'}")
            for fix in difference.corrections:
                day = fix["ngay"]
                when = text.format_date(day) if isinstance(day, date) else str(day)
                lines.append(f"      cập nhật ngày {when}: {fix['ly_do']}")
    if newer:
        lines.append(f"\nBáo cáo đăng tải sau bản lưu (không có gì để đối chiếu): {', '.join(newer)}.")
    silent = sum(result.silent for result in results)
    corrected = sum(1 for result in results for d in result.differences if not d.silent)
    mismatched = len(whole) + sum(len(result.mismatches) for result in results)
    if mismatched:
        lines.append(
            f"\nBẢN LƯU KHÔNG NHẤT QUÁN: {mismatched} chỗ các tệp, trang của bản lưu nói khác tệp đối chiếu "
            "của chính nó (bản lưu đã bị sửa sau khi xây dựng, hoặc không phải một lần xây dựng trọn vẹn). "
            "Không dựa vào bản lưu này được; phần đối chiếu với hôm nay ở trên chỉ dựa vào tệp đối chiếu."
        )
    head = f"\nKết quả: {mismatched} CHỖ {MISMATCH}; " if mismatched else "\nKết quả: "
    if silent:
        affected = sum(1 for result in results if result.silent)
        lines.append(
            f"{head}{silent} THAY ĐỔI KHÔNG GHI CẬP NHẬT trong {affected} báo cáo"
            + (f"; {corrected} nội dung đã đính chính có ghi cập nhật." if corrected else ".")
        )
    else:
        lines.append(
            f"{head}không có thay đổi nào không ghi cập nhật"
            + (f"; {corrected} nội dung đã đính chính có ghi cập nhật." if corrected else ".")
        )
    return "\n".join(lines)


def _mismatch_lines(mismatches: list[Mismatch]) -> list[str]:
    lines = []
    for mismatch in mismatches:
        lines.append(f"  {MISMATCH}: {mismatch.file}: {mismatch.what}")
        found, expected = _changed_part(mismatch.found, mismatch.expected, limit=160)
        lines.append(f"      tìm thấy: {found}")
        lines.append(f"      phải là: {expected}")
    return lines


def _changed_part(before: str, after: str, context: int = 6, limit: int = 300) -> tuple[str, str]:
    """For long texts, the changed words with a few words around them, marked «…»."""
    if len(before) <= limit and len(after) <= limit:
        return before, after
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changed:
        return before[:limit] + "…", after[:limit] + "…"
    a_start, a_end = max(0, changed[0][1] - context), min(len(old), changed[-1][2] + context)
    b_start, b_end = max(0, changed[0][3] - context), min(len(new), changed[-1][4] + context)

    def cut(words: list[str], start: int, end: int) -> str:
        shown = " ".join(words[start:end])
        shown = shown if len(shown) <= limit else shown[:limit] + "…"
        return ("…" if start > 0 else "") + shown + ("…" if end < len(words) else "")

    return cut(old, a_start, a_end), cut(new, b_start, b_end)
