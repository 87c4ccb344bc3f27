"""``schema``: write the editors' JSON Schemas of the content files again (for developers)."""

from __future__ import annotations

import argparse

from ..addresses import shown

NAME = "schema"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    return commands.add_parser(NAME, help="ghi lại JSON Schema của các tệp dữ liệu (cho người phát triển)")


def run(args: argparse.Namespace) -> int:
    from ..json_schema import write_schemas

    for path in write_schemas():
        print(f"Đã ghi {shown(path)}")
    return 0
