"""The files ``perfctl init`` puts in a store, as text, by path relative to the store root.

- ``perfctl.yaml``: the store configuration (:mod:`perfctl.config`), every key with a comment;
- ``.gitignore``: ``out/``, where the store README renders documents, and ``.perfctl/cache/``
  (:mod:`perfctl.cache`);
- ``.gitattributes``: ``*.yaml text eol=lf`` (or ``crlf``, as ``line_endings``), and the place
  where the semantic diff driver's line goes (:data:`DIFF_ATTRIBUTES`);
- ``.perfctl/project.schema.json`` and ``.perfctl/config.schema.json``: the JSON Schemas, for editors;
- ``.vscode/settings.json``: associates them with project files and ``perfctl.yaml``;
- ``.pre-commit-config.yaml``: hooks running ``perfctl fmt --check`` and ``perfctl lint``;
- ``README.md``: a short note on what the folder is and the commands to use.
"""

from __future__ import annotations

import json
from importlib import resources

from perfctl.authoring.safewrite import CONFIG_SCHEMA_COPY, MODELINE_PREFIX, SCHEMA_COPY
from perfctl.config import DEFAULT_THRESHOLDS
from perfctl.gitio import ATTRIBUTE_LINES

#: The semantic diff driver's lines in ``.gitattributes``; ``perfctl git-setup`` registers the driver in each clone.
DIFF_ATTRIBUTES: list[str] = list(ATTRIBUTE_LINES)


def files(*, dept: str | None, dept_name: str | None, year: int | None, profile: str,
          line_endings: str, prefix: str = "") -> dict[str, str]:
    """Every file of a new store. ``prefix``: the store's path inside its git repository
    (``""`` at the root, ``"stores/tj/"`` below it), for the pre-commit file patterns."""
    return {
        "perfctl.yaml": config_text(dept=dept, dept_name=dept_name, year=year, profile=profile, line_endings=line_endings),
        ".gitattributes": gitattributes(line_endings),
        ".gitignore": ("# perfctl: rendered documents (perfctl render --out out) are outputs, not sources.\nout/\n"
                       "# perfctl's cache of lint results: safe to delete, never committed.\n.perfctl/cache/\n"),
        SCHEMA_COPY.as_posix(): _schema("project.schema.json"),
        CONFIG_SCHEMA_COPY.as_posix(): _schema("config.schema.json"),
        ".vscode/settings.json": vscode_settings(),
        ".pre-commit-config.yaml": precommit(prefix),
        "README.md": readme(dept_name),
    }


def _schema(name: str) -> str:
    return resources.files("perfctl").joinpath("schemas", name).read_text(encoding="utf-8")


def config_text(*, dept: str | None, dept_name: str | None, year: int | None, profile: str, line_endings: str) -> str:
    """``perfctl.yaml`` with the given defaults; keys not given are written as comments."""
    t = DEFAULT_THRESHOLDS
    if dept or dept_name:
        department = f"department:\n  code: '{dept or ''}'\n  name: {dept_name or ''}\n"
    else:
        department = "# department:\n#   code: '389101'\n#   name: 部门名称\n"
    year_line = f"year: {year}\n" if year else "# year: 2026\n"
    return f"""{MODELINE_PREFIX}{CONFIG_SCHEMA_COPY.as_posix()}
# perfctl store configuration. perfctl finds this file by searching upward from the
# files it works on, so it governs every project file in this folder. All keys are optional.

# Default 主管部门 (部门编码 and 部门名称) for `perfctl new`. Keep the code quoted: it is text.
{department}
# Default 预算年度 for `perfctl new`.
{year_line}
# Indicator framework (一级/二级指标) of the tables in this store:
#   national-2021  财预〔2021〕101号: 产出指标, 成本指标 (经济/社会/生态环境成本), 效益指标, 满意度指标
#   legacy-2015    财预〔2015〕88号: 成本指标 is a 二级指标 under 产出指标
#   auto           lint detects the framework per file; `perfctl new` then needs --profile
profile: {profile}

# Line endings of the files perfctl writes: lf or crlf. .gitattributes says the same to git.
line_endings: {line_endings}

# Language of perfctl's messages and help for this store: zh (中文) or en. Default: the
# locale (LANG); `perfctl --lang zh|en` overrides it.
# lang: zh

# perfctl lint. `perfctl rules` lists the rule codes.
lint:
  # Rule codes or code prefixes to run (PT: all), and not to run.
  select: [PT]
  ignore: []
  # Severity per rule code: error, warning or info, e.g. {{PT-Q01: error}}.
  severity: {{}}
  # Files not to lint: glob patterns relative to this folder, e.g. ['archive/**'].
  exclude: []
  # Local practice, not national rules: no national minimum count or satisfaction floor exists.
  thresholds:
    satisfaction_floor: {t["satisfaction_floor"]}       # lowest acceptable satisfaction target, percent
    min_indicators: {t["min_indicators"]}            # fewest 三级指标 a table should have
    qualitative_share_cap: {t["qualitative_share_cap"]}    # highest share of qualitative targets, percent
    money_tolerance: '{t["money_tolerance"]}'      # tolerance for money sums, in the table's money unit
    unit_cost_tolerance: {t["unit_cost_tolerance"]}      # unit cost × quantity may exceed the budget by this percent
  # Extra words per lexicon, added to the lists shipped in perfctl/lexicons/ (README,
  # "Lexicons", names them all), e.g. vague, process, inputs, execution, respondents,
  # generic, horizon, todo, graded. Example: {{vague: [稳步推进]}}
  lexicons: {{}}

# perfctl diff: the level of each change kind (breaking, review or info), e.g. {{target-loosened: review}}.
diff:
  levels: {{}}

# perfctl render: the printed form (README, "Layouts"): tianjin (the seed's source), national-2021
# (财预〔2021〕101号), or a folder of your own under templates/layouts/; thousands: 1,234,567.80.
render:
  layout: tianjin
  thousands: false

# perfctl score, prepare and the PT-E lint rules: the year-end self-evaluation (README,
# "Year-end self-evaluation").
score:
  profile: national-2020       # national-2020 (财预〔2020〕10号) | pmkpi (the provincial module's variant)
  round: 2                     # decimals each row score is rounded to, half up: 2, 1 or 0
  tolerance: '0.01'            # a declared 得分 may differ from the computed one by this (0.5: whole points)
  qual_default: none           # lower: score a qualitative row without 得分 at its band's lowest points
  deadline_missed: qualitative # linear: points fall with the days late
  no_satisfaction_to: benefit  # where prepare proposes a missing 满意度 row's 10 points: benefit | output
  reason_rate: 90              # percent: a 预算执行率 below it needs a 偏差原因
  over_ratio: '1.3'            # 实际完成值 ÷ 指标值 at or above it on a ≥ row needs a 偏差原因
"""


def gitattributes(line_endings: str) -> str:
    """``.gitattributes``: project files are text kept with ``line_endings``; then the diff driver's place."""
    lines = ["# perfctl: project files are text, kept with the line endings perfctl.yaml asks for.",
             f"*.yaml text eol={line_endings}", f"*.yml text eol={line_endings}",
             "# perfctl diff: plain git diff shows one fact per line once `perfctl git-setup` has run in this clone.",
             *DIFF_ATTRIBUTES]
    return "\n".join(lines) + "\n"


def vscode_settings() -> str:
    """VS Code settings: the schemas for project files (``<code>/<year>/<name>.yaml``) and ``perfctl.yaml``."""
    settings = {
        "yaml.schemas": {SCHEMA_COPY.as_posix(): ["/*/*/*.yaml", "/*/*/*.yml"],
                         CONFIG_SCHEMA_COPY.as_posix(): ["/perfctl.yaml"]},
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def precommit(prefix: str = "") -> str:
    """``.pre-commit-config.yaml``: ``perfctl fmt --check`` and ``perfctl lint`` on the project
    files under ``prefix``, skipping what perfctl skips (hidden, ``templates/``, ``out/``, ``perfctl.yaml``)."""
    files = f"^{_regex(prefix)}.*\\.ya?ml$"
    exclude = r"(^|/)(\.|templates/|out/|perfctl\.yaml$)"
    hooks = ""
    for hook_id, entry in (("perfctl-fmt", "perfctl fmt --check"), ("perfctl-lint", "perfctl lint")):
        hooks += (f"      - id: {hook_id}\n        name: {entry}\n        entry: {entry}\n"
                  f"        language: system\n        files: '{files}'\n        exclude: '{exclude}'\n")
    return ("# pre-commit hooks (https://pre-commit.com): pip install pre-commit, then: pre-commit install\n"
            "# perfctl must be on PATH. pre-commit reads this file at the root of the git repository.\n"
            f"repos:\n  - repo: local\n    hooks:\n{hooks}")


def _regex(prefix: str) -> str:
    import re

    return re.escape(prefix).replace("'", "''")


def readme(dept_name: str | None) -> str:
    """A short README for the store."""
    title = f"{dept_name} 绩效目标表" if dept_name else "绩效目标表 (performance target tables)"
    return f"""# {title}

This folder is a perfctl store: each project's 绩效目标表 is one YAML file,
`<部门编码>/<预算年度>/<项目名称>.yaml`, kept in git so that every change has a history.

    perfctl new --name 项目名称 --budget 30000 --unit 元   # a new table from this store's framework
    perfctl new --from 389101/2025/项目.yaml --year 2026   # last year's table, copied for review
    perfctl fmt                  # canonical layout; comments and your quotes are kept
    perfctl lint                 # the checks a finance bureau's review makes
    perfctl render . --format html --out out                # the documents, one per department and year

Settings are in `perfctl.yaml`. Placeholders (`待填写`, `待定`) in new tables are reported by
`perfctl lint` until they are filled in. In VS Code with the YAML extension (Red Hat), files
are checked and completed against `.perfctl/project.schema.json`.
"""
