"""Adding a source to claims.yaml's registry without disturbing the file.

Like ``check --fix`` (:mod:`generator.editor.fix`) this edits the text, never dumps YAML
again: claims.yaml is the editors' file, full of comments, blank lines and their
choice of quoting, and a round trip through a YAML library would lose some of that
(PyYAML keeps no comments; ruamel.yaml keeps most but re-indents and re-wraps). The
composer says where the ``sources`` list ends; the new entry is inserted after the
last line of its last item, in the list's own indentation and line endings, and
the result is loaded again to prove it reads back as intended.
"""

from __future__ import annotations

from datetime import date

import yaml

from generator.checker.errors import CommandError
from generator.checker.yamlsyntax import Loader
from generator.checker.yamlwrite import yaml_scalar


class RegistryEditError(CommandError):
    """claims.yaml cannot take the entry automatically; the message has the YAML."""


def entry_lines(fields: dict[str, object], comment: list[str]) -> list[str]:
    """The new list item as lines, without indentation: comments, then `- id: ...`.

    >>> entry_lines({"id": "a", "title": "Yes", "published": date(2024, 3, 1)}, ["new"])
    ['# new', '- id: a', '  title: "Yes"', '  published: 2024-03-01']
    """
    lines = [f"# {line}" if line else "#" for line in comment]
    first = True
    for key, value in fields.items():
        if value is None:
            continue
        text = value.isoformat() if isinstance(value, date) else yaml_scalar(str(value))
        lines.append(f"{'- ' if first else '  '}{key}: {text}")
        first = False
    return lines


def _root_value(root: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(root, yaml.MappingNode):
        for key_node, value in root.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value
    return None


def _last_index(node: yaml.Node) -> int:
    """Offset just past the last character a node's value occupies."""
    if isinstance(node, yaml.MappingNode) and node.flow_style is False and node.value:
        return max(_last_index(v) for kv in node.value for v in kv)
    if isinstance(node, yaml.SequenceNode) and node.flow_style is False and node.value:
        return max(_last_index(v) for v in node.value)
    return node.end_mark.index


def _line_end(text: str, index: int) -> int:
    """Offset after the newline ending the line that holds ``index - 1``."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _dash_column(text: str, item: yaml.Node) -> int:
    """Column of the `-` that starts a block list item."""
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    dash = text.rfind("-", line_start, item.start_mark.index)
    return dash - line_start if dash >= 0 else item.start_mark.column


def _spaced(text: str, items: list[yaml.Node]) -> bool:
    """Whether the existing items are separated by blank lines (mirror that)."""
    for before, after in zip(items, items[1:], strict=False):
        gap = text[_line_end(text, _last_index(before)):after.start_mark.index]
        if any(not line.strip() for line in gap.split("\n")[:-1]):
            return True
    return False


def _after_item(text: str, item: yaml.Node, dash: int) -> int:
    """Where a new item goes: past the last item's last line and its own comments."""
    end = _last_index(item)
    while end > item.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1  # block scalars end past their trailing line breaks
    pos = probe = _line_end(text, end)
    while probe < len(text):  # comments indented into the item belong to it
        line = text[probe:_line_end(text, probe)]
        stripped = line.lstrip(" ")
        if not stripped.strip():
            probe = _line_end(text, probe)  # a blank line: look past it
            continue
        if not stripped.startswith("#") or len(line) - len(stripped) <= dash:
            break
        pos = probe = _line_end(text, probe)
    return pos


def insert_source(text: str, fields: dict[str, object], comment: list[str]) -> str:
    """Return claims.yaml's text with a new source appended to ``sources``.

    >>> text = "sources:  # the registry\\n  - id: a\\n    file: a.txt\\n\\nclaims: []\\n"
    >>> print(insert_source(text, {"id": "b", "file": "b.txt"}, ["added"]), end="")
    sources:  # the registry
      - id: a
        file: a.txt
      # added
      - id: b
        file: b.txt
    <BLANKLINE>
    claims: []
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = entry_lines(fields, comment)
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:
        raise RegistryEditError(f"claims.yaml is not valid YAML ({exc}); fix it first "
                                "(`factcheck check`)") from exc
    found = _root_value(root, "sources")
    paste = "\n".join(["sources:"] + ["  " + line for line in lines])
    if found is None and isinstance(root, yaml.MappingNode) and not root.flow_style:
        # claims.yaml that includes story files may have no `sources:` yet
        tail = "" if text.endswith("\n") or not text else newline
        return text + tail + newline.join(["sources:"] + ["  " + line for line in lines]
                                          ) + newline
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        raise RegistryEditError("claims.yaml has no `sources:` list to add to; add this "
                                f"entry by hand:\n{paste}")
    key, seq = found
    if seq.flow_style and seq.value:
        raise RegistryEditError("`sources` is written as a flow list ([...]); add this "
                                f"entry by hand:\n{paste}")
    if not seq.value:  # `sources: []`: the empty flow list becomes a block list
        start, end = seq.start_mark.index, seq.end_mark.index
        while start > key.end_mark.index and text[start - 1] in " \t":
            start -= 1
        head = text[:start] + text[end:]
        pos = _line_end(head, start)
        block = "".join(f"  {line}{newline}" for line in lines)
        if pos == len(head) and not head.endswith("\n"):
            block = newline + block
        return head[:pos] + block + head[pos:]
    items = seq.value
    dash = _dash_column(text, items[0])
    pad = " " * dash
    step = " " * max(items[0].start_mark.column - dash - 2, 0)  # `-   id:` keeps its gap
    pos = _after_item(text, items[-1], dash)
    body = [pad + (line.replace("- ", "- " + step, 1) if line.startswith("- ") else
                   line if line.startswith("#") else step + line) for line in lines]
    block = "".join(line + newline for line in body)
    if _spaced(text, items):
        block = newline + block
    if pos == len(text) and not text.endswith("\n"):
        block = newline + block
    return text[:pos] + block + text[pos:]


def _source_item(root: yaml.Node | None, source_id: str) -> yaml.MappingNode | None:
    found = _root_value(root, "sources")
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return None
    for item in found[1].value:
        if isinstance(item, yaml.MappingNode) and any(
                isinstance(k, yaml.ScalarNode) and k.value == "id" and
                isinstance(v, yaml.ScalarNode) and v.value == source_id for k, v in item.value):
            return item
    return None


def add_fields(text: str, source_id: str, fields: dict[str, object]) -> str:
    """Return a claims file's text with ``fields`` added to the registered source
    ``source_id`` (a block mapping), after its last field, in its indentation;
    nothing else moves. A field it has already is an error, never overwritten.

    >>> text = "sources:\\n  - id: a   # the wire\\n    file: a.txt\\n  - id: b\\n    file: b\\n"
    >>> print(add_fields(text, "a", {"archived": date(2024, 8, 9)}), end="")
    sources:
      - id: a   # the wire
        file: a.txt
        archived: 2024-08-09
      - id: b
        file: b
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = entry_lines(fields, [])
    paste = "\n".join("  " + line.replace("- ", "", 1).lstrip() for line in lines)
    try:
        item = _source_item(yaml.compose(text, Loader=Loader), source_id)
    except yaml.YAMLError as exc:
        raise RegistryEditError(f"the file is not valid YAML ({exc}); fix it first "
                                "(`factcheck check`)") from exc
    if item is None or item.flow_style or not item.value:
        raise RegistryEditError(f"source `{source_id}` is not a block mapping under "
                                f"`sources:` here; add these fields to it by hand:\n{paste}")
    present = {k.value for k, _ in item.value if isinstance(k, yaml.ScalarNode)}
    clash = [key for key in fields if key in present]
    if clash:
        raise RegistryEditError(f"source `{source_id}` already has `{clash[0]}`; "
                                "it is never overwritten")
    column = item.value[0][0].start_mark.column
    end = _last_index(item.value[-1][1])
    while end > item.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1  # block scalars end past their trailing line breaks
    pos = _line_end(text, end)
    block = "".join(" " * column + line.lstrip("- ").lstrip() + newline for line in lines)
    if pos == len(text) and not text.endswith("\n"):
        block = newline + block
    return text[:pos] + block + text[pos:]
