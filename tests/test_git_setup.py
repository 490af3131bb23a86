"""``perfctl git-setup`` and ``perfctl textconv``: plain git prints projects one fact per line."""

from __future__ import annotations

import pytest

from conftest import DATA, run_perfctl, write
from fixtures.diff.gitrepo import FIRST, acceptance_edit, commit, env, git, seed_repo
from perfctl import canonical
from perfctl.commands.git_setup import ATTRIBUTE_LINES, update_attributes
from perfctl.model import load

LAW = DATA / "389101" / "2025" / "自贸区法律服务经费.yaml"


@pytest.fixture
def repo(tmp_path):
    return seed_repo(tmp_path)


def setup(repo):
    r = run_perfctl("git-setup", cwd=repo, env=env())
    assert r.returncode == 0, r.stderr
    return r


def test_canonical_form_of_a_project():
    lines = canonical.lines(load(LAW))
    assert lines[:8] == [
        "项目名称: 自贸区法律服务经费",
        "主管部门: 389101 中国（天津）自由贸易试验区管理委员会办公室",
        "预算年度: 2025",
        "单位: 元",
        "预算数: 30000.00",
        "其中：财政资金: 30000.00",
        "其他资金: 0.00",
        lines[7],
    ]
    assert lines[7].startswith("预算规模及资金用途: ")
    assert "产出指标 › 数量指标 › 提供服务次数: ≥15次" in lines
    assert "产出指标 › 数量指标 › 提供服务次数 › 绩效指标描述: 提供服务次数" in lines
    assert lines[-1] == "来源: tianjin-ftz-2025-project-targets.txt · 第3张表 · 表号3 · 自贸区法律服务经费绩效目标表"
    assert all("\n" not in line for line in lines)


def test_writes_gitattributes_keeping_other_lines_and_is_idempotent(repo):
    write(repo, {".gitattributes": "*.yaml text eol=lf\n*.png binary"})
    r = setup(repo)
    assert r.stdout.startswith(".gitattributes: added *.yaml diff=perfctl, *.yml diff=perfctl\n")
    expected = "*.yaml text eol=lf\n*.png binary\n*.yaml diff=perfctl\n*.yml diff=perfctl\n"
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == expected
    assert setup(repo).stdout.startswith(".gitattributes: already set up\n")
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == expected
    assert git(repo, "config", "--local", "diff.perfctl.textconv").strip().endswith("-m perfctl textconv")
    assert git(repo, "config", "--local", "core.quotePath").strip() == "false"


def test_crlf_attributes_stay_crlf(tmp_path):
    path = write(tmp_path, {".gitattributes": b"*.yaml text eol=lf\r\n"}) / ".gitattributes"
    assert update_attributes(path) == list(ATTRIBUTE_LINES)
    assert path.read_bytes() == b"*.yaml text eol=lf\r\n*.yaml diff=perfctl\r\n*.yml diff=perfctl\r\n"


def test_plain_git_diff_shows_the_loosened_target_as_one_line(repo):
    setup(repo)
    acceptance_edit(repo / FIRST)
    out = git(repo, "diff", "--", "data")
    changed = [ln for ln in out.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == [
        "-预算数: 200000.00",
        "-其中：财政资金: 200000.00",
        "+预算数: 250000.00",
        "+其中：财政资金: 250000.00",
        "-产出指标 › 数量指标 › 邀请参会人员数量: ≥50人",
        "+产出指标 › 数量指标 › 邀请参会人员数量: ≥30人",
        "+产出指标 › 质量指标 › 会议资料发放完整率: 100%",
        "+产出指标 › 质量指标 › 会议资料发放完整率 › 绩效指标描述: 会议资料发放完整率",
        "-产出指标 › 成本指标 › 会议活动保障费用: ≤8万元",
        "+产出指标 › 成本指标 › 会议活动保障费用: ≤80000元",
        "-产出指标 › 成本指标 › 场地使用费: ≤12万元",
        "-产出指标 › 成本指标 › 场地使用费 › 绩效指标描述: 场地使用费",
    ]
    assert f"diff --git a/{FIRST} b/{FIRST}" in out  # file names unquoted


def test_git_log_p_and_show_use_the_canonical_form(repo):
    setup(repo)
    acceptance_edit(repo / FIRST)
    commit(repo, "loosen")
    assert "+产出指标 › 数量指标 › 邀请参会人员数量: ≥30人" in git(repo, "log", "-p", "-1")
    assert "+产出指标 › 数量指标 › 邀请参会人员数量: ≥30人" in git(repo, "show", "HEAD")


def test_word_diff_works_per_character(repo):
    setup(repo)
    text = (repo / FIRST).read_text(encoding="utf-8")
    (repo / FIRST).write_text(text.replace("target: ≥50人", "target: ≥30人").replace("purpose: 通过召开第四届", "purpose: 通过召开第五届"),
                              encoding="utf-8")
    for locale in ("C", "C.UTF-8"):
        out = git(repo, "diff", "--word-diff", LC_ALL=locale)
        assert "产出指标 › 数量指标 › 邀请参会人员数量: ≥[-50-]{+30+}人" in out
        assert "预算规模及资金用途: 通过召开第[-四-]{+五+}届京津冀" in out


def test_textconv_prints_other_files_unchanged(tmp_path):
    raw = "key: value\n列表:\n  - 一\n".encode()
    path = write(tmp_path, {"other.yaml": raw})  / "other.yaml"
    r = run_perfctl("textconv", path)
    assert (r.returncode, r.stdout) == (0, raw.decode())
    r = run_perfctl("textconv", LAW)
    assert r.stdout == canonical.text(load(LAW))


def test_outside_a_repository_is_an_input_error(tmp_path):
    r = run_perfctl("git-setup", tmp_path, env=env(GIT_CEILING_DIRECTORIES=str(tmp_path.parent)))
    assert r.returncode == 2
    assert r.stderr.startswith(f"{tmp_path}: not inside a git repository")
