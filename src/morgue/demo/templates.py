"""Render a damaged page in each site's own template, with its site chrome.

The Courier is a crawled modern HTML page (meta tags, sometimes JSON-LD,
breadcrumbs); the Gazette a plain-text scrape; the Post an older table-less
HTML template. Each returns the page as text; the caller encodes it.
Chrome (menus, sign-in prompts, consent banners, share bars, related stories,
copyright footers, archive notices) is what extraction must learn to drop.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime
from html import escape

from .damage import Page
from .phrases import SECTIONS
from .sites import COURIER, GAZETTE, POST, section_name
from .stories import Story
from .words import MONTHS, WEEKDAYS


@dataclass(frozen=True)
class Context:
    """What a template needs besides the story and its page."""

    number: int  # the site's own article number
    url: str | None
    captured: datetime  # when the page was crawled or scraped (its copyright year)
    related: tuple[str, ...]  # headlines for the related-stories box


def _h(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


def human_date(when: datetime, style: int) -> str:
    """Return a date the way a page of that era would print it (style 0–6)."""
    day, month, year = when.day, MONTHS[when.month - 1], when.year
    weekday = WEEKDAYS[when.weekday()]
    return (
        f"{weekday}, {month} {day}, {year}",
        f"{day} {month} {year}",
        f"{month} {day}, {year}",
        f"{weekday[:3]} {day} {month[:3]} {year}",
        f"{when:%Y-%m-%d}",
        f"{day:02d}.{when.month:02d}.{year}",
        f"{weekday} {day} {month} {year}",
    )[style]


def hard_wrap(text: str, width: int = 72) -> str:
    """Return text broken into lines of at most ``width`` columns at spaces.

    A plain greedy wrap: textwrap does the same and more, at five times the cost.
    """
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _body(story: Story, page: Page) -> list[str]:
    """Return the body paragraphs with the dateline opening the first one."""
    body = list(page.paragraphs)
    if story.dateline and body:
        body[0] = f"{story.dateline} — {body[0]}"
    return body


_ACTIVE = ' class="active"'


def _nav(active: str, year: int) -> str:
    items = "".join(
        f'<li{_ACTIVE if s == active else ""}><a href="/{s}/">{_h(section_name(s, year))}</a></li>'
        for s in SECTIONS)
    return f'<ul class="menu">{items}</ul>'


def render_courier(story: Story, page: Page, ctx: Context, rng: random.Random) -> str:
    """Return the Courier's crawled HTML page."""
    section = section_name(page.section, story.published.year)
    head = [f"<title>{_h(page.headline)} - {COURIER.name}</title>",
            f'<link rel="canonical" href="{_a(ctx.url)}">',
            f'<meta name="description" content="{_a(page.paragraphs[0][:150])}">',
            f'<meta property="og:title" content="{_a(page.headline)}">',
            '<meta property="og:type" content="article">']
    iso = f"{story.published:%Y-%m-%dT%H:%M:00Z}"
    style = rng.random()
    if style < 0.6:
        if page.dated:
            head.append(f'<meta property="article:published_time" content="{iso}">')
        head.append(f'<meta property="article:section" content="{section}">')
    if style > 0.45:
        data = {"@context": "https://schema.org", "@type": "NewsArticle",
                "headline": page.headline, "articleSection": section,
                "publisher": {"@type": "Organization", "name": COURIER.name}}
        if page.dated:
            data["datePublished"] = iso
        if story.author:
            data["author"] = {"@type": "Person", "name": story.author}
        head.append(f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>')
    mirrored = ""
    if rng.random() < 0.5:
        mirrored = (f"<!-- Mirrored from {ctx.url.split('//', 1)[1]} by HTTrack Website Copier/3.x "
                    f"[XR&CO'2014], {ctx.captured:%a, %d %b %Y %H:%M:%S} GMT -->\n")
    meta = []
    if story.byline:
        meta.append(f'<p class="byline">By <span class="author">{_h(story.byline)}</span></p>')
    if page.dated:
        meta.append(f'<p class="published"><time datetime="{iso}">'
                    f'{human_date(story.published, rng.choice((1, 2, 6)))}</time></p>')
    paragraphs = "\n".join(f"<p>{_h(p)}</p>" for p in _body(story, page))
    related = "".join(f'<li><a href="/{page.section}/{n}.html">{_h(t)}</a></li>'
                      for n, t in enumerate(ctx.related, ctx.number + 1))
    notice = ""
    if page.dated and story.published.year < 1990 or rng.random() < 0.05:
        notice = ('<div class="archive-note">From the archive: this article is part of '
                  f"{COURIER.name}’s historical collection and appears as first printed.</div>")
    return f"""<!DOCTYPE html>
{mirrored}<html lang="en-GB">
<head>
<meta charset="utf-8">
{chr(10).join(head)}
<link rel="stylesheet" href="/static/css/courier.css?v=3">
</head>
<body class="article section-{page.section}">
<div id="cookie-banner" class="consent"><p>We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button> <a href="/privacy#cookies">Manage preferences</a></div>
<header class="masthead"><a href="/" class="logo">{COURIER.name}</a> <span class="tagline">Serving Northfield since 1887</span>
<nav class="main-nav">{_nav(page.section, story.published.year)}</nav>
<div class="account"><a href="/login">Sign in</a> | <a href="/subscribe">Subscribe from £1 a week</a></div>
</header>
<main>
<ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/{page.section}/">{section}</a></li></ol>
<article>
<h1 class="headline">{_h(page.headline)}</h1>
{chr(10).join(meta)}
<div class="share-bar">Share this article: <a href="#fb">Facebook</a> <a href="#tw">Twitter</a> <a href="#mail">Email</a> <a href="#print">Print</a></div>
{notice}<div class="article-body">
{paragraphs}
</div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<div class="newsletter"><p>Get the Courier’s morning briefing in your inbox.</p><a href="/newsletters">Sign up</a></div>
</main>
<footer><ul class="links"><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/advertise">Advertise</a></li><li><a href="/privacy">Privacy Policy</a></li><li><a href="/terms">Terms</a></li></ul>
<p class="copyright">© {ctx.captured.year} {COURIER.name}. All rights reserved.</p></footer>
</body>
</html>
"""


def render_gazette(story: Story, page: Page, ctx: Context, rng: random.Random) -> str:
    """Return the Gazette's plain-text scrape: header lines, paragraphs, footer lines."""
    lines = [page.headline, GAZETTE.name, "Harbour Point’s independent voice since 1852",
             " | ".join(["Home"] + [section_name(s, story.published.year) for s in SECTIONS]),
             f"You are here: Home > {section_name(page.section, story.published.year)}", ""]
    if story.byline:
        lines.append(f"By {story.byline}")
    if page.dated:
        lines.append(human_date(story.published, rng.randrange(7)))
    lines.append("")
    wrap = rng.random() < 0.4  # some scrapes kept the 72-column hard wrap of the old terminal
    for paragraph in _body(story, page):
        lines.append(hard_wrap(paragraph) if wrap else paragraph)
        lines.append("")
    if page.dated and story.published.year < 1995 or rng.random() < 0.05:
        lines += [f"This article is from the archive of {GAZETTE.name} and may contain "
                  "outdated language.", ""]
    lines += ["Share this article: Facebook | Twitter | Email", ""]
    if ctx.related:
        lines += ["Related stories:"] + [f"* {t}" for t in ctx.related] + [""]
    lines += [f"© {ctx.captured.year} {GAZETTE.name}. All rights reserved",
              "Sign in or create a free account",
              "By continuing you agree to our Privacy Policy and Terms of Use", ""]
    return "\n".join(lines)


def render_post(story: Story, page: Page, ctx: Context, rng: random.Random) -> str:
    """Return the Post's HTML page, as captured into the WARC."""
    section = section_name(page.section, story.published.year)
    head = [f'<meta name="section" content="{section}">']
    info = []
    if story.byline:
        info.append(f'<span class="writer">By {_h(story.byline)}</span>')
    if page.dated:
        if rng.random() < 0.5:
            head.append(f'<meta name="date" content="{story.published:%Y-%m-%d}">')
        when = story.published
        hour = when.hour % 12 or 12
        info.append(f'<span class="pubdate" itemprop="datePublished" content="{when:%Y-%m-%d}">'
                    f"Posted {human_date(when, 2)} at {hour}:{when:%M} "
                    f'{"AM" if when.hour < 12 else "PM"}</span>')
    if story.author:
        head.append(f'<meta name="author" content="{_a(story.author)}">')
    paragraphs = "\n".join(f"<p>{_h(p)}</p>" for p in _body(story, page))
    more = "".join(f'<li><a href="/story/{n}/">{_h(t)}</a></li>'
                   for n, t in enumerate(ctx.related, ctx.number + 7))
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{POST.name} | {section} | {_h(page.headline)}</title>
{chr(10).join(head)}
<link rel="stylesheet" type="text/css" href="/css/vep-main.css">
</head>
<body>
<div id="wrapper">
<div id="top"><img src="/img/vep-logo.gif" alt="{POST.name}" width="320" height="60">
<div class="login-prompt">Already a subscriber? <a href="/members/login">Log in</a> to read every story. Not a member? <a href="/members/join">Register for free</a></div></div>
<div id="menu">{_nav(page.section, story.published.year)}</div>
<div id="content" itemscope itemtype="http://schema.org/NewsArticle">
<div class="section-label">{section}</div>
<h2 class="story-title" itemprop="headline">{_h(page.headline)}</h2>
<div class="story-info">{" ".join(info)}</div>
<div class="story-text" itemprop="articleBody">
{paragraphs}
</div>
<div class="tools"><a href="#print">Print this story</a> | <a href="#email">Email this story</a> | <a href="#comments">Comments (0)</a></div>
<div id="more-stories"><h3>More from {section}</h3><ul>{more}</ul></div>
</div>
<div id="consent">This site uses cookies. By continuing to use the site you agree to our use of cookies. <a href="/cookies">Find out more</a> <a href="#ok">OK</a></div>
<div id="footer">Copyright © {ctx.captured.year} {POST.name}, a member of the Vale Media Group. All rights reserved. | <a href="/privacy">Privacy</a> | <a href="/terms">Terms of use</a></div>
</div>
</body>
</html>
"""


def render_nitf(story: Story, page: Page, ctx: Context, rng: random.Random) -> str:
    """Return the Post's syndication copy as an NITF 3.x XML document."""
    docdata = [f'<doc-id id-string="vep-{ctx.number}"/>']
    if page.dated:
        docdata.append(f'<date.issue norm="{story.published:%Y%m%dT%H%M%S}"/>')
    byline = f"<byline>By {_h(story.byline)}</byline>" if story.byline else ""
    dateline = f"<dateline>{_h(story.dateline)}</dateline>" if story.dateline else ""
    paragraphs = "\n".join(f"<p>{_h(p)}</p>" for p in page.paragraphs)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.4//EN">
<head>
<title>{_h(page.headline)}</title>
<docdata>{"".join(docdata)}</docdata>
<pubdata type="print" name="{POST.name}" position.section="{section_name(page.section, story.published.year)}"/>
</head>
<body>
<body.head>
<hedline><hl1>{_h(page.headline)}</hl1></hedline>
{byline}
{dateline}
</body.head>
<body.content>
{paragraphs}
</body.content>
<body.end><tagline>© {ctx.captured.year} {POST.name}. All rights reserved.</tagline></body.end>
</body>
</nitf>
"""


def render_cms_record(story: Story, page: Page, ctx: Context, rng: random.Random) -> str:
    """Return one line of the Gazette's CMS export (JSON, no trailing newline)."""
    body = _body(story, page)
    record = {
        "id": f"hg-{ctx.number}",
        "url": ctx.url,
        "title": page.headline,
        "byline": story.byline or None,
        "section": section_name(page.section, story.published.year),
        "published": f"{story.published:%Y-%m-%d %H:%M:%S}" if page.dated else None,
        "body_html": "".join(f"<p>{_h(p)}</p>" for p in body),
        "status": "published",
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)
