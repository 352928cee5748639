"""Ingest memory and time on large generated pages: peak RSS of the whole `ingest` pipeline (the
CLI's container: settings, chroma, the ONNX embedder with the shipped corpus indexed first, then
the file), one process per case so each peak is its own.

    python -m bench.ingest_rss_bench [--cases refuse30,text19,raised30,raised19,full,tags]

Cases (pages are generated; nothing is downloaded):
- refuse30: a 30 MB HTML article with the default limits (refused by size before reading);
- text19:   a 19 MB HTML article (under the 20 MB default) - parsed, then refused: too much text;
- raised30: the 30 MB article with the limits at their maximum allowed values (100 MB, 20,000 chunks);
- raised19: a 19 MB article with those maximum limits (parsed and chunked: the worst case we allow);
- full:     a 0.4 MB HTML article (~480 chunks of ~1,000 characters) - parsed, chunked, embedded
            and written in batches of 64 (time limit lifted: a loaded machine is slow; memory
            plateaus after the first batches, so a longer file does not raise the peak);
- tags:     a 0.5 MB page of 39,000 tiny elements, just under the element limit (parse-tree memory,
            then ~190 token-dense chunks of 256 tokens each: the embedder's worst case).
Target (issue 12, part 8): peak RSS <= 600 MB whatever the input.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import emit, machine, peak_rss_mb

SENTENCE = "Fine-tuning changes the weights of the model with labelled examples, while prompting does not. "
CASES: dict[str, dict[str, Any]] = {
    "refuse30": {"page": ("text", 30.0), "env": {}},
    "text19": {"page": ("text", 19.0), "env": {}},
    "raised30": {"page": ("text", 30.0), "env": {"FTADVISOR_INGEST_MAX_FILE_MB": "100",
                                                  "FTADVISOR_INGEST_MAX_CHUNKS": "20000"}},
    "raised19": {"page": ("text", 19.0), "env": {"FTADVISOR_INGEST_MAX_FILE_MB": "100",
                                                  "FTADVISOR_INGEST_MAX_CHUNKS": "20000"}},
    "full": {"page": ("text", 0.4), "env": {"FTADVISOR_INGEST_MAX_SECONDS": "3600"}},
    "tags": {"page": ("tags", 39_000), "env": {"FTADVISOR_INGEST_MAX_SECONDS": "3600"}},
}


def write_page(path: Path, kind: str, amount: float) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("<html><head><title>Generated</title></head><body><article><h1>Generated article</h1>\n")
        if kind == "tags":
            for i in range(int(amount) // 2):
                out.write(f"<span>w{i}</span><b>x</b>\n")
        else:
            target = int(amount * 1024 * 1024)
            written = n = 0
            while written < target:
                block = (f"<h2>Section {n}</h2>\n" if n % 10 == 0 else "") + f"<p>{n}. " + SENTENCE * 9 + "</p>\n"
                out.write(block)
                written += len(block)
                n += 1
        out.write("</article></body></html>\n")


def worker(path: Path) -> dict[str, Any]:
    from bot.container import Container
    from bot.settings import load_settings

    c = Container(load_settings())
    c.retriever  # noqa: B018 - as the CLI does: the shipped corpus is indexed first
    baseline = peak_rss_mb()
    started = time.perf_counter()
    summary = c.ingestor.ingest([path])
    seconds = time.perf_counter() - started
    c.close()
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_before_file_mb": round(baseline, 1),
        "files": summary.files,
        "chunks_added": summary.chunks_added,
        "skipped": [reason for _path, reason in summary.skipped],
    }


def run_case(name: str, tmp: Path) -> dict[str, Any]:
    case = CASES[name]
    page = tmp / f"{name}.html"
    write_page(page, *case["page"])
    env = {**os.environ, "FTADVISOR_DATA_DIR": str(tmp / f"data-{name}"), **case["env"]}
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "DATABASE_URL"):
        env.pop(var, None)
    out = subprocess.run([sys.executable, "-m", "bench.ingest_rss_bench", "--worker", str(page)],
                         capture_output=True, text=True, env=env, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["page_mb"] = round(page.stat().st_size / (1024 * 1024), 1)
    page.unlink()
    return dict(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(Path(args.worker))))
        return
    with tempfile.TemporaryDirectory(prefix="ingest-rss-") as tmp:
        for name in args.cases.split(","):
            result = run_case(name, Path(tmp))
            emit(f"ingest_rss:{name}", {**result, "machine": machine(), "load": os.getloadavg()},
                 f"{name}: page {result['page_mb']} MB -> {result['files']} file(s), {result['chunks_added']} chunks, "
                 f"{result['seconds']} s, peak RSS {result['peak_rss_mb']} MB "
                 f"(before the file {result['rss_before_file_mb']} MB); skipped: {result['skipped']}")


if __name__ == "__main__":
    main()
