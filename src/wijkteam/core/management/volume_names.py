"""A large pool of fictional Dutch names for volume data, drawn with realistic frequencies.

The demo's 23 surnames are fine for forty families, but at a million cases every one of
them would be shared by 90,000 residents, and a search by name would measure a city where
everyone is called Jansen. Here surnames are built from Dutch place-name parts (Berg,
Dijk, Veld …) and endings (-stra, -man, -ink, -huis …), with and without a prefix (van,
de, van der, ter …): about 1,200 different surnames, drawn Zipf-like so that the most
common one is about 1.5% of residents and most are rare, as in the Netherlands (the most
common Dutch surname, De Jong, is about 0.5%). Pure and deterministic.
"""

import bisect
import random
from itertools import accumulate

from .sample_names import GIVEN_NAMES, SURNAMES

ROOTS = (
    "Berg", "Bos", "Brink", "Dijk", "Veld", "Hof", "Kamp", "Meer", "Molen", "Broek",
    "Horst", "Linde", "Beek", "Hoek", "Wal", "Zand", "Steen", "Burg", "Heuvel", "Laar",
    "Vliet", "Graaf", "Haan", "Hout", "Akker", "Weide", "Ven", "Rijn", "Maas", "Stok",
    "Kolk", "Donk", "Hul", "Pol", "Dam", "Sluis", "Wouw", "Hage", "Bree", "Loo",
    "Mors", "Rade", "Tol", "Vaart", "Wijk", "Kuil", "Esch", "Roos", "Bolk", "Geer",
)  # fmt: skip
ENDINGS = ("", "er", "man", "stra", "ink", "sma", "huis", "kamp", "ers", "ema", "hof", "ing")
PREFIXES = ("van", "van de", "van der", "van den", "de", "ter", "ten", "in 't")
EXTRA_GIVEN_NAMES = (
    "Anna", "Jan", "Sanne", "Pieter", "Fleur", "Kees", "Lieke", "Ruben", "Esther", "Mark",
    "Ilse", "Hans", "Marloes", "Bas", "Femke", "Tim", "Nina", "Joris", "Sofie", "Gijs",
    "Maud", "Dirk", "Linda", "Rick", "Ellen", "Stijn", "Karin", "Niels", "Roos", "Wouter",
    "Fatima", "Youssef", "Elif", "Emre", "Ana", "Dmitri", "Priya", "Kofi", "Mei", "Omar",
    "Hanna", "Jesper", "Vera", "Max", "Lisa", "Koen", "Isa", "Guus", "Floor", "Teun",
    "Jasmijn", "Olivier", "Noor", "Hugo", "Evi", "Siem", "Liv", "Mees", "Fem", "Jens",
)  # fmt: skip
ZIPF_EXPONENT = 0.5


def surname_pool() -> list[tuple[str, str]]:
    """Every (prefix, surname) the volume data uses: the demo's, then the built ones."""
    built = [("", f"{root}{ending}") for root in ROOTS for ending in ENDINGS]
    built += [(prefix, root) for root in ROOTS for prefix in PREFIXES]
    built += [
        (prefix, f"{root}{ending}")
        for root in ROOTS[:25]
        for ending in ENDINGS[1:4]
        for prefix in PREFIXES[:2]
    ]
    seen, pool = set(), []
    for name in (*SURNAMES, *built):
        if name not in seen:
            seen.add(name)
            pool.append(name)
    return pool


class NamePicker:
    """Draws surnames Zipf-like (rank r has weight 1/r^0.5, ranks in a fixed shuffled
    order) and given names uniformly."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        pool = surname_pool()
        random.Random(8).shuffle(pool)  # which names are common: fixed, not per seed
        self.surnames = pool
        self.cumulative = list(
            accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(pool) + 1))
        )
        self.given_names = (*GIVEN_NAMES, *EXTRA_GIVEN_NAMES)

    def surname(self) -> tuple[str, str]:
        draw = self.rng.random() * self.cumulative[-1]
        return self.surnames[bisect.bisect_right(self.cumulative, draw)]

    def given_name(self) -> str:
        return self.given_names[self.rng.randrange(len(self.given_names))]
