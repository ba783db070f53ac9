"""The line-of-work table covers the standard organs of 省/市/县 governments (usual, long and merged names), zones and
grass-roots levels, matched by name parts longest first."""

from __future__ import annotations

import pytest

from agents.offline_hints import domain_of, proactive
from agents.profiles import classify
from agents.work_lines import lines_of
from report.model.tables import Report

# One standard organ name per line of work (as 省/市/县 governments name them) -> the line it is asked about.
STANDARD = {
    "某某市发展和改革委员会": "发展改革", "某某县发改局": "发展改革", "某某市教育局": "教育",
    "某某省科学技术厅": "科技", "某某市工业和信息化局": "工业和信息化", "某某市经济和信息化局": "工业和信息化",
    "某某自治州民族宗教事务委员会": "民族宗教", "某某县公安局": "公安", "某某县民政局": "民政", "某某市司法局": "司法行政",
    "某某县财政局": "财政", "某某市人力资源和社会保障局": "人力资源社会保障", "某某市自然资源和规划局": "自然资源",
    "某某市生态环境局": "生态环境", "某某县住房和城乡建设局": "住房城乡建设", "某某市交通运输局": "交通运输",
    "某某县水利局": "水利", "某某县农业农村局": "农业农村", "某某市商务局": "商务", "某某市文化和旅游局": "文化和旅游",
    "某某市卫生健康委员会": "卫生健康", "某某县退役军人事务局": "退役军人事务", "某某市应急管理局": "应急管理",
    "某某县审计局": "审计", "某某市人民政府国有资产监督管理委员会": "国有资产监督管理", "某某区国有资产管理局": "国有资产监督管理",
    "某某市市场监督管理局": "市场监管", "某某省广播电视局": "广播电视", "某某省体育局": "体育", "某某市统计局": "统计",
    "某某市医疗保障局": "医疗保障", "某某省林业局": "林业", "某某县林业和草原局": "林业", "某某县乡村振兴局": "乡村振兴",
    "某某市信访局": "信访", "某某市大数据管理局": "数据管理", "某某县城市管理局": "城市管理执法",
    "某某县综合行政执法局": "城市管理执法", "某某县行政审批局": "行政审批和政务服务", "某某市投资促进局": "投资促进",
    "某某区社会事业局": "社会事业", "某某区经济发展局": "经济发展", "国家税务总局某某市税务局": "税务", "某某海关": "海关",
    "某某市粮食和物资储备局": "粮食和物资储备", "某某县人民防空办公室": "人民防空", "某某市住房公积金管理中心": "住房公积金",
    "某某市公共资源交易中心": "公共资源交易", "某某县人民政府办公室": "政府办公室", "某某省人民政府办公厅": "政府办公室",
    "某某市外事办公室": "外事", "某某市地方金融监督管理局": "地方金融", "某某市机关事务管理局": "机关事务",
}


@pytest.mark.parametrize("agency,line", sorted(STANDARD.items()))
def test_every_standard_organ_has_its_line_of_work(agency, line):
    assert domain_of(agency).name == line


def test_a_line_is_asked_about_what_it_must_publish():
    assert domain_of("某某县审计局").areas == ("审计工作报告和审计结果公告", "审计查出问题整改情况", "年度审计项目计划")
    assert domain_of("某某区国有资产管理局").areas == ("国有资产总体情况", "国有企业改革和监管", "国有资本经营预算")
    assert domain_of("某某区社会事业局").areas == (
        "教育、医疗卫生等社会事业政策和服务", "社会救助和养老服务", "公共文化体育服务")
    assert domain_of("某某县住房和城乡建设局").areas == (
        "保障性住房分配", "建筑市场监管和资质审批", "国有土地上房屋征收与补偿")  # 第二十一条's 房屋征收


def test_merged_names_map_to_each_line_in_the_order_of_the_name():
    sport = domain_of("某某县教育和体育局")
    assert sport.name == "教育、体育"
    assert sport.areas == ("招生入学政策和结果", "教育经费和学生资助", "公共体育设施和全民健身", "体育赛事活动")
    assert lines_of("文化广电体育和旅游局") == ["文化和旅游", "广播电视", "体育"]
    assert len(domain_of("某某市文化广电体育和旅游局").areas) == 6  # two per line, six at most
    assert lines_of("政务服务和大数据管理局") == ["行政审批和政务服务", "数据管理"]
    assert lines_of("农业农村和水利局") == ["农业农村", "水利"]
    assert lines_of("自然资源和规划局") == ["自然资源"]  # both parts name one line: asked once
    assert lines_of("规划建设局") == ["自然资源", "住房城乡建设"]


def test_longest_name_part_first_and_each_character_once():
    assert lines_of("人民政府") == [] and domain_of("某某县人民政府").name == "县级政府"  # 人民政府 holds no 民政
    assert lines_of("人民政府国有资产监督管理委员会") == ["国有资产监督管理"]  # not 市场监管's 监督管理
    assert lines_of("公安局交通警察支队") == ["公安"]  # 交通警察 is the police, not 交通运输
    assert lines_of("环境卫生管理处") == ["城市管理执法"]  # 环境卫生 is not 卫生健康
    assert lines_of("医疗保障局") == ["医疗保障"] and lines_of("人力资源和社会保障局") == ["人力资源社会保障"]
    assert lines_of("住房公积金管理中心") == ["住房公积金"]
    assert lines_of("外事办公室") == ["外事"]  # 办公室 is the government office only when nothing else is named
    assert lines_of("管委会办公室") == ["政府办公室"]


def test_zones_and_grass_roots():
    for zone in ("苏州工业园区管理委员会", "某某县工业园区管理委员会", "某某市高新技术产业开发区管委会", "某某新区管委会"):
        assert domain_of(zone).name == "园区管委会", zone
    town = domain_of("某某县某某镇人民政府")
    assert town.name == "基层" and town.areas == (
        "农业农村政策落实和惠农补贴资金发放", "农村土地承包经营权流转和宅基地使用审核", "筹资筹劳和社会救助")  # 第二十一条
    assert domain_of("某某市某某区某某街道办事处").areas == ("社区公共服务事项", "社会救助和养老服务", "居务公开")
    assert domain_of("平潭综合实验区苏平片区管理局").areas == ("基层政务公开标准目录", "惠民惠农资金发放", "村（居）务公开")
    assert domain_of("某某镇农业服务中心").name == "农业农村"  # the organ's own line before its level


def test_the_merged_lines_are_the_question_of_the_proactive_placeholder():
    r = Report.blank(agency="某某县教育和体育局", year=2023)
    assert proactive(r, classify(r))[0] == (
        "招生入学政策和结果、教育经费和学生资助、公共体育设施和全民健身、体育赛事活动等信息的公开情况")
