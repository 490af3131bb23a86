"""The fast read path gives what the plain one does: libyaml's parser with perfctl's own
typing, the pure-Python parser when the C library is missing, and ``load_all`` for reading.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfctl import store, yamlio
from perfctl.errors import InputError
from perfctl.lint.checker import fingerprint
from perfctl.model import Budget, Department, Project, load
from conftest import DATA, GOOD, write

TEXTS = [GOOD, *(p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.yaml"))),
         "a: [1, {b: '2', c: 2025-12-01}]\n? k\n: ~\nd: |\n  行一\n  行二\n", "- 089101\n- 1e3\n- yes\n- .5\n"]
BAD = ["a: &x 1\nb: *x\n", "- &a [1]\n- *a\n", "a: *nowhere\n", "a: !foo 1\n", "a: !!python/object:os.system x\n",
       "a: 1\na: 2\n", "? [a]\n: 1\n", "a: 'x\n", "---\na: 1\n---\nb: 2\n", "a:\n\tb: 1\n", "[" * 70 + "]" * 70]


def outcome(text: str) -> object:
    try:
        doc = yamlio.parse(text, "x.yaml")
    except InputError as exc:
        return str(exc)
    return (repr(doc.data), doc.texts, doc.marks, doc.key_marks)


@pytest.mark.parametrize("text", TEXTS + BAD)
def test_pure_python_parser_gives_the_same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = outcome(text)
    monkeypatch.setattr(yamlio, "_C_PARSER", [None])
    assert outcome(text) == fast


def test_the_c_parser_is_used_when_installed() -> None:
    assert yamlio._c_parser() is not None


@pytest.mark.parametrize("text,message", [
    ("a: !foo 1\n", "x.yaml:1:4: YAML tags such as !foo are not allowed"),
    ("a: !!python/object:os.system x\n", "x.yaml:1:4: YAML tags such as tag:yaml.org,2002:python/object:os.system"),
    ("a: &x 1\nb: *x\n", "x.yaml:2:1: aliases (*name) are not allowed"),
])
def test_tags_and_aliases_are_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as exc:
        yamlio.parse(text, "x.yaml")
    assert str(exc.value).startswith(message)


def test_explicit_standard_tags_are_not_refused() -> None:
    doc = yamlio.parse("a: !!str 2025\nb: ! 7\n")
    assert doc.data == {"a": 2025, "b": 7}  # typed by how the scalar is written, as before
    assert doc.texts[("a",)] == "2025"


def test_load_all_reads_without_positions(tmp_path: Path) -> None:
    root = write(tmp_path, {"a/x.yaml": GOOD, "b/y.yaml": GOOD.replace("测试项目", "其他项目")})
    projects, errors = store.load_all([root, root / "a", root / "a" / "x.yaml"])
    assert errors == []
    assert [p.name for p in projects] == ["测试项目", "其他项目"]
    assert all(p.doc is None for p in projects)
    full = load(root / "a" / "x.yaml")
    full.doc = None
    assert projects[0] == full


def test_a_file_reached_through_a_link_is_read_once(tmp_path: Path) -> None:
    root = write(tmp_path, {"a/x.yaml": GOOD})
    (root / "a" / "link.yaml").symlink_to(root / "a" / "x.yaml")
    (tmp_path / "alias").symlink_to(root)
    projects, errors = store.load_all([root, tmp_path / "alias" / "a" / "x.yaml"])
    assert (len(projects), errors) == (1, [])


def test_reading_valid_files_needs_no_jsonschema() -> None:
    """jsonschema is only asked to word the errors of a file the quick check refuses."""
    code = ("import sys, io, contextlib; from pathlib import Path; from perfctl.commands import lint, export\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    lint.run([Path({str(DATA)!r})]); export.run([Path({str(DATA)!r})], 'json', None)\n"
            "print([m for m in ('jsonschema', 'multiprocessing') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@given(st.text(), st.text(), st.integers(1900, 2200), st.text(), st.text(), st.integers(1, 50))
@settings(max_examples=300, deadline=None)
def test_fingerprint_is_the_hash_of_its_json(code: str, dept: str, year: int, name: str, anchor: str, n: int) -> None:
    """Fingerprints are kept in baseline files: the faster spelling must give the same ids."""
    project = Project(Department(dept, "部门"), year, name, "元", Budget(Decimal(1)))
    key = json.dumps([code, [dept, year, name], anchor, n], ensure_ascii=False)
    assert fingerprint(code, project, anchor, n) == hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def test_the_c_composer_gets_its_own_node_classes_back() -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    yamlio.parse(GOOD, "x.yaml")
    with pytest.raises(InputError):
        yamlio.parse("a: 1\na: 2\n", "x.yaml")
    module = yamlio._C_NODES[0]
    assert module is not None  # the C library is installed in the test environment, and its classes were found
    assert (module.ScalarNode, module.MappingNode) == (ScalarNode, MappingNode)
    node = YAML(typ="safe", pure=False).compose("a: 1\n")  # another user of ruamel's C parser sees its own nodes
    assert type(node) is MappingNode and type(node.value[0][1]) is ScalarNode
