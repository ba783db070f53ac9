"""Keyword rules that tell :mod:`report.claims` what a narrative number is about.

All patterns are matched on whitespace-free text (PDF wraps removed). Rule lists are ``(metric, regex)`` pairs;
``report.claims`` picks the keyword nearest to the number. The context tests here decide *whether* a number may be
bound at all (a comparison with last year, another year, a hotline, a narrower scope…): a wrong "no" costs only a
verification, a wrong "yes" is a false alarm on a clean report, so they lean towards "no".
"""

from __future__ import annotations

import re
from typing import Optional

from report.claims.targets import T3_ROW_KEYWORDS, row_metric
from report.model import labels as L

# ---------------------------------------------------------------- Table 3 (依申请)
# 尚在答复期限内 / 尚未办结 / 正在办理 mean 结转下年度; they must win over 答复/办结/办理 inside them.
_CARRY_OUT = (r"(?:结转|顺延|转入|转至|转到|延续|(?<![结顺])转)(?:到|至)?(?:下一?个?年度?|次年度?|明年|\d{4}年)(?:继续)?(?:办理|答复|处理)?"
              r"|下一?个?年度?继续办理"
              r"|跨年度?办理|(?:尚|仍|正)(?:处于|处在|在)?(?:法定)?(?:答复|办理)(?:期限?|时限)内?|尚未(?:办结|答复|办理完毕)"
              r"|(?:正在|仍在|尚在)办理|办理中")
_T3_RULES: list[tuple[str, str]] = [
    ("carried_out", _CARRY_OUT),
    ("carried_in", r"上一?年度?(?:末)?结转|结转上一?年度?|上年度?遗留|往年结转"),
    ("new", r"新收|新接收|新受理"),
    ("received", r"收到|受理|接收|共收|接到|提出|提交"),
    ("answered", r"办结|办理(?:结果|情况)|(?:均|全部|都|已)(?:在[^，。；]{0,8})?(?:办理|处理)|作出答复|(?<!按时)(?<!及时)答复(?!期|时限)|办理完毕|处理完毕|审结"),
    ("handled", r"办理"),
    # 予以公开（含部分公开）87件: the bracket closes before the number; in 42件（含部分公开2件） the 2 is 部分公开 itself
    ("public_and_partial", r"(?:予以公开|全部公开|同意公开)(?:和|及|与|、|或)部分公开|含部分公开(?=[）)])|公开和部分公开"),
    ("public", r"(?<![不主])予以公开|同意公开|全部公开|(?<!不予)(?<![不主请分])公开答复"),
    ("partial", r"部分公开"),
    ("withheld", r"不予公开"),
    ("unavailable", r"无法提供"),
    ("not_handled", r"不予处理"),
    ("other_handling", r"其他处理|其它处理"),
    *((row_metric(g, i), rx) for rx, g, i in T3_ROW_KEYWORDS),
    # 公民 / 个人 are short forms of 自然人 — not in 公民、法人和其他组织 (all applicants, ALL_APPLICANTS)
    ("natural", r"自然人|公民(?![、，,和及与或]?(?:法人|单位|组织))|个人(?=申请|提出|提交|的?\d|$)"),
    *((f"applicant:{c}", c) for c in L.T3_ORG_COLUMNS[:4]),
    # 企业申请2件 / 企业2件: the short name of the 商业企业 column (not 事业单位, not 企业开办/惠企… which carry no count)
    (f"applicant:{L.T3_ORG_COLUMNS[0]}", r"(?<![事商])企业(?=申请|提出|提交|的?\d|$)"),
    ("org", r"法人或其他组织|法人和其他组织|法人或者其他组织|法人及其他组织|法人"),
]
T3_GROUP_METRICS = {"withheld", "unavailable", "not_handled", "other_handling"}
_T4_RULES: list[tuple[str, str]] = [
    ("suit_after", r"复议后起诉|经复议后?(?:向法院)?起诉"),
    ("suit_direct", r"直接起诉|未经复议|直接向法院"),
    ("review", r"行政复议|复议"),
    ("suit", r"行政诉讼|诉讼|起诉|应诉"),
    ("cases", r"案件"),
]
_T4_PART_RULES: list[tuple[str, str]] = [("t4_kept", r"维持"), ("t4_corrected", r"纠正|撤销|确认违法|责令"), ("t4_other", r"其他结果|其他|其它"),
                 ("t4_pending", r"尚未审结|未审结|尚未|审理中|正在审理|尚在审理|未结案")]
_T2_RULES: list[tuple[str, str]] = [
    ("info_fee", r"信息处理费"),
    ("policy_doc", r"政策性文件|政策文件"),
    ("normative", r"行政规范性文件|规范性文件"),
    ("reg", r"规章"),
    ("permit", r"行政许可"),
    ("penalty", r"行政处罚"),
    ("coercion", r"行政强制"),
    ("fee", r"行政事业性收费"),
    ("procurement", r"政府集中采购|集中采购|采购"),
]
_RATE_RULES: list[tuple[str, str]] = [("timely_rate", r"(?:按时|按期|及时)(?:办结|答复)率"), ("public_rate", r"公开率"),
              ("answered_rate", r"办结率|答复率")]
Rules = list[tuple[str, "re.Pattern[str]"]]


def _compile(rules: list[tuple[str, str]]) -> Rules:
    return [(k, re.compile(rx)) for k, rx in rules]


T3_RULES, T4_RULES, T4_PART_RULES, T2_RULES, RATE_RULES = (
    _compile(rules) for rules in (_T3_RULES, _T4_RULES, _T4_PART_RULES, _T2_RULES, _RATE_RULES))
STRONG = {"carried_out", "carried_in"}
GROUP_RULES = [("review", re.compile("复议")), ("suit", re.compile("诉讼|起诉"))]

# ---------------------------------------------------------------- context tests
APPLICATION = re.compile(r"申请")
# The counted noun is 申请 itself (信函申请28件, 依申请公开2件, 申请共计81件): a count of applications received.
APPLICATION_NOUN = re.compile(r"申请(?:公开)?(?:政府信息)?(?:件)?(?:共计|共|合计|总数|数量|数)?(?:为|是|达)?$")
# 申请 alone as the counted noun, whatever the measure word (共收到政府信息公开申请3条) — not 依申请公开…条 (items).
APPLICATION_COUNT_NOUN = re.compile(r"(?<!依)申请(?:件)?(?:共计|共|合计|总数|数量|数)?(?:为|是|达)?$")
# Both kinds of applicant named together: all applications (收到公民、法人和其他组织…申请28件).
ALL_APPLICANTS = re.compile(r"(?:公民|自然人)[、和及与]?(?:法人|单位|组织)")
# A Table 3 result named in a sentence about 办理结果 (从办理结果看，予以公开25件…) is about applications too.
RESULTS_TALK = re.compile(r"(?:办理|答复|处理)(?:结果|情况)")
RESULT_METRICS = {"public", "partial", "public_and_partial", "withheld", "unavailable", "not_handled", "other_handling"}
# Words that put a whole sentence outside 依申请公开 (hotlines, mailboxes).
NOT_APPLICATION = re.compile(r"热线|工单|信箱|留言|来电|来信")
# Words that put one clause outside it (咨询 12 次, 建议提案 30 件, 政务服务办件 …) even in a sentence about 申请.
NOT_APPLICATION_CLAUSE = re.compile(r"咨询|来访|诉求|建议|提案|议案|办件|政务服务|审批|备案|申报|网上办|依职权|主动公开")
# Result words that only exist for applications: the clause is about applications even without 申请.
APPLICATION_RESULT = re.compile(r"不予公开|部分公开|无法提供|不予处理|" + "|".join(rx for rx, _, _ in T3_ROW_KEYWORDS))
# The result groups by name: a sub-row word (信访举报投诉, 国家秘密…) says 依申请 only next to its group's name or 申请.
RESULT_GROUP_NAME = re.compile(r"不予公开|部分公开|无法提供|不予处理|其他处理|其它处理")
# Head nouns that are not applications (申请人提出的补正要求3件, 收到的意见建议5件): a verb's count of something else.
OTHER_HEAD_NOUN = re.compile(r"(?:要求|意见|建议|通知书?|告知书|材料|诉求|咨询|电话|留言|问题)$")
LITIGATION = re.compile(r"复议|诉讼|起诉")
NARROW = re.compile(r"(?<![全本我])(?:局|委|政府办|办公室|街道|镇|乡|中心|公司|部门|分局|支队|大队|中队|派出所|科室)(?!理|结|计|级)"
                    r"|本级|直属|下属|所属"
                    r"|季度|上半年|下半年|\d+月|网上|网络|在线|线上|线下|当面|现场|信函|邮寄|传真|电子邮件|邮件|窗口|平台")
# A subset of the applications by content or by the way they were answered (征地拆迁类申请30件, 涉及征收补偿的申请45件,
# 延期答复3件, 当场答复2件, 撤回申请终止办理2件): the tables count none of these.
SUBSET = re.compile(r"(?<![各全])(?:类|方面|领域)的?(?:政府信息)?(?:公开)?申请|涉及[^，,。；]{1,16}?的?申请|关于[^，,。；]{1,16}的申请"
                    r"|延期|延长|当场|当即|现场答复|逾期|超期|电话|口头|终止|撤回")
NARROW_AFTER_QIZHONG = re.compile(r"其中[，,：:]?[^，,。；]{0,10}(?:局|委|办|街道|镇|乡|区|县|市|部门|单位|队|所|站)")
POSTING = re.compile(r"发布|公开|上网|梳理|清理|解读")
ISSUING = re.compile(r"新增|新制定|制定|出台|印发|制发|新发")
# An issuing verb that qualifies the documents (各部门印发的22条规范性文件): not the act the clause counts.
ATTRIBUTIVE_ISSUING = re.compile(r"(?:新增|新制定|制定|出台|印发|制发|新发)的")
# The other two columns of 表二's document rows, by their own words and short forms (本年废止件数, 现行有效件数).
DOC_COLUMN = re.compile(r"废止|失效|现行有效|现有有效|有效")
# A comparison with last year, written before the number in its clause (比上年增加20件, 上年度为119件, 同比增长16.8%).
# 上年结转 / 上年度结转 / 结转上年度 are this year's figures (Table 3 row 二).
COMPARISON = re.compile(r"(?<!结转)(?:上一?年度?|去年度?|前一?年度?)(?![度结]|末结|遗留)|同比|环比|同期|增幅|降幅|增长率"
                        r"|(?:比|较|相比|对比)\d{4}年|增加|增长|减少|下降|上升|提高|降低|回落|持平|翻番|多出|少了")
# 以来 / 历年 / 近三年 / 累计至今: a cumulative figure, not this year's.
CUMULATIVE = re.compile(r"以来|历年|近[两三四五六七八九十\d]+年|累计至今|先后共|成立至今")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def other_year(clause_left: str, sentence_left: str, year: Optional[int]) -> bool:
    """The last year named before the number in its sentence is an earlier one (``2020年，我区共收到申请107件`` in
    the 2021 report). A carry-over (``2020年结转的申请``) is this year's figure."""
    if not year or "结转" in clause_left:
        return False
    years = [int(m.group(1)) for m in _YEAR.finditer(sentence_left)]
    return bool(years) and years[-1] < year


_INCLUDED = re.compile(r"(?:含|包括|包含|其中[，,：:]?)$")


def carried_in_apart(text: str, start: int, end: int) -> bool:
    """The carried-over applications are counted in a clause of their own in the sentence (up to 。) of the number
    at ``start``–``end`` (``收到申请1件…；结转上年度申请1件``), not included in it (``含上年结转2件``, ``其中上年结转2件``)."""
    a = text.rfind("。", 0, start) + 1
    b = text.find("。", end)
    stretch = text[a:b if b >= 0 else len(text)]
    carried = dict(T3_RULES)["carried_in"]
    return any(not _INCLUDED.search(re.sub(r"\s+", "", stretch[max(0, x.start() - 4):x.start()]))
               for x in carried.finditer(stretch))


def comparison(clause_left: str) -> Optional[str]:
    """The comparison or cumulative keyword before the number in its clause, if any."""
    m = COMPARISON.search(clause_left) or CUMULATIVE.search(clause_left)
    return m.group(0) if m else None


def refine_suit(hit: tuple[str, str], left: str) -> tuple[str, str]:
    """行政诉讼 gives way to 未经复议直接起诉 / 复议后起诉 named in the same clause (``直接起诉的行政诉讼26件``)."""
    if hit[0] not in ("suit", "cases"):
        return hit
    for metric, rx in T4_RULES[:2]:
        m = rx.search(left)
        if m:
            return metric, m.group(0)
    return hit


_GROUP_METRIC = {L.G_WITHHELD: "withheld", L.G_UNAVAILABLE: "unavailable", L.G_NOT_HANDLED: "not_handled",
                 L.G_OTHER: "other_handling"}
_VERBS = {"answered", "handled", "received"}
_SPECIFIC = RESULT_METRICS | {"carried_out"}


def refine_group(hit: tuple[str, str], left: str) -> tuple[str, str]:
    """The most specific metric named before the number in its clause wins:

    - a verb (答复/办结/办理) gives way to a result or carry-over named before it (``同意公开答复9件``,
      ``转下一年度办理答复的有1件``);
    - a group (无法提供) gives way to one sub-row of the same group (``因本机关不掌握相关政府信息而无法提供的43件`` is
      row （四）1) — but not when the row is followed by 等 or several rows are named (``因本机关不掌握等原因无法提供
      564件``, ``属信访、重复申请等不予处理80件`` are the group totals);
    - a sub-row followed by 等 (``属信访、重复申请等情形的80件``) stands for its group.
    """
    if hit[0] in _VERBS:
        best = None
        for metric, rx in T3_RULES:
            if metric in _SPECIFIC or metric.startswith("row:"):
                for m in rx.finditer(left):
                    if best is None or m.end() > best[0]:
                        best = (m.end(), metric, m.group(0))
        if best is None:
            return hit
        hit = (best[1], best[2])
    if hit[0].startswith("row:"):
        group = hit[0].split(":")[1]
        k = left.rfind(hit[1])
        if k >= 0 and "等" in left[k + len(hit[1]):] and group in _GROUP_METRIC:
            return _GROUP_METRIC[group], hit[1]
        return hit
    groups = {v: k for k, v in _GROUP_METRIC.items()}
    if hit[0] not in groups:
        return hit
    found = []
    for pattern, g, i in T3_ROW_KEYWORDS:
        if g == groups[hit[0]]:
            found += [(m.end(), row_metric(g, i), m.group(0)) for m in re.finditer(pattern, left)]
    if not found or len({f[1] for f in found}) > 1 or "等" in left[max(f[0] for f in found):]:
        return hit
    best = max(found)
    return best[1], best[2]
