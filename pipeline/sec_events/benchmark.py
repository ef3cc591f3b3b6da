"""Speed and memory of a pipeline on a fixed batch of documents, beside reference pipelines.

Each measurement runs in a fresh Python process (`python -m sec_events.benchmark`) while the
parent samples the proportional set size (PSS: shared pages split between the processes that
share them) of that process and of its `n_process` workers: the peak is the largest sum seen.
Where spacy-transformers is installed, every spaCy process imports PyTorch (about 300 MB of it);
`sec-events` alone, without the trf extra, does not. Speed counts whitespace-separated words,
the same count for every pipeline, over the time `nlp.pipe` takes after one warm-up document.
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

import psutil
import spacy

SAMPLE_SECONDS = 0.5  # reading the PSS of a large process costs CPU: sample twice a second


def benchmark_texts(source: Path, n_docs: int) -> List[str]:
    """`n_docs` texts: the authored corpus documents (marks removed), in file order, cycled."""
    from .corpus.format import read_dir

    texts = [d.text for split in ("train", "dev", "test") for d in read_dir(source / split)]
    if not texts:
        raise ValueError(f"no documents under {source}")
    return [texts[i % len(texts)] for i in range(n_docs)]


def folder_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20


def _tree_pss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc] + proc.children(recursive=True):
        try:
            total += p.memory_full_info().pss
        except psutil.Error:
            pass
    return total


def measure(model: str, texts: List[str], n_process: int = 1, batch_size: int = 64) -> Dict:
    """Words and documents per second and peak memory (MB) of `model` on `texts`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(texts, f)
    cmd = [sys.executable, "-m", "sec_events.benchmark", model, f.name, str(n_process), str(batch_size)]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_pss(proc))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = child.communicate()
    Path(f.name).unlink()
    if child.returncode != 0:
        raise RuntimeError(f"the benchmark of {model} failed:\n{stderr[-2000:]}")
    seconds = float(stdout.split()[-1])
    words = sum(len(t.split()) for t in texts)
    return {
        "model": model,
        "n_process": n_process,
        "docs": len(texts),
        "words": words,
        "seconds": round(seconds, 2),
        "words_per_second": round(words / seconds),
        "docs_per_second": round(len(texts) / seconds, 1),
        "peak_memory_mb": round(peak / 2**20),
    }


def _timed(cmd: List[str]) -> float:
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 1):  # 1: some file failed, which the count below would show
        raise RuntimeError(f"{' '.join(cmd[:4])} failed:\n{run.stderr[-2000:]}")
    return time.perf_counter() - start


def extraction_rows(model: Path, texts: List[str]) -> List[Dict]:
    """Documents per second of whole extraction commands (start-up included) on the texts as files:
    the CLI with 1 and 2 processes and, where Ray is installed, Ray Data with 2 actors."""
    import importlib.util

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "filings"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        base = [sys.executable, "-m", "sec_events"]
        runs = {f"extract, {n} process{'es' if n > 1 else ''}": base + [
            "extract", str(folder), "--model", str(model), "--out", str(Path(tmp) / "out.jsonl"), "--no-progress",
            "--n-process", str(n)] for n in (1, 2)}
        if importlib.util.find_spec("ray"):
            runs["extract-ray, 2 actors"] = base + ["extract-ray", str(folder), str(Path(tmp) / "ray.jsonl"),
                                                    "--model", str(model), "--actors", "2", "--num-cpus", "2"]
        for name, cmd in runs.items():
            seconds = _timed(cmd)
            rows.append({"system": name, "docs": len(texts), "seconds": round(seconds, 1),
                         "docs_per_second": round(len(texts) / seconds, 1)})
    return rows


def run_benchmark(model: Path, texts: List[str], general: Optional[str], n_processes=(1, 2)) -> Dict:
    """Our pipeline, the blank tokenizer and (when installed) a general-purpose pipeline."""
    systems = {"sec-events": str(model), "blank tokenizer": "blank"}
    if general and spacy.util.is_package(general):
        systems["general-purpose"] = general
    rows = []
    for name, path in systems.items():
        for n in n_processes:
            rows.append({"system": name, **measure(path, texts, n_process=n)})
    ours = [r for r in rows if r["system"] == "sec-events"]
    reference = [r for r in rows if r["system"] == "general-purpose" and r["n_process"] == 1]
    size = folder_size_mb(model)
    targets = {
        "model_under_50_mb": size < 50,
        "peak_memory_under_1_gb": all(r["peak_memory_mb"] < 1024 for r in ours),
    }
    if reference:
        targets["as_fast_as_general_purpose"] = ours[0]["words_per_second"] >= reference[0]["words_per_second"]
    return {"model": str(model), "model_size_mb": round(size, 1), "general": general, "rows": rows,
            "extraction": extraction_rows(model, texts), "targets": targets}


def table(result: Dict) -> List[str]:
    """The benchmark as Markdown table lines: the pipelines, then the extraction commands."""
    lines = ["| system | processes | words/s | docs/s | peak memory (MB) |", "|---|---|---|---|---|"]
    for r in result["rows"]:
        lines.append(f"| {r['system']} | {r['n_process']} | {r['words_per_second']:,} | {r['docs_per_second']} "
                     f"| {r['peak_memory_mb']} |")
    lines += ["", "| extraction command | documents | seconds | docs/s |", "|---|---|---|---|"]
    lines += [f"| {r['system']} | {r['docs']} | {r['seconds']} | {r['docs_per_second']} |"
              for r in result["extraction"]]
    return lines


def _time_pipe(model: str, texts_file: str, n_process: int, batch_size: int) -> float:
    """Seconds that `nlp.pipe` takes over the texts ("blank": spaCy's English tokenizer alone)."""
    nlp = spacy.blank("en") if model == "blank" else spacy.load(model)
    texts = json.loads(Path(texts_file).read_text())
    list(nlp.pipe(texts[:1]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - start


if __name__ == "__main__":
    print(_time_pipe(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
