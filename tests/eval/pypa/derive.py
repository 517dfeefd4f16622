#!/usr/bin/env python3
"""Derive the matching evaluation set from a snapshot of the Python
Packaging User Guide (pypa/packaging.python.org, CC BY-SA 3.0).

    python3 tests/eval/pypa/derive.py SNAPSHOT_GIT_DIR [COMMIT]

reads source/glossary.rst and the guide's pages with `git show` and
writes, next to this script:

- glossary/<slug>.yaml  one gloss term file per glossary entry: the entry
  as `term` (further names of one entry as aliases), its first paragraph
  as `definition`;
- docs/<page>.md        each page with a :term: role, converted to
  Markdown: roles become their text, ``code`` inline code, code blocks
  fenced, `text <url>`_ links, `.. _label:` heading ids ({#label}), raw
  HTML kept, and a front matter block naming the page's title and source;
- labels.tsv            every :term: role of the pages: doc, start, end
  (bytes of the Markdown), the term it names — the authors' own marks;
- zones.tsv             doc, start, end, kind of every byte range that is
  no prose: link destinations, heading ids, front matter, raw HTML.

Nothing is judged here: the test `matching_eval` in tests/ reads these.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GIT, COMMIT = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "HEAD")


def show(path):
    return subprocess.run(
        ["git", "--git-dir", GIT, "show", f"{COMMIT}:{path}"],
        check=True, capture_output=True, text=True).stdout


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


ROLE = re.compile(r":([a-z]+(?::[a-z]+)?):`([^`]+)`(\\s)?", re.S)
LINK = re.compile(r"`([^`<]+?)\s*<([^>`]+)>`__?", re.S)
BARE = re.compile(r"`([^`]+)`_{1,2}")
LIT = re.compile(r"``(.+?)``", re.S)

# Markers placed in the text while converting; resolved to byte offsets.
L_OPEN, L_CLOSE, Z_OPEN, Z_CLOSE = "\x02", "\x03", "\x04", "\x05"


def role_text(match, labels):
    kind, body, plural = match.group(1), match.group(2), match.group(3)
    body = " ".join(body.split())
    m = re.match(r"(.*?)\s*<([^>]+)>$", body, re.S)
    text, target = (m.group(1), m.group(2)) if m else (body, body)
    if kind == "pep":
        return f"PEP {text}"
    text += "s" if plural else ""
    if kind == "term":
        labels.append(" ".join(target.split()))
        return f"{L_OPEN}{len(labels) - 1}{L_CLOSE}{text}{L_OPEN}{L_CLOSE}"
    return text


def inline(text, labels):
    text = LIT.sub(lambda m: "`" + m.group(1) + "`", text)
    text = ROLE.sub(lambda m: role_text(m, labels), text)
    text = LINK.sub(lambda m: f"[{m.group(1)}]({Z_OPEN}link{Z_CLOSE}{m.group(2)}{Z_OPEN}{Z_CLOSE})", text)
    text = BARE.sub(lambda m: m.group(1), text)
    return text


# Aliases the guide's authors would add (docs/matching.md): the short forms
# their pages use for a term that no rule can derive from its name. Applied
# to the term files only; the pages and labels are the authors' own.
ALIASES = {
    "Distribution Package": ["distribution", "package"],
    "Import Package": ["package"],
    "Build Frontend": ["frontend"],
    "Build Backend": ["backend"],
    "Project Source Tree": ["source tree"],
    "Pyproject Metadata Subkey": ["subkey"],
    "Built Distribution": ["built package"],
}


def glossary():
    lines = show("source/glossary.rst").splitlines()
    start = next(i for i, l in enumerate(lines) if l.strip() == ".. glossary::")
    entries, names, body = [], [], []
    for line in lines[start + 1:] + ["    END"]:
        indent = len(line) - len(line.lstrip())
        if line.strip() and indent == 4:
            if body and names:
                entries.append((names, body))
                names, body = [], []
            names.append(line.strip())
        elif names:
            body.append(line)
    out = []
    for names, body in entries:
        paragraph = []
        for line in body:
            if not line.strip():
                if paragraph:
                    break
                continue
            paragraph.append(line.strip())
        definition = resolve(inline(" ".join(paragraph), []))[0]
        out.append((names, definition))
    return out


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HEADING = re.compile(r"^([=\-~^\"'`#*+])\1{2,}$")


def convert(path, labels):
    lines = show(path).splitlines()
    out, pending_id, title = [], None, None
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if HEADING.match(line.strip()) and nxt.strip() and i + 2 < len(lines) and HEADING.match(lines[i + 2].strip()):
            i += 1  # overline
            continue
        if line.strip() and not line.startswith(" ") and HEADING.match(nxt.strip()) and len(nxt.strip()) >= len(line.strip()):
            heading = inline(line.strip(), labels)
            title = title or resolve(heading)[0]
            anchor = f" {Z_OPEN}heading-id{Z_CLOSE}{{#{pending_id}}}{Z_OPEN}{Z_CLOSE}" if pending_id else ""
            out += [f"## {heading}{anchor}", ""]
            pending_id = None
            i += 2
            continue
        m = re.match(r"^\.\. _([^:]+):\s*$", line)
        if m:
            pending_id = slug(m.group(1))
            i += 1
            continue
        m = re.match(r"^(\s*)\.\. (code-block|code|sourcecode|literalinclude|raw)::\s*(\S*)", line)
        literal = line.rstrip().endswith("::") and not line.strip().startswith("..")
        if m or literal:
            base = len(line) - len(line.lstrip())
            if literal:
                text = line.rstrip()[:-1].rstrip()
                out += [inline(text.strip(), labels) + (":" if text.strip() else ""), ""]
            i += 1
            block = []
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > base):
                block.append(lines[i])
                i += 1
            body = [l for l in block if not re.match(r"^\s+:[a-z-]+:", l)]
            while body and not body[0].strip():
                body.pop(0)
            while body and not body[-1].strip():
                body.pop()
            strip = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
            body = [l[strip:] for l in body]
            if m and m.group(2) == "raw":
                out += [f"{Z_OPEN}html{Z_CLOSE}" + "\n".join(body) + f"{Z_OPEN}{Z_CLOSE}", ""]
            elif m and m.group(2) == "literalinclude":
                pass
            else:
                out += ["```" + (m.group(3) if m else ""), *body, "```", ""]
            continue
        if line.strip().startswith(".. ") or line.strip() == "..":
            # Other directives: their options go, their content stays prose.
            i += 1
            while i < len(lines) and re.match(r"^\s+:[a-z-]+:", lines[i]):
                i += 1
            continue
        if re.match(r"^\s+:[a-z-]+:", line):
            i += 1
            continue
        # A paragraph: consecutive lines of text.
        para = []
        while i < len(lines) and lines[i].strip() and not lines[i].strip().startswith(".. ") and not (
            i + 1 < len(lines) and HEADING.match(lines[i + 1].strip()) and not lines[i].startswith(" ")):
            para.append(lines[i].strip())
            if lines[i].rstrip().endswith("::"):
                i += 1
                break
            i += 1
        if para:
            text = "\n".join(para)
            if text.endswith("::"):
                i -= 1
                lines[i] = "::"
                text = text[:-1]
            out += [inline(text, labels), ""]
        else:
            i += 1
    front = f"{Z_OPEN}front-matter{Z_CLOSE}---\ntitle: {yaml_string(title or path)}\nsource: {path}\n---{Z_OPEN}{Z_CLOSE}\n\n"
    return front + "\n".join(out).rstrip() + "\n"


def resolve(text):
    """The text without markers, its labels (start, end, index) and zones."""
    out, labels, zones, stack = bytearray(), [], [], []
    i = 0
    while i < len(text):
        c = text[i]
        if c in (L_OPEN, Z_OPEN):
            close = L_CLOSE if c == L_OPEN else Z_CLOSE
            j = text.index(close, i + 1)
            tag = text[i + 1:j]
            if tag:
                stack.append((c, tag, len(out)))
            else:
                kind, opened, start = stack.pop()
                (labels if kind == L_OPEN else zones).append((start, len(out), opened))
            i = j + 1
            continue
        out += c.encode()
        i += 1
    return out.decode(), labels, zones


def main():
    terms = glossary()
    for sub in ["glossary", "docs"]:
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
        for name in os.listdir(os.path.join(HERE, sub)):
            os.remove(os.path.join(HERE, sub, name))
    for names, definition in terms:
        added = ALIASES.get(names[0], [])
        aliases = "".join(f"\n  - {yaml_string(n)}" for n in names[1:] + added)
        with open(os.path.join(HERE, "glossary", slug(names[0]) + ".yaml"), "w") as f:
            f.write(f"term: {yaml_string(names[0])}\n")
            if aliases:
                f.write(f"aliases:{aliases}\n")
            f.write(f"definition: {yaml_string(definition)}\n")
    listing = subprocess.run(["git", "--git-dir", GIT, "ls-tree", "-r", "--name-only", COMMIT, "source"],
                             check=True, capture_output=True, text=True).stdout.split()
    label_rows, zone_rows, dropped = [], [], []
    for path in sorted(listing):
        if not path.endswith(".rst") or path == "source/glossary.rst" or ":term:" not in show(path):
            continue
        targets = []
        text, labels, zones = resolve(convert(path, targets))
        doc = path[len("source/"):-len(".rst")].replace("/", "--") + ".md"
        with open(os.path.join(HERE, "docs", doc), "w") as f:
            f.write(text)
        raw = text.encode()
        for start, end, index in labels:
            # A role cut by a grid table's column lines is no mention.
            if b"|" in raw[start:end]:
                dropped.append(raw[start:end].decode())
                continue
            label_rows.append(f"{doc}\t{start}\t{end}\t{targets[int(index)]}")
        for start, end, kind in zones:
            zone_rows.append(f"{doc}\t{start}\t{end}\t{kind}")
    with open(os.path.join(HERE, "labels.tsv"), "w") as f:
        f.write("doc\tstart\tend\tterm\n" + "\n".join(label_rows) + "\n")
    with open(os.path.join(HERE, "zones.tsv"), "w") as f:
        f.write("doc\tstart\tend\tkind\n" + "\n".join(zone_rows) + "\n")
    print(f"{len(terms)} terms, {len(label_rows)} labelled mentions, {len(zone_rows)} zones; "
          f"{len(dropped)} roles inside grid tables left out")


main()
