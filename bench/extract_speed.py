"""Warm extraction speed of morgue on extraction-dev, to compare two trees side by side.

    PYTHONPATH=src .venv/bin/python bench/extract_speed.py
    PYTHONPATH=/tmp/base/src .venv/bin/python bench/extract_speed.py   # a worktree at another commit

Extracts the 181 pages twice in one process and prints the second (warm) pass:
one-time costs (imports, the gazetteer) are left out, as a long ingest pays them once.
Run both trees in turn, twice, and compare the ratio (these machines are noisy).
"""

from __future__ import annotations

import gzip
import logging
import time
import warnings
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction-dev"


def main() -> None:
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)
    import morgue
    from morgue.extract import extract_article
    from morgue.errors import ExtractionError
    from morgue.read.document import RawDocument, SourceLocation

    pages = [gzip.decompress(p.read_bytes()) for p in sorted(DEV.glob("*.html.gz"))]
    docs = [RawDocument(data=d, location=SourceLocation(path=str(i)), kind="html") for i, d in enumerate(pages)]

    def run() -> float:
        start = time.process_time()
        for doc in docs:
            try:
                extract_article(doc)
            except ExtractionError:
                pass
        return time.process_time() - start

    first, second = run(), run()
    print(f"| {Path(morgue.__file__).parent} | {len(docs)} pages | first pass {first:.2f} s |"
          f" warm pass {second:.2f} s | {len(docs) / second:.0f} pages/s |")


if __name__ == "__main__":
    main()
