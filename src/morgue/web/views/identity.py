"""The paper's own files: its logo, its favicon and its colours (a stylesheet: the site allows no inline style)."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse

from morgue.paper import readable_accent
from morgue.web import paper as papers

ONE_DAY = 24 * 3600


def _image_response(data: bytes, content_type: str, request) -> HttpResponse:
    tag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(data, content_type=content_type)
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={ONE_DAY}"
    return response


def logo(request):
    """The paper's logo (404 when it has none: pages then show its name alone)."""
    found = papers.image("logo")
    if found is None:
        raise Http404("no logo")
    return _image_response(*found, request)


def favicon(request):
    """The paper's favicon: the one it gave, else its initial on its accent colour (a masthead is too wide for a tab)."""
    found = papers.image("favicon")
    if found is None:
        return _image_response(papers.default_favicon(papers.current_paper()), "image/svg+xml", request)
    return _image_response(*found, request)


def colours(request):
    """The paper's accent colour as CSS variables, darkened where needed so links stay readable."""
    accent = papers.current_paper().accent_colour
    text = readable_accent(accent)
    dark = "#" + "".join(f"{int(int(text[i:i + 2], 16) * 0.75):02x}" for i in (1, 3, 5))
    css = f":root {{ --accent: {accent}; --accent-text: {text}; --accent-dark: {dark}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60"
    return response
