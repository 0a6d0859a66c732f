"""Verdicts of the verdicts4 stop: classes named by a bar (过百亿元企业), lists closed by 等…项目."""

from __future__ import annotations

from tests.pair_heads import HEAD_PLAN, HEAD_REVIEW
from tests.test_track import _x

from duixian.track import track
from duixian.track.names import names, other_threshold, thresholds


def test_the_magnitude_between_guo_and_the_unit_is_part_of_the_class() -> None:
    assert thresholds("年销售收入过百亿元企业达到3家") == {(1e10, "元")}
    assert thresholds("销售收入过亿元企业") == {(1e8, "元")}
    assert thresholds("纳税超千万元企业") == {(1e7, "元")}
    assert thresholds("年销售收入过10亿元企业") == {(1e9, "元")}
    assert thresholds("对销售收入超百亿元的30家企业") == {(1e10, "元")}
    # a figure reached is no class
    assert not thresholds("全市生产总值超过1万亿元，") and not thresholds("总产值突破百亿元大关")
    bar = names("年销售收入过百亿元企业达到3家")
    assert other_threshold(bar, "销售收入过亿元企业达25家") == "过亿元"
    assert other_threshold(bar, "销售收入过百亿元企业达3家") is None
    assert other_threshold(bar, "销售收入过亿元企业25家，过百亿元企业3家") is None  # its own bar is there too
    assert other_threshold(bar, "规模以上工业企业达66家") is None  # no bar: decided by the names


PLAN_BARS = HEAD_PLAN + (
    "扶持年销售收入过百亿元企业3家做大做强。支持年销售收入过10亿元企业5家上市融资。"
    "支持销售收入过亿元企业20家开展技术改造。扶持纳税超千万元企业10家做大做强。\n"
)
REVIEW_BARS = HEAD_REVIEW + (
    "规模以上工业企业、销售收入过亿元企业、纳税超千万元企业分别达60家、25家、12家。\n二、2022年工作安排\n"
)


def test_a_class_with_another_bar_is_another_class(tmp_path) -> None:
    """过百亿元企业 and 过10亿元企业 are not counted by a review that counts 过亿元企业: not mentioned, not 833%."""
    tr = track(_x(tmp_path, "plan.txt", PLAN_BARS), _x(tmp_path, "review.txt", REVIEW_BARS))
    by = {v.quote: v for v in tr.verdicts if v.kind == "pledge"}
    hundred = next(v for q, v in by.items() if "过百亿元" in q)
    assert hundred.status == "not_mentioned" and "过亿元" in hundred.reason
    ten = next(v for q, v in by.items() if "过10亿元" in q)
    assert ten.status == "not_mentioned"
    one = next(v for q, v in by.items() if "过亿元企业20家" in q)
    assert one.status == "exceeded" and "实际25家" in one.reason
    tax = next(v for q, v in by.items() if "超千万元" in q)
    assert tax.status == "exceeded" and "实际12家" in tax.reason


def test_the_head_of_another_kind_stands_in_the_clause_as_written() -> None:
    """总产量's bigrams may come from two words of the clause (棉花产量, 农业总产值): the clause's own head is then 产量,
    after 棉花, another kind than 水产品总产量; a clause with the pledge's whole object passes."""
    from duixian.track.names import grams, normalise, other_kind

    def kind(pledge: str, clause: str):
        said = normalise(clause)
        return other_kind(names(pledge).core, grams(said), said)

    assert kind("水产品总产量一千二百四十万吨", "棉花产量达到566.3万吨，农业总产值比上年增长百分之三") == ("水产品总", "产量")
    assert kind("肉类总产量二千八百四十万吨", "油料产量达到1600万吨，粮食总产值增长") is not None
    assert kind("水产品总产量一千二百四十万吨", "水产品总产量达到1300万吨") is None
    assert kind("肉类总产量二千八百四十万吨", "肉类总产量2900万吨，棉花产量566万吨") is None



PLAN_PROJECTS = HEAD_PLAN + (
    "启动游客中心、城市旅游驿站、阜裕康谷、印钞石教授村等项目建设。力争南三环、高铁东站综合交通枢纽等项目年底前开工。"
    "加快防沙治沙、退耕还林还草和三北防护林、绿色通道、水源保护等工程建设进度。建成竹园石洞口、白龙港海滨连通管等工程。\n"
)
REVIEW_PROJECTS = HEAD_REVIEW + (
    "县游客中心建设加快推进，群众满意度不断提升。南三环、西三环南延、冠军之城国际射击基地正在办理前期手续。"
    "退耕还林（草）、京津风沙源治理、通道绿化建设取得新进展。建成白龙港污水厂提标改造、泰和污水厂等工程。\n二、2022年工作安排\n"
)


def test_a_list_of_projects_is_checked_by_its_parts(tmp_path) -> None:
    """A list closed by 等…项目/工程 shares little with any one clause as a whole: a project of it named by its own
    name in the review is evidence for that part (partial), a place sharing only a first word is not."""
    tr = track(_x(tmp_path, "plan.txt", PLAN_PROJECTS), _x(tmp_path, "review.txt", REVIEW_PROJECTS))
    by = {v.quote: v for v in tr.verdicts}
    visitors = next(v for q, v in by.items() if "游客中心" in q)
    assert visitors.status == "partial" and "提到了游客中心" in visitors.reason and "阜裕康谷" in visitors.reason
    ring = next(v for q, v in by.items() if "南三环" in q)
    assert ring.status == "partial" and "高铁东站综合交通枢纽" in ring.reason
    forest = next(v for q, v in by.items() if "退耕还林" in q)
    assert forest.status == "partial" and "退耕还林还草" in forest.reason
    pipes = next(v for q, v in by.items() if "连通管" in q)
    assert pipes.status == "not_mentioned"  # 白龙港污水厂 is not 白龙港海滨连通管


PLAN_PREPARED = HEAD_PLAN + "确保城东快速路开工建设。启动市体育中心建设。建成城北污水处理厂。\n"
REVIEW_PREPARED = HEAD_REVIEW + (
    "完成城南大街路面改造及城东快速路项目招投标工作。市体育中心完成项目核准并开工建设。城北污水处理厂完成前期工作。\n"
    "二、2022年工作安排\n"
)


def test_preparation_completed_is_still_preparation(tmp_path) -> None:
    """完成…招投标工作, 完成前期工作, 完成项目核准: the preparation is done, not the work (not 'exceeded' on a
    start promised); a start said beside it (…并开工建设) is the stage."""
    from duixian.track.pledges import _reached

    assert _reached("完成西大街路面及国道绕城项目招投标工作", "确保绕城工程开工建设") == (0, "招投标")
    assert _reached("大数据中心完成前期工作", "") == (0, "前期工作")
    assert _reached("项目完成核准并开工建设", "") == (1, "开工")
    assert _reached("体育馆完成主体工程", "") == (4, "完成")
    tr = track(_x(tmp_path, "plan.txt", PLAN_PREPARED), _x(tmp_path, "review.txt", REVIEW_PREPARED))
    by = {v.quote: v for v in tr.verdicts}
    assert by["确保城东快速路开工建设"].status == "not_kept"
    assert by["启动市体育中心建设"].status == "kept"
    assert by["建成城北污水处理厂"].status == "not_kept"


def _review_with(text: str) -> str:
    return HEAD_REVIEW.replace("全年地区生产总值增长6.5%。", text) + "二、2022年工作安排\n"


PLAN_IN_STEP = HEAD_PLAN + "今年经济社会发展的主要预期目标是：地区生产总值增长7.5%左右，城乡居民人均收入实际增长与经济增长同步。\n"


def test_urban_and_rural_income_each_in_step_with_growth(tmp_path) -> None:
    """城乡居民人均收入…与经济增长同步 holds two incomes: the urban one slower than GDP and the rural one faster is
    partial, not 'not kept' on the urban figure alone; both in step is kept."""
    plan = _x(tmp_path, "plan.txt", PLAN_IN_STEP)
    for urban, status in (("7", "partial"), ("8", "kept"), ("6", "partial")):
        review = _x(tmp_path, "review.txt", _review_with(
            f"全年地区生产总值增长7.7%。城镇居民人均可支配收入实际增长{urban}%，农村居民人均纯收入实际增长9.3%。\n"))
        step = next(v for v in track(plan, review).verdicts if "同步" in v.quote)
        assert step.status == status, (urban, step.reason)
        assert "农村居民收入增长9.3%" in step.reason
    review = _x(tmp_path, "review.txt", _review_with(
        "全年地区生产总值增长7.7%。城镇居民人均可支配收入实际增长6%，农村居民人均纯收入实际增长6.5%。\n"))
    assert next(v for v in track(plan, review).verdicts if "同步" in v.quote).status == "not_kept"


def test_a_list_of_verbs_on_one_object_names_no_parts() -> None:
    """新建和改扩建, 再取消和下放, 组建和完善: actions joined by 和 on one object are no named parts to find one by one."""
    assert names("政府性楼堂馆所一律不得新建和改扩建").parts == ()
    assert names("今年再取消和下放一批行政审批事项").parts == ()
    assert [p.label for p in names("组建和完善广播电视、报业、新闻出版、演艺等大型文化企业集团").parts] == [
        "广播电视", "报业", "新闻出版", "演艺"]
    assert [p.label for p in names("新建和改扩建城南、城北2所小学").parts] == ["城南", "城北"]


PLAN_VERBS = HEAD_PLAN + "政府性楼堂馆所一律不得新建和改扩建。今年再取消和下放一批行政审批事项。\n"
REVIEW_VERBS = HEAD_REVIEW + (
    "政府性楼堂馆所、机关事业单位人员编制、“三公”经费得到有效控制。取消和下放311项行政审批事项。\n二、2022年工作安排\n"
)


def test_verbs_joined_on_one_object_are_kept_by_the_work(tmp_path) -> None:
    tr = track(_x(tmp_path, "plan.txt", PLAN_VERBS), _x(tmp_path, "review.txt", REVIEW_VERBS))
    by = {v.quote: v for v in tr.verdicts}
    assert by["政府性楼堂馆所一律不得新建和改扩建"].status == "kept"  # not 'partial: 没有提到改扩建'
    assert by["今年再取消和下放一批行政审批事项"].status == "kept"


PLAN_RAISED = HEAD_PLAN + (
    "城乡居民医保财政补助由每人每年420元提高到450元。中央和地方财政对参加合作医疗农民的补助标准由20元提高到40元。\n"
)
REVIEW_RAISED = HEAD_REVIEW + (
    "居民基本医保人均财政补助标准由240元提高到450元。较大幅度提高参加合作医疗农民的补助标准。\n二、2022年工作安排\n"
)


def test_the_amount_a_change_starts_from_is_no_promise(tmp_path) -> None:
    """由420元提高到450元 promises 450元: the 420元 it starts from is neither compared (with the review's own starting
    240元) nor the amount said to be unconfirmed."""
    from duixian.track.pledges import _bases

    assert _bases("城乡居民医保财政补助由每人每年420元提高到450元") == {(420, "元")}
    assert _bases("城镇化率从47.5%提高到51.5%") == {(47.5, "%")}
    assert _bases("运煤能力将由一九八○年的一千四百万吨增加到二千九百万吨") == {(1400, "万吨")}
    assert not _bases("新建公厕12座，提高到15座")
    tr = track(_x(tmp_path, "plan.txt", PLAN_RAISED), _x(tmp_path, "review.txt", REVIEW_RAISED))
    by = {v.quote: v for v in tr.verdicts}
    insured = next(v for q, v in by.items() if "医保" in q)
    assert insured.status == "kept" and "承诺450元" in insured.reason
    coop = next(v for q, v in by.items() if "合作医疗" in q)
    assert coop.status == "partial" and "承诺的40元" in coop.reason


PLAN_EXAMPLE = HEAD_PLAN + (
    "实施现代化农业试验示范等科技进步工程。加快城东智慧物流园等项目建设。确保中船重工高新技术产业基地等项目顺利实施。\n"
)
REVIEW_EXAMPLE = HEAD_REVIEW + (
    "坚持以改革开放和科技进步为动力，经济持续增长。城东智慧物流园建成投用。规模以上高新技术产业增加值增长18%。\n"
    "二、2022年工作安排\n"
)


def test_the_one_project_named_before_deng_must_be_in_the_evidence(tmp_path) -> None:
    """A等…项目/工程 with one project named: a clause sharing only the class's words (科技进步, 高新技术产业) is not its
    evidence; a clause naming the project is. A class counted after 等 (等50项…项目) is the promise and needs no example."""
    from duixian.track.names import names as names_of

    assert names_of("实施现代化农业试验示范等科技进步工程").example is not None
    assert names_of("实施好唐钢超薄热带等50项重大技术改造项目").example is None
    tr = track(_x(tmp_path, "plan.txt", PLAN_EXAMPLE), _x(tmp_path, "review.txt", REVIEW_EXAMPLE))
    by = {v.quote: v for v in tr.verdicts}
    assert by["实施现代化农业试验示范等科技进步工程"].status == "not_mentioned"
    assert by["加快城东智慧物流园等项目建设"].status == "kept"
    assert by["确保中船重工高新技术产业基地等项目顺利实施"].status == "not_mentioned"


PLAN_VERBS_ONLY = HEAD_PLAN + "全年谋划实施总投资323亿元的重点项目82项。全面落实五项重点工作。加快东方红产业园建设。全力推进，尽快建成投产。\n"
REVIEW_VERBS_ONLY = HEAD_REVIEW + (
    "全年实施重点项目82项，完成投资330亿元。我们始终围绕发展目标谋划推进。全面落实区域发展总体战略。"
    "城南物流园竣工投产。\n二、2022年工作安排\n"
)


def test_a_pledge_naming_only_what_is_to_be_done_is_matched_on_nothing(tmp_path) -> None:
    """尽快建成投产, 全面落实五项重点工作: verbs any clause about any work shares (竣工投产, 落实…战略) are no evidence;
    a clause repeating the pledge's own amount (实施重点项目82项) still is."""
    from duixian.track.names import names as names_of
    from duixian.track.names import only_verbs

    assert only_verbs(names_of("尽快建成投产")) and only_verbs(names_of("全面落实五项重点工作"))
    assert not only_verbs(names_of("加快东方红产业园建设"))
    tr = track(_x(tmp_path, "plan.txt", PLAN_VERBS_ONLY), _x(tmp_path, "review.txt", REVIEW_VERBS_ONLY))
    by = {v.quote: v for v in tr.verdicts}
    assert by["全面落实五项重点工作"].status == "not_mentioned" and not by["全面落实五项重点工作"].evidence
    # its own sentence: after a clause with a task word, 尽快建成投产 joins that clause's pledge (reading7)
    assert by["全力推进，尽快建成投产"].status == "not_mentioned"  # not kept on 城南物流园竣工投产
    assert by["全年谋划实施总投资323亿元的重点项目82项"].status == "kept"


PLAN_PROSE = HEAD_PLAN + ("由于这些项目的建设完工，年内新增供水能力5万吨。所有这些工程年底前必须全部完成。"
                          "年底前建成城南污水处理厂。\n")
REVIEW_PROSE = HEAD_REVIEW + ("由于这些措施，全县财政收入稳步增长。所有这些工程，都是全县人民共同奋斗的结果。"
                              "城南污水处理厂建成投运。\n二、2022年工作安排\n")


def test_a_clause_sharing_only_the_connecting_words_of_prose_is_no_evidence(tmp_path) -> None:
    """由于这些…, 所有这些…, 一般应当不少于…: the connecting words of every era's prose name nothing, so a review clause
    sharing only them with a pledge (由于这些措施 for 由于这些项目的建设完工) is about something else."""
    assert {"由于", "于这", "这些"} <= names("由于这些项目的建设完工").prose
    assert {"一般", "应当", "不少"} <= names("一般应当不少于百分之八十").prose
    assert not names("年底前建成城南污水处理厂").prose
    tr = track(_x(tmp_path, "plan.txt", PLAN_PROSE), _x(tmp_path, "review.txt", REVIEW_PROSE))
    by = {v.quote: v for v in tr.verdicts}
    # a clause of cause is no pledge since reading8 (extract/pledges.py), so it cannot be kept on 由于这些措施 either
    assert "由于这些项目的建设完工" not in by
    assert by["所有这些工程年底前必须全部完成"].status == "not_mentioned"  # was partial on 所有这些工程
    assert by["年底前建成城南污水处理厂"].status == "kept"  # a named object is still found
