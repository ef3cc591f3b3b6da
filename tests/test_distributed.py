"""The Ray Data path gives the single-machine CLI's results, failed files included."""

import json
import subprocess
import sys

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'sec-events[ray]')")

from sec_events.distributed import input_paths  # noqa: E402

COMPANIES = ["Harlow Tidewater Logistics, Inc.", "Quillon Aerostructures Corp.", "Orrin Metals LLC",
             "Pellham Ridge Therapeutics, Inc."]
VERBS = ["entered into", "amended", "extended", "terminated"]


def _write_filings(folder, n):
    """n small filings of three kinds, and one of each kind of bad file."""
    folder.mkdir()
    for i in range(n):
        company, verb = COMPANIES[i % 4], VERBS[i % 3]
        text = (f"On June {i % 28 + 1}, 2024, {company} (NYSE: Q{i % 26:02d}) {verb} its Credit Agreement with "
                f"Bramblecote Savings Bank, N.A. for ${i + 1}.5 million.")
        if i % 3 == 1:
            (folder / f"f{i:04d}.htm").write_text(f"<html><body><p>{text}</p><table><tr><td>a</td><td>b</td></tr>"
                                                  f"</table></body></html>")
        elif i % 3 == 2:
            (folder / f"f{i:04d}.txt").write_text(
                f"<SEC-HEADER>\nCOMPANY CONFORMED NAME:\tFILER {i}\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n"
                f"<TEXT>\nItem 1.01 Entry into a Material Definitive Agreement.\n\n{text}\n</TEXT>\n</DOCUMENT>\n")
        else:
            (folder / f"f{i:04d}.txt").write_text(text)
    (folder / "bad-empty.txt").write_bytes(b"")
    (folder / "bad-binary.bin").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "bad-truncated.txt").write_bytes(b"<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nItem 1.01 On")


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_ray_results_equal_cli_results(tmp_path, rules_nlp):
    model = tmp_path / "model"
    rules_nlp.to_disk(model)
    folder = tmp_path / "filings"
    _write_filings(folder, 300)
    sec_events = [sys.executable, "-m", "sec_events"]
    cli = subprocess.run([*sec_events, "extract", str(folder), "--model", str(model), "--out",
                          str(tmp_path / "cli.jsonl"), "--no-progress"], capture_output=True, text=True)
    ray = subprocess.run([*sec_events, "extract-ray", str(folder), str(tmp_path / "ray.jsonl"), "--model",
                          str(model), "--num-cpus", "2", "--actors", "2", "--batch-size", "32"],
                         capture_output=True, text=True)
    assert cli.returncode == ray.returncode == 1, ray.stderr[-3000:]  # three files fail in both
    assert "300 of 303 files extracted, 3 failed" in ray.stderr
    cli_lines, ray_lines = _lines(tmp_path / "cli.jsonl"), _lines(tmp_path / "ray.jsonl")
    assert len(ray_lines) == 303
    assert ray_lines == cli_lines  # same order, entities, events, offsets and errors
    assert sum(bool(line["error"]) for line in ray_lines) == 3
    assert sum(len(line["events"]) for line in ray_lines) >= 300


def test_input_paths(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.htm").write_text("x")
    listing = tmp_path / "list"
    listing.write_text(f"{tmp_path / 'b.htm'}\n\n{tmp_path / 'a.txt'}\n")
    assert input_paths(f"@{listing}") == [str(tmp_path / "b.htm"), str(tmp_path / "a.txt")]
    assert input_paths(str(tmp_path / "*.txt")) == [str(tmp_path / "a.txt")]
    assert input_paths(str(tmp_path)) == [str(tmp_path)] and input_paths("s3://bucket/8k/") == ["s3://bucket/8k/"]
