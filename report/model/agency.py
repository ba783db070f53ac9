"""Agency identity: the same agency under the different names its reports carry from year to year.

A report names its agency as written (``Report.agency`` keeps that spelling). Across years the same agency appears as
平潭综合实验区党工委管委会 / 平潭综合实验区管理委员会 / 平潭综合实验区管委会, or as 洪泽区人民政府 / 淮安市洪泽区人民政府.
:func:`agency_identity` reads a name into

- ``regions``: the administrative places it starts with, outermost first (省 / 市·州 / 区·县 / 乡·镇·街道, and the zones
  that stand for a level: 综合实验区, 新区, 开发区, 片区);
- ``organ``: what follows (人民政府, 管委会, 公安局 …), with the long and short official forms made one
  (管理委员会 → 管委会, 党工委管委会 → 管委会, 人民政府办公室 / 政府办公室, a bare 政府 → 人民政府);
- ``key``: the innermost region + organ — the name without the higher places it may or may not carry.

:func:`same_agency` is true when two names have the same organ and the region chain of one ends the other's;
the key is for lookup (two agencies of the same name in different cities share it: confirm with same_agency).
Remarks in brackets (``（区级汇总）``) are not part of the name. A place name written with a character commonly confused
for the official one (沐阳县 for 沭阳县) reads as the official place in the key; the name itself is never rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

# Levels, outermost first. A region's own name is 2–9 characters (1 for 县: 萧县, 沛县) and contains no other
# level suffix, so that 市场监督管理局 or 城市管理局 after a place is never read as a city.
_NAME = r"[\u4e00-\u9fff]"
_LEVELS = (
    rf"(?P<n>{_NAME}{{2,9}}?)(?P<s>省|自治区)",
    rf"(?P<n>{_NAME}{{2,9}}?)(?P<s>市|自治州|地区|盟)",
    rf"(?P<n>{_NAME}{{2,12}}?)(?P<s>综合实验区|新区|经济技术开发区|高新技术产业开发区|开发区)",
    rf"(?P<n>{_NAME}{{1,9}}?)(?P<s>自治县|县)|(?P<n2>{_NAME}{{2,9}}?)(?P<s2>区|市|旗)",
    rf"(?P<n>{_NAME}{{2,9}}?)(?P<s>片区|镇|乡|街道)",
)
_LEVEL_RES = tuple(re.compile(p) for p in _LEVELS)
_SUFFIX_CHARS = frozenset("省市区县旗")
_PAREN = re.compile(r"[（(][^（）()]*[)）]")
# Official long form -> the one form used in keys.
_ORGAN_FORMS = (
    (re.compile(r"^(?:党工委|党委)?[、和与]?管(?:理)?委(?:员)?会"), "管委会"),
    (re.compile(r"^政府(?=办公室|办公厅|$)"), "人民政府"),
)
# Place names written with a look-alike character (the 氵 of 沭 dropped); keys use the official place.
_PLACE_VARIANTS = {"沐阳县": "沭阳县"}


@dataclass(frozen=True)
class Agency:
    name: str  # as written in the report
    regions: tuple[str, ...]
    organ: str

    @property
    def region(self) -> str:
        """The innermost place ('' when the name starts with none)."""
        return self.regions[-1] if self.regions else ""

    @property
    def key(self) -> str:
        return self.region + self.organ

    @property
    def normalised(self) -> str:
        """The full name with the organ in its one form (higher places kept)."""
        return "".join(self.regions) + self.organ


def _clean(name: str) -> str:
    s = unicodedata.normalize("NFKC", name or "")
    s = re.sub(r"\s+", "", s)
    prev = None
    while prev != s:
        prev, s = s, _PAREN.sub("", s)
    return s.strip("，,。：:、")


def _regions(s: str) -> tuple[list[str], str]:
    out: list[str] = []
    pos = 0
    for k, rx in enumerate(_LEVEL_RES):
        while True:
            m = rx.match(s, pos)
            if not m or m.end() >= len(s):
                break
            name = m.group("n") if m.group("n") is not None else m.group("n2")
            if any(ch in _SUFFIX_CHARS for ch in name):  # '平潭综合实验区市…' is not a city
                break
            token = m.group()
            out.append(_PLACE_VARIANTS.get(token, token))
            pos = m.end()
            if k != len(_LEVEL_RES) - 1:
                break
    return out, s[pos:]


def agency_identity(name: str) -> Agency:
    s = _clean(name)
    regions, organ = _regions(s)
    for rx, form in _ORGAN_FORMS:
        organ = rx.sub(form, organ, count=1)
    return Agency(name=name, regions=tuple(regions), organ=organ)


def agency_key(name: Optional[str]) -> str:
    """One string per agency across years ('' for no name)."""
    return agency_identity(name).key if name else ""


def same_agency(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two names denote the same agency: the same organ, and the places of one end those of the other
    (洪泽区 / 淮安市洪泽区); 福州市鼓楼区 and 南京市鼓楼区 are not the same. False when either name is missing."""
    if not a or not b:
        return False
    x, y = agency_identity(a), agency_identity(b)
    if x.organ != y.organ:
        return False
    short, long_ = sorted((x.regions, y.regions), key=len)
    return long_[len(long_) - len(short):] == short and (bool(short) or not long_)
