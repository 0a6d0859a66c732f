"""Pledge rules for unseen reports (several levels, eras and wordings), each with examples that fail without it."""

from __future__ import annotations

from tests.pledge_text import pledges_of as _pledges

HEADER = "示例县2021年政府工作报告\n——2021年1月10日在示例县第十届人民代表大会第五次会议上\n示例县人民政府县长 王某某\n各位代表：\n"
PROVINCE = "示例省2009年政府工作报告\n——2009年1月12日在示例省第十一届人民代表大会第二次会议上\n示例省省长 李某某\n各位代表：\n"
OLD_HEADER = ("关于一九五八年国民经济计划草案的报告\n"
              "——一九五八年二月三日在第一届全国人民代表大会第五次会议上\n各位代表：\n")
PLAN = "二、2021年工作安排\n"
PROVINCE_PLAN = "二、2009年主要工作\n"
OLD_PLAN = "二、一九五八年的计划\n"


def test_a_name_only_follows_the_task_verb(tmp_path) -> None:
    # what stands before a task verb (下大力气, 国家, 集中力量) is how or by whom, never the object's name
    vague = ("下大力气抓好项目建设。", "国家要抓好大型水利工程的建设。", "集中力量抓好重大项目建设。",
             "强力推进项目建设。", "鼓励企业牵头实施重大科技项目。")
    named = ("加快推进沙颍河生态谷建设。", "配合市直部门推进沙河生态规划。", "建设国家级种业知识产权运营中心。",
             "推进“智慧校园建设工程”。", "开工建设区康复医院。")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN, OLD_HEADER + OLD_PLAN):
        got = _pledges(tmp_path, header + "".join(vague) + "".join(named) + "\n")
        for v in vague:
            assert v.rstrip("。") not in got, (v, got)
        for n in named:
            assert n.rstrip("。") in got, (n, got)


def test_a_number_that_names_a_road_is_a_named_object(tmp_path) -> None:
    roads = ("实施107国道和津保北线大修。", "推进G4高速改扩建。", "实施S235省道改造。", "完成国道107线绕城段建设。",
             "推进12号线西延伸、嘉闵线等轨道交通线建设。")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN):
        got = _pledges(tmp_path, header + "".join(roads) + "做好沿线绿化。\n")
        for r in roads:
            assert r.rstrip("。") in got, (r, got)
        assert "做好沿线绿化" not in got, got


def test_a_sentence_that_is_only_a_noun_and_its_amount_is_a_statistic(tmp_path) -> None:
    facts = ("今年高校毕业生749万人。", "全县总人口52.3万人。", "一九八一年实际执行结果为二十五亿元。")
    deeds = ("开设小学生爱心暑托班600个。", "新发展中药材1.5万亩。", "中央预算内投资安排5000亿元。",
             "今年要新建学校3所。", "植树造林一万亩。", "就业困难人员再就业500人。")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN, OLD_HEADER + OLD_PLAN):
        got = _pledges(tmp_path, header + "".join(facts) + "".join(deeds)
                       # inside a sentence, a noun and its amount is more of the commitment before it
                       + "年内新型建材企业达到25家，年产值30亿元。\n")
        for f in facts:
            assert f.rstrip("。") not in got, (f, got)
        for d in deeds:
            assert d.rstrip("。") in got, (d, got)
        assert "年产值30亿元" in got, got


def test_a_worked_consequence_is_no_pledge(tmp_path) -> None:
    consequences = ("只要每人每天节约一两粮食，全国一年就可以节约粮食一百多亿斤。",
                    "如果每个企业降低成本百分之五，一年就可以增加收入二十亿元。",
                    "有6.5%-7%的增速就能够实现比较充分的就业。", "这些工厂早投产便可早为国家提供利润。")
    for header in (HEADER + PLAN, OLD_HEADER + OLD_PLAN):
        got = _pledges(tmp_path, header + "".join(consequences)
                       # a commitment word makes the consequence a goal again
                       + "力争新建学校3所，确保企业开办一个工作日即可办结营业执照。\n")
        assert not any(w in g for g in got for w in ("就可以", "就能", "便可")), got
        assert "力争新建学校3所" in got, got


def test_a_share_stated_bare_is_how_a_total_divides(tmp_path) -> None:
    shares = ("制造生产资料工业的投资占百分之八十五点九。", "这个比重大约是百分之十七。",
              "社会文教费占本年预算支出的12.74%。", "其中个数占比28.3%。")
    goals = ("研发投入占GDP比重达到1.3%以上。", "对共建“一带一路”国家投资占50%以上。",
             "使民营经济增加值占全省生产总值的比重达到55%左右。", "现代工业在工农业总产值中所占的比重将上升到36.5%。")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN, OLD_HEADER + OLD_PLAN):
        got = _pledges(tmp_path, header + "".join(shares) + "".join(goals) + "\n")
        for s in shares:
            assert s.rstrip("。") not in got, (s, got)
        for g in goals:
            assert g.rstrip("。") in got, (g, got)


def test_already_before_any_verb_is_a_deed_done(tmp_path) -> None:
    done = ("国家已经组织了57户企业集团试点。", "去年已经对其中近300户由银行提供资金支持。", "我国已经加入17个国际人权公约。",
            "全国农村已经办起三百九十万个食堂。", "同我国建交的国家已经增加到五十个。")
    goals = ("对已经建成的12个项目加强管理。", "推进已经签约的5个项目开工。", "今年要扩大到120户。")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN, OLD_HEADER + OLD_PLAN):
        got = _pledges(tmp_path, header + "".join(goals) + "\n" + "".join(done) + "\n")
        for d in done:
            assert d.rstrip("。") not in got, (d, got)
        for g in goals:
            assert g.rstrip("。") in got, (g, got)


def test_the_change_on_a_named_base_year_is_no_pledge_of_its_own(tmp_path) -> None:
    header = ("关于一九八一年国民经济计划的报告\n——一九八〇年八月三十日在第五届全国人民代表大会第三次会议上\n各位代表：\n"
              "二、一九八一年的计划\n")
    text = ("粮食产量34，250万吨，比1980年预计增加1，000万吨。钢产量三千五百万吨，比一九八〇年增长百分之五。"
            "棉纱产量286.5万吨，较1980年增加9万吨。\n")
    got = _pledges(tmp_path, header + text)
    assert not any(g.startswith(("比", "较")) for g in got), got
    assert {"粮食产量34，250万吨", "钢产量三千五百万吨", "棉纱产量286.5万吨"} <= set(got), got
    # the same with the year before named as 上年 (unchanged)
    got = _pledges(tmp_path, HEADER + PLAN + "粮食产量达到1.2亿斤，比上年增加500万斤。\n")
    assert got == ["粮食产量达到1.2亿斤"], got


def test_a_quoted_number_names_a_slogan_not_an_object(tmp_path) -> None:
    slogans = ("深入实施“1020”工程。", "持续推进“1530”工程。", "全面落实“3+X”工程。", "扎实推进“四大工程”建设。")
    names = ("推进“智慧校园”示范基地建设。", "加快“智慧校园建设工程”。")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN):
        got = _pledges(tmp_path, header + "".join(slogans) + "".join(names) + "\n")
        for s in slogans:
            assert s.rstrip("。") not in got, (s, got)
        for n in names:
            assert n.rstrip("。") in got, (n, got)


def test_a_frame_with_its_subject_or_an_opportunity_seized_is_no_pledge(tmp_path) -> None:
    frames = ("我们以实施“项目建设提速年”为抓手，", "紧紧抓住中国-东盟自贸区全面建成等契机，",
              "抓住十四冬在我区举办的契机，", "全区在完成5个项目的基础上，")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN):
        got = _pledges(tmp_path, header + "".join(f + f"新建学校{i + 2}所。" for i, f in enumerate(frames)) + "\n")
        assert not any(f.rstrip("，") in got for f in frames), got
        assert [f"新建学校{i + 2}所" for i in range(len(frames))] == [g for g in got if g.startswith("新建")], got


def test_a_version_number_names_a_slogan(tmp_path) -> None:
    versions = ("对标北京优化营商环境5.0版。", "打造便捷就医2.0版。", "探索打造园区4.0版。")
    for header in (HEADER + PLAN, PROVINCE + PROVINCE_PLAN):
        got = _pledges(tmp_path, header + "".join(versions) + "打造示范园区2个。\n")
        assert got == ["打造示范园区2个"], got
