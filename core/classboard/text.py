"""What people type: nicknames and class codes, normalised and length-limited.

Nicknames are stored exactly as typed except for three things: Unicode NFC (the same name
typed on two keyboards compares equal), surrounding and repeated whitespace, and invisible
characters that would rearrange the board around them (bidirectional overrides and marks,
control characters). Nothing is escaped here: the board draws nicknames as plain text, and the
database receives them as bound parameters, so ``'; DROP TABLE runs; --`` is only a name.
"""
from __future__ import annotations

import re
import secrets
import unicodedata

from core.classboard.engine import ClassBoardError
from core.classboard.schema import CODE_LENGTH, NICKNAME_MAX, SUBMISSION_ID_MAX

# Codes avoid letters and digits that read alike (0/O, 1/I/L) on a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# Bidirectional controls: LRM, RLM, ALM, the embeddings/overrides and the isolates.
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                 "\u2066\u2067\u2068\u2069"))
_SUBMISSION_ID = re.compile(rf"[A-Za-z0-9_-]{{1,{SUBMISSION_ID_MAX}}}")


class BadText(ClassBoardError):
    pass


def new_code() -> str:
    """8 characters of a 31-letter alphabet: 31**8 ≈ 8.5e11 codes (joins are rate-limited)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """``abcd-efgh`` or `` ABCD EFGH `` -> ``ABCDEFGH``; anything else is refused."""
    code = re.sub(r"[\s-]", "", str(typed)).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        raise BadText(f"a class code is {CODE_LENGTH} letters and digits, like ABCD-EFGH")
    return code


def show_code(code: str) -> str:
    """``ABCDEFGH`` -> ``ABCD-EFGH``, easier to read out and type."""
    return f"{code[:4]}-{code[4:]}"


def normalise_nickname(typed: str) -> str:
    name = unicodedata.normalize("NFC", str(typed)).translate(_BIDI)
    name = "".join(c for c in name if unicodedata.category(c) != "Cc" or c in " \t\n")
    name = " ".join(name.split())
    if not name:
        raise BadText("a nickname needs at least one visible character")
    if len(name) > NICKNAME_MAX:
        raise BadText(f"a nickname has at most {NICKNAME_MAX} characters ({len(name)} given)")
    return name


def check_submission_id(value: str) -> str:
    if not _SUBMISSION_ID.fullmatch(str(value)):
        raise BadText(f"a submission id is 1 to {SUBMISSION_ID_MAX} letters, digits, - or _")
    return str(value)
