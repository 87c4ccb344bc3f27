"""``python -m cchc_site``: the staff's tools, in Vietnamese, on the same code as the build.

One module per command: each adds its subcommand to the parser (``add``) and carries it out
(``run``), printing what the clerk reads. Exit codes: 0 fine, 1 data errors (or nothing
written), 2 wrong usage.
"""

from __future__ import annotations

import os
import sys

from . import (
    check,
    correct,
    export_docx,
    import_national,
    import_procedures,
    import_report,
    init_project,
    init_tinh,
    khoa,
    ma_tran,
    new_report,
    schema,
    tong_hop,
    verify,
)
from .parser import Parser

BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a program whose reader went away

COMMANDS = (  # in the order the help lists them
    check,
    new_report,
    import_procedures,
    import_national,
    khoa,
    correct,
    verify,
    export_docx,
    import_report,
    init_project,
    init_tinh,
    tong_hop,
    ma_tran,
    schema,
)


def build_parser() -> Parser:
    parser = Parser(
        prog="python -m cchc_site",
        description=(
            "Công cụ dữ liệu của trang cải cách hành chính: kiểm tra dữ liệu, tạo báo cáo mới,\n"
            "nhập danh mục thủ tục từ bảng tính và chi tiết thủ tục từ CSDL quốc gia,\n"
            "khóa số liệu báo cáo đã đăng.\n"
            "Mã thoát: 0 = ổn, 1 = dữ liệu có lỗi, 2 = gõ sai lệnh."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh", parser_class=Parser)
    commands.required = True
    for command in COMMANDS:
        command.add(commands).set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code. A reader that closes the pipe early (``… | head``) ends the
    command quietly with 141, as a shell does on SIGPIPE, instead of a traceback."""
    from ..runtime import paused_gc

    try:
        try:
            args = build_parser().parse_args(argv)
        finally:  # --help and usage errors exit here: their text must reach the pipe now
            sys.stdout.flush()
        with paused_gc():
            code = args.run(args)
        sys.stdout.flush()  # a late failure to write surfaces here, not at interpreter exit
        return code
    except BrokenPipeError:
        # Python flushes stdout again at exit: point it at devnull so that flush cannot fail
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    except OSError as exc:  # a file-system fault no command foresaw: a message, never a traceback
        from ..content.writing import failure

        print("Lỗi: " + failure(exc, "đọc hoặc ghi tệp"), file=sys.stderr)
        return 1
