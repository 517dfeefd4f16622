#!/usr/bin/env python3
"""Parse HTML files with Python's html.parser and print, per file, what a
test needs to find injected markup: every element with its attributes,
the text of every <script>, every comment, and whether the parse ended
inside an element that should have closed (<script>, <style>, a comment).

Usage: html_outline.py FILE... ; prints one JSON object keyed by file.
"""
import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.scripts = []
        self.comments = []
        self.stack = []
        self.mismatched = []
        self.text = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.elements.append([tag, dict(attrs)])
        if tag == "script":
            self._script = {"attrs": dict(attrs), "text": ""}
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append([tag, dict(attrs)])

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.mismatched.append(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        elif "head" not in self.stack:
            self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def outline(path):
    parser = Outline()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    parser.close()
    return {
        "elements": parser.elements,
        "scripts": parser.scripts,
        "comments": parser.comments,
        "unclosed": parser.stack,
        "mismatched": parser.mismatched,
        "unterminated_script": parser._script is not None,
        "text": "".join(parser.text),
    }


if __name__ == "__main__":
    print(json.dumps({path: outline(path) for path in sys.argv[1:]}))
