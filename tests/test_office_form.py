"""The form model read from rendered HTML (perfctl.office.form): what the .docx and .xlsx writers get."""

from __future__ import annotations

import pytest

from conftest import DATA, run_perfctl
from perfctl import store
from perfctl.errors import InputError
from perfctl.office.form import Paragraph, Table, parse

PAGE = """<!DOCTYPE html><html><head><title>文档标题</title><style>p {{ color: red }}</style></head>
<body><h1>总标题</h1>{body}</body></html>"""


def one_table(html: str) -> Table:
    [section] = parse(PAGE.format(body=f'<section class="project">{html}</section>')).sections
    [table] = [b for b in section.blocks if isinstance(b, Table)]
    return table


def test_front_matter_sections_and_paragraph_roles():
    form = parse(PAGE.format(body="""
<section class="project"><h2>1.甲项目绩效目标表</h2><p class="subtitle">（2025年度）</p>
<div class="meta"><p>389101 中国</p><p>单位：元</p></div><table><tr><td>x</td></tr></table>
<p class="sign">填报单位（盖章）：</p><p class="note">注</p></section>
<section class="project"><h2>2.乙</h2><p class="print-only">续表</p></section>"""))
    assert form.title == "文档标题"
    assert form.front == [Paragraph(["总标题"], "title")]
    first, second = form.sections
    assert first.heading == "1.甲项目绩效目标表" and second.heading == "2.乙"
    roles = [(b.role, b.parts) for b in first.blocks if isinstance(b, Paragraph)]
    assert roles == [("heading", ["1.甲项目绩效目标表"]), ("subtitle", ["（2025年度）"]),
                     ("meta", ["389101 中国", "单位：元"]), ("sign", ["填报单位（盖章）："]), ("note", ["注"])]
    assert [type(b).__name__ for b in first.blocks] == ["Paragraph"] * 3 + ["Table"] + ["Paragraph"] * 2
    assert second.blocks == [Paragraph(["2.乙"], "heading")]  # the print-only line is left out


def test_cells_are_placed_as_browsers_place_them():
    table = one_table("""<table><thead><tr class="print-only"><th colspan="3">续表</th></tr>
<tr><th>一级指标</th><th>二级指标</th><th>指标值</th></tr></thead>
<tbody><tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>≥15次</td></tr>
<tr><td>≥8篇</td></tr><tr><td>质量指标</td><td class="amount">1,234.50</td></tr></tbody></table>""")
    assert table.rows == 4 and table.head == 1  # the print-only row is not a row
    placed = [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells]
    assert placed == [("一级指标", 0, 0, 1, 1), ("二级指标", 0, 1, 1, 1), ("指标值", 0, 2, 1, 1),
                      ("产出指标", 1, 0, 3, 1), ("数量指标", 1, 1, 2, 1), ("≥15次", 1, 2, 1, 1),
                      ("≥8篇", 2, 2, 1, 1), ("质量指标", 3, 1, 1, 1), ("1,234.50", 3, 2, 1, 1)]
    assert [c.bold for c in table.cells[:4]] == [True, True, True, False]
    assert [c.number for c in table.cells] == [False] * 8 + [True]


def test_text_keeps_line_breaks_and_collapses_white_space():
    table = one_table("""<table><tr><td class="text"><p>1.第一  条</p><p>2.第二
条<br>第二行</p></td><td>&nbsp;a <span class="nw">≥15</span>次 </td></tr></table>""")
    first, second = table.cells
    assert first.text == "1.第一 条\n2.第二 条\n第二行" and first.left
    assert second.text == "a ≥15次" and not second.left


def test_merge_up_cells_fold_into_the_cell_above_across_tbodies():
    """The 101号 form's 绩效指标 column: the header's cell, then one merge-up cell per <tbody>
    (a row span cannot cross one): one cell down the whole column for the writers."""
    table = one_table("""<table><thead><tr><th class="block">绩效指标</th><th>一级指标</th><th>指标值</th></tr></thead>
<tbody><tr><td class="block merge-up" rowspan="2"></td><td rowspan="2">产出指标</td><td>≥15次</td></tr><tr><td>≥8篇</td></tr></tbody>
<tbody><tr><td class="merge-up block" rowspan="1"></td><td>效益指标</td><td>有效提升</td></tr></tbody>
<tbody><tr><td class="block merge-up label" data-label="绩效指标"></td><td>满意度指标</td><td>≥90%</td></tr></tbody></table>""")
    placed = [(c.text, c.row, c.col, c.rowspan, c.colspan, c.bold) for c in table.cells]
    assert placed == [("绩效指标", 0, 0, 5, 1, True), ("一级指标", 0, 1, 1, 1, True), ("指标值", 0, 2, 1, 1, True),
                      ("产出指标", 1, 1, 2, 1, False), ("≥15次", 1, 2, 1, 1, False), ("≥8篇", 2, 2, 1, 1, False),
                      ("效益指标", 3, 1, 1, 1, False), ("有效提升", 3, 2, 1, 1, False),
                      ("满意度指标", 4, 1, 1, 1, False), ("≥90%", 4, 2, 1, 1, False)]
    assert (table.rows, table.head) == (5, 1)


def test_merge_up_needs_a_cell_of_the_same_columns_ending_where_it_starts():
    """Its text, if any, becomes a further line of the cell above; without a cell above of the
    same column span (or on the first row) it stays a cell of its own, as a browser shows it."""
    table = one_table("""<table><tr><td class="merge-up">甲</td><td colspan="2">乙</td></tr>
<tr><td>丙</td><td class="merge-up">丁</td><td>戊</td></tr>
<tr><td class="merge-up">己</td><td class="merge-up" colspan="2">庚</td></tr></table>""")
    placed = [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells]
    assert placed == [("甲", 0, 0, 1, 1), ("乙", 0, 1, 1, 2), ("丙\n己", 1, 0, 2, 1), ("丁", 1, 1, 1, 1),
                      ("戊", 1, 2, 1, 1), ("庚", 2, 1, 1, 2)]


def test_widths_from_the_colgroup_and_what_is_left():
    table = one_table("""<table><colgroup><col style="width: 20%"><col><col span="2" style="width:10%"><col></colgroup>
<tr><td>a</td><td>b</td><td>c</td><td>d</td><td>e</td></tr></table>""")
    assert table.widths == pytest.approx([0.2, 0.3, 0.1, 0.1, 0.3])
    bare = one_table("<table><tr><td>a</td><td colspan='3'>b</td></tr></table>")
    assert bare.widths == pytest.approx([0.25] * 4)


def test_a_page_without_a_body_is_an_input_error():
    with pytest.raises(InputError, match="no <body>"):
        parse("<html><head><title>x</title></head><frameset></frameset></html>")


def test_the_bundled_store_reads_as_four_sections_with_every_figure(tmp_path):
    html = run_perfctl("render", DATA, "--format", "html").stdout
    form = parse(html)
    projects = store.document_order(store.load_all([DATA])[0])
    assert [s.heading for s in form.sections] == [f"{n}.{p.name}绩效目标表" for n, p in enumerate(projects, 1)]
    for section, project in zip(form.sections, projects):
        tables = [b for b in section.blocks if isinstance(b, Table)]
        figures = [c.text for t in tables for c in t.cells if c.number]
        assert figures == [f"{project.budget.total:.2f}", f"{project.budget.fiscal:.2f}", f"{project.budget.other:.2f}"]
        indicators = tables[-1]
        header = [c.text for c in indicators.cells if c.row < indicators.head]
        name, target = header.index("三级指标"), header.index("指标值")
        body = [c for c in indicators.cells if c.row >= indicators.head]
        assert [c.text for c in body if c.col == name] == [i.name for i in project.indicators]
        assert [c.text for c in body if c.col == target] == [i.target for i in project.indicators]
        level1 = [(c.text, c.rowspan) for c in body if c.col == 0]
        assert sum(span for _, span in level1) == len(project.indicators)


def test_what_a_store_template_may_get_wrong_is_an_input_error_or_ignored():
    with pytest.raises(InputError, match="cannot be read as HTML"):
        parse("   ")
    table = one_table("""<table><colgroup><col style="width: 1..2%"><col></colgroup>
<tr><td rowspan="0">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>""")
    assert table.widths == pytest.approx([0.5, 0.5])  # a malformed width is no width
    assert [(c.text, c.row, c.col, c.rowspan) for c in table.cells][:1] == [("a", 0, 0, 3)]  # 0: to the end
