"""Make ``shanghai-office-2025.pdf`` from ``shanghai-office-2025.md``: each line of the text
on a line of a PDF page, in reportlab's built-in Chinese CID font (STSong-Light), so that the
PDF reader (pdfplumber) is tested on a real report's text. Not a dependency of the project:

    python -m venv /tmp/rl && /tmp/rl/bin/pip install reportlab
    /tmp/rl/bin/python tests/data/reports/make_pdf.py
"""

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
SIZE, LEAD, MARGIN = 7, 10, 30


def main(src="shanghai-office-2025.md", out="shanghai-office-2025.pdf"):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = landscape(A4)
    c = canvas.Canvas(str(HERE / out), pagesize=(width, height), invariant=1)
    y = height - MARGIN
    for line in (HERE / src).read_text(encoding="utf-8").splitlines():
        if y < MARGIN:
            c.showPage()
            y = height - MARGIN
        c.setFont("STSong-Light", SIZE)
        c.drawString(MARGIN, y, line)
        y -= LEAD
    c.save()


if __name__ == "__main__":
    main()
