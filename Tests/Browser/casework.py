"""A request's life in headless Chromium (Playwright driving the system's browser): an applicant files
it in the portal, staff see it on the desk and ask for a correction, the applicant answers it online,
staff extend the period and reply 不予公开 with a ground, and table 三 of the year shows it with a
drill-down to the case. Screenshots of every step go to the artifacts folder. Exits 1 with the failed
check.

usage: casework.py BASE_URL ARTIFACTS_DIR USER PASSWORD
"""
import os
import re
import shutil
import sys

from playwright.sync_api import sync_playwright

base, artifacts, user, password = sys.argv[1:5]
os.makedirs(artifacts, exist_ok=True)


def check(condition, what):
    if not condition:
        print(f"FAILED: {what}")
        sys.exit(1)
    print(f"ok: {what}")


def shot(page, name):
    page.screenshot(path=os.path.join(artifacts, name), full_page=True)


executable = shutil.which("chromium") or shutil.which("chromium-browser")

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
    applicant = browser.new_context(viewport={"width": 412, "height": 900}).new_page()
    staff = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()

    applicant.goto(base + "/apply")
    applicant.fill("input[name=agency]", "某市统计局")
    applicant.fill("input[name=name]", "张三")
    applicant.fill("input[name=id_type]", "身份证")
    applicant.fill("input[name=id_number]", "110101199001011234")
    applicant.fill("input[name=phone]", "13800000000")
    applicant.fill("textarea[name=description]", "2024年统计公报所用的原始调查数据")
    shot(applicant, "case-1-apply.png")
    applicant.click("form[action='/apply'] button[type=submit]")
    check("/track/" in applicant.url, "the portal files the request and opens its tracking page")
    code = re.search(r"/track/([A-Z0-9]+)", applicant.url).group(1)
    check("答复期限" in applicant.inner_text("main"), "the tracking page states the due date")
    check("110101199001011234" not in applicant.content(), "no identity number on the applicant's page")
    shot(applicant, "case-2-tracking.png")

    staff.goto(base + "/cases")
    staff.fill("input[name=name]", user)
    staff.fill("input[name=password]", password)
    staff.click("form[action='/login'] button[type=submit]")
    check(staff.url.endswith("/cases"), "after signing in the worklist opens")
    check("张三" in staff.inner_text("table.list"), "the request is on the worklist")
    shot(staff, "case-3-worklist.png")
    staff.click("table.list a >> nth=0")
    case_url = staff.url

    def record(event, value=None, approver=None, reply=None):
        staff.goto(case_url)
        staff.select_option("select[name=event]", event)
        if value is not None:
            staff.fill("input[name=value]", value)
        if approver is not None:
            staff.fill("input[name=approved_by]", approver)
        if reply is not None:
            staff.select_option("select[name=reply]", reply)
        staff.click("form[action$='/events'] button[type=submit]")
        check("error-box" not in staff.content(), f"{event} recorded")

    record("correction-requested")
    check("待申请人补正" in staff.inner_text("main"), "the case waits for the applicant's correction")

    applicant.goto(base + "/track/" + code)
    check("请补正申请" in applicant.inner_text("main"), "the applicant is asked to correct the request")
    applicant.fill("textarea[name=correction]", "指2024年度统计公报第三部分所用的原始数据")
    shot(applicant, "case-4-correction.png")
    applicant.click("form[action$='/correction'] button[type=submit]")
    check("办理中" in applicant.inner_text("main"), "after the correction the case is running again")

    record("extension", value="10", approver="王主任")
    check("延期答复 10 个工作日" in staff.inner_text("main"), "the extension is on the case page")
    record("replied", reply="third-party")
    main = staff.inner_text("main")
    check("已办结" in main and "保护第三方合法权益" in main, "the reply 不予公开 with its ground closes the case")
    shot(staff, "case-5-closed.png")

    year = re.search(r"收到 (\d{4})-", main).group(1)
    staff.goto(base + f"/cases/table?year={year}")
    cell = staff.locator("td[data-key='requests.withheld.third_party.natural_person'] a")
    check(cell.inner_text() == "1", "table 三 counts the reply under 不予公开 · 保护第三方合法权益")
    shot(staff, "case-6-table.png")
    cell.click()
    check("张三" in staff.inner_text("main"), "the drill-down lists the case behind the number")
    shot(staff, "case-7-drilldown.png")
    browser.close()
