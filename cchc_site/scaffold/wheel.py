"""The running ``cchc_site`` packed as a wheel, for a new project to install from ``vendor/``.

No network and no build tool: the wheel holds this package's own folder (every file but
``__pycache__`` and hidden ones) and metadata taken from ``pyproject.toml`` next to it when the
package runs from its source tree, else from the installed distribution. The archive is
reproducible (fixed dates, sorted entries): packing the same code twice gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import tomllib
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
DISTRIBUTION = "cchc-site"
TAG = "py3-none-any"
DATE = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: no build date in the archive


@dataclass(frozen=True)
class Metadata:
    version: str
    summary: str
    requires_python: str
    requires: tuple[str, ...]
    scripts: tuple[tuple[str, str], ...]


def package_metadata() -> Metadata:
    """The version, dependencies and commands of the running package."""
    pyproject = PACKAGE.parent / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return Metadata(
                project["version"],
                project.get("description", ""),
                project.get("requires-python", ""),
                tuple(project.get("dependencies", ())),
                tuple(sorted(project.get("scripts", {}).items())),
            )
    installed = metadata.distribution(DISTRIBUTION)
    return Metadata(
        installed.version,
        installed.metadata["Summary"] or "",
        installed.metadata["Requires-Python"] or "",
        tuple(installed.requires or ()),
        tuple(sorted((e.name, e.value) for e in installed.entry_points if e.group == "console_scripts")),
    )


def wheel_name(version: str) -> str:
    return f"{DISTRIBUTION.replace('-', '_')}-{version}-{TAG}.whl"


def package_files() -> list[Path]:
    """The package's files as the wheel holds them, relative to the package's parent folder."""
    return sorted(
        path.relative_to(PACKAGE.parent)
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not any(part.startswith(".") for part in path.relative_to(PACKAGE).parts)
        and path.suffix not in (".pyc", ".pyo")
    )


def _metadata_files(meta: Metadata) -> dict[str, bytes]:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {DISTRIBUTION}",
        f"Version: {meta.version}",
        f"Summary: {meta.summary}",
        *([f"Requires-Python: {meta.requires_python}"] if meta.requires_python else []),
        *(f"Requires-Dist: {r}" for r in meta.requires),
    ]
    wheel = ["Wheel-Version: 1.0", "Generator: cchc-site", "Root-Is-Purelib: true", f"Tag: {TAG}"]
    files = {"METADATA": "\n".join(lines) + "\n", "WHEEL": "\n".join(wheel) + "\n"}
    if meta.scripts:
        files["entry_points.txt"] = (
            "[console_scripts]\n" + "".join(f"{name} = {value}\n" for name, value in meta.scripts) + "\n"
        )
    return {name: text.encode("utf-8") for name, text in files.items()}


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(folder: Path) -> Path:
    """Write the wheel into ``folder`` (created if needed); its path. ``OSError`` if it cannot."""
    meta = package_metadata()
    info = f"{DISTRIBUTION.replace('-', '_')}-{meta.version}.dist-info"
    entries = [(path.as_posix(), (PACKAGE.parent / path).read_bytes()) for path in package_files()]
    entries += [(f"{info}/{name}", data) for name, data in sorted(_metadata_files(meta).items())]
    record = "".join(_record_line(name, data) + "\n" for name, data in entries) + f"{info}/RECORD,,\n"
    entries.append((f"{info}/RECORD", record.encode("utf-8")))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / wheel_name(meta.version)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            member = zipfile.ZipInfo(name, date_time=DATE)
            member.external_attr = 0o644 << 16
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, data)
    return target
