"""A 、-list of manner words after a name is no list of named parts (track/names.py)."""

from __future__ import annotations

from duixian.track.names import names


def test_a_list_of_how_an_event_goes_names_one_event() -> None:
    for pledge in ("确保第五届进口博览会如期、安全、精彩举办", "第二届花卉博览会隆重、节俭、务实举办",
                   "示例大道按期、安全、顺畅通车", "省运动会圆满、成功举办"):
        assert names(pledge).parts == (), pledge


def test_a_list_of_named_things_is_still_parts() -> None:
    assert [p.label for p in names("举办第五届茶叶博览会、第三届农产品交易会").parts] == ["第五届茶叶博览会", "第三届农产品交易会"]
    assert [p.label for p in names("新建城南、城北、华耀城3个社区卫生服务中心").parts] == ["城南", "城北", "华耀城"]
