"""``render --format docx``: a :class:`~perfctl.office.form.Form` as a Word document (python-docx).

The page is A4 portrait, margins 2.5 cm top and bottom and 2.0 cm left and right, as the
published 绩效目标表 attachments print. The front matter (the ``<h1>``) heads the first page;
each section (one project's table, 表1, 表2 …) after the first starts on a new page. Text is
宋体 10.5 pt (五号) with digits in Times New Roman, headings 黑体 throughout; the footer centres
``第 X 页`` (a PAGE field). Tables are built by :mod:`perfctl.office.wordtable`.

The styles, page and footer are set up once per process in a template package
(:func:`_template`): python-docx's own template carries 400 KB of styles that every save would
otherwise serialize again. Files are reproducible: the document's created and modified times
and every zip entry's time come from ``SOURCE_DATE_EPOCH`` (seconds since 1970-01-01 UTC) when
it is set, so two renders of the same store are the same bytes; else from now.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from typing import IO, Any

from perfctl.office import wordtable
from perfctl.office.form import Form, Paragraph, Table
from perfctl.office.stamp import StampedZipFile, document_time

#: A4 in twentieths of a point (twips): 210 × 297 mm.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
#: Margins in twips: 2.5 cm top and bottom, 2.0 cm left and right; header and footer 1.5 cm.
MARGINS = {"top": 1418, "bottom": 1418, "left": 1134, "right": 1134, "header": 851, "footer": 851}
#: The width tables and the meta line's right tab stop fill: 170 mm.
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
#: Faces: Latin text in Times New Roman (as official documents print digits), Chinese in 宋体, headings
#: 黑体 (their digits and Latin letters too).
LATIN, BODY, HEADING = "Times New Roman", "宋体", "黑体"
#: Paragraph styles written afresh over python-docx's template: id → (name, east Asian face, size in
#: half-points, alignment, space before and after in twips, keep with next, outline level or None).
STYLES = {
    "Normal": ("Normal", BODY, 21, None, 0, 0, False, None),
    "Title": ("Title", HEADING, 36, "center", 0, 240, True, None),  # 小二
    "Heading1": ("heading 1", HEADING, 32, "center", 0, 120, True, 0),  # 三号
    "Subtitle": ("Subtitle", BODY, 24, "center", 0, 120, True, None),  # 小四
    "Footer": ("footer", BODY, 18, "center", 0, 0, False, None),  # 小五
}
#: Relationships of python-docx's template to parts a generated form has no use for: a
#: thumbnail of an empty page, the copy of the styles for Word 2010, and the application
#: properties (``Microsoft Macintosh Word``, 1 page, 0 words: stale; Word writes its own).
_UNUSED = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
           "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
           "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties")
#: The style of each paragraph role of the form (:data:`perfctl.office.form.ROLES`); others: Normal.
ROLE_STYLES = {"title": "Title", "heading": "Heading1", "subtitle": "Subtitle"}


def write(form: Form, fh: IO[bytes]) -> None:
    """Write ``form`` to the binary stream ``fh`` as a .docx package: the front matter, then each
    section, tables as Word tables (:func:`perfctl.office.wordtable.table`). Core properties:
    title ``form.title``, created and modified at :func:`perfctl.office.stamp.document_time`.
    Raises :class:`~perfctl.errors.UsageError` for a malformed ``SOURCE_DATE_EPOCH``; ``OSError``
    from ``fh`` passes through."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    when = document_time()
    document = Document(io.BytesIO(_template()))
    xml = _blocks(form.front, page_break=False)
    for k, section in enumerate(form.sections):
        xml += _blocks(section.blocks, page_break=k > 0)
    body = document.element.body
    fragment = parse_xml(f'<w:body {nsdecls("w")}>{"".join(xml)}</w:body>')
    end = body.sectPr  # the section properties stay the body's last child
    for child in list(fragment):
        end.addprevious(child)
    props = document.core_properties
    props.title = form.title[:255]  # the property's limit
    props.created = props.modified = when
    _save(document, fh, when)


def _blocks(blocks: list[Paragraph | Table], page_break: bool) -> list[str]:
    """The ``w:p`` and ``w:tbl`` XML of ``blocks``; ``page_break``: the first one starts a new
    page. Two tables in a row get a hairline paragraph between them, or Word would join them
    into one table (and the second one's header could no longer repeat); the first has no rule
    under its last row, so the seam prints as one line, and is kept on a page with the start of
    the second (the 表头 block with the indicator table's first rows)."""
    out: list[str] = []
    after_table = False
    blocks = [b for b in blocks if not isinstance(b, Table) or b.cells and b.widths]  # an empty table: none
    for k, block in enumerate(blocks):
        if isinstance(block, Table):
            if after_table or page_break:
                out.append(wordtable.separator(page_break=page_break))
                page_break = False
            seam = k + 1 < len(blocks) and isinstance(blocks[k + 1], Table)  # printed as one ruled form
            out.append(wordtable.table(block, TEXT_WIDTH, keep_next=seam, open_bottom=seam))
            after_table = True
            continue
        if block.role == "meta":
            out.append(wordtable.meta(block.parts, TEXT_WIDTH, page_break=page_break))
        else:
            out.append(wordtable.paragraph(block.text, style=ROLE_STYLES.get(block.role), role=block.role,
                                           page_break=page_break))
        page_break = after_table = False
    return out


@functools.lru_cache(maxsize=1)
def _template() -> bytes:
    """python-docx's template package made ready once: A4 portrait with :data:`MARGINS`, the
    :data:`STYLES` (Chinese faces set on ``w:eastAsia``: ``font.name`` sets only the Latin one,
    python-docx #1396), styles not used dropped (Word's built-in ones stay available), a footer
    with the page number, and none of the parts :data:`_UNUSED` names."""
    from docx import Document
    from docx.shared import Twips

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side, twips in MARGINS.items():
        setattr(section, f"{side}_margin" if side in ("top", "bottom", "left", "right") else f"{side}_distance",
                Twips(twips))
    _styles(document.styles.element)
    wordtable.page_number(section.footer.paragraphs[0], "Footer")
    for rels in (document.part.package.rels, document.part.rels):  # parts of no use in a generated form
        for r_id in [k for k, rel in rels.items() if rel.reltype in _UNUSED]:
            rels.pop(r_id)
    props = document.core_properties  # python-docx's template names itself the author
    props.author, props.comments = "perfctl", ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _styles(styles: Any) -> None:
    """Replace the document defaults and :data:`STYLES` in ``styles`` (``w:styles``) and drop the
    template's other style definitions except the defaults Word expects."""
    from docx.oxml.ns import qn

    keep = {"DefaultParagraphFont", "TableNormal", "NoList"}
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in keep:
            continue
        styles.remove(style)
    for defaults in styles.findall(qn("w:docDefaults")):
        styles.remove(defaults)
    styles.insert(0, wordtable.doc_defaults(LATIN, BODY, 21))
    for style_id, spec in STYLES.items():
        # A 黑体 heading's digits and Latin letters are 黑体 too: Times New Roman in a 黑体 line
        # looks like another font (the year in 2025年度); body text keeps Times New Roman digits.
        latin = HEADING if spec[1] == HEADING else LATIN
        styles.append(wordtable.style(style_id, latin, *spec))


def _save(document: Any, fh: IO[bytes], when: dt.datetime) -> None:
    """Save ``document`` into ``fh`` as python-docx does, but with every zip entry dated ``when``
    (python-docx dates them by the clock, so two saves a second apart differ): the steps of its
    ``PackageWriter.write`` (python-docx 1.x, private; the test of reproducible bytes notices a
    change), fed a zip writer of our own."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    if not hasattr(PackageWriter, "_write_parts"):  # another python-docx: valid, dated by the clock
        package.save(fh)
        return
    parts = package.parts
    for part in parts:
        part.before_marshal()
    with StampedZipFile(fh, when) as archive:
        writer = _Members(archive)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)


class _Members:
    """The physical package writer python-docx's ``PackageWriter`` expects, over a stamped zip."""

    def __init__(self, archive: StampedZipFile) -> None:
        self.archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.archive.writestr(pack_uri.membername, blob)
