"""``dinh-chinh``: start a correction of a published report, without git.

The clerk names the report and, optionally, what changed and the new value; the command works out
the value as last published (the lock's values with the recorded corrections replayed; a text's
words from the report file, an earlier correction, the previous build's verification file or an
archived copy, each checked against the sealed fingerprint) and writes the ``cap_nhat`` entries at
the end of the report file with the project's draft-YAML writer. Without ``--truong`` every value
that differs from the published one in the file becomes an entry. A number still unchanged in the
file is changed on its line too, so the report and its correction agree.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .. import runtime, text
from ..addresses import ORIGINALS_DIR, RECORD, SITE_DIR, previous_record, report_file, shown
from ..content.documents import Document
from ..content.drafts import Writer
from ..content.writing import write_whole
from ..core.errors import format_grouped
from ..core.models import BaoCao
from ..indicators.figures import read_figures
from ..lock import corrections
from ..lock import file as lock_file
from ..lock import seal as lock
from ..site_data import report_dump
from ..validate import read_catalogue
from ..validate.context import Check
from ..verify.compare import read_record
from ..verify.download import ArchiveError
from .parser import add_content, day

NAME = "dinh-chinh"
FOLD_OVER = 90


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="ghi đính chính («cap_nhat») cho báo cáo đã đăng, giá trị cũ lấy từ bản đã công bố",
        description="Ghi mục «cap_nhat» vào cuối tệp báo cáo đã đăng. Giá trị cũ lấy từ bản đã công bố\n"
        f"(tệp khóa, tệp báo cáo, {SITE_DIR}/{RECORD} hoặc «--ban-luu»), không cần lịch sử git.\n"
        "Không ghi «--truong»: mọi nội dung đã sửa trong tệp so với bản đã công bố đều được ghi.\n"
        'VD: python -m cchc_site dinh-chinh 2022-q3 --truong ho_so.tiep_nhan --gia-tri-moi 483 --ly-do "…"',
    )
    parser.add_argument("report", metavar="BÁO_CÁO", help="tên kỳ của báo cáo, như tên tệp (VD: 2022-q3)")
    parser.add_argument(
        "--truong",
        "--chi-tieu",
        dest="key",
        metavar="MÃ",
        help="nội dung đính chính: mã số liệu (VD: ho_so.tiep_nhan) hoặc vị trí văn bản như lệnh xây dựng in",
    )
    parser.add_argument(
        "--gia-tri-moi", dest="new", metavar="GIÁ_TRỊ", help="giá trị mới (mặc định: như trong tệp)"
    )
    parser.add_argument(
        "--gia-tri-cu", dest="old", metavar="GIÁ_TRỊ", help="giá trị cũ, khi không tìm được bản đã công bố"
    )
    parser.add_argument("--ngay", type=day, metavar="NGÀY", help="ngày đính chính (mặc định: hôm nay)")
    parser.add_argument("--ly-do", dest="reason", required=True, metavar="LÝ_DO", help="lý do đính chính")
    parser.add_argument(
        "--ban-luu", metavar="BẢN_LƯU", help="thư mục hoặc địa chỉ trang đã đăng, lấy nguyên văn cũ"
    )
    parser.add_argument("--chi-in", action="store_true", help="chỉ in mục cập nhật, không ghi vào tệp")
    add_content(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        return correct(args)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1


class Refused(Exception):
    """Nothing written; the message (Vietnamese) says why."""


def correct(args: argparse.Namespace) -> int:
    content: Path = args.content
    today = runtime.today()
    check = Check.of(content, shown(content), today)
    check = check.reading(read_catalogue(check))
    slug = str(args.report).removesuffix(".yaml")
    locked = lock_file.read(content, shown(content), check.problems)
    read = check.read(report_file(slug), BaoCao)
    if check.problems.errors or read is None or read.value is None:
        raise Refused(format_grouped(check.problems.errors) + "\nSửa các lỗi trên rồi chạy lại; chưa ghi gì.")
    doc, model = read.doc, read.value
    entry = locked.entries.get(slug)
    if entry is None:
        raise Refused(
            f"Báo cáo {slug} chưa khóa số liệu (chưa đăng): sửa trực tiếp trong tệp, không cần đính chính."
        )
    figures = read_figures(doc, model, check.catalogue, check.problems)
    if check.problems.errors:
        raise Refused(format_grouped(check.problems.errors) + "\nSửa các lỗi trên rồi chạy lại; chưa ghi gì.")
    found = lock.leaves(report_dump(model, figures), figures, _original_sha256(content, model))
    published = _published(entry, model)
    keys = (
        [args.key]
        if args.key
        else [k for k in sorted(set(published) | set(found)) if _differs(k, published, found)]
    )
    if not keys:
        raise Refused(
            f"Tệp {doc.name} không có gì khác bản đã công bố. Ghi nội dung cần đính chính: "
            "«--truong MÃ --gia-tri-moi GIÁ_TRỊ»."
        )
    texts = _published_texts(content, slug, model, args.ban_luu)
    when = args.ngay or today
    _check_day(when, entry, model, today)
    items: list[dict[str, Any]] = []
    edits: list[tuple[int | None, int, Any]] = []
    to_edit: list[str] = []  # texts still as published in the file: the clerk changes them
    for key in keys:
        if key not in published and key not in found:
            close = difflib.get_close_matches(key, list(found), n=1, cutoff=0.6)
            raise Refused(
                f"Báo cáo {slug} không có nội dung «{key}»."
                + (f" Có phải ý bạn là «{close[0]}»?" if close else "")
            )
        old = _old_value(
            key, published.get(key), found, texts + ([args.old] if args.key and args.old else [])
        )
        new = _new_value(key, args.new if args.key else None, published.get(key), found)
        if lock.fingerprint(old) == lock.fingerprint(new):
            raise Refused(
                f"«{key}»: giá trị mới bằng giá trị đang công bố ({_short(old)}); không có gì để đính chính."
            )
        item: dict[str, Any] = {"ngay": when, "truong": key}
        if old is not None:
            item["gia_tri_cu"] = old
        if new is not None:
            item["gia_tri_moi"] = new
        item["ly_do"] = " ".join(str(args.reason).split())
        items.append(item)
        leaf = found.get(key)
        if leaf is not None and not _differs(key, published, found):
            if isinstance(old, int) and isinstance(new, int):
                edits.append((doc.line(leaf.loc), old, new))
            else:
                to_edit.append(f"«{key}» (dòng {doc.line(leaf.loc)})")
    block = _block(items, bool(model.cap_nhat))
    if args.chi_in:
        print("\n".join(block))
        return 0
    _write(doc, model, items, block, edits, check)
    print(f"Đã ghi {len(items)} mục cập nhật vào cuối {doc.name}:")
    print("\n".join(block))
    for line, old, new in edits:
        print(f"Đã sửa giá trị ở dòng {line}: {old} → {new}.")
    if to_edit:
        print(f"Hãy sửa trong tệp cho đúng giá trị mới: {', '.join(to_edit)}.")
    print("Chạy «python -m cchc_site check», rồi «python -m cchc_site khoa» để khóa lần cập nhật này.")
    return 0


def _original_sha256(content: Path, model: BaoCao) -> str | None:
    if model.ban_goc is None:
        return None
    try:
        return hashlib.sha256((content / ORIGINALS_DIR / model.ban_goc).read_bytes()).hexdigest()
    except OSError:
        return None


def _published(entry: dict[str, Any], model: BaoCao) -> dict[str, lock.Value]:
    """The values as last published: locked at publication, then each recorded correction."""
    values: dict[str, lock.Value] = dict(entry["gia_tri"])
    if lock.version_of(entry) < 2:
        values[lock.DATE_KEY] = lock.fingerprint(date.fromisoformat(entry["ngay_dang_tai"]))  # type: ignore[assignment]
    for cap_nhat in model.cap_nhat:
        new = lock.fingerprint(cap_nhat.gia_tri_moi)
        if new is None:
            values.pop(cap_nhat.truong, None)
        else:
            values[cap_nhat.truong] = new
    return values


def _differs(key: str, published: dict[str, lock.Value], found: dict[str, lock.Leaf]) -> bool:
    return published.get(key) != (found[key].value if key in found else None)


def _published_texts(content: Path, slug: str, model: BaoCao, archived: str | None) -> list[str]:
    """Texts that may be the published words of a value: earlier corrections', the records'."""
    texts = [str(v) for c in model.cap_nhat for v in (c.gia_tri_moi, c.gia_tri_cu) if v is not None]
    sources = [str(previous_record(content)), *([archived] if archived else [])]
    for source in sources:
        if source != archived and not Path(source).is_file():
            continue
        try:
            record = read_record(source)[1]
        except ArchiveError as exc:
            if source == archived:
                raise Refused(str(exc)) from None
            continue
        values = record["bao_cao"].get(slug, {}).get("gia_tri", {})
        texts += [str(v.get("noi_dung")) for v in values.values() if v.get("noi_dung") is not None]
    return texts


def _old_value(key: str, value: lock.Value | None, found: dict[str, lock.Leaf], texts: list[str]) -> Any:
    """The value as published, as staff would write it: the number, or the text whose fingerprint it is."""
    if value is None or isinstance(value, int):
        return value
    leaf = found.get(key)
    candidates = ([leaf.raw] if leaf is not None else []) + texts
    for candidate in candidates:
        if lock.fingerprint(candidate) == value:
            return " ".join(candidate.split())
    raise Refused(
        f"Không tìm thấy nguyên văn đã công bố của «{key}» (tệp báo cáo đã sửa; không có {SITE_DIR}/{RECORD}, "
        "hoặc giá trị cũ đã ghi không khớp dấu vân tay đã khóa). Chạy lại với «--ban-luu "
        "THƯ_MỤC_HOẶC_ĐỊA_CHỈ_TRANG_ĐÃ_ĐĂNG», hoặc ghi nguyên văn cũ bằng «--truong MÃ --gia-tri-cu …»."
    )


def _new_value(key: str, given: str | None, published: lock.Value | None, found: dict[str, lock.Leaf]) -> Any:
    if given is not None:
        given = " ".join(given.split())
        return (
            int(given)
            if re.fullmatch(r"\d+", given) and (published is None or isinstance(published, int))
            else given
        )
    leaf = found.get(key)
    if leaf is None:
        return None  # removed from the file
    if leaf.value == published:
        raise Refused(f"«{key}» trong tệp vẫn như bản đã công bố: ghi giá trị mới bằng «--gia-tri-moi».")
    return leaf.raw if not isinstance(leaf.value, int) else leaf.value


def _check_day(when: date, entry: dict[str, Any], model: BaoCao, today: date) -> None:
    earliest = max([date.fromisoformat(entry["ngay_dang_tai"]), *(c.ngay for c in model.cap_nhat)])
    if when < earliest:
        raise Refused(
            f"Ngày đính chính {text.format_date(when)} trước lần đăng tải hoặc cập nhật gần nhất "
            f"({text.format_date(earliest)}): ghi «--ngay» từ ngày đó trở đi."
        )
    if when > today:
        raise Refused(
            f"Ngày đính chính {text.format_date(when)} ở tương lai (hôm nay {text.format_date(today)})."
        )


def _block(items: list[dict[str, Any]], has_list: bool) -> list[str]:
    """The YAML lines to add at the end of the report file (with ``cap_nhat:`` when it has none)."""
    out = Writer(fold_over=FOLD_OVER)
    out.data(0, {"cap_nhat": items})
    return out.lines[1:] if has_list else out.lines


def _write(
    doc: Document,
    model: BaoCao,
    items: list[dict[str, Any]],
    block: list[str],
    edits: list[tuple[int | None, int, Any]],
    check: Check,
) -> None:
    """Add the entries at the end of the report's ``cap_nhat`` (and change unchanged numbers);
    the file is read back and must hold exactly them, else it is left as it was."""
    original = doc.path.read_text(encoding="utf-8")
    lines = original.splitlines()
    for line, old, new in edits:
        if line is None or not re.search(rf"(:\s*|^\s*-\s*){old}\s*(#.*)?$", lines[line - 1]):
            raise Refused(
                f"Không tự sửa được dòng {line} của {doc.name}: sửa giá trị {old} → {new} rồi chạy lại."
            )
        lines[line - 1] = re.sub(rf"(:\s*|^\s*-\s*){old}(\s*(#.*)?)$", rf"\g<1>{new}\2", lines[line - 1])
    starts = [i for i, line in enumerate(lines) if re.match(r"cap_nhat\s*:", line)]
    if starts:
        start = starts[0]
        if any(re.match(r"[^\s#-]", line) for line in lines[start + 1 :]):
            raise Refused(
                f"«cap_nhat» không ở cuối {doc.name}: chuyển nó xuống cuối tệp, hoặc dán đoạn sau vào danh sách:\n"
                + "\n".join(block)
            )
        if re.match(r"cap_nhat\s*:\s*\[\s*\]\s*$", lines[start]):
            lines[start] = "cap_nhat:"
            block = _block(items, False)[1:]
        items_indent = next(
            (len(row) - len(row.lstrip()) for row in lines[start + 1 :] if row.lstrip().startswith("- ")), 2
        )
        block = [
            " " * (items_indent - 2) + line if items_indent >= 2 else line[2 - items_indent :]
            for line in block
        ]
    while lines and not lines[-1].strip():
        lines.pop()
    written = "\n".join([*lines, *block]) + "\n"
    write_whole(doc.path, written.encode("utf-8"))
    again = Check.of(check.root, check.shown, check.today).read(
        doc.name.removeprefix(check.shown + "/"), BaoCao
    )
    expected = [corrections.sealed(c) for c in model.cap_nhat] + [corrections.sealed(i) for i in items]
    if (
        again is None
        or again.value is None
        or [corrections.sealed(c) for c in again.value.cap_nhat] != expected
    ):
        write_whole(doc.path, original.encode("utf-8"))
        raise Refused(
            f"Không ghi được mục cập nhật vào {doc.name} cho đúng; tệp giữ nguyên. Dán tay đoạn sau:\n"
            + "\n".join(block)
        )


def _short(value: Any) -> str:
    flat = " ".join(str(value).split())
    return f"«{flat[:60]}…»" if len(flat) > 60 else f"«{flat}»"
