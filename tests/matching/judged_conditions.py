"""A judged set built with near-misses of every stated condition (tests/matching/data/judged_conditions.csv).

Five seekers, each with a pool of judged vacancies: good ones (relevant), acceptable but not what they want
(not relevant), and near-misses: a good vacancy changed to break one condition a counselor would never overlook
(night or rotating shifts for someone who works days only, an employment type not wanted, outside the desired
regions, a wage below the wish, a certificate the seeker lacks). Near-misses are judged not relevant.
"""

from jobcenter.models import EmploymentType, TargetGroup, WageType
from seekers.models import Seeker
from tests.matching.scoring_factories import matching_seeker, matching_vacancy

FULL, PART, TEMP = EmploymentType.FULL_TIME, EmploymentType.PART_TIME, EmploymentType.TEMPORARY
HOME, NEAR, NEIGHBOUR = "2826053000", "2826058000", "28245"  # 서구 동, 서구 another 동, 계양구

# ref: (occupation, region, fields); relevant per seeker in SEEKERS
VACANCIES = {
    # S1: forklift driver, days, full-time, 2.5M, holds 지게차 and 1종 보통
    "A1": (
        "81",
        HOME,
        {"wage_amount": 2_600_000, "duties": "지게차 운전 및 자재 상하차", "certificates_required": "지게차운전기능사"},
    ),
    "A2": (
        "81",
        NEAR,
        {"wage_amount": 2_500_000, "duties": "자재 입출고", "certificates_required": "2종 보통 운전면허"},
    ),
    "A3": ("81", NEIGHBOUR, {"wage_amount": 2_700_000, "duties": "물류센터 지게차 입출고"}),
    "A4": ("89", HOME, {"wage_amount": 2_500_000, "duties": "제품 포장"}),
    "A5": ("82", HOME, {"wage_amount": 2_500_000, "duties": "금속 가공 보조"}),
    "A6": ("83", NEIGHBOUR, {"wage_amount": 2_600_000, "duties": "전자부품 조립"}),
    "N1": ("81", HOME, {"wage_amount": 2_800_000, "duties": "지게차 운전 및 자재 상하차", "shifts": "2교대 (주야간)"}),
    "N2": ("81", HOME, {"wage_amount": 2_800_000, "duties": "지게차 운전 및 자재 상하차", "employment_type": PART}),
    "N3": ("81", HOME, {"wage_amount": 2_200_000, "duties": "지게차 운전 및 자재 상하차"}),
    "N4": (
        "81",
        HOME,
        {"wage_amount": 2_800_000, "duties": "지게차 운전, 상하차", "certificates_required": "1종 대형 운전면허"},
    ),
    # S2: cook's help, part-time, days, only in 서구
    "B1": (
        "53",
        HOME,
        {"employment_type": PART, "wage_type": WageType.HOURLY, "wage_amount": 11_000, "duties": "주방 보조 및 조리"},
    ),
    "B2": (
        "53",
        NEAR,
        {"employment_type": PART, "wage_type": WageType.HOURLY, "wage_amount": 10_500, "duties": "조리 보조"},
    ),
    "B3": (
        "53",
        "28260",
        {"employment_type": PART, "wage_type": WageType.HOURLY, "wage_amount": 10_300, "duties": "식당 주방"},
    ),
    "B4": (
        "56",
        HOME,
        {"employment_type": PART, "wage_type": WageType.HOURLY, "wage_amount": 10_300, "duties": "건물 청소"},
    ),
    "B5": (
        "55",
        NEAR,
        {"employment_type": PART, "wage_type": WageType.HOURLY, "wage_amount": 10_300, "duties": "돌봄 보조"},
    ),
    "M1": (
        "53",
        NEIGHBOUR,
        {"employment_type": PART, "wage_type": WageType.HOURLY, "wage_amount": 12_000, "duties": "주방 보조 및 조리"},
    ),
    "M2": (
        "53",
        HOME,
        {"employment_type": FULL, "wage_type": WageType.HOURLY, "wage_amount": 12_000, "duties": "주방 보조 및 조리"},
    ),
    "M3": (
        "53",
        HOME,
        {
            "employment_type": PART,
            "wage_type": WageType.HOURLY,
            "wage_amount": 12_000,
            "duties": "주방 보조 및 조리",
            "shifts": "야간 근무",
        },
    ),
    # S3: welder, works any shift, full-time, 3.0M, holds 용접기사
    "C1": (
        "82",
        HOME,
        {
            "wage_amount": 3_200_000,
            "shifts": "2교대",
            "certificates_required": "용접산업기사",
            "duties": "CO2 용접 및 사상",
        },
    ),
    "C2": ("82", NEAR, {"wage_amount": 3_000_000, "certificates_required": "특수용접기능사", "duties": "TIG 용접"}),
    "C3": ("82", NEIGHBOUR, {"wage_amount": 3_100_000, "duties": "배관 용접"}),
    "C4": ("81", HOME, {"wage_amount": 3_000_000, "duties": "기계 조립"}),
    "C5": ("89", HOME, {"wage_amount": 3_000_000, "duties": "단순 조립"}),
    "P1": ("82", HOME, {"wage_amount": 3_400_000, "certificates_required": "용접기능장", "duties": "CO2 용접 및 사상"}),
    "P2": ("82", HOME, {"wage_amount": 2_600_000, "duties": "CO2 용접 및 사상"}),
    "P3": ("82", HOME, {"wage_amount": 3_400_000, "employment_type": TEMP, "duties": "CO2 용접 및 사상"}),
    # S4: cleaner of 5060, days, any type, only in 서구, 2.0M
    "D1": (
        "56",
        HOME,
        {"wage_amount": 2_100_000, "suitable_for": [TargetGroup.AGE_5060], "duties": "건물 청소 및 미화"},
    ),
    "D2": ("56", NEAR, {"wage_amount": 2_000_000, "duties": "사무실 청소"}),
    "D3": ("56", "28260", {"wage_amount": 2_000_000, "employment_type": PART, "duties": "아파트 미화"}),
    "D4": ("53", HOME, {"wage_amount": 2_000_000, "duties": "주방 설거지"}),
    "D5": ("55", NEAR, {"wage_amount": 2_000_000, "duties": "요양 보조"}),
    "Q1": (
        "56",
        NEIGHBOUR,
        {"wage_amount": 2_300_000, "suitable_for": [TargetGroup.AGE_5060], "duties": "건물 청소 및 미화"},
    ),
    "Q2": (
        "56",
        HOME,
        {
            "wage_amount": 2_300_000,
            "suitable_for": [TargetGroup.AGE_5060],
            "duties": "건물 청소 및 미화",
            "shifts": "야간",
        },
    ),
    "Q3": (
        "56",
        HOME,
        {"wage_amount": 1_700_000, "suitable_for": [TargetGroup.AGE_5060], "duties": "건물 청소 및 미화"},
    ),
    # S5: packer with a lathe career, 2.4M, no other condition stated
    "E1": ("81", HOME, {"wage_amount": 2_500_000, "duties": "CNC 선반 가공 … 품질검사"}),
    "E2": ("89", HOME, {"wage_amount": 2_400_000, "duties": "포장 및 품질검사"}),
    "E3": ("89", NEIGHBOUR, {"wage_amount": 2_600_000, "duties": "제품 포장"}),
    "E4": ("82", HOME, {"wage_amount": 2_400_000, "duties": "금속 절단"}),
    "E5": ("86", HOME, {"wage_amount": 2_400_000, "duties": "봉제 보조"}),
    "R1": ("89", HOME, {"wage_amount": 2_000_000, "duties": "포장 및 품질검사"}),
    "R2": (
        "89",
        HOME,
        {"wage_amount": 2_600_000, "duties": "포장 및 품질검사", "certificates_required": "지게차운전기능사"},
    ),
}

SEEKERS = {
    "S1": (
        {
            "occupations": ("81",),
            "shifts": [Seeker.Shift.DAY],
            "employment_types": [FULL],
            "desired_wage": 2_500_000,
            "certificates": ("지게차 자격증", "1종 보통"),
            "careers": (("81", 4, "지게차 운전, 자재 입출고 및 상하차"),),
        },
        {"A1": 1, "A2": 1, "A3": 1, "A4": 0, "A5": 0, "A6": 0, "N1": 0, "N2": 0, "N3": 0, "N4": 0},
    ),
    "S2": (
        {
            "occupations": ("53",),
            "shifts": [Seeker.Shift.DAY],
            "employment_types": [PART],
            "desired_regions": ("28260",),
            "careers": (("53", 3, "식당 주방 조리 보조"),),
        },
        {"B1": 1, "B2": 1, "B3": 1, "B4": 0, "B5": 0, "M1": 0, "M2": 0, "M3": 0},
    ),
    "S3": (
        {
            "occupations": ("82",),
            "shifts": [Seeker.Shift.DAY, Seeker.Shift.NIGHT, Seeker.Shift.ROTATING],
            "employment_types": [FULL],
            "desired_wage": 3_000_000,
            "certificates": ("용접기사",),
            "careers": (("82", 8, "CO2 용접, TIG 용접 및 사상"),),
        },
        {"C1": 1, "C2": 1, "C3": 1, "C4": 0, "C5": 0, "P1": 0, "P2": 0, "P3": 0},
    ),
    "S4": (
        {
            "occupations": ("56",),
            "shifts": [Seeker.Shift.DAY],
            "target_groups": [TargetGroup.AGE_5060],
            "desired_regions": ("28260",),
            "desired_wage": 2_000_000,
        },
        {"D1": 1, "D2": 1, "D3": 1, "D4": 0, "D5": 0, "Q1": 0, "Q2": 0, "Q3": 0},
    ),
    "S5": (
        {"occupations": ("89",), "desired_wage": 2_400_000, "careers": (("81", 3, "CNC 선반 가공, 품질검사"),)},
        {"E1": 1, "E2": 1, "E3": 1, "E4": 0, "E5": 0, "R1": 0, "R2": 0},
    ),
}


def build_judged_conditions(booth) -> None:
    """The seekers and vacancies of tests/matching/data/judged_conditions.csv (refs as external references)."""
    # Near-misses and poor fits first: a ranking that falls back on id order gains nothing from the order of
    # this file.
    for ref, (occupation, region, fields) in reversed(VACANCIES.items()):
        matching_vacancy(external_ref=ref, occupation=occupation, region=region, **{"employment_type": FULL, **fields})
    for ref, (fields, _judged) in SEEKERS.items():
        matching_seeker(booth=booth, external_ref=ref, **fields)


def judged_rows() -> list[tuple[str, str, int]]:
    return [
        (seeker, vacancy, relevant) for seeker, (_, judged) in SEEKERS.items() for vacancy, relevant in judged.items()
    ]
