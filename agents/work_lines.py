"""An agency's line of work, read from the organ in its name, and the 主动公开 areas a staffer of such an agency is
asked about (each area is asked inside a 【待补充：…】, never stated).

The table covers the standard organs of 省/市/县 governments under their usual and merged names (教育和体育局,
文化广电体育和旅游局, 政务服务和大数据管理局, 城市管理和综合执法局 …) and the bureaus of zones (经济发展局, 社会事业局,
投资促进局). The areas follow what 《政府信息公开条例》第二十条 asks every organ to publish within its duties (规划,
统计信息, 许可和处罚, 预决算, 重大建设项目, 扶贫教育医疗社保就业, 应急, 环保公共卫生安全生产食品药品产品质量的监督
检查 …), what 第二十一条 adds for 市、县 (市政建设, 公共服务, 土地征收, 房屋征收, 治安管理, 社会救助) and for 乡（镇）
(农业农村政策, 农田水利, 土地承包经营权流转, 宅基地审核, 筹资筹劳), and the usual 基层政务公开 重点领域.

Matching: the organ is normalised (连接词 和/与/及/、 dropped, 人民政府 read as 政府 so that it never holds 民政), then the
name parts of every line are found longest first, each character used once; a merged name maps to each line it
names, in the order of the name. 办公室/办公厅 alone is the government office only when no other line is named
(外事办公室 is 外事).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Domain:
    name: str  # the line of work, as staff say it
    areas: tuple[str, ...]  # its 重点领域 of 主动公开 (the questions a staffer of such an agency is asked)


# line -> (name parts, written as organs spell them; areas)
_LINES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "发展改革": (("发展和改革", "发改"),
             ("国民经济和社会发展规划及专项规划", "重大建设项目批准和实施", "价格和收费政策")),
    "经济发展": (("经济发展", "经济局"), ("产业发展规划和扶持政策", "重大项目建设进展", "惠企政策申报和兑现")),
    "教育": (("教育",), ("招生入学政策和结果", "教育经费和学生资助", "学校收费和办学监管")),
    "科技": (("科学技术", "科技"), ("科技计划项目立项和资金", "高新技术企业认定", "科技成果转化和创新平台")),
    "工业和信息化": (("工业和信息化", "经济和信息化", "工信", "经信", "信息化"),
                ("工业和信息化产业政策", "技术改造等专项资金", "中小企业服务和惠企政策")),
    "民族宗教": (("民族宗教", "民族", "宗教", "民宗"),
             ("民族政策和少数民族发展资金", "宗教活动场所登记管理", "民族宗教事务行政许可")),
    "公安": (("公安", "交通警察", "交警"), ("户政、出入境、交通管理等办事指南和通告", "行政处罚等执法结果公示", "警情通报和安全防范提示")),
    "民政": (("民政",), ("社会救助和最低生活保障", "养老服务", "社会组织登记管理")),
    "司法行政": (("司法",), ("公共法律服务", "行政复议和行政执法监督", "普法工作")),
    "财政": (("财政",), ("预算决算和“三公”经费", "政府债务", "惠民惠农财政补贴资金")),
    "人力资源社会保障": (("人力资源和社会保障", "人力资源", "社会保障", "人社"),
                  ("就业创业扶持政策", "社会保险待遇", "人事考试和公开招聘")),
    "自然资源": (("自然资源", "国土资源", "国土", "规划", "测绘", "海洋"), ("国土空间规划", "土地征收和出让", "不动产登记办事指南")),
    "生态环境": (("生态环境", "环境保护", "环保"), ("环境影响评价审批", "环境质量和重点排污单位监测", "环境行政处罚")),
    "住房城乡建设": (("住房和城乡建设", "城乡建设", "住建", "建设局", "建设委员会", "建委", "房产", "住房保障"),
               ("保障性住房分配", "建筑市场监管和资质审批", "国有土地上房屋征收与补偿")),
    "交通运输": (("交通运输", "交通"), ("交通建设项目", "道路运输许可", "公路出行服务信息")),
    "水利": (("水利", "水务"), ("水利工程建设", "防汛抗旱信息", "取水许可")),
    "农业农村": (("农业农村", "农业", "农村", "农牧", "畜牧", "渔业", "水产", "农机"),
             ("强农惠农富农政策和补贴资金发放", "农产品质量安全监测结果", "动植物疫病防控信息")),
    "商务": (("商务", "经济贸易", "经贸"), ("外贸外资和商贸流通政策", "商务领域行政许可", "促进消费和市场运行")),
    "文化和旅游": (("文化和旅游", "文化", "旅游", "文旅"), ("公共文化服务", "文化市场执法", "旅游服务和景区信息")),
    "广播电视": (("广播电视", "广电", "新闻出版"), ("广播电视行政许可", "广播电视公共服务", "网络视听节目监管")),
    "体育": (("体育",), ("公共体育设施和全民健身", "体育赛事活动", "体育彩票公益金使用")),
    "卫生健康": (("卫生健康", "卫生和计划生育", "计划生育", "卫生", "卫健", "疾病预防控制", "疾病"),
             ("医疗卫生服务信息", "传染病疫情和突发公共卫生事件", "医疗机构监督执法")),
    "退役军人事务": (("退役军人",), ("优抚安置政策", "退役军人就业创业", "褒扬纪念")),
    "应急管理": (("应急", "安全生产", "防灾减灾"), ("安全生产监管执法", "应急预案和预警信息", "自然灾害救助")),
    "审计": (("审计",), ("审计工作报告和审计结果公告", "审计查出问题整改情况", "年度审计项目计划")),
    "国有资产监督管理": (("国有资产", "国资"), ("国有资产总体情况", "国有企业改革和监管", "国有资本经营预算")),
    "市场监管": (("市场监督管理", "市场监管", "工商", "质量技术监督", "食品药品监督管理"),
             ("“双随机、一公开”抽查结果", "行政许可和行政处罚信息“双公示”", "食品安全监督抽检结果")),
    "药品监管": (("药品监督管理", "药品监管"), ("药品医疗器械监督抽检结果", "药品行政许可", "药品安全监管执法")),
    "统计": (("统计",), ("统计数据和统计公报", "统计调查项目", "统计执法检查")),
    "医疗保障": (("医疗保障", "医保"), ("医保政策和待遇标准", "医保基金使用监管", "定点医药机构")),
    "林业": (("林业和草原", "林业", "草原"), ("林木采伐和林地使用许可", "森林防火和林业有害生物防治", "生态公益林补偿资金")),
    "乡村振兴": (("乡村振兴", "扶贫"), ("巩固拓展脱贫攻坚成果和乡村振兴政策", "衔接推进乡村振兴补助资金", "帮扶项目实施")),
    "信访": (("信访", "来访"), ("信访渠道和办理程序", "信访工作制度", "群众诉求办理情况")),
    "数据管理": (("大数据", "数据", "数字"), ("政务数据共享和公共数据开放", "数字政府建设项目", "政务信息系统整合")),
    "城市管理执法": (("城市管理", "城管", "综合行政执法", "综合执法", "市容", "环境卫生", "环卫", "园林"),
               ("城市管理行政执法结果", "市容环境整治", "执法事项清单")),
    "行政审批和政务服务": (("行政审批", "审批", "政务服务"),
                   ("政务服务事项清单和办事指南", "行政许可办理结果公示", "审批服务改革举措")),
    "公共资源交易": (("公共资源交易",), ("交易公告和成交结果", "交易规则和服务指南", "交易主体信用信息")),
    "投资促进": (("投资促进", "招商", "投资服务"), ("招商引资和投资促进政策", "惠企政策兑现和奖补资金", "营商环境建设")),
    "社会事业": (("社会事业", "社会事务"), ("教育、医疗卫生等社会事业政策和服务", "社会救助和养老服务", "公共文化体育服务")),
    "税务": (("税务",), ("税收优惠政策", "纳税服务指南", "税务行政处罚")),
    "海关": (("海关",), ("通关政策和办事指南", "进出口货物监管和检验检疫", "海关行政处罚")),
    "粮食和物资储备": (("粮食和物资储备", "粮食", "物资储备"), ("粮食收储政策", "储备物资管理", "粮食质量安全")),
    "人民防空": (("人民防空", "人防"), ("人防工程建设和使用", "防空警报试鸣", "人防行政许可")),
    "气象": (("气象",), ("气象灾害预警", "气象服务", "气象行政许可")),
    "地震": (("地震",), ("地震监测和震情信息", "防震减灾知识", "建设工程抗震设防要求")),
    "机关事务": (("机关事务",), ("公共机构节能", "公务用车和办公用房管理", "机关运行经费")),
    "外事": (("外事", "外办", "侨务", "港澳"), ("因公出国（境）审批", "外事服务指南", "对外交流合作")),
    "地方金融": (("金融",), ("地方金融政策", "地方金融组织监管", "防范和处置非法集资")),
    "住房公积金": (("住房公积金", "公积金"), ("住房公积金缴存和提取政策", "住房公积金年度报告", "公积金贷款办理指南")),
    "知识产权": (("知识产权",), ("知识产权保护", "专利和商标政策", "知识产权资助资金")),
    "能源": (("能源",), ("能源规划和项目", "电力和油气保障", "节能降耗")),
    "政府办公室": (("政府办公室", "政府办公厅", "管委会办公室", "管委办"), ("政府文件", "重大行政决策预公开", "政府常务会议")),
}
_OFFICE = _LINES["政府办公室"]
_CONNECTIVES = re.compile(r"[和与及、]")
# A zone's management committee is a government, whatever its organ says of the zone (工业园区管理委员会).
_ZONE_COMMITTEE = re.compile(r"(?:园区|开发区|高新区|新区|试验区|实验区|合作区|产业园)(?:管委会|管理委员会)$")
# The grass-roots levels by the innermost place (第二十一条's 乡（镇）; a 街道 and a zone's 片区 are asked likewise).
_GRASSROOTS = (
    (r"(?:乡|镇)$", ("农业农村政策落实和惠农补贴资金发放", "农村土地承包经营权流转和宅基地使用审核", "筹资筹劳和社会救助")),
    (r"街道$", ("社区公共服务事项", "社会救助和养老服务", "居务公开")),
    (r"片区$", ("基层政务公开标准目录", "惠民惠农资金发放", "村（居）务公开")),
)
_MERGED_AREAS = 2  # areas per line of a merged organ
_MERGED_MAX = 6


def _norm(s: str) -> str:
    return _CONNECTIVES.sub("", s.replace("人民政府", "政府"))


_PARTS: tuple[tuple[str, str], ...] = tuple(sorted(
    ((_norm(p), line) for line, (parts, _) in _LINES.items() for p in parts), key=lambda x: -len(x[0])))


def lines_of(organ: str) -> list[str]:
    """The lines of work an organ names, in the order of its name (教育和体育局 -> 教育, 体育)."""
    s = _norm(organ)
    used = [False] * len(s)
    found: list[tuple[int, str]] = []
    for part, line in _PARTS:
        start = 0
        while (i := s.find(part, start)) >= 0:
            if not any(used[i:i + len(part)]):
                used[i:i + len(part)] = [True] * len(part)
                found.append((i, line))
            start = i + 1
    out: list[str] = []
    for _, line in sorted(found):
        if line not in out:
            out.append(line)
    if not out and re.search(r"办公室|办公厅", s):
        out.append("政府办公室")
    return out


def line_domain(organ: str) -> Domain | None:
    """The Domain of an organ's line(s) of work, or None when its name states none."""
    lines = lines_of(organ)
    if not lines:
        return None
    if len(lines) == 1:
        return Domain(lines[0], _LINES[lines[0]][1])
    areas = [a for line in lines for a in _LINES[line][1][:_MERGED_AREAS]][:_MERGED_MAX]
    return Domain("、".join(lines), tuple(areas))


def is_zone_committee(organ: str) -> bool:
    return bool(_ZONE_COMMITTEE.search(organ))


def grassroots_areas(place: str) -> tuple[str, ...] | None:
    for pattern, areas in _GRASSROOTS:
        if re.search(pattern, place):
            return areas
    return None
