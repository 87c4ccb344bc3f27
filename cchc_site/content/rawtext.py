"""The raw text of a content file: bytes → text, refusing what would mislead a reader or the parser.

Before any YAML is parsed: the file must be a regular file inside the content folder, of a
reasonable size, in UTF-8, without invisible characters (each named, with its line and column),
without text typed in TCVN3/VNI, without look-alike letters from other alphabets, and without
nesting so deep that the parser itself would crash. Every refusal says where and what.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .os_errors import unreadable

MAX_BYTES = 5_000_000  # a list of 5,000 procedures (procedures.table.MAX_ROWS), as an import writes it
MAX_NESTING = 100  # brackets and indentation levels the parser may see (the loader allows 40 levels)
MAX_SHOWN = 5  # invisible characters listed per file

# Letters of TCVN3 (.VnTime) or VNI text pasted as if it were Unicode ("Thñ tôc hµnh chÝnh"):
# none is a Vietnamese letter. They count only inside words: «½» standing alone is a fraction.
_LEGACY = "µ¸¶¹¨©ª¬®¯´½¾ÆÇËÎÏÑÖØÞßäåæçëîïñöøûüþ"
_LEGACY_IN_WORD = re.compile(f"(?<=[A-Za-z])[{_LEGACY}]|[{_LEGACY}](?=[A-Za-z])")
_LEGACY_MIN = 3
# VNI writes a mark as a second letter after the vowel («Giaáy» for «Giấy», «coù» for «có»): pairs no
# Vietnamese word has (a or e before an accented a/e/â; any vowel before ù, ø, û, õ, ï…).
_SOFT_HYPHEN_IN_WORD = re.compile("(?<=\\w)\u00ad(?=\\w)")
_VNI_PAIR = re.compile(r"(?<=[aeAE])[áàâãäåéèêë]|(?<=[aeiouyAEIOUY])[ùøûõïüåäëö]")
# UTF-8 text read as Windows-1252 («Háº£i» for «Hải»): a lead byte's letter, then continuation bytes.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
    "\u203a\u20ac\u2122]+"
)

_NAMES = {  # invisible characters, as a clerk can find them
    "\u00ad": "gạch nối mềm (ẩn)",
    "\u0085": "ký tự xuống dòng NEL",
    "\u200b": "dấu cách không độ rộng",
    "\u200c": "ký tự ngắt nối không độ rộng",
    "\u200d": "ký tự nối không độ rộng",
    "\u200e": "dấu chiều viết trái sang phải",
    "\u200f": "dấu chiều viết phải sang trái",
    "\u2028": "ký tự ngắt dòng Unicode",
    "\u2029": "ký tự ngắt đoạn Unicode",
    "\u2060": "ký tự nối từ (ẩn)",
    "\ufeff": "dấu BOM nằm giữa văn bản",
}
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ue000-\uf8ff]"
)
_LOOKALIKE = {  # letters drawn like the Vietnamese đ: Icelandic eth, African D
    "\u00d0": "Đ",
    "\u00f0": "đ",
    "\u0189": "Đ",
    "\u0256": "đ",
}


@dataclass(frozen=True)
class TextIssue:
    """A reason the text of a file cannot be read as it is."""

    line: int | None
    message: str
    found: str | None = None
    expected: str | None = None
    hint: str | None = None


class TextError(Exception):
    def __init__(self, issues: list[TextIssue]) -> None:
        super().__init__(issues[0].message)
        self.issues = issues


def read_text(path: Path, root: Path | None = None) -> str:
    """The text of ``path`` (NFC, ``\\n`` lines, no BOM), or ``TextError`` naming every reason not to.

    ``root``: the content folder; a file that resolves outside it (a symbolic link) is refused
    without being read, so that nothing of the target can reach a log.
    """
    data = _read_bytes(path, root)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextError(
            [
                TextIssue(
                    line,
                    "Tệp không phải mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI).",
                    f"byte 0x{data[exc.start]:02X} không hợp lệ trong UTF-8",
                    "văn bản Unicode mã UTF-8",
                    "Mở tệp bằng trình soạn thảo (VD: Notepad++, VS Code) và lưu lại với mã UTF-8; văn bản font "
                    ".VnTime/VNI cần chuyển mã sang Unicode bằng Unikey (Công cụ chuyển mã) trước.",
                )
            ]
        ) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    issues = _legacy(text) or _mojibake(text) or _invisible(text) or _lookalikes(text) or _nesting(text)
    if issues:
        raise TextError(issues)
    return text


def _read_bytes(path: Path, root: Path | None) -> bytes:
    def refuse(message: str, found: str, expected: str, hint: str | None = None) -> TextError:
        return TextError([TextIssue(None, message, found, expected, hint)])

    if root is not None and path.is_symlink():
        try:
            inside = path.resolve().is_relative_to(root.resolve())
        except (OSError, RuntimeError):  # a loop of links
            inside = False
        if not inside:
            raise refuse(
                "Tệp là liên kết tới một tệp ngoài thư mục dữ liệu: không đọc.",
                "liên kết (symlink)",
                "một tệp thật nằm trong thư mục dữ liệu",
                "Chép nội dung cần dùng vào thư mục dữ liệu.",
            )

    def unread(exc: OSError) -> TextError:
        why = unreadable(exc)
        return refuse(f"Không đọc được tệp ({why.reason}).", why.reason, "một tệp đọc được", why.action)

    try:
        info = path.stat()
    except OSError as exc:
        raise unread(exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise refuse(
            "Ở chỗ của tệp dữ liệu là một thư mục.",
            "thư mục",
            "một tệp văn bản YAML",
            "Đổi tên hoặc chuyển thư mục đi, rồi đặt tệp dữ liệu vào đúng chỗ.",
        )
    if not stat.S_ISREG(info.st_mode):
        raise refuse(
            "Không phải một tệp dữ liệu thường.",
            "thiết bị, ống dẫn hoặc ổ cắm",
            "một tệp văn bản YAML",
            "Xóa nó rồi đặt tệp dữ liệu thật vào đúng chỗ.",
        )
    if info.st_size > MAX_BYTES:
        raise refuse(
            "Tệp quá lớn.",
            f"{info.st_size:,} byte".replace(",", "."),
            f"tối đa {MAX_BYTES:,} byte".replace(",", "."),
            "Chia dữ liệu thành nhiều tệp hoặc kiểm tra tệp có bị chép nhầm.",
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise unread(exc) from None
    if len(data) > MAX_BYTES:  # grew while being read
        raise refuse(
            "Tệp quá lớn.",
            f"hơn {MAX_BYTES:,} byte".replace(",", "."),
            f"tối đa {MAX_BYTES:,} byte".replace(",", "."),
        )
    return data


def where(text: str, position: int) -> tuple[int, int]:
    """(line, column) of a position, both from 1, as an editor shows them."""
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def name_of(char: str) -> str:
    """«ký tự nối không độ rộng (U+200D)»: a character a clerk cannot see, named."""
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        return f"{_NAMES[char]} ({code})"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"ký tự đổi chiều viết ({code})"
    if "\ue000" <= char <= "\uf8ff":
        return f"ký tự riêng của một phông ký hiệu ({code})"
    if "\x80" <= char <= "\x9f":
        return f"ký tự điều khiển C1 ({code})"
    return f"ký tự điều khiển ({code})"


def _invisible(text: str) -> list[TextIssue]:
    found = []
    for match in INVISIBLE.finditer(text):
        line, column = where(text, match.start())
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        shown = text[start : end if end >= 0 else len(text)]
        shown = shown[: match.start() - start] + f"⟦{ord(match.group()):04X}⟧" + shown[match.end() - start :]
        found.append(
            TextIssue(
                line,
                f"Tệp có ký tự không nhìn thấy: {name_of(match.group())}, ở dòng {line}, cột {column}.",
                f"«{' '.join(_clip(shown, column).split())}»",
                "chỉ chữ, số, dấu câu, dấu cách và xuống dòng",
                "Ký tự này thường lẫn vào khi sao chép từ Word, PDF hay trang web: xóa nó (đặt con trỏ ở cột đó, "
                "xóa rồi gõ lại ký tự bên cạnh).",
            )
        )
        if len(found) >= MAX_SHOWN:
            break
    return found


def _clip(line: str, column: int, width: int = 70) -> str:
    if len(line) <= width:
        return line
    start = max(0, column - width // 2)
    return ("…" if start else "") + line[start : start + width] + ("…" if start + width < len(line) else "")


def _legacy(text: str) -> list[TextIssue]:
    hits = sorted([*_LEGACY_IN_WORD.finditer(text), *_VNI_PAIR.finditer(text)], key=lambda m: m.start())
    # TCVN3 writes «ư» as U+00AD: inside words, beside other such letters, it counts too
    shy = len(_SOFT_HYPHEN_IN_WORD.findall(text)) if hits else 0
    if len(hits) + shy < _LEGACY_MIN:
        return []
    line, _ = where(text, hits[0].start())
    sample = text.split("\n")[line - 1].strip()[:60]
    letters = "".join(sorted({h.group() for h in hits})[:6])
    return [
        TextIssue(
            line,
            "Văn bản có vẻ được gõ bằng bảng mã cũ TCVN3 (.VnTime) hoặc VNI rồi dán vào.",
            f"«{sample}» ({len(hits) + shy} ký tự lạ trong từ, như «{letters}»)",
            "văn bản Unicode (VD: «Thủ tục hành chính»)",
            "Chuyển mã văn bản gốc sang Unicode bằng Unikey: Công cụ (Ctrl+Shift+F6) → Nguồn: TCVN3 (ABC) hoặc VNI "
            "Windows, Đích: Unicode → Chuyển mã; rồi dán lại.",
        )
    ]


def _latin(char: str) -> bool:
    """A character a Vietnamese text broken by Windows-1252 was meant to have: Latin letters and marks
    (Vietnamese ones included), or the general punctuation of a word processor."""
    code = ord(char)
    return code < 0x250 or 0x300 <= code < 0x370 or 0x1E00 <= code < 0x1F00 or 0x2000 <= code < 0x2070


def _mojibake(text: str) -> list[TextIssue]:
    """Text saved as UTF-8 and read back as Windows-1252 before it was pasted («Háº£i DÆ°Æ¡ng»)."""
    for match in _MOJIBAKE.finditer(text):
        try:
            meant = match.group().encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if not all(_latin(char) for char in meant):  # «đã…»» decodes to a Korean letter: real text
            continue
        line, column = where(text, match.start())
        sample = text.split("\n")[line - 1].strip()
        try:
            repaired = sample.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            repaired = meant
        return [
            TextIssue(
                line,
                f"Chữ bị lỗi mã ở dòng {line}, cột {column}: văn bản UTF-8 đã bị đọc nhầm thành Windows-1252.",
                f"«{_clip(sample, column)}» (có lẽ là «{_clip(repaired, column)}»)",
                "văn bản Unicode như bản gốc",
                "Chép lại đoạn này từ văn bản gốc (không qua tệp đã mở sai bảng mã), hoặc gõ lại.",
            )
        ]
    return []


def _lookalikes(text: str) -> list[TextIssue]:
    """Letters of other alphabets that look Vietnamese: twin names, searches that miss."""
    found = []
    for position, char in enumerate(text):
        if ord(char) < 0xC0:
            continue
        if char in _LOOKALIKE:
            meant = _LOOKALIKE[char]
        elif "\u0370" <= char <= "\u03ff" or "\u0400" <= char <= "\u04ff":
            meant = None
        else:
            continue
        line, column = where(text, position)
        script = (
            "Hy Lạp"
            if char <= "\u03ff" and char >= "\u0370"
            else "Nga (Kirin)"
            if char >= "\u0400"
            else "châu Phi (IPA)"
            if char in "\u0189\u0256"
            else "Iceland"
        )
        found.append(
            TextIssue(
                line,
                f"Chữ «{char}» (U+{ord(char):04X}) của bảng chữ {script} trông giống chữ Việt, ở dòng {line}, "
                f"cột {column}.",
                f"«{char}»",
                f"chữ «{meant}» của tiếng Việt" if meant else "chữ cái tiếng Việt",
                "Gõ lại chữ đó bằng bộ gõ tiếng Việt (Unikey): hai chữ trông giống nhau nhưng máy tính coi là khác, "
                "tìm kiếm và kiểm tra trùng lặp sẽ sai.",
            )
        )
        if len(found) >= MAX_SHOWN:
            break
    return found


def _nesting(text: str) -> list[TextIssue]:
    """Refuse nesting the YAML parser could only follow by recursing until it crashes.

    An upper bound, counted before parsing: open brackets (quotes and comments are not told apart,
    which only overcounts), indentation levels and the dashes of items that open on one line.
    """
    flow = 0
    indents: list[int] = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        dashes = 0
        if stripped and flow == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = len(re.match(r"(?:-[ \t]+)*", stripped).group().split("-")) - 1  # type: ignore[union-attr]
        for char in stripped:
            if char in "[{":
                flow += 1
                if flow + len(indents) + dashes > MAX_NESTING:
                    return [
                        TextIssue(
                            number,
                            "Dữ liệu lồng nhau quá sâu, không đọc được.",
                            f"hơn {MAX_NESTING} cấp ngoặc hoặc thụt lề",
                            "tối đa 40 cấp",
                            "Tệp có thể bị chép nhầm hoặc bị sửa bằng chương trình: kiểm tra các dấu [ ] { }.",
                        )
                    ]
            elif char in "]}":
                flow = max(0, flow - 1)
        if len(indents) + dashes > MAX_NESTING:
            return [
                TextIssue(
                    number,
                    "Dữ liệu lồng nhau quá sâu, không đọc được.",
                    f"hơn {MAX_NESTING} cấp thụt lề",
                    "tối đa 40 cấp",
                )
            ]
    return []
