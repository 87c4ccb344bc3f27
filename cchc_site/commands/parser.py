"""The command line's parser: Vietnamese headings, help and usage errors (exit code 2), and the
arguments several commands share."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from datetime import date
from pathlib import Path

from ..addresses import CONTENT_DIR
from ..content.translate import one_of

USAGE_ERRORS = (  # argparse's messages, as a clerk should read them
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"argument LỆNH: invalid choice: (.*?) \(choose from (.*)\)", "lệnh {wrong} không có; chọn {allowed}"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        "«{option}»: giá trị {wrong} không được phép; chọn {allowed}",
    ),
    (r"invalid choice: (.*?) \(choose from (.*)\)", "lệnh {wrong} không có; chọn {allowed}"),
    (r"unrecognized arguments: (.*)", r"tham số lạ: \1"),
    (r"argument (\S+): expected one argument", r"«\1» cần một giá trị"),
    (r"argument (\S+): invalid int value: (.*)", r"«\1» cần một số nguyên, không phải \2"),
    (r"argument (\S+): (.*)", r"«\1»: \2"),
)
CONTENT_HELP = f"thư mục dữ liệu (mặc định: {CONTENT_DIR})"


class Parser(argparse.ArgumentParser):
    """argparse with Vietnamese headings, help and usage errors (exit code 2)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, replacement in USAGE_ERRORS:
            if match := re.fullmatch(pattern, message):
                if "choose from" in pattern:  # values in «», the last after «hoặc», as every message
                    wrong = match.group(match.re.groups - 1).strip("'")
                    choices = re.findall(r"'([^']+)'", match.group(match.re.groups))
                    option = match.group(1) if match.re.groups == 3 else ""
                    allowed = one_of(choices, shorten=False)
                    message = replacement.format(option=option, wrong=f"«{wrong}»", allowed=allowed)
                    close = difflib.get_close_matches(wrong, choices, n=1)
                    message += f". Có phải ý bạn là «{close[0]}»?" if close else ""
                else:
                    message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


def day(value: str) -> date:
    """A date argument, read as the data files read dates: 2022-09-30 or 30/9/2022."""
    from pydantic_core import PydanticCustomError

    from ..core.models import _read_date

    try:
        return _read_date(value)
    except (ValueError, PydanticCustomError):
        raise argparse.ArgumentTypeError(
            f"ngày không hợp lệ: {value!r} (viết 2022-09-30 hoặc 30/9/2022)"
        ) from None


def add_content(
    parser: argparse.ArgumentParser, text: str = CONTENT_HELP, metavar: str | None = None
) -> None:
    """The ``--content`` folder a command reads (default ``content``)."""
    parser.add_argument("--content", type=Path, default=Path(CONTENT_DIR), metavar=metavar, help=text)
