"""The project's tokenizer: spaCy's English rules plus splits for HTML-to-text leftovers.

Filings converted from HTML keep escaped dollar signs ("\\$250,000"), Markdown-style bold
marks ("**0-17999**"), wire-service slashes ("/PRNewswire/") and dashes
("--(BUSINESS WIRE)--"). spaCy's default tokenizer
keeps these as one token, so gold spans such as "$250,000" could not align.
"""

from typing import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

EXTRA_PREFIXES = [r"\\", r"\*+", r"_+", r"/"]
EXTRA_SUFFIXES = [r"\*+", r"_+", r"\\", r"/"]
# "**" inside a word, and dashes glued to words in Business Wire datelines ("Texas--(BUSINESS WIRE)--Nov.")
EXTRA_INFIXES = [r"(?<=[0-9A-Za-z])\*\*(?=[0-9A-Za-z])", r"\)?-{2,}\(?"]


@registry.tokenizers("sec_events.tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Build the English tokenizer with the extra prefixes, suffixes and infixes above."""

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        prefixes = EXTRA_PREFIXES + list(defaults.prefixes)
        suffixes = EXTRA_SUFFIXES + list(defaults.suffixes)
        infixes = EXTRA_INFIXES + list(defaults.infixes)
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make


def blank() -> Language:
    """A blank English pipeline with the project tokenizer (for corpus work and tests)."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "sec_events.tokenizer.v1"}}})
