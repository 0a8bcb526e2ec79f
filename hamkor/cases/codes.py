"""Random pseudonym codes: short, unambiguous when read aloud or copied by hand (no 0/O, 1/I/L, U)."""

from __future__ import annotations

import random
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_system = secrets.SystemRandom()


def pseudonym(country: str, rng: random.Random | None = None) -> str:
    """E.g. ``UZ-7K3Q-9D2M``: the country and 40 random bits."""
    pick = rng or _system
    part = "".join(pick.choice(ALPHABET) for _ in range(8))
    return f"{country.upper()}-{part[:4]}-{part[4:]}"


def family_code(country: str, rng: random.Random | None = None) -> str:
    pick = rng or _system
    return f"{country.upper()}-F-" + "".join(pick.choice(ALPHABET) for _ in range(6))
