"""The time an Office document says it was made, and a zip package stamped with it.

A .docx or .xlsx is a zip package: every member carries a modification time, and the
document properties a created and a modified time. With ``SOURCE_DATE_EPOCH`` set
(https://reproducible-builds.org/specs/source-date-epoch/) all of them are that instant,
so two renders of the same store are the same bytes; without it, the time of the render.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from typing import Any

from perfctl.errors import UsageError
from perfctl.i18n import _

#: The earliest time a zip member can carry (the DOS date format starts in 1980).
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: The last time a zip member can carry (its year is 7 bits from 1980).
_ZIP_END = (2107, 12, 31, 23, 59, 58)


def document_time() -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` (whole seconds since 1970, UTC) when set, else now; naive UTC,
    to the second (what the core properties hold). Raises :class:`UsageError` when the
    variable is set to anything but a whole number of seconds."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    if not value.isdigit():
        raise UsageError(_("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not {value!r}")
                         .format(value=value))
    try:
        return datetime.datetime.fromtimestamp(int(value), tz=datetime.timezone.utc).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        raise UsageError(_("SOURCE_DATE_EPOCH is out of range: {value}").format(value=value)) from None


class StampedZipFile(zipfile.ZipFile):
    """A :class:`zipfile.ZipFile` for writing whose members all carry the time ``when``
    (naive UTC) and the same permission bits, whatever the clock and the temporary files a
    writer adds through :meth:`write` say. Members are deflated."""

    def __init__(self, file: Any, when: datetime.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._stamp = min(max(when.timetuple()[:6], _ZIP_EPOCH), _ZIP_END)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16  # what ZipFile.writestr gives a member named by a string
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        with open(filename, "rb") as fh:
            self.writestr(arcname or os.path.basename(filename), fh.read(), compress_type, compresslevel)

