"""The site in a real browser (Debian's Chromium through Playwright) against `morgue serve` on a demo archive.

A reader signs up, searches and opens an article; an editor corrects it on
the desk; the reader then sees the correction note on the article and in its
history, and search finds the new wording. A screenshot of every page is kept
under test-artifacts/browser/.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop in this thread; nothing here touches Django's ORM,
# but say so for any fixture that does.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
MORGUE = [sys.executable, "-m", "morgue.cli"]
EDITOR, EDITOR_PASSWORD = "desk-editor", "proof-reading-2026"
READER, READER_PASSWORD = "a-reader", "morning-edition-77"


def _env() -> dict:
    # The child keeps its archive in its own home, on SQLite (the browser run is not a database test).
    return {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME", "DJANGO_SETTINGS_MODULE")}


def _morgue(*args, stdin: str | None = None) -> str:
    proc = subprocess.run([*MORGUE, *args], env=_env(), input=stdin, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Yield the base URL of `morgue serve` on a 40-article demo archive with one editor."""
    home = tmp_path_factory.mktemp("browser") / "home"
    _morgue("--home", str(home), "demo", "--articles", "40", "--workers", "1")
    _morgue("--home", str(home), "user", "create", EDITOR, "--editor", "--password-stdin", stdin=EDITOR_PASSWORD + "\n")
    port = _free_port()
    log = open(home / "serve.log", "w")
    server = subprocess.Popen([*MORGUE, "--home", str(home), "serve", "--port", str(port), "--threads", "4"],
                              env=_env(), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("morgue serve did not start: " + (home / "serve.log").read_text())
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium; .ci/run does). "
                    "Do not run `playwright install`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Shots:
    """Numbered full-page screenshots of each page visited."""

    def __init__(self):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob("*.png"):
            old.unlink()
        self.n = 0

    def __call__(self, page, name: str) -> None:
        self.n += 1
        page.screenshot(path=str(ARTIFACTS / f"{self.n:02d}-{name}.png"), full_page=True)


def _sign_in(page, base, name, password):
    page.goto(base + "/account/sign-in/")
    page.get_by_label("User name or e-mail").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_reader_and_editor_in_a_real_browser(site, browser):
    shots = Shots()
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.set_default_timeout(15_000)
    try:
        _walk_through(site, page, shots)
    except BaseException:
        # Keep the page as it was when the walk stopped, and its address, for whoever reads the failure.
        (ARTIFACTS / "failure-url.txt").write_text(page.url)
        page.screenshot(path=str(ARTIFACTS / "failure.png"), full_page=True)
        raise
    finally:
        page.close()


def _walk_through(site, page, shots):

    # 1. The home page, signed out: sign in / sign up offered.
    page.goto(site + "/")
    assert page.get_by_role("link", name="Sign up").is_visible()
    shots(page, "home")

    # 2. Sign up: a new reader is signed in at once and lands on the profile.
    page.get_by_role("link", name="Sign up").click()
    shots(page, "sign-up")
    page.get_by_label("Username").fill(READER)
    page.get_by_label("Email").fill("reader@example.org")
    page.get_by_label("Password", exact=True).fill(READER_PASSWORD)
    page.get_by_label("Password confirmation").fill(READER_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/account/$"))
    assert READER in page.content() and "reader" in page.inner_text("main")
    shots(page, "profile")

    # 3. Sign out and in again.
    _sign_out(page)
    assert page.get_by_role("link", name="Sign in").is_visible()
    _sign_in(page, site, READER, READER_PASSWORD)
    assert page.get_by_role("button", name="Sign out").is_visible()

    # 4. Search for a word of an article's headline, and open it from the results.
    page.goto(site + "/")
    first = page.locator("main a[href^='/article/']").first
    headline = first.inner_text().strip()
    article_path = re.search(r"/article/\d+/", first.get_attribute("href")).group(0)
    word = max(re.findall(r"[A-Za-z]{4,}", headline), key=len)
    page.locator("#site-search").fill(f'headline:{word.lower()}')
    page.locator("#site-search").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    shots(page, "search")
    page.locator(f"main a[href='{article_path}']").first.click()
    page.wait_for_url(re.compile(re.escape(article_path) + "$"))
    assert page.locator("h1").first.inner_text().strip() == headline
    shots(page, "article")
    page.get_by_role("button", name="Bookmark this article").click()
    page.wait_for_load_state()
    assert "Bookmarked" in page.inner_text("body")
    _sign_out(page)

    # 5. The editor corrects the headline on the desk, with a reason and a public note.
    _sign_in(page, site, EDITOR, EDITOR_PASSWORD)
    page.goto(site + article_path)
    page.get_by_role("link", name="Correct", exact=True).click()
    page.wait_for_url(re.compile(r"/desk/article/\d+/correct/$"))
    new_headline = headline + " (corrected)"
    page.get_by_label("Headline").fill(new_headline)
    page.get_by_label("Reason").fill("the headline misnamed the town")
    page.get_by_label("Public note").fill("An earlier version of this headline was wrong; it has been corrected.")
    shots(page, "desk-correct")
    page.get_by_role("button", name="Save the correction").click()
    page.wait_for_url(re.compile(r"/desk/article/\d+/history/$"))
    assert "Revision 1: correction (current)" in page.inner_text("main")
    shots(page, "desk-history")
    page.goto(site + "/desk/")
    assert "Defect queue" in page.inner_text("h1")
    shots(page, "desk-queue")
    page.locator("main table a[href^='/desk/defect/']").first.click()
    page.wait_for_url(re.compile(r"/desk/defect/\d+/"))
    assert page.locator("mark#defect-span").count() == 1
    shots(page, "desk-defect")
    page.goto(site + "/desk/dashboard/")
    assert page.locator("svg.chart").count() == 6
    shots(page, "desk-dashboard")
    _sign_out(page)

    # 6. The reader sees the corrected article, its correction note and its history.
    _sign_in(page, site, READER, READER_PASSWORD)
    page.goto(site + article_path)
    assert page.locator("h1").first.inner_text().strip() == new_headline
    assert "An earlier version of this headline was wrong" in page.inner_text("main")
    shots(page, "article-corrected")
    page.get_by_role("link", name="History of this article").click()
    page.wait_for_url(re.compile(r"/history/$"))
    history = page.inner_text("main")
    assert "correction" in history and "An earlier version of this headline was wrong" in history
    shots(page, "article-history")
    # The desk is not the reader's.
    assert page.goto(site + "/desk/").status == 403

    # 7. Search finds the new wording within a few seconds (the server applies the outbox twice a second).
    for _ in range(20):
        page.goto(site + "/search/?q=" + "headline:corrected")
        if page.locator(f"main a[href='{article_path}']").count():
            break
        time.sleep(0.5)
    assert page.locator(f"main a[href='{article_path}']").count(), "the correction did not reach search"
    shots(page, "search-corrected")

    # 8. The profile lists the bookmark, under its new headline.
    page.goto(site + "/account/")
    assert new_headline in page.inner_text("main")
    shots(page, "profile-bookmarks")
