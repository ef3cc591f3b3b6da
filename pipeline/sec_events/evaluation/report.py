"""The evaluation report: `reports/evaluation.html` (one self-contained page) and `evaluation.md`.

Built from the metrics JSON alone (the `evaluate` step's output for the test and dev splits
and, when present, the real filings; the corpus statistics; the training log; the benchmark),
so it needs neither the model nor `../shared`. The order is what a reader needs first: one
paragraph and one table of headline scores on real filings beside the baselines, the charts,
a model card, then the details. Every section is built once as blocks and rendered twice, as
Markdown and as HTML; charts are PNGs inlined into the HTML.
"""

import base64
import html
import json
from datetime import date
from pathlib import Path
from typing import List, Optional, Sequence

from ..labels import ENTITY_LABELS, EVENT_LABELS
from .scores import RECORD_ARGS

SYSTEM_NAMES = {"pipeline": "sec-events", "rules": "rules only", "general": "general-purpose spaCy"}
SCOPE = {"general": {"ents"}}  # what a system predicts, where it predicts less than ours
HEADLINE = (
    ("ents", "entities, micro F1"),
    ("events", "event triggers, micro F1"),
    ("records_e2e", "record arguments, end to end"),
    ("records_found", "record arguments, on found triggers"),
    ("event_links_e2e", "event links, end to end"),
)
LINK_KEYS = ("event_links_found", "event_links_e2e")
RECORD_MODES = (("records_gold_spans", "gold spans"), ("records_found", "found triggers"), ("records_e2e", "end to end"))
REAL_MISSING = ("The real-filings dev set (`../shared/real-filings`) was not present when `evaluate-real` ran, "
                "so nothing here is measured on real filings; the authored test split alone cannot tell two "
                "models apart.")
VIEW_COLORS = {"correct": "#b9e4c9", "missed": "#ffb3b3", "wrong": "#ffd89b"}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1180px;margin:auto;padding:0 1em;color:#222;line-height:1.4}"
    "h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}"
    "table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}"
    "th{background:#f3f3f3}td:not(:first-child){font-variant-numeric:tabular-nums}"
    "table.headline td,table.headline th{font-size:15px;padding:6px 10px}"
    "table.headline td:nth-child(2){font-weight:bold}img{max-width:100%}p.note{color:#555;font-size:13px}"
    ".view{border:1px solid #ddd;padding:.5em;margin:.8em 0}"
)


class Section:
    """A titled list of blocks (paragraphs, tables, images, raw HTML) rendered to both formats."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.blocks: List[tuple] = []

    def text(self, value: str) -> "Section":
        self.blocks.append(("text", value))
        return self

    def table(self, header: Sequence[str], rows: List[Sequence], css: str = "") -> "Section":
        self.blocks.append(("table", list(header), [list(map(_cell, r)) for r in rows], css))
        return self

    def image(self, path: Optional[Path], alt: str) -> "Section":
        if path is not None:
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
                out.append(f"<p>{_inline_code(html.escape(block[1]))}</p>")
            elif block[0] == "table":
                head = "".join(f"<th>{html.escape(h)}</th>" for h in block[1])
                body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in block[2])
                css = f' class="{block[3]}"' if block[3] else ""
                out.append(f"<table{css}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif block[0] == "image":
                data = base64.b64encode(block[1].read_bytes()).decode()
                out.append(f'<img alt="{html.escape(block[2])}" src="data:image/png;base64,{data}">')
            else:
                out.append(block[1])
        return "\n".join(out)


def _inline_code(escaped: str) -> str:
    """`code` in a paragraph as <code> (the text is already HTML-escaped)."""
    parts = escaped.split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def _load(path: Path) -> Optional[dict]:
    return json.loads(path.read_text()) if path.exists() else None


def _systems(metrics: Optional[dict]) -> dict:
    if not metrics:
        return {}
    return {k: v for k, v in metrics["systems"].items() if "missing" not in v}


def _f(scores: dict, part: str) -> Optional[float]:
    """The micro F1 of a part (a labelled table or the single row of event links), None when absent."""
    table = scores.get(part)
    if not table:
        return None
    return table["micro"]["f"] if "micro" in table else table["f"]


def _with_interval(scores: Optional[dict], part: str) -> str:
    f = _f(scores, part) if scores else None
    if f is None:
        return "–"
    ci = (scores.get("ci95") or {}).get(part)
    return f"{f:.3f} ({ci[0]:.2f}–{ci[1]:.2f})" if ci else f"{f:.3f}"


# ---- the first screen -------------------------------------------------------------------------


def headline_section(test: dict, real: Optional[dict], stats: Optional[dict]) -> Section:
    """One paragraph on what the pipeline does and on which data, then one table of headline scores."""
    corpus = (f"{stats['docs']} documents ({stats['words']:,} words) written by the team"
              if stats else "documents written by the team")
    sec = Section("At a glance").text(
        "sec-events reads SEC filings (8-K current reports, their press-release exhibits, 10-K and 10-Q "
        "passages) and finds organizations, tickers, money, dates, people and agreement names, the agreement "
        "events a filing reports (entry into, amendment, extension, termination) and one record per event "
        f"mention (agreement, parties, date, amount). It is trained on {corpus}, annotated by "
        "`../shared/LABELS.md`. The scores that predict what a user will see are those on the real-filings "
        f"dev set: {real['docs'] if real else 'real'} SEC filings of other companies, never trained on, "
        "scored by the same code as two baselines: the rule stages alone, and spaCy's general-purpose English "
        "pipeline (en_core_web_sm, which has no tickers, agreements or events). In brackets: bootstrap 95% "
        "intervals, resampling companies. The authored test split is written by the same team as the "
        "training data, so it flatters every model.")
    ours, test_ours = _systems(real), test["systems"]["pipeline"]
    header = ["", "sec-events, real filings", "rules only, real filings", "general-purpose spaCy, real filings",
              "sec-events, authored test split"]
    rows = [[name] + [_with_interval(ours.get(s), part) if part in SCOPE.get(s, {part}) else "n/a"
                      for s in ("pipeline", "rules", "general")]
            + [_with_interval(test_ours, part)] for part, name in HEADLINE]
    sec.table(header, rows, css="headline")
    if not real:
        sec.text(REAL_MISSING)
    elif not _f(real["systems"]["pipeline"], "event_links_e2e"):
        sec.text("Event links are scored where gold records carry `event` ids and the pipeline links mentions.")
    return sec


# ---- charts ------------------------------------------------------------------------------------


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    _pyplot().close(fig)
    return path


def _error_bars(values: List[float], intervals: List[Optional[list]]):
    """Distances below and above each value, for matplotlib's yerr (0 where no interval)."""
    low = [v - ci[0] if ci else 0 for v, ci in zip(values, intervals)]
    high = [ci[1] - v if ci else 0 for v, ci in zip(values, intervals)]
    return [[max(x, 0) for x in low], [max(x, 0) for x in high]]


def _grouped_bars(ax, groups: List[str], series: dict) -> None:
    """Bars per group for each series {name: (values, intervals)}; legend outside the plot."""
    width = 0.8 / max(len(series), 1)
    for i, (name, (values, intervals)) in enumerate(series.items()):
        xs = [x + i * width for x in range(len(groups))]
        ax.bar(xs, values, width, label=name, yerr=_error_bars(values, intervals), capsize=2,
               error_kw={"elinewidth": 0.8})
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(groups))])
    ax.set_xticklabels(groups, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def label_chart(metrics: dict, path: Path, title: str) -> Path:
    """Per-label F1 of every scored system, with bootstrap interval bars."""
    labels = list(ENTITY_LABELS) + list(EVENT_LABELS)
    series = {}
    for name, scores in _systems(metrics).items():
        parts = ["ents" if lab in ENTITY_LABELS else "events" for lab in labels]
        values = [scores[part][lab]["f"] for part, lab in zip(parts, labels)]
        cis = [(scores.get("ci95") or {}).get("labels", {}).get(f"{part}:{lab}") for part, lab in zip(parts, labels)]
        series[SYSTEM_NAMES.get(name, name)] = (values, cis)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(11, 3.8))
    _grouped_bars(ax, [lab.replace("AGREEMENT_", "") for lab in labels], series)
    ax.set_ylabel("F1 (exact match)")
    ax.set_title(title)
    return _save(fig, path)


def records_chart(scores: dict, path: Path, title: str) -> Optional[Path]:
    """F1 per record argument: built on gold spans, on found triggers, end to end (with intervals)."""
    modes = [(key, name) for key, name in RECORD_MODES if key in scores]
    if not modes:
        return None
    groups = list(RECORD_ARGS) + ["micro"]
    labels = (scores.get("ci95") or {}).get("labels", {})
    series = {}
    for key, name in modes:
        values = [scores[key][arg]["f"] for arg in groups]
        cis = [labels.get(f"{key}:{arg}") if arg != "micro" else (scores.get("ci95") or {}).get(key) for arg in groups]
        series[name] = (values, cis)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.4))
    _grouped_bars(ax, groups, series)
    ax.set_ylabel("F1")
    ax.set_title(title)
    return _save(fig, path)


def training_curve(log: Path, path: Path) -> Optional[Path]:
    if not log.exists():
        return None
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    if not entries:
        return None
    steps = [e["step"] for e in entries]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.4))
    ax.plot(steps, [e["score"] for e in entries], label="score")
    for key, name in (("ents_f", "entities F"), ("spans_events_f", "triggers F")):
        ax.plot(steps, [(e["scores"].get(key) or 0) / 100 for e in entries], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("authored dev split")
    ax.set_ylim(0, 1.05)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_title("Training curve (scored on the authored dev split)")
    return _save(fig, path)


def charts_section(test: dict, real: Optional[dict], log: Path, output: Path) -> Section:
    sec = Section("Charts")
    main, where = (real, "real filings") if real else (test, "authored test split")
    if not real:
        sec.text(REAL_MISSING + " The charts show the authored test split instead.")
    sec.image(label_chart(main, output / "f1-by-label.png", f"F1 by label, {where}, with 95% intervals"),
              f"per-label F1, {where}")
    sec.image(records_chart(main["systems"]["pipeline"], output / "record-arguments.png",
                            f"Record arguments, {where}"), f"record arguments, {where}")
    curve = training_curve(log, output / "training-curve.png")
    if curve:
        sec.image(curve, "training curve")
    else:
        sec.text(f"No training curve: the training log {log} was not found.")
    return sec


# ---- model card --------------------------------------------------------------------------------


def model_card_section(stats: Optional[dict], real: Optional[dict], bench: Optional[dict]) -> Section:
    sec = Section("Model card")
    if stats:
        sec.text(f"Data. The corpus is authored by the team: {stats['docs']} documents, {stats['words']:,} words "
                 "(8-K reports with their exhibits, press releases, 10-K and 10-Q sections), annotated by "
                 "`../shared/LABELS.md` and `corpus/GUIDELINES.md`; the split is fixed by folder.")
        sec.table(["split", "documents", "words", "documents without events"],
                  [[k, v["docs"], v["words"], v["docs_without_events"]] for k, v in stats["splits"].items()])
        sec.table(["label", "mentions", "distinct values"],
                  [[lab, stats["mentions"][lab], stats["distinct"][lab]] for lab in stats["mentions"]])
    else:
        sec.text("Data: corpus statistics not found (run the `stats` step).")
    sec.text("Intended use. Finding agreement events and their parties, dates and amounts in English SEC "
             "filings (8-K reports, exhibits, 10-K/10-Q passages) for research, screening and review, with a "
             "person checking what matters: every record points back to its trigger's offsets. Not intended "
             "for other document types, other languages, or unattended decisions.")
    if real:
        kinds = real["systems"]["pipeline"].get("error_kinds", [])[:10]
        sec.text("What it gets wrong most, measured on the real filings: each kind of error with its count, its "
                 "share of all entity and trigger errors, and one context ([the span]).")
        sec.table(["kind", "label", "count", "share", "example"],
                  [[k["kind"], k["label"], k["count"], f"{k['share']:.0%}", k["context"]] for k in kinds])
    else:
        sec.text("What it gets wrong most: not measured. " + REAL_MISSING)
    if bench:
        rows = [[r["system"], r["n_process"], f"{r['words_per_second']:,}", r["docs_per_second"], r["peak_memory_mb"]]
                for r in bench["rows"]]
        sec.text(f"Speed and memory (`spacy project run benchmark`, {bench['rows'][0]['docs']} documents, this "
                 f"machine; the model takes {bench['model_size_mb']} MB on disk; peak memory is the proportional "
                 "set size of the process and its workers).")
        sec.table(["system", "processes", "words/s", "docs/s", "peak memory (MB)"], rows)
        if bench.get("dense"):
            sec.text("Extraction of generated filings dense with names, agreements and events, by size:")
            sec.table(["characters", "seconds", "seconds per million characters", "peak memory (MB)"],
                      [[f"{r['chars']:,}", r["seconds"], r["seconds_per_million_chars"], r["peak_memory_mb"]]
                       for r in bench["dense"]])
        if bench.get("filings"):
            f = bench["filings"]
            sec.text(f"`sec-events extract` on {f['files']} real submissions ({f['chars']:,} characters): "
                     f"{f['failed']} failed, {f['seconds']} s, peak memory {f['peak_memory_mb']} MB.")
            if f.get("triggers_by_part"):
                sec.text("Event triggers found per kind of document part: contracts filed as exhibits (EX-10, EX-4, "
                         "EX-2) talk about terminating, amending and executing all the time, and most of it is "
                         "not an agreement event.")
                sec.table(["document part", "characters", "triggers", "per 100,000 characters"],
                          [[kind, f"{p['chars']:,}", p["triggers"], p["per_100k_chars"]]
                           for kind, p in f["triggers_by_part"].items()])
        sec.text("Targets: " + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in bench["targets"].items()) + ".")
    else:
        sec.text("Speed and memory: not measured yet (`spacy project run benchmark` writes metrics/benchmark.json).")
    return sec


# ---- details -----------------------------------------------------------------------------------


def scores_section(title: str, metrics: dict) -> Section:
    scores = metrics["systems"]["pipeline"]
    sec = Section(title).text(f"{metrics['docs']} documents ({metrics['data']}); exact-match P/R/F per label.")
    for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)):
        rows = [[lab, r["p"], r["r"], r["f"], r["support"], r["overlap_f"]] for lab, r in
                ((lab, scores[part][lab]) for lab in list(labels) + ["micro"])]
        macro = scores[part]["macro"]
        rows.append(["macro", macro["p"], macro["r"], macro["f"], "", macro["overlap_f"]])
        sec.table(["label", "P", "R", "F", "support", "overlap F"], rows)
    for part in LINK_KEYS:
        if part in scores:
            r = scores[part]
            sec.text(f"Event links ({part.rsplit('_', 1)[1]}): P {r['p']:.3f}, R {r['r']:.3f}, F {r['f']:.3f}, "
                     f"{r['support']} gold links.")
    return sec


def baselines_section(title: str, metrics: dict) -> Section:
    sec = Section(title)
    for name, result in metrics["systems"].items():
        if "missing" in result:
            sec.text(f"{SYSTEM_NAMES.get(name, name)}: not scored ({result['missing']}).")
    present = _systems(metrics)
    header = ["label"] + [SYSTEM_NAMES.get(s, s) for s in present]
    rows = []
    for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)):
        for lab in list(labels) + ["micro"]:
            rows.append([f"{lab} ({part})" if lab == "micro" else lab] + [present[s][part][lab]["f"] for s in present])
    for part, name in HEADLINE[2:]:
        if any(part in scores for scores in present.values()):
            rows.append([name] + [_f(scores, part) if part in scores else "–" for scores in present.values()])
    return sec.text("Exact-match F1 of each system, scored by the same code.").table(header, rows)


def records_section(sets: dict) -> Optional[Section]:
    """Record-argument F1 per argument and data set, on gold spans, on found triggers and end to
    end, and the event links; the learned choice of arguments beside the rules' when both were scored."""
    sets = {name: m["systems"]["pipeline"] for name, m in sets.items() if m and "records_e2e" in m["systems"]["pipeline"]}
    if not sets:
        return None
    sec = Section("Event records per argument").text(
        "F1 of each record argument (LABELS.md scoring): built on the gold entities and triggers, on the "
        "triggers the pipeline found, and end to end; then the event links. With a trained argument chooser "
        "(`chooser = \"learned\"`) the rules' choice, on the same spans, stands beside it.")
    args = list(RECORD_ARGS) + ["micro"]
    for name, scores in sets.items():
        choices = {"learned": scores, "rules": scores["rules_choice"]} if "rules_choice" in scores else {"": scores}
        header = ["argument"] + [f"{choice} {mode}".strip() for choice in choices for _, mode in RECORD_MODES]
        rows = [[arg] + [c.get(key, {}).get(arg, {}).get("f", "–") for c in choices.values() for key, _ in RECORD_MODES]
                for arg in args]
        rows.append(["event links"] + [cell for c in choices.values()  # no links are scored on gold spans
                                       for cell in ("–", *(c.get(k, {}).get("f", "–") for k in LINK_KEYS))])
        sec.text(f"{name}:").table(header, rows)
    return sec


def gap_section(test: dict, real: dict) -> Section:
    t, r = test["systems"]["pipeline"], real["systems"]["pipeline"]
    rows = []
    for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)):
        for lab in list(labels) + ["micro"]:
            rows.append([lab if lab != "micro" else f"micro ({part})", t[part][lab]["f"], r[part][lab]["f"],
                         round(r[part][lab]["f"] - t[part][lab]["f"], 3), r[part][lab]["support"]])
    return Section("Authored test split vs real filings").table(
        ["label", "F test split", "F real filings", "gap", "real support"], rows)


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


def render_view(view: dict) -> str:
    """A displaCy span view of one excerpt: right spans green, missed gold red, wrong predictions amber."""
    import spacy
    from spacy import displacy

    doc = spacy.blank("en").make_doc(view["text"])
    gold, pred = set(map(tuple, view["gold"])), set(map(tuple, view["predicted"]))
    marked = [(s, "correct") for s in gold & pred] + [(s, "missed") for s in gold - pred] + [(s, "wrong") for s in pred - gold]
    spans, colors = [], {}
    for (start, end, label), kind in sorted(marked):
        name = label if kind == "correct" else f"{label} {kind}"
        span = doc.char_span(start, end, label=name, alignment_mode="expand")
        if span is not None:
            spans.append(span)
            colors[name] = VIEW_COLORS[kind]
    doc.spans["view"] = spans
    return displacy.render(doc, style="span", options={"spans_key": "view", "colors": colors}, page=False, jupyter=False)


def views_section(real: Optional[dict]) -> Section:
    sec = Section("Real filings as the pipeline reads them")
    views = (real or {}).get("systems", {}).get("pipeline", {}).get("views", [])
    if not views:
        return sec.text(REAL_MISSING if not real else "No errors to show.")
    sec.text("Excerpts of the real filings with the most errors, one per company: green, found as in gold; "
             "red, gold the pipeline missed; amber, predicted but not in gold (a wrong label or boundary shows as "
             "one red and one amber span).")
    parts = [f'<div class="view"><p class="note">{html.escape(v["doc"])}, from character {v["start"]}, '
             f'{v["errors"]} errors</p>{render_view(v)}</div>' for v in views]
    return sec.raw_html("\n".join(parts), "The displaCy views of " + ", ".join(v["doc"] for v in views)
                        + " are in evaluation.html.")


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

    def cell(metrics: Optional[dict], part: str, label: Optional[str]):
        scores = metrics["systems"]["pipeline"] if metrics else {}
        f = scores[part][label]["f"] if label and scores else _f(scores, part)
        return "–" if f is None else f

    lines = [(f"micro ({part})" if lab == "micro" else lab, part, lab)
             for part, labels in (("ents", ENTITY_LABELS), ("events", EVENT_LABELS)) for lab in list(labels) + ["micro"]]
    lines += [(name, part, None) for part, name in HEADLINE[2:]]
    rows = [[title] + [cell(m[index], part, lab) for index in (0, 1) for m in runs.values()]
            for title, part, lab in lines]
    return Section("Configurations").text(
        "Exact-match F1 of the pipeline trained with each config, on the authored test split and the real "
        "filings: `cpu`, the CPU config; `cpu-span-only`, the same with the trigger classifier reading the "
        "candidate alone, without its context window (`spacy project run ablate-context`); `trf`, a shared "
        "transformer.").table(header, rows)


def write_report(metrics_dir: Path, config: str, log: Path, output: Path) -> List[Path]:
    """Write evaluation.md, evaluation.html and the charts into `output`; returns the files."""
    output.mkdir(parents=True, exist_ok=True)
    test = _load(metrics_dir / f"{config}-test.json")
    if test is None:
        raise FileNotFoundError(f"{metrics_dir / f'{config}-test.json'} is missing: run the evaluate step first")
    dev = _load(metrics_dir / f"{config}-dev.json")
    real = _load(metrics_dir / "real-dev.json")
    stats = _load(metrics_dir / "corpus-stats.json")
    sections = [
        headline_section(test, real, stats),
        charts_section(test, real, log, output),
        model_card_section(stats, real, _load(metrics_dir / "benchmark.json")),
    ]
    if real:
        sections += [
            scores_section("Real filings: scores", real),
            baselines_section("Real filings: sec-events vs both baselines", real),
            records_section({"real filings": real, "test split": test}),
            gap_section(test, real),
            confusion_section("Real filings: entity confusion", real["systems"]["pipeline"]),
            errors_section("Real filings: the 20 most frequent error patterns", real["systems"]["pipeline"]),
        ]
    else:
        sections.append(records_section({"test split": test}))
    sections.append(views_section(real))
    sections += [
        scores_section("Authored test split: scores", test),
        baselines_section("Authored test split: baselines", test),
        confusion_section("Authored test split: entity confusion", test["systems"]["pipeline"]),
        errors_section("Authored test split: errors", test["systems"]["pipeline"]),
    ]
    if dev:
        sections.append(scores_section("Authored dev split: scores", dev))
    sections.append(configs_section(metrics_dir, config, test, real))
    sections = [sec for sec in sections if sec is not None]
    title = "sec-events evaluation report"
    byline = f"Pipeline `{test.get('model', '')}`, report of {date.today().isoformat()}."
    md = output / "evaluation.md"
    md.write_text(f"# {title}\n\n{byline}\n\n" + "\n".join(s.markdown() for s in sections), encoding="utf-8")
    page = output / "evaluation.html"
    page.write_text(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                    f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{title}</title>"
                    f"<style>{STYLE}</style></head><body><h1>{title}</h1><p class='note'>{_inline_code(html.escape(byline))}</p>"
                    + "\n".join(s.html() for s in sections) + "</body></html>", encoding="utf-8")
    return [md, page] + [block[1] for sec in sections for block in sec.blocks if block[0] == "image"]


BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def screenshot(page: Path, png: Path, width: int = 1366, height: int = 820) -> Path:
    """A PNG of the page's first screen, taken by a headless Chromium (Debian: apt-get install chromium)."""
    import shutil
    import subprocess
    import tempfile

    browser = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if browser is None:
        raise FileNotFoundError(f"no browser found ({', '.join(BROWSERS)}): install Chromium, e.g. apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        # no network: background services off, so nothing is looked up
        run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                              "--disable-background-networking", "--disable-component-update", "--disable-sync",
                              "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={width},{height}",
                              f"--screenshot={png.resolve()}", page.resolve().as_uri()],
                             capture_output=True, text=True, timeout=120)
    if run.returncode != 0 or not png.exists():
        raise RuntimeError(f"{browser} did not write {png}:\n{run.stderr[-2000:]}")
    return png
