"""``new-report``: a report file for any period, ready to fill in."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from .. import text
from ..addresses import CONTENT_DIR, report_file
from ..core import periods
from .parser import add_content, day

NAME = "new-report"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=f"tạo tệp báo cáo mới ({', '.join(kind.name for kind in periods.PERIOD_KINDS.values())})",
        description=f"Tạo {CONTENT_DIR}/{report_file('KỲ')} từ báo cáo gần nhất trước đó (cùng loại kỳ nếu có);\n"
        "xã chưa có báo cáo nào thì tạo theo đề cương chuẩn.\n"
        + textwrap.fill(
            "KỲ: " + ", ".join(f"{k.example} ({k.name})" for k in periods.PERIOD_KINDS.values()) + ".", 90
        ),
    )
    parser.add_argument("quarter", metavar="KỲ", help="VD: 2022-q4, 2023-t08, 2023-6t, 2022-nam")
    add_content(parser)
    parser.add_argument("--tu-ngay", type=day, help="ngày đầu kỳ số liệu nếu khác mặc định (NĐ 09/2019)")
    parser.add_argument("--den-ngay", type=day, help="ngày cuối kỳ số liệu nếu khác mặc định")
    return parser


def run(args: argparse.Namespace) -> int:
    """0 written; 1 nothing written (a file is there, or the profile cannot be read); 2 a wrong period."""
    from ..scaffold.report import ScaffoldError, draft

    stem, start, end = args.quarter, args.tu_ngay, args.den_ngay
    ky = periods.parse(stem)
    if ky is None:
        print(
            f"Kỳ báo cáo {json.dumps(stem, ensure_ascii=False)} không đúng dạng. Các loại kỳ: {periods.kinds_help()}.",
            file=sys.stderr,
        )
        return 2
    target = args.content / report_file(ky.slug)
    if target.exists():
        print(
            f"Tệp {target} đã có: không ghi đè. Sửa trực tiếp tệp đó, hoặc xóa nó trước nếu muốn tạo lại.",
            file=sys.stderr,
        )
        return 1
    default_start, default_end = ky.default_window()
    window = (start or default_start, end or default_end)
    if window[0] >= window[1]:
        given = [
            f"{flag} ({text.format_date(day)})"
            if written
            else f"ngày {what} mặc định ({text.format_date(day)})"
            for flag, what, day, written in (
                ("--tu-ngay", "đầu", window[0], start),
                ("--den-ngay", "cuối", window[1], end),
            )
        ]
        print(
            f"Kỳ số liệu không hợp lệ: {given[0]} phải trước {given[1]}. Có lẽ hai ngày bị đổi chỗ; "
            f"mặc định theo NĐ 09/2019: {text.format_date(default_start)} – {text.format_date(default_end)}.",
            file=sys.stderr,
        )
        return 2
    try:
        body, source = draft(args.content, ky, window)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    print(
        f"Đã tạo {target} {source}: {ky.label}, kỳ số liệu "
        f"{text.format_date(window[0])} – {text.format_date(window[1])}."
    )
    print(
        "Điền các chỗ trống (chép nguyên văn từ bản đã ký), rồi chạy «python -m cchc_site check»: "
        "lệnh liệt kê những chỗ còn thiếu. Chưa ghi «ngay_dang_tai» nên báo cáo là bản nháp, chưa đăng."
    )
    return 0
