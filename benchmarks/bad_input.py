"""Bad input, measured: each class of bad input through the real CLI (a subprocess),
against the fake OpenAI-compatible server. Counts the classes, their distinct
messages and exit codes, tracebacks seen (target 0) and model requests made for
input that could be rejected before sending (target 0).

    python benchmarks/bad_input.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import EXAMPLE, EXAMPLE_DRAFT  # noqa: E402
from tests.fake_openai import FakeOpenAI, Script  # noqa: E402


def cases(tmp: Path, url: str) -> list[tuple[str, list[str], Callable[[], None]]]:
    remote = ["--base-url", url, "--model", "fake-model", "--api-key", "sk-bench"]
    def write(name: str, data: bytes) -> Callable[[], None]:
        return lambda: (tmp / name).write_bytes(data)
    def noop() -> None:
        return None
    big = tmp / "huge.txt"
    prompts = tmp / "badprompts"
    return [
        ("missing file", ["run", str(tmp / "nope.txt"), *remote], noop),
        ("a folder", ["run", str(tmp), *remote], noop),
        ("empty file", ["run", str(tmp / "empty.txt"), *remote], write("empty.txt", b"")),
        ("whitespace only", ["run", str(tmp / "blank.txt"), *remote], write("blank.txt", b" \n\t\n")),
        ("binary file", ["run", str(tmp / "bin.txt"), *remote], write("bin.txt", b"\x00\x01PK\x03\x04" * 50)),
        ("not UTF-8", ["run", str(tmp / "latin.txt"), *remote], write("latin.txt", "Café owner".encode("latin-1"))),
        ("UTF-16 without BOM", ["run", str(tmp / "u16.txt"), *remote],
         write("u16.txt", "Harbour chief resigns.".encode("utf-16-le"))),
        ("HTML without article text", ["run", str(tmp / "empty.html"), *remote],
         write("empty.html", b"<html><body><nav>Menu</nav><script>x()</script></body></html>")),
        ("file over the size limit", ["run", str(big), *remote],
         lambda: big.write_bytes(b"A sentence. " * (21 * 1024 * 1024 // 12))),
        ("article too long even split", ["run", str(tmp / "long.txt"), "--context", "4096", *remote],
         write("long.txt", b"Word after word. " * 60_000)),
        ("context too small for the prompt", ["run", str(EXAMPLE), "--context", "1024", *remote], noop),
        ("one sentence too long", ["run", str(tmp / "sentence.txt"), *remote],
         write("sentence.txt", b"word " * 40_000)),
        ("empty stdin", ["run", "-", *remote], noop),
        ("output folder missing", ["run", str(EXAMPLE), "-o", str(tmp / "no" / "out.json"), *remote], noop),
        ("prompt folder missing", ["run", str(EXAMPLE), "--prompts", str(tmp / "noprompts"), *remote], noop),
        ("template error", ["run", str(EXAMPLE), "--prompts", str(prompts), *remote],
         lambda: (prompts.mkdir(exist_ok=True), (prompts / "system.j2").write_text("{{ nope }}"),
                  (prompts / "user.j2").write_text("x"))),
        ("base URL without scheme", ["run", str(EXAMPLE), "--base-url", "localhost:8000", "--model", "m"], noop),
        ("model without endpoint", ["run", str(EXAMPLE), "--model", "gpt-4o"], noop),
        ("model file missing", ["run", str(EXAMPLE), "--model-path", str(tmp / "none.gguf")], noop),
        ("bad number in environment", ["run", str(EXAMPLE), *remote], noop),
        ("unknown format", ["run", str(EXAMPLE), "--format", "yaml", *remote], noop),
        ("batch: no source", ["batch", "--db", str(tmp / "b.sqlite"), *remote], noop),
        ("batch: bad --every", ["batch", str(EXAMPLE), "--every", "soon", "--db", str(tmp / "b.sqlite"), *remote], noop),
        ("batch: database folder missing", ["batch", str(EXAMPLE), "--db", str(tmp / "no" / "b.sqlite"), *remote], noop),
        ("batch: not a database", ["batch", str(EXAMPLE), "--db", str(tmp / "junk.sqlite"), *remote],
         write("junk.sqlite", b"this is not sqlite" * 100)),
        ("export: no database", ["export", str(tmp / "none.sqlite")], noop),
        ("eval: folder missing", ["eval", str(tmp / "nofolder"), *remote], noop),
        ("eval: bad --fail-under", ["eval", str(ROOT / "evals" / "fixtures"), "--fail-under", "macro=x", *remote], noop),
    ]


def main() -> None:
    fake = FakeOpenAI(default=Script(content=json.dumps(EXAMPLE_DRAFT))).start()
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, args, setup in cases(tmp, fake.base_url):
            setup()
            env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_"))}
            env["SUMMARIZE_CACHE_DIR"] = str(tmp / "cache")
            if name == "bad number in environment":
                env["SUMMARIZE_PARALLEL"] = "many"
            before = len(fake.requests)
            proc = subprocess.run([sys.executable, "-m", "summarize", *args], cwd=ROOT, env=env,
                                  capture_output=True, text=True, input="", timeout=120)
            lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
            rows.append({
                "class": name, "exit": proc.returncode, "requests": len(fake.requests) - before,
                "traceback": "Traceback" in proc.stderr, "lines": len(lines),
                "message": (lines[-1] if lines else "")[:150],
            })
            print(f"{name:32s} exit {proc.returncode:3d}  requests {rows[-1]['requests']}  "
                  f"{'TRACEBACK ' if rows[-1]['traceback'] else ''}{rows[-1]['message']}", flush=True)
    fake.stop()
    codes = sorted({r["exit"] for r in rows})
    print(f"\n{len(rows)} bad-input classes; {len({r['message'] for r in rows})} distinct messages; exit codes {codes}; "
          f"zero exits: {sum(r['exit'] == 0 for r in rows)}; tracebacks: {sum(r['traceback'] for r in rows)}; "
          f"multi-line errors: {sum(r['lines'] > 1 for r in rows)}; model requests made: {sum(r['requests'] for r in rows)}")


if __name__ == "__main__":
    main()
