"""The demo archive's own paper: its settings (morgue.toml) and its logo, as a publisher would give them."""

from __future__ import annotations

from pathlib import Path

from morgue.paper import Paper, paper_file, write_paper

from .sites import COURIER, GAZETTE, POST

LOGO_FILE = "logo.svg"
DEMO_PAPER = Paper(
    name=COURIER.name,
    short_name="The Courier",
    url="",  # the demo is served wherever it runs
    founded=1949,
    publisher="Northfield & District Newspapers",
    language="en-GB",
    timezone="Europe/London",
    accent="#8b1a1a",
    logo=LOGO_FILE,
    contact="archive@northfieldcourier.example",
    notice=(f"The archive of {COURIER.name} and its sister titles, {GAZETTE.name} and {POST.name}. Every article "
            "was read from an original kept byte for byte; corrections are published, never silent."),
    pages={"about": (
        f"**{COURIER.name}** has reported on Northfield and its district since 1949. This archive holds its stories "
        f"and those of its sister titles, *{GAZETTE.name}* (Harbour Point) and *{POST.name}* (Ashby Vale), "
        "as they were moved from the papers' old websites and content systems.\n\n"
        "Nothing in it was rewritten in the move. Where the old systems damaged characters, markup or paragraphs, "
        "the damage was repaired mechanically and each article says so; where we got something wrong, the "
        "correction is published on the article, on the front page and in the corrections feed.\n\n"
        "Every article links to the original it was read from, byte for byte.\n\n"
        "*This is a demonstration: the papers, their towns and everyone in them are invented.*")},
)


def logo_svg(paper: Paper = DEMO_PAPER) -> bytes:
    """Return the demo paper's masthead: its name in a serif face over a rule in its colour."""
    from html import escape

    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 520 64" width="520" height="64">'
            f'<text x="0" y="40" font-family="Georgia,\'Times New Roman\',serif" font-size="38" font-weight="bold" '
            f'fill="#1a1a1a">{escape(paper.name)}</text>'
            f'<rect x="0" y="52" width="520" height="5" fill="{paper.accent}"/></svg>').encode()


def write_demo_paper(home: Path) -> bool:
    """Write the demo paper's settings and logo into ``home`` unless it has settings already; return whether it did."""
    if paper_file(home).exists():
        return False
    (home / LOGO_FILE).write_bytes(logo_svg())
    write_paper(home, DEMO_PAPER)
    return True
