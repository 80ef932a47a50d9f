#!/usr/bin/env python3
"""The archive website under load: article, section, search and home pages, served as a user would serve them.

Usage: .venv/bin/python bench/web.py [--articles 5000] [--workers 3] [--threads 1] [--connections 32]
                                     [--seconds 15] [--passes 2] [--pages article,...] [--work DIR] [--port 8765]
                                     [--writer SECONDS]

"mixed" drives every page type at once, one request in four signed in; with
--writer an editor publishes a correction every SECONDS meanwhile (issue 11:
--pages mixed --connections 64 --seconds 60 --passes 1 --writer 1).

1. Builds (or reuses) a demo archive of N articles with `morgue demo` in
   --work, and publishes a few corrections so article pages show the box.
2. Starts `morgue serve --workers W --threads T` (gunicorn; --workers 1 is
   waitress, the default server) on loopback and waits until it answers.
3. For each page type drives it with wrk (C connections, a fixed time each)
   through a Lua script that cycles over many different URLs of that type:
   random articles, sections and their first pages, a mix of searches.
   Each page type is driven twice by default (--passes): the first pass
   renders each page for the first time (a cold cache, as after a restart
   or for a crawler walking the archive), the second finds them in the
   shared cache, as readers of a running site mostly do.
4. Prints requests/s, p50 and p99 latency, errors (non-2xx answers,
   socket errors and timeouts) and the server's CPU time per request (all
   its processes, from /proc) per page type, as a Markdown table.

wrk is the load generator (Debian/Ubuntu: `sudo apt-get install wrk`;
macOS: `brew install wrk`). It shares the machine's cores with the server,
as a reverse proxy would.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MORGUE = [sys.executable, "-m", "morgue.cli"]
SEARCHES = ["council", "harbour bridge", '"town hall"', "strike OR walkout", "section:Sport", "date:1990..1999",
            "election -council", "elect*", "hospital section:News", "budget date:2000..2009", "rates", "police"]

LUA = """
%s
paths = {%s}
counter = math.random(#paths)
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
"""


LUA_MIXED = """
paths = {%s}
counter = math.random(#paths)
request = function()
  counter = counter %% #paths + 1
  if counter %% 4 == 0 then
    return wrk.format("GET", paths[counter], {["Cookie"] = "%s"})
  end
  return wrk.format("GET", paths[counter])
end
"""

# An editor publishing corrections while readers read: one every --writer seconds, each a revision with a public note.
WRITER = (
    "import sys, time, random\n"
    "from morgue.django_setup import setup\n"
    "setup(sys.argv[1], migrate=False)\n"
    "from morgue.archive.models import Article, Revision\n"
    "from morgue.archive.revisions import append_revision\n"
    "ids = list(Article.objects.filter(withdrawn=False).values_list('pk', flat=True))\n"
    "rng, every, until, done = random.Random(3), float(sys.argv[2]), time.monotonic() + float(sys.argv[3]), 0\n"
    "while time.monotonic() < until:\n"
    "    a = Article.objects.get(pk=rng.choice(ids))\n"
    "    append_revision(a, Revision.CORRECTION, {'headline': a.headline.rstrip('.') + ('.' if done % 2 else '')},\n"
    "                    reason='bench', public_note='An earlier version of this headline was punctuated wrongly.')\n"
    "    done += 1\n"
    "    time.sleep(every)\n"
    "print(done)\n"
)


def build_archive(home: Path, articles: int) -> None:
    """Build the demo archive unless one is there; add a few public corrections."""
    subprocess.run([*MORGUE, "--home", str(home), "demo", "--articles", str(articles), "--if-empty"], check=True,
                   stdout=subprocess.DEVNULL)
    code = (
        "import sys\n"
        "from morgue.django_setup import setup\n"
        "setup(sys.argv[1])\n"
        "from morgue.archive.models import Article, Revision\n"
        "from morgue.archive.revisions import append_revision\n"
        "if not Revision.objects.filter(kind='correction').exists():\n"
        "    for a in Article.objects.order_by('pk')[::50]:\n"
        "        append_revision(a, Revision.CORRECTION, {'byline': a.byline}, reason='bench',\n"
        "                        public_note='An earlier version of this article misspelt a name.')\n"
    )
    subprocess.run([sys.executable, "-c", code, str(home)], check=True)


def page_urls(home: Path, rng: random.Random) -> dict[str, list[str]]:
    """Return the URLs to request for each page type."""
    code = (
        "import sys, json\n"
        "from morgue.django_setup import setup\n"
        "setup(sys.argv[1], migrate=False)\n"
        "from django.db.models import Count\n"
        "from morgue.archive.models import Article\n"
        "ids = list(Article.objects.filter(withdrawn=False).values_list('pk', flat=True))\n"
        "from morgue.web.reading import section_slug\n"
        "sections = [(section_slug(name), n) for name, n in Article.objects.filter(withdrawn=False).exclude(section='')"
        ".values_list('section').annotate(n=Count('id')).order_by()]\n"
        "print(json.dumps({'ids': ids, 'sections': sections}))\n"
    )
    import json
    from urllib.parse import quote, urlencode

    data = json.loads(subprocess.run([sys.executable, "-c", code, str(home)], check=True, capture_output=True, text=True).stdout)
    articles = [f"/article/{pk}/" for pk in rng.sample(data["ids"], min(1000, len(data["ids"])))]
    sections = [f"/section/{quote(slug)}/?page={page}" for slug, n in data["sections"] for page in range(1, min(5, n // 50 + 1) + 1)]
    searches = [f"/search/?{urlencode({'q': q, **({'page': p} if p > 1 else {})})}" for q in SEARCHES for p in (1, 2)]
    mixed = [*articles[:600], *sections, *searches, "/", "/sections/"]
    random.Random(len(mixed)).shuffle(mixed)
    return {"article": articles, "section": sections, "search": searches, "home": ["/"], "article-signed-in": articles,
            "mixed": mixed}


def signed_in_cookie(home: Path) -> str:
    """Return the Cookie header of a signed-in reader (an account made for the bench, and a session of theirs)."""
    code = (
        "import sys\n"
        "from morgue.django_setup import setup\n"
        "setup(sys.argv[1], migrate=False)\n"
        "from django.conf import settings\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "user, _ = get_user_model().objects.get_or_create(username='bench-reader')\n"
        "session = SessionStore()\n"
        "session[SESSION_KEY] = str(user.pk)\n"
        "session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]\n"
        "session[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "session.create()\n"
        "print(f'{settings.SESSION_COOKIE_NAME}={session.session_key}')\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(home)], check=True, capture_output=True, text=True).stdout.strip()


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped before answering; see its output above")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"the server did not answer on port {port} within {seconds:.0f} s")


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(port: int, paths: list[str], connections: int, seconds: int, work: Path, cookie: str = "",
            mixed_cookie: str = "") -> dict:
    """Drive the server with wrk over ``paths`` (sending ``cookie`` if given); return requests/s, p50, p99 (ms) and errors.

    With ``mixed_cookie``, one request in four carries it (a signed-in reader among anonymous ones).
    """
    script = work / "paths.lua"
    headers = f'wrk.headers["Cookie"] = "{cookie}"' if cookie else ""
    listed = ", ".join('"%s"' % p.replace('"', '\\"') for p in paths)
    script.write_text(LUA_MIXED % (listed, mixed_cookie) if mixed_cookie else LUA % (headers, listed))
    out = subprocess.run(["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s", "--latency",
                          "-s", str(script), f"http://127.0.0.1:{port}"], check=True, capture_output=True, text=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))

    def parse(value):
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        return _ms(number, unit)

    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": parse(latency["50"]), "p99": parse(latency["99"]), "errors": errors,
            "requests": int(re.search(r"(\d+) requests in", out).group(1))}


def server_cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) used so far by the server's process group (Linux /proc)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pid:  # the process group the server was started in
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=3, help="morgue serve --workers (1: waitress)")
    parser.add_argument("--threads", type=int, default=1, help="morgue serve --threads (per worker; 1: gunicorn sync workers)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=15, help="per page type")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "morgue-bench-web")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pages", default="article,section,search,home,article-signed-in",
                        help="page types to drive, comma-separated (article-signed-in: the article pages again, "
                             "as a signed-in reader whose header is made for them)")
    parser.add_argument("--passes", type=int, default=2,
                        help="drive each page type this many times in a row: the first pass renders every page "
                             "for the first time, the next find them in the shared cache, as a running site does")
    parser.add_argument("--writer", type=float, default=0.0,
                        help="while the 'mixed' pages are driven, an editor publishes a correction every this many "
                             "seconds (0: no writer)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/web.py needs wrk, the HTTP load generator: `sudo apt-get install wrk` (Debian/Ubuntu) "
                 "or `brew install wrk` (macOS)")
    home = args.work / f"archive-{args.articles}"
    home.mkdir(parents=True, exist_ok=True)
    print(f"archive: {args.articles:,} demo articles in {home}", file=sys.stderr)
    build_archive(home, args.articles)
    urls = page_urls(home, random.Random(args.seed))
    cookie = signed_in_cookie(home)

    # Every run starts with nothing rendered: the shared page cache lives in the home and outlives servers.
    shutil.rmtree(home / "cache", ignore_errors=True)
    server = subprocess.Popen([*MORGUE, "--home", str(home), "serve", "--port", str(args.port),
                               "--workers", str(args.workers), "--threads", str(args.threads)],
                              stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until_up(args.port, server)
        for path in {p for paths in urls.values() for p in paths[:3]}:  # load each worker's code and templates
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}{path}", timeout=10).read()
        rows = []
        for kind in args.pages.split(","):
            for visit in range(1, args.passes + 1):
                label = kind if args.passes == 1 else f"{kind}, {'first pass (nothing cached)' if visit == 1 else f'pass {visit}'}"
                print(f"driving {label} ({len(urls[kind])} URLs) for {args.seconds} s …", file=sys.stderr)
                cpu = server_cpu_seconds(server.pid)
                writer = (subprocess.Popen([sys.executable, "-c", WRITER, str(home), str(args.writer), str(args.seconds)],
                                           stdout=subprocess.PIPE, text=True)
                          if kind == "mixed" and args.writer else None)
                result = run_wrk(args.port, urls[kind], args.connections, args.seconds, args.work,
                                 cookie if kind.endswith("signed-in") else "", cookie if kind == "mixed" else "")
                if writer is not None:
                    result["corrections"] = int(writer.communicate(timeout=60)[0].strip() or 0)
                    label += f", {result['corrections']} corrections published meanwhile"
                # CPU per request does not depend on what else the machine is running.
                result["cpu_ms"] = (server_cpu_seconds(server.pid) - cpu) * 1000 / max(1, result["requests"])
                rows.append((label, len(urls[kind]), result))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    server_name = "waitress" if args.workers == 1 else "gunicorn"
    print(f"\n`morgue serve --workers {args.workers} --threads {args.threads}` ({server_name}), {args.articles:,} demo "
          f"articles, SQLite; wrk -c {args.connections}, {args.seconds} s per page type; {os.cpu_count()} cores, "
          f"{date.today().isoformat()}\n")
    print("| page | URLs | requests/s | p50 ms | p99 ms | errors | server CPU ms/request |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, n, r in rows:
        print(f"| {kind} | {n:,} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} | {r['cpu_ms']:.2f} |")
    print(f"\nload average during the run: {os.getloadavg()[0]:.1f} (other work on the machine slows every figure but the last column)")


if __name__ == "__main__":
    main()
