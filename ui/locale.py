"""Gradio's own strings (「Drop File Here」, 「Click to Upload」, tooltips) in Chinese whatever the browser's language.

Gradio 6 picks its UI language from the browser (``navigator.language``) and offers no launch option to fix it, so an
officer whose browser is set to English sees English buttons inside a Chinese app. Gradio ships its Chinese
translation (``assets/zh-CN-*.js``) next to the English one (inside ``assets/core-*.js``); :func:`gradio_strings`
reads both catalogues, pairs every message by its key, and :data:`LOCALE_JS` carries the English → Chinese table
to a small browser script that replaces any English gradio string (text, ``title``, ``aria-label``,
``placeholder``) as it appears. Our own labels are Chinese already; only gradio's catalogue is translated.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import gradio

ASSETS = Path(str(gradio.__file__)).parent / "templates" / "frontend" / "assets"

_IDENT = re.compile(r"[A-Za-z_$][\w$]*")


class _Reader:
    """Just enough of a reader for the minified catalogue objects: ``{key:`text`,"zh-CN":`…`,ns:{…}}``."""

    def __init__(self, text: str, pos: int):
        self.s, self.i = text, pos

    def string(self) -> str:
        q = self.s[self.i]
        j = self.i + 1
        out = []
        while self.s[j] != q:
            if self.s[j] == "\\":
                out.append(self.s[j + 1])
                j += 2
                continue
            out.append(self.s[j])
            j += 1
        self.i = j + 1
        return "".join(out)

    def key(self) -> str:
        if self.s[self.i] in "`\"'":
            return self.string()
        m = _IDENT.match(self.s, self.i)
        if not m:
            raise ValueError(f"unexpected {self.s[self.i:self.i + 20]!r}")
        self.i = m.end()
        return m.group(0)

    def value(self) -> Any:
        c = self.s[self.i]
        if c == "{":
            return self.obj()
        if c in "`\"'":
            return self.string()
        m = re.compile(r"[^,}]*").match(self.s, self.i)
        assert m is not None
        self.i = m.end()
        return None  # a reference to another variable: not a message

    def obj(self) -> dict[str, Any]:
        assert self.s[self.i] == "{"
        self.i += 1
        out: dict[str, Any] = {}
        while self.s[self.i] != "}":
            k = self.key()
            assert self.s[self.i] == ":", self.s[self.i:self.i + 30]
            self.i += 1
            out[k] = self.value()
            if self.s[self.i] == ",":
                self.i += 1
        self.i += 1
        return out


def _catalogue(text: str, language_name: str) -> list[dict[str, Any]]:
    """The namespace objects declared right after ``X=`<language name>``` in a catalogue file, in order."""
    pos = text.index(f"=`{language_name}`") + len(language_name) + 3
    out = []
    r = _Reader(text, pos)
    while r.s[r.i] == ",":
        m = re.compile(r",([A-Za-z_$][\w$]*)=").match(r.s, r.i)
        if not m or r.s[m.end()] != "{":
            break
        r.i = m.end()
        out.append(r.obj())
    return out


def _pairs(en: Any, zh: Any, out: dict[str, str]) -> None:
    if isinstance(en, dict) and isinstance(zh, dict):
        for k, v in en.items():
            if k in zh:
                _pairs(v, zh[k], out)
    elif isinstance(en, str) and isinstance(zh, str) and en.strip() and en != zh and re.search("[A-Za-z]", en):
        out.setdefault(en.strip(), zh.strip())


@lru_cache(maxsize=1)
def gradio_strings() -> dict[str, str]:
    """English gradio message -> its Chinese translation, read from the installed gradio's own catalogues."""
    zh_files = sorted(ASSETS.glob("zh-CN-*.js"))
    en_files = [p for p in sorted(ASSETS.glob("core-*.js")) if "=`English`" in p.read_text(encoding="utf-8")]
    if not zh_files or not en_files:
        raise RuntimeError("gradio's translation catalogues were not found; check the pinned gradio version")
    en = _catalogue(en_files[0].read_text(encoding="utf-8"), "English")
    zh = _catalogue(zh_files[0].read_text(encoding="utf-8"), "简体中文")
    out: dict[str, str] = {}
    # the two files declare their namespaces in different orders: pair each English namespace with the Chinese one
    # sharing most of its keys (the files are generated from the same key set)
    for e in en:
        best = max(zh, key=lambda z: len(set(z) & set(e)) / len(set(z) | set(e) or {""}))
        if set(best) & set(e):
            _pairs(e, best, out)
    out.update(EXTRA)
    return out


# Strings gradio prints without going through its catalogue (seen in the components this app uses).
EXTRA = {
    "Drop CSV or TSV files here to import data into dataframe": "将 CSV 或 TSV 文件拖到此处可导入表格",
    "Loading...": "加载中……",
    "Error": "错误",
    "Close": "关闭",
    "Clear": "清除",
    "- or -": "- 或 -",
    "Copy": "复制",
    "Copied!": "已复制",
    "Copy message": "复制消息",
    "Fullscreen": "全屏",
    "Exit fullscreen mode": "退出全屏",
    "Copy table data": "复制表格数据",
    "Table actions": "表格操作",
    "Vega visualization": "图表",
    "Click to upload or drop files": "点击上传或拖放文件",
    "Empty value": "空白",
    "chatbot conversation": "对话记录",
    "Textbox": "输入框",
    "Add row": "添加一行",
    "common.complete": "完成",  # a key gradio 6.31 shows untranslated in a finished progress bar
}

_SCRIPT = r"""
<script>
(() => {
  if (window.nbLocale) return;
  const T = __TABLE__;
  const ATTRS = ['title', 'aria-label', 'placeholder'];
  function fixText(node) {
    const raw = node.nodeValue;
    const key = raw.trim();
    if (key && Object.prototype.hasOwnProperty.call(T, key)) node.nodeValue = raw.replace(key, T[key]);
  }
  function fixEl(el) {
    for (const a of ATTRS) {
      const v = el.getAttribute && el.getAttribute(a);
      if (v && Object.prototype.hasOwnProperty.call(T, v.trim())) el.setAttribute(a, T[v.trim()]);
    }
  }
  function walk(root) {
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) return;
    if (root.closest && root.closest('.nb-sheets, #draft_editor, #chatbot .message')) return;
    fixEl(root);
    const it = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let n;
    while ((n = it.nextNode())) { if (n.nodeType === 3) fixText(n); else fixEl(n); }
  }
  const obs = new MutationObserver((muts) => {
    for (const m of muts) {
      if (m.type === 'characterData') fixText(m.target);
      else if (m.type === 'attributes') fixEl(m.target);
      else m.addedNodes.forEach(walk);
    }
  });
  function start() {
    walk(document.body);
    obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                                attributeFilter: ATTRS});
  }
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
  document.documentElement.lang = 'zh-CN';
  window.nbLocale = T;
})();
</script>
"""


def locale_script() -> str:
    return _SCRIPT.replace("__TABLE__", json.dumps(gradio_strings(), ensure_ascii=False))
