"""Text that could become markup, refused wherever it is in a content file."""

from __future__ import annotations

import re
from typing import Any

from ..content.documents import Document, Loc
from ..core.errors import Problems

# Every value is escaped when rendered; these are refused anyway, so that what a clerk pasted from
# a web page or an e-mail (tags, script links, Markdown links) is seen and removed, not published.
_UNSAFE = (
    # a tag, closed or not: «</title a="» in a name would still open markup where text is unescaped
    (
        re.compile(
            r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?\s*>|<\s*/\s*[A-Za-z]|<[A-Za-z][A-Za-z0-9-]*(\s|$)"
            r"|<!--|<!\w|<\?"
        ),
        "thẻ HTML",
    ),
    (re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:"), "liên kết trong dấu < >"),
    (
        re.compile(r"\b(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE),
        "liên kết javascript:, data: hoặc file:",
    ),
    (re.compile(r"\]\s*\(|!\["), "cú pháp liên kết, hình ảnh của Markdown"),
    (re.compile(r"\{\s*:"), "cú pháp thuộc tính «{:» của Markdown"),
    (re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]{2,8});"), "mã ký tự HTML (&...;)"),
)


def check_text_safety(doc: Document, problems: Problems) -> None:
    """Refuse text carrying markup or script links, wherever it is in the file."""

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, str):
            for pattern, what in _UNSAFE:
                if match := pattern.search(value):
                    start = max(0, match.start() - 20)
                    problems.add(
                        doc.problem(
                            loc,
                            f"Văn bản chứa {what}.",
                            f"«…{value[start : match.end() + 20]}…»",
                            "văn bản thường, không chèn mã",
                            "Trang tự trình bày văn bản: xóa phần mã (thường dính vào khi chép "
                            "từ trang web hay thư điện tử). Dấu < > viết thành «nhỏ hơn», «lớn hơn».",
                        )
                    )
                    break

    walk(doc.data, ())
