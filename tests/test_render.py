"""perfctl render: one document per department and year, merged cells, escaping, templates, goldens.

Fixtures in tests/fixtures/render/: ``store/`` holds two tables of 389101/2025 (the first with
rows 产出×6, 效益×1, 满意度×1) and one of 120001/2024 in 万元; ``hostile/`` holds a table whose
texts try to break out of HTML, Markdown and Jinja. Golden renders of data/ are in tests/golden/;
regenerate them with ``PERFCTL_UPDATE_GOLDEN=1 pytest tests/test_render.py`` and review by eye.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DATA, ROOT, run_perfctl, write
from perfctl import filters, model, render

FIXTURES = ROOT / "tests" / "fixtures" / "render"
STORE = FIXTURES / "store"
HOSTILE = FIXTURES / "hostile"
GOLDEN = ROOT / "tests" / "golden"
FIRST = STORE / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml"


def rendered(tmp_path: Path, source: Path, fmt: str, name: str = "389101-2025") -> str:
    r = run_perfctl("render", source, "--format", fmt, "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    return (tmp_path / "out" / f"{name}.{fmt}").read_text(encoding="utf-8")


class IndicatorCells(HTMLParser):
    """The body cells of every ``<table class="indicators">``: per table, rows of (class, text, rowspan)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, str, int]]]] = []
        self._inside = False
        self._cell: list = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table":
            self._inside = a.get("class") == "indicators"
            if self._inside:
                self.tables.append([])
        elif self._inside and tag == "tr":
            self.tables[-1].append([])
        elif self._inside and tag == "td":
            self._cell = [a.get("class", ""), "", int(a.get("rowspan", 1))]

    def handle_data(self, data: str) -> None:
        if self._cell:
            self._cell[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell:
            self.tables[-1][-1].append(tuple(self._cell))
            self._cell = []
        elif tag == "table":
            self._inside = False


def indicator_tables(text: str) -> list[list[list[tuple[str, str, int]]]]:
    parser = IndicatorCells()
    parser.feed(text)
    return [[row for row in table if row] for table in parser.tables]  # drop the header row


def grid(rows: list[list[tuple[str, str, int]]]) -> list[tuple[str, ...]]:
    """The 5-column table a reader sees, each merged cell repeated over the rows it spans."""
    out, pending = [], {}  # column → [text, rows still covered]
    for cells in rows:
        given, row = iter(cells), []
        for col in range(5):
            if pending.get(col, [None, 0])[1] > 0:
                pending[col][1] -= 1
            else:
                _, text, span = next(given)
                pending[col] = [text, span - 1]
            row.append(pending[col][0])
        assert next(given, None) is None, f"row has more than 5 cells: {cells}"
        out.append(tuple(row))
    return out


def expected_rows(path: Path) -> list[tuple[str, ...]]:
    return [(i.level1, i.level2, i.name, i.description or "", i.target) for i in model.load(path).indicators]


# ---------------------------------------------------------------- context


def test_rows_merge_consecutive_levels():
    rows = render.rows(model.load(FIRST).indicators)
    assert [r["level1_rowspan"] for r in rows] == [6, 0, 0, 0, 0, 0, 1, 1]
    assert [r["level2_rowspan"] for r in rows] == [2, 0, 1, 1, 2, 0, 1, 1]
    assert [r["first_in_level1"] for r in rows] == [True, False, False, False, False, False, True, True]
    assert [r["first_in_level2"] for r in rows] == [True, False, True, True, True, False, True, True]


def test_same_level2_under_another_level1_starts_a_new_merge():
    ind = [model.Indicator("产出指标", "成本指标", "a", "1"), model.Indicator("成本指标", "成本指标", "b", "2")]
    assert [(r["level1_rowspan"], r["level2_rowspan"]) for r in render.rows(ind)] == [(1, 1), (1, 1)]


def test_amounts_are_printed_as_people_write_them_never_rounded():
    # the unit's 2 decimals (元 and 万元 alike), more only when the file's amount has them
    assert render.amount(Decimal("200000.00"), "元") == "200000.00"
    assert render.amount(Decimal("2E+5"), "元") == "200000.00"
    assert render.amount(Decimal("80.000000"), "万元") == "80.00"
    assert render.amount(Decimal("12.500000"), "万元") == "12.50"
    assert render.amount(Decimal("80.123456"), "万元") == "80.123456"
    assert render.amount(Decimal("80.120000"), "万元") == "80.12"
    assert render.amount(Decimal("89.974"), "万元") == "89.974"
    assert render.amount(Decimal("100.005"), "元") == "100.005"
    assert render.amount(Decimal("90"), "万元") == "90.00"
    assert render.amount(Decimal("1234567.800000"), "万元", thousands=True) == "1,234,567.80"
    assert render.amount(Decimal("1234.567891"), "万元", thousands=True) == "1,234.567891"
    assert render.amount(Decimal("-50000.00"), "元", thousands=True) == "-50,000.00"
    assert render.amount(Decimal("12.500000")) == "12.50"  # no unit: 2 decimals too
    assert render.amount(None) == ""


def test_wan_yuan_amounts_render_with_2_decimals_and_thousands_on_request(tmp_path):
    r = run_perfctl("render", STORE / "120001", "--format", "md")
    assert r.returncode == 0, r.stderr
    assert "| 预算数 | 12.50 |\n| 其中：财政资金 | 10.00 |\n| 其他资金 | 2.50 |\n" in r.stdout  # the file: '12.500000' …
    assert "500000" not in r.stdout
    r = run_perfctl("render", STORE / "120001", "--format", "html")
    assert '<th>预算数</th><td class="amount">12.50</td><th>其中：财政资金</th><td class="amount">10.00</td>' in r.stdout
    big = (STORE / "120001" / "2024" / "示例项目.yaml").read_text(encoding="utf-8").replace(
        "total: '12.500000'", "total: '1234567.800000'").replace("fiscal: '10.000000'", "fiscal: '1234565.312345'")
    write(tmp_path, {"p.yaml": big})
    r = run_perfctl("render", tmp_path / "p.yaml", "--format", "md")
    assert "| 预算数 | 1234567.80 |\n| 其中：财政资金 | 1234565.312345 |\n| 其他资金 | 2.50 |\n" in r.stdout
    r = run_perfctl("render", tmp_path / "p.yaml", "--format", "md", "--thousands")
    assert "| 预算数 | 1,234,567.80 |\n| 其中：财政资金 | 1,234,565.312345 |\n| 其他资金 | 2.50 |\n" in r.stdout


def test_title_falls_back_to_project_name():
    docs = render.documents(model.load(p) for p in sorted(STORE.rglob("*.yaml")))
    assert [(d["department"]["code"], d["year"]) for d in docs] == [("120001", 2024), ("389101", 2025)]
    tables = docs[1]["tables"]
    assert [(t["number"], t["title"]) for t in tables] == [
        (1, "第四届京津冀自贸试验区联席活动项目绩效目标表"),  # source.title
        (2, "自贸区信息化技术运维项目绩效目标表"),  # no source.title: <name>绩效目标表
    ]
    assert tables[0]["budget"] == {"total": "200000.00", "fiscal": "200000.00", "other": ""}


@pytest.mark.parametrize("name, expected", [
    ("document.html.j2", True), ("table.htm.j2", True), ("a.html", True), ("feed.xml", True),
    ("document.md.j2", False), ("print.css", False), (None, False),
])
def test_autoescape_by_template_name(name, expected):
    assert render.is_html(name) is expected


@pytest.mark.parametrize("text, cell", [
    ("a|b", r"a\|b"),
    ("≥**人", r"≥\*\*人"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("R&D", "R&amp;D"),
    ("一\r\n二\n三\r四", "一<br>二<br>三<br>四"),
    ("[链接](http://x) `码` _斜_ ~删~ $x$ \\", r"\[链接\](http://x) \`码\` \_斜\_ \~删\~ \$x\$ \\"),
    (None, ""),
])
def test_md_filter_escapes_one_table_cell(text, cell):
    assert filters.md(text) == cell


def test_builtin_templates_are_found():
    folder = render.builtin_templates()
    assert {"print.css", "selfeval.html.j2", "selfeval.md.j2"} <= {p.name for p in folder.iterdir()}
    assert {"document.html.j2", "document.md.j2"} <= {p.name for p in (folder / "layouts" / "tianjin").iterdir()}
    assert render.DEFAULT_LAYOUT in render.layouts()


# ---------------------------------------------------------------- HTML


def test_html_has_every_row_with_merged_cells(tmp_path):
    text = rendered(tmp_path, STORE / "389101", "html")
    first, second = indicator_tables(text)
    assert grid(first) == expected_rows(FIRST)
    assert grid(second) == expected_rows(STORE / "389101" / "2025" / "自贸区信息化技术运维项目.yaml")
    level1 = [(t, n) for row in first for c, t, n in row if c == "level1"]
    level2 = [(t, n) for row in first for c, t, n in row if c == "level2"]
    assert level1 == [("产出指标", 6), ("效益指标", 1), ("满意度指标", 1)]
    assert level2 == [("数量指标", 2), ("质量指标", 1), ("时效指标", 1), ("成本指标", 2),
                      ("可持续影响指标", 1), ("服务对象满意度指标", 1)]


def test_html_reproduces_the_form(tmp_path):
    text = rendered(tmp_path, STORE / "389101", "html")
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">")
    assert "<h2>1.第四届京津冀自贸试验区联席活动项目绩效目标表</h2>" in text
    assert "<h2>2.自贸区信息化技术运维项目绩效目标表</h2>" in text
    department, title = "389101 中国（天津）自由贸易试验区管理委员会办公室", "2025年度项目支出绩效目标表"
    # the heading in two lines, the document's title in one
    assert f"<title>{department} {title}</title>" in text and f"<body>\n<h1>{department}<br>{title}</h1>\n<section" in text
    assert '<div class="meta"><p>389101 中国（天津）自由贸易试验区管理委员会办公室</p><p>单位：元</p></div>' in text
    assert ('<colgroup><col style="width: 14%"><col style="width: 16%"><col style="width: 24%">'
            '<col style="width: 28%"><col style="width: 18%"></colgroup>') in text
    assert ('<th>预算数</th><td class="amount">200000.00</td><th>其中：财政资金</th>'
            '<td class="amount">200000.00</td><th>其他资金</th><td class="amount">—</td>') in text  # not stated: a blank is 0 in this form
    assert "<p>1.通过召开第四届京津冀自贸试验区联席活动，" in text
    assert "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效指标描述</th><th>指标值</th></tr>" in text
    # the 续表 line, print only: before the indicator table and as the first row of its <thead>
    assert ('<p class="print-only continued">续表　1.第四届京津冀自贸试验区联席活动项目绩效目标表</p>\n'
            '<div class="continued">\n<table class="indicators">') in text
    assert ('<thead>\n<tr class="print-only continued"><th colspan="5">续表　1.第四届京津冀自贸试验区联席活动项目绩效目标表</th></tr>\n'
            '<tr><th>一级指标</th>') in text
    # one <tbody> per 一级指标 group, each short: class keep (print keeps each on one page)
    first = text[text.index('<section class="project" id="table-1">'):text.index('<section class="project" id="table-2">')]
    assert first.count("<tbody>") == 1 and first.count('<tbody class="keep">') == 3  # 1 header block + 3 groups
    assert first.count('<td class="level1"') == 3
    assert '<td class="target"><span class="nw">≥50人</span></td>' in text
    assert '<td class="target"><span class="nw">2025年12月前</span></td>' in text
    assert "@page {" in text and "counter(page)" in text
    assert "size: A4;" in text and "thead { display: table-header-group; }" in text
    assert not re.search(r"<link|<script|src=|url\(|@import|https?://", text), "must be self-contained"


@pytest.mark.parametrize("layout", ["tianjin", "national-2021"])
def test_only_short_level1_groups_are_kept_on_one_page(tmp_path, layout):
    """print.css keeps a 一级指标 group on one page (tbody.keep) only when it has at most 12 rows:
    the print fixture's groups of 12 rows or fewer are kept, its 50-row 产出指标 group is not (moved
    whole to the next page it would leave the header block alone on a page, and still break)."""
    r = run_perfctl("render", ROOT / "tests" / "fixtures" / "print", "--format", "html", "--layout", layout)
    assert r.returncode == 0, r.stderr
    groups = re.findall(r'<tbody( class="keep")?>\n<tr>.*?<td class="level1" rowspan="(\d+)">', r.stdout)
    assert [(int(rows), bool(keep)) for keep, rows in groups] == [
        (10, True), (9, True), (3, True), (50, False), (1, True), (1, True), (12, True), (2, True), (1, True)]


def test_html_escapes_data_and_never_evaluates_it(tmp_path):
    text = rendered(tmp_path, HOSTILE, "html")
    assert "<h2>1.&lt;script&gt;alert(1)&lt;/script&gt;项目绩效目标表</h2>" in text
    assert "<script" not in text
    assert "<p>1.{{ 7*7 }} 与 {% for x in range(3) %}{{ x }}{% endfor %}</p>" in text
    assert '<td class="name">{{ 7*7 }}</td>' in text
    assert "49" not in text and "012" not in text
    assert "&lt;b&gt;粗体&lt;/b&gt;" in text and "&amp;amp;" in text
    assert text.count('<td class="amount">—</td>') == 2  # missing 财政资金 and 其他资金
    # line breaks are <br>, each line escaped
    assert ('<td class="text" colspan="6">第一行 | 用途 &amp; &lt;b&gt;粗体&lt;/b&gt;<br>'
            '第二行 [链接](http://example.com) `代码`</td>') in text
    assert '<td class="description">说明 | 含竖线<br>且换行</td>' in text


def test_html_leaves_out_an_empty_description_column(tmp_path):
    text = rendered(tmp_path, STORE / "120001", "html", "120001-2024")
    assert "绩效指标描述" not in text and 'class="description"' not in text
    assert ('<colgroup><col style="width: 16%"><col style="width: 20%"><col style="width: 40%">'
            '<col style="width: 24%"></colgroup>') in text
    assert '<tr class="print-only continued"><th colspan="4">续表　1.示例项目绩效目标表</th></tr>' in text
    assert ('<tr><td class="level1" rowspan="1">产出指标</td><td class="level2" rowspan="1">数量指标</td>'
            '<td class="name">培训人次</td><td class="target"><span class="nw">≥100人次</span></td></tr>') in text
    assert "<p>1.第一项目标。</p><p>2.第二项目标。</p>" in text


@pytest.mark.parametrize("text, markup", [
    ("≥15次", '<span class="nw">≥15次</span>'),
    ("2025年12月前", '<span class="nw">2025年12月前</span>'),
    ("≤3万元", '<span class="nw">≤3万元</span>'),
    ("2025年10月31日前", '<span class="nw">2025年10月31日前</span>'),
    ("≥1500人次", '<span class="nw">≥1500人次</span>'),
    ("≤1个工作日", '<span class="nw">≤1个工作日</span>'),
    ("95%-100%", '<span class="nw">95%-100%</span>'),
    ("1,234.50", '<span class="nw">1,234.50</span>'),
    ("提供3次服务", '提供<span class="nw">3次</span>服务'),
    ("审核并出具法律意见书", "审核并出具法律意见书"),
    ("第3季度", "第3季度"),  # one character cannot break inside
    ("<b>≥90%</b>\n有效", '&lt;b&gt;<span class="nw">≥90%</span>&lt;/b&gt;<br>有效'),
    (None, ""),
])
def test_nw_filter_keeps_figures_on_one_line(text, markup):
    assert filters.nowrap(text) == markup


def test_br_filter_escapes_each_line():
    from markupsafe import Markup
    out = filters.br("a & <b>\r\nc\rd\ne")
    assert out == "a &amp; &lt;b&gt;<br>c<br>d<br>e" and isinstance(out, Markup)
    assert filters.br(None) == ""


# ---------------------------------------------------------------- Markdown


def test_markdown_tables(tmp_path):
    text = rendered(tmp_path, STORE / "389101", "md")
    assert text.startswith("# 389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表\n")
    assert "## 1.第四届京津冀自贸试验区联席活动项目绩效目标表\n\n389101 中国（天津）自由贸易试验区管理委员会办公室　　单位：元\n" in text
    assert "| 项目名称 | 第四届京津冀自贸试验区联席活动项目 |\n| --- | --- |\n| 预算数 | 200000.00 |\n" in text
    assert "| 其中：财政资金 | 200000.00 |\n| 其他资金 | — |\n" in text
    assert ("| 产出指标 | 数量指标 | 邀请参会人员数量 | 邀请参会人员数量 | ≥50人 |\n"
            "|  |  | 发言嘉宾数量 | 发言嘉宾数量 | ≥3人 |\n"
            "|  | 质量指标 | 活动顺利举办率 | 活动顺利举办率 | 100% |\n") in text
    assert "| 效益指标 | 可持续影响指标 |" in text and "| 满意度指标 | 服务对象满意度指标 | 活动参与者满意度 |" in text
    assert "## 2.自贸区信息化技术运维项目绩效目标表" in text


def test_markdown_leaves_out_an_empty_description_column(tmp_path):
    text = rendered(tmp_path, STORE / "120001", "md", "120001-2024")
    assert "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| --- | --- | --- | --- |\n| 产出指标 | 数量指标 | 培训人次 | ≥100人次 |\n" in text
    assert "绩效指标描述" not in text


def test_markdown_escapes_data_and_never_evaluates_it(tmp_path):
    text = rendered(tmp_path, HOSTILE, "md")
    assert "## 1.&lt;script&gt;alert(1)&lt;/script&gt;项目绩效目标表" in text
    assert "<script" not in text and "<b>" not in text
    assert "1.{{ 7\\*7 }} 与 {% for x in range(3) %}{{ x }}{% endfor %}<br>2.≥\\*\\*人" in text
    assert "49" not in text and "012" not in text


def test_markdown_pipe_in_a_cell_keeps_the_columns(tmp_path):
    text = rendered(tmp_path, HOSTILE, "md")
    unescaped_pipe = re.compile(r"(?<!\\)(?:\\\\)*\|")
    for block in re.findall(r"(?:^\|.*\n)+", text, re.MULTILINE):
        counts = {len(unescaped_pipe.findall(line)) for line in block.splitlines()}
        assert len(counts) == 1, block
    assert "| A\\|B 指标 | 说明 \\| 含竖线<br>且换行 |" in text


def test_markdown_cells_read_back_as_the_data(tmp_path):
    """A CommonMark parser with GFM tables sees exactly the stored texts, nothing bold or linked."""
    import markdown_it
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(rendered(tmp_path, HOSTILE, "md"))
    cells = [html.unescape(c.replace("<br>", "\n")) for c in re.findall(r"<td>(.*?)</td>", page, re.DOTALL)]
    project = model.load(HOSTILE / "389101" / "2025" / "hostile.yaml")
    assert cells[6:8] == ["预算规模及资金用途", project.purpose]
    assert cells[9] == "\n".join(f"{n}.{g}" for n, g in enumerate(project.goals, 1))
    body = [tuple(cells[k:k + 5]) for k in range(10, len(cells), 5)]
    assert [r[2:] for r in body] == [r[2:] for r in expected_rows(HOSTILE / "389101" / "2025" / "hostile.yaml")]
    assert "<strong>" not in page and "<em>" not in page and "<a " not in page and "<code>" not in page


# ---------------------------------------------------------------- the command


def test_one_document_per_department_and_year(tmp_path):
    r = run_perfctl("render", STORE, "--format", "md", "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert r.stderr == (f"wrote {tmp_path / 'out' / '120001-2024.md'} (1 table)\n"
                        f"wrote {tmp_path / 'out' / '389101-2025.md'} (2 tables)\n")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["120001-2024.md", "389101-2025.md"]
    other = (tmp_path / "out" / "120001-2024.md").read_text(encoding="utf-8")
    assert "单位：万元" in other and "| 其他资金 | 2.50 |" in other  # '2.500000' in the file
    assert "| 绩效目标 | 1.第一项目标。<br>2.第二项目标。 |" in other


def test_without_out_prints_to_stdout():
    r = run_perfctl("render", FIRST, "--format", "html")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("<!DOCTYPE html>") and r.stdout.count("<h2>") == 1


def test_several_html_documents_need_out():
    r = run_perfctl("render", STORE, "--format", "html")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == ("perfctl: 2 documents to render (120001-2024, 389101-2025); "
                        "an HTML file holds one: give --out DIR\n")


def test_files_that_fail_to_load_stop_everything(tmp_path):
    store = write(tmp_path / "store", {
        "389101/2025/ok.yaml": FIRST.read_text(encoding="utf-8"),
        "389101/2025/bad.yaml": "department: [\n",
        "389101/2025/empty.yaml": "",
    })
    r = run_perfctl("render", store, "--format", "md", "--out", tmp_path / "out")
    assert r.returncode == 2 and r.stdout == ""
    assert f"{store / '389101/2025/bad.yaml'}:2:1: invalid YAML" in r.stderr
    assert f"{store / '389101/2025/empty.yaml'}:1:1: file is empty" in r.stderr
    assert not (tmp_path / "out").exists()


def store_with_templates(tmp_path: Path, templates: dict[str, str]) -> Path:
    store = tmp_path / "store"
    shutil.copytree(STORE / "389101", store / "389101")
    return write(store, {f"templates/{name}": text for name, text in templates.items()})


def test_undefined_variable_is_an_input_error(tmp_path):
    store = store_with_templates(tmp_path, {"document.md.j2": "# 标题\n{{ document.tables[0].nope }}\n"})
    r = run_perfctl("render", store, "--format", "md", "--out", tmp_path / "out")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr == f"{store / 'templates' / 'document.md.j2'}:2: template error: 'dict object' has no attribute 'nope'\n"
    assert not (tmp_path / "out").exists()


def test_template_syntax_error_is_an_input_error(tmp_path):
    store = store_with_templates(tmp_path, {"table.html.j2": "<h2>\n{% for %}\n"})
    r = run_perfctl("render", store, "--format", "html", "--out", tmp_path / "out")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"{store / 'templates' / 'table.html.j2'}:2: template error: ")


def test_store_templates_override_builtins_by_name(tmp_path):
    store = store_with_templates(tmp_path, {"table.md.j2": "自定义：{{ table.number }}.{{ table.name|md }}\n"})
    text = rendered(tmp_path, store, "md")
    assert text.startswith("# 389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表\n")  # built in
    assert "自定义：1.第四届京津冀自贸试验区联席活动项目\n" in text and "自定义：2.自贸区信息化技术运维项目\n" in text
    assert "| 一级指标 |" not in text
    # From a file, the store is found by walking up to the folder that has templates/.
    one = run_perfctl("render", store / "389101" / "2025" / FIRST.name, "--format", "md")
    assert "自定义：1.第四届京津冀自贸试验区联席活动项目\n" in one.stdout


def test_store_html_templates_are_autoescaped_too(tmp_path):
    store = write(tmp_path / "store", {
        "389101/2025/hostile.yaml": (HOSTILE / "389101" / "2025" / "hostile.yaml").read_text(encoding="utf-8"),
        "templates/table.html.j2": "<b>{{ table.name }}</b>\n",
    })
    text = rendered(tmp_path, store, "html")
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;项目</b>" in text


# ---------------------------------------------------------------- golden renders of data/


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_render_of_the_bundled_store(tmp_path, fmt):
    text = rendered(tmp_path, DATA, fmt)
    golden = GOLDEN / f"389101-2025.{fmt}"
    if os.environ.get("PERFCTL_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == golden.read_bytes(), f"render differs from {golden}; review, then PERFCTL_UPDATE_GOLDEN=1"


def test_bundled_store_renders_four_tables_in_source_order(tmp_path):
    text = rendered(tmp_path, DATA, "html")
    assert re.findall(r"<h2>(.*?)</h2>", text) == [
        "1.第四届京津冀自贸试验区联席活动项目绩效目标表",
        "2.自贸改革和制度创新奖评比表彰活动项目绩效目标表",
        "3.自贸区法律服务经费绩效目标表",
        "4.自贸区信息化技术运维项目绩效目标表",
    ]
    assert [[(t, n) for row in table for c, t, n in row if c == "level1"] for table in indicator_tables(text)] == [
        [("产出指标", 6), ("效益指标", 1), ("满意度指标", 1)],
        [("产出指标", 6), ("效益指标", 1), ("满意度指标", 1)],
        [("产出指标", 5), ("效益指标", 1), ("满意度指标", 1)],
        [("产出指标", 4), ("效益指标", 1), ("满意度指标", 1)],
    ]


def test_a_document_wide_source_title_does_not_head_a_table():
    from perfctl import model
    from perfctl.render import table_context

    project = model.load(DATA / "389101" / "2025" / "自贸区法律服务经费.yaml")
    project.source.title = "2026年项目支出绩效目标表"  # printed above every table of an imported .docx
    assert table_context(project, 1)["title"] == "自贸区法律服务经费绩效目标表"
    project.source.title = "关于自贸区法律服务经费的绩效目标表（修订）"
    assert table_context(project, 1)["title"] == "关于自贸区法律服务经费的绩效目标表（修订）"
