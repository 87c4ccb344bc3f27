"""Reading an archived copy of the site: a folder, or an address served over HTTP(S).

Every download has an overall deadline (a watchdog cuts the connection when it passes, so a server
that drips a byte every few seconds cannot hold the command) and a size limit. Redirects are
followed only within the origin the auditor named (scheme, host and port): a record served from
elsewhere would not be the archive being audited. An address listed in the record is read only
inside the archive: never a parent folder, never another host.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from ..addresses import RECORD

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
_SAFE = re.compile(r"[A-Za-z0-9._~\-/]+")


class ArchiveError(Exception):
    """The archived copy cannot be read (or must not be read further); the message is Vietnamese."""


class Missing(Exception):
    """A listed file is not in the archive (not a folder's file, or 404 over HTTP)."""


@dataclass(frozen=True)
class Limits:
    """What one download may take: seconds in all (redirects included) and bytes."""

    seconds: float = 60.0
    max_bytes: int = 100_000_000


def shown_size(size: int) -> str:
    """1000000 → «1 MB», 250000 → «250 KB»: limits as a reader says them."""
    for unit, name in ((1_000_000, "MB"), (1_000, "KB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit:,} {name}".replace(",", ".")
    return f"{size:,} byte".replace(",", ".")


def safe_address(address: str) -> bool:
    """A path inside the site, as the record writes them (``du-lieu/chi-so.csv``, ``bao-cao/2022-q3/``)."""
    return (
        bool(_SAFE.fullmatch(address))
        and not address.startswith("/")
        and all(part not in ("..", ".") for part in address.split("/"))
    )


class Archive:
    """An archived site: ``read`` one of its files by its address from the site's root."""

    where: str  # where its record is, for messages

    def read(self, address: str) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError

    def read_record(self) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError

    def name(self, address: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


def open_archive(source: str, limits: Limits) -> Archive:
    """The archive at ``source``: an http(s) address, a site folder, or its record file."""
    if source.startswith(("http://", "https://")):
        return WebArchive(source, limits)
    return FolderArchive(source, limits)


class FolderArchive(Archive):
    def __init__(self, source: str, limits: Limits) -> None:
        path = Path(source)
        self.record = path / RECORD if path.is_dir() else path
        self.root = path if path.is_dir() else path.parent.parent
        self.limits = limits
        self.where = str(self.record)

    def name(self, address: str) -> str:
        return str(self.root / address)

    def read_record(self) -> bytes:
        if not self.record.is_file():
            raise ArchiveError(
                f"{self.record}: không có tệp đối chiếu. Cần thư mục trang đã xây dựng (có {RECORD}); trang "
                "xây dựng trước khi có lệnh verify không có tệp này."
            )
        return self._read(self.record)

    def read(self, address: str) -> bytes:
        if not safe_address(address):
            raise ArchiveError(f"{self.where}: tệp đối chiếu ghi một địa chỉ ngoài trang: «{address}».")
        path = self.root / address
        if address.endswith("/") or path.is_dir():
            path = path / "index.html"
        root = self.root.resolve()
        if not path.resolve().is_relative_to(root):  # a link leading out of the archive
            raise ArchiveError(f"{path}: tệp nằm ngoài thư mục bản lưu; không đọc.")
        if not path.is_file():
            raise Missing(str(path))
        return self._read(path)

    def _read(self, path: Path) -> bytes:
        try:
            with path.open("rb") as handle:
                data = handle.read(self.limits.max_bytes + 1)
        except OSError as exc:
            raise ArchiveError(f"{path}: không đọc được ({exc.strerror}).") from None
        if len(data) > self.limits.max_bytes:
            raise ArchiveError(f"{path}: tệp quá lớn (hơn {shown_size(self.limits.max_bytes)}).")
        return data


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port (the default port filled in): what must stay the same across redirects."""
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port or default
    except ValueError:
        port = None
    return parts.scheme, (parts.hostname or "").lower(), port


def shown_origin(url: str) -> str:
    scheme, host, port = origin(url)
    return f"{scheme}://{host}:{port}"


class WebArchive(Archive):
    def __init__(self, source: str, limits: Limits) -> None:
        if source.endswith(".json"):
            self.url = source
            self.base = (
                source[: -len(RECORD)] if source.endswith(RECORD) else urllib.parse.urljoin(source, "../")
            )
        else:
            self.base = source.rstrip("/") + "/"
            self.url = urllib.parse.urljoin(self.base, RECORD)
        self.limits = limits
        self.where = self.url
        self.origin = origin(self.url)

    def name(self, address: str) -> str:
        return urllib.parse.urljoin(self.base, address)

    def read_record(self) -> bytes:
        try:
            return get(self.url, self.limits)
        except Missing:
            raise ArchiveError(f"{self.url}: máy chủ trả lời mã 404; cần tệp {RECORD} của trang.") from None

    def read(self, address: str) -> bytes:
        if not safe_address(address):
            raise ArchiveError(f"{self.where}: tệp đối chiếu ghi một địa chỉ ngoài trang: «{address}».")
        return get(self.name(address), self.limits)


def get(url: str, limits: Limits) -> bytes:
    """The body of ``url`` (status 200), following redirects within its origin, within ``limits``."""
    deadline = time.monotonic() + limits.seconds
    start = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location, body = _request(url, limits, deadline)
        if status in REDIRECTS:
            target = urllib.parse.urljoin(url, location or "")
            if origin(target) != origin(start) or origin(target)[0] not in ("http", "https"):
                raise ArchiveError(
                    f"{url}: máy chủ chuyển hướng sang nguồn khác ({target}). Lệnh chỉ theo chuyển "
                    f"hướng trong cùng nguồn ({shown_origin(start)}: cùng giao thức, máy chủ và cổng), "
                    "nên không theo: nội dung ở nguồn khác không phải bản lưu đang đối chiếu. Nếu tin "
                    "địa chỉ mới, đối chiếu trực tiếp với địa chỉ đó."
                )
            url = target
            continue
        if status in (404, 410):
            raise Missing(url)
        if status != 200:
            raise ArchiveError(f"{url}: máy chủ trả lời mã {status}.")
        return body
    raise ArchiveError(f"{start}: máy chủ chuyển hướng quá {MAX_REDIRECTS} lần; dừng.")


def _request(url: str, limits: Limits, deadline: float) -> tuple[int, str | None, bytes]:
    parts = urllib.parse.urlsplit(url)
    too_slow = ArchiveError(
        f"{url}: máy chủ trả lời quá chậm, sau {limits.seconds:g} giây vẫn chưa tải xong "
        "(giới hạn thời gian mỗi lần tải); dừng đối chiếu."
    )
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise too_slow
    try:
        port = parts.port
    except ValueError:
        raise ArchiveError(f"{url}: địa chỉ không hợp lệ.") from None
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname or "", port, timeout=remaining)
    expired = threading.Event()

    def cut() -> None:  # the overall deadline: wakes a read blocked on a dripping server
        expired.set()
        sock = connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(remaining, cut)
    watchdog.daemon = True
    watchdog.start()
    try:
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request(
            "GET", path, headers={"User-Agent": "cchc-site verify", "Accept-Encoding": "identity"}
        )
        answer = connection.getresponse()
        if answer.status != 200:
            return answer.status, answer.getheader("Location"), b""
        declared = answer.getheader("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > limits.max_bytes:
            raise _too_big(url, limits)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = answer.read1(CHUNK)
            if expired.is_set() or time.monotonic() >= deadline:
                raise too_slow
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise _too_big(url, limits)
            chunks.append(chunk)
        return 200, None, b"".join(chunks)
    except (http.client.HTTPException, OSError, ValueError) as exc:
        if expired.is_set() or time.monotonic() >= deadline:
            raise too_slow from None
        raise ArchiveError(f"{url}: không tải được ({_reason(exc)}).") from None
    finally:
        watchdog.cancel()
        connection.close()


def _reason(exc: Exception) -> str:
    """Why a download failed, in Vietnamese."""
    if isinstance(exc, ConnectionRefusedError):
        return "máy chủ không nhận kết nối"
    if isinstance(exc, socket.gaierror):
        return "không tìm thấy máy chủ"
    if isinstance(exc, ssl.SSLError):
        return "lỗi chứng chỉ hoặc mã hóa HTTPS"
    if isinstance(exc, TimeoutError):
        return "máy chủ không trả lời"
    return "kết nối bị ngắt hoặc câu trả lời không đúng giao thức HTTP"


def _too_big(url: str, limits: Limits) -> ArchiveError:
    return ArchiveError(
        f"{url}: tệp quá lớn, hơn {shown_size(limits.max_bytes)} (giới hạn dung lượng mỗi lần tải); "
        "dừng đối chiếu."
    )
