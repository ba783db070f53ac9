"""Every quantity mentioned in Chinese narrative text, with its span, value and unit.

``extract_numbers(text)`` returns :class:`NumberMention` objects in text order. Offsets are into the text as given
(full-width digits ``１２３`` and ``％`` are read in place, so offsets never shift).

What counts as a quantity
-------------------------
- Arabic numbers, with thousands separators (``1,234`` — only when followed by exactly three digits) and decimals;
  spaces and line breaks between the number and its unit are allowed (PDF text: ``3119 件``, ``351\\n件``).
- 万/亿 as multipliers: ``1.8万`` = 18000, ``5.5万条`` = 55000 条. Money keeps the written value and puts the scale
  in the unit: ``3199万元`` → 3199 with unit ``万元`` (Table 2's fee is in 万元), ``3.2亿元`` → 3.2 ``亿元``.
- ``1.8万(18359)``: ONE mention, value 18359 (the exact figure in brackets), surface and span cover both.
- 中文数字 only with a measure word (``一百三十九件``, ``两千人``, ``十二个``, ``四个季度``) or as ``百分之十``; a
  bare ``一`` + measure word (``一名分管领导``, ``一件事``) is the indefinite article in official prose, not a statistic;
  ``八成`` is read as 80 %. Without a measure word 中文数字 are names (``二十大``, ``两微一端``, ``三类``).
- Percentages: ``18.95%``, ``100%``, ``百分之十``; kind ``percent``, unit ``%``.
- ``余``/``多``/``约``/``近``/``超``/``逾`` around a number set ``approx=True`` (``5500余条`` → 5500 条, approx).
- Ranges ``11—30件`` give two mentions that share the unit.

What is NOT a quantity (never extracted)
----------------------------------------
- Years and dates: a 4-digit 19xx/20xx followed by 年/年度/版 or a dash (``2021年``, ``2021 年``, ``（2021-2035）``,
  ``2025版``), Chinese years (``二〇二一年``), ``1月31日``, ``3月份``, ``2022-02-08``, times ``16:34``.
- Ordinals and enumerations: anything after 第 (``第二十条``, ``第（一）项``, ``第711号``), ``（一）``/``(2)``,
  ``一是``, and ``1.``/``1、`` at the start of a line or clause.
- Document numbers and addresses: ``〔2021〕30号``, ``国令第 711 号``, any number + 号, ``14层``/``楼``/``室``.
- Contact data: phone numbers (``0517-83605210``), numbers after 电话/传真/邮编, ``12345热线``, URLs and e-mail.
- Numbers inside quotation marks or book-title marks (``“三安全一稳定”``, ``《…（2025版）》``): they are names.
- Page footers of PDF text (``- 2 -``) and numbers glued to Latin letters (``5G``, ``G15``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Union

Number = Union[int, float]
Adder = Callable[[Number, int, int, Optional[str], bool, tuple[int, int]], None]


@dataclass(frozen=True)
class NumberMention:
    value: Number
    surface: str
    start: int
    end: int
    unit: Optional[str]
    kind: str  # 'count' | 'percent' | 'money' | 'other'
    approx: bool = False


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

COUNT_UNITS = (
    "件次", "人次", "家次", "批次", "件", "条", "次", "个", "人", "名", "期", "场", "篇", "家", "项", "份", "批",
    "处", "所", "户", "页", "本", "册", "张", "台", "套", "部", "位", "则", "起", "封", "单", "例", "轮", "支", "座",
)
MONEY_UNITS = ("亿元", "万元", "元")
OTHER_UNITS = ("个工作日", "个月", "小时", "分钟", "工作日", "天", "日", "周", "海里", "公里", "平方米", "米", "岁", "年")
# Longest first so that 个工作日 wins over 个, 万元 over 元.
_UNITS = sorted(COUNT_UNITS + MONEY_UNITS + OTHER_UNITS, key=len, reverse=True)
_UNIT_RE = "|".join(map(re.escape, _UNITS))

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"

_WS = r"[ \t\u3000\r\n]*"
_APPROX_BEFORE = re.compile(r"(约|近|超过|超|逾|不到|不足)\s*$")

# Spans that are never quantities.
_EXCLUDE = [
    re.compile(r"(?:https?://|www\.)[A-Za-z0-9./?=&_%#:~+-]+"),
    re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org|gov)(?:/[A-Za-z0-9./?=&_%#-]*)?"),
    re.compile(r"“[^”]{0,40}”|「[^」]{0,40}」|《[^》]{0,80}》|\"[^\"\n]{0,40}\"|‘[^’]{0,30}’"),
    re.compile(r"(?:电话|传真|邮编|邮政编码|热线|手机|联系方式)(?:[/／、](?:电话|传真|手机))?(?:\s*[：:]\s*\d+|\s*\d{5,})"
               r"(?:\s*[-—－]\s*\d+)*(?:[ \t]+\d{7,8}(?!\d))*"),
    re.compile(r"(?<!\d)\d{7,8}\s*[（(]\s*(?:传真|电话)\s*[)）]"),
    re.compile(r"(?<!\d)0\d{2,3}\s*[-—－]\s*\d{7,8}(?!\d)"),
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    re.compile(r"\d+\s*(?:政务服务便民)?热线"),
    # service numbers: 12345平台, 12315, 110宣传日 — a bare 110/12x/123xx with no measure word after it
    re.compile(r"(?<![\d.])123\d{2}(?![\d.])(?!\s*(?:余|多)?\s*(?:件|条|篇|个|次|人|项|万|元|%|％|家|起|场))"
               r"|(?<![\d.])(?:110|119|120|122)(?=\s*(?:宣传日|报警|急救|指挥|服务|平台|热线|接处警|联动|社会))"),
    # days of the month: 每月5日和20日
    re.compile(r"每(?:个)?月\s*\d{1,2}\s*[日号](?:\s*[和、及至到]\s*\d{1,2}\s*[日号])*"),
    # an item number run into its heading: 改进措施1.充实…, 主要问题1.配备…
    re.compile(r"(?<=[\u4e00-\u9fff：:])\d{1,2}\s*[.．](?=\s*[\u4e00-\u9fff])"),
    re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号"),
    re.compile(r"第" + _WS + r"[0-9" + _CN_CHARS + r"]+"),
    re.compile(r"第" + _WS + r"[（(]\s*[0-9一二三四五六七八九十]+\s*[）)]"),
    re.compile(r"\d+\s*(?:号|层|楼|室|栋|幢|单元)"),
    re.compile(r"[（(]\s*[0-9一二三四五六七八九十]{1,3}\s*[）)]"),
    re.compile(r"\d{4}\s*[-—–~～至到]\s*\d{4}"),
    re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"),
    re.compile(r"(?<!\d)(?:19|20)\d{2}\s*(?:年|版|-)"),
    re.compile(r"[零〇一二三四五六七八九]{4}\s*年"),
    re.compile(r"(?<![\d.])\d{1,2}\s*月份?(?:\s*\d{1,2}\s*[日号])?"),
    re.compile(r"[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?"),
    re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?"),
    re.compile(r"(?m)^\s*[-—]\s*\d+\s*[-—]\s*$"),
    re.compile(r"(?:^|(?<=[\n。；;：:，,！？]))[ \t\u3000#]*[（(]?\d{1,2}\s*[、.．)）](?!\d)", re.M),
]

_ARABIC = re.compile(r"(?<![A-Za-z0-9.])(\d{1,3}(?:,\d{3})+(?![0-9])|\d+)(\.\d+)?(?![A-Za-z])")
_PAIR = re.compile(
    r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)\s*([万亿])\s*[（(]\s*(\d{1,3}(?:,\d{3})+|\d+)\s*[)）]"
)
_CN_NUM = re.compile(r"[" + _CN_CHARS + r"]+")
_PERCENT_CN = re.compile(r"百分之\s*([" + _CN_CHARS + r"]+|\d+(?:\.\d+)?)")
_AFTER = re.compile(_WS + r"(余|多)?" + _WS + r"([万亿](?!元))?" + _WS + r"(余|多)?" + _WS + r"(%|" + _UNIT_RE + ")?")
_RANGE_NEXT = re.compile(r"\s*[-—–~～至到]\s*(\d+(?:\.\d+)?)" + _WS + r"(%|" + _UNIT_RE + ")")


def parse_chinese_number(s: str) -> Optional[int]:
    """``一百三十九`` → 139, ``两千`` → 2000, ``十二`` → 12, ``二〇二一`` → 2021 (digit by digit); None if not a number."""
    if not s or any(ch not in _CN_CHARS for ch in s):
        return None
    if not any(ch in _CN_SMALL or ch in _CN_BIG for ch in s):
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = section = digit = 0
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        else:
            section += digit
            total += (section or 1) * _CN_BIG[ch]
            section = digit = 0
    return total + section + digit


def _kind(unit: Optional[str]) -> str:
    if unit == "%":
        return "percent"
    if unit in MONEY_UNITS:
        return "money"
    if unit in COUNT_UNITS:
        return "count"
    return "other"


def _num(x: float) -> Number:
    return int(x) if float(x).is_integer() else round(x, 10)


def _excluded(text: str) -> bytearray:
    """A mask with 1 on every character inside a span that is never a quantity."""
    mask = bytearray(len(text))
    for rx in _EXCLUDE:
        for m in rx.finditer(text):
            a, b = m.span()
            mask[a:b] = b"\x01" * (b - a)
    return mask


def _overlaps(mask: bytearray, a: int, b: int) -> bool:
    return 1 in mask[a:b]


def extract_numbers(text: str) -> list[NumberMention]:
    """All quantities in ``text`` (see the module docstring for the rules), sorted by position."""
    if not text:
        return []
    norm = text.translate(_FULL_WIDTH)
    blocked = _excluded(norm)
    taken = bytearray(len(norm))
    out: list[NumberMention] = []

    def approx_before(start: int) -> bool:
        return bool(_APPROX_BEFORE.search(norm[max(0, start - 4):start]))

    def add(value: Number, start: int, end: int, unit: Optional[str], approx: bool, num_span: tuple[int, int]) -> None:
        if _overlaps(blocked, *num_span) or _overlaps(taken, start, end):
            return
        taken[start:end] = b"\x01" * (end - start)
        out.append(NumberMention(_num(value), text[start:end], start, end, unit, _kind(unit), approx))

    for m in _PAIR.finditer(norm):  # 1.8万(18359)
        outer = float(m.group(1)) * _CN_BIG[m.group(2)]
        inner = float(m.group(3).replace(",", ""))
        if abs(outer - inner) <= 0.5 * _CN_BIG[m.group(2)] * 10 ** -_decimals(m.group(1)) + 1:
            tail = _AFTER.match(norm, m.end())
            unit = tail.group(4) if tail and tail.group(4) and not tail.group(2) else None
            end = tail.end(4) if tail and unit else m.end()
            add(inner, m.start(), end, unit, False, m.span(3))

    for m in _PERCENT_CN.finditer(norm):  # 百分之十
        raw = m.group(1)
        val = float(raw) if raw[0].isdigit() else (100 if raw == "百" else parse_chinese_number(raw))
        if val is not None:
            add(val, m.start(), m.end(), "%", approx_before(m.start()), m.span(1))

    for m in _ARABIC.finditer(norm):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        _mention_from(norm, m.start(), m.end(), value, add, approx_before, is_cn=False)

    for m in _CN_NUM.finditer(norm):
        s, start = m.group(0), m.start()
        if s[-1] in "万亿" and norm[m.end():m.end() + 1] == "元":
            s = s[:-1]  # 三万元: the unit is 万元
        if not s or not (any(ch in _CN_DIGITS and ch not in "零〇" for ch in s) or s[0] == "十"):
            continue  # 百万, 千万, 亿 alone: not a number
        if s == "一" or norm[max(0, start - 1):start] == "第" or norm[start + len(s):start + len(s) + 1] in ("是", "、"):
            continue
        val = parse_chinese_number(s)
        if val is not None:
            _mention_from(norm, start, start + len(s), float(val), add, approx_before, is_cn=True)

    out.sort(key=lambda n: n.start)
    return out


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def _mention_from(norm: str, start: int, end: int, value: float, add: Adder, approx_before: Callable[[int], bool], *,
                  is_cn: bool) -> None:
    """Read the unit after a number at [start, end) and register the mention."""
    tail = _AFTER.match(norm, end)
    approx = approx_before(start)
    unit = None
    stop = end
    if tail:
        if tail.group(2):  # 万/亿 multiplier
            value *= _CN_BIG[tail.group(2)]
        unit = tail.group(4)
        approx = approx or bool(tail.group(1) or tail.group(3))
        if unit or tail.group(2):
            stop = tail.end()
        if not unit and (tail.group(1) or tail.group(3)) and not tail.group(2):
            stop = end  # a trailing 余/多 without unit is not part of the mention
            approx = approx_before(start)
    if is_cn:
        if not unit:
            if norm[end:end + 1] == "成" and value <= 10:  # 八成 = 80 %
                add(value * 10, start, end + 1, "%", approx, (start, end))
            return
        if unit in ("年", "日", "天", "周"):
            return
    # A range 11—30件: the first number of the range takes the unit of the second.
    if unit is None and not is_cn:
        rng = _RANGE_NEXT.match(norm, stop)
        if rng:
            unit = rng.group(2)
    add(value, start, stop, unit, approx, (start, end))
