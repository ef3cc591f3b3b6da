"""Every component factory and registered function of sec-events, imported in one place.

Entry points make them known to `spacy.load` wherever the package is installed; importing this
module does the same by hand. `spacy package --code` copies it into the model package, so the
`en_sec_events` wheel registers them itself and declares the `sec-events` requirement.
"""

from sec_events import encoders, models, tokenizer, training  # noqa: F401
from sec_events.components import (  # noqa: F401
    argument_chooser, context_ruler, event_assembler, mentions, paragraphs, patterns, suggester, trigger_labels,
    value_filter,
)
