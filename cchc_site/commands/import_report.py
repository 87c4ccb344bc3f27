"""``import-report``: a signed report written in Word becomes a draft ``content/bao-cao/<kỳ>.yaml``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import text
from ..addresses import XA_FILE, report_file
from ..core import periods
from ..core.errors import format_grouped
from .parser import add_content

if TYPE_CHECKING:  # the Word modules load when the command runs: every other command starts without them
    from ..word.docx_reader import WordFile
    from ..word.import_report import Draft
    from ..word.outline import Outline

NAME = "import-report"
SHOWN_PROBLEMS = 12  # numbers and problems listed in the summary; the file has them all


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="nhập một báo cáo viết bằng Word (.docx) thành bản nháp content/bao-cao/KỲ.yaml",
        description="Đọc tệp Word (.docx, lưu bằng Word hoặc LibreOffice) của một báo cáo và tạo bản nháp\n"
        "content/bao-cao/KỲ.yaml: đầu văn bản, trích yếu, căn cứ, các phần, mục, đoạn văn, hạn chế,\n"
        "nhiệm vụ, nơi nhận, chữ ký, chép nguyên văn. Kỳ báo cáo đọc từ trích yếu («quý 3 năm 2022»)\n"
        "hoặc ghi bằng --ky. Số liệu trong lời văn được đề xuất theo danh mục chỉ tiêu, ghi\n"
        "«de_xuat: true»: báo cáo không đăng được cho đến khi đối chiếu và xóa dòng đó; số không rõ là\n"
        "số liệu nào được liệt kê, không tự ghi. Không bao giờ ghi đè tệp đã có.\n"
        "Tệp .doc (Word cũ), .odt: mở bằng Word rồi Lưu thành .docx, hoặc:\n"
        "soffice --headless --convert-to docx TỆP.doc",
    )
    parser.add_argument("file", type=Path, metavar="TỆP", help="tệp Word .docx của báo cáo")
    parser.add_argument(
        "--ky",
        default=None,
        metavar="KỲ",
        help="kỳ báo cáo nếu khác kỳ đọc được, VD: 2022-q3, 2023-6t, 2023-t08",
    )
    add_content(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return run_import(args.file, args.content, args.ky)


def run_import(file: Path, content: Path, ky: str | None = None, today: date | None = None) -> int:
    """The command: 0 written; 1 nothing written (the reason on stderr); 2 a wrong ``--ky``."""
    from ..content.translate import read_quietly
    from ..core.models import Xa
    from ..indicators.catalogue import commune_catalogue
    from ..word.docx_reader import ReadError, read_docx
    from ..word.import_report import MAX_TEXT, make_draft
    from ..word.outline import find_period, outline

    requested = None
    if ky is not None:
        requested = periods.parse(ky.strip().removesuffix(".yaml"))
        if requested is None:
            print(
                f"Kỳ báo cáo «{ky}» không đúng dạng. Các loại kỳ: {periods.kinds_help()}.",
                file=sys.stderr,
            )
            return 2
    if not content.is_dir():
        print(
            f"Không có thư mục dữ liệu «{content}»: chạy lệnh trong thư mục dự án, hoặc chỉ thư mục bằng --content.",
            file=sys.stderr,
        )
        return 1
    try:
        word = read_docx(file)
    except ReadError as exc:
        print(f"Không nhập được: {exc}", file=sys.stderr)
        return 1
    length = sum(len(line) for block in word.blocks() for line in block.lines)
    if length > MAX_TEXT:
        print(
            f"Không nhập được: tệp có {text.format_number(length)} ký tự chữ, dài hơn mọi báo cáo (tối đa "
            f"{text.format_number(MAX_TEXT)}; tệp báo cáo YAML tối đa 2 MB). Kiểm tra đúng tệp chưa, hoặc tách "
            "phụ lục, bảng biểu ra khỏi tệp Word.",
            file=sys.stderr,
        )
        return 1
    profile = read_quietly(content / XA_FILE, Xa)
    found_outline = outline(word, profile[1].co_quan if profile else None)
    period, evidence = find_period(found_outline)
    chosen = requested or period
    if chosen is None:
        print(
            "Không nhận ra kỳ báo cáo trong dòng trích yếu hay câu kết của tệp Word "
            "(VD: «quý 3 năm 2022», «6 tháng đầu năm 2023», «năm 2023»). Ghi kỳ bằng --ky, VD: --ky 2022-q3. "
            f"Các loại kỳ: {periods.kinds_help()}. Chưa ghi tệp nào.",
            file=sys.stderr,
        )
        return 1
    target = content / report_file(chosen.slug)
    if target.exists() or target.is_symlink():
        said = f"theo văn bản («{evidence}»)" if requested is None and evidence else "theo --ky"
        print(
            f"Đã có tệp {target} ({chosen.label}, {said}): không ghi đè, chưa ghi tệp nào. "
            "Nếu tệp Word là báo cáo của kỳ khác, ghi kỳ đó bằng --ky (VD: --ky 2022-q4); "
            "nếu là cùng kỳ, sửa thẳng tệp đã có.",
            file=sys.stderr,
        )
        return 1
    draft = make_draft(
        word, found_outline, chosen, commune_catalogue(content), file.name, today or date.today()
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as handle:  # never over a file made meanwhile
            handle.write(draft.yaml)
    except FileExistsError:
        print(f"Đã có tệp {target}: không ghi đè, chưa ghi tệp nào.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"Không ghi được {target} (lỗi hệ thống tệp, mã {exc.errno}). Chưa ghi tệp nào.", file=sys.stderr
        )
        return 1
    print(summary(draft, word, target, requested, period, evidence))
    return 0


def summary(
    draft: Draft,
    word: WordFile,
    target: Path,
    requested: periods.Ky | None,
    period: periods.Ky | None,
    evidence: str,
) -> str:
    o = draft.outline
    found = draft.found
    lines = [f"Đã tạo {target}: bản nháp báo cáo {draft.ky.label}."]
    if requested is None:
        lines.append(f"Kỳ báo cáo đọc từ văn bản: «{evidence}».")
    elif period is not None and period != requested:
        lines.append(f"Kỳ theo --ky: {requested.label} (văn bản ghi «{evidence}», tức {period.label}).")
    lines.append(f"Đã đọc {word.paragraphs} đoạn văn (kể cả trong bảng).")
    lines.append(
        f"Phần: {len(o.parts)} phần có mục, {sum(len(p.muc) for p in o.parts)} mục"
        + (f", đánh giá chung ({len(o.danh_gia.han_che)} hạn chế)" if o.danh_gia else "")
        + (f", phương hướng ({len(o.phuong_huong.nhiem_vu)} nhiệm vụ)" if o.phuong_huong else "")
        + f"; {len(o.noi_nhan)} nơi nhận."
    )
    lines.append(f"Số liệu đề xuất: {len(found.proposals)} (ghi «de_xuat: true», chờ đối chiếu).")
    numbers = list(found.unclassified)
    lines.append(f"Số chưa phân loại: {len(numbers)} (ghi chú thích trong tệp, không ghi vào số liệu).")
    for item in numbers[:SHOWN_PROBLEMS]:
        lines.append(f"  - {item.shown}: {item.reason}")
    if len(numbers) > SHOWN_PROBLEMS:
        lines.append(f"  … và {len(numbers) - SHOWN_PROBLEMS} số khác (xem chú thích trong tệp).")
    missing = _missing(o)
    not_read = [*o.unrecognised, *missing]
    lines.append(f"Phần không nhận ra: {len(not_read)}.")
    for note in not_read:
        lines.append(f"  - {note}")
    extras = _notes(word, o)
    for note in extras:
        lines.append(f"Lưu ý: {note}")
    if draft.remaining:
        lines.append(
            f"Kiểm tra bản nháp: ngoài {len(found.proposals)} số liệu chờ xác nhận còn {len(draft.remaining)} chỗ "
            "phải điền hoặc sửa:"
        )
        lines.append(format_grouped(draft.remaining[:SHOWN_PROBLEMS]))
    lines.append(
        "Việc tiếp theo: đối chiếu tệp với bản đã ký, xóa từng dòng «de_xuat» khi số đúng, rồi chạy "
        "«python -m cchc_site check»."
    )
    return "\n".join(lines)


def _missing(o: Outline) -> list[str]:
    found = []
    if not o.title:
        found.append("không thấy chữ «BÁO CÁO» (tiêu đề): đầu văn bản và dòng trích yếu chưa nhập")
    if not o.parts:
        found.append("không thấy phần nào đánh số «I.», «II.»: lời văn nằm ở phần mở đầu")
    if o.ket_luan is None:
        found.append("không thấy câu kết («Trên đây là báo cáo …»)")
    if not o.recipients_found:
        found.append("không thấy «Nơi nhận»")
    if o.chu_ky is None:
        found.append("không thấy khối chữ ký (TM., KT. …)")
    return found


def _notes(word: WordFile, o: Outline) -> list[str]:
    from ..word.outline import key

    notes = []
    if word.dropped:
        notes.append(
            "đã bỏ ký tự không nhìn thấy: "
            + ", ".join(f"{n} {name}" for name, n in word.dropped.most_common())
        )
    for name, count in sorted(word.notes.items()):
        notes.append(f"tệp có {count} {name}")
    if o.mid_sentence:
        notes.append(
            f"{o.mid_sentence} đoạn dừng giữa câu và câu tiếp ở đoạn sau (có lẽ tệp chuyển từ PDF): mỗi đoạn Word "
            "được giữ là một đoạn, hãy nối lại trong tệp YAML nếu bản đã ký là một đoạn"
        )
    if o.draft_mark:
        notes.append("tệp Word ghi «Dự thảo»: hãy nhập bản đã ký nếu có")
    made = next(
        (line for line in word.margins if key(line).startswith(("ban dung lai", "du thao tao tu"))), None
    )
    if made is not None:
        notes.append(
            f"chân trang ghi «{made}»: tệp do trang này tạo từ dữ liệu, không phải bản đã ký; đối chiếu với bản "
            "đã ký trước khi dùng"
        )
    return notes
