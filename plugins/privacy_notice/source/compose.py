"""PyYAML's composer turned into plain data with positions (see :mod:`.load`).

Constructing the data ourselves from the composed nodes lets us refuse what PyYAML would
silently accept (duplicate keys, aliases, arbitrary tags) and remember where every value,
key and scalar was written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from privacy_notice.diagnostics import Diagnostic, PolicyError, YamlPath, format_path
from privacy_notice.source.loaded import Loaded, Mark

MAX_DEPTH = 40  # the register nests 6 levels; deeper is a mistake (and recursion has limits)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_scalar_constructor = yaml.constructor.SafeConstructor()

# PyYAML's messages name the parser's state; say what the writer should do instead.
_YAML_ADVICE = (
    ("tab character", "a tab character: indent with spaces, not tabs"),
    (
        "mapping values are not allowed",
        "unexpected ':' here: check this line's indentation, "
        "or put a text that contains ': ' in quotes",
    ),
    (
        "could not find expected ':'",
        "expected 'key: value': check the indentation or a missing ':'",
    ),
    (
        "did not find expected key",
        "this line does not line up with the keys above it: check its indentation",
    ),
    (
        "did not find expected '-' indicator",
        "this list item does not line up with the items above it: check its indentation",
    ),
    (
        "expected <block end>",
        "this line does not line up with the lines above it: check its indentation",
    ),
    ("found unexpected end of stream", "this quoted text is never closed: add its closing quote"),
    (
        "found undefined alias",
        "anchors and aliases (&name, *name) are not supported: write the value out",
    ),
    (
        "found unknown escape character",
        "unknown escape in a double-quoted text: write \\\\ for a backslash, or use single quotes",
    ),
)


def lenient(text: bytes) -> Any:
    """``text`` as PyYAML reads it, whatever it holds (see :func:`.load.read_mapping`)."""
    return yaml.load(text, Loader=_Loader)


def compose(text: str, name: str) -> Loaded:
    """The document ``text`` (read from ``name``) as plain data and positions; raise
    :class:`PolicyError` with every problem."""

    def fail(message: str, line: int = 0, column: int = 0) -> PolicyError:
        return PolicyError([Diagnostic(name, line, column, "", message)])

    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "end of stream" in (exc.problem or "") and exc.context_mark is not None:
            mark = exc.context_mark  # where the unclosed text began, not the end of the file
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        unclosed = _unclosed_quote(text, line)
        if unclosed:  # the parser fails far below the real mistake: point at the mistake
            raise fail(_YAML_ADVICE_UNCLOSED, *unclosed) from None
        raise fail(_advice(exc, text), line, column) from None
    except yaml.YAMLError as exc:
        raise fail(f"not valid YAML: {exc}") from None
    if root is None:
        raise fail("the file is empty: it must hold the register (see the README)", 1, 1)
    builder = _Builder(name)
    data = builder.build(root, ())
    if builder.diagnostics:
        raise PolicyError(builder.diagnostics)
    return Loaded(name, data, builder.values, builder.keys, builder.scalars)


_YAML_ADVICE_UNCLOSED = "this quoted text is never closed: add its closing quote"
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s+(["'])""")


def _unclosed_quote(text: str, before_line: int) -> tuple[int, int] | None:
    """The first ``key: "value`` line above ``before_line`` whose quote never closes on it.

    YAML lets a quoted text run over several lines, so such a slip shows up as a puzzling
    error many lines later; a policy file never needs a quoted text to span lines.
    """
    for number, line in enumerate(text.splitlines()[: max(before_line - 1, 0)], start=1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.group(1), line[match.end() :]
        closed = re.search(r'(?<!\\)"' if quote == '"' else r"'", rest.replace("''", ""))
        if not closed:
            return number, match.end()
    return None


def _advice(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or str(exc)
    mark = exc.problem_mark
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        problem = "tab character"  # libyaml does not always say so
    for needle, advice in _YAML_ADVICE:
        if needle in problem:
            return advice
    context = f" {exc.context}" if exc.context else ""
    return f"not valid YAML:{context} {problem}".strip()


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Constructs plain data from a node tree, collecting positions and problems."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.values: dict[YamlPath, Mark] = {}
        self.keys: dict[YamlPath, Mark] = {}
        self.scalars: dict[YamlPath, str] = {}
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, path: YamlPath, message: str) -> None:
        mark = _mark(node)
        self.diagnostics.append(
            Diagnostic(self.name, mark.line, mark.column, format_path(path), message)
        )

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        # The composer turns an alias into a second reference to the anchored node;
        # refusing it here also defuses "billion laughs" documents.
        if id(node) in self._seen:
            where = self.keys.get(path) or _mark(node)
            self.diagnostics.append(
                Diagnostic(
                    self.name,
                    where.line,
                    where.column,
                    format_path(path),
                    "anchors and aliases (&name, *name) are not supported: write the value out",
                )
            )
            return None
        self._seen.add(id(node))
        self.values[path] = _mark(node)
        if len(path) > MAX_DEPTH:
            self.problem(
                node,
                path,
                f"nested more than {MAX_DEPTH} levels deep: a register "
                "never is; check the indentation",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_YAML}seq":
                self.problem(node, path, f"the tag {_short(node.tag)} is not allowed here")
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # YAML has no fourth kind of node
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        if node.tag != f"{_YAML}map":
            self.problem(node, path, f"the tag {_short(node.tag)} is not allowed here")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_YAML}merge":
                self.problem(
                    key_node, path, "merge keys (<<) are not supported: write the keys out"
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
                self.problem(key_node, path, "a key must be a plain name, such as 'title'")
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = self.keys[child]
                self.problem(
                    key_node,
                    child,
                    f"duplicate key '{key}' (first written at line "
                    f"{first.line}): remove one of them",
                )
                continue
            self.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: YamlPath) -> Any:
        self.scalars[path] = node.value
        if node.tag not in _SCALAR_TAGS:
            self.problem(
                node, path, f"the tag {_short(node.tag)} is not allowed: write a plain value"
            )
            return None
        if node.tag == f"{_YAML}str" or node.tag == f"{_YAML}timestamp":
            return node.value  # dates stay ISO text; the schema checks them
        try:
            return _scalar_constructor.construct_object(node)
        except (yaml.YAMLError, ValueError):
            return node.value


def _short(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
