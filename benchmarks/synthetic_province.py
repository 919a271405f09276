"""Seeded generator of a synthetic province of duty lists in exact spec format (stdlib only)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

W = str.split  # the tables below are space-separated words
SEED = 20240101
CITIES = W("南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁")
SYLLABLES = W("安 宁 平 和 华 新 江 湖 山 水 金 玉 长 丰 泰 兴 东 西 南 北 清 河 龙 凤 云 "
              "林 石 桥 阳 溪 松 梅 兰 竹 庆 福 德 仁 永 盛 春 秋 明 光 瑞 祥 嘉 禾 沙 洲 "
              "浦 塘 港 城 陵 台 溧 湾 桂 荷 泉 峰 岭 坪 甸 庄 集 圩 墩 渡 堰 坝")
KINDS = (("subdistrict", "街道", 0), ("town", "镇", 1), ("township", "乡", 2))
KIND_WEIGHTS = {"区": (60, 35, 5), "县": (8, 77, 15), "市": (30, 62, 8)}
COUNTY_DIGITS = {"区": W("02 03 04 05 06 11 12 13 14 15 16 17"), "县": W("21 22 23 24 25 26 27"),
                 "市": W("81 82 83 84 85 86")}
# base name:abbreviation (an empty abbreviation makes "<county name><base>" the alias)
DEPARTMENTS = W("委组织部: 委宣传部: 委社会工作部:委社工部 总工会: 团委: 商务局: 统计局: "
                "发展和改革委员会:发改委 工业和信息化局:工信局 农业农村局:农业局 民政局: "
                "科学技术局:科技局 人力资源和社会保障局:人社局 卫生健康委员会:卫健委 "
                "医疗保障局:医保局 退役军人事务局:退役军人局 教育局: 文化广电和旅游局:文旅局 "
                "残疾人联合会:残联 妇女联合会:妇联 委政法委员会:委政法委 公安局: 司法局: "
                "信访局: 生态环境局:环保局 水务局: 林业局: 自然资源和规划局:自然资源局 "
                "住房和城乡建设局:住建局 城市管理局:城管局 交通运输局:交通局 审计局: "
                "应急管理局:应急局 消防救援大队:消防大队 市场监督管理局:市场监管局 财政局: "
                "数据局: 人民武装部:人武部 委机构编制委员会办公室:委编办 档案馆:")
Domain = tuple[str, list[str], list[str], list[str], list[str], list[str]]


def _domain(name: str, table: str) -> Domain:
    """``table``: objects | departments (bases; the first is in every registry) |
    laws (* stands for 中华人民共和国) | internal units | posts."""
    objects, bases, laws, units, posts = (W(part) for part in table.split("|"))
    return name, objects, bases, laws, units, posts


DOMAINS = [_domain(*row) for row in (
    ("党的建设", "基层党组织建设 党员教育管理 发展党员 党风廉政建设 意识形态工作 统一战线工作 "
     "新时代文明实践 非公企业和社会组织党建 村（社区）干部管理 群团组织建设 党建引领网格治理 "
     "流动党员管理 党务公开|委组织部 委宣传部 委社会工作部 总工会 团委|中国共产党农村基层组织"
     "工作条例 中国共产党支部工作条例（试行） 中国共产党统一战线工作条例|党建工作办公室 "
     "党政办公室|组织委员 宣传委员 统战委员"),
    ("经济发展", "招商引资 企业服务 农业生产 高标准农田建设 村级集体经济发展 统计调查 "
     "产业项目推进 农村土地承包管理 粮食生产安全 农村产权流转交易 乡村旅游发展 特色产业培育|"
     "发展和改革委员会 工业和信息化局 农业农村局 商务局 统计局 科学技术局|*统计法 *农业法 "
     "*乡村振兴促进法 优化营商环境条例 *中小企业促进法|经济发展办公室 农业农村办公室|"
     "经济发展干事 统计员"),
    ("民生服务", "社会救助 养老服务 残疾人帮扶 就业创业服务 退役军人服务保障 托育服务 "
     "城乡居民医疗保障 义务教育控辍保学 妇女儿童权益保护 殡葬改革 爱国卫生运动 公共文化服务|"
     "民政局 人力资源和社会保障局 卫生健康委员会 医疗保障局 退役军人事务局 教育局 残疾人联合会 "
     "文化广电和旅游局 妇女联合会|社会救助暂行办法 *老年人权益保障法 *就业促进法 *义务教育法 "
     "*退役军人保障法 *未成年人保护法|社会事务办公室 便民服务中心|民政助理 社保专管员"),
    ("平安法治", "矛盾纠纷排查化解 信访事项办理 社会治安综合治理 禁毒宣传教育 反电信网络诈骗 "
     "法治宣传教育 人民调解 网格化服务管理 特殊人群服务管理 公共法律服务 流动人口服务管理|"
     "委政法委员会 公安局 司法局 信访局|*人民调解法 信访工作条例 *治安管理处罚法 *禁毒法 "
     "*反电信网络诈骗法|平安建设办公室 综治中心|政法委员 网格员"),
    ("生态环保", "河湖长制落实 大气污染防治 秸秆禁烧和综合利用 农村生活污水治理 生活垃圾分类 "
     "林长制落实 畜禽养殖污染防治 耕地保护 土壤污染防治 噪声污染防治 入河排污口整治 "
     "饮用水水源地保护|生态环境局 水务局 林业局 农业农村局 自然资源和规划局|*环境保护法 "
     "*大气污染防治法 *水污染防治法 *森林法 *固体废物污染环境防治法|生态环境办公室 "
     "河长制办公室|环保专管员 河长办专员"),
    ("城乡建设", "违法建设治理 农村住房建设 村庄规划实施 市容环境卫生 农村公路养护 物业管理 "
     "老旧小区改造 户外广告设置 城镇供水保障 农村人居环境整治 地名标志设置 城乡绿化养护|"
     "住房和城乡建设局 城市管理局 自然资源和规划局 交通运输局|*城乡规划法 *土地管理法 *建筑法 "
     "城市市容和环境卫生管理条例 物业管理条例|规划建设办公室 综合行政执法局|规划建设员 执法队员"),
    ("应急管理", "安全生产 城镇燃气安全 消防安全 防汛抗旱 地质灾害防治 森林防灭火 危险化学品安全 "
     "经营性自建房安全 电动自行车充电安全 应急避难场所管理 自然灾害救助 道路交通安全|"
     "应急管理局 消防救援大队 水务局 市场监督管理局 住房和城乡建设局 交通运输局|*安全生产法 "
     "*突发事件应对法 *消防法 *防洪法 城镇燃气管理条例 自然灾害救助条例|应急管理办公室 "
     "安全生产监督所|安监员 应急专管员"),
    ("综合保障", "档案管理 机关财务管理 政务公开 保密工作 国防动员 民兵组织建设 征兵工作 "
     "政务服务 统计报表报送 机关后勤保障 信息化建设 干部人事管理 督查督办|财政局 审计局 数据局 "
     "人民武装部 委机构编制委员会办公室 档案馆|*档案法 *预算法 *保守国家秘密法 *兵役法 "
     "*政府信息公开条例|党政办公室 财政和资产管理办公室|档案员 财务会计 武装部长"),
)]
QUALIFIERS = ("", "", *W("辖区 农村 城镇 村（社区） 重点区域 城乡接合部 重点行业领域"))
ACTIONS = {"basic": W("组织实施 日常管理 宣传引导 统筹推进 服务保障 台账管理 督促落实 "
                      "规范化建设 监测预警 考核评估 培训指导 工作推进"),
           "cooperative": W("监督检查 排查整治 信息报送 联合执法 专项治理 数据采集 巡查处置 "
                            "隐患排查 整改督办 检查验收"),
           "recovered": W("对{o}违法行为的行政处罚 {o}相关行政许可 {o}行政检查 {o}有关行政强制 "
                          "{o}领域行政确认 对{o}的行政裁决")}
# the first clause names the subject ({o}; {r} county prefix, {l} lead); "*" lists fill up to length
CLAUSES = {
    "basic": W("落实{o}工作责任制 制定{o}年度工作计划并组织实施 建立健全{o}工作台账 "
               "组织开展{o}宣传教育 定期分析研判{o}工作情况 指导村（社区）做好{o}相关工作"),
    "basic*": W("明确责任科室和具体责任人 定期向党（工）委报告工作进展 按要求做好资料归档 "
                "对发现的问题督促整改到位 做好政策解释和群众服务 建立工作例会和通报制度 "
                "接受群众监督并及时回应诉求 将工作情况纳入年度考核 按规定报送工作信息和统计数据"),
    "dept": W("负责全{r}{o}工作的统筹规划和监督管理 制定{o}相关标准和工作规范 "
              "组织开展{o}业务培训和技术指导 依法查处{o}领域违法行为 "
              "统筹调配{o}所需专业力量和经费"),
    "dept*": W("牵头建立部门协同机制 定期通报工作进展 承担行政执法主体责任 "
               "对乡镇（街道）开展业务指导 受理并处置乡镇（街道）报告的问题线索 "
               "组织开展专项检查和考核评估"),
    "town": W("配合开展{o}日常巡查 协助{l}做好{o}信息采集 配合做好{o}宣传动员 "
              "发现{o}相关问题线索及时向{l}报告"),
    "town*": W("配合做好现场秩序维护 督促村（社区）落实网格巡查 协助做好群众解释和矛盾化解 "
               "按要求提供辖区基础信息 配合开展整改情况回访 落实属地人员力量保障"),
}
CATEGORIES = (("basic", "B", 117, "基本履职事项"), ("cooperative", "C", 99, "配合履职事项"),
              ("recovered", "R", 124, "上级部门收回事项"))  # shares as measured: 117:99:124
MUTATIONS = W("每季度报送一次工作进展 同步更新电子台账 按新修订的办法执行 纳入网格巡查清单 "
              "每半年开展一次回头看")
DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Stats:
    counties: int
    townships: int
    items: int
    basic: int
    cooperative: int
    recovered: int
    files: int  # township lists, county registries, records, tasks and dutylist.yaml
    bytes: int
    records: int = 0  # adjustment records (adjustments/<county>/)
    tasks: int = 0  # temporary tasks (temporary/<county>/)


@dataclass(frozen=True)
class Mutation:
    head: str  # the new commit
    edits: int  # items edited
    renamed: tuple[str, str]  # the township list renamed: old and new path


@dataclass(frozen=True)
class County:
    code: str
    name: str
    city: tuple[str, str]
    prefix: str  # 区 / 县 / 市: the prefix of its department names
    departments: tuple[tuple[str, str], ...]  # canonical name, alias

    def header(self) -> list[str]:
        return [f'county: {{code: "{self.code}", name: {self.name}}}',
                f'city: {{code: "{self.city[0]}", name: {self.city[1]}}}']


def chinese(n: int) -> str:
    """1..99 in Chinese numerals, as in article numbers (第九条, 第十一条, 第四十条)."""
    if n < 10 or n > 99:
        return DIGITS[n] if n < 10 else str(n)
    return ("" if n < 20 else DIGITS[n // 10]) + "十" + (DIGITS[n % 10] if n % 10 else "")


def _spread(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split unevenly into ``parts`` (7–20 per part for the default 1237 / 95)."""
    if total < parts:
        raise ValueError(f"need at least one township per county ({total} < {parts})")
    low = max(1, round(total / parts * 0.55))
    high = max(round(total / parts * 1.55), -(-total // parts))
    counts = [low] * parts
    weights = [rng.lognormvariate(0, 0.6) for _ in range(parts)]
    for _ in range(total - low * parts):
        open_ = [i for i in range(parts) if counts[i] < high]
        counts[rng.choices(open_, [weights[i] for i in open_])[0]] += 1
    return counts


def _counties(rng: random.Random, number: int) -> list[County]:
    stems: set[str] = set()
    taken: dict[str, set[str]] = {}
    always = {domain[2][0] for domain in DOMAINS}
    result = []
    for index in range(number):
        city = f"32{index % len(CITIES) + 1:02d}"
        suffix = rng.choices("区县市", (50, 25, 25))[0]
        used = taken.setdefault(city, set())
        free = [d for d in COUNTY_DIGITS[suffix] if d not in used]
        if not free:
            suffix, free = "区", [f"{d}" for d in range(30, 80) if f"{d}" not in used]
        used.add(free[0])
        stem = "".join(rng.sample(SYLLABLES, 2))
        while stem in stems:
            stem = "".join(rng.sample(SYLLABLES, 2))
        stems.add(stem)
        chosen = set(rng.sample(DEPARTMENTS, rng.randint(26, 30)))
        chosen.update(entry for entry in DEPARTMENTS if entry.split(":")[0] in always)
        departments = tuple((suffix + base, suffix + short if short else stem + suffix + base)
                            for base, short in (e.split(":") for e in DEPARTMENTS if e in chosen))
        seat = (city + "00", CITIES[index % len(CITIES)] + "市")
        result.append(County(city + free[0], stem + suffix, seat, suffix, departments))
    return sorted(result, key=lambda c: c.code)


def _text(rng: random.Random, kind: str, target: int, **fill: str) -> str:
    parts = [rng.choice(CLAUSES[kind]).format(**fill)]
    pool = rng.sample(CLAUSES[kind + "*"], len(CLAUSES[kind + "*"]))
    while sum(map(len, parts)) + len(parts) < target and pool:
        parts.append(pool.pop())
    return "，".join(parts) + "。"


def _township(rng: random.Random, county: County, code: str, name: str, kind: str,
              items: int, tally: list[int], ids: list[str]) -> str:
    short, place = county.name[:2], {"subdistrict": "街道", "town": "镇", "township": "乡"}[kind]
    canonical = [d[0] for d in county.departments]
    lines = ["schema: dutylist/township-list/1", "township:", f'  code: "{code}"',
             f"  name: {name}", f"  kind: {kind}", *county.header(), "edition:",
             f'  version: "2025.{rng.randint(1, 3)}"',
             f"  effective: 2025-{rng.randint(1, 9):02d}-01",
             f"  document: {short}编〔2025〕{rng.randint(1, 60)}号"]
    seen: set[str] = set()
    for position, (category, letter, share, label) in enumerate(CATEGORIES):
        count = round(items * share / 340 * rng.uniform(0.9, 1.1)) or int(position == 0)
        tally[position] += count
        lines += ["", f"{category}:{' ' * (14 - len(category))}# {label}" if count else
                  f"{category}: []"]
        for number in range(1, count + 1):
            domain, objects, bases, laws, units, posts = rng.choice(DOMAINS)
            subject = rng.choice(QUALIFIERS) + rng.choice(objects)
            action = rng.choice(ACTIONS[category])
            base_name = action.format(o=subject) if "{o}" in action else subject + action
            item_name, suffix = base_name, 1
            while unicodedata.normalize("NFKC", item_name) in seen:  # 同名加（二）、（三）……
                suffix += 1
                item_name = f"{base_name}（{chinese(suffix)}）"
            seen.add(unicodedata.normalize("NFKC", item_name))
            ids.append(f"{letter}{number:03d}")
            lines += [f"  - id: {letter}{number:03d}", f"    name: {item_name}",
                      f"    domain: {domain}"]
            related = [county.prefix + b for b in bases if county.prefix + b in canonical]
            target = round(rng.triangular(45, 140, 70))
            if category == "basic":
                lines += ["    content: >-", "      " + _text(rng, "basic", target, o=subject)]
            elif category == "cooperative":
                lead = rng.choice(related)
                others = [d for d in related if d != lead]
                partners = rng.sample(others, min(len(others), rng.randint(0, 2)))
                extra = rng.choice(canonical) if rng.random() < 0.3 else lead
                partners += [extra] if extra != lead and extra not in partners else []
                lines.append(f"    lead: {lead}")
                lines += [f"    partners: [{', '.join(partners)}]"] if partners else []
                lines += ["    department_duties: >-",
                          "      " + _text(rng, "dept", target, o=subject, r=county.prefix),
                          "    township_duties: >-",
                          "      " + _text(rng, "town", target, o=subject, l=lead)]
            else:
                holder = rng.choice(related)
                lines.append(f"    department: {holder}")
                if rng.random() < 0.8:
                    lines.append(f"    working_mode: 由{holder}直接实施，{place}发现问题及时报告")
                if rng.random() < 0.3:
                    lines.append(f"    penalty_powers: {rng.randint(1, 60)}")
                if rng.random() < 0.2:
                    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    lines.append(f"    handover: {{document: {short}编〔2025〕"
                                 f"{rng.randint(1, 90)}号, date: {day}}}")
            cites = [f"《{law.replace('*', '中华人民共和国')}》第{chinese(rng.randint(1, 60))}条"
                     for law in rng.sample(laws, rng.choice((1, 1, 2)))]
            lines.append(f"    basis: [{', '.join(cites)}]")
            if category == "basic":
                chosen = rng.sample(posts, rng.randint(1, 2))
                lines += [f"    units: [{rng.choice(units)}]", f"    posts: [{', '.join(chosen)}]"]
            if rng.random() < 0.1:
                lines.append("    source: local")
            if rng.random() < 0.04:
                lines.append(f"    remarks: 根据{short}编〔2024〕{rng.randint(1, 40)}号调整")
    return "\n".join(lines) + "\n"


TRIGGERS = (("law_change", 1), ("provincial_requirement", 1), ("township_application", 1),
            ("central_deployment", 1), ("department_proposal", 3),
            ("leadership_assignment", 3))  # token, approvals needed (county, city, province)
TASKS = W("经济普查入户登记 防汛防台专项督查迎检 人口抽样调查 农业普查数据采集 "
          "文明城市创建迎检 耕地保护专项督查迎检 安全生产大检查迎检 森林防火专项督查迎检")


def _date(rng: random.Random, low: dt.date, days: int) -> dt.date:
    return low + dt.timedelta(days=rng.randint(0, days))


def _records(rng: random.Random, county: County, towns: list[tuple[str, list[str]]],
             number: int) -> list[tuple[str, str]]:
    """Adjustment records of one county naming real items of its townships (spec §4)."""
    out = []
    short = county.name[:2]
    for serial in range(1, number + 1):
        record_id = f"{county.code}-2025-{serial:03d}"
        trigger, levels = rng.choice(TRIGGERS)
        proposed = _date(rng, dt.date(2025, 1, 6), 150)
        changes = []
        for code, ids in rng.sample(towns, min(len(towns), rng.choice((1, 1, 2, 3)))):
            action = rng.choice(("add", "modify", "modify", "remove"))
            # add and modify name items the list has; a removed item is gone from it
            item = rng.choice(ids) if action != "remove" else f"B{len(ids) + 1 + serial:03d}"
            changes.append(f'  - {{township: "{code}", action: {action}, item: {item}}}')
        day, approvals = proposed, []
        for level, body in (("county", f"{county.name}委编办"), ("city", f"{county.city[1]}委编办"),
                            ("province", "江苏省委编办"))[:levels]:
            day = _date(rng, day + dt.timedelta(days=3), 30)
            approvals.append(f"  - {{level: {level}, body: {body}, document: "
                             f"{short}编〔2025〕{rng.randint(1, 90)}号, date: {day}}}")
        text = "\n".join([
            "schema: dutylist/adjustment/1", f"id: {record_id}", f'county: "{county.code}"',
            f"trigger: {trigger}", f"proposed: {proposed}",
            f"summary: 根据{short}编〔2025〕{rng.randint(1, 90)}号"
            f"调整{len(changes)}个乡镇的履职事项",
            "changes:", *changes, "approvals:", *approvals]) + "\n"
        out.append((f"adjustments/{county.code}/{record_id}.yaml", text))
    return out


def _tasks(rng: random.Random, county: County, towns: list[tuple[str, list[str]]],
           number: int) -> list[tuple[str, str]]:
    """Temporary tasks of one county: some for [all] townships, some closed, none overdue."""
    out = []
    for serial in range(1, number + 1):
        task_id = f"{county.code}-T2025-{serial:03d}"
        if rng.random() < 0.2:
            named = "[all]"
        else:
            chosen = sorted(c for c, _ in rng.sample(towns, min(len(towns), rng.randint(1, 4))))
            named = "[" + ", ".join(f'"{c}"' for c in chosen) + "]"
        start = _date(rng, dt.date(2025, 2, 1), 200)
        closed = rng.random() < 0.7
        # an open task is due far ahead, so the province has no overdue warning for years
        due = _date(rng, start + dt.timedelta(days=30), 90) if closed else dt.date(2030, 12, 31)
        text = "\n".join([
            "schema: dutylist/temporary-task/1", f"id: {task_id}", f'county: "{county.code}"',
            f"title: 配合开展{rng.choice(TASKS)}工作", f"townships: {named}",
            f"decision: {{body: {county.name}委, document: {county.name[:2]}委〔2025〕"
            f"{rng.randint(1, 60)}号, date: {start}}}",
            f"start: {start}", f"due: {due}", f"status: {'closed' if closed else 'open'}",
            f"closed: {{date: {due}, note: 已完成}}" if closed else "closed: null"]) + "\n"
        out.append((f"temporary/{county.code}/{task_id}.yaml", text))
    return out


def generate(out: Path, *, counties: int = 95, townships: int = 1237, items: int = 250,
             seed: int = SEED) -> Stats:
    """Write ``dutylist.yaml`` and ``lists/`` into ``out``; the same seed gives the same bytes."""
    if (out / "lists").exists():
        raise FileExistsError(f"{out / 'lists'} exists; pick an empty folder")
    (out / "lists").mkdir(parents=True)
    rng = random.Random(f"{seed}:province")
    config = (f'schema: dutylist/config/1\nprovince: {{code: "32", name: 江苏省}}\n'
              f"domains: [{', '.join(d[0] for d in DOMAINS)}]\n").encode()
    (out / "dutylist.yaml").write_bytes(config)
    tally, files, size, records, tasks = [0, 0, 0], 1, len(config), 0, 0
    for county, number in zip(_counties(rng, counties), _spread(rng, townships, counties),
                              strict=True):
        folder = out / "lists" / f"{county.code}-{county.name}"
        folder.mkdir()
        registry = ["schema: dutylist/county/1", *county.header(), "departments:"]
        for name, alias in county.departments:
            registry += [f"  - name: {name}", f"    aliases: [{alias}]"]
        data = ("\n".join(registry) + "\n").encode()
        (folder / f"{county.code}.yaml").write_bytes(data)
        files, size = files + 1, size + len(data)
        serial, names, towns = [0, 0, 0], set(), []
        kinds = rng.choices(KINDS, KIND_WEIGHTS[county.prefix], k=number)
        for kind, label, digit in sorted(kinds, key=lambda k: k[2]):
            serial[digit] += 1 + (rng.random() < 0.15)  # codes have gaps, as real ones do
            if serial[digit] > 99:
                raise ValueError(f"too many {label} in {county.name}; use more counties")
            code = f"{county.code}{digit}{serial[digit]:02d}"
            name = "".join(rng.sample(SYLLABLES, 2)) + label
            while name in names:
                name = "".join(rng.sample(SYLLABLES, 2)) + label
            names.add(name)
            township_rng, ids = random.Random(f"{seed}:{code}"), []
            data = _township(township_rng, county, code, name, kind, items, tally, ids).encode()
            (folder / f"{code}-{name}.yaml").write_bytes(data)
            files, size = files + 1, size + len(data)
            towns.append((code, ids))
        # records and tasks draw from their own stream: the lists' bytes do not depend on them
        side = random.Random(f"{seed}:{county.code}:records")
        made = _records(side, county, towns, 1 + (side.random() < 0.5))
        made += _tasks(side, county, towns, 1 + (side.random() < 0.25))
        for name, text in made:
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode())
            files, size = files + 1, size + len(text.encode())
            records, tasks = records + name.startswith("adj"), tasks + name.startswith("temp")
    return Stats(counties, townships, sum(tally), tally[0], tally[1], tally[2], files, size,
                 records, tasks)


def _git(out: Path, *args: str, date: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    command = ["git", "-c", "user.name=dutylist bench", "-c", "user.email=bench@dutylist.invalid",
               "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", *args]
    done = subprocess.run(command, cwd=out, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def init_git(out: Path) -> str:
    """Make ``out`` a git repository with one commit of everything; returns the commit id."""
    date = "2025-01-01T09:00:00+08:00"
    (out / ".gitignore").write_text(".dutylist_cache/\n", "utf-8")
    _git(out, "init", "-q", "--initial-branch=main", date=date)
    _git(out, "add", "-A", date=date)
    _git(out, "commit", "-q", "--no-verify", "-m", "初始导入：全省履职事项清单", date=date)
    return _git(out, "rev-parse", "HEAD", date=date)


def mutate_commit(out: Path, *, seed: int = SEED, files: int = 30, share: float = 0.01) -> Mutation:
    """Commit an edit to ``share`` of all items, spread over ``files`` lists, and one township
    renamed (撤乡设镇 or 撤镇设街道: code, name and kind change, so `git diff -M` sees a rename)."""
    rng = random.Random(f"{seed}:mutate")
    lists = sorted((out / "lists").glob("*/*-*.yaml"))
    total = sum(p.read_bytes().count(b"\n  - id: ") for p in lists)
    chosen, edits = rng.sample(lists, min(files, len(lists))), 0
    for index, path in enumerate(chosen):  # one more clause in the item's first folded text
        items = path.read_text("utf-8").split("\n  - id: ")
        folded = [i for i, item in enumerate(items) if i and ">-\n" in item]
        wanted = round(total * share * (index + 1) / len(chosen)) - edits
        for i in rng.sample(folded, max(0, min(len(folded), wanted))):
            items[i] = items[i].replace("。\n", f"，{rng.choice(MUTATIONS)}。\n", 1)
            edits += 1
        path.write_text("\n  - id: ".join(items), "utf-8")
    rest = [p for p in lists if p not in chosen] or lists
    source = next((p for p in rest if p.stem.endswith("乡")),
                  next((p for p in rest if p.stem.endswith("镇")), rest[0]))
    old_code, old_name = source.stem.split("-", 1)
    upgrades = {"乡": ("1", "town", "镇"), "镇": ("0", "subdistrict", "街道")}
    digit, kind, label = upgrades.get(old_name[-1], upgrades["镇"])
    name = old_name.removesuffix("乡").removesuffix("镇").removesuffix("街道") + label
    taken = {p.stem[:9] for p in source.parent.glob("*-*.yaml")}
    code = next(c for c in (f"{old_code[:6]}{digit}{n:02d}" for n in range(1, 100))
                if c not in taken)
    head, body = source.read_text("utf-8").split("\ncounty:", 1)
    head = head.replace(f'"{old_code}"', f'"{code}"').replace(f"name: {old_name}", f"name: {name}")
    target = source.with_name(f"{code}-{name}.yaml")
    target.write_text(re.sub(r"kind: \w+", f"kind: {kind}", head) + "\ncounty:" + body, "utf-8")
    source.unlink()
    date = "2025-03-01T09:00:00+08:00"
    _git(out, "add", "-A", date=date)
    message = f"调整{len(chosen)}个清单的{edits}个事项；{old_name}改设为{name}"
    _git(out, "commit", "-q", "--no-verify", "-m", message, date=date)
    renamed = str(source.relative_to(out)), str(target.relative_to(out))
    return Mutation(_git(out, "rev-parse", "HEAD", date=date), edits, renamed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (the data root)")
    for flag, default in ("counties", 95), ("townships", 1237), ("items", 250), ("seed", SEED):
        parser.add_argument(f"--{flag}", type=int, default=default, help=f"default {default}")
    parser.add_argument("--force", action="store_true",
                        help="replace out/lists, out/adjustments, out/temporary and out/.git")
    parser.add_argument("--git", action="store_true", help="make it a git repo, one commit")
    parser.add_argument("--mutate-commit", action="store_true",
                        help="implies --git; a second commit edits ~1%% of items in 30 files "
                        "and renames one township list")
    options = parser.parse_args()
    if options.force:
        for name in ("lists", "adjustments", "temporary", ".git"):
            shutil.rmtree(options.out / name, ignore_errors=True)
    start = time.perf_counter()
    try:
        stats = generate(options.out, counties=options.counties, townships=options.townships,
                         items=options.items, seed=options.seed)
    except (ValueError, FileExistsError) as error:
        parser.error(str(error))
    print(f"{stats.townships} townships in {stats.counties} counties, {stats.items} items "
          f"({stats.basic}/{stats.cooperative}/{stats.recovered}), {stats.records} records, "
          f"{stats.tasks} tasks, {stats.files} files, "
          f"{stats.bytes / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
    if options.git or options.mutate_commit:
        print(f"commit {init_git(options.out)}")
    if options.mutate_commit:
        change = mutate_commit(options.out, seed=options.seed)
        print(f"commit {change.head}: {change.edits} item edits, {' -> '.join(change.renamed)}")


if __name__ == "__main__":
    main()
