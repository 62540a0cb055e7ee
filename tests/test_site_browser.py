"""The site and the sheets in a real browser: headless Chromium (Debian's
``chromium``, driven by Playwright through its executable path; Playwright
never downloads a browser here) opens every page of the rulebook and the sheet
of every example case, with no console error, no failed request and no
request outside the site folder, and takes a screenshot of each; the
screenshots must not be blank.

Chromium starts with background networking, component updates, sync and
QUIC turned off, in a fresh profile, so that "no request outside the site"
means something.  `.ci/run` installs chromium; without it these tests skip.
Set DISCLOSURE_RULES_SCREENSHOTS=DIR to keep the screenshots.
"""

import os
import shutil
from pathlib import Path

import pytest

from disclosure_rules.cli import main
from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; "
                                                         ".ci/run installs it for CI)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    site = base / "site"
    assert main(["rulebook", "--out", str(site)]) == 0
    sheets = base / "sheets"
    for p in EXAMPLES:
        for lang in ("zh", "en"):
            assert main(["timeline", str(p), "--as-of", "2026-11-24", "--format", "html", "--lang", lang,
                         "--out", str(sheets / f"{p.stem}.{lang}.html")]) == 0
    return base


@pytest.fixture(scope="module")
def browser(built):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(str(built / "profile"), executable_path=CHROMIUM,
                                                        headless=True, args=FLAGS, timeout=120_000,
                                                        viewport={"width": 1100, "height": 900})
        yield context
        context.close()


def visit_all(context, folder: Path, shots: Path):
    """Open every page under folder; returns (problems, screenshots)."""
    prefix = folder.resolve().as_uri() + "/"
    problems, taken, forwarded = [], [], []
    page = context.new_page()
    page.set_default_timeout(90_000)             # a loaded machine (parallel CI jobs) is slow, not wrong
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: r.url.startswith(prefix) or problems.append(f"outside the site: {r.url}"))
    for p in sorted(folder.rglob("*.html")):
        page.goto(p.resolve().as_uri(), wait_until="load")
        if 'http-equiv="refresh"' in p.read_text(encoding="utf-8"):  # the root index forwards to a language:
            page.wait_for_url("**/zh/index.html")                   # its target has its own screenshot, and
            forwarded.append(p)                                      # capturing mid-swap fails now and then
            continue
        shot = shots / (p.relative_to(folder).as_posix().replace("/", "_") + ".jpg")
        try:
            page.screenshot(path=str(shot), type="jpeg", quality=70)    # JPEG: a third faster than PNG
        except Exception as exc:
            raise AssertionError(f"screenshot of {p.relative_to(folder)} (now at {page.url}): {exc}") from None
        taken.append(shot)
    page.close()
    assert len(forwarded) <= 1
    return problems, taken, forwarded


def not_blank(shot: Path) -> bool:
    from PIL import Image
    with Image.open(shot) as im:
        gray = im.convert("L").crop((0, 60, im.width, im.height))      # below the site's dark navigation bar
        dark = sum(gray.histogram()[:200])                 # pixels clearly darker than the white page
        return gray.getextrema()[0] < 100 and dark > 0.005 * gray.width * gray.height


def shots_dir(tmp: Path) -> Path:
    d = Path(os.environ.get("DISCLOSURE_RULES_SCREENSHOTS") or tmp)
    d.mkdir(parents=True, exist_ok=True)
    return d


def test_every_page_of_the_site_in_chromium(browser, built, tmp_path):
    problems, shots, forwarded = visit_all(browser, built / "site", shots_dir(tmp_path))
    assert problems == [] and forwarded == [built / "site" / "index.html"]
    assert len(shots) == len(list((built / "site").rglob("*.html"))) - 1 > 100     # all but the forwarding index
    blank = [s.name for s in shots if not not_blank(s)]
    assert blank == []


def test_the_sheet_of_every_example_case_in_chromium(browser, built, tmp_path):
    problems, shots, _ = visit_all(browser, built / "sheets", shots_dir(tmp_path))
    assert problems == [] and len(shots) == 2 * len(EXAMPLES)
    assert [s.name for s in shots if not not_blank(s)] == []


def test_search_finds_the_jinchang_correction_period(browser, built):
    page = browser.new_page()
    page.goto((built / "site" / "zh" / "index.html").resolve().as_uri())
    assert page.is_visible("#search")
    page.fill("#q", "金昌 补正")
    hits = page.locator("#hits a")
    assert hits.count() >= 1
    hrefs = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
    assert any(h.startswith("rules/gansu-jinchang.html#") for h in hrefs)
    page.close()


def test_blank_screenshots_are_caught(browser, tmp_path):
    """The blank check itself can fail: an empty page is blank."""
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><title>x</title>")
    page.screenshot(path=str(tmp_path / "empty.jpg"), type="jpeg", quality=70)
    page.close()
    assert not not_blank(tmp_path / "empty.jpg")


def test_requests_outside_the_site_and_console_errors_are_caught(browser, tmp_path):
    """The checks themselves can fail: a file beside the site, a network address, a script error."""
    (tmp_path / "beside.css").write_text("body{}", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text('<!DOCTYPE html><title>a</title><link rel="stylesheet" href="../beside.css">'
                                 '<script src="http://127.0.0.1:9/x.js"></script><script>console.error("boom")</script>'
                                 "<p>a</p>", encoding="utf-8")
    problems, _, _ = visit_all(browser, site, tmp_path)
    assert any("outside the site" in p and "beside.css" in p for p in problems)
    assert any("outside the site" in p and "127.0.0.1" in p for p in problems)
    assert any(p == "console: boom" for p in problems)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_late_extension_sheet_prints_on_one_a4_page(browser, built, lang):
    """Done when: a lawyer prints the sheet of 2026-0002 and sees on one page why the agency was late."""
    import re
    page = browser.new_page()
    page.goto((built / "sheets" / f"2026-0002-late-extension.{lang}.html").resolve().as_uri())
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
