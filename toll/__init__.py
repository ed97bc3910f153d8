"""toll: casualty claims from war reporting, each traceable to the sentence that states it."""

from __future__ import annotations

from toll.errors import ExtractError, InputError, TollError, UsageError
from toll.model import Claim, Document, Figure, Result, Source, Span, Victim

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Document",
    "ExtractError",
    "Figure",
    "InputError",
    "Result",
    "Source",
    "Span",
    "TollError",
    "UsageError",
    "Victim",
    "__version__",
    "extract",
    "extract_many",
]

# Importing the subpackage toll.extract binds `toll.extract` to it; the from-import below rebinds the name to
# the function afterwards, once and for all (later submodule imports do not touch it). spaCy itself loads
# lazily, on the first call.
from toll.extract.pipeline import extract, extract_many  # noqa: E402
