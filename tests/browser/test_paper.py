"""The paper made the archive's own, in a real browser: an admin sets its name, logo, colour and address.

Also takes the screenshots of the demo's home and article pages that README
shows (docs/screenshots/), so they are always of the site as it is.
"""

import json
import re
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .test_site import ARTIFACTS, MORGUE, _env, _free_port, _morgue, _sign_in, browser, site  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ADMIN, ADMIN_PASSWORD = "paper-admin", "masthead-and-colours-9"


def png(width: int = 24, height: int = 8, rgb: tuple = (139, 26, 26)) -> bytes:
    """Return a PNG of one colour (the test's own logo)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _screenshot(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"{name}.png"), full_page=False)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_the_demo_reads_like_its_paper_and_is_photographed_for_the_readme(site, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1100, "height": 1000})
    try:
        page.goto(site + "/")
        assert page.title() == "The Northfield Courier · the archive"
        assert page.get_by_role("img", name="The Northfield Courier").is_visible()  # its masthead
        assert page.get_by_role("heading", name="The decades").is_visible()
        assert "morgue" not in page.inner_text("body").lower()
        _screenshot(page, "home")
        page.goto(site + "/section/news/")
        page.locator("main ul.list a").first.click()
        page.wait_for_load_state()
        assert page.title().endswith(" · The Northfield Courier")
        data = json.loads(page.locator("script[type='application/ld+json']").text_content())
        assert data["publisher"]["name"] == "Northfield & District Newspapers" and data["isAccessibleForFree"] is True
        _screenshot(page, "article")
    finally:
        page.close()


def test_an_admin_makes_the_archive_the_papers_own(tmp_path_factory, browser):  # noqa: F811
    home = tmp_path_factory.mktemp("paper") / "home"
    _morgue("--home", str(home), "demo", "--articles", "20", "--workers", "1")
    _morgue("--home", str(home), "user", "create", ADMIN, "--admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    (home / "morgue.toml").unlink()  # start from a paper with no settings at all
    logo = tmp_path_factory.mktemp("logo") / "masthead.png"
    logo.write_bytes(png())

    port = _free_port()
    server = subprocess.Popen([*MORGUE, "--home", str(home), "serve", "--port", str(port), "--threads", "4"],
                              env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.set_default_timeout(15_000)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "morgue serve did not start"
                time.sleep(0.3)
        page.goto(base + "/")
        assert page.title() == "The archive" and "morgue" not in page.content().lower()

        _sign_in(page, base, ADMIN, ADMIN_PASSWORD)
        page.goto(base + "/admin/web/papersettings/add/")
        page.fill("#id_name", "The Oldcastle Courier")
        page.fill("#id_publisher", "Oldcastle Media Ltd")
        page.fill("#id_url", "https://archive.oldcastle.example")
        page.fill("#id_accent", "#8b1a1a")
        page.set_input_files("#id_logo_file", str(logo))
        page.locator("input[name=_save]").click()
        page.wait_for_load_state()
        assert "was added successfully" in page.content(), page.content()[:2000]
        time.sleep(2.5)  # each process keeps the paper for two seconds

        page.goto(base + "/")
        assert page.title() == "The Oldcastle Courier · the archive"
        masthead = page.get_by_role("img", name="The Oldcastle Courier")
        assert masthead.is_visible() and masthead.evaluate("img => img.naturalWidth") == 24
        border = page.evaluate("getComputedStyle(document.querySelector('header')).borderBottomColor")
        assert border == "rgb(139, 26, 26)"
        page.screenshot(path=str(ARTIFACTS / "paper-home.png"), full_page=True)
        page.locator("section[aria-labelledby=recent-h] a").first.click()
        page.wait_for_load_state()
        assert page.title().endswith(" · The Oldcastle Courier")
        data = json.loads(page.locator("script[type='application/ld+json']").text_content())
        assert data["publisher"] == {"@type": "NewsMediaOrganization", "name": "Oldcastle Media Ltd",
                                     "url": "https://archive.oldcastle.example/",
                                     "logo": {"@type": "ImageObject", "url": "https://archive.oldcastle.example/paper/logo"}}
        assert data["url"].startswith("https://archive.oldcastle.example/article/")
        feed = _get(base + "/feeds/corrections/")
        assert "<title>Corrections — The Oldcastle Courier</title>" in feed
        assert re.search(r'href="https://archive\.oldcastle\.example/', feed)
        sitemap = _get(base + "/sitemap.xml")
        assert "<loc>https://archive.oldcastle.example/sitemap-" in sitemap and f"127.0.0.1:{port}" not in sitemap
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=20)
