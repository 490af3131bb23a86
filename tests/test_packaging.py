"""The wheel ships what the package reads at run time: templates, schema, lexicons."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_contains_templates_schema_and_lexicons(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    [wheel] = tmp_path.glob("perfctl-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()}
    assert "templates/layouts/tianjin/document.html.j2" in templates
    assert {f"perfctl/{n}" for n in templates} <= names
    assert {"perfctl/schemas/project.schema.json", "perfctl/lexicons/units.yaml",
            "perfctl/schemas/score-report.schema.json", "perfctl/lexicons/outcomes.yaml"} <= names
