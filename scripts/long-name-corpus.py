#!/usr/bin/env python3
"""A glossary whose one term has a long, self-repeating name, and a doc that
repeats its first word (docs/performance.md, "anchored walks").

    python3 scripts/long-name-corpus.py OUT [NAME_WORDS] [DOC_WORDS]

Writes OUT/gloss.toml, OUT/glossary/long.yaml (the term `word word … end`,
NAME_WORDS times `word`, default 1000) and OUT/docs/a.md (`word` DOC_WORDS
times in one paragraph, default 100,000). A scan that walks the name from
every word of the doc costs words × name length; `gloss lint` must stay
linear. Time it with `/usr/bin/time gloss lint --format json` in OUT.
"""
import os
import sys


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    name_words = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    doc_words = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    os.makedirs(os.path.join(out, "glossary"), exist_ok=True)
    os.makedirs(os.path.join(out, "docs"), exist_ok=True)
    with open(os.path.join(out, "gloss.toml"), "w", encoding="utf-8") as f:
        f.write('[glossary]\nroot = "glossary"\ndocs = ["docs/**/*.md"]\n\n')
        f.write('[docs]\nlink = "/glossary/{slug}/"\n')
    with open(os.path.join(out, "glossary", "long.yaml"), "w", encoding="utf-8") as f:
        f.write("term: " + "word " * name_words + "end\n")
        f.write("category: practice\ndefinition: >-\n  A name made long on purpose.\n")
    with open(os.path.join(out, "docs", "a.md"), "w", encoding="utf-8") as f:
        f.write("word " * doc_words + "\n")


if __name__ == "__main__":
    main()
