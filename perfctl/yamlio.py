"""YAML in and out: decoding, parsing with positions, canonical dumping, atomic writes.

Reading never constructs Python objects from YAML tags: the file is *composed* into
nodes, and each scalar keeps its original text (so ``089101`` stays ``"089101"``,
``200000.00`` stays exact, ``2025-12-01`` is not a date). Alongside, :class:`Doc`
holds the value an editor sees under the YAML 1.2 core schema (for JSON Schema
validation) and the 1-based line and column of every key and value.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfctl.errors import InputError

Path_ = tuple[str | int, ...]

#: Nesting deeper than this is refused (a project file needs four levels).
MAX_DEPTH = 64
#: Largest file perfctl reads, in bytes.
MAX_BYTES = 20 * 1024 * 1024

_FULLWIDTH_INDENT = re.compile(r"^[ \t]*\u3000", re.MULTILINE)


@dataclass
class Doc:
    """A parsed YAML document.

    ``data``: plain dicts, lists and scalars typed as the YAML 1.2 core schema types them
    (what an editor validates). ``texts``: the original text of every scalar, by path.
    ``marks``: (line, col) of every value, by path; ``key_marks``: of every mapping key.
    ``text``: the decoded text the document was parsed from.
    """

    path: str | Path | None
    data: Any
    texts: dict[Path_, str] = field(default_factory=dict)
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = ""

    def mark(self, path: Path_) -> tuple[int | None, int | None]:
        """Position of the value at ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (None, None))

    def error(self, path: Path_, message: str, *, at_key: bool = False) -> InputError:
        """An :class:`InputError` positioned at the value (or the key) at ``path``."""
        line, col = (self.key_marks.get(tuple(path)) if at_key else None) or self.mark(path)
        return InputError(message, self.path, line, col)


def decode(raw: bytes, path: str | Path | None) -> str:
    """Decode file bytes as UTF-8 (with or without BOM) and normalise line endings to LF.

    Raises :class:`InputError` for binary data, UTF-16/32 and GBK/GB18030 text, naming
    what was found and how to convert it.
    """
    if len(raw) > MAX_BYTES:
        raise InputError(f"file is {len(raw) // (1024 * 1024)} MB; perfctl reads project files up to {MAX_BYTES // (1024 * 1024)} MB", path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("file is UTF-16; save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)", path, 1, 1)
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise InputError("file contains NUL bytes; it is binary, not a YAML text file", path, line)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
            hint = ("it looks like GBK/GB18030 text (common from Windows editors); "
                    "convert it with: perfctl fmt --encoding gb18030 FILE "
                    "(or: iconv -f GB18030 -t UTF-8 FILE > FILE.utf8)")
        except UnicodeDecodeError:
            hint = "it is not UTF-8 text"
        raise InputError(f"cannot decode as UTF-8: {hint}", path, line, col) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | Path) -> str:
    """Read and :func:`decode` a file; a missing or unreadable file is an :class:`InputError`."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    return decode(raw, path)


def _check_indentation(text: str, path: str | Path | None) -> None:
    m = _FULLWIDTH_INDENT.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.end() - m.start()
        raise InputError("full-width space (U+3000) used as indentation; indent with ASCII spaces", path, line, col)


def _yaml_error(exc: Exception, path: str | Path | None, text: str) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    msg = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if mark is not None and text.split("\n")[mark.line][: mark.column + 1].endswith("\t"):
        msg = "invalid YAML: tab character; YAML is indented with spaces, not tabs"
    if mark is None:
        return InputError(msg, path)
    return InputError(msg, path, mark.line + 1, mark.column + 1)


def parse(text: str, path: str | Path | None = None) -> Doc:
    """Parse YAML text into a :class:`Doc` (one document; an empty file gives ``data=None``).

    Raises :class:`InputError` with a position for syntax errors, U+3000 indentation,
    duplicate keys, anchors/aliases, tags, non-scalar keys and excessive nesting.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    _check_indentation(text, path)
    yaml = YAML(typ="safe")
    try:
        node = yaml.compose(io.StringIO(text))
    except YAMLError as exc:
        raise _yaml_error(exc, path, text) from None
    except RecursionError:
        raise InputError(f"document is nested too deeply (more than {MAX_DEPTH} levels)", path) from None
    doc = Doc(path, None, text=text)
    if node is not None:
        doc.data = _convert(node, (), doc, 0, set())
    return doc


def _pos(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: Any, path: Path_, doc: Doc, depth: int, seen: set[int]) -> Any:
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    if depth > MAX_DEPTH:
        raise InputError(f"document is nested too deeply (more than {MAX_DEPTH} levels)", doc.path, *_pos(node))
    if id(node) in seen:  # an alias: the composer hands back the anchored node again
        line, col = doc.key_marks.get(path) or doc.mark(path)
        raise InputError("aliases (*name) are not allowed in project files; write the value out", doc.path, line, col)
    seen.add(id(node))
    doc.marks[path] = _pos(node)
    tag = node.tag or ""
    if tag.startswith("!") or "python" in tag:
        raise InputError(f"YAML tags such as {tag} are not allowed in project files", doc.path, *_pos(node))
    if isinstance(node, ScalarNode):
        doc.texts[path] = node.value
        return _core_value(node)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode):
                raise InputError("a mapping key must be a plain word, not a list or mapping", doc.path, *_pos(knode))
            key = knode.value
            if key in out:
                first = doc.key_marks[path + (key,)]
                raise InputError(f"duplicate key {key!r} (first defined at line {first[0]})", doc.path, *_pos(knode))
            doc.key_marks[path + (key,)] = _pos(knode)
            out[key] = _convert(vnode, path + (key,), doc, depth + 1, seen)
        return out
    return [_convert(item, path + (i,), doc, depth + 1, seen) for i, item in enumerate(node.value)]


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _core_value(node: Any) -> Any:
    """A plain scalar's value under the YAML 1.2 core schema; quoted scalars are strings."""
    text = node.value
    if node.style:  # quoted or block scalar ('' or None for plain)
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


# ---------------------------------------------------------------- writing


def dump(data: Any) -> str:
    """Dump plain data in perfctl's canonical layout.

    Block style, two-space indentation with list items indented under their key, keys in
    the order given, UTF-8 text unescaped and never folded (long Chinese lines stay on
    one line), strings quoted only where YAML needs it — and always for strings that
    would otherwise read back as another type (codes, money, ``yes``, dates).
    """
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    def prepare(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: prepare(v) for k, v in value.items()}
        if isinstance(value, list):
            return [prepare(v) for v in value]
        if isinstance(value, str) and _needs_quotes(value):
            return SingleQuotedScalarString(value)
        return value

    return dump_rt(prepare(data))


def _rt_yaml() -> Any:
    """ruamel's round-trip YAML set to perfctl's layout: 2-space mappings, list items
    indented under their key, unicode unescaped, lines never folded, quotes kept."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_rt(text: str, path: str | Path | None = None) -> Any:
    """Load ``text`` for round-trip editing: ruamel ``CommentedMap``/``CommentedSeq`` with
    comments and the quote style of every quoted scalar attached.

    Use :func:`parse` for values and positions; this is for rewriting a file in place.
    Raises :class:`InputError` (positioned) when the text is not YAML.
    """
    from ruamel.yaml.error import YAMLError

    try:
        return _rt_yaml().load(text)
    except YAMLError as exc:
        raise _yaml_error(exc, path, text) from None


def dump_rt(data: Any) -> str:
    """Dump round-trip data (from :func:`load_rt`, or plain data) in perfctl's layout."""
    buf = io.StringIO()
    _rt_yaml().dump(data, buf)
    return buf.getvalue()


def needs_quotes(value: str) -> bool:
    """True when ``value`` written as a plain scalar would not read back as this exact
    string under YAML 1.2, or would turn into a date, number or boolean for a YAML 1.1
    reader (``'089101'``, ``'200000.00'``, ``'2025-12-01'``, ``'yes'``)."""
    return _needs_quotes(value)


def _needs_quotes(value: str) -> bool:
    """True when a plain scalar would not read back as this exact string."""
    from ruamel.yaml.nodes import ScalarNode

    if value == "" or value != value.strip():
        return True
    if not isinstance(_core_value(ScalarNode("tag:yaml.org,2002:str", value, style="")), str):
        return True
    # Also quote what YAML 1.1 readers (PyYAML and others) would turn into dates,
    # sexagesimal numbers or booleans.
    return bool(_YAML11_TRAP.fullmatch(value))


_YAML11_TRAP = re.compile(r"\d{4}-\d{1,2}-\d{1,2}.*|[0-9._:+-]+|(?i:yes|no|on|off|y|n)")


def atomic_write(path: str | Path, text: str, *, newline: str = "\n") -> None:
    """Write ``text`` (UTF-8, no BOM) to ``path`` through a temporary file and a rename.

    Every line ends with ``newline`` (``"\\n"`` or ``"\\r\\n"``): line breaks in ``text``
    are normalised first, so the file never mixes endings. The old file, if any, stays
    intact until the new one is complete; its permission bits are kept. Raises
    ``OSError`` when the folder is not writable.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
