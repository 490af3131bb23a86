"""PT-S13 duplicate-project: the same project (department, year, name) in two files.

A project is identified by its department code, budget year and 项目名称. Two files with
the same identity give two different tables for one budget line; reviewers and the diff
cannot tell which is meant. Reported on every file after the first (in path order).

Source: one target table per budget project (财预〔2015〕88号: 谁批复预算，谁批复目标).

Fails: two files both with department 389101, year 2025, name 自贸区法律服务经费.
Passes: the same name in two different years.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.model import Project

CODE = "PT-S13"
NAME = "duplicate-project"
SEVERITY = "error"


def check_store(projects: list[Project]) -> Iterator[tuple[Project, Problem]]:
    first: dict[tuple[str, int, str], Project] = {}
    for project in sorted(projects, key=lambda p: str(p.path)):
        seen = first.setdefault(project.identity, project)
        if seen is not project:
            yield project, Problem(("name",), _("project {name!r} ({department}, {year}) is also defined in {path}")
                                   .format(name=project.name, department=project.department.code, year=project.year,
                                           path=seen.path))
