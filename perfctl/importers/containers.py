"""What a binary source file is made of, for detection, and the bounds and failures of reading it.

Word and Excel files are zip archives (``word/document.xml``, ``xl/workbook.xml``) or, for the
97-2003 formats and for any password-protected Office file, OLE2 compound files (streams
``WordDocument``, ``Workbook``/``Book``, ``EncryptionInfo`` + ``EncryptedPackage``).
:func:`zip_names` and :func:`ole_streams` read only the container's directory.
:func:`refusal` says why a zip or OLE2 file that no reader took cannot be imported.
:func:`check_size` and :func:`check_zip` bound what a reader may load; :func:`failures`
turns an office library's exception on bad input into an :class:`InputError`.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from perfctl import fileio
from perfctl.errors import InputError
from perfctl.fileio import MAX_BYTES
from perfctl.i18n import N_, _

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Largest total size, in bytes, of a zip's members once expanded (a zip bomb stops here).
MAX_EXPANDED = 5 * MAX_BYTES

#: The refusal of a password-protected Office file (a message id: shown as ``_(PROTECTED)``).
PROTECTED = N_("password-protected Office file; save it without a password first")


def zip_names(path: Path, head: bytes) -> set[str] | None:
    """The member names of a zip archive (``None`` when ``head`` is not a zip's).

    Read from the archive's directory at ``path``; when that cannot be read (a damaged or
    cut archive), from the local headers inside ``head``.
    """
    if not head.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except Exception:  # BadZipFile, OSError, NotImplementedError (a version zipfile lacks) …
        return _local_names(head)


def _local_names(head: bytes) -> set[str]:
    names: set[str] = set()
    at = 0
    while (at := head.find(ZIP_MAGIC, at)) >= 0 and at + 30 <= len(head):
        size, extra = struct.unpack_from("<HH", head, at + 26)
        names.add(head[at + 30: at + 30 + size].decode("cp437", errors="replace"))
        at += 30 + size + extra
    return names


def ole_streams(source: Path | bytes, head: bytes) -> set[str] | None:
    """The top-level stream and storage names of an OLE2 file, read from ``source`` (its path
    or its whole content): ``None`` when ``head`` is not an OLE2 header, an empty set when the
    directory cannot be read."""
    if not head.startswith(OLE2_MAGIC):
        return None
    import olefile

    try:
        with olefile.OleFileIO(source if isinstance(source, bytes) else str(source)) as ole:
            return {entry[0] for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # olefile raises OSError, struct.error, IndexError … on damaged files
        return set()


_OTHER_OFFICE = (("ppt/presentation.xml", N_("a PowerPoint presentation")),
                 ("content.xml", N_("an OpenDocument file (.odt, .ods)")))
_IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"),
           (b"MM\x00*", "TIFF"), (b"BM", "BMP"))


def refusal(path: str | Path, head: bytes) -> InputError | None:
    """Why a file that no reader recognised cannot be imported, when its kind is known: a zip
    or OLE2 file that is not a Word or Excel one, an image (``None`` for other files)."""
    for magic, kind in _IMAGES:
        if head.startswith(magic):
            return InputError(_("an image ({kind}), not a document with text; a scan needs OCR first").format(kind=kind),
                              path)
    names = zip_names(Path(path), head)
    if names is not None:
        for member, kind in _OTHER_OFFICE:
            if member in names:
                return InputError(_("a zip archive, but not a Word or Excel file: {kind}; save it as .docx or .xlsx "
                                    "first").format(kind=_(kind)), path)
        return InputError(_("a zip archive, but not a Word or Excel file (no word/document.xml "
                            "or xl/workbook.xml in it)"), path)
    streams = ole_streams(Path(path), head)
    if streams is None:
        return None
    if {"EncryptionInfo", "EncryptedPackage"} & streams:
        return InputError(_(PROTECTED), path)
    if "WordDocument" in streams:
        return InputError(_("a Word 97-2003 .doc file; save it as .docx first"), path)
    if not streams:
        return InputError(_("a damaged OLE2 (Office 97-2003) file: its directory cannot be read"), path)
    return InputError(_("an OLE2 (Office 97-2003) file, but not an Excel workbook; "
                        "save it as .docx or .xlsx first"), path)


def check_size(path: str | Path, data: bytes) -> None:
    """Refuse data over :data:`perfctl.fileio.MAX_BYTES`, as reading the file would."""
    fileio.check_size(len(data), path, N_("files to import"))


def check_zip(path: str | Path, data: bytes, what: str) -> None:
    """Refuse a zip whose members would expand past :data:`MAX_EXPANDED`, one whose
    directory cannot be read, and an OLE2 file (a protected or 97-2003 one) given as
    ``what`` (``"Word .docx"``)."""
    check_size(path, data)
    if data.startswith(OLE2_MAGIC):
        streams = ole_streams(data, data)
        if streams and {"EncryptionInfo", "EncryptedPackage"} & streams:
            raise InputError(_(PROTECTED), path)
        raise InputError(_("cannot read as {what} file: an OLE2 (Office 97-2003) file, not a zip archive")
                         .format(what=article(what)), path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, OSError) as exc:
        raise InputError(_("cannot read as {what} file: a damaged zip archive ({error})")
                         .format(what=article(what), error=exc), path) from None
    if expanded > MAX_EXPANDED:
        size, limit = expanded // (1024 * 1024), MAX_EXPANDED // (1024 * 1024)
        raise InputError(_("the archive expands to {size} MB; perfctl reads files to import up to {limit} MB expanded")
                         .format(size=size, limit=limit), path)


@contextmanager
def failures(path: str | Path, what: str) -> Iterator[None]:
    """Turn any exception an office library raises while parsing into an :class:`InputError`
    ``"cannot read as a <what> file: <reason>"``; an :class:`InputError` passes unchanged.

    Used around library calls only: the libraries raise many types on bad input (zipfile,
    KeyError, ValueError, lxml, struct, their own errors) and none of them is a bug of ours.
    """
    try:
        yield
    except InputError:
        raise
    except MemoryError:
        raise InputError(_("cannot read as {what} file: out of memory").format(what=article(what)), path) from None
    except Exception as exc:  # noqa: BLE001 - see the docstring
        reason = str(exc).strip() or type(exc).__name__
        raise InputError(_("cannot read as {what} file: {reason}").format(what=article(what), reason=reason),
                         path) from None


def article(what: str) -> str:
    """``what`` with its indefinite article, in the user's language: ``"a Word .docx"``,
    ``"an Excel .xlsx"``, ``"an HTML"`` (Chinese has none: ``"Word .docx"``)."""
    if what[:1] in "AEIOUH":
        return _("an {format}").format(format=what)
    return _("a {format}").format(format=what)
