"""A published report as lines of text, whatever its form.

* plain text (as copied from a page or extracted from a PDF): as it is; table cells
  are separated by ``|``, tabs or runs of spaces;
* saved HTML: the real table cells (one ``| a | b |`` line per table row, via
  BeautifulSoup), paragraphs one per line;
* ``.docx`` (python-docx): paragraphs and table rows in document order;
* PDF with a text layer (pdfplumber): each page's text.

The last three need the optional extras ``html``, ``docx`` and ``pdf``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ..messages import message
from ..report import ReportError

if TYPE_CHECKING:
    from bs4.element import Tag

_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "table", "tbody")


def _need(module: str, extra: str) -> NoReturn:
    raise ReportError(message("published.needs_module", module=module, extra=extra))


def read_lines(path: str | os.PathLike[str]) -> list[str]:
    p = Path(path)
    if not p.is_file():
        raise ReportError(message("case.cannot_read", path=str(p), why=message("case.os.missing")))
    suffix = p.suffix.lower()
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return html_lines(_text(p))
    if suffix == ".docx":
        return docx_lines(p)
    if suffix == ".pdf":
        return pdf_lines(p)
    return _text(p).splitlines()


def _text(p: Path) -> str:
    data = p.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ReportError(message("published.not_text", path=str(p)))


def _cell_text(el: Tag) -> str:
    return " ".join(el.get_text(" ").split())


def html_lines(html: str) -> list[str]:
    try:
        from bs4 import BeautifulSoup
    except ImportError:
        _need("beautifulsoup4", "html")
    soup = BeautifulSoup(html, "html.parser")
    for bad in soup(["script", "style", "head", "noscript"]):
        bad.decompose()
    for tr in soup.find_all("tr"):
        cells = [_cell_text(td) for td in tr.find_all(["td", "th"], recursive=False)]
        tr.replace_with("\n| " + " | ".join(cells) + " |\n")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for el in soup.find_all(_BLOCKS):
        el.insert_before("\n")
        el.insert_after("\n")
    return [line.strip() for line in soup.get_text("").splitlines() if line.strip()]


def docx_lines(path: Path) -> list[str]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        _need("python-docx", "docx")
    try:
        document = docx.Document(str(path))
    except Exception as exc:       # python-docx raises several kinds for a damaged file
        raise ReportError(message("published.bad_docx", path=str(path), detail=str(exc))) from None
    out = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            out.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                seen, cells = set(), []
                for cell in row.cells:          # a merged cell comes back once per grid column
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(" ".join(cell.text.split()))
                out.append("| " + " | ".join(cells) + " |")
    return out


def pdf_lines(path: Path) -> list[str]:
    try:
        import pdfplumber
    except ImportError:
        _need("pdfplumber", "pdf")
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:       # pdfminer raises many kinds for a damaged file
        raise ReportError(message("published.bad_pdf", path=str(path), detail=str(exc))) from None
    if not any(p.strip() for p in pages):
        raise ReportError(message("published.no_text_layer", path=str(path)))
    return "\n".join(pages).splitlines()
