"""What the referral journey posts, shared by the locustfile (under load) and page_profile.py (in one process)."""

NOTE = "부하 시험"
SEND = {"t-to_state": "sent", "t-note": ""}
HIRE = {
    "p-start_date": "2030-01-02",
    "p-employment_type": "full_time",
    "p-wage_type": "monthly",
    "p-wage_amount": "2500000",
    "p-weekly_hours": "40",
    "p-employer_name": "벤치기업",
    "p-note": "",
}
