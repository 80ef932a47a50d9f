"""morgue.toml: the paper's settings read, written and checked (pure), and `morgue init` writing them."""

import os
import subprocess
import sys

import pytest

from morgue.errors import ConfigurationError
from morgue.paper import Paper, read_paper, readable_accent, write_paper

MORGUE = [sys.executable, "-m", "morgue.cli"]


def test_a_home_without_a_file_is_neutral(tmp_path):
    paper = read_paper(tmp_path)
    assert paper == Paper() and paper.title == "The archive" and "morgue" not in paper.archive_notice.lower()


def test_written_and_read_back_unchanged_whatever_the_text(tmp_path):
    paper = Paper(name='The "Quoted" Courier \\ Ü', founded=1888, accent="#8B1A1A", language="de-AT", timezone="Europe/Vienna",
                  notice="Line\twith tab and \x7f and \x01", pages={"about": '"""triple"""\n\n**bold**\n'})
    write_paper(tmp_path, paper)
    back = read_paper(tmp_path)
    assert back == Paper(**{**paper.__dict__, "accent": "#8b1a1a"})


@pytest.mark.parametrize("text, words", [
    ("[paper]\nname = ", "not valid TOML"),
    ("[paper]\nnmae = 'x'\n", "no setting 'nmae'"),
    ("[paper]\nfounded = 'nineteen'\n", "founded"),
    ("[paper]\naccent = 'blue'\n", "#rrggbb"),
    ("[paper]\nurl = 'archive.example.com'\n", "web address"),
    ("[paper]\ntimezone = 'Nowhere/Land'\n", "time zone"),
    ("[paper]\nlogo = '/etc/passwd'\n", "inside the archive home"),
    ("[pages]\nabuot = 'x'\n", "about, terms, privacy"),
])
def test_a_bad_file_is_one_clear_error(tmp_path, text, words):
    (tmp_path / "morgue.toml").write_text(text)
    with pytest.raises(ConfigurationError, match=words):
        read_paper(tmp_path)


def test_a_light_accent_is_darkened_for_text_and_a_dark_one_kept():
    assert readable_accent("#8b1a1a") == "#8b1a1a"
    light = readable_accent("#ffee00")
    assert light != "#ffee00" and all(int(light[i:i + 2], 16) < 0xee for i in (1, 3))


def run(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME")}
    return subprocess.run([*MORGUE, *args], env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_init_writes_the_flags_and_refuses_a_bad_one_before_making_anything(tmp_path):
    home = tmp_path / "home"
    bad = run("--home", str(home), "init", "--founded", "3001")
    assert bad.returncode != 0 and "founded" in bad.stderr and not home.exists()
    made = run("--home", str(home), "init", "--name", "The Oldcastle Courier", "--founded", "1901", "--url",
               "https://archive.oldcastle.example/", "--language", "en-GB", "--timezone", "Europe/London")
    assert made.returncode == 0, made.stderr
    paper = read_paper(home)
    assert (paper.name, paper.founded, paper.url, paper.timezone) == (
        "The Oldcastle Courier", 1901, "https://archive.oldcastle.example", "Europe/London")
    again = run("--home", str(home), "init", "--publisher", "Oldcastle Media")
    assert again.returncode == 0 and read_paper(home).publisher == "Oldcastle Media" and read_paper(home).founded == 1901
    asked = subprocess.run([*MORGUE, "--home", str(tmp_path / "asked"), "init", "--ask"], capture_output=True, text=True,
                           input="The Harbour Gazette\n\n1920\n\n\n\n", timeout=120,
                           env={k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME")})
    assert asked.returncode == 0, asked.stderr
    assert read_paper(tmp_path / "asked").name == "The Harbour Gazette" and read_paper(tmp_path / "asked").founded == 1920


def test_the_audit_reads_the_founding_year(tmp_path):
    home = tmp_path / "home"
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Mill to close</title><meta property='article:published_time' content='1990-03-02'>"
                    "</head><body><h1>Mill to close</h1><p>The town's last mill will close in the spring, its owners "
                    "said on Monday, after ninety years of weaving.</p></body></html>")
    assert run("--home", str(home), "init", "--founded", "1995").returncode == 0
    assert run("--home", str(home), "ingest", str(page), "--quiet", "--workers", "1").returncode == 0
    report = run("--home", str(home), "audit", "--workers", "1")
    assert report.returncode == 0 and "date-before-founding" in report.stdout, report.stdout + report.stderr
