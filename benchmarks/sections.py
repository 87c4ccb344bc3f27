"""BENCHMARKS.md is written by several scripts, each owning one section between two markers."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def find(text: str, name: str) -> str | None:
    """The section ``name`` of ``text``, markers included, if it is there."""
    start, end = markers(name)
    if start in text and end in text:
        return text[text.index(start) : text.index(end) + len(end)]
    return None


def write(name: str, body: str, path: Path = BENCHMARKS) -> None:
    """Put ``body`` (markers included) in place of the section ``name``, or at the end."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Đo hiệu năng\n\n"
    old = find(text, name)
    text = text.replace(old, body) if old else text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")
