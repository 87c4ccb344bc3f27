"""``import-procedures``: the province's spreadsheet compared with the procedure list, written on request."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .. import text
from ..addresses import CONTENT_DIR, LIST_FILE
from ..core.errors import DataError
from ..core.models import DanhMuc
from ..validate import load_site
from .parser import add_content, day

NAME = "import-procedures"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="nhập danh mục thủ tục từ tệp .xlsx hoặc .csv",
        description="So sánh bảng tính với danh mục hiện có; chỉ ghi khi có --write.\n"
        "Mặc định chỉ so sánh trong các lĩnh vực có trong tệp (--ca-danh-muc: cả nhóm), và không\n"
        "bãi bỏ thủ tục nào: thủ tục không có trong tệp chỉ bị bãi bỏ khi có --xac-nhan-bai-bo N\n"
        "(N đúng bằng số thủ tục bãi bỏ mà bản xem trước nêu).",
    )
    parser.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .csv")
    add_content(parser)
    parser.add_argument(
        "--ngay",
        type=day,
        default=None,
        help="ngày niêm yết thủ tục mới và ngày bãi bỏ thủ tục không còn trong tệp (mặc định: hôm nay)",
    )
    parser.add_argument("--quyet-dinh", default=None, help="quyết định công bố ghi cho các thủ tục mới")
    parser.add_argument(
        "--nhom",
        choices=["cap_xa", "quoc_phong", "cong_an"],
        default=None,
        help="nhóm của mọi dòng khi tệp không có cột nhóm",
    )
    parser.add_argument(
        "--ca-danh-muc",
        action="store_true",
        help="tệp là toàn bộ danh mục của nhóm: so sánh cả các lĩnh vực không có trong tệp",
    )
    parser.add_argument(
        "--xac-nhan-bai-bo",
        type=int,
        default=None,
        metavar="N",
        help="bãi bỏ N thủ tục có trong danh mục mà không có trong tệp (N phải đúng như bản xem trước)",
    )
    parser.add_argument(
        "--phan-cach",
        choices=[",", ";", "tab"],
        default=None,
        metavar="DẤU",
        help="tệp CSV: dấu ngăn cách các cột, «,», «;» hoặc «tab» (mặc định: tự nhận ra)",
    )
    parser.add_argument(
        "--write", action="store_true", help="ghi vào content/thu-tuc.yaml (mặc định: chỉ xem trước)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """0 previewed or written; 1 nothing written (unreadable rows, a refused withdrawal, data errors)."""
    from ..procedures.importer import (
        CONFIRM_FLAG,
        Options,
        current_header,
        describe,
        dump_list,
        plan_import,
        trial,
    )
    from ..procedures.table import SheetError, read_sheet

    options = Options(
        args.ngay or date.today(), args.quyet_dinh, args.nhom, args.ca_danh_muc, args.xac_nhan_bai_bo
    )
    try:
        site = load_site(args.content, CONTENT_DIR)
    except DataError as exc:
        print(exc.format(), file=sys.stderr)
        print("Dữ liệu hiện có đang lỗi: sửa trước rồi mới nhập danh mục.", file=sys.stderr)
        return 1
    try:
        sheet = read_sheet(args.file, args.phan_cach)
    except SheetError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    except OSError:
        print(f"{args.file}: không đọc được tệp (kiểm tra quyền đọc tệp).", file=sys.stderr)
        return 1
    plan = plan_import(sheet, site.danh_muc, options)
    print(describe(plan, sheet, options))
    if plan.rejected:
        print(
            f"\nCó {len(plan.rejected)} lỗi trong tệp: chưa ghi gì vào danh mục, và --write cũng không ghi gì "
            "cho đến khi sửa hết các dòng lỗi trên.",
            file=sys.stderr,
        )
        return 1
    if plan.refused:
        print(f"\n{plan.refused}", file=sys.stderr)
        return 1
    pending = len(plan.not_in_file) if not plan.withdrawn else 0
    confirm = (
        f"Bãi bỏ {pending} thủ tục không có trong tệp: thêm {CONFIRM_FLAG} {pending} (đã kiểm tra danh sách «Không có "
        "trong tệp» ở trên); không thêm thì không bãi bỏ thủ tục nào."
    )
    if not (plan.added or plan.changed or plan.withdrawn):
        print("\nDanh mục không có gì thay đổi." + (f"\n{confirm}" if pending else ""))
        return 0
    target = args.content / LIST_FILE
    new_text = dump_list(DanhMuc(nguon=site.danh_muc.nguon, thu_tuc=plan.result), current_header(target))
    problems = trial(args.content, new_text, plan)
    if problems:
        print("\n" + "\n".join(problems), file=sys.stderr)
        print(
            f"\nDanh mục mới làm dữ liệu lỗi ({len(problems)} lỗi): chưa ghi gì"
            + (", --write cũng sẽ không ghi" if not args.write else "")
            + ". VD: số thủ tục trong báo cáo đã đăng khác danh mục tại ngày cuối kỳ. Kiểm tra ngày (--ngay).",
            file=sys.stderr,
        )
        return 1
    if not args.write:
        print(
            "\nChưa ghi gì (xem trước; danh mục mới đã được kiểm tra cùng mọi báo cáo). Ghi vào danh mục: chạy lại "
            "với --write." + (f"\n{confirm}" if pending else "")
        )
        return 0
    target.write_text(new_text, encoding="utf-8")
    print(
        f"\nĐã ghi {target}: {len(plan.added)} thêm mới, {len(plan.changed)} thay đổi, "
        f"{len(plan.withdrawn)} bãi bỏ"
        + (f" từ {text.format_date(options.day)}" if plan.withdrawn else "")
        + ". Kiểm tra bằng «git diff» rồi commit."
        + (f"\n{pending} thủ tục không có trong tệp chưa bị bãi bỏ. {confirm}" if pending else "")
    )
    return 0
