"""`sec_paragraph_breaks`: a blank line starts a sentence.

Filings put headings, cover-page lines and paragraphs on their own lines without a final
period, and the tokenizer keeps a blank line with the next line's indentation as one
whitespace token ("\\n\\n     "), which the sentencizer's `punct_chars` cannot list. This
component marks the token after such a token as a sentence start and leaves every other
token unset, for the sentencizer (or a trained senter) to decide.
"""

import re

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


class ParagraphBreaks:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # one array for the whole document: setting Token.is_sent_start rescans the document each time
        starts = doc.to_array([SENT_START])
        for token in doc[:-1]:
            if token.is_space and BLANK_LINE.search(token.text):
                starts[token.i + 1] = 1
        doc.from_array([SENT_START], starts)
        return doc


@Language.factory("sec_paragraph_breaks", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    """Build the component that starts a sentence after each blank line."""
    return ParagraphBreaks(name)
