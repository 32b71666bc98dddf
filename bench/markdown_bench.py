"""Markdown implementations on hostile inputs and on the notice's real texts (issue 16).

Run: python bench/markdown_bench.py [policy.yaml]  (mistune is optional: measured if installed)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

HOSTILE = {
    "[ x {n}": lambda n: "[" * n,
    "[a]( x {n}": lambda n: "[a](" * n,
    "nested lists {n}": lambda n: "".join("  " * i + "- x\n" for i in range(n)),
    "> x {n}": lambda n: ">" * n + " x",
}


def renderers() -> dict[str, Callable[[str], str]]:
    import markdown

    found: dict[str, Callable[[str], str]] = {}
    md = markdown.Markdown(extensions=[], output_format="html")
    found["Python-Markdown"] = lambda text: md.reset().convert(text)
    from markdown_it import MarkdownIt

    found["markdown-it-py"] = MarkdownIt("commonmark").render
    try:
        import mistune

        found["mistune"] = mistune.create_markdown(escape=False)
    except ImportError:
        pass
    return found


def timed(render: Callable[[str], str], text: str) -> str:
    start = time.perf_counter()
    try:
        render(text)
    except RecursionError:
        return "RecursionError"
    return f"{time.perf_counter() - start:.3f} s"


def main() -> None:
    found = renderers()
    for label, make in HOSTILE.items():
        for n in (1000, 2000, 4000, 20000):
            if label.startswith("nested") and n > 2000:
                continue
            row = []
            for name, render in found.items():
                if name == "Python-Markdown" and n > 4000 and label.startswith("["):
                    row.append(f"{name}: skipped (quadratic)")
                    continue
                row.append(f"{name}: {timed(render, make(n))}")
            print(f"{label.format(n=n)}: " + "; ".join(row))
    policy = Path(sys.argv[1] if len(sys.argv) > 1 else "policy.yaml")
    if policy.exists():
        from privacy_notice.source.load import load_policy
        from privacy_notice.source.schema import iter_texts

        texts = [t for _p, t, kind in iter_texts(load_policy(policy).data) if kind == "markdown"]
        for name, render in found.items():
            start = time.perf_counter()
            for text in texts:
                render(text)
            print(f"{len(texts)} real texts, {name}: {time.perf_counter() - start:.4f} s")


if __name__ == "__main__":
    main()
