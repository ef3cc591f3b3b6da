"""Extraction on Ray Data: the same results as `sec-events extract`, over a cluster's workers.

Filings are read with `ray.data.read_binary_files`, so INPUT can be anything Ray Data reads (a
local folder, a glob, `s3://...`, a list of paths). An actor pool runs `ExtractBatch`: each actor
loads the pipeline once and turns a batch of files into result lines with the single-machine
code (`extract_all`). A file that cannot be read, or that makes the pipeline fail, becomes a
result with `error`: nothing is dropped. Order is preserved, so the output lines come in input
order. Install with `pip install "sec-events[ray]"`.
"""

import glob
import json
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from .edgar.filing import MAX_BYTES
from .extract import Input, _result, extract_all


class ExtractBatch:
    """`map_batches` callable class: a batch of {path, bytes} rows in, {source, error, line} rows out."""

    def __init__(self, model: str, max_bytes: int = MAX_BYTES) -> None:
        import spacy

        self.nlp = spacy.load(model)
        self.max_bytes = max_bytes

    def _results(self, inputs: List[Input]) -> Iterator[Dict]:
        try:
            yield from list(extract_all(self.nlp, inputs, max_bytes=self.max_bytes))
        except Exception:  # one bad file must not cost the others their results: retry one by one
            for item in inputs:
                try:
                    yield from extract_all(self.nlp, [item], max_bytes=self.max_bytes)
                except Exception as err:
                    yield _result(item[0], error=f"pipeline failed: {err.__class__.__name__}: {err}")

    def __call__(self, batch: Dict) -> Dict:
        inputs = [(str(path), (lambda data=bytes(data): data)) for path, data in zip(batch["path"], batch["bytes"])]
        results = list(self._results(inputs))
        return {"source": [r["source"] for r in results], "error": [r["error"] for r in results],
                "line": [json.dumps(r, ensure_ascii=False) for r in results]}


def input_paths(spec: str) -> List[str]:
    """INPUT as Ray Data paths: `@list.txt` (one path a line), a local glob, or a folder / URI."""
    if spec.startswith("@"):
        return [line.strip() for line in Path(spec[1:]).read_text().splitlines() if line.strip()]
    if "://" not in spec and any(c in spec for c in "*?["):
        return sorted(glob.glob(spec, recursive=True))
    return [spec]


def extract_ray(inputs: str, output: str, model: str, actors: int = 2, batch_size: int = 16,
                cpus_per_actor: float = 1.0, address: Optional[str] = None, num_cpus: Optional[int] = None,
                max_bytes: int = MAX_BYTES) -> Dict[str, int]:
    """Run the extraction on Ray and write OUTPUT (.parquet: a folder of Parquet files; else JSON lines).

    Returns the number of files and of failed files.
    """
    import ray

    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else num_cpus, include_dashboard=False,
                 log_to_driver=False)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    # Reading is I/O: it takes no CPU from the actors, which may hold every CPU there is.
    ds = ray.data.read_binary_files(input_paths(inputs), include_paths=True, ray_remote_args={"num_cpus": 0})
    ds = ds.map_batches(ExtractBatch, fn_constructor_kwargs={"model": model, "max_bytes": max_bytes},
                        batch_size=batch_size, concurrency=actors, num_cpus=cpus_per_actor, batch_format="numpy")
    counts = {"files": 0, "failed": 0}
    if output.endswith(".parquet"):
        ds.write_parquet(output)
        stats = ray.data.read_parquet(output).select_columns(["error"]).to_pandas()
        counts = {"files": len(stats), "failed": int(stats["error"].notna().sum())}
    else:
        with open(output, "w", encoding="utf-8") as sink:
            for row in ds.iter_rows():
                sink.write(row["line"] + "\n")
                counts["files"] += 1
                counts["failed"] += row["error"] is not None
    return counts
