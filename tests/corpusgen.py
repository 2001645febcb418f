"""Synthetic corpora for tests: copies of real articles with small random edits (seeded)."""

from __future__ import annotations

import random
from pathlib import Path

SWAPS = [
    ("significant", "notable"),
    ("strengthening", "deepening"),
    ("talks", "discussions"),
    ("relationship", "relations"),
    ("important", "key"),
    ("said", "stated"),
]


def edited_copies(sources: list[Path], out_dir: Path, copies: int, seed: int = 7) -> list[Path]:
    """Write ``copies`` edited variants of the source texts into ``out_dir``."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(copies):
        text = texts[n % len(texts)]
        for old, new in rng.sample(SWAPS, 3):
            text = text.replace(old, new, 1)
        words = text.split(" ")
        for _ in range(5):
            i = rng.randrange(len(words))
            words[i] = words[i] + rng.choice(["", " very", " also", " now"])
        text = " ".join(words) + f"\nEdition {n}: filed by desk {rng.randrange(1000)}."
        path = out_dir / f"copy_{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
