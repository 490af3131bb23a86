"""YAML in and out: parsing with positions, canonical dumping.

Reading never constructs Python objects from YAML tags: the file is *composed* into
nodes, and each scalar keeps its original text (so ``089101`` stays ``"089101"``,
``200000.00`` stays exact, ``2025-12-01`` is not a date). Alongside, :class:`Doc`
holds the value an editor sees under the YAML 1.2 core schema (for JSON Schema
validation) and the 1-based line and column of every key and value. Reading and
writing the files themselves is :mod:`perfctl.fileio`.
"""

from __future__ import annotations

import io
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfctl.errors import InputError
from perfctl.i18n import N_, _

Path_ = tuple[str | int, ...]

#: Nesting deeper than this is refused (a project file needs four levels).
MAX_DEPTH = 64

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


def _check_indentation(text: str, path: str | Path | None) -> None:
    m = _FULLWIDTH_INDENT.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.end() - m.start()
        raise InputError(_("full-width space (U+3000) used as indentation; indent with ASCII spaces"), path, line, col)


#: Most nodes (scalars, lists, mappings, aliases) a file may hold: a project of 5,000 rows has ~35,000.
MAX_NODES = 50_000
#: Below this many ``[{-:?`` characters a document cannot nest deep enough to trouble the composer.
_SHAPE_SCAN_ABOVE = 1000


def _check_shape(text: str, path: str | Path | None) -> None:
    """Refuse, before composing, a document nested deeper than :data:`MAX_DEPTH` or with more
    than :data:`MAX_NODES` nodes: libyaml's composer recurses in C (100,000 nested ``[`` crash
    the interpreter) and builds every node in memory (10 million nodes take gigabytes).

    The check walks parser events, which needs no recursion and stops at the limit; it runs
    only for texts that could exceed a limit (many structure characters, or long). Syntax
    errors are left for the composer to report.
    """
    if len(text) <= MAX_NODES and sum(map(text.count, "[{-:?")) <= _SHAPE_SCAN_ABOVE:
        return
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = nodes = 0
    try:
        for event in YAML(typ="safe").parse(io.StringIO(text)):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    mark = event.start_mark
                    raise InputError(_too_deep(), path, mark.line + 1, mark.column + 1)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                continue
            nodes += 1
            if nodes > MAX_NODES:
                mark = event.start_mark
                raise InputError(_("document has more than {n:,} values; a project file holds far fewer").format(
                    n=MAX_NODES), path, mark.line + 1, mark.column + 1)
    except YAMLError:
        return


def _too_deep() -> str:
    return _("document is nested too deeply (more than {n} levels)").format(n=MAX_DEPTH)


#: What the YAML parsers (libyaml's, ruamel's) say without a value in it, as message ids:
#: shown translated; anything else they say is shown as they say it (English).
_YAML_PHRASES = frozenset((
    N_("found unexpected end of stream"), N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"), N_("mapping keys are not allowed in this context"),
    N_("mapping keys are not allowed here"), N_("block sequence entries are not allowed in this context"),
    N_("sequence entries are not allowed here"), N_("did not find expected '-' indicator"),
    N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"), N_("did not find expected key"),
    N_("did not find expected node content"), N_("did not find expected <document start>"),
    N_("did not find expected comment or line break"), N_("did not find expected alphabetic or numeric character"),
    N_("could not find expected ':'"), N_("found character that cannot start any token"),
    N_("found undefined alias"), N_("found undefined tag handle"), N_("found unknown escape character"),
    N_("found duplicate %YAML directive"), N_("found duplicate YAML directive"),
    N_("found an indentation indicator equal to 0"), N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"), N_("found unexpected document indicator"),
    N_("found unexpected document separator"), N_("found unexpected ':'"),
    N_("expected indentation indicator in the range 1-9, but found 0"),
    N_("while scanning a quoted scalar"), N_("while scanning a double-quoted scalar"),
    N_("while parsing a quoted scalar"), N_("while scanning a plain scalar"), N_("while scanning a block scalar"),
    N_("while scanning a simple key"), N_("while scanning for the next token"), N_("while scanning an anchor"),
    N_("while scanning an alias"), N_("while scanning a tag"), N_("while scanning a directive"),
    N_("while parsing a block collection"), N_("while parsing a block mapping"), N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"), N_("while parsing a node"), N_("while parsing a block node"),
    N_("while parsing a flow node"), N_("while constructing a mapping"),
))


def _yaml_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """What ruamel's parser says with a value in it (``found character '@' that cannot start
    any token``): each a pattern of its English and the message id it is shown as."""
    if not _PATTERNS:
        quoted = r"(?P<{}>'.*'|\".*\")"  # a value as ruamel quotes it
        known = (
            (r"found character {} that cannot start any token", ("char",),
             N_("found character {char} that cannot start any token")),
            (r"found unknown escape character {}", ("char",), N_("found unknown escape character {char}")),
            (r"found undefined alias {}", ("name",), N_("found undefined alias {name}")),
            (r"expected <block end>, but found {}", ("token",), N_("expected <block end>, but found {token}")),
            (r"expected ',' or '\]', but got {}", ("token",), N_("expected ',' or ']', but got {token}")),
            (r"expected ',' or '\}}', but got {}", ("token",), N_("expected ',' or '}}', but got {token}")),
            (r"expected alphabetic or numeric character, but found {}", ("char",),
             N_("expected alphabetic or numeric character, but found {char}")),
        )
        for pattern, fields, message in known:
            _PATTERNS.append((re.compile(pattern.format(*(quoted.format(f) for f in fields))), message))
    return tuple(_PATTERNS)


_PATTERNS: list[tuple[re.Pattern[str], str]] = []


def _yaml_words(text: str) -> str:
    """A YAML parser's problem or context in the user's language, when perfctl knows it."""
    if text in _YAML_PHRASES:
        return _(text)
    for pattern, message in _yaml_patterns():
        m = pattern.fullmatch(text)
        if m:
            return _(message).format(**m.groupdict())
    return text


def _yaml_error(exc: Exception, path: str | Path | None, text: str) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = _yaml_words(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = getattr(exc, "context", None)
    if context:
        msg = _("invalid YAML: {problem} ({context})").format(problem=problem, context=_yaml_words(context))
    else:
        msg = _("invalid YAML: {problem}").format(problem=problem)
    if mark is not None and text.split("\n")[mark.line][: mark.column + 1].endswith("\t"):
        msg = _("invalid YAML: tab character; YAML is indented with spaces, not tabs")
    if mark is None and isinstance(getattr(exc, "character", None), int):  # a ReaderError: a control character
        at = text.find(chr(exc.character))  # type: ignore[attr-defined]
        if at >= 0:
            line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            return InputError(_("invalid YAML: control character U+{code:04X} is not allowed in YAML text; "
                                "delete it").format(code=exc.character), path, line, col)  # type: ignore[attr-defined]
    if mark is None:
        return InputError(msg, path)
    return InputError(msg, path, mark.line + 1, mark.column + 1)


def parse(text: str, path: str | Path | None = None) -> Doc:
    """Parse YAML text into a :class:`Doc` (one document; an empty file gives ``data=None``).

    Raises :class:`InputError` with a position for syntax errors, U+3000 indentation,
    duplicate keys, anchors/aliases, tags, non-scalar keys and excessive nesting.
    """
    from ruamel.yaml.error import YAMLError

    _check_indentation(text, path)
    _check_shape(text, path)
    try:
        node = _compose(text)
    except YAMLError as exc:
        raise _yaml_error(exc, path, text) from None
    except RecursionError:
        raise InputError(_too_deep(), path) from None
    doc = Doc(path, None, text=text)
    if node is not None:
        doc.data = _Converter(doc).convert(node, (), 0)
    return doc


def _compose(text: str) -> Any:
    """The node tree of ``text``, composed by libyaml through ruamel's C parser when it is
    installed (ruamel.yaml.clib), else by ruamel's pure-Python parser.

    Tags are not resolved: perfctl types plain scalars itself (:func:`_core_value`), so the
    C parser is given a resolver that does nothing; explicit tags (``!x``) are kept. The C
    composer builds its nodes from the classes named in its module; for this call they are
    :class:`_Scalar`, :class:`_Collection` and :class:`_Mapping`, which hold the same fields
    without ruamel's Python-level bookkeeping (composing a synthetic project takes 0.12 ms
    instead of 0.22, measured), and ruamel's classes are put back afterwards for any other
    user of the parser.
    """
    parser = _c_parser()
    if parser is None:
        import io

        from ruamel.yaml import YAML

        return YAML(typ="safe").compose(io.StringIO(text))
    loader = parser(text)
    module = _C_NODES[0]
    try:
        if module is None:
            return loader.get_single_node()
        with _SWAP:  # one composer at a time swaps the classes (threads)
            saved = module.ScalarNode, module.SequenceNode, module.MappingNode
            module.ScalarNode, module.SequenceNode, module.MappingNode = _Scalar, _Collection, _Mapping
            try:
                return loader.get_single_node()
            finally:
                module.ScalarNode, module.SequenceNode, module.MappingNode = saved
    finally:
        loader.dispose()


class _Scalar:
    """A scalar node from the C composer: ``tag`` (``""`` unless written), ``value`` (the
    text), ``start_mark`` and ``end_mark`` (0-based line and column), ``style``."""

    __slots__ = ("tag", "value", "start_mark", "end_mark", "style")

    def __init__(self, tag: str, value: Any, start_mark: Any = None, end_mark: Any = None, style: Any = None,
                 *_: Any, **__: Any) -> None:
        self.tag, self.value, self.start_mark, self.end_mark, self.style = tag, value, start_mark, end_mark, style


class _Collection:
    """A sequence node from the C composer: as :class:`_Scalar`, with ``value`` the list of
    items and ``flow_style`` for ``style``."""

    __slots__ = ("tag", "value", "start_mark", "end_mark", "flow_style")

    def __init__(self, tag: str, value: Any, start_mark: Any = None, end_mark: Any = None, flow_style: Any = None,
                 *_: Any, **__: Any) -> None:
        self.tag, self.value, self.start_mark, self.end_mark, self.flow_style = tag, value, start_mark, end_mark, flow_style


class _Mapping(_Collection):
    """A mapping node from the C composer: ``value`` is the list of (key node, value node)."""

    __slots__ = ()


_C_PARSER: list[Any] = []
_SWAP = threading.Lock()
#: The C extension module whose node classes :func:`_compose` swaps, or ``None`` (not found: keep ruamel's).
_C_NODES: list[Any] = []


def _c_parser() -> Any:
    """ruamel's libyaml-based parser class with a no-op resolver, or ``None`` without the C library."""
    if not _C_PARSER:
        try:
            from ruamel.yaml.cyaml import CParser
        except ImportError:  # pure-Python ruamel.yaml (PyPy, or ruamel.yaml.clib not installed)
            _C_PARSER.append(None)
        else:
            class _Parser(CParser):  # type: ignore[misc, valid-type]
                def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
                    return ""

                def descend_resolver(self, parent: Any, index: Any) -> None:
                    pass

                def ascend_resolver(self) -> None:
                    pass

            module = sys.modules.get(CParser.__module__)
            names = ("ScalarNode", "SequenceNode", "MappingNode")
            _C_NODES.append(module if module is not None and all(hasattr(module, n) for n in names) else None)
            _C_PARSER.append(_Parser)
    return _C_PARSER[0]


def token_spans(text: str) -> list[tuple[int, int, str | None, str | None]] | None:
    """Every token libyaml reads in ``text``: (start, end) character offsets and, for a
    scalar, its style (``""`` plain, ``"'"``, ``'"'``, ``"|"``, ``">"``) and value (``None``,
    ``None`` for other tokens). Comments are not tokens: they lie in the gaps between them.
    ``None`` without the C library.

    libyaml accepts what ruamel's pure-Python scanner refuses (a tab after ``key:``, a tab
    inside a plain scalar); :func:`perfctl.authoring.spans.untab` uses this to rewrite those.
    Raises ruamel's ``YAMLError`` when ``text`` does not scan.
    """
    parser = _c_parser()
    if parser is None:
        return None
    from ruamel.yaml.tokens import ScalarToken

    loader = parser(text)
    out: list[tuple[int, int, str | None, str | None]] = []
    try:
        while (token := loader.get_token()) is not None:
            scalar = isinstance(token, ScalarToken)
            out.append((token.start_mark.index, token.end_mark.index,
                        (token.style or "") if scalar else None, token.value if scalar else None))
    finally:
        loader.dispose()
    return out


def _pos(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Turns a node tree into plain data, filling the :class:`Doc`'s texts and marks.

    One pass over the nodes, in document order, so the first problem found is the first
    in the file: an alias (the composer hands back the anchored node again), a tag, a
    key that is not a scalar, a duplicate key, nesting deeper than :data:`MAX_DEPTH`.
    """

    def __init__(self, doc: Doc) -> None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode

        self.doc = doc
        self.seen: set[int] = set()
        self.scalars = (_Scalar, ScalarNode)  # the C composer's nodes (see _compose), or ruamel's
        self.mappings = (_Mapping, MappingNode)

    def convert(self, node: Any, path: Path_, depth: int) -> Any:
        doc = self.doc
        if depth > MAX_DEPTH:
            raise InputError(_too_deep(), doc.path, *_pos(node))
        if id(node) in self.seen:
            line, col = doc.key_marks.get(path) or doc.mark(path)
            raise InputError(_("aliases (*name) are not allowed in project files; write the value out"), doc.path, line, col)
        self.seen.add(id(node))
        mark = node.start_mark
        doc.marks[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if tag:  # an explicit tag (the C parser leaves resolved tags empty, see _compose)
            if tag[:1] == "!" or "python" in tag:
                raise InputError(_("YAML tags such as {tag} are not allowed in project files").format(tag=tag),
                                 doc.path, *_pos(node))
        kind = node.__class__
        if kind in self.scalars:
            doc.texts[path] = node.value
            return _core_value(node)
        if kind in self.mappings:
            return self._mapping(node, path, depth)
        return [self.convert(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]

    def _mapping(self, node: Any, path: Path_, depth: int) -> dict[str, Any]:
        doc = self.doc
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if knode.__class__ not in self.scalars:
                raise InputError(_("a mapping key must be a plain word, not a list or mapping"), doc.path, *_pos(knode))
            key = knode.value
            kpath = path + (key,)
            if key in out:
                first = doc.key_marks[kpath]
                raise InputError(_("duplicate key {key!r} (first defined at line {line})").format(key=key, line=first[0]),
                                 doc.path, *_pos(knode))
            doc.key_marks[kpath] = _pos(knode)
            out[key] = self.convert(vnode, kpath, depth + 1)
        return out


_INT = re.compile(r"[-+]?[0-9]+")
#: First characters of a plain scalar that may read as null, a boolean or a number.
_TYPED_START = frozenset("~nNtTfF-+.0123456789")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _core_value(node: Any) -> Any:
    """A plain scalar's value under the YAML 1.2 core schema; quoted scalars are strings."""
    text = node.value
    if node.style:  # quoted or block scalar ('' or None for plain)
        return text
    if text and text[0] not in _TYPED_START:  # most values are words: no other type starts so
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
