"""The rendered HTML in a real browser: printed to A4 by headless Chromium, and at phone width.

Print: ``perfctl render --format html`` of the bundled store and of ``tests/fixtures/print/``
(one table of 22 rows whose 一级指标 groups each fit on a page, continuing on a second page; one
with a 产出指标 group of 50 rows, longer than a page; one with a long header block and a first
group of 12 rows, the longest kept on one page), printed with ``chromium --print-to-pdf``;
each page's text read with pdfplumber. Phone: the HTML in a 375 px wide iframe (a headless
window is never narrower than 500 px), measured by a script in the page around it.

Skipped when ``chromium`` is not installed, except under CI (``CI`` set), where ``.ci/run``
installs the Debian package and a missing browser is a failure.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import pytest

from conftest import DATA, ROOT, run_perfctl
from perfctl import model

FIXTURE = ROOT / "tests" / "fixtures" / "print"
HEADINGS = "一级指标二级指标三级指标绩效指标描述指标值"  # the indicator table's heading row, white space removed
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Chromium's PDF maps some CJK glyphs to radicals (⾃ for 自, ⻚ for 页): NFKC undoes the Kangxi
# ones, this table the simplified radicals NFKC leaves alone (and ⼾, which NFKC makes 戶).
_RADICALS = str.maketrans("⻚⻔⻅⻓⻛⻜⻢⻋⻉⻥⻦⻩⻬⻰⻳⻨⻙⼾", "页门见长风飞马车贝鱼鸟黄齐龙龟麦韦户")
# Measures, in the page at 375 px, every amount cell and every `nw` figure: its lines and
# whether it sticks out of its cell; and the lines of the longest text cell.
PHONE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body style="margin: 0">
<iframe id="f" src="doc.html" style="width: 375px; height: 812px; border: 0"></iframe>
<pre id="phone"></pre>
<script>
document.getElementById("f").addEventListener("load", function () {
  var doc = this.contentDocument;
  function measure(el) {
    var range = doc.createRange(), tops = {};
    range.selectNodeContents(el);
    Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width > 0) tops[Math.round(r.top)] = 1; });
    var box = range.getBoundingClientRect(), cell = el.closest("td, th").getBoundingClientRect();
    return {text: el.textContent, lines: Object.keys(tops).length,
            overflow: box.right > cell.right + 0.5 || box.left < cell.left - 0.5};
  }
  var figures = Array.prototype.filter.call(doc.querySelectorAll("td.amount, .nw"), function (el) { return el.textContent.trim(); });
  var texts = Array.prototype.map.call(doc.querySelectorAll("td.text"), measure);
  document.getElementById("phone").textContent = JSON.stringify({
    width: doc.documentElement.clientWidth, scroll_width: doc.documentElement.scrollWidth,
    figures: figures.map(measure), text_lines: Math.max.apply(null, texts.map(function (t) { return t.lines; }))});
});
</script></body></html>
"""


def normal(text: str) -> str:
    """PDF text as written: radicals back to characters, full-width forms and spaces folded (NFKC)."""
    return unicodedata.normalize("NFKC", text.translate(_RADICALS))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", normal(text))


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs the Debian package")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium fonts-wqy-microhei)")
    return path


def chromium(browser: str, url: str, *args: str) -> str:
    """Run headless Chromium on ``url`` with its own profile; its standard output."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def print_pdf(browser: str, html: Path) -> Path:
    pdf = html.with_suffix(".pdf")
    chromium(browser, html.as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    return pdf


def phone(browser: str, html: Path) -> dict:
    """What the PHONE script measured in ``html`` at 375 px."""
    folder = html.parent / f"phone-{html.stem}"
    folder.mkdir()
    shutil.copy(html, folder / "doc.html")
    (folder / "phone.html").write_text(PHONE, encoding="utf-8")
    dom = chromium(browser, (folder / "phone.html").as_uri(), "--allow-file-access-from-files",
                   "--hide-scrollbars", "--dump-dom")
    found = re.search(r'<pre id="phone">(.*?)</pre>', dom, re.DOTALL)
    assert found and found.group(1), dom[-2000:]
    return json.loads(unescape(found.group(1)))


def pages(pdf: Path) -> list[dict]:
    """Per page: ``text`` (:func:`normal`, lines), ``first`` line, and ``columns``: the text of
    each indicator-table column below its heading row, white space removed (``[]`` when the
    page has no 一级指标 heading)."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # "Could not get FontBBox" from the subset fonts
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            text = normal(page.extract_text())
            out.append({"text": text, "first": text.splitlines()[0], "columns": _columns(page)})
    return out


def _columns(page) -> list[str]:
    heading = next((w for w in page.extract_words() if normal(w["text"]) == "一级指标"), None)
    if heading is None:
        return []
    # Chromium draws cell borders as thin rectangles: the vertical ones below the heading row
    # are the column edges of the indicator table.
    edges = sorted({round(r["x0"], 1) for r in page.rects
                    if r["width"] < 2 and r["height"] > 2 and r["top"] >= heading["top"] - 10})
    bottom = page.height - 18 / 25.4 * 72  # above the page number in the 18 mm bottom margin
    return [squeeze(page.crop((left, heading["bottom"] + 2, right, bottom)).extract_text() or "")
            for left, right in zip(edges, edges[1:])]


@pytest.fixture(scope="module")
def browser() -> dict:
    """The two stores rendered and printed, and the phone measurements, run side by side."""
    path = chromium_path()
    work = Path(tempfile.mkdtemp(prefix="perfctl-print-"))
    html = {}
    for name, store in (("data", DATA), ("fixture", FIXTURE)):
        r = run_perfctl("render", store, "--format", "html", "--out", work / name)
        assert r.returncode == 0, r.stderr
        html[name] = (work / name / "389101-2025.html").rename(work / f"{name}.html")
    text = html["data"].read_text(encoding="utf-8")
    unwrapped = text.replace("td.amount { font-variant-numeric: tabular-nums; white-space: nowrap; }",
                             "td.amount { font-variant-numeric: tabular-nums; }").replace(".nw { white-space: nowrap; }", "")
    assert unwrapped.count("nowrap") == text.count("nowrap") - 2
    html["unwrapped"] = work / "unwrapped.html"
    html["unwrapped"].write_text(unwrapped, encoding="utf-8")
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = {name: pool.submit(print_pdf, path, html[name]) for name in ("data", "fixture")}
        phones = {name: pool.submit(phone, path, html[name]) for name in ("data", "fixture", "unwrapped")}
        result = {"pdf": {name: pages(f.result()) for name, f in pdfs.items()},
                  "phone": {name: f.result() for name, f in phones.items()}}
    shutil.rmtree(work)
    return result


def projects(store: Path) -> list[model.Project]:
    from perfctl import store as stores
    return stores.document_order(model.load(p) for p in sorted(store.rglob("*.yaml")))


def by_project(printed: list[dict], titles: list[str]) -> list[list[dict]]:
    """The pages of each table: its first page has its ``<h2>`` title, each next one is a continuation."""
    out: list[list[dict]] = []
    for page in printed:
        lines = page["text"].splitlines()
        number = len(out)
        if number < len(titles) and titles[number] in lines[:4]:
            out.append([])
        out[-1].append(page)
    return out


def titles(store: Path) -> list[str]:
    """The ``<h2>`` of each table, ``1.<title>`` …"""
    from perfctl import render
    return [f"{t['number']}.{t['title']}" for t in render.documents(projects(store))[0]["tables"]]


# ---------------------------------------------------------------- print


def test_every_page_is_numbered(browser):
    for printed in browser["pdf"].values():
        n = len(printed)
        assert [squeeze(p["text"].splitlines()[-1]) for p in printed] == [f"第{k}页共{n}页" for k in range(1, n + 1)]


def test_bundled_store_prints_one_page_per_table_without_continued_lines(browser):
    printed = browser["pdf"]["data"]
    assert len(printed) == 4
    heading = "".join(printed[0]["text"].splitlines()[:2])  # the <h1>, on two lines
    assert squeeze(heading) == squeeze("389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表")
    assert [len(pages) for pages in by_project(printed, titles(DATA))] == [1, 1, 1, 1]
    for page in printed:
        assert "续表" not in page["text"]  # printed nowhere: each table fits on its page
        assert HEADINGS in squeeze(page["text"])
        assert squeeze("389101 中国（天津）自由贸易试验区管理委员会办公室 单位：元") in squeeze(page["text"])


def test_continuation_pages_start_with_continued_and_the_title(browser):
    heads = titles(FIXTURE)
    assert heads == ["1.自贸试验区制度创新综合服务项目绩效目标表", "2.片区企业合规辅导项目绩效目标表",
                     "3.自贸试验区营商环境第三方评估项目绩效目标表"]
    tables = by_project(browser["pdf"]["fixture"], heads)
    assert [len(pages) >= least for pages, least in zip(tables, (2, 3, 2))] == [True] * 3 and len(tables) == 3
    for title, pages in zip(heads, tables):
        assert "续表" not in pages[0]["text"]  # the table's own first page (the clipped first instance)
        for page in pages[1:]:
            lines = page["text"].splitlines()
            assert [squeeze(line) for line in lines[:2]] == [squeeze(f"续表　{title}"), HEADINGS]
            assert page["text"].count("续表") == 1


def test_continuation_pages_start_a_group_and_show_its_labels(browser):
    """Groups that fit on a page are never broken: each continuation page starts a 一级指标
    group, with its 一级 and 二级 labels in their columns."""
    rows = projects(FIXTURE)[0].indicators
    pages = by_project(browser["pdf"]["fixture"], titles(FIXTURE))[0]
    starts = []
    for page in pages[1:]:
        level1, level2, names = page["columns"][:3]
        first = next(k for k, row in enumerate(rows) if names.startswith(squeeze(row.name)))
        starts.append(first)
        assert first == 0 or rows[first - 1].level1 != rows[first].level1, f"page starts inside a group: {rows[first].name}"
        assert level1.startswith(rows[first].level1) and level2.startswith(rows[first].level2)
    assert starts  # the table does continue


def test_a_long_first_group_starts_under_the_header_block(browser):
    """The first group of table 2 (50 rows) is longer than a page: not kept whole (no class keep),
    it starts on the table's first page, under the header block, and breaks where the page ends;
    the next page starts with 续表 and goes on with its rows."""
    pages = by_project(browser["pdf"]["fixture"], titles(FIXTURE))[1]
    first = pages[0]["text"]
    assert "项目名称 片区企业合规辅导项目" in first and HEADINGS in squeeze(first) and "续表" not in first
    level1, level2, names = pages[0]["columns"][:3]
    assert names.startswith("完成第1批企业合规辅导") and level1.startswith("产出指标") and level2.startswith("数量指标")
    assert squeeze(pages[1]["text"].splitlines()[0]) == squeeze("续表　2.片区企业合规辅导项目绩效目标表")


def test_a_kept_first_group_that_does_not_fit_starts_the_next_page_with_continued(browser):
    """The first group of table 3 (12 rows, kept on one page) does not fit under its long header
    block: the indicator table starts on the next page, which is a continuation page and says so."""
    pages = by_project(browser["pdf"]["fixture"], titles(FIXTURE))[2]
    first = pages[0]["text"]
    assert "项目名称 自贸试验区营商环境第三方评估项目" in first and "一级指标" not in first
    assert squeeze(pages[1]["text"].splitlines()[0]) == squeeze("续表　3.自贸试验区营商环境第三方评估项目绩效目标表")
    level1, level2, names = pages[1]["columns"][:3]
    assert names.startswith("营商环境政策文件梳理") and level1.startswith("产出指标") and level2.startswith("数量指标")
    assert names.endswith("受访企业满意度") and len(pages) == 2  # the whole indicator table on that page


# ---------------------------------------------------------------- phone


def test_phone_width_never_breaks_an_amount_or_a_figure(browser):
    for name in ("data", "fixture"):
        measured = browser["phone"][name]
        assert measured["width"] == 375 and measured["scroll_width"] == 375  # nothing wider than the screen
        figures = measured["figures"]
        assert [f for f in figures if f["lines"] != 1 or f["overflow"]] == []
        assert measured["text_lines"] >= 3  # long texts still wrap
    texts = {f["text"] for f in browser["phone"]["data"]["figures"]}
    assert {"200000.00", "230000.00", "2025年12月前", "≥15次", "≤3万元", "≤48小时"} <= texts


def test_phone_check_fails_without_the_nowrap_css(browser):
    wrapped = {f["text"] for f in browser["phone"]["unwrapped"]["figures"] if f["lines"] > 1}
    assert {"200000.00", "2025年12月前"} <= wrapped
