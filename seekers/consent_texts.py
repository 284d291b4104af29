"""The first published wording of each consent (v1); a data migration and seeker services load them."""

TEXTS = [
    (
        "collection",
        "구직등록과 취업알선, 상담을 위해 아래 개인정보를 수집·이용합니다. 동의하지 않으면 구직등록을 할 수 없습니다.",
        "구직등록, 취업상담, 취업알선, 사후관리, 통계 작성",
        "성명, 생년월일, 연락처(휴대전화, 전자우편), 주소(읍면동), 학력, 경력, 자격증, 희망직종·지역·임금·근무형태",
        "구직등록 종료 후 3년",
    ),
    (
        "sensitive",
        "취업취약계층 맞춤 지원을 위해 장애 여부와 복지 수급 여부(민감정보)를 처리합니다. "
        "동의하지 않아도 구직등록은 가능합니다.",
        "장애인·저소득층 맞춤 일자리 알선 및 유관기관 복지 연계",
        "장애 여부, 기초생활수급 등 복지 수급 여부",
        "구직등록 종료 후 3년 또는 동의 철회 시까지",
    ),
    (
        "sharing",
        "취업알선 시 알선하는 구인업체에 구직신청서(이력)를 제공합니다. "
        "동의하지 않으면 업체에 이력이 전달되지 않습니다.",
        "취업알선 대상 구인업체의 채용 심사",
        "성명, 연락처, 학력, 경력, 자격증, 희망조건",
        "채용 절차 종료 시까지",
    ),
    (
        "job_news",
        "새 구인정보, 채용박람회, 취업특강 소식을 문자와 전자우편으로 받습니다.",
        "일자리 소식 안내",
        "휴대전화, 전자우편",
        "동의 철회 시까지",
    ),
    (
        "talent",
        "구인기업이 인재정보 검색에서 나를 찾을 수 있도록 아래 항목을 이름·연락처 없이 공개합니다. "
        "기업이 면접을 원하면 일자리센터 상담사가 먼저 연락드리며, 동의하지 않아도 구직등록과 취업알선은 "
        "그대로 이용할 수 있습니다.",
        "구인기업의 인재정보 검색 및 일자리센터를 통한 채용 제안",
        "희망 직종, 희망 지역(시군구), 경력 연수, 자격증, 희망 임금, 학력, 연령대(10세 단위)",
        "동의 철회 시까지",
    ),
]

# What an employer sees of a referred seeker is exactly what the sharing consent lists. Each version of the sharing
# consent names its items in `ConsentText.items` ("성명, 학력, ...") and, for the code, in `ConsentText.item_keys`,
# one key per listed item in the same order; matching.selectors.shared_profile shows those and nothing else.
SHARING_ITEM_KEYS = ("name", "age", "region", "education", "education_major", "career", "certificates", "desired")

# v1 listed 연락처 too; the product never showed an employer the phone (the centre arranges contact), so a v1 consent
# shows its other items: a consent allows, it does not oblige.
SHARING_V1_KEYS = ["name", "", "education", "career", "certificates", "desired"]

SHARING_V2 = {
    "text": (
        "취업알선 시 알선하는 구인업체에 아래 항목을 제공합니다. "
        "주소, 생년월일, 연락처, 상담 기록과 민감정보(장애·복지 수급 여부)는 제공하지 않으며, "
        "면접 연락은 센터가 중개합니다. 동의하지 않으면 업체에 이력이 전달되지 않습니다."
    ),
    "purpose": "취업알선 대상 구인업체의 채용 심사",
    "item_keys": ["name", "age", "region", "education_major", "career", "certificates", "desired"],
    "items": "성명, 나이(만 나이), 거주 지역(시·군·구), 학력·전공, 경력, 자격증, 희망조건(직종·근무형태·임금)",
    "retention": "채용 절차 종료 시까지",
}
