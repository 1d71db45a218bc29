"""Chinese personal names: the surname tables and what a byline name looks like.

Shared by attribution (bylines, notes), the question side (an author named in
pinyin) and the abstention signals (a "name" needs a surname), so that the
question side need not import the ingest code.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,10}$")
# Four-character names are rare and four-character phrases common (思想纵横, 守正创新): such a
# name must open with a compound surname. Single surnames split names printed as one run of
# characters (李　强　王　芳 → 李强, 王芳).
COMPOUND_SURNAMES = set("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 宇文 长孙 司徒 夏侯 端木 南宫 西门 "
                         "独孤 呼延 闻人 赫连 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 轩辕 钟离 鲜于 闾丘 "
                         "司空 拓跋 百里 东郭 万俟".split())
# The hundred family surnames and common modern ones: a byline opening with any of them reads as a name.
SURNAMES = set("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦"
                "昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹"
                "姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐"
                "邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁"
                "荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武"
                "符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉"
                "宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满"
                "弘匡国文寇广禄阙东殴殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游"
                "竺权逯盖益桓公仉督岳帅缑亢况郈有琴归海晋楚闫法汝鄢涂钦商牟佘佴伯赏墨哈谯笪年爱阳佟言福肖付覃揭冼谌练"
                "兰苑代战信银眭逢税门操续库旷粟铁买朴欧芦麦苟隋丛迟邝官南原栗楼盘位仝区豆漆卿初敬来普鹿邸辜阿母亓修赫"
                "鲜玉宾呼但尉冶斯檀衣展智奉植尧闭由")
_NOT_A_NAME = re.compile(r"^星期[一二三四五六日天]$|^周[一二三四五六日]$|^[一二三四五六七八九十]+月")
# Short lines that head a section or an editor's note, never a byline.
NOT_NAMES = {"编者按", "编者", "引言", "前言", "导语", "结语", "摘要", "按语", "序言", "后记", "附录", "注释", "小结",
              "总结", "概述", "背景", "目录", "正文", "评论", "社论", "专栏", "综述", "导读", "题记", "本报", "记者",
              "通讯员", "作者", "本文", "结束语", "思考", "启示", "对策", "建议", "问题", "一", "二", "三"}

@lru_cache(maxsize=1)
def _traditional_surnames() -> tuple[frozenset[str], frozenset[str]]:
    """The surname lists as a page in traditional characters prints them (劉, 歐陽)."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    return frozenset(s2t.convert(c) for c in SURNAMES), frozenset(s2t.convert(c) for c in COMPOUND_SURNAMES)


def surname(name: str) -> str:
    """欧阳明 → 欧阳, 赵险峰 → 赵."""
    return name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]


def surname_of(word: str) -> str | None:
    """The common surname a word opens with, if any (太贵 → None)."""
    head = surname(word)
    return head if head in COMPOUND_SURNAMES or head in SURNAMES else None


def is_name(name: str) -> bool:
    """Could this be a person's name as a byline prints it?"""
    if not _NAME.match(name) or name in NOT_NAMES or _NOT_A_NAME.match(name):
        return False
    if len(name) == 4 and "·" not in name:
        # Given names have one or two characters: four characters need a compound
        # surname (欧阳明月); 时代新论 and 文明互鉴 are phrases.
        return name[:2] in COMPOUND_SURNAMES or name[:2] in _traditional_surnames()[1]
    if "·" not in name:
        # 城镇化 or 村旅 (a headline's last line, a word cut by a stray space) are not names.
        if name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES:
            return True
        single, compound = _traditional_surnames()
        return name[0] in single or name[:2] in compound
    # Transliterated names (阿依古丽·买买提) run long; 理论·实践 is a column label.
    return "·" not in name or len(name) >= 6


def romanised(name: str) -> tuple[str, str]:
    """A name's surname and given name in pinyin, capitalised: 赵险峰 → (Zhao, Xianfeng),
    欧阳澜 → (Ouyang, Lan)."""
    from pypinyin import lazy_pinyin

    family = surname(name)
    return tuple("".join(lazy_pinyin(part)).capitalize() for part in (family, name[len(family):]))
