"""``python -m cchc_site``: the staff's tools, in Vietnamese, on the same code as the build.

Exit codes: 0 fine, 1 data errors (or nothing written), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from datetime import date
from pathlib import Path

from .content.translate import one_of
from .core.errors import DataError, Problems, format_grouped, summarize_warnings
from .lock import file as lock_file
from .lock import seal as lock
from .validate import load_site

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


def _date(value: str) -> date:
    from pydantic_core import PydanticCustomError

    from .core.models import _read_date  # the same reading as the data files: 2022-09-30 or 30/9/2022

    try:
        return _read_date(value)
    except (ValueError, PydanticCustomError):
        raise argparse.ArgumentTypeError(
            f"ngày không hợp lệ: {value!r} (viết 2022-09-30 hoặc 30/9/2022)"
        ) from None


def check(paths: list[Path], details: bool = False) -> int:
    """Validate content folders without building; errors grouped by file, warnings apart."""
    worst = 0
    for path in paths:
        content = _content_root(path)
        if content is None:
            print(f"{path}: không tìm thấy thư mục dữ liệu (thư mục có tệp xa.yaml).", file=sys.stderr)
            worst = max(worst, 1)
            continue
        started = time.perf_counter()
        try:
            site = load_site(content, _shown(content))
        except DataError as exc:
            print(format_grouped(exc.problems), file=sys.stderr)
            print(f"\nDữ liệu có {len(exc.problems)} lỗi: sửa rồi chạy lại lệnh kiểm tra.", file=sys.stderr)
            worst = max(worst, 1)
            continue
        collided = _collisions(content, site)
        if collided:
            print(format_grouped(collided), file=sys.stderr)
            print(f"\nDữ liệu có {len(collided)} lỗi: sửa rồi chạy lại lệnh kiểm tra.", file=sys.stderr)
            worst = max(worst, 1)
            continue
        elapsed = time.perf_counter() - started
        for line in site.notices:
            print(line)
        if site.warnings:
            print(f"Cảnh báo (không chặn xây dựng): {len(site.warnings)}")
            print(
                format_grouped(site.warnings)
                if details
                else summarize_warnings(site.warnings) + "\nXem từng chỗ: thêm --chi-tiet."
            )
        drafts = ", ".join(r.model.label for r in site.drafts)
        print(
            f"Dữ liệu hợp lệ: {len(site.reports)} báo cáo đã đăng"
            + (f", bản nháp: {drafts}" if drafts else "")
            + f", {len(site.danh_muc.thu_tuc)} thủ tục ({elapsed:.2f} giây)."
        )
    return worst


def _collisions(content: Path, site) -> list:
    """Staff pages at an address the build generates (what the build refuses before writing)."""
    static = content / "trang"
    if not static.is_dir() or not site.reports:
        return []
    from .content import staff_pages
    from .output.open_data import site_files
    from .output.pages import build_pages

    files = site_files(site)
    pages = build_pages(site, files)
    return staff_pages.output_collisions(
        static,
        f"{_shown(content)}/trang",
        [(p.uri, p.markdown) for p in pages],
        [(f.uri, f.content) for f in files],
    )


def _content_root(path: Path) -> Path | None:
    """A content folder, or the one holding a given content file."""
    for candidate in [path, *path.resolve().parents] if path.is_dir() else path.resolve().parents:
        if any((candidate / name).exists() for name in ("xa.yaml", "thu-tuc.yaml", "bao-cao")):
            return candidate  # a missing or broken xa.yaml is reported by the check itself
    return None


def _shown(content: Path) -> str:
    try:
        return content.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return content.as_posix()


def lock_published(content: Path) -> int:
    """Record the values of newly published reports in the lock file (never rewrite old ones)."""
    try:
        site = load_site(content, _shown(content), locking=True)
    except DataError as exc:
        print(format_grouped(exc.problems), file=sys.stderr)
        print("Sửa các lỗi trên rồi chạy lại; chưa khóa báo cáo nào.", file=sys.stderr)
        return 1
    folders = [(content, site.to_lock, "")] + [  # a merged commune keeps its own lock file
        (content / "tien-than" / p.info.ma, p.to_lock, f" của xã {p.info.ten}") for p in site.predecessors
    ]
    if not any(to_lock for _, to_lock, _ in folders):
        print("Không có báo cáo mới đăng tải cần khóa số liệu.")
        return 0
    problems = Problems()
    existing = [lock_file.read(folder, _shown(folder), problems).entries for folder, _, _ in folders]
    if problems.errors:  # load_site read the same file without errors: changed meanwhile
        print(format_grouped(problems.errors), file=sys.stderr)
        return 1
    for (folder, to_lock, whose), entries in zip(folders, existing, strict=True):
        if not to_lock:
            continue
        path = folder / lock.LOCK_FILE
        path.write_text(lock_file.dump({**entries, **to_lock}), encoding="utf-8")
        for slug, entry in sorted(to_lock.items()):
            print(f"Đã khóa số liệu báo cáo {slug}{whose} (dấu vân tay {entry['van_tay'][:16]}…).")
    for line in site.notices:
        print(line)
    print(
        f"Hãy commit {_shown(content / lock.LOCK_FILE) if site.to_lock else 'tệp khoa-so-lieu.json vừa ghi'} cùng các tệp báo cáo. Từ nay mọi thay đổi phải ghi trong «cap_nhat»."
    )
    return 0


def verify_archive(source: str, content: Path) -> int:
    """Compare an archived copy of the site with today's data; 1 when something changed silently."""
    from . import verify

    try:
        where, data = verify.fetch(source)
        archived = verify.parse(where, data)
    except verify.ArchiveError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        site = load_site(content, _shown(content))
    except DataError as exc:
        print(format_grouped(exc.problems), file=sys.stderr)
        print("Dữ liệu hôm nay có lỗi: sửa rồi đối chiếu lại.", file=sys.stderr)
        return 1
    results, newer = verify.compare(archived, site)
    print(verify.report_text(where, archived, results, newer))
    return 1 if any(result.silent for result in results) else 0


def _province(args: argparse.Namespace) -> int:
    from .province import communes, overview

    if args.command == "tong-hop":
        return overview.build_overview(args.paths, args.out, args.dia_chi, args.ngay or date.today())
    found, refused = communes.find_communes(args.paths)
    for path in refused:
        print(f"{path}: không phải thư mục của một xã (cần thư mục content/ có xa.yaml).", file=sys.stderr)
    if not found:
        return 1
    print(
        communes.gitlab_matrix(found) if args.gitlab else communes.matrix(found),
        end="\n" if not args.gitlab else "",
    )
    return 1 if refused else 0


def build_parser() -> Parser:
    parser = Parser(
        prog="python -m cchc_site",
        description=(
            "Công cụ dữ liệu của trang cải cách hành chính: kiểm tra dữ liệu, tạo báo cáo mới,\n"
            "nhập danh mục thủ tục từ bảng tính, khóa số liệu báo cáo đã đăng.\n"
            "Mã thoát: 0 = ổn, 1 = dữ liệu có lỗi, 2 = gõ sai lệnh."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh", parser_class=Parser)
    commands.required = True

    run_check = commands.add_parser(
        "check",
        help="kiểm tra toàn bộ dữ liệu, không xây dựng trang",
        description="Kiểm tra dữ liệu bằng đúng các quy tắc của lệnh xây dựng.",
    )
    run_check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("content")],
        metavar="ĐƯỜNG_DẪN",
        help="thư mục dữ liệu hoặc một tệp trong đó (mặc định: content)",
    )
    run_check.add_argument("--chi-tiet", action="store_true", help="in từng cảnh báo kèm gợi ý")

    new = commands.add_parser(
        "new-report",
        help="tạo tệp báo cáo mới (tháng, quý, 6 tháng, 9 tháng, năm, giai đoạn)",
        description="Tạo content/bao-cao/KỲ.yaml từ báo cáo gần nhất trước đó (cùng loại kỳ nếu có);\n"
        "xã chưa có báo cáo nào thì tạo theo đề cương chuẩn.\n"
        "KỲ: 2023-t08 (tháng 8), 2022-q4 (quý 4), 2023-6t (6 tháng), 2023-9t (9 tháng),\n"
        "2022-nam (năm), 2011-2020 (giai đoạn).",
    )
    new.add_argument("quarter", metavar="KỲ", help="VD: 2022-q4, 2023-t08, 2023-6t, 2022-nam")
    new.add_argument(
        "--content", type=Path, default=Path("content"), help="thư mục dữ liệu (mặc định: content)"
    )
    new.add_argument("--tu-ngay", type=_date, help="ngày đầu kỳ số liệu nếu khác mặc định (NĐ 09/2019)")
    new.add_argument("--den-ngay", type=_date, help="ngày cuối kỳ số liệu nếu khác mặc định")

    imp = commands.add_parser(
        "import-procedures",
        help="nhập danh mục thủ tục từ tệp .xlsx hoặc .csv",
        description="So sánh bảng tính với danh mục hiện có; chỉ ghi khi có --write.\n"
        "Mặc định chỉ so sánh trong các lĩnh vực có trong tệp (--ca-danh-muc: cả nhóm), và không\n"
        "bãi bỏ thủ tục nào: thủ tục không có trong tệp chỉ bị bãi bỏ khi có --xac-nhan-bai-bo N\n"
        "(N đúng bằng số thủ tục bãi bỏ mà bản xem trước nêu).",
    )
    imp.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .csv")
    imp.add_argument(
        "--content", type=Path, default=Path("content"), help="thư mục dữ liệu (mặc định: content)"
    )
    imp.add_argument(
        "--ngay",
        type=_date,
        default=None,
        help="ngày niêm yết thủ tục mới và ngày bãi bỏ thủ tục không còn trong tệp (mặc định: hôm nay)",
    )
    imp.add_argument("--quyet-dinh", default=None, help="quyết định công bố ghi cho các thủ tục mới")
    imp.add_argument(
        "--nhom",
        choices=["cap_xa", "quoc_phong", "cong_an"],
        default=None,
        help="nhóm của mọi dòng khi tệp không có cột nhóm",
    )
    imp.add_argument(
        "--ca-danh-muc",
        action="store_true",
        help="tệp là toàn bộ danh mục của nhóm: so sánh cả các lĩnh vực không có trong tệp",
    )
    imp.add_argument(
        "--xac-nhan-bai-bo",
        type=int,
        default=None,
        metavar="N",
        help="bãi bỏ N thủ tục có trong danh mục mà không có trong tệp (N phải đúng như bản xem trước)",
    )
    imp.add_argument(
        "--phan-cach",
        choices=[",", ";", "tab"],
        default=None,
        metavar="DẤU",
        help="tệp CSV: dấu ngăn cách các cột, «,», «;» hoặc «tab» (mặc định: tự nhận ra)",
    )
    imp.add_argument(
        "--write", action="store_true", help="ghi vào content/thu-tuc.yaml (mặc định: chỉ xem trước)"
    )

    khoa = commands.add_parser("khoa", help="khóa số liệu các báo cáo vừa đăng tải (có «ngay_dang_tai»)")
    khoa.add_argument(
        "--content", type=Path, default=Path("content"), help="thư mục dữ liệu (mặc định: content)"
    )

    audit = commands.add_parser(
        "verify",
        help="đối chiếu một bản lưu của trang với dữ liệu hôm nay (cho thanh tra, kiểm tra)",
        description="Đọc du-lieu/kiem-chung.json của một bản lưu trang (thư mục hoặc địa chỉ http/https),\n"
        "so với dữ liệu hôm nay: in mọi nội dung đã công bố nay khác đi, kèm lần cập nhật giải thích nó,\n"
        "hoặc nêu từng thay đổi không ghi cập nhật.\n"
        "Mã thoát: 0 = không có thay đổi không ghi cập nhật; 1 = có, hoặc không đọc được bản lưu/dữ liệu.",
    )
    audit.add_argument(
        "archive", metavar="BẢN_LƯU", help="thư mục trang đã lưu (VD: site-2026-11) hoặc địa chỉ trang"
    )
    audit.add_argument(
        "--content", type=Path, default=Path("content"), help="thư mục dữ liệu hôm nay (mặc định: content)"
    )

    word = commands.add_parser(
        "export-docx",
        help="xuất một báo cáo ra tệp Word (.docx) trình bày theo Nghị định 30/2020/NĐ-CP",
        description="Ghi báo cáo KỲ ra tệp Word (.docx) trình bày theo Nghị định 30/2020/NĐ-CP: khổ A4,\n"
        "lề, phông Times New Roman, phần đầu (cơ quan, số, quốc hiệu, ngày), «Nơi nhận» và chữ ký.\n"
        "Báo cáo đã đăng: bản dựng lại từ dữ liệu (ghi rõ ở chân trang, không phải bản gốc đã ký).\n"
        "Bản nháp (chưa có «ngay_dang_tai»): dự thảo có chữ «Dự thảo»; thêm --trinh-ky để in trình ký.\n"
        "Mặc định ghi bao-cao-KỲ.docx vào thư mục đang đứng (ghi đè tệp cũ cùng tên).",
    )
    word.add_argument("ky", metavar="KỲ", help="VD: 2022-q3, 2023-t08, 2023-6t, 2022-nam")
    word.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="THƯ_MỤC",
        help="thư mục dữ liệu (mặc định: content)",
    )
    word.add_argument(
        "-o", "--output", type=Path, default=None, metavar="TỆP", help="tệp .docx hoặc thư mục để ghi vào"
    )
    word.add_argument(
        "--trinh-ky",
        action="store_true",
        help="chỉ với bản nháp: bỏ chữ «Dự thảo» và dòng ghi chú ở chân trang, để in trình ký",
    )

    report_in = commands.add_parser(
        "import-report",
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
    report_in.add_argument("file", type=Path, metavar="TỆP", help="tệp Word .docx của báo cáo")
    report_in.add_argument(
        "--ky",
        default=None,
        metavar="KỲ",
        help="kỳ báo cáo nếu khác kỳ đọc được, VD: 2022-q3, 2023-6t, 2023-t08",
    )
    report_in.add_argument(
        "--content", type=Path, default=Path("content"), help="thư mục dữ liệu (mặc định: content)"
    )

    start = commands.add_parser(
        "init",
        help="tạo dự án trang mới cho một xã (mkdocs.yml, content/, CI), xây dựng được ngay",
        description="Tạo trong THƯ_MỤC một dự án mới: content/xa.yaml (thông tin chưa rõ để trống, trang\n"
        "ghi «chưa cập nhật»), content/thu-tuc.yaml (danh mục trống), content/trang/ (Giới thiệu, Liên hệ),\n"
        "mkdocs.yml, hooks.py, requirements.txt, .github/workflows/site.yml.\n"
        "Không ghi gì nếu thư mục đã có mkdocs.yml hoặc content/.",
    )
    start.add_argument("target", type=Path, metavar="THƯ_MỤC", help="thư mục của dự án (mới hoặc trống)")
    start.add_argument(
        "--xa", required=True, metavar="TÊN", help='tên xã, không kèm chữ «xã», VD: "Tân Việt"'
    )
    start.add_argument(
        "--tinh", required=True, metavar="TÊN", help='tên tỉnh, không kèm chữ «tỉnh», VD: "Hưng Yên"'
    )
    start.add_argument(
        "--nguon",
        default=None,
        metavar="NGUỒN",
        help="nơi pip tải cchc-site, ghi ở dòng cuối requirements.txt (mặc định: nơi đang cài), "
        'VD: "cchc-site @ git+https://github.com/…/cchc-site@v0.1.0"',
    )

    tinh = commands.add_parser(
        "tong-hop",
        help="trang tổng hợp của tỉnh từ dữ liệu các xã (xa/<xã>/content/)",
        description="Đọc và kiểm tra dữ liệu từng xã, ghi THƯ_MỤC/index.html và THƯ_MỤC/du-lieu/ (CSV, JSON,\n"
        "datapackage.json): số liệu báo cáo mới nhất của các xã, các kỳ đã đăng, xã chậm báo cáo.\n"
        "Xã có dữ liệu lỗi được ghi kèm lỗi đầu tiên, không làm dừng các xã khác.\n"
        "Mã thoát: 0 = có ít nhất một xã dữ liệu hợp lệ; 1 = không có xã nào hợp lệ.",
    )
    tinh.add_argument(
        "paths", nargs="+", type=Path, metavar="THƯ_MỤC_XÃ", help="thư mục một xã, hoặc xa/ (mọi xã)"
    )
    tinh.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục ghi trang tổng hợp")
    tinh.add_argument(
        "--dia-chi",
        default="{xa}/",
        metavar="MẪU",
        help="địa chỉ trang của mỗi xã, {xa} là tên thư mục (mặc định: {xa}/, cạnh trang tổng hợp)",
    )
    tinh.add_argument("--ngay", type=_date, default=None, help="ngày tính kỳ đến hạn (mặc định: hôm nay)")
    grid = commands.add_parser(
        "ma-tran",
        help="in danh sách xã cho ma trận CI (JSON cho GitHub «fromJSON», hoặc khối GitLab)",
        description="Tìm các xã (thư mục có content/) trong THƯ_MỤC và in ma trận cho CI: mỗi xã một job.",
    )
    grid.add_argument("paths", nargs="+", type=Path, metavar="THƯ_MỤC", help="VD: xa/")
    grid.add_argument("--gitlab", action="store_true", help="in khối «parallel: matrix» cho .gitlab-ci.yml")

    commands.add_parser("schema", help="ghi lại JSON Schema của các tệp dữ liệu (cho người phát triển)")
    return parser


def main(argv: list[str] | None = None) -> int:
    from .runtime import paused_gc

    args = build_parser().parse_args(argv)
    with paused_gc():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        return check(args.paths, args.chi_tiet)
    if args.command == "khoa":
        return lock_published(args.content)
    if args.command == "new-report":
        from .new_report import create_report

        return create_report(args.content, args.quarter, args.tu_ngay, args.den_ngay)
    if args.command == "import-procedures":
        from .procedures.importer import Options, run_import

        options = Options(
            args.ngay or date.today(), args.quyet_dinh, args.nhom, args.ca_danh_muc, args.xac_nhan_bai_bo
        )
        return run_import(args.file, args.content, options, args.write, args.phan_cach)
    if args.command == "verify":
        return verify_archive(args.archive, args.content)
    if args.command == "export-docx":
        from .word.export import write_report

        return write_report(args.ky, args.content, args.output, args.trinh_ky)
    if args.command == "import-report":
        from .word.import_report import run_import as import_report

        return import_report(args.file, args.content, args.ky)
    if args.command == "init":
        from .init import run_init

        return run_init(args.target, args.xa, args.tinh, args.nguon)
    if args.command in ("tong-hop", "ma-tran"):
        return _province(args)
    if args.command == "schema":
        from .json_schema import write_schemas

        for path in write_schemas():
            print(f"Đã ghi {_shown(path)}")
        return 0
    return 2  # pragma: no cover - argparse refuses unknown commands
