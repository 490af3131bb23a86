"""Reading and writing project files: UTF-8 text in, bounded; whole files out.

Reading accepts UTF-8 only (with or without a BOM) and normalises line endings to LF;
anything else is an :class:`~perfctl.errors.InputError` that says what the file is and
how to convert it (UTF-16/32, binary data, GBK/GB18030). Reads are bounded: a file over
:data:`MAX_BYTES`, a pipe or a device is refused before it is read. Writes are atomic:
the text goes to a temporary file beside the target, which is then renamed over it, so a
failure or Ctrl-C leaves each file old or new, never partial.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import IO

from perfctl.errors import InputError, os_reason
from perfctl.i18n import N_, _

#: Largest file perfctl reads, in bytes.
MAX_BYTES = 20 * 1024 * 1024


def decode(raw: bytes, path: str | Path | None) -> str:
    """Decode file bytes as UTF-8 (with or without BOM) and normalise line endings to LF.

    Raises :class:`InputError` for files over :data:`MAX_BYTES`, binary data (a NUL
    byte), UTF-16/32 (with or without a BOM) and text in another encoding, naming what
    was found, where, and how to convert it (GBK/GB18030 is recognised).
    """
    check_size(len(raw), path, N_("project files"))
    wide = _wide_encoding(raw)
    if wide is not None:
        raise InputError(_("file is {encoding} text; save it as UTF-8 (for example: iconv -f {encoding} -t UTF-8 FILE > "
                           "FILE.utf8)").format(encoding=wide), path, 1, 1)
    if b"\x00" in raw:
        raise InputError(_("file contains NUL bytes; it is binary, not a text file"), path,
                         *_line_col(raw, raw.index(b"\x00")))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_not_utf8(raw, path), path, *_line_col(raw, exc.start)) from None
    return lf(text)


def check_size(n: int, path: str | Path | None, what: str) -> None:
    """Refuse a file of ``n`` bytes over :data:`MAX_BYTES` with an :class:`InputError`;
    ``what`` names the kind of file in the message (``"project files"``, ``"files to import"``:
    a message id, translated here)."""
    if n > MAX_BYTES:
        raise InputError(_("file is {size} MB; perfctl reads {what} up to {limit} MB").format(
            size=n // (1024 * 1024), what=_(what), limit=MAX_BYTES // (1024 * 1024)), path)


def lf(text: str) -> str:
    """``text`` with every line ending (CRLF, CR) made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: (BOM, codec name) of UTF-32 and UTF-16, the longer BOMs first.
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: A Chinese (CJK unified ideograph) character.
CJK = re.compile(r"[\u3400-\u9fff]")


def _wide_encoding(raw: bytes) -> str | None:
    """``UTF-16``/``UTF-32`` for a file with that BOM; ``UTF-16LE`` … when the NUL bytes of its
    first 4 KB fall where that encoding puts them (text without a BOM, as Windows tools write it)."""
    for bom, name in WIDE_BOMS:
        if raw.startswith(bom):
            return name
    head = raw[: 4096 // 4 * 4]
    if len(head) < 4 or b"\x00" not in head:
        return None
    nul = [head[i::4].count(0) * 4 / len(head) for i in range(4)]  # share of NULs at each offset mod 4
    if min(nul[2], nul[3]) > 0.9 or min(nul[0], nul[1]) > 0.9:
        return "UTF-32LE" if nul[3] > 0.9 else "UTF-32BE"
    if min(nul[1], nul[3]) > 0.3 and max(nul[0], nul[2]) < 0.05:
        return "UTF-16LE"
    if min(nul[0], nul[2]) > 0.3 and max(nul[1], nul[3]) < 0.05:
        return "UTF-16BE"
    return None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", errors="replace")) + 1


def _not_utf8(raw: bytes, path: str | Path | None) -> str:
    """The message for text that is not UTF-8: what it probably is, and how to convert it."""
    if gb18030_text(raw) is None:
        return _("cannot decode as UTF-8: it is not UTF-8 text (binary data, or an encoding perfctl does not read); "
                 "save it as UTF-8")
    if Path(str(path)).suffix.lower() in (".yaml", ".yml"):
        return _("cannot decode as UTF-8: it looks like GBK/GB18030 text (common from Windows editors); "
                 "convert it with: perfctl fmt --encoding gb18030 FILE "
                 "(or: iconv -f GB18030 -t UTF-8 FILE > FILE.utf8)")
    return _("cannot decode as UTF-8: it looks like GBK/GB18030 text (common from Windows editors); "
             "convert it with: iconv -f GB18030 -t UTF-8 FILE > FILE.utf8")


def gb18030_text(raw: bytes) -> str | None:
    """``raw`` read as GB18030 (which reads GBK) when it decodes so, holds Chinese text and
    no control characters (so not binary data), else ``None``; line endings are kept."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not CJK.search(text) or _TEXT_CONTROL.search(text):
        return None
    return text


def read_text(path: str | Path) -> str:
    """Read and :func:`decode` a file; a missing or unreadable file is an :class:`InputError`."""
    return decode(read_bytes(path), path)


def read_bytes(path: str | Path, *, what: str = N_("project files")) -> bytes:
    """A file's bytes; a missing or unreadable file is an :class:`InputError`, and so is one
    that is not a regular file (a pipe, or a device such as ``/dev/zero`` behind a symlink,
    which would block or never end) or is larger than :data:`MAX_BYTES`: both are checked
    before reading, so reading is bounded. ``what`` names the kind of file in the size
    message (``"files to import"``: a message id)."""
    try:  # non-blocking, so that opening a pipe does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=os_reason(exc)), path) from None
    with open(fd, "rb") as fh:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(_("cannot read: Is a directory"), path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_("not a regular file (a pipe, a device or a socket); perfctl reads only files"), path)
        check_size(info.st_size, path, what)
        try:
            data = fh.read(info.st_size + 1)  # as large as the file: a read of MAX_BYTES allocates that much
            if len(data) > info.st_size:  # grown since fstat (or a file that gives a size of 0): read on, bounded
                data += fh.read(MAX_BYTES + 1 - len(data))
                check_size(len(data), path, what)
            return data
        except OSError as exc:
            raise InputError(_("cannot read: {reason}").format(reason=os_reason(exc)), path) from None


def atomic_write(path: str | Path, text: str | Iterable[str], *, newline: str = "\n") -> None:
    """Write ``text`` (UTF-8, no BOM) to ``path`` through a temporary file and a rename;
    ``text`` may come in parts (each written as it is made; a part ends with whole lines).

    Every line ends with ``newline`` (``"\\n"`` or ``"\\r\\n"``): line breaks in ``text``
    are normalised first, so the file never mixes endings. The old file, if any, stays
    intact until the new one is complete; its permission bits are kept. Whatever fails
    (a full disk, an exception half-way), the temporary file is removed and the old file
    is untouched. Ctrl-C during the write of a whole text takes effect when it is over, and
    during the making of parts at once (the temporary file is removed), so an interrupted
    command leaves each file old or new, never partial. Raises ``OSError`` when the folder
    is not writable or the write fails.
    """
    parts = [text] if isinstance(text, str) else text

    def fill(fd: int) -> None:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            for part in parts:
                fh.write(lf(part))
            fh.flush()
            os.fsync(fh.fileno())
    _replace(Path(path), fill, whole=isinstance(text, str))  # parts may take long to make: Ctrl-C drops them at once


def atomic_write_bytes(path: str | Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write a binary file (a workbook) as :func:`atomic_write` writes text: ``write(fh)`` fills
    a temporary file in the target's folder, which then replaces ``path`` in one step (its
    permission bits kept; removed, the old file intact, whatever fails; Ctrl-C waits).
    Raises ``OSError`` when the folder is not writable or the write fails."""
    def fill(fd: int) -> None:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
    _replace(Path(path), fill, whole=True)


def _replace(target: Path, fill: Callable[[int], None], *, whole: bool) -> None:
    """``fill`` a temporary file (given its descriptor) beside ``target``, then rename it over
    ``target`` with ``target``'s permission bits; Ctrl-C is held during all of it when
    ``whole``, else only during the rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    with _interrupts_deferred() if whole else nullcontext():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            fill(fd)
            with nullcontext() if whole else _interrupts_deferred():
                os.chmod(tmp, mode)
                os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT (Ctrl-C) until the block is over, then raise ``KeyboardInterrupt``.

    Only in the main thread (the only one Python delivers signals to); elsewhere a no-op.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received and callable(previous):
        previous(signal.SIGINT, None)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
