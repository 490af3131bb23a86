"""The Jinja filters of perfctl's templates: ``md`` (a Markdown table cell), ``br`` (an HTML text
with its line breaks) and ``nw`` (as ``br``, figures kept on one line).

markupsafe (jinja2's) is imported inside the filters, so importing this module stays cheap.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markupsafe import Markup

# Characters a Markdown table cell must backslash-escape (GitHub Flavored Markdown):
# emphasis, code, links, strikethrough, math, the cell separator and the escape itself.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|$])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def md(value: object) -> str:
    """Escape text for one cell of a GitHub Markdown table (the ``md`` template filter).

    ``&``, ``<``, ``>`` become HTML entities (so ``<script>`` is inert text); Markdown
    specials ``\\ ` * _ [ ] ~ | $`` get a backslash (``≥**人`` stays literal, ``|`` does not
    end the cell); line breaks become ``<br>``; other control characters (an escape
    sequence a value could carry into a terminal that shows the file) become visible
    ``\\x1b`` text and a tab a space (:func:`perfctl.terminal.clean`); ASCII white space at
    the ends is trimmed (a full-width space U+3000 is the writer's and stays).
    ``None`` gives ``""``.
    """
    from perfctl.terminal import clean

    if value is None:
        return ""
    text = str(value).strip(" \t\r\n").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return clean(_LINE_BREAK.sub("<br>", _MD_SPECIAL.sub(r"\\\1", text)))


def br(value: object) -> Markup:
    """Text for an HTML template with its line breaks kept (the ``br`` filter): escaped,
    then each line break (``\\n``, ``\\r\\n``, ``\\r``) as ``<br>``, the form markup's line break
    that the .docx/.xlsx writers and the HTML importer read back. ``None`` gives ``""``.
    Returns :class:`markupsafe.Markup`, so autoescaping does not escape it twice."""
    from markupsafe import Markup, escape

    if value is None:
        return Markup("")
    return Markup("<br>").join(escape(line) for line in _LINE_BREAK.split(str(value)))


def nowrap(value: object) -> Markup:
    """As :func:`br`, and each figure a narrow screen must not break inside wrapped in
    ``<span class="nw">`` (the ``nw`` filter; ``print.css`` sets ``white-space: nowrap``):
    a number with its comparison sign and unit (``≥15次``, ``≤3万元``, ``100%``, ``≥1500人次``,
    ``1,234.50``) or a date (``2025年12月前``, ``2025年10月31日前``). Units are those of
    ``lexicons/units.yaml``; other text is left to wrap."""
    from markupsafe import Markup, escape

    figure = _figure()

    def line(text: str) -> Markup:
        out, at = [], 0
        for m in figure.finditer(text):
            if len(m.group()) < 2:
                continue  # one character cannot break inside
            out += [escape(text[at:m.start()]), Markup('<span class="nw">'), escape(m.group()), Markup("</span>")]
            at = m.end()
        out.append(escape(text[at:]))
        return Markup("").join(out)

    if value is None:
        return Markup("")
    return Markup("<br>").join(line(text) for text in _LINE_BREAK.split(str(value)))


@functools.lru_cache(maxsize=1)
def _figure() -> re.Pattern[str]:
    """The pattern of one figure for :func:`nowrap`, built from the units lexicon."""
    from perfctl.lexicons import units
    from perfctl.target.dates import LIMIT

    lex = units()
    names = {*lex.money, *lex.time, *lex.ratio, *lex.count, *lex.measures, *lex.aliases}
    unit = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    scale = "|".join(map(re.escape, lex.scales))  # longest first
    value = rf"\d[\d,]*(?:\.\d+)?(?:{scale})?(?:{unit})?"
    date = (r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?|第?[一二三四1-4]季度|[上下]半年)?"
            r"|\d{1,2}月\d{1,2}日|\d{1,2}月(?=底|末)")
    return re.compile(rf"[≥≤><=＞＜≧≦±]?\s?(?:(?:{date})(?:{LIMIT})?|{value}(?:\s?[-~～至]\s?{value})?)")

