"""A new commune's project that builds at once (``python -m cchc_site init``).

The skeleton lives in ``mau/du-an/``: ``mkdocs.yml`` and ``hooks.py`` are the same for every
commune (the hooks take the site's name from ``content/xa.yaml``); the profile, the empty
procedure list and the static pages are rendered from the commune's name and province.
Nothing is written when the folder already holds a project or a name is refused.

Inside a province's repository (``init-tinh``), a commune at ``xa/<xã>`` gets only its data and a
``mkdocs.yml`` inheriting the province's ``mkdocs.base.yml``: the hooks, requirements, CI and
``.gitignore`` are the province's. ``requirements.txt`` installs cchc-site as ``source.py`` says.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from .. import text
from ..addresses import ABOUT, CONTACT, CONTENT_DIR, LIST_FILE, REPORT_DIR, STATIC_DIR, XA_FILE
from ..content.drafts import scalar
from ..core.units import CURRENT, UNIT_KINDS, body_name, unit_word
from .province_root import BASE_CONFIG, ProvinceRoot, find_province
from .source import Source, SourceError, parse_source

SKELETON = Path(__file__).resolve().parents[1] / "mau" / "du-an"
MAX_LENGTH = 40
_ALLOWED = re.compile(r"[^\W_][\w '.-]*", re.UNICODE)  # letters first; no path separator, no markup
_BODY_WORDS = ("ubnd", "ủy ban", "uỷ ban")
# a district or province written before the name, in every spelling documents use: «TP Hội An»,
# «Tp. Hội An», «T.P Hội An», «thành phố Hội An», «quận 1», «huyện Tứ Kỳ», «thị xã Kinh Môn»
_NOT_COMMUNE = re.compile(r"^(?:t\.?\s?p\b\.?|thành phố\b|quận\b|huyện\b|thị xã\b|tỉnh\b)", re.IGNORECASE)
# skeleton file → where it goes in the project (templates ``*.j2`` are rendered)
FILES = (
    ("mkdocs.yml", "mkdocs.yml"),
    ("hooks.py.mau", "hooks.py"),  # not a .py file: one module named «hooks» for mypy
    ("gitignore", ".gitignore"),
    ("github-workflow.yml", ".github/workflows/site.yml"),
    (f"content/{XA_FILE}.j2", f"{CONTENT_DIR}/{XA_FILE}"),
    (f"content/{LIST_FILE}.j2", f"{CONTENT_DIR}/{LIST_FILE}"),
    (f"content/trang/{ABOUT}.j2", f"{CONTENT_DIR}/{STATIC_DIR}/{ABOUT}"),
    (f"content/trang/{CONTACT}.j2", f"{CONTENT_DIR}/{STATIC_DIR}/{CONTACT}"),
)
# a commune inside a province's repository: its data, and a mkdocs.yml inheriting the province's
IN_PROVINCE = (
    ("mkdocs-tinh.yml.j2", "mkdocs.yml"),
    *((source, target) for source, target in FILES if target.startswith(f"{CONTENT_DIR}/")),
)


class InitError(Exception):
    """A refused ``init``; the message is Vietnamese and says what to do."""


def check_name(value: str, what: str, option: str) -> str:
    """The name as the site will write it (NFC, single spaces), or ``InitError``.

    ``what``: «tên xã» or «tên tỉnh»; ``option``: the command-line option, for the hint.
    """
    name = " ".join(unicodedata.normalize("NFC", value).split())
    if not name:
        raise InitError(
            f'{what.capitalize()} trống: ghi {option} "…", VD: --xa "Tân Việt" --tinh "Hưng Yên".'
        )
    if len(name) > MAX_LENGTH:
        raise InitError(f"{what.capitalize()} «{name[:MAX_LENGTH]}…» dài quá {MAX_LENGTH} ký tự.")
    if "/" in name or "\\" in name or not _ALLOWED.fullmatch(name):
        raise InitError(
            f"{what.capitalize()} «{name}» có ký tự không dùng trong tên địa danh: chỉ ghi chữ, "
            "chữ số, dấu cách, dấu gạch nối."
        )
    if not any(character.isalpha() for character in name) or name.replace(" ", "").isdigit():
        raise InitError(f"{what.capitalize()} «{name}» không có chữ: ghi tên, không ghi số hiệu.")
    lowered = name.casefold()
    if option == "--xa":
        if _NOT_COMMUNE.match(name):
            raise InitError(
                f"«{name}» là tên đơn vị cấp huyện hoặc cấp tỉnh, không phải xã, phường hay đặc khu: ghi tên "
                'của đơn vị cấp xã và loại của nó, VD: --xa "Tân Việt" hoặc --loai phuong --xa "Hội An Tây".'
            )
        for word in (*_BODY_WORDS, *(kind.word for kind in UNIT_KINDS.values())):
            if lowered == word or lowered.startswith(word + " "):
                rest = name[len(word) :].strip()
                kind = next(
                    (k for k in UNIT_KINDS.values() if rest.casefold().startswith(k.word + " ")), None
                )
                kind = kind or next((k for k in UNIT_KINDS.values() if k.word == word), None)
                if kind is not None and rest.casefold().startswith(kind.word + " "):
                    rest = rest[len(kind.word) :].strip()
                if kind is not None and kind.until is not None:
                    raise InitError(
                        f"Từ ngày {text.format_date(kind.until + timedelta(days=1))} không còn "
                        f"{kind.word}: ghi tên và loại của đơn vị mới (--loai xa, phuong hoặc dac-khu); "
                        f"{kind.word} cũ được khai trong «hinh_thanh_tu» của {XA_FILE}."
                    )
                loai = (
                    f"--loai {kind.key.replace('_', '-')} " if kind is not None and kind.key != "xa" else ""
                )
                raise InitError(
                    f'Ghi tên không kèm «{name[: len(word)]}»: {loai}{option} "{rest or "Tân Việt"}" '
                    "(phần mềm tự ghi «Ủy ban nhân dân xã …» hay «… phường …» theo --loai)."
                )
    else:
        for word in ("tỉnh", "thành phố"):
            if lowered.startswith(word + " "):
                raise InitError(
                    f'Ghi tên tỉnh không kèm «{name[: len(word)]}»: {option} "{name[len(word) :].strip()}".'
                )
    return name


def environment() -> Environment:
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["q"] = lambda text: scalar(text, quote=True)  # a quoted YAML string, as every draft
    return env


def requirements_text(line: str) -> str:
    """``requirements.txt`` of a new project: the pinned dependencies, then cchc-site's own line."""
    pins = (SKELETON / "requirements.txt").read_text(encoding="utf-8")
    return (
        pins + "# Phần mềm cchc-site (đổi nơi tải: xem README, mục «Dùng cho xã khác»). Chạy pip từ thư mục\n"
        "# này: đường dẫn ./vendor/… được tính từ thư mục đang đứng.\n" + line + "\n"
    )


def render_files(
    xa: str, tinh: str, requirement: str, loai: str = "xa", province: ProvinceRoot | None = None
) -> dict[str, str]:
    """Every file of the new project: path in the project → text (``loai``: a kind of unit;
    ``requirement``: the line installing cchc-site; in a ``province``, only the commune's own files)."""
    env = environment()
    values = {
        "ten": xa,
        "loai": loai,
        "loai_chu": unit_word(loai),
        "co_quan": body_name(loai, xa),
        "tinh": tinh,
        "ke_thua": province.inherit if province else "",
    }
    files = {}
    for source_name, target in IN_PROVINCE if province else FILES:
        text = (SKELETON / source_name).read_text(encoding="utf-8")
        files[target] = env.from_string(text).render(values) if source_name.endswith(".j2") else text
    if province is None:
        files["requirements.txt"] = requirements_text(requirement)
    return files


def write_all(target: Path, files: dict[str, str], extra: Callable[[Path], list[str]]) -> list[str]:
    """Write ``files`` into ``target`` all or nothing (staged in a hidden folder, then moved);
    ``extra(staging)`` writes more (a vendored wheel) and names it. The paths written."""
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target, prefix=".init-") as staging:
            for relative, text in files.items():
                path = Path(staging) / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            written = [*files, *extra(Path(staging))]
            for entry in sorted(Path(staging).iterdir()):
                shutil.move(str(entry), target / entry.name)
    except OSError as exc:
        raise InitError(f"Không ghi được vào «{target}»: {exc.strerror or exc}.") from exc
    return sorted(written)


def checked_source(spec: str | None) -> Source:
    try:
        return parse_source(spec)
    except SourceError as exc:
        raise InitError(str(exc)) from exc


def existing_project(target: Path) -> str | None:
    """What in ``target`` already belongs to a project, if anything."""
    if target.exists() and not target.is_dir():
        return f"«{target}» là một tệp, không phải thư mục"
    for name in ("mkdocs.yml", CONTENT_DIR):
        if (target / name).exists() or (target / name).is_symlink():
            return f"thư mục «{target}» đã có {name}"
    if (target / BASE_CONFIG).exists():
        return f"«{target}» là kho của một tỉnh (có {BASE_CONFIG}): thêm xã bằng init {target}/xa/<tên>"
    return None


def create_project(
    target: Path, xa: str, tinh: str, source: str | None = None, loai: str = "xa"
) -> list[str]:
    """Write the project into ``target`` (created if needed); the paths written, or ``InitError``."""
    if loai not in CURRENT:
        raise InitError(f"Loại đơn vị «{loai}» không có: ghi --loai xa, phuong hoặc dac-khu.")
    xa = check_name(xa, "tên xã", "--xa")
    tinh = check_name(tinh, "tên tỉnh", "--tinh")
    found = existing_project(target)
    if found:
        raise InitError(
            f"Không tạo dự án: {found}. Chọn một thư mục mới hoặc thư mục trống "
            "(lệnh không bao giờ ghi đè dự án đã có)."
        )
    province = find_province(target)
    if province is not None:
        refused = province.place_of(target)
        if refused:
            raise InitError(f"Không tạo dự án: {refused}")
        if not province.same_province(tinh):
            raise InitError(
                f"Không tạo dự án: kho «{province.shown}» là của tỉnh {province.tinh}, không phải {tinh}: "
                f'ghi --tinh "{province.tinh}".'
            )
    if province is not None and source is not None:
        raise InitError(
            f"Không tạo dự án: xã trong kho của tỉnh «{province.shown}» dùng cchc-site theo "
            "requirements.txt của tỉnh: bỏ --goi."
        )
    package = checked_source(source)
    files = render_files(xa, tinh, "", loai, province)
    for relative in files:
        if (target / relative).exists():
            raise InitError(f"Không tạo dự án: đã có tệp «{target / relative}»; lệnh không ghi đè tệp nào.")

    def more(staging: Path) -> list[str]:
        (staging / CONTENT_DIR / REPORT_DIR).mkdir()
        if province is not None:
            return []
        line, written = package.write_into(staging)
        (staging / "requirements.txt").write_text(requirements_text(line), encoding="utf-8")
        return written

    return write_all(target, files, more)
