"""A province's repository that builds at once (``python -m cchc_site init-tinh``).

The communes share one configuration, ``mkdocs.base.yml``: the commune skeleton's ``mkdocs.yml``
with the hooks read from the repository's root (paths in it are read from ``xa/<xã>/``) and the
province's name recorded for ``init`` (``extra.cchc.tinh``). The root also holds the skeleton's
``hooks.py`` and ``.gitignore``, ``requirements.txt`` (with cchc-site in ``vendor/`` by default),
a README and CI for GitHub and GitLab (``mau/tinh/``) that find the communes in ``xa/`` each run.
Communes are added with ``init xa/<xã>``.
"""

from __future__ import annotations

from pathlib import Path

from .project import (
    SKELETON,
    InitError,
    check_name,
    checked_source,
    environment,
    requirements_text,
    write_all,
)
from .province_root import BASE_CONFIG, COMMUNES_DIR, find_province

PROVINCE_SKELETON = SKELETON.parent / "tinh"
FILES = (  # province skeleton file → where it goes (``*.j2`` rendered)
    ("README.md.j2", "README.md"),
    ("github-workflow.yml", ".github/workflows/tinh.yml"),
    ("gitlab-ci.yml", ".gitlab-ci.yml"),
)
SHARED = (  # the commune skeleton's files the root shares: same text
    ("hooks.py.mau", "hooks.py"),
    ("gitignore", ".gitignore"),
)
HEADER = """\
# Cấu hình chung của mọi xã trong tỉnh (do lệnh «python -m cchc_site init-tinh» tạo). Mỗi xã có
# xa/<xã>/mkdocs.yml ghi «INHERIT: ../../mkdocs.base.yml». MkDocs đọc mọi đường dẫn dưới đây
# (docs_dir, site_dir, hooks, watch) tính từ thư mục của xã: content/ và site/ là của từng xã,
# hooks.py ở gốc kho. Tên trang và dòng mô tả của mỗi xã lấy từ content/xa.yaml của xã đó.
"""
_HOOKS = "hooks:\n  - hooks.py\n"
_CCHC = "  cchc:\n    content_dir: content\n"


def base_config(tinh: str) -> str:
    """``mkdocs.base.yml``: the commune skeleton's configuration, read from ``xa/<xã>/``."""
    text = (SKELETON / "mkdocs.yml").read_text(encoding="utf-8")
    if _HOOKS not in text or _CCHC not in text:  # the skeleton changed and this did not follow
        raise InitError(
            "Lỗi của phần mềm: mẫu mkdocs.yml không có «hooks» hay «extra.cchc» như init-tinh cần; "
            "báo cho người bảo trì cchc-site."
        )
    body = "".join(text.splitlines(keepends=True)[_header_lines(text) :])  # its own header goes
    body = body.replace(_HOOKS, "hooks:\n  - ../../hooks.py   # hooks.py ở gốc kho\n")
    body = body.replace(_CCHC, _CCHC + f"    tinh: {environment().from_string('{{ t|q }}').render(t=tinh)}\n")
    return HEADER + body


def _header_lines(text: str) -> int:
    lines = text.splitlines()
    return next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))


def render_province(tinh: str, requirement: str) -> dict[str, str]:
    """Every file of the new province repository: path → text."""
    env = environment()
    files = {"mkdocs.base.yml": base_config(tinh), "requirements.txt": requirements_text(requirement)}
    for source, target in SHARED:
        files[target] = (SKELETON / source).read_text(encoding="utf-8")
    for source, target in FILES:
        text = (PROVINCE_SKELETON / source).read_text(encoding="utf-8")
        files[target] = env.from_string(text).render(tinh=tinh) if source.endswith(".j2") else text
    files[f"{COMMUNES_DIR}/.gitkeep"] = ""
    return files


def create_province(target: Path, tinh: str, source: str | None = None) -> list[str]:
    """Write the province repository into ``target``; the paths written, or ``InitError``."""
    tinh = check_name(tinh, "tên tỉnh", "--tinh")
    if target.exists() and not target.is_dir():
        raise InitError(f"Không tạo kho của tỉnh: «{target}» là một tệp, không phải thư mục.")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(
            f"Không tạo kho của tỉnh: thư mục «{target}» không trống. Chọn một thư mục mới hoặc thư mục "
            "trống (lệnh không ghi đè tệp nào)."
        )
    above = find_province(target)
    if above is not None:
        raise InitError(
            f"Không tạo kho của tỉnh: «{target}» nằm trong kho của tỉnh «{above.shown}» (có {BASE_CONFIG})."
        )
    package = checked_source(source)
    files = render_province(tinh, "")

    def more(staging: Path) -> list[str]:
        line, written = package.write_into(staging)
        (staging / "requirements.txt").write_text(requirements_text(line), encoding="utf-8")
        return written

    return write_all(target, files, more)
