"""Fuzzing the content files: whatever a clerk (or a broken editor) writes, no crash, no damage.

Random bytes in place of a whole file, random structural edits of the real data (parsed, changed,
dumped back) and random byte-level edits of the real text are fed to ``python -m cchc_site check``
and to ``mkdocs build --strict``, in a throwaway copy of the project built once beforehand. For
every run:

- no Python traceback, no death by a signal, no hang (60 s) or runaway memory (1.5 GB);
- ``check`` exits 0 or 1, ``mkdocs build`` 0 or 1, and both agree (they apply the same rules);
- a failure is explained in Vietnamese, naming the content file (``content/…``), and no MkDocs
  ``ERROR``/``WARNING`` line is left in English only;
- after a failing build the previously built ``site/`` is byte-identical; after a successful one,
  no page or data file holds a character the raw-text check refuses (controls, invisible marks).

Three strategies, each run in process (``cchc_site.commands.main``: many examples, fast), through the
``check`` command, and through both commands with a real build (few examples). Cases the fuzzer found
are kept in ``FOUND`` and replayed on every run. The whole file takes about two minutes.

The failing input is shown by Hypothesis (``Draw 1: Edit(...)``): the edit's ``ops`` applied to the
real file reproduce it (``Edit.apply``), as does the ``@reproduce_failure`` blob.
``HYPOTHESIS_PROFILE=dev`` explores new examples; the default "ci" profile replays the same ones;
``CCHC_FUZZ_SCALE=20`` runs twenty times as many.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, given, note, settings
from hypothesis import strategies as st

from .conftest import CONTENT, REPORT, TODAY, Project, make_project

pytestmark = pytest.mark.slow  # every example or case is a real build or check: the full tier only

LOCK = "khoa-so-lieu.json"
TARGETS = ("xa.yaml", "thu-tuc.yaml", REPORT, LOCK)
TIME_LIMIT = 60  # seconds per command
MEMORY_LIMIT = 1_500_000_000  # bytes of address space per command
EPOCH = str(
    int(datetime.combine(TODAY, time(12), tzinfo=UTC).timestamp())
)  # fixed page dates (the build's day is the clock's)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
NAMED = re.compile(r"\bcontent(/|: )")  # a content file, or the folder itself (check: «content: … xa.yaml»)
MKDOCS_LOG = re.compile(r"^(ERROR|WARNING)\s+-\s+(.*)")
# The characters the raw-text check (cchc_site/rawtext.py) refuses in a content file: C0 and C1
# controls, soft hyphen, zero-width and direction marks, line/paragraph separators, BOM, private use.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ue000-\uf8ff]"
)
SITE_TEXT = {".html", ".csv", ".json", ".xml", ".txt"}

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ORIGINAL = {name: (CONTENT / name).read_bytes() for name in TARGETS}
PARSED = {
    name: json.loads(data) if name.endswith(".json") else yaml.load(data.decode("utf-8"), Loader=_Loader)
    for name, data in ORIGINAL.items()
}

SCALE = float(os.environ.get("CCHC_FUZZ_SCALE", "1"))  # e.g. 20 for a long hunt (with HYPOTHESIS_PROFILE=dev)
FAST = settings(
    max_examples=max(1, round(150 * SCALE)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CHECKED = settings(FAST, max_examples=max(1, round(25 * SCALE)))
BUILT = settings(FAST, max_examples=max(1, round(15 * SCALE)))


@dataclass(frozen=True)
class Repeat:
    """A long value, shown short: ``Repeat('ab', 3)`` is ``'ababab'`` (or bytes)."""

    unit: str | bytes
    times: int

    def __repr__(self) -> str:
        return f"({self.unit!r} * {self.times})"

    def value(self) -> str | bytes:
        return self.unit * self.times


def real(value: Any) -> Any:
    """A drawn value with every ``Repeat`` expanded."""
    if isinstance(value, Repeat):
        return value.value()
    if isinstance(value, list):
        return [real(v) for v in value]
    if isinstance(value, dict):
        return {k: real(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Edit:
    """One content file changed: ``apply()`` turns the real file's bytes into the fuzzed ones.

    ``kind``: "bytes" (the whole file replaced), "tree" (parsed, ops on keys/items, dumped back),
    "text" (ops on the raw bytes). ``ops`` are applied in order, each on the result of the previous.
    ``relock``: then the lock file is deleted and ``python -m cchc_site khoa`` run, as if the edited
    report were published so: its text gets past the lock, to the pages.
    """

    file: str
    kind: str
    ops: tuple = field(default_factory=tuple)
    relock: bool = False

    def apply(self, original: bytes) -> bytes:
        if self.kind == "bytes":
            return replace_whole(original, self.ops[0])
        if self.kind == "tree":
            return apply_tree(self.file, self.ops)
        return apply_text(original, self.ops)


def replace_whole(original: bytes, op: tuple) -> bytes:
    name, arg = op
    if name == "raw":
        return real(arg)
    if name == "reencode":  # the real text saved in another encoding (Windows-1258, UTF-16…)
        return original.decode("utf-8").encode(arg, errors="replace")
    if name == "prefix":  # a BOM, a NUL, a stray byte before the real text
        return real(arg) + original
    raise ValueError(name)


# Values a structural edit puts in place of another: other types, limits, hostile text.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ config }}",
    "{{ 7 * 7 }}",
    "{% include 'x' %}",
    "{% raw %}",
    "{#",
    "[bấm](javascript:alert(1))",
    "![ảnh](data:text/html,<b>x</b>)",
    "&#60;b&#62;",
    "| a | b |\n|---|---|",
    "\u200b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u202e",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r\n",
    "\t",
    " ",
    "",
    "~",
    "null",
    "yes",
    "08",
    "1.000894",
    "2022-02-30",
    "30/9/2022",
    "9999-12-31",
    "0000-00-00",
    "-0",
    "1e309",
    ".nan",
    "Thñ tôc hµnh chÝnh",
    "Ðăng ký",
    "Đăng ký khai sinh",
    "../../etc/passwd",
    "index",
    "2022-q3",
    # Markdown that MkDocs would turn into links, attributes, blocks (a strict build warns on a broken link)
    "[x](khong-co.md)",
    "[x][1]\n\n[1]: khong-co.md",
    "<khong-co.md>",
    "![](khong-co.png)",
    "<https://example.com>",
    "{: onclick=alert(1) }",
    "{#id .lop}",
    "<!-- x -->",
    "```\nmã\n```",
    "    thụt lề bốn dấu cách",
    "# Tiêu đề",
    "!!! note",
    "* * *",
    "[^1]",
    "&amp;",
    "&#x3C;",
    "_nghiêng_ **đậm** ~~gạch~~",
    "\\",
    "a | b",
]
DATES = [date.min, date.max, date(1900, 1, 1), date(2100, 12, 31), TODAY, TODAY + timedelta(days=1)]
NUMBERS = [0, -1, 1, 2**31, 2**53 + 1, 10**15 - 1, -(10**15) + 1]
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HOSTILE),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=8), st.sampled_from(HOSTILE), st.text(max_size=8)),
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Mn", "Co"]), min_size=1, max_size=8),
)
long_texts = st.builds(Repeat, st.text(min_size=1, max_size=4), st.integers(1_000, 300_000))
leaves = st.one_of(
    st.integers(-1_000, 1_000),
    st.integers(min_value=10**15, max_value=10**60),
    st.integers(max_value=-1),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(DATES),
    st.datetimes(),
    texts,
    long_texts,
)


def nest(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


deep = st.integers(30, 120).map(nest)
values = st.one_of(
    leaves,
    st.lists(leaves, max_size=4),
    st.dictionaries(texts, leaves, max_size=3),
    st.lists(st.dictionaries(st.sampled_from(["ten", "ma", "so", "gia_tri", "loai"]), leaves), max_size=3),
    deep,
)


def walk(node: Any, path: tuple = ()):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def get(tree: Any, path: tuple) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def tree_op(tree: Any, op: tuple) -> Any:
    """Apply one structural op in place (or return a new root)."""
    name, path, *rest = op
    if name == "replace":
        if not path:
            return real(rest[0])
        get(tree, path[:-1])[path[-1]] = real(rest[0])
    elif name == "delete":
        del get(tree, path[:-1])[path[-1]]
    elif name == "add_key":
        get(tree, path)[rest[0]] = real(rest[1])
    elif name == "duplicate":
        items = get(tree, path)
        items.insert(rest[0], copy.deepcopy(items[rest[0]]))
    elif name == "reorder":
        node = get(tree, path)
        if isinstance(node, list):
            node[:] = [node[i] for i in rest[0]]
        else:
            keys = list(node)
            reordered = {keys[i]: node[keys[i]] for i in rest[0]}
            node.clear()
            node.update(reordered)
    elif name == "empty":
        get(tree, path).clear()
    else:
        raise ValueError(name)
    return tree


def dump(file: str, tree: Any) -> bytes:
    if file.endswith(".json"):
        return json.dumps(tree, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")


def apply_tree(file: str, ops: tuple) -> bytes:
    tree = copy.deepcopy(PARSED[file])
    for op in ops:
        tree = tree_op(tree, op)
    return dump(file, tree)


def edited_text(text: str) -> st.SearchStrategy[str]:
    """The text with a hostile piece inserted somewhere in it."""
    return st.builds(
        lambda at, piece: text[:at] + piece + text[at:], st.integers(0, len(text)), st.sampled_from(HOSTILE)
    )


@st.composite
def tree_edits(draw) -> Edit:
    file = draw(st.sampled_from(TARGETS))
    tree = copy.deepcopy(PARSED[file])
    ops = []
    for _ in range(draw(st.integers(1, 3))):
        nodes = list(walk(tree))
        keyed = [p for p, _ in nodes if p and isinstance(p[-1], str)]
        dicts = [p for p, n in nodes if isinstance(n, dict)]
        lists = [p for p, n in nodes if isinstance(n, list) and n]
        leaf_paths = [p for p, n in nodes if not isinstance(n, (dict, list))]
        strings = [p for p, n in nodes if isinstance(n, str)]
        numbers = [p for p, n in nodes if isinstance(n, int) and not isinstance(n, bool)]
        dates = [p for p, n in nodes if isinstance(n, date)]
        choices = ["replace", "replace_leaf"] + ["delete"] * bool(keyed) + ["add_key"] * bool(dicts)
        choices += ["same_type_text"] * bool(strings) + ["same_type_number"] * bool(numbers)
        choices += ["same_type_date"] * bool(dates)
        choices += ["duplicate", "reorder", "empty"] * bool(lists)
        name = draw(st.sampled_from(choices))
        if name == "replace":
            op: tuple = ("replace", draw(st.sampled_from([p for p, _ in nodes])), draw(values))
        elif name == "replace_leaf":
            op = ("replace", draw(st.sampled_from(leaf_paths or [()])), draw(values))
        elif name == "same_type_text":  # still text: may pass the checks and reach the pages
            path = draw(st.sampled_from(strings))
            op = ("replace", path, draw(st.one_of(texts, long_texts, edited_text(get(tree, path)))))
        elif name == "same_type_number":
            number = st.one_of(st.integers(-(10**16), 10**16), st.sampled_from(NUMBERS))
            op = ("replace", draw(st.sampled_from(numbers)), draw(number))
        elif name == "same_type_date":
            op = (
                "replace",
                draw(st.sampled_from(dates)),
                draw(st.one_of(st.dates(), st.sampled_from(DATES))),
            )
        elif name == "delete":
            op = ("delete", draw(st.sampled_from(keyed)))
        elif name == "add_key":
            path = draw(st.sampled_from(dicts))
            op = ("add_key", path, draw(texts), draw(values))
        else:
            path = draw(st.sampled_from(lists))
            size = len(get(tree, path))
            if name == "duplicate":
                op = ("duplicate", path, draw(st.integers(0, size - 1)))
            elif name == "reorder":
                reorder_dict = draw(st.booleans()) and bool(dicts)
                if reorder_dict:
                    path = draw(st.sampled_from(dicts))
                    size = len(get(tree, path))
                op = ("reorder", path, tuple(draw(st.permutations(range(size)))))
            else:
                op = ("empty", path)
        tree = tree_op(tree, op)
        ops.append(op)
    return Edit(file, "tree", tuple(ops), relock=file == REPORT and draw(st.booleans()))


TOKENS = [  # what a slip of the keyboard or a bad paste inserts
    b"\t",
    b'"',
    b"'",
    b"[",
    b"]",
    b"{",
    b"}",
    b": ",
    b":",
    b"- ",
    b"\n",
    b"\r",
    b"\x00",
    b"\xff",
    b"\xc3",  # half of a two-byte letter
    b"\xef\xbb\xbf",
    b"\xe2\x80\xa8",  # U+2028
    b"\xe2\x80\x8b",  # zero-width space
    b"&a ",
    b"*a",
    b"!!python/object/apply:os.system ['true'] ",
    b"!custom ",
    b"<<: ",
    b"%YAML 1.2\n---\n",
    b"---\n",
    b"...\n",
    b"#",
    b"|",
    b">",
    b"? ",
    b"@",
    b"`",
    b"\\",
    b",",
]


def lines_of(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def apply_text_op(data: bytes, op: tuple) -> bytes:
    name, *args = op
    if name == "insert":
        offset, chunk = args
        return data[:offset] + chunk + data[offset:]
    if name == "delete":
        offset, length = args
        return data[:offset] + data[offset + length :]
    if name == "flip":
        offset, mask = args
        return data[:offset] + bytes([data[offset] ^ mask]) + data[offset + 1 :]
    if name == "truncate":
        return data[: args[0]]
    if name == "replace":  # not drawn: how a found case is written down (the old text must be there)
        old, new = args
        assert old in data, f"{old!r} not in the file"
        return data.replace(old, new, 1)
    lines = lines_of(data)
    if name == "indent":  # a line moved left or right
        index, shift = args
        lines[index] = b" " * shift + lines[index] if shift > 0 else lines[index][-shift:]
    elif name == "dup_line":
        lines.insert(args[0], lines[args[0]])
    elif name == "drop_line":
        del lines[args[0]]
    elif name == "swap_lines":
        i, j = args
        lines[i], lines[j] = lines[j], lines[i]
    elif name == "crlf":
        return data.replace(b"\n", b"\r\n")
    else:
        raise ValueError(name)
    return b"\n".join(lines)


def apply_text(original: bytes, ops: tuple) -> bytes:
    data = original
    for op in ops:
        data = apply_text_op(data, op)
    return data


@st.composite
def text_edits(draw) -> Edit:
    file = draw(st.sampled_from(TARGETS))
    data = ORIGINAL[file]
    ops = []
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        count = len(lines_of(data))
        names = ["insert", "insert", "truncate", "indent", "dup_line", "drop_line", "swap_lines", "crlf"]
        names += ["delete", "flip"] * bool(size)
        name = draw(st.sampled_from(names))
        if name == "insert":
            chunk = draw(st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=8)))
            op: tuple = ("insert", draw(st.integers(0, size)), chunk)
        elif name == "delete":
            op = ("delete", draw(st.integers(0, size - 1)), draw(st.integers(1, 64)))
        elif name == "flip":
            op = ("flip", draw(st.integers(0, size - 1)), draw(st.integers(1, 255)))
        elif name == "truncate":
            op = ("truncate", draw(st.integers(0, size)))
        elif name == "indent":
            op = ("indent", draw(st.integers(0, count - 1)), draw(st.sampled_from([-2, -1, 1, 2, 3])))
        elif name == "swap_lines":
            op = ("swap_lines", draw(st.integers(0, count - 1)), draw(st.integers(0, count - 1)))
        elif name == "crlf":
            op = ("crlf",)
        else:
            op = (name, draw(st.integers(0, count - 1)))
        data = apply_text_op(data, op)
        ops.append(op)
    return Edit(file, "text", tuple(ops), relock=file == REPORT and draw(st.booleans()))


whole_files = st.one_of(
    st.tuples(st.just("raw"), st.binary(max_size=2048)),
    st.tuples(st.just("raw"), st.text(max_size=300).map(lambda s: s.encode("utf-8"))),
    st.tuples(
        st.just("raw"), st.builds(Repeat, st.binary(min_size=1, max_size=3), st.integers(1, 2_100_000))
    ),
    st.tuples(st.just("raw"), st.sampled_from([b"", b"\x00", b"\n", b"---\n", b"[]", b"{}", b"null", b"42"])),
    st.tuples(st.just("reencode"), st.sampled_from(["utf-16", "utf-16-be", "utf-32", "cp1258", "latin-1"])),
    st.tuples(
        st.just("prefix"), st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xef\xbb\xbf" * 2])
    ),
)
FILE_OPS = ("delete", "directory", "symlink")  # see write()
whole_files = st.one_of(
    whole_files,
    st.tuples(st.sampled_from(FILE_OPS[:2]), st.none()),
    st.tuples(st.just("symlink"), st.sampled_from(["/etc/passwd", "/dev/zero", "../mkdocs.yml", "khong-co"])),
)
byte_files = st.builds(lambda file, op: Edit(file, "bytes", (op,)), st.sampled_from(TARGETS), whole_files)

STRATEGIES = {"bytes": byte_files, "tree": tree_edits(), "text": text_edits()}


def limited() -> None:  # runs in the child: bounded memory, no core files
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=TIME_LIMIT,
        preexec_fn=limited,
        env=ENV,
    )


def check_command(root: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "cchc_site", "check", "content"], root)


def lock_command(root: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "cchc_site", "khoa", "--content", "content"], root)


def build_command(root: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)


def assert_clean(what: str, returncode: int, stderr: str) -> None:
    """No crash; a failure explained in Vietnamese, naming a content file."""
    tail = stderr[-4000:]
    if currently_in_test_context():
        event(f"{what}: exit {returncode}")
    assert returncode >= 0, f"{what}: killed by signal {-returncode}\n{tail}"
    assert "Traceback" not in stderr, f"{what}: Python traceback\n{tail}"
    assert returncode in (0, 1), f"{what}: exit code {returncode}\n{tail}"
    english = [
        m.group(0)
        for line in stderr.splitlines()
        if (m := MKDOCS_LOG.match(line)) and not VIETNAMESE.search(m.group(2))
    ]
    assert not english, f"{what}: message in English only: {english[:3]}\n{tail}"
    if returncode:
        named = [line for line in stderr.splitlines() if NAMED.search(line) and VIETNAMESE.search(line)]
        assert named, f"{what}: failed without a Vietnamese message naming a content/ file\n{tail}"


def invisible_in_site(project: Project) -> list[str]:
    """Invisible characters in the built pages and data files (the theme's assets aside)."""
    found = []
    for path in sorted(project.site.rglob("*")):
        shown = path.relative_to(project.site)
        if path.suffix not in SITE_TEXT or shown.parts[0] == "assets" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")  # a CSV's BOM
        if match := INVISIBLE.search(text):
            near = text[max(0, match.start() - 40) : match.end() + 10]
            found.append(f"{shown}: U+{ord(match.group()):04X} in {near!r}")
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Project:
    """The real content, built once: each example starts from a copy of it and its site."""
    project = make_project(tmp_path_factory.mktemp("fuzz") / "project")
    result = build_command(project.root)
    assert result.returncode == 0, f"the real content does not build:\n{result.stderr[-4000:]}"
    return project


@contextlib.contextmanager
def copy_of(template: Project, with_site: bool = True):
    with tempfile.TemporaryDirectory(prefix="cchc-fuzz-") as folder:
        root = Path(folder) / "project"
        if with_site:
            shutil.copytree(template.root, root, symlinks=True)
        else:
            root.mkdir()
            shutil.copytree(template.content, root / "content")
        yield Project(root)


def write(project: Project, edit: Edit) -> bytes:
    path = project.content / edit.file
    if edit.kind == "bytes" and edit.ops[0][0] in FILE_OPS:  # no bytes: the file itself replaced
        name, arg = edit.ops[0]
        path.unlink()
        if name == "directory":
            path.mkdir()
        elif name == "symlink":
            path.symlink_to(arg)
        return b""
    data = edit.apply(ORIGINAL[edit.file])
    path.write_bytes(data)
    if currently_in_test_context():
        note(f"{edit.file}: {len(data)} bytes, starting {data[:300]!r}")
    return data


def relock(project: Project, edit: Edit) -> None:
    if edit.relock:
        (project.content / LOCK).unlink()
        result = lock_command(project.root)
        assert_clean("python -m cchc_site khoa", result.returncode, result.stderr)


class _Timeout(Exception):
    pass


def cli_in_process(root: Path, *argv: str) -> tuple[int, str]:
    """``python -m cchc_site ARGV`` in this process (fast); any exception is a crash."""
    from cchc_site.commands import main

    def expired(signum, frame):
        raise _Timeout(f"{argv} took over {TIME_LIMIT} s")

    err, out = io.StringIO(), io.StringIO()
    cwd, epoch = Path.cwd(), os.environ.get("SOURCE_DATE_EPOCH")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(TIME_LIMIT)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.chdir(root)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = main(list(argv))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(cwd)
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    return code, err.getvalue()


@pytest.mark.parametrize("kind", list(STRATEGIES))
@FAST
@given(data=st.data())
def test_check_in_process_never_crashes(kind, template, data):
    edit = data.draw(STRATEGIES[kind], label="edit")
    with copy_of(template, with_site=False) as project:
        write(project, edit)
        if edit.relock:
            (project.content / LOCK).unlink()
            code, stderr = cli_in_process(project.root, "khoa", "--content", "content")
            assert_clean("khoa (in process)", code, stderr)
        code, stderr = cli_in_process(project.root, "check", "content")
    assert_clean("check (in process)", code, stderr)


@pytest.mark.parametrize("kind", list(STRATEGIES))
@CHECKED
@given(data=st.data())
def test_check_command_never_crashes(kind, template, data):
    edit = data.draw(STRATEGIES[kind], label="edit")
    with copy_of(template, with_site=False) as project:
        write(project, edit)
        relock(project, edit)
        check = check_command(project.root)
    assert_clean("python -m cchc_site check", check.returncode, check.stderr)


@pytest.mark.parametrize("kind", list(STRATEGIES))
@BUILT
@given(data=st.data())
def test_build_never_crashes_nor_touches_the_site(kind, template, data):
    edit = data.draw(STRATEGIES[kind], label="edit")
    with copy_of(template) as project:
        before = project.site_digest()
        write(project, edit)
        relock(project, edit)
        check = check_command(project.root)
        assert_clean("python -m cchc_site check", check.returncode, check.stderr)
        build = build_command(project.root)
        assert_clean("mkdocs build --strict", build.returncode, build.stderr)
        if build.returncode:
            assert project.site_digest() == before, "site/ changed after a failing build"
        else:  # what the raw-text check refuses must not reach the pages by another way
            assert not invisible_in_site(project), invisible_in_site(project)
        assert (build.returncode == 0) == (check.returncode == 0), (
            f"check exit {check.returncode} but build exit {build.returncode}\n"
            f"check: {check.stderr[-2000:]}\nbuild: {build.stderr[-2000:]}"
        )


# Each case: the smallest edit found, kept so that the fix is checked on every run, through both
# commands (real subprocesses), whatever the random examples above happen to draw.

FOUND = {
    # The first day of the report's period at the calendar's start: the check of each figure's scope
    # computes «tu_ngay − 366 days» (cchc_site/indicators/checks.py) → OverflowError, a traceback from
    # both «check» and «mkdocs build» instead of a Vietnamese error naming the line.
    "ky-bao-cao-tu-ngay-nam-1": Edit(
        REPORT, "text", (("replace", b"  tu_ngay: 2022-06-15\n", b"  tu_ngay: 0001-01-01\n"),)
    ),
    # A choice field given a list or a mapping: «value not in option.values» on an unhashable value
    # (cchc_site/indicators/reading.py) → TypeError, a traceback from both commands.
    "lua-chon-la-danh-sach": Edit(
        REPORT,
        "text",
        (("replace", b"truc_tuyen_phan_loai: muc_do_3_4\n", b"truc_tuyen_phan_loai: []\n"),),
    ),
    # Control and invisible characters written as YAML escapes in a quoted value ("\0", "\e",
    # "\u202E", "\u2028"): the raw-text check sees only «\0» typed as two letters, nothing checks the
    # parsed value, so «check» says the data is valid and the build publishes a NUL, an ESC and a
    # right-to-left override in the procedure's name (pages, CSV). The same characters typed as
    # themselves are refused with their line and column.
    "ky-tu-dieu-khien-viet-bang-ma-thoat": Edit(
        "thu-tuc.yaml",
        "text",
        (
            (
                "replace",
                "    ten: Đăng ký khai sinh\n".encode(),
                '    ten: "Đăng ký khai sinh\\0\\e\\u202E\\u2028"\n'.encode(),
            ),
        ),
    ),
}


@pytest.mark.parametrize("edit", list(FOUND.values()), ids=list(FOUND))
def test_found_by_fuzzing_fails_cleanly(edit, template):
    """Each is bad data: both commands must refuse it in Vietnamese, and leave the site as it was."""
    with copy_of(template) as project:
        before = project.site_digest()
        write(project, edit)
        relock(project, edit)
        check = check_command(project.root)
        build = build_command(project.root)
        assert_clean("python -m cchc_site check", check.returncode, check.stderr)
        assert_clean("mkdocs build --strict", build.returncode, build.stderr)
        assert not invisible_in_site(project), invisible_in_site(project)
        assert check.returncode == 1, f"check accepted it:\n{check.stdout[-2000:]}"
        assert build.returncode == 1, f"the build accepted it:\n{build.stderr[-2000:]}"
        assert project.site_digest() == before, "site/ changed after a failing build"
