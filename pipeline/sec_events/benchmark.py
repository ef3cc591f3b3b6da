"""Speed and memory of a pipeline, beside reference pipelines, on corpus texts and on dense filings.

Each measurement runs in a fresh Python process (`python -m sec_events.benchmark`) while the
parent samples the proportional set size (PSS: shared pages split between the processes that
share them) of that process and of its `n_process` workers: the peak is the largest sum seen.
Where spacy-transformers is installed, every spaCy process imports PyTorch (about 300 MB of it);
`sec-events` alone, without the trf extra, does not. Speed counts whitespace-separated words,
the same count for every pipeline, over the time `nlp.pipe` takes after one warm-up document.

Dense filings are generated text as dense with names, agreements, dates, amounts and events as
an exhibit index (`dense_text`), read by the extraction (`sec_events.extract`) at several sizes:
time per character should not grow with the size, nor memory pass 1 GB.
"""

import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import psutil
import spacy

SAMPLE_SECONDS = 0.5  # reading the PSS of a large process costs CPU: sample twice a second
DENSE_SIZES = (250_000, 500_000, 1_000_000, 2_000_000)
ENCODER_AND_NER = "tok2vec,ner"
CONTRACT_EXHIBIT = re.compile(r"EX-(?:10|4|2)(?:\b|\.)")  # material contracts, instruments, merger agreements
SYLLABLES = ["bar", "ven", "tor", "lin", "cas", "mor", "dal", "quin", "sel", "rho", "pax", "tem", "vok", "zan"]
SUFFIXES = ["Inc.", "Corp.", "LLC", "Holdings, Inc.", "Partners, L.P.", "Bank, N.A."]
KINDS = ["Credit Agreement", "Supply Agreement", "Lease Agreement", "License Agreement", "Security Agreement"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def benchmark_texts(source: Path, n_docs: int) -> List[str]:
    """`n_docs` texts: the authored corpus documents (marks removed), in file order, cycled."""
    from .corpus.format import read_dir

    texts = [d.text for split in ("train", "dev", "test") for d in read_dir(source / split)]
    if not texts:
        raise ValueError(f"no documents under {source}")
    return [texts[i % len(texts)] for i in range(n_docs)]


def dense_text(n_chars: int, seed: int = 0) -> str:
    """`n_chars` characters of generated filing text dense with invented organizations, agreements,
    dates, amounts and events (exhibit-index lines and one-sentence events), in paragraphs."""
    rng = random.Random(seed)

    def name() -> str:
        words = (rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))
        return " ".join(words) + " " + rng.choice(SUFFIXES)

    def day() -> str:
        return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1995, 2024)}"

    orgs = [name() for _ in range(400)]
    lines, size, i = [], 0, 0
    while size < n_chars:
        i += 1
        a, b = rng.sample(orgs, 2)
        kind = rng.choice(KINDS)
        line = rng.choice([
            f"10.{i} {kind}, dated as of {day()}, between {a} and {b}.",
            f"10.{i} First Amendment to {kind}, dated {day()}, among {a}, {b} and the lenders party thereto.",
            f"On {day()}, {a} entered into a {kind} with {b} providing for ${rng.randint(1, 900)}.{i % 10} million.",
            f"On {day()}, {a} and {b} amended the {kind} to extend its term to {day()}.",
            f"{a} terminated the {kind} with {b} effective {day()}.",
        ]) + ("\n\n" if i % 4 == 0 else "\n")
        lines.append(line)
        size += len(line)
    return "".join(lines)[:n_chars]


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


def _sampled(cmd: List[str]) -> Dict:
    """Run a command; its return code, output, wall time and the peak PSS (MB) of its process tree."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_pss(proc))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = child.communicate()
    return {"returncode": child.returncode, "stdout": stdout, "stderr": stderr,
            "seconds": time.perf_counter() - start, "peak_memory_mb": round(peak / 2**20)}


def _child(args: Sequence[str]) -> Dict:
    """Run `python -m sec_events.benchmark ARGS`; the seconds it prints and the peak PSS (MB) of its tree."""
    run = _sampled([sys.executable, "-m", "sec_events.benchmark", *args])
    if run["returncode"] != 0:
        raise RuntimeError(f"the benchmark {' '.join(args[:2])} failed:\n{run['stderr'][-2000:]}")
    return {"seconds": float(run["stdout"].split()[-1]), "peak_memory_mb": run["peak_memory_mb"]}


def measure(model: str, texts: List[str], n_process: int = 1, batch_size: int = 64, enable: str = "") -> Dict:
    """Words and documents per second and peak memory (MB) of `model` (only the components in
    `enable`, comma-separated, when given) on `texts`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(texts, f)
    try:
        run = _child(["pipe", model, f.name, str(n_process), str(batch_size), enable])
    finally:
        Path(f.name).unlink()
    words = sum(len(t.split()) for t in texts)
    return {
        "model": model,
        "n_process": n_process,
        "docs": len(texts),
        "words": words,
        "seconds": round(run["seconds"], 2),
        "words_per_second": round(words / run["seconds"]),
        "docs_per_second": round(len(texts) / run["seconds"], 1),
        "peak_memory_mb": run["peak_memory_mb"],
    }


def dense_rows(model: Path, sizes: Sequence[int] = DENSE_SIZES) -> List[Dict]:
    """Seconds, seconds per million characters and peak memory of the extraction on dense text."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"dense-{size}.txt"
            path.write_text(dense_text(size), encoding="utf-8")
            run = _child(["extract", str(model), str(path)])
            rows.append({"chars": size, "seconds": round(run["seconds"], 2),
                         "seconds_per_million_chars": round(run["seconds"] / size * 1e6, 2),
                         "peak_memory_mb": run["peak_memory_mb"]})
    return rows


def filings_row(model: Path, folder: Path) -> Dict:
    """The extraction command over a folder of real submissions: files, failures, time, peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        run = _sampled([sys.executable, "-m", "sec_events", "extract", str(folder), "--model", str(model),
                        "--out", str(out), "--no-progress"])
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return {"folder": str(folder), "files": len(lines), "failed": sum(bool(r["error"]) for r in lines),
            "chars": sum(d["chars"] for r in lines for d in r["documents"]),
            "seconds": round(run["seconds"], 1), "peak_memory_mb": run["peak_memory_mb"],
            "triggers_by_part": triggers_by_part(lines)}


def part_kind(document_type: Optional[str]) -> str:
    """"contract" for agreements filed as exhibits (EX-10, EX-4, EX-2), "press release" for EX-99,
    "report" for the 8-K itself, "other" for the rest."""
    kind = (document_type or "").upper()
    if CONTRACT_EXHIBIT.match(kind):
        return "contract"
    if kind.startswith("EX-99"):
        return "press release"
    return "report" if kind.startswith("8-K") else "other"


def triggers_by_part(lines: List[Dict]) -> Dict[str, Dict]:
    """Event triggers per 100,000 characters in each kind of document part of extraction lines:
    how many events come out of contract exhibits beside reports and releases."""
    chars: Dict[str, int] = {}
    triggers: Dict[str, int] = {}
    for line in lines:
        kinds = [part_kind(d["type"]) for d in line["documents"]]
        for kind, d in zip(kinds, line["documents"]):
            chars[kind] = chars.get(kind, 0) + d["chars"]
        for event in line["events"]:
            kind = kinds[event["document"]]
            triggers[kind] = triggers.get(kind, 0) + 1
    return {kind: {"chars": n, "triggers": triggers.get(kind, 0),
                   "per_100k_chars": round(triggers.get(kind, 0) / n * 1e5, 1) if n else 0.0}
            for kind, n in sorted(chars.items())}


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
            run = _sampled(cmd)
            if run["returncode"] not in (0, 1):  # 1: some file failed
                raise RuntimeError(f"{name} failed:\n{run['stderr'][-2000:]}")
            seconds = run["seconds"]
            rows.append({"system": name, "docs": len(texts), "seconds": round(seconds, 1),
                         "docs_per_second": round(len(texts) / seconds, 1)})
    return rows


def run_benchmark(model: Path, texts: List[str], general: Optional[str], n_processes=(1, 2),
                  dense_sizes: Sequence[int] = DENSE_SIZES, filings: Optional[Path] = None) -> Dict:
    """Our pipeline, the blank tokenizer and (when installed) a general-purpose pipeline, whole and
    with only its encoder and ner; the extraction commands; dense text; real submissions."""
    systems = {"sec-events": (str(model), ""), "blank tokenizer": ("blank", "")}
    if general and spacy.util.is_package(general):
        systems["general-purpose"] = (general, "")
        systems["general-purpose, tok2vec and ner only"] = (general, ENCODER_AND_NER)
    rows = []
    for name, (path, enable) in systems.items():
        for n in n_processes:
            rows.append({"system": name, **measure(path, texts, n_process=n, enable=enable)})
    one = {r["system"]: r for r in rows if r["n_process"] == 1}
    ours = [r for r in rows if r["system"] == "sec-events"]
    size = folder_size_mb(model)
    dense = dense_rows(model, dense_sizes) if dense_sizes else []
    targets = {
        "model_under_50_mb": size < 50,
        "peak_memory_under_1_gb": all(r["peak_memory_mb"] < 1024 for r in ours),
    }
    if "general-purpose" in one:
        speed = one["sec-events"]["words_per_second"]
        targets["1.5x_general_purpose"] = speed >= 1.5 * one["general-purpose"]["words_per_second"]
        targets["1.0x_general_purpose_tok2vec_and_ner"] = (
            speed >= one["general-purpose, tok2vec and ner only"]["words_per_second"])
    if dense:
        per_char = [r["seconds_per_million_chars"] for r in dense]
        targets["dense_time_per_char_flat_within_30_percent"] = max(per_char) <= 1.3 * min(per_char)
        targets["dense_peak_memory_under_1_gb"] = all(r["peak_memory_mb"] < 1024 for r in dense)
    result = {"model": str(model), "model_size_mb": round(size, 1), "general": general, "rows": rows,
              "extraction": extraction_rows(model, texts), "dense": dense, "targets": targets}
    if filings is not None and filings.is_dir():
        result["filings"] = filings_row(model, filings)
        targets["filings_none_failed"] = result["filings"]["failed"] == 0
        targets["filings_peak_memory_under_1_gb"] = result["filings"]["peak_memory_mb"] < 1024
        contract = result["filings"]["triggers_by_part"].get("contract")
        if contract:
            targets["contract_exhibits_at_most_12_triggers_per_100k_chars"] = contract["per_100k_chars"] <= 12
    return result


def table(result: Dict) -> List[str]:
    """The benchmark as Markdown table lines: the pipelines, the extraction commands, dense text, filings."""
    lines = ["| system | processes | words/s | docs/s | peak memory (MB) |", "|---|---|---|---|---|"]
    for r in result["rows"]:
        lines.append(f"| {r['system']} | {r['n_process']} | {r['words_per_second']:,} | {r['docs_per_second']} "
                     f"| {r['peak_memory_mb']} |")
    lines += ["", "| extraction command | documents | seconds | docs/s |", "|---|---|---|---|"]
    lines += [f"| {r['system']} | {r['docs']} | {r['seconds']} | {r['docs_per_second']} |"
              for r in result["extraction"]]
    if result.get("dense"):
        lines += ["", "| dense text (characters) | seconds | seconds per million characters | peak memory (MB) |",
                  "|---|---|---|---|"]
        lines += [f"| {r['chars']:,} | {r['seconds']} | {r['seconds_per_million_chars']} | {r['peak_memory_mb']} |"
                  for r in result["dense"]]
    if result.get("filings"):
        f = result["filings"]
        lines += ["", "| submissions | files | failed | characters | seconds | peak memory (MB) |",
                  "|---|---|---|---|---|---|",
                  f"| {f['folder']} | {f['files']} | {f['failed']} | {f['chars']:,} | {f['seconds']} | "
                  f"{f['peak_memory_mb']} |"]
        lines += ["", "| document part | characters | triggers | per 100,000 characters |", "|---|---|---|---|"]
        lines += [f"| {kind} | {p['chars']:,} | {p['triggers']} | {p['per_100k_chars']} |"
                  for kind, p in f.get("triggers_by_part", {}).items()]
    return lines


def _time_pipe(model: str, texts_file: str, n_process: int, batch_size: int, enable: str) -> float:
    """Seconds that `nlp.pipe` takes over the texts ("blank": spaCy's English tokenizer alone)."""
    if model == "blank":
        nlp = spacy.blank("en")
    else:
        nlp = spacy.load(model)
        if enable:
            nlp.select_pipes(enable=enable.split(","))
    texts = json.loads(Path(texts_file).read_text())
    list(nlp.pipe(texts[:1]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def _time_extract(model: str, path: str) -> float:
    """Seconds that the extraction of one file takes (the model loaded and warmed up before)."""
    from .extract import extract

    nlp = spacy.load(model)
    extract("On May 2, 2022, Orrin Metals LLC terminated its Supply Agreement.", nlp=nlp)
    start = time.perf_counter()
    result = extract(path, nlp=nlp)
    if result["error"]:
        raise RuntimeError(result["error"])
    return time.perf_counter() - start


if __name__ == "__main__":
    if sys.argv[1] == "pipe":
        print(_time_pipe(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]))
    else:
        print(_time_extract(sys.argv[2], sys.argv[3]))
