"""``perfctl fmt``'s core: one canonical layout for a project file, losing nothing.

The canonical layout is what :func:`perfctl.yamlio.dump` writes for
:func:`perfctl.model.to_data` (what ``import`` and ``new`` write): keys in schema order,
two-space block style, list items indented under their key, long lines never folded,
codes and money quoted, amounts with the unit's decimals, targets in standard form
(:mod:`perfctl.authoring.canonical`). Comments stay where they are, and quotes the user
chose stay. fmt never adds or removes content: no key is added (not even ``format``) and
no comment, the modeline included.

How: a round-trip reformat of the whole file (:mod:`.roundtrip`); its result is accepted
only if it is *faithful* — every value reads back the same (or as its canonical text),
every comment is still there, and formatting it again changes nothing. Otherwise only the
scalars that change are rewritten in place (:mod:`.spans`), leaving the layout as it is.
If even that is not faithful, the file is refused (:class:`InputError`, exit 2).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfctl import fileio, yamlio
from perfctl.authoring import canonical, roundtrip, spans
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.yamlio import Doc, Path_

UTF8_BOM = b"\xef\xbb\xbf"


def load_doc(text: str, path: str | Path | None) -> Doc:
    """Parse ``text`` and check it is a valid project (schema and amounts), as ``model.load`` does."""
    from perfctl import model

    doc = model.parse_doc(text, path)
    model.from_doc(doc)
    return doc


def format_text(text: str, path: str | Path | None = None) -> str:
    """``text`` (a project file, LF line endings) in canonical layout.

    Raises :class:`InputError` when the text does not load as a project, or when no
    faithful rewrite exists (naming the comment or value that would be lost).
    """
    from ruamel.yaml.error import YAMLError

    doc = load_doc(text, path)
    want = canonical.wanted(doc)
    source = spans.untab(text)  # libyaml reads `name:<tab>foo`, ruamel's round trip does not
    try:
        candidate = roundtrip.reformat(source, want, path)
        if _unfaithful(doc, want, candidate, path) is None and _again(candidate, path) == candidate:
            return candidate
    except Exception:  # noqa: BLE001 - ruamel can fail on odd comment layouts; the span rewrite below is the fallback
        pass
    try:
        where = spans.scalars(source)
    except YAMLError as exc:  # the pure-Python scanner is stricter than the loader in a few corners
        raise _unscannable(exc, source, path) from None
    edits = {p: v for p, v in want.items()
             if v != doc.texts[p] or where[p].style == "" and yamlio.needs_quotes(v)}
    out = spans.replace(source, edits, where)
    problem = _unfaithful(doc, want, out, path)
    if problem is not None:
        raise problem
    return out


def _unscannable(exc: Exception, text: str, path: Any) -> InputError:
    """The error for a file ruamel's pure-Python scanner refuses though libyaml read it,
    saying what to change at which line and column."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return InputError(_("perfctl cannot reformat this file ({problem}); left unchanged").format(problem=problem), path)
    line, col = mark.line + 1, mark.column + 1
    char = text[mark.index:mark.index + 1]
    if char == "\t":
        message = _("perfctl cannot reformat this file (a tab here; replace it with a space); left unchanged")
    elif char:
        message = _("perfctl cannot reformat this file ({problem}; delete or quote the character {char} here); "
                    "left unchanged").format(problem=problem, char=f"U+{ord(char):04X}")
    else:
        message = _("perfctl cannot reformat this file ({problem}); left unchanged").format(problem=problem)
    return InputError(message, path, line, col)


def _again(text: str, path: Any) -> str:
    return roundtrip.reformat(text, canonical.wanted(yamlio.parse(text, path)), path)


def _unfaithful(before: Doc, want: dict[Path_, str], text: str, path: Any) -> InputError | None:
    """Why ``text`` is not a faithful rewrite of ``before`` (``None`` when it is)."""
    try:
        after = yamlio.parse(text, path)
    except InputError as exc:
        return InputError(_("formatting would make the file unreadable ({error}); left unchanged").format(error=exc.message),
                          path)
    lost = lost_comments(before.text, text)
    if lost:
        line, comment = lost[0]
        return InputError(_("formatting would lose the comment {comment!r}; left unchanged").format(comment=comment),
                          path, line)
    if set(after.texts) != set(before.texts) or set(after.marks) != set(before.marks):
        return InputError(_("formatting would change the structure of the file; left unchanged"), path)
    for p, old in before.texts.items():
        new_value, old_value = _get(after.data, p), _get(before.data, p)
        if p in want:
            ok = after.texts[p] == want[p] and isinstance(new_value, str)
        else:
            ok = new_value is None if old_value is None else after.texts[p] == old and new_value == old_value
        if not ok:
            return before.error(p, _("formatting would change this value ({old!r} → {new!r}); left unchanged")
                                .format(old=old, new=after.texts[p]))
    return None


def lost_comments(before: str, after: str) -> list[tuple[int, str]]:
    """Comments of YAML text ``before`` missing from ``after``: (line in ``before``, comment).

    Compared as a multiset of comment texts, so a comment written twice must stay twice.
    """
    remaining = Counter(c for _, c in spans.comments(after))
    lost = []
    for line, comment in spans.comments(before):
        if remaining[comment] > 0:
            remaining[comment] -= 1
        else:
            lost.append((line, comment))
    return lost


def _get(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


@dataclass
class Formatted:
    """One file through fmt: its bytes before and after, the texts (LF) and notes on what
    changed besides the text (line endings, byte-order mark, encoding)."""

    path: Path
    before: bytes
    after: bytes
    old_text: str
    new_text: str
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after


def format_file(path: Path, *, newline: str = "\n", encoding: str | None = None) -> Formatted:
    """Read and format ``path`` (nothing is written); lines will end with ``newline``.

    UTF-8 with or without BOM is read; with ``encoding`` (``"gb18030"``), a file that is not
    valid UTF-8 is decoded with it and will be written as UTF-8. Raises :class:`InputError`.
    """
    raw = fileio.read_bytes(path)
    notes = []
    if encoding and not _utf8(raw):
        try:
            text = raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as exc:
            raise InputError(_("cannot decode as {encoding}: byte {position}").format(encoding=encoding, position=exc.start),
                             path) from None
        notes.append(_("converted from {encoding} to UTF-8").format(encoding=encoding))
    else:
        text = fileio.decode(raw, path)
        if raw.startswith(UTF8_BOM):
            notes.append(_("byte-order mark removed"))
    new = format_text(text, path)
    after = new.replace("\n", newline).encode("utf-8")
    crlf, lf = raw.count(b"\r\n"), raw.count(b"\n") - raw.count(b"\r\n")
    want = "CRLF" if newline == "\r\n" else "LF"
    if crlf and lf:
        notes.append(_("mixed line endings made {ending}").format(ending=want))
    elif (crlf and want == "LF") or (lf and want == "CRLF"):
        notes.append(_("line endings {old} made {new}").format(old="CRLF" if crlf else "LF", new=want))
    return Formatted(path, raw, after, text, new, notes)


def _utf8(raw: bytes) -> bool:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        return True  # UTF-16 or binary: let fileio.decode say what it is
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
