"""``render`` settings from the store config: ``render.layout`` (any folder name of the store's
layouts) and ``render.thousands``, each overridden by its option."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, ROOT, run_perfctl


def store(tmp_path: Path, config: str) -> Path:
    root = tmp_path / "store"
    shutil.copytree(DATA / "389101", root / "389101")
    (root / "perfctl.yaml").write_text(config, encoding="utf-8")
    return root


def test_a_layout_of_the_store_named_in_chinese_is_taken_from_the_config(tmp_path):
    root = store(tmp_path, "render:\n  layout: 四川\n")
    own = root / "templates" / "layouts" / "四川"
    shutil.copytree(ROOT / "templates" / "layouts" / "tianjin", own)
    table = own / "table.md.j2"
    table.write_text(table.read_text(encoding="utf-8").replace("| 项目名称 |", "| 项目名称（四川） |"), encoding="utf-8")
    r = run_perfctl("render", root, "--format", "md")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("| 项目名称（四川） |") == 4
    r = run_perfctl("render", root, "--format", "md", "--layout", "tianjin")  # the option wins
    assert r.returncode == 0 and "项目名称（四川）" not in r.stdout and r.stdout.count("| 项目名称 |") == 4


def test_an_unknown_layout_in_the_config_names_the_config(tmp_path):
    root = store(tmp_path, "render:\n  layout: myprovince\n")
    r = run_perfctl("render", root, "--format", "md")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == (f"{root / 'perfctl.yaml'}: render.layout: no layout named 'myprovince'; "
                        "layouts: national-2021, tianjin\n")
    r = run_perfctl("render", root, "--format", "md", "--layout", "myprovince")
    assert (r.returncode, r.stderr) == (2, "perfctl: no layout named 'myprovince'; layouts: national-2021, tianjin\n")


def test_a_layout_that_is_a_path_is_refused_by_the_config_schema(tmp_path):
    root = store(tmp_path, "render:\n  layout: ../outside\n")
    r = run_perfctl("render", root, "--format", "md")
    assert r.returncode == 2 and "render.layout" in r.stderr and "Traceback" not in r.stderr


def test_thousands_from_the_config_and_the_option_over_it(tmp_path):
    root = store(tmp_path, "render:\n  thousands: true\n")
    grouped = run_perfctl("render", root, "--format", "md")
    assert grouped.returncode == 0, grouped.stderr
    assert "| 预算数 | 200,000.00 |" in grouped.stdout
    plain = run_perfctl("render", root, "--format", "md", "--no-thousands")
    assert "| 预算数 | 200000.00 |" in plain.stdout


def test_the_config_init_writes_renders_as_it_says(tmp_path):
    r = run_perfctl("init", tmp_path / "new", "--profile", "national-2021")
    assert r.returncode == 0, r.stderr
    config = (tmp_path / "new" / "perfctl.yaml").read_text(encoding="utf-8")
    assert "render:\n  layout: tianjin\n  thousands: false\n" in config
    shutil.copytree(DATA / "389101", tmp_path / "new" / "389101")
    r = run_perfctl("render", tmp_path / "new", "--format", "md")
    assert r.returncode == 0, r.stderr
    assert "| 预算数 | 200000.00 |" in r.stdout
