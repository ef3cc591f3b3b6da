"""The evaluation report: `reports/evaluation.md` and `reports/evaluation.html` with PNG charts.

Reads the metrics JSON written by `evaluate` (test and dev splits, and the real filings
when present), the corpus statistics and the training log; renders displaCy views of a
few test documents with the trained pipeline. Every table is built once as rows and
rendered twice, as Markdown and as HTML.
"""

import base64
import html
import json
from datetime import date
from pathlib import Path
from typing import List, Optional, Sequence

from ..labels import ENTITY_LABELS, EVENT_LABELS

SYSTEM_NAMES = {"pipeline": "sec-events", "rules": "rules only", "general": "general-purpose spaCy"}


class Section:
    """A titled list of blocks (paragraphs, tables, images, raw HTML) rendered to both formats."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.blocks: List[tuple] = []

    def text(self, value: str) -> "Section":
        self.blocks.append(("text", value))
        return self

    def table(self, header: Sequence[str], rows: List[Sequence]) -> "Section":
        self.blocks.append(("table", list(header), [list(map(_cell, r)) for r in rows]))
        return self

    def image(self, path: Path, alt: str) -> "Section":
        self.blocks.append(("image", path, alt))
        return self

    def raw_html(self, value: str, note: str) -> "Section":
        self.blocks.append(("html", value, note))
        return self

    def markdown(self) -> str:
        out = [f"## {self.title}", ""]
        for block in self.blocks:
            if block[0] == "text":
                out += [block[1], ""]
            elif block[0] == "table":
                header, rows = block[1], block[2]
                out.append("| " + " | ".join(header) + " |")
                out.append("|" + "|".join("---" for _ in header) + "|")
                out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
                out.append("")
            elif block[0] == "image":
                out += [f"![{block[2]}]({block[1].name})", ""]
            else:
                out += [block[2], ""]
        return "\n".join(out)

    def html(self) -> str:
        out = [f"<h2>{html.escape(self.title)}</h2>"]
        for block in self.blocks:
            if block[0] == "text":
                out.append(f"<p>{html.escape(block[1])}</p>")
            elif block[0] == "table":
                head = "".join(f"<th>{html.escape(h)}</th>" for h in block[1])
                body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in block[2])
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif block[0] == "image":
                data = base64.b64encode(block[1].read_bytes()).decode()
                out.append(f'<img alt="{html.escape(block[2])}" src="data:image/png;base64,{data}">')
            else:
                out.append(block[1])
        return "\n".join(out)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def _load(path: Path) -> Optional[dict]:
    return json.loads(path.read_text()) if path.exists() else None


def _systems(metrics: dict) -> dict:
    return {k: v for k, v in metrics["systems"].items() if "missing" not in v}


def scores_section(title: str, metrics: dict) -> Section:
    scores = metrics["systems"]["pipeline"]
    sec = Section(title).text(f"{metrics['docs']} documents ({metrics['data']}); exact-match P/R/F per label.")
    for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)):
        rows = [[lab, r["p"], r["r"], r["f"], r["support"], r["overlap_f"]] for lab, r in
                ((lab, scores[part][lab]) for lab in list(labels) + ["micro"])]
        rows.append(["macro", scores[part]["macro"]["p"], scores[part]["macro"]["r"], scores[part]["macro"]["f"], "", scores[part]["macro"]["overlap_f"]])
        sec.table(["label", "P", "R", "F", "support", "overlap F"], rows)
    ci = scores.get("ci95")
    if ci:
        sec.text(f"Bootstrap 95% interval of micro F1: entities {ci['ents'][0]:.3f}–{ci['ents'][1]:.3f}, "
                 f"triggers {ci['events'][0]:.3f}–{ci['events'][1]:.3f}.")
    for part, name in (
        ("records_gold_spans", "built on the gold entities and triggers (the assembler alone)"),
        ("records_found", "on found triggers"),
        ("records_e2e", "end to end"),
    ):
        if part in scores:
            sec.text(f"Event record arguments, {name}:")
            sec.table(["argument", "P", "R", "F", "support"],
                      [[arg, r["p"], r["r"], r["f"], r["support"]] for arg, r in scores[part].items()])
    return sec


def baselines_section(title: str, metrics: dict) -> Section:
    systems = metrics["systems"]
    sec = Section(title)
    for name, result in systems.items():
        if "missing" in result:
            sec.text(f"{SYSTEM_NAMES.get(name, name)}: not scored ({result['missing']}).")
    present = _systems(metrics)
    header = ["label"] + [SYSTEM_NAMES.get(s, s) for s in present]
    rows = []
    for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)):
        for lab in list(labels) + ["micro"]:
            rows.append([f"{lab} ({part})" if lab == "micro" else lab] + [present[s][part][lab]["f"] for s in present])
    if all("records_e2e" in present[s] for s in present):
        rows.append(["record args, end to end"] + [present[s]["records_e2e"]["micro"]["f"] for s in present])
    return sec.text("Exact-match F1 of each system, scored by the same code.").table(header, rows)


def confusion_section(title: str, scores: dict) -> Section:
    table = scores["confusion"]
    cols = sorted({c for row in table.values() for c in row})
    rows = [[r] + [table[r].get(c, 0) for c in cols] for r in list(ENTITY_LABELS) + ["(spurious)"] if r in table]
    return Section(title).text("Rows: gold label; columns: predicted label at the same offsets, "
                               "an overlapping prediction (boundary), or none (missed).").table(["gold \\ predicted"] + cols, rows)


def errors_section(title: str, scores: dict) -> Section:
    errors = sorted(scores["errors"], key=lambda e: (e["label"], -e["count"]))
    rows = [[e["label"], e["kind"], e["text"], e["count"], e["predicted"], e["context"]] for e in errors]
    return Section(title).text("The most frequent error patterns, grouped by label, each with one context.").table(
        ["label", "kind", "text", "count", "predicted", "context"], rows)


def bar_chart(metrics: dict, path: Path, title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    present = _systems(metrics)
    labels = list(ENTITY_LABELS) + list(EVENT_LABELS)
    fig, ax = plt.subplots(figsize=(11, 4))
    width = 0.8 / max(len(present), 1)
    for i, (name, scores) in enumerate(present.items()):
        values = [scores["ents" if lab in ENTITY_LABELS else "events"][lab]["f"] for lab in labels]
        ax.bar([x + i * width for x in range(len(labels))], values, width, label=SYSTEM_NAMES.get(name, name))
    ax.set_xticks([x + width * (len(present) - 1) / 2 for x in range(len(labels))])
    ax.set_xticklabels([lab.replace("AGREEMENT_", "") for lab in labels], rotation=30, ha="right")
    ax.set_ylim(0, 1)
    ax.set_ylabel("F1 (exact)")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def training_curve(log: Path, path: Path) -> Optional[Path]:
    if not log.exists():
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    steps = [e["step"] for e in entries]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(steps, [e["score"] for e in entries], label="score")
    for key, name in (("ents_f", "entities F"), ("spans_events_f", "triggers F")):
        ax.plot(steps, [e["scores"].get(key, 0) / 100 for e in entries], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("dev score")
    ax.set_ylim(0, 1)
    ax.legend()
    ax.set_title("Training curve (dev split)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def gap_section(test: dict, real: dict) -> Section:
    t, r = test["systems"]["pipeline"], real["systems"]["pipeline"]
    rows = []
    for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)):
        for lab in list(labels) + ["micro"]:
            rows.append([lab if lab != "micro" else f"micro ({part})", t[part][lab]["f"], r[part][lab]["f"],
                         round(r[part][lab]["f"] - t[part][lab]["f"], 3), r[part][lab]["support"]])
    return Section("Authored test split vs real filings").table(
        ["label", "F test split", "F real filings", "gap", "real support"], rows)


RECORD_MODES = (("records_gold_spans", "gold spans"), ("records_found", "found triggers"), ("records_e2e", "end to end"))


def records_section(sets: dict) -> Optional[Section]:
    """Record-argument F1 per argument and data set: on gold spans, on found triggers, end to end."""
    sets = {name: m["systems"]["pipeline"] for name, m in sets.items() if m and "records_e2e" in m["systems"]["pipeline"]}
    if not sets:
        return None
    header = ["argument"] + [f"{name}, {mode}" for name in sets for _, mode in RECORD_MODES]
    args = list(next(iter(sets.values()))["records_e2e"])
    rows = [[arg] + [scores.get(key, {}).get(arg, {}).get("f", "–") for scores in sets.values() for key, _ in RECORD_MODES]
            for arg in args]
    return Section("Event records per argument").text(
        "F1 of each record argument (LABELS.md scoring): built by the assembler on the gold entities and "
        "triggers, on the triggers the pipeline found, and end to end.").table(header, rows)


def displacy_section(model: str, test_docbin: Path, n: int = 2) -> Section:
    import spacy
    from spacy import displacy

    from ..corpus.convert import read_docbin

    nlp = spacy.load(model)
    docs = read_docbin(nlp, test_docbin)[:n]
    parts = []
    for gold in docs:
        doc = nlp(gold.text)
        parts.append(displacy.render(doc, style="ent", page=False, jupyter=False))
        if doc.spans.get("events"):
            parts.append(displacy.render(doc, style="span", options={"spans_key": "events"}, page=False, jupyter=False))
    return Section("Test documents as the pipeline reads them").raw_html(
        "\n".join(parts), "displaCy renderings of the first test documents are in evaluation.html.")


def configs_section(metrics_dir: Path, config: str, test: dict, real: Optional[dict]) -> Optional[Section]:
    """Per-label F1 of each trained configuration (configs/*.cfg with metrics), side by side."""
    others = {}
    for path in sorted(metrics_dir.glob("*-test.json")):
        name = path.name[: -len("-test.json")]
        if name != config:
            others[name] = (_load(path), _load(metrics_dir / f"{name}-real-dev.json"))
    if not others:
        return None
    runs = {config: (test, real), **others}
    header = ["label"] + [f"{name} ({split})" for split in ("test", "real") for name in runs]
    rows = []
    for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)):
        for lab in list(labels) + ["micro"]:
            row = [f"micro ({part})" if lab == "micro" else lab]
            for index in (0, 1):
                row += [m[index]["systems"]["pipeline"][part][lab]["f"] if m[index] else "–" for m in runs.values()]
            rows.append(row)
    return Section("Configurations").text(
        "Exact-match F1 of the pipeline trained with each config (`cpu`: tok2vec from en_core_web_sm; "
        "`trf`: a shared transformer), on the authored test split and the real filings.").table(header, rows)


def benchmark_section(bench: dict) -> Section:
    rows = [[r["system"], r["n_process"], r["words_per_second"], r["docs_per_second"], r["peak_memory_mb"]]
            for r in bench["rows"]]
    sec = Section("Speed and memory").text(
        f"`spacy project run benchmark`: {bench['rows'][0]['docs']} documents; the model takes "
        f"{bench['model_size_mb']} MB on disk. Peak memory is the proportional set size of the process and its workers.")
    sec.table(["system", "processes", "words/s", "docs/s", "peak memory (MB)"], rows)
    return sec.text("Targets: " + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in bench["targets"].items()) + ".")


def write_report(metrics_dir: Path, config: str, model: str, test_docbin: Path, log: Path, output: Path) -> List[Path]:
    """Write evaluation.md, evaluation.html and the charts into `output`; returns the files."""
    output.mkdir(parents=True, exist_ok=True)
    test = _load(metrics_dir / f"{config}-test.json")
    if test is None:
        raise FileNotFoundError(f"{metrics_dir / f'{config}-test.json'} is missing: run the evaluate step first")
    dev = _load(metrics_dir / f"{config}-dev.json")
    real = _load(metrics_dir / "real-dev.json")
    stats = _load(metrics_dir / "corpus-stats.json")
    sections = []
    intro = Section("Summary").text(f"Pipeline {model}, report of {date.today().isoformat()}.")
    if stats:
        intro.text(f"Authored corpus: {stats['docs']} documents, {stats['words']} words; "
                   + ", ".join(f"{k} {v['docs']}" for k, v in stats["splits"].items()) + " documents per split.")
    sections.append(intro)
    sections.append(scores_section("Scores on the authored test split", test))
    sections.append(baselines_section("Baselines on the authored test split", test))
    chart = bar_chart(test, output / "f1-by-label.png", "F1 by label, authored test split")
    sections.append(Section("F1 by label").image(chart, "per-label F1, test split"))
    curve = training_curve(log, output / "training-curve.png")
    if curve:
        sections.append(Section("Training").image(curve, "training curve"))
    sections.append(confusion_section("Entity confusion, test split", test["systems"]["pipeline"]))
    sections.append(errors_section("Errors on the test split", test["systems"]["pipeline"]))
    if dev:
        sections.append(scores_section("Scores on the authored dev split", dev))
    if real:
        sections.append(Section("Real filings").text(
            "The real-filings dev set (../shared/real-filings): real 8-Ks and 10-K passages, never trained on. "
            "Confidence intervals resample companies (the CIK in each file name), not single documents."))
        sections.append(scores_section("Real filings: scores", real))
        sections.append(baselines_section("Real filings: ours vs both baselines", real))
        real_chart = bar_chart(real, output / "f1-by-label-real.png", "F1 by label, real filings")
        sections.append(Section("Real filings: F1 by label").image(real_chart, "per-label F1, real filings"))
        sections.append(gap_section(test, real))
        sections.append(records_section({"test split": test, "real filings": real}))
        sections.append(confusion_section("Real filings: entity confusion", real["systems"]["pipeline"]))
        sections.append(errors_section("Real filings: the 20 most frequent error patterns", real["systems"]["pipeline"]))
    else:
        sections.append(Section("Real filings").text("Not scored: the real-filings dev set was not present."))
        sections.append(records_section({"test split": test}))
    compared = configs_section(metrics_dir, config, test, real)
    if compared:
        sections.append(compared)
    bench = _load(metrics_dir / "benchmark.json")
    if bench:
        sections.append(benchmark_section(bench))
    sections.append(displacy_section(model, test_docbin))
    sections = [sec for sec in sections if sec is not None]
    md = output / "evaluation.md"
    md.write_text("# sec-events evaluation report\n\n" + "\n".join(s.markdown() for s in sections), encoding="utf-8")
    page = output / "evaluation.html"
    style = ("body{font-family:sans-serif;max-width:1100px;margin:auto}table{border-collapse:collapse;margin:1em 0}"
             "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}img{max-width:100%}")
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>sec-events evaluation</title>"
                    f"<style>{style}</style></head><body><h1>sec-events evaluation report</h1>"
                    + "\n".join(s.html() for s in sections) + "</body></html>", encoding="utf-8")
    return [md, page] + [p for p in (chart, curve) if p]
