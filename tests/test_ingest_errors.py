"""One `toll ingest` batch full of hostile and broken inputs: each is one recorded error naming it, the good
document is stored, nothing is fetched from a private address, and memory stays bounded on a 300 MB bomb."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from toll.store import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.ingest._helpers import Web, article_html, serve, warc_bomb, warc_bytes, write  # noqa: E402

GOOD = (
    "Regional officials in Drava said on Sunday that 23 civilians were killed and 41 wounded when a missile struck "
    "a bus station in the town of Kessa. The regional governor said 6 of the dead were children."
)

# Runs the real command in this interpreter's child and reports the child's own peak RSS.
RUN = """
import sys
from toll.cli import main
try:
    main(sys.argv[1:], standalone_mode=True)
    code = 0
except SystemExit as e:
    code = e.code or 0
# VmHWM is this process's own peak; ru_maxrss would start at the forking parent's size
with open("/proc/self/status") as f:
    peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
sys.stderr.write(f"\\npeak_rss_kib={peak}\\n")
sys.exit(code)
"""


@pytest.fixture
def web() -> Iterator[Web]:
    yield from serve("127.0.0.1")


def _inputs(tmp_path: Path, web: Web) -> tuple[str, dict[str, str]]:
    good = write(tmp_path / "good.jsonl", json.dumps({"id": "good", "url": "https://drava.example/kessa",
                                                      "published": "2030-09-01", "text": GOOD}) + "\n")
    packed = gzip.compress(b"".join(json.dumps({"id": f"n{i}", "text": GOOD}).encode() + b"\n" for i in range(3)))
    corrupt = write(tmp_path / "corrupt.jsonl.gz", packed[: len(packed) // 2])  # cut inside the deflate stream
    record = ("response", "https://drava.example/cut", "text/html; charset=utf-8", article_html("kessa").encode())
    warc = warc_bytes([record], gzip=False)
    cut = write(tmp_path / "cut.warc", warc[: len(warc) * 2 // 3])
    bomb = tmp_path / "bomb.warc.gz"
    warc_bomb(bomb, 300 * 1024 * 1024)
    levels = ['<!ENTITY a0 "ha">'] + [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)]
    page = web.page("/article", article_html("kessa"))
    laughs = write(tmp_path / "laughs.rss", f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(levels)}]><rss '
                   f'version="2.0"><channel><title>&a9;</title><item><title>x</title><link>{page}</link></item>'
                   "</channel></rss>")
    xxe = write(tmp_path / "xxe.rss", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY h SYSTEM "file:///etc/passwd">]>'
                f'<rss version="2.0"><channel><title>&h;</title><item><title>x</title><link>{page}</link></item>'
                "</channel></rss>")
    latin = write(tmp_path / "latin1.txt", "Trente-deux soldats tu\xe9s pr\xe8s de la fronti\xe8re.".encode("latin-1"))
    bad = {
        "corrupt gzip": corrupt,
        "truncated WARC record": cut,
        "300 MB decompression bomb": str(bomb),
        "billion-laughs feed": laughs,
        "external-entity feed": xxe,
        "undecodable file": latin,
        "URL resolving to 127.0.0.1": page,
        "cloud metadata URL": "http://169.254.169.254/latest/meta-data/",
    }
    return good, bad


def test_every_bad_input_is_one_recorded_error_and_the_batch_goes_on(
    db_url: str, tmp_path: Path, web: Web, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = _inputs(tmp_path, web)
    names = [bad["corrupt gzip"], good, *[v for k, v in bad.items() if k != "corrupt gzip"]]
    proc = subprocess.run([sys.executable, "-c", RUN, "ingest", "--db", db_url, "-q", *names],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    peak_mb = int(proc.stderr.rsplit("peak_rss_kib=", 1)[1]) / 1024
    with capsys.disabled():
        print(f"\n[toll ingest over {len(names)} inputs incl. a 300 MB bomb: peak RSS {peak_mb:.0f} MB]")
    assert peak_mb < 700  # spaCy and trafilatura take ~300 MB; 300 MB more would mean the bomb was read whole

    store = Store.open(db_url)
    try:
        run = store.run(1)
        counts = store.counts()
    finally:
        store.close()
    by_input: dict[str, list[str]] = {}
    for e in run["errors"]:
        by_input.setdefault(e["input"], []).append(e["problem"])
    for what, name in bad.items():
        assert len(by_input.get(name, [])) == 1, f"{what}: {by_input.get(name)}"
        assert name in by_input[name][0], f"{what}: the error does not name its input: {by_input[name][0]}"
    assert set(by_input) == set(bad.values())
    assert run["failed"] == len(bad) and run["new"] == 1
    assert counts["documents"] == 1 and counts["claims"] >= 2
    # the private addresses were refused before any connection: the local server saw nothing
    assert web.requests == []
    for problem in (p for ps in by_input.values() for p in ps):
        assert f"toll: {problem}" in proc.stderr
