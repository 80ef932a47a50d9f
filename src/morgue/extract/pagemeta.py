"""What an HTML page says about itself in structured form: JSON-LD, meta tags, <time>, breadcrumbs.

Read once from the parsed tree, before trafilatura, because a publisher's own
datePublished is better evidence than any heuristic.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from morgue.extract.body import normalise_space
from morgue.extract.bylines import byline_names
from morgue.extract.tags import tidy_tags

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "scholarlyarticle", "report",
}
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "article.published", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created", "sailthru.date",
    "parsely-pub-date", "date", "original-publish-date", "og:published_time",
)
# Any other tag that names the publication time ("zdf:publicationDate", "cXenseParse:recs:publishtime").
_PUBLISHED_KEY = re.compile(r"(?:^|[:._-])(?:publication|published|publish|pub|first_?published|release)[-_]?"
                            r"(?:date|time|datetime|_at)$")
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified",
    "dc.date.modified", "article.updated", "lastmod",
)
_AUTHOR_META = ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator")
_SECTION_META = ("article:section", "section", "parsely-section", "article.section", "category", "dc.subject")
# schema.org item properties read from any element, and the PageMeta list each feeds.
_MICRODATA = {"headline": "headlines", "datepublished": "published", "datecreated": "published",
              "datemodified": "modified"}
# Where a <time> is about some other article (teasers, related links) or the page chrome.
_ELSEWHERE = re.compile(r"related|recommend|promo|teaser|trending|most-|\bmore[-_]|popular|comment|sidebar|footer|\bnav"
                        r"|masthead|site-?header|top-?bar|\btoday", re.I)
# A longer "section" is a sentence or a keyword list, not a newspaper section.
_MAX_SECTION_CHARS = 60


@dataclass
class PageMeta:
    """Candidates the page offers for each field, best first."""

    headlines: list[str] = field(default_factory=list)
    # Every headline the page offers, with where it was found ("ld", "og", "twitter", "dc",
    # "microdata", "h1", "heading" (an element classed as the headline), "title").
    headline_candidates: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""
    h1: str = ""
    site_names: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    # The text pieces (one per text node) of each element marked as the byline or the author.
    byline_elements: list[list[str]] = field(default_factory=list)
    # Short texts beside the story's headline or byline that may be its date line.
    date_texts: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    article_body: str = ""  # JSON-LD articleBody: a hint to the story's length, not its text
    marks_body: bool = False  # an element of the page carries microdata itemprop=articleBody
    tags: tuple[str, ...] = ()  # the article's own subject tags: news_keywords and article:tag (see extract/tags.py)


def read_page_metadata(tree: HtmlElement, page_text: str | None = None) -> PageMeta:
    """Return the metadata the page states about itself, in order of trust per field.

    ``page_text`` (the page's source) lets a page that never says "itemprop" or "readcrumb" skip those searches.
    """
    meta = PageMeta()
    # 1. JSON-LD: the publisher's own statement, for search engines.
    _read_json_ld(tree, meta)
    # CMS plugins HTML-escape the strings they put in JSON-LD ("&#8216;"),
    # so for these values an entity is part of the encoding, not the text.
    meta.headlines = [html.unescape(h) for h in meta.headlines]
    meta.authors = [html.unescape(a) for a in meta.authors]
    meta.sections = [html.unescape(s) for s in meta.sections]
    meta.breadcrumbs = [html.unescape(s) for s in meta.breadcrumbs]
    # 2. <meta> tags (Open Graph, article:*, Dublin Core, Parse.ly, ...).
    tags = _meta_tags(tree)
    meta.headline_candidates += [("ld", h) for h in meta.headlines]
    for key, source in (("og:title", "og"), ("twitter:title", "twitter"), ("dc.title", "dc")):
        if tags.get(key):
            meta.headlines.append(tags[key])
            meta.headline_candidates.append((source, tags[key]))
    meta.site_names += [tags[k] for k in ("og:site_name", "application-name", "publisher") if tags.get(k)]
    meta.published += [tags[k] for k in _PUBLISHED_META if tags.get(k)]
    meta.published += [v for k, v in tags.items() if k not in _PUBLISHED_META and _PUBLISHED_KEY.search(k)]
    meta.modified += [tags[k] for k in _MODIFIED_META if tags.get(k)]
    meta.authors += [tags[k] for k in _AUTHOR_META if tags.get(k) and "/" not in tags[k]]
    meta.sections += [tags[k] for k in _SECTION_META if tags.get(k)]
    meta.urls += [tags[k] for k in ("og:url", "twitter:url") if tags.get(k)]
    article_tags = [e.get("content") or "" for e in tree.iter("meta") if (e.get("property") or "").lower() == "article:tag"]
    meta.tags = tidy_tags([html.unescape(t) for t in [tags.get("news_keywords", ""), *article_tags]])
    # 2b. schema.org microdata on other elements (<span itemprop="datePublished" content=...>).
    if page_text is None or any(word in page_text for word in ("itemprop", "itemProp", "ITEMPROP")):
        _read_microdata(tree, meta)
    for key in ("content-language", "language", "dc.language", "og:locale"):
        if tags.get(key):
            meta.languages.append(tags[key])
    # 3. The document itself: <title>, <h1>, canonical link, lang, <time>, breadcrumbs.
    title = tree.find(".//title")
    meta.title = normalise_space(title.text_content()) if title is not None else ""
    h1 = tree.find(".//h1")
    meta.h1 = normalise_space(h1.text_content()) if h1 is not None else ""
    # Elements marked as byline, date or headline: a pass over every element in Python, so only
    # when the page's metadata leaves the byline or the date to find (else its <h1>s alone).
    if meta.published and byline_names(meta.authors):
        _read_headings(meta, [e for e in _HEADINGS(tree)
                              if e.tag == "h1" or _HEADING_CLASS.search((e.get("class") or "") + " " + (e.get("id") or ""))])
    else:
        byline_marked, date_marked, heading_marked = _marked_elements(tree)
        _read_headings(meta, heading_marked)
        _read_bylines(tree, meta, byline_marked)
        _read_date_texts(tree, meta, date_marked)
        if not meta.published:
            _read_labelled_dates(tree, meta)
    # The logo's and copyright line's names are looked for when a title has parts to tell apart.
    if not meta.title or _TITLE_PARTS.search(meta.title):
        meta.site_names += _site_marks(tree)
    if meta.title:
        meta.headline_candidates.append(("title", meta.title))
    for link in tree.iterfind(".//link[@rel]"):
        if link.get("rel", "").lower() == "canonical" and link.get("href"):
            meta.urls.insert(0, link.get("href").strip())
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        meta.languages.insert(0, lang)
    _read_times(tree, meta)
    # The trail on the page only matters when nothing stated names a usable
    # section (the section is the first usable name of sections + breadcrumbs).
    if not any(map(usable_section, meta.sections + meta.breadcrumbs)) and (
            page_text is None or "readcrumb" in page_text or "READCRUMB" in page_text):
        meta.breadcrumbs += _breadcrumbs(tree)
    return meta


def usable_section(name: str) -> str:
    """Return the section name tidied if it reads as one (not empty, not a sentence), else ""."""
    name = normalise_space(name)
    return name if name and len(name) <= _MAX_SECTION_CHARS else ""


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Return the page's <meta> contents by lower-cased name/property/itemprop (first one wins)."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        # A few CMSs write value= where the standard says content=.
        content = element.get("content") or element.get("value")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                # Content attributes are often escaped twice ("&amp;#8216;").
                tags.setdefault(key.strip().lower(), normalise_space(html.unescape(content)))
    return tags


def _read_json_ld(tree: HtmlElement, meta: PageMeta) -> None:
    """Add what the page's JSON-LD says about the article to ``meta``."""
    articles, pages = [], []
    for script in tree.xpath("//script[contains(@type, 'ld+json')]"):
        for node in _nodes(_json_values(script.text_content())):
            types = node.get("@type", [])
            types = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
            if types & _ARTICLE_TYPES:
                articles.append(node)
            elif "breadcrumblist" in types:
                meta.breadcrumbs += _crumb_names(node)
            elif types & {"webpage", "itempage"}:
                pages.append(node)
    for node in articles + pages:
        # Some CMSs nest the article's fields in its mainEntityOfPage ({"@type": "WebPage", "datePublished": …}).
        inner = node.get("mainEntityOfPage")
        if isinstance(inner, dict):
            node = {**{k: v for k, v in inner.items() if k in _NESTED_FIELDS}, **node}
        meta.headlines += [v for v in (node.get("headline"), node.get("name")) if isinstance(v, str)]
        meta.published += [v for v in (node.get("datePublished"), node.get("dateCreated")) if v]
        meta.modified += [v for v in (node.get("dateModified"),) if v]
        meta.authors += _people(node.get("author"))
        if not meta.article_body and isinstance(node.get("articleBody"), str):
            meta.article_body = node["articleBody"]
        section = node.get("articleSection")
        meta.sections += [section] if isinstance(section, str) else [s for s in section or [] if isinstance(s, str)]
        for key in ("url", "mainEntityOfPage"):
            value = node.get(key)
            value = value.get("@id") if isinstance(value, dict) else value
            if isinstance(value, str) and value.startswith("http"):
                meta.urls.append(value)
        language = node.get("inLanguage")
        if isinstance(language, str):
            meta.languages.append(language)
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            meta.site_names.append(publisher["name"])


_NESTED_FIELDS = frozenset({"headline", "datePublished", "dateCreated", "dateModified", "author"})


def _json_values(text: str) -> list:
    """Return the JSON values a JSON-LD script holds: one as the standard says, or several written one
    after another, or one followed by a stray brace (all common); broken JSON-LD gives what parsed before
    the break, and the page's other metadata still counts."""
    text = text.strip().rstrip(";")
    try:
        return [json.loads(text)]
    except ValueError:
        pass
    decoder, values, at = json.JSONDecoder(), [], 0
    while at < len(text):
        while at < len(text) and text[at] in " \t\r\n,;":
            at += 1
        try:
            value, at = decoder.raw_decode(text, at)
        except ValueError:
            break
        values.append(value)
    return values


def _nodes(data: object):
    """Yield every JSON object in a JSON-LD document, following @graph and lists."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _nodes(data["@graph"])


def _people(value: object) -> list[str]:
    """Return the names of people in a JSON-LD author value (organisations left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _people(item)]
    if isinstance(value, dict):
        if str(value.get("@type", "")).lower() == "organization":
            return []
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    return []


def _crumb_names(node: dict) -> list[str]:
    """Return the section a JSON-LD BreadcrumbList points to (the first crumb after Home)."""
    items = node.get("itemListElement") or []
    names = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            name = item.get("name")
            if not name and isinstance(item.get("item"), dict):
                name = item["item"].get("name")
            if isinstance(name, str):
                names.append(name)
    return _first_real_crumb(names)


def _breadcrumbs(tree: HtmlElement) -> list[str]:
    """Return the section named by the page's breadcrumb trail, if it has one."""
    for trail in tree.xpath(
        "//*[contains(@class, 'breadcrumb') or contains(@id, 'breadcrumb') or "
        "translate(@aria-label, 'B', 'b') = 'breadcrumb' or translate(@aria-label, 'B', 'b') = 'breadcrumbs' or "
        "contains(@itemtype, 'BreadcrumbList')]"
    ):
        names = [normalise_space(a.text_content()) for a in trail.iter("a", "li", "span") if len(a) == 0]
        crumbs = _first_real_crumb([n for n in names if n])
        if crumbs:
            return crumbs
    return []


def _first_real_crumb(names: list[str]) -> list[str]:
    """Return [first crumb that is not "Home"], or []."""
    for name in names:
        if name.strip(" >›»/").lower() not in {"home", "homepage", "front page", "index", ""}:
            return [name.strip(" >›»/")]
    return []


def _read_microdata(tree: HtmlElement, meta: PageMeta) -> None:
    """Add microdata headline and dates outside <meta>/<time> to ``meta``; ``content`` wins over the text."""
    for element in tree.xpath("//*[@itemprop][not(self::meta)][not(self::time)]"):
        prop = element.get("itemprop", "").strip().lower()
        if "articlebody" in prop:
            meta.marks_body = True
        if prop not in _MICRODATA or _in_chrome(element):
            continue
        value = element.get("content") or element.get("datetime") or normalise_space(element.text_content())
        if value:
            getattr(meta, _MICRODATA[prop]).append(value)
            if prop == "headline":
                meta.headline_candidates.append(("microdata", value))


# Links to an author's page ("/author/jane-doe/", "/staff/", "/autor/") name the byline's people too.
_AUTHOR_LINKS = (
    "//a[contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/staff/')"
    " or contains(@href, '/editors/') or contains(@href, '/autor/') or contains(@href, '/autoren/')"
    " or contains(@href, '/journalist') or contains(@href, '/reporters/') or contains(@href, '/people/')"
    " or contains(@href, '/columnists/') or contains(@href, '/redaktion/') or contains(@href, '/by/')]")
_TEASER = re.compile(r"related|recommend|promo|teaser|trending|most-|popular|comment|sidebar|footer|widget", re.I)
_NOT_BYLINE = re.compile(r"comment|avatar|bio\b|related|more-from|image|photo", re.I)
_MAX_BYLINE_ELEMENTS = 12


# What an element's class, id, rel and itemprop say it holds; one pass over the page in Python
# (an XPath of a dozen contains() tests is five times slower), each distinct attribute string judged once.
_BYLINE_MARK = re.compile(r"byline|author|writer|reporter", re.I)
# "fecha", "datum", "tarih": the date in Spanish, German and Dutch, Turkish class names.
_DATE_MARK = re.compile(r"date|time|publish|posted|meta|fecha|datum|tarih", re.I)
_MARK_CACHE: dict[str, tuple[bool, bool, bool]] = {}
_MARK_CACHE_SIZE = 20_000


# The <h1>s and the elements whose class may name the headline, found in C.
_HEADINGS = etree.XPath("//h1 | //*[contains(@class, 'eadline') or contains(@class, 'title')]")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "div", "span", "p", "td", "font", "b", "strong"})


def _marked_elements(tree: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement], list[HtmlElement]]:
    """Return (the elements marked as byline or author, those marked as a date, the <h1>s and
    elements classed as the headline), in document order."""
    bylines, dates, headings = [], [], []
    for element in tree.iter(etree.Element):
        tag = element.tag
        if tag == "time":
            dates.append(element)
        elif tag == "h1":
            headings.append(element)
        attrs = element.attrib
        if not attrs:
            continue
        if attrs.get("rel") == "author":
            bylines.append(element)
            continue
        key = (attrs.get("class") or "") + "\x00" + (attrs.get("id") or "") + "\x00" + (attrs.get("itemprop") or "")
        if key == "\x00\x00":
            continue
        marks = _MARK_CACHE.get(key)
        if marks is None:
            cls, ident, prop = key.split("\x00")
            marks = (bool(_BYLINE_MARK.search(cls) or "byline" in ident.lower() or "author" in prop.lower()),
                     bool(_DATE_MARK.search(cls) or "date" in ident.lower()),
                     bool(_HEADING_CLASS.search(cls + " " + ident)))
            if len(_MARK_CACHE) < _MARK_CACHE_SIZE:
                _MARK_CACHE[key] = marks
        if marks[0]:
            bylines.append(element)
        if marks[1] and tag != "meta" and tag != "time":
            dates.append(element)
        if marks[2] and tag != "h1" and tag in _HEADING_TAGS:
            headings.append(element)
    return bylines, dates, headings


def _read_bylines(tree: HtmlElement, meta: PageMeta, marked: list[HtmlElement]) -> None:
    """Add the text of the elements the page marks as its byline or author (outside chrome and comments)."""
    for element in marked[: _MAX_BYLINE_ELEMENTS * 3]:
        if len(meta.byline_elements) >= _MAX_BYLINE_ELEMENTS:
            break
        if element.tag in ("meta", "link", "script", "style", "img", "body", "html", "article", "main"):
            continue
        if _NOT_BYLINE.search((element.get("class") or "") + " " + (element.get("id") or "")) or _in_teaser(element):
            continue
        names = element.xpath(".//*[@itemprop='name']")
        source = names[0] if names and element.get("itemprop") else element
        pieces = [normalise_space(t) for t in source.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")]
        pieces = [p for p in pieces if p]
        if pieces and sum(map(len, pieces)) <= 300:
            meta.byline_elements.append(pieces)
    if not meta.authors and not meta.byline_elements:
        for link in tree.xpath(_AUTHOR_LINKS)[:_MAX_BYLINE_ELEMENTS]:
            text = normalise_space(link.text_content())
            if text and len(text) <= 60 and not _in_teaser(link):
                meta.byline_elements.append([text])
                break


_MAX_DATE_TEXTS = 3  # the first few after the headline; further down are other stories' dates


def _read_date_texts(tree: HtmlElement, meta: PageMeta, marked: list[HtmlElement]) -> None:
    """Add the short texts of the byline and of date-classed elements after the first <h1> (not in teasers)."""
    texts = [" ".join(pieces) for pieces in meta.byline_elements[:3]]
    h1 = tree.find(".//h1")
    above = elements_before(tree, h1)
    body = tree.find("body")
    marked = [e for e in marked if body is not None and e is not body and e.tag not in ("html", "head")]
    for element in marked[: _MAX_DATE_TEXTS * 4]:
        if len(texts) >= _MAX_DATE_TEXTS + 3:
            break
        if element in above and not beside_headline(element, h1):
            continue  # above the headline: the masthead's date, not the story's
        if h1 is None and not any(a.tag in ("article", "main") for a in element.iterancestors()):
            continue  # no headline to stand beside, and outside the story
        text = normalise_space(element.text_content())
        if text and len(text) <= 120 and any(ch.isdigit() for ch in text) and not _in_teaser(element):
            texts.append(text)
    # A short line set straight under the headline, marked or not ("OSS TOPICS 2019年3月15日 09:43"); on a
    # page without an <h1>, under the <h2> that says what the <title> says.
    headline = h1 if h1 is not None else next(
        (h2 for h2 in tree.iter("h2") if meta.title and normalise_space(h2.text_content()) == meta.title), None)
    under = headline.getnext() if headline is not None else None
    if under is not None and not isinstance(under, etree._Comment) and not _TEASER.search(
            (under.get("class") or "") + " " + (under.get("id") or "")) and not _in_teaser(under):
        text = normalise_space(" ".join(under.itertext()))  # "News24<br>13 Jan 2020": two lines, not "News2413"
        if text and len(text) <= _UNDER_HEADLINE and any(ch.isdigit() for ch in text):
            texts.append(text)
    meta.date_texts = list(dict.fromkeys(texts))


_UNDER_HEADLINE = 80  # characters: a date line, not a standfirst

# A label set on its own before the date it names ("Published:" | "June 7, 2019", "Posted on" | "03/02/08").
_DATE_LABEL = re.compile(r"^\W*(?:published|posted|first published|date|dated|reviewed|publicado|publié|"
                         r"veröffentlicht|pubblicato|gepubliceerd)(?:\s+(?:on|le|am|el|il))?\s*:?\s*$", re.I)
_MAX_LABELLED = 2
_NEXT_TEXT = etree.XPath("following::text()[normalize-space()][1]")
_SECOND_TEXT = etree.XPath("following::text()[normalize-space()][2]")
# The short text nodes that may be such a label, found in C (a pass over every text node in Python costs 10%).
_LABEL_TEXTS = etree.XPath(
    ".//text()[string-length(.) < 40][contains(., 'ublish') or contains(., 'osted') or contains(., 'ate')"
    " or contains(., 'eviewed') or contains(., 'ublica') or contains(., 'ublié') or contains(., 'öffentlicht')"
    " or contains(., 'ubblicato') or contains(., 'epubliceerd')][not(ancestor::script) and not(ancestor::style)]")


def _read_labelled_dates(tree: HtmlElement, meta: PageMeta) -> None:
    """Add "label date" for each date line the page labels ("Published:" then "June 7, 2019"), outside teasers."""
    body = tree.find("body")
    if body is None:
        return
    found = []
    for text in _LABEL_TEXTS(body):
        if len(text) > 40 or not _DATE_LABEL.match(text):
            continue
        parent = text.getparent()  # for a tail ("<br>Published:"), the element it follows
        # The next text after the label: after its element, or after the label itself when it is a tail.
        after = (_SECOND_TEXT if text.is_tail else _NEXT_TEXT)(parent) if parent is not None else []
        following = normalise_space(after[0]) if after else ""
        if following and len(following) <= 60 and any(ch.isdigit() for ch in following) \
                and parent is not None and not _in_teaser(parent):
            found.append(f"{normalise_space(text)} {following}")
            if len(found) >= _MAX_LABELLED:
                break
    meta.date_texts = list(dict.fromkeys([*meta.date_texts, *found]))


def elements_before(tree: HtmlElement, element: HtmlElement | None) -> set[HtmlElement]:
    """Return the elements that open before ``element`` in the document (none when it is None).

    Document order, not source lines: a page written on one line (minified, or as an old CMS
    printed it) has every element on line 1.
    """
    if element is None:
        return set()
    before = set()
    for node in tree.iter(etree.Element):
        if node is element:
            return before
        before.add(node)
    return set()


def beside_headline(element: HtmlElement, h1: HtmlElement) -> bool:
    """Return True if an element above the headline sits in the headline's own block (its parent or
    grandparent, not the page's body): a date line set over the headline, not the masthead's date."""
    for block in list(h1.iterancestors())[:2]:
        if block.tag in ("body", "html", "header", "nav"):
            return False
        if any(ancestor is block for ancestor in element.iterancestors()):
            return True
    return False


def _in_teaser(element: HtmlElement) -> bool:
    """Return True if the element sits in an aside, a footer, comments or a list of other stories."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False
        if ancestor.tag in ("aside", "footer"):
            return True
        if _TEASER.search((ancestor.get("class") or "") + " " + (ancestor.get("id") or "")):
            return True
    return False


# Elements a page marks as its headline by class or id ("headline", "article-title", "entry-title").
_HEADING_CLASS = re.compile(r"headline|(?:article|entry|post|story|page|news)[-_ ]?(?:title|heading|header)\b", re.I)
_MAX_HEADINGS = 40


def _read_headings(meta: PageMeta, marked: list[HtmlElement]) -> None:
    """Add the page's <h1>s and the elements classed as its headline to the candidates (chrome left out)."""
    seen = 0
    for element in marked:
        if seen >= _MAX_HEADINGS:
            break
        source = "h1" if element.tag == "h1" else "heading"
        text = normalise_space(element.text_content())
        if not text or len(text) > 400:
            continue
        seen += 1
        meta.headline_candidates.append((source if not _in_chrome(element) else source + "-chrome", text))


_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?"
    r"(?P<holder>[^.,|©\d][^.,|©]{1,60}?)\s*(?:[.,|]|all rights|alle rechte|tous droits|$)", re.I)


_TITLE_PARTS = re.compile(r"\s[|\-–—:·•»«/~]\s|[|｜：_]|::")


def _site_marks(tree: HtmlElement) -> list[str]:
    """Return the names a page's logo and copyright line give its site ("© 2008 The Daily Clarion")."""
    names = []
    for alt in tree.xpath("//img[contains(@class, 'logo') or contains(@id, 'logo') or contains(@src, 'logo')]/@alt")[:4]:
        alt = normalise_space(alt)
        if 0 < len(alt) <= 60:
            names.append(re.sub(r"\s*(?:logo|home(?:page)?)$", "", alt, flags=re.I))
    for text in tree.xpath("//body//text()[contains(., '©') or contains(., 'opyright')]")[-4:]:
        match = _COPYRIGHT_HOLDER.search(normalise_space(text))
        holder = match["holder"].strip() if match else ""
        if holder[:1].isupper() and not re.match(r"all rights|alle rechte|tous droits", holder, re.I):
            names.append(holder)
    return [n for n in names if sum(ch.isalpha() for ch in n) >= 2]


def _read_times(tree: HtmlElement, meta: PageMeta) -> None:
    """Add the datetimes of <time> elements that date this article (not teasers) to ``meta``."""
    first_plain = None
    for time in tree.iter("time"):
        value = time.get("datetime")
        if not value:
            continue
        prop = (time.get("itemprop") or "").lower()
        cls = (time.get("class") or "").lower()
        if prop == "datemodified" or "updated" in cls or "modified" in cls:
            meta.modified.append(value)
        elif prop == "datepublished" or time.get("pubdate") is not None or "publish" in cls:
            meta.published.append(value)
        elif first_plain is None and not _in_chrome(time):
            first_plain = value
    if first_plain:
        meta.published.append(first_plain)


def _in_chrome(element: HtmlElement) -> bool:
    """Return True if the element sits in navigation, an aside, a footer or a teaser list.

    The <body>'s own classes ("no-footer-desktop", "has-sidebar") describe the whole page and are not read.
    """
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        if ancestor.tag in ("nav", "aside", "footer"):
            return True
        if _ELSEWHERE.search((ancestor.get("class") or "") + " " + (ancestor.get("id") or "")):
            return True
    return False
