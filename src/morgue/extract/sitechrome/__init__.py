"""Site chrome learned from the archive itself: what repeats across the pages of one site.

Pages of one site share a template (masthead, menu, sign-in box, newsletter
box, related-stories list, footer). The work is done in two passes:

- ``learn``: read a sample of each site's pages and keep the blocks, lines
  and element paths that repeat across them, as a picklable ``SiteProfile``
  per site and kind (the thresholds, and why, are in its docstring);
- ``strip``: remove what a profile names from one page (its HTML tree, its
  text lines, or its body paragraphs), never a byline or a date line.

Both cut a page the same way (``blocks``: element paths, texts and their
hashed keys) and name its site the same way (``sites``); ``profile`` holds
the options and the learned data passed from one pass to the other.
"""

from morgue.extract.sitechrome.blocks import Block, html_blocks, parse_body, text_key
from morgue.extract.sitechrome.learn import PageKeys, learn_site_chrome, line_zone, page_keys
from morgue.extract.sitechrome.profile import LEARNED_KINDS, REASON, SiteChrome, SiteChromeOptions, SiteProfile
from morgue.extract.sitechrome.sites import site_key
from morgue.extract.sitechrome.strip import (
    is_template_slot, strip_site_chrome_html, strip_site_chrome_lines, strip_site_chrome_paragraphs,
)

__all__ = [
    "LEARNED_KINDS", "REASON", "Block", "PageKeys", "SiteChrome", "SiteChromeOptions", "SiteProfile",
    "html_blocks", "is_template_slot", "learn_site_chrome", "line_zone", "page_keys", "parse_body", "site_key",
    "strip_site_chrome_html", "strip_site_chrome_lines", "strip_site_chrome_paragraphs", "text_key",
]
