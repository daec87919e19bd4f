"""BM25 over the indexed chunks: exact words matter (names, "SMART", "neurodiversity")."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence

WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves im ive id dont s t
""".split())


_LOCAL = threading.local()


def _stemmer():
    """This thread's stemmer: a Snowball stemmer keeps per-word state, so threads can't share.

    ``snowballstemmer`` hands out PyStemmer's compiled stemmer when it is installed (it is a
    dependency): the same stems, fifty times faster than the pure-Python one.
    """
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return stemmer


def tokenize(text: str) -> list[str]:
    """Lowercased content words, Snowball-stemmed ('cancelling' and 'cancellations' meet)."""
    words = [w for w in WORD.findall(text.lower().replace("'", "")) if w not in STOPWORDS]
    return _stemmer().stemWords(words)


def lexical_text(title: str, heading_path: str, text: str) -> str:
    """What BM25 reads of a chunk: where it sits, then what it says."""
    return f"{title} {heading_path} {text}"


def format_terms(text: str) -> str:
    """A chunk's stemmed term counts as a compact string, stored at index time."""
    return " ".join(f"{term}:{count}" for term, count in sorted(Counter(tokenize(text)).items()))


def parse_terms(stored: str) -> Counter[str]:
    """The term counts `format_terms` stored."""
    return Counter({term: int(count) for term, _, count in
                    (item.rpartition(":") for item in stored.split())})


class BM25:
    """Okapi BM25 over a fixed list of documents, scored with numpy."""

    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75,
                 counts: Sequence[Counter[str]] | None = None) -> None:
        import numpy as np

        if counts is None:
            counts = [Counter(tokenize(doc)) for doc in documents]
        lengths = np.array([sum(c.values()) for c in counts], dtype=np.float32)
        average = float(lengths.mean()) if len(lengths) else 1.0
        self.size = len(counts)
        self.k1 = k1
        self.norm = k1 * (1 - b + b * lengths / (average or 1.0))
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for doc, doc_counts in enumerate(counts):
            for term, count in doc_counts.items():
                docs, tfs = postings.setdefault(term, ([], []))
                docs.append(doc)
                tfs.append(count)
        self.postings = {term: (np.array(docs), np.array(tfs, dtype=np.float32))
                         for term, (docs, tfs) in postings.items()}
        self.idf = {term: math.log(1 + (self.size - len(docs) + 0.5) / (len(docs) + 0.5))
                    for term, (docs, _) in self.postings.items()}

    @classmethod
    def from_counts(cls, counts: Sequence[Counter[str]]) -> BM25:
        """BM25 over documents already tokenised (their term counts)."""
        return cls((), counts=counts)

    def scores(self, query: str) -> list[float]:
        """One score per document, in document order."""
        import numpy as np

        total = np.zeros(self.size, dtype=np.float32)
        for term in set(tokenize(query)):
            if term in self.postings:
                docs, tfs = self.postings[term]
                total[docs] += self.idf[term] * tfs * (self.k1 + 1) / (tfs + self.norm[docs])
        return total.tolist()
