"""Prompt files: Chinese text with declared ``{placeholders}`` in a front-matter header.

Each ``prompts/<name>.md`` starts with::

    ---
    placeholders: [agency, year, facts]
    ---

The loader refuses a prompt whose body uses an undeclared placeholder or declares one it never uses, and
``render`` refuses missing or unexpected values, so a prompt edit that breaks its variables fails at once.
Only ``{identifier}`` is a placeholder; other braces in the text are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROMPT_DIR = Path(__file__).resolve().parent
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_HEADER = re.compile(r"\A---\s*\nplaceholders:\s*\[([^\]]*)\]\s*\n---\s*\n", re.S)


class PromptError(ValueError):
    """A prompt file whose placeholders do not match its declaration, or a render with wrong values."""


@dataclass(frozen=True)
class Prompt:
    name: str
    placeholders: tuple[str, ...]
    body: str

    def render(self, **values: object) -> str:
        missing = [p for p in self.placeholders if p not in values]
        extra = [k for k in values if k not in self.placeholders]
        if missing or extra:
            raise PromptError(f"提示词 {self.name} 的变量不匹配：缺少 {missing}，多余 {extra}")
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self.body)


def parse_prompt(name: str, text: str) -> Prompt:
    m = _HEADER.match(text)
    if not m:
        raise PromptError(f"提示词 {name} 缺少开头的 placeholders 声明（--- placeholders: [...] ---）")
    declared = tuple(p.strip() for p in m.group(1).split(",") if p.strip())
    body = text[m.end():]
    used = set(_PLACEHOLDER.findall(body))
    undeclared = sorted(used - set(declared))
    unused = sorted(set(declared) - used)
    if undeclared or unused:
        raise PromptError(f"提示词 {name}：未声明的变量 {undeclared}，声明了但未使用的变量 {unused}")
    return Prompt(name, declared, body.strip() + "\n")


@lru_cache(maxsize=None)
def load_prompt(name: str) -> Prompt:
    path = PROMPT_DIR / f"{name}.md"
    if not path.exists():
        raise PromptError(f"找不到提示词文件：{path.name}")
    return parse_prompt(name, path.read_text(encoding="utf-8"))


def prompt_names() -> list[str]:
    return sorted(p.stem for p in PROMPT_DIR.glob("*.md"))
