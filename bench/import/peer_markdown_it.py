"""Peer for bench/import: markdown-it-py merely tokenizing the same guides.

Usage: python peer_markdown_it.py DIR [ROUNDS] [--ms]
Reads every file in DIR once, then times MarkdownIt("commonmark").parse() over all of them
per round (block and inline tokens, no rendering) and prints the median milliseconds.
"""
import os
import statistics
import sys
import time

from markdown_it import MarkdownIt


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = args[0]
    rounds = int(args[1]) if len(args) > 1 else 10
    texts = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                texts.append(f.read())
    md = MarkdownIt("commonmark")
    tokens = sum(len(md.parse(t)) for t in texts)  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for t in texts:
            md.parse(t)
        times.append((time.perf_counter() - start) * 1000.0)
    median = statistics.median(times)
    if "--ms" in sys.argv:
        print(f"{median:.3f}")
    else:
        print(f"markdown-it-py: {len(texts)} files -> {tokens} block tokens")
        print(f"tokenize only, {rounds} rounds: median {median:.2f} ms, min {min(times):.2f} ms")


if __name__ == "__main__":
    main()
