"""Quick quality check of `cleaner` alone, in one mode: python -m bench.quick html|page|container [--worst N]."""

from __future__ import annotations

import sys
import time

from bench.data import pages
from bench.metric import aggregate, score_document
from cleaner import Options, clean_text


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "html"
    worst = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--worst" else 0
    options = Options(input_format="html" if mode == "html" else "text")
    scored = []
    start = time.perf_counter()
    for page in pages():
        source = {"html": page.html, "page": page.page_text, "container": page.container_text}[mode]()
        result = clean_text(source, options)
        scored.append((page.id, score_document(page.truth, result.text)))
    elapsed = time.perf_counter() - start
    s = aggregate(d for _, d in scored)
    print(
        f"{mode}: F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}  acc {s.accuracy:.3f}  "
        f"{len(scored) / elapsed:.1f} docs/s"
    )
    if worst:

        def f1(d) -> float:  # type: ignore[no-untyped-def]
            p, r = d.precision or 0.0, d.recall or 0.0
            return 2 * p * r / (p + r) if p + r else 0.0

        for pid, d in sorted(scored, key=lambda x: f1(x[1]))[:worst]:
            print(f"  {pid[:12]}  P {d.precision or 0:.3f} R {d.recall or 0:.3f}")


if __name__ == "__main__":
    main()
