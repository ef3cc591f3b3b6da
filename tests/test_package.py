"""`spacy package` builds en_sec_events; it installs into a fresh virtual environment and loads by name."""

import json
import subprocess
import sys
import venv

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_loads_by_name(tmp_path, trained):
    subprocess.run(
        [sys.executable, "-m", "spacy", "package", str(trained), str(tmp_path), "--name", "sec_events",
         "--version", "0.0.1", "--code", str(ROOT / "pipeline" / "sec_events" / "factories.py"), "--build",
         "wheel", "--force"],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("en_sec_events-0.0.1/dist/en_sec_events-0.0.1-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The model requires the sec-events package (its components); both come from local paths.
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(ROOT), str(wheel)], check=True,
                   capture_output=True)
    code = (
        "import json, spacy; nlp = spacy.load('en_sec_events'); doc = nlp('Acme Robotics, Inc. (NYSE: ACRB) "
        "entered into a Credit Agreement with Keystone Bank, N.A.'); print(json.dumps({'name': nlp.meta['name'], "
        "'pipes': nlp.pipe_names, 'tickers': [e.text for e in doc.ents if e.label_ == 'TICKER']}))"
    )
    out = json.loads(subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True,
                                    cwd=tmp_path).stdout)
    assert out["name"] == "sec_events" and "event_assembler" in out["pipes"]
    assert out["tickers"] == ["ACRB"]
