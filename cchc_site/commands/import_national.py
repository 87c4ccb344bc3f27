"""``import-national``: procedures' national records into the site, previewed first, written on request."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from ..addresses import CONTENT_DIR, LIST_FILE, RECORD_DIR, record_file, shown
from ..core.errors import DataError
from .parser import add_content, day

NAME = "import-national"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="nhập chi tiết thủ tục từ bản ghi của CSDL quốc gia (JSON)",
        description="Đọc bản ghi thủ tục (tệp .json, .jsonl hoặc thư mục) ở ba dạng: trang thủ tục trên\n"
        "Cổng DVC quốc gia, bản ghi có cấu trúc của CSDL quốc gia, tệp Word tải từ Cổng (đã trích).\n"
        "Bản ghi của thủ tục có trong danh mục (theo mã) được ghi vào content/thu-tuc-quoc-gia/;\n"
        "phần xã đã nhập (chi_tiet) không bao giờ bị ghi đè, chỗ khác nhau được liệt kê để xem lại.\n"
        "Mặc định chỉ xem trước; ghi khi có --write.",
    )
    parser.add_argument("paths", type=Path, nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục bản ghi")
    parser.add_argument(
        "--phien-ban",
        required=True,
        metavar="PHIÊN_BẢN",
        help="thời điểm của các bản ghi, ghi trên trang, VD: «giữa năm 2026» hoặc «ngày 15/6/2026»",
    )
    parser.add_argument(
        "--them-moi",
        action="store_true",
        help="thêm vào danh mục các thủ tục chưa có (nhóm và lĩnh vực theo bản ghi)",
    )
    parser.add_argument(
        "--ngay-niem-yet", type=day, default=None, metavar="NGÀY", help="ngày niêm yết các thủ tục thêm mới"
    )
    parser.add_argument("--chi-tiet", action="store_true", help="in đủ mọi danh sách (mặc định: rút gọn)")
    add_content(parser)
    parser.add_argument("--write", action="store_true", help="ghi (mặc định: chỉ xem trước)")
    return parser


def run(args: argparse.Namespace) -> int:
    """0 previewed or written; 1 nothing written (unreadable files, data errors)."""
    from ..procedures.national_files import read_inputs
    from ..procedures.national_import import Options, describe, plan_national
    from ..validate import load_site

    phien_ban = " ".join(args.phien_ban.split())
    if not phien_ban:
        print("«--phien-ban» không được để trống: ghi thời điểm của các bản ghi.", file=sys.stderr)
        return 2
    try:
        site = load_site(args.content, CONTENT_DIR)
    except DataError as exc:
        print(exc.format(), file=sys.stderr)
        print("Dữ liệu hiện có đang lỗi: sửa trước rồi mới nhập bản ghi.", file=sys.stderr)
        return 1
    inputs = read_inputs(args.paths, phien_ban, shown)
    if inputs.problems:
        print("\n".join(inputs.problems), file=sys.stderr)
        print(f"\nCó {len(inputs.problems)} lỗi trong các tệp đã cho: chưa ghi gì.", file=sys.stderr)
        return 1
    if inputs.skipped:
        print(
            f"Bỏ qua {len(inputs.skipped)} tệp không phải JSON: {', '.join(inputs.skipped[:5])}"
            + (" …" if len(inputs.skipped) > 5 else "")
        )
    if not inputs.records:
        print("Không có bản ghi nào trong các tệp đã cho: chưa ghi gì.", file=sys.stderr)
        return 1
    plan = plan_national(inputs.records, site, Options(args.them_moi, args.ngay_niem_yet))
    print(describe(plan, inputs.records, site, args.chi_tiet))
    if plan.refused:
        print("\n" + "\n".join(plan.refused), file=sys.stderr)
        print("Chưa ghi gì.", file=sys.stderr)
        return 1
    if not plan.touched:
        print("\nKhông có gì thay đổi.")
        return 0
    files = _files(plan, site, args.content)
    problems = _trial(args.content, files)
    if problems:
        print("\n" + "\n".join(problems), file=sys.stderr)
        print(f"\nBản ghi làm dữ liệu lỗi ({len(problems)} lỗi): chưa ghi gì.", file=sys.stderr)
        return 1
    if not args.write:
        print(
            "\nChưa ghi gì (xem trước; dữ liệu mới đã được kiểm tra như khi xây dựng trang). Ghi: chạy lại với --write."
        )
        return 0
    return _write(args.content, files, plan)


def _files(plan, site, content: Path) -> dict[str, str]:
    """Relative path → text of every file to write: the list first (when procedures are added)."""
    from ..core.models import DanhMuc
    from ..procedures.importer import current_header, dump_list
    from ..procedures.national_import import record_text

    files: dict[str, str] = {}
    if plan.added:
        files[LIST_FILE] = dump_list(
            DanhMuc(nguon=site.danh_muc.nguon, thu_tuc=plan.result), current_header(content / LIST_FILE)
        )
    for code, record in sorted(plan.written.items()):
        files[record_file(code)] = record_text(record, record_file(code))
    return files


def _trial(content: Path, files: dict[str, str]) -> list[str]:
    """The whole content checked with the new files, as the build would check it."""
    from ..validate import load_site

    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / CONTENT_DIR
        shutil.copytree(content, trial, symlinks=True)
        for relative, body in files.items():
            (trial / relative).parent.mkdir(parents=True, exist_ok=True)
            (trial / relative).write_text(body, encoding="utf-8")
        try:
            load_site(trial, CONTENT_DIR)
        except DataError as exc:
            return [p.format() for p in exc.problems]
    return []


def _write(content: Path, files: dict[str, str], plan) -> int:
    from ..content.writing import write_reason, write_whole

    for written, (relative, body) in enumerate(files.items()):
        target = content / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_whole(target, body.encode("utf-8"))
        except OSError as exc:
            print(
                f"Không ghi được {shown(target)}: {write_reason(exc, '')}. Đã ghi {written} trong {len(files)} tệp; "
                "chạy lại lệnh khi sửa xong (tệp đã ghi được ghi lại y hệt).",
                file=sys.stderr,
            )
            return 1
    print(
        f"\nĐã ghi {len(plan.written)} bản ghi vào {shown(content / RECORD_DIR)}/"
        + (f" và thêm {len(plan.added)} thủ tục vào {shown(content / LIST_FILE)}" if plan.added else "")
        + ". Kiểm tra bằng «git diff» rồi commit."
    )
    return 0
