# Korean date formats the glossary's way (../shared/glossary.md), for what Django formats itself (form widgets,
# the admin, a |date left in a template): 2027. 1. 5. in text, 2027-01-05 where machines read, 오전 9:00.
# Pages, e-mails and files use jobcenter/formatting.py. Input formats stay Django's.
DATE_FORMAT = "Y. n. j."
TIME_FORMAT = "A g:i"
DATETIME_FORMAT = "Y. n. j. A g:i"
YEAR_MONTH_FORMAT = "Y년 n월"
MONTH_DAY_FORMAT = "n월 j일"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
