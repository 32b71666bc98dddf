"""OWASP filter-evasion strings in every text of the policy and in translations: no page
may carry script, event handlers, dangerous URLs or embedded content."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import yaml

from conftest import Project
from privacy_notice.source.load import load_policy
from privacy_notice.source.schema import iter_texts

# From the OWASP XSS Filter Evasion Cheat Sheet, and Markdown's own ways to make links.
VECTORS = [
    "<script>alert('XSS')</script>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "<svg/onload=alert('XSS')>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](  JaVaScRiPt:alert(1)  )",
    "<javascript:alert(1)>",
    "<style>@import'http://xss.rocks/xss.css';</style>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">x</DIV>",
    '<form action="https://evil.example"><button>x</button></form>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<base href=\"javascript:alert('XSS');//\">",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'';!--\"<XSS>=&{()}",
    "<!--<script>alert(1)</script>-->",
]

# Tags the theme never writes and sanitized texts must never bring (a <body onload> or a
# <div style> is caught by the attribute rules below). Tables are written by the theme
# and allowed in Markdown, without attributes but a header cell's scope.
# fmt: off
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "style", "base", "svg", "math",
                  "img", "input", "button", "xss"}
# fmt: on
URL_ATTRIBUTES = {"href", "src", "action", "data", "background", "formaction", "content"}


class Audit(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.problems = name, []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and attrs == [("type", "application/ld+json")]:
            return  # the JSON-LD data block (never executed; its "<" are JSON escapes)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"{self.name}: <{tag}>")
        for key, value in attrs:
            if key.startswith("on") or key == "style":
                self.problems.append(f"{self.name}: <{tag} {key}>")
            plain = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if key in URL_ATTRIBUTES and re.match(r"(javascript|data|vbscript):", plain):
                self.problems.append(f"{self.name}: <{tag} {key}={value!r}>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"{self.name}: meta refresh")
        if tag == "link" and dict(attrs).get("rel") not in {"stylesheet", "alternate"}:
            self.problems.append(f"{self.name}: <link rel={dict(attrs).get('rel')}>")


def audit(project: Project) -> list[str]:
    problems = []
    for page in sorted((project.path / "output").rglob("*.html")):
        auditor = Audit(str(page.relative_to(project.path)))
        auditor.feed(page.read_text("utf-8"))
        problems += auditor.problems
    return problems


def test_vectors_in_every_text_are_neutralized(project: Project):
    data = load_policy(project.policy).data
    data["languages"] = ["en"]
    data["locales"] = {"en": "en_FI"}
    data["notice"]["updated"] = "2030-01-01"
    vectors = itertools.cycle(VECTORS)
    count = 0
    plain = {}  # a plain text reads exactly as written, after a token that finds it
    for path, text, kind in iter_texts(load_policy(project.policy).data):
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        keep = re.findall(r"\{\w+\}", text)  # required placeholders stay
        vector = next(vectors)
        if kind == "text":
            vector = plain.setdefault(f"T{count}:", f"T{count}: {vector}")
        parent[path[-1]] = vector + " " + " ".join(keep)
        count += 1
    assert count > 70
    project.policy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    project.build()
    assert audit(project) == []
    # Escaped, not deleted or mangled: where a plain text is shown (its token is), the
    # reader sees the whole vector as the text it is.
    output = project.path / "output"
    visible = " ".join(
        project.text(str(page.relative_to(output))) for page in sorted(output.rglob("*.html"))
    )
    shown = [text for token, text in plain.items() if re.search(rf"\b{token}", visible)]
    assert len(shown) > 20
    assert [text for text in shown if " ".join(text.split()) not in visible] == []


def test_vectors_in_translations_are_neutralized(project: Project):
    project.translate(
        {
            "Source": ("<script>alert('fi')</script>", "<svg/onload=alert('sv')>"),
            "Kivra will not engage in automatic decision-making or profiling based on your "
            "personal data.": ('<img src=x onerror="alert(1)">', "<iframe src=https://x.example>"),
        }
    )
    project.edit("updated: 2019-10-23", "updated: 2030-01-01")
    project.build()
    assert audit(project) == []
    assert "&lt;script&gt;" in project.read("fi/index.html")
