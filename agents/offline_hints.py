"""What a tables-only draft asks of this agency: the placeholders 【待补充：…】 name the questions this agency must
answer, read from what distinguishes it — its tables (which 表三 results and reasons are not zero, its 复议/诉讼, its
表二 rows), its profile (人民政府 / 乡镇街道 / 部门), its line of work (agents.work_lines, read from the organ in its
name: a 公安局 is asked about 户政、出入境、交通管理 guides, a 市场监督管理局 about “双随机、一公开”, a 教育和体育局 about both) and its name and year (「对照
《…2020年政府信息公开工作年度报告》第五部分」).

No hint states a fact: each is a question inside a placeholder, and none writes a number (the numbers are in the
draft's own sentences, bound to their cells).
"""

from __future__ import annotations

import re
from typing import Optional

from report.model import CellRef
from report.model import labels as L
from report.model.agency import agency_identity
from report.model.tables import Report

from .factsheet import group_id, group_sum
from .offline_parts import TOT, Item
from .profiles import Profile
from .work_lines import Domain, grassroots_areas, is_zone_committee, line_domain

# A government's 重点领域 by its level (the innermost place of its name).
_ZONES = r"综合实验区$|新区$|开发区$|园区$|试验区$|合作区$"
_GOVERNMENTS = (
    (r"省$|自治区$", Domain("省级政府", ("规章和重大行政决策", "省级财政预决算", "重点改革任务"))),
    (_ZONES, Domain("园区管委会", ("产业政策和招商引资", "重大建设项目", "园区规划和土地出让"))),
)
_LEVELS = (
    (r"(?:自治)?州$|地区$|盟$", Domain("市级政府", ("重大行政决策", "市级财政预决算和政府债务", "重大建设项目和公共资源配置"))),
    (r"县$|旗$", Domain("县级政府", ("乡镇政务公开标准化规范化指导", "县级财政预决算", "涉农资金和乡村振兴项目"))),
    (r"区$", Domain("区级政府", ("镇（街道）政务公开指导", "区级财政预决算", "教育、医疗、社会救助等民生领域"))),
    (r"市$", Domain("市级政府", ("重大行政决策预公开", "市级财政预决算和政府债务", "重大建设项目和公共资源配置"))),
)
_GENERAL = Domain("", ("本机关职责范围内的重点领域信息",))
# Whom a government oversees, by its level (asked under 监督保障: 第五十条（四）'s 考核 has an object).
_BELOW = {"省级政府": "设区的市和省直部门", "市级政府": "县（市、区）和市直部门", "县级政府": "乡镇和县直部门",
          "区级政府": "镇（街道）和区直部门", "园区管委会": "片区和区直部门"}


def domain_of(agency: Optional[str]) -> Domain:
    """The agency's line of work, from the organ in its name (平潭综合实验区公安局 -> 公安; 某某县教育和体育局 -> 教育、体育),
    else the grass-roots level or the government level its places name."""
    ident = agency_identity(agency or "")
    organ = ident.organ or (agency or "")
    last_place = ident.regions[-1] if ident.regions else ""
    if is_zone_committee(organ):
        return _GOVERNMENTS[1][1]
    if (dom := line_domain(organ)) is not None:
        return dom
    if (areas := grassroots_areas(last_place)) is not None:
        return Domain("基层", areas)
    if re.fullmatch(r"人民政府|管委会", organ):
        if re.search(r"省$|自治区$", last_place):
            return _GOVERNMENTS[0][1]
        if re.search(_ZONES, last_place):
            return _GOVERNMENTS[1][1]
        if len(ident.regions) == 1 and last_place.endswith("市") and re.match(r"(北京|上海|天津|重庆)", last_place):
            return _GOVERNMENTS[0][1]
        county_city = len(ident.regions) >= 2 and last_place.endswith("市")  # 县级市 under a 市
        for pattern, dom in _LEVELS:
            if re.search(pattern, last_place) and not (county_city and dom.name == "市级政府"):
                return dom
        if county_city:
            return _LEVELS[1][1]
    return _GENERAL


def full_name(report: Report) -> str:
    return re.sub(r"（.*?）|\(.*?\)", "", report.agency or "").strip() or "本机关"


def lead(report: Report, prof: Profile) -> str:
    year = f"{report.year}年" if report.year else "本年度"
    return f"{full_name(report)}{year}推进政务公开的主要做法和成效"


def proactive(report: Report, prof: Profile) -> list[Item]:
    """The 重点领域 this agency is asked about, and the 表二 decisions whose publication it should state."""
    dom = domain_of(report.agency)
    out: list[Item] = [f"{'、'.join(dom.areas)}等信息的公开情况"]
    docs = report.table2.get("行政规范性文件")
    made = docs.get("本年制发件数") if isinstance(docs, dict) else None
    if made:
        out.append(["新制发的", (made, CellRef("table2", "行政规范性文件", "本年制发件数").id), "行政规范性文件是否同步解读"])
    shown = [r for r in ("行政许可", "行政处罚", "行政强制") if isinstance(v := report.table2.get(r), (int, float)) and v]
    if shown:
        out.append(f"{'、'.join(shown)}决定的公示")
    return out


def on_request(report: Report) -> list[Item]:
    """What staff should say about how applications were handled, by what 表三 shows (its own counts, each with
    its cell: 「对本机关不掌握相关政府信息的43件，是否告知了获取渠道」)."""
    new, carried = report.t3(L.R_NEW), report.t3(L.R_CARRIED_IN)
    if new == 0 and not carried:
        return ["申请渠道是否畅通，公开指南中的受理机构和联系方式是否已更新"]
    items: list[Item] = ["答复审核的做法"]
    groups = L.t3_groups(report.template)
    if withheld := group_sum(report, L.G_WITHHELD):
        items.append(["不予公开的", (withheld, group_id(report, L.G_WITHHELD)), "是否经法律审核、说明理由"])
    unavailable = groups[L.G_UNAVAILABLE]
    if unavailable and (n := report.t3(unavailable[0])):
        items.append(["本机关不掌握相关政府信息的", (n, CellRef("table3", unavailable[0], TOT).id), "是否告知了获取渠道"])
    not_handled = groups[L.G_NOT_HANDLED]
    if len(not_handled) > 1 and (n := report.t3(not_handled[0])):
        items.append(["信访举报投诉类申请", (n, CellRef("table3", not_handled[0], TOT).id), "的转办"])
    if n := report.t3(L.R_CARRIED_OUT):
        items.append(["结转下年度的", (n, CellRef("table3", L.R_CARRIED_OUT, TOT).id), "申请的办理期限"])
    return items


def management(report: Report) -> list[Item]:
    docs = report.table2.get("行政规范性文件")
    made = docs.get("本年制发件数") if isinstance(docs, dict) else None
    gone = docs.get("本年废止件数") if isinstance(docs, dict) else None
    if made and gone:
        files = "新制发规范性文件的合法性审核和废止文件的公布"
    elif made:
        files = "新制发规范性文件的合法性审核和公开"
    elif gone:
        files = "废止规范性文件的清理结果公布"
    elif isinstance(docs, dict) and docs.get("现行有效件数"):
        files = "现行有效规范性文件的动态更新"
    else:
        files = "规范性文件清理"
    return ["保密审查", files]


def platform(report: Report, prof: Profile) -> list[Item]:
    if prof.own_portal:
        name = full_name(report)  # as the report writes it
        if prof.is_government and agency_identity(name).organ == "管委会":  # a zone's portal bears the zone's name
            name = re.sub(r"(?:党工委)?[、和与]?管(?:理)?委(?:员)?会$", "", name)
        site = f"{name}门户网站" if prof.is_government and name != "本机关" else (
            "政府门户网站" if prof.is_government else "本机关网站")
        return [f"{site}公开专栏和政务新媒体的建设管理"]
    return ["有无独立网站，公开专栏设在哪个网站、如何维护", "政务新媒体"]


def oversight(report: Report, prof: Profile) -> list[Item]:
    """Asked with 培训 (and 考核 for a government): what the cases of 表四 call for."""
    items: list[Item] = []
    below = _BELOW.get(domain_of(report.agency).name) if prof.kind == "government" else None
    if below:
        items.append(f"对{below}政务公开工作的考核和指导")
    if n := report.t4(L.T4_REVIEW, "结果纠正"):
        items.append(["被纠正的", (n, CellRef("table4", L.T4_REVIEW, "结果纠正").id), "复议案件的整改"])
    if report.t4(L.T4_SUIT_DIRECT, "结果纠正") or report.t4(L.T4_SUIT_AFTER, "结果纠正"):
        items.append("被判决纠正的诉讼案件的整改")
    if any(report.t4(g, "尚未审结") for g in (L.T4_REVIEW, L.T4_SUIT_DIRECT, L.T4_SUIT_AFTER)):
        items.append("尚未审结案件的应诉和答复")
    return items


def last_year_five(report: Report) -> str:
    """Where the problems to follow up are: the agency's own report of the year before, by name."""
    if not report.year:
        return "上年度问题的整改情况（请对照上年度报告第五部分逐条写明）"
    return (f"上年度问题的整改情况（对照《{full_name(report)}{report.year - 1}年政府信息公开工作年度报告》"
            "第五部分逐条写明）")


def other_matters(report: Report, prof: Profile) -> dict[str, str]:
    """The wording of 六's unanswered items for this agency (question id -> what to supply)."""
    year = f"{report.year}年" if report.year else "本年度"
    region = agency_identity(report.agency or "").region if prof.is_government else ""
    place = "" if re.search(r"综合实验区$|新区$|开发区$|片区$", region) else region[-1:]
    if place in ("省", "市", "县", "区"):
        who = f"{place}人大代表建议和{place}政协提案"
    else:
        who = f"{'本级政府' if prof.is_government else '本机关'}承办的人大代表建议和政协提案"
    return {"六2": f"落实{year}政务公开工作要点的情况",
            "六3": f"{who}办理结果公开",
            "六4": "创新做法"}



def describe(report: Report, prof: Profile) -> str:
    """The profile as the model's prompt states it, with the agency's line of work and what it is asked about."""
    dom = domain_of(report.agency)
    work = f"；工作领域：{dom.name}" if dom.name else ""
    return f"{prof.describe()}{work}；主动公开宜说明的重点领域（无事实依据时写【待补充：…】）：{'、'.join(dom.areas)}"
