"""Site chrome learned across a site's pages: the template goes, shared quotes stay."""

import pickle

from lxml.html import document_fromstring

from morgue.extract import extract_article
from morgue.extract.batch import extract_documents
from morgue.extract.sitechrome import (
    SiteChromeOptions, SiteProfile, learn_site_chrome, site_key, strip_site_chrome_html, strip_site_chrome_lines,
)
from morgue.errors import ExtractionError
from morgue.read.document import RawDocument, SourceLocation

from .conftest import CAPTURED, OPTIONS

QUOTE = "“We will not be leaving this harbour without a fight,” said the chair of the fishermen’s association."
NEWSLETTER = "Get the Lantern’s weekend digest delivered to your door every Saturday morning."
FOOTER = "Lantern Media Ltd, 4 Quay Street, Port Aldous. Registered in Aldshire no. 0000."
STORIES = [
    ("Ferry timetable cut for winter", ["The island ferry will run twice a day from November, the operator said on Monday.",
                                        "Islanders said the cut would leave them stranded after evening classes and shifts."]),
    ("Fishermen protest new quotas", ["Dozens of boats blocked the harbour mouth on Tuesday in protest at new catch limits.",
                                      QUOTE, "The ministry said the limits were needed to protect cod stocks in the bay."]),
    ("Harbour wall repairs approved", ["Councillors approved £2 million of repairs to the north harbour wall after winter storms.",
                                       "Work will start in spring and take about eighteen months to complete, officials said."]),
    ("Quota talks end without a deal", ["Talks between the fishing fleet and the ministry ended without agreement on Thursday.",
                                        QUOTE, "Both sides said they would meet again before the end of the month."]),
    ("New lifeboat arrives at station", ["A new all-weather lifeboat arrived at Port Aldous station after a voyage from the yard.",
                                         "Volunteers have trained for a year to crew the boat, which is faster than the old one."]),
    ("School choir wins national prize", ["The choir of St Brendan’s primary school won first prize at the national festival.",
                                          "The children sang three songs, including one written by their music teacher."]),
    ("Market square to be pedestrianised", ["Cars will be banned from the market square from next summer, the council said.",
                                            "Traders were divided, with some fearing fewer customers and others welcoming the plan."]),
    ("Lighthouse keeper’s cottage for sale", ["The cottage beside the old lighthouse is for sale for the first time in a century.",
                                              "The estate agent said interest had come from as far away as Canada and Japan."]),
]


def lantern_page(number: int, headline: str, paragraphs: list[str]) -> bytes:
    """Return one page of the invented Lantern site: shared header, menu, newsletter box, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/news/{n}">{STORIES[n % 8][0]}</a></li>' for n in (number + 1, number + 3))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} | The Aldous Lantern</title></head>
<body>
<div class="site-header"><a class="brand" href="/">The Aldous Lantern</a><span class="motto">Lighting the coast since 1871</span></div>
<nav class="top-menu"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/boats">Boats</a></li><li><a href="/letters">Letters</a></li></ul></nav>
<div class="content"><h1>{headline}</h1>
<div class="story">{body}</div>
<div class="newsletter-box"><p>{NEWSLETTER}</p></div>
<div class="more"><ul>{related}</ul></div>
</div>
<div class="site-footer"><p>{FOOTER}</p><p>Printed on recycled paper by the Lantern press.</p></div>
</body></html>""".encode()


def lantern_docs() -> list[RawDocument]:
    return [RawDocument(lantern_page(n, h, ps), SourceLocation(f"/crawl/lantern/{n}.html"), "html",
                        url=f"https://www.aldouslantern.example/news/{n}", captured_at=CAPTURED)
            for n, (h, ps) in enumerate(STORIES)]


def test_site_key_rule():
    doc = lantern_docs()[0]
    assert site_key(doc) == "aldouslantern.example"
    stated = RawDocument(b'<html><head><link rel="canonical" href="https://www.lantern.example/a"></head></html>',
                         SourceLocation("/x/y/a.html"), "html")
    assert site_key(stated) == "lantern.example"
    in_zip = RawDocument(b"text", SourceLocation("/x/pages.zip", member="a/b.txt"), "text")
    assert site_key(in_zip) == "/x/pages.zip"
    in_folder = RawDocument(b"text", SourceLocation("/in/gazette/2004/05/a.txt"), "text")
    assert site_key(in_folder, roots=["/in"]) == "/in/gazette"
    assert site_key(in_folder) == "/in/gazette/2004/05"


def test_template_learned_and_removed_shared_quote_kept():
    docs = lantern_docs()
    chrome = learn_site_chrome(docs)
    profile = chrome.profile_for(docs[1])
    assert profile is not None and profile.pages == 8 and chrome.sites == 1
    assert pickle.loads(pickle.dumps(profile)) == profile
    results = extract_documents(docs, OPTIONS)
    for article, (headline, paragraphs) in zip(results, STORIES):
        assert not isinstance(article, ExtractionError), article
        text = "\n".join(article.body)
        for chrome_text in (NEWSLETTER, FOOTER, "Lighting the coast since 1871", "Printed on recycled paper"):
            assert chrome_text not in text
        # Every paragraph of the story is kept, the quote two stories share included.
        assert list(article.body) == paragraphs
    removed = {block.text for block in results[1].removed if block.reason == "site chrome"}
    assert NEWSLETTER in removed and FOOTER in removed


def test_strip_html_removes_template_not_story():
    docs = lantern_docs()
    profile = learn_site_chrome(docs).profile_for(docs[3])
    tree = document_fromstring(docs[3].data.decode())
    removed = strip_site_chrome_html(tree, profile)
    texts = " ".join(block.text for block in removed)
    assert NEWSLETTER in texts and FOOTER in texts and "Letters" in texts  # the menu is a list of links
    assert all(block.reason == "site chrome" for block in removed)
    left = tree.find(".//body").text_content()
    assert QUOTE in left and "Talks between the fishing fleet" in left and "Quota talks end" in left
    assert NEWSLETTER not in left and FOOTER not in left


def test_a_quote_on_three_of_eight_pages_stays_in_its_slot():
    stories = [(h, ps + [QUOTE] if n == 5 else ps) for n, (h, ps) in enumerate(STORIES)]
    docs = [RawDocument(lantern_page(n, h, ps), SourceLocation(f"/c/{n}.html"), "html", url=f"https://lantern.example/{n}")
            for n, (h, ps) in enumerate(stories)]
    profile = learn_site_chrome(docs).profile_for(docs[0])
    tree = document_fromstring(docs[1].data.decode())
    strip_site_chrome_html(tree, profile)
    assert QUOTE in tree.text_content()


def test_single_page_site_unchanged():
    doc = lantern_docs()[2]
    chrome = learn_site_chrome([doc])
    assert chrome.profile_for(doc) is None and chrome.sites == 0
    [article] = extract_documents([doc], OPTIONS)
    assert article == extract_article(doc, OPTIONS)
    assert not any(block.reason == "site chrome" for block in article.removed)


def test_too_few_pages_fall_back_to_per_page_rules():
    docs = lantern_docs()[:4]
    assert learn_site_chrome(docs).profile_for(docs[0]) is None
    assert learn_site_chrome(docs, SiteChromeOptions(min_pages=3)).profile_for(docs[0]) is not None


def gazette_scrape(headline: str, paragraphs: list[str], byline: str = "By Ruth Penhale") -> bytes:
    lines = [headline, "The Aldous Evening Gazette", "Every word from the coast road to the quay", "",
             byline, "3 March 2004", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    lines += ["Gazette Newspapers Group — Quay House, Port Aldous", "Letters to the editor: write to the Quay House address", ""]
    return "\n".join(lines).encode()


def test_text_scrapes_lose_the_masthead_and_footer_lines():
    docs = [RawDocument(gazette_scrape(h, ps), SourceLocation(f"/in/gazette/{n}.txt"), "text", captured_at=CAPTURED)
            for n, (h, ps) in enumerate(STORIES)]
    chrome = learn_site_chrome(docs, SiteChromeOptions(roots=("/in",)))
    profile = chrome.profile_for(docs[0])
    assert profile is not None and profile.site == "/in/gazette"
    results = extract_documents(docs, OPTIONS)
    for article, (headline, paragraphs) in zip(results, STORIES):
        assert article.headline == headline
        assert article.byline == "Ruth Penhale"  # the same byline on every page is still the byline
        assert article.published is not None
        assert list(article.body) == paragraphs
        site = {block.text for block in article.removed if block.reason == "site chrome"}
        assert "Letters to the editor: write to the Quay House address" in site
        assert "Every word from the coast road to the quay" in site
    # Without site chrome the per-page rules take the motto for the story's start and keep the footer.
    plain = extract_article(docs[0], OPTIONS)
    assert any("Letters to the editor" in paragraph for paragraph in plain.body)
    assert plain.byline == ""


def test_strip_lines_keeps_protected_lines():
    profile = SiteProfile("s", "text", 10, frozenset(), frozenset(), frozenset())
    lines = ["a", "", "b"]
    assert strip_site_chrome_lines(lines, profile) == (lines, [])
    assert strip_site_chrome_lines(lines, None) == (lines, [])


def test_sample_stays_bounded_and_spread():
    docs = [RawDocument(gazette_scrape(f"Story {n}", [f"Paragraph number {n} of a long story about the coast road."]),
                        SourceLocation(f"/in/g/{n}.txt"), "text") for n in range(300)]
    chrome = learn_site_chrome(docs, SiteChromeOptions(sample_pages=40))
    profile = chrome.profile_for(docs[0])
    assert 20 <= profile.pages <= 40
    assert chrome.sampled < 150  # pages past the stride are not even read
