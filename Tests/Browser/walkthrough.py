"""A person's first session with the report library, in headless Chromium (Playwright driving the
system's browser): sign in, upload reports (a ZIP and single files) through the form, open the region
dashboard, drill down from a summed number to the agencies behind it, open a report, dismiss a
finding. Screenshots of every step go to the artifacts folder. Exits 1 with the failed check.

usage: walkthrough.py BASE_URL ARTIFACTS_DIR FIXTURES_DIR USER PASSWORD
"""
import os
import shutil
import sys
import tempfile
import zipfile

from playwright.sync_api import sync_playwright

base, artifacts, fixtures, user, password = sys.argv[1:6]
os.makedirs(artifacts, exist_ok=True)


def check(condition, what):
    if not condition:
        print(f"FAILED: {what}")
        sys.exit(1)
    print(f"ok: {what}")


def shot(page, name):
    page.screenshot(path=os.path.join(artifacts, name), full_page=True)


work = tempfile.mkdtemp()
archive = os.path.join(work, "辽宁年报.zip")
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(os.path.join(fixtures, "seeds"))):
        z.write(os.path.join(fixtures, "seeds", name), f"seeds/{name}")
singles = [
    os.path.join(fixtures, "samples", name)
    for name in ("平潭综合实验区2019年度报告.txt", "平潭综合实验区2022年度报告.html")
]
executable = shutil.which("chromium") or shutil.which("chromium-browser")

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1200, "height": 900})

    page.goto(base + "/upload")
    check("/login" in page.url, "the upload page asks a stranger to sign in")
    page.fill("input[name=name]", user)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    check(page.url.endswith("/upload"), "after signing in the upload page opens")

    page.set_input_files("input[name=files]", [archive] + singles)
    page.click("form[action='/upload'] button[type=submit]")
    page.wait_for_selector("text=导入结果")
    summary = page.inner_text(".notice-box")
    check("共 7 个文件：新导入 7" in summary, f"7 reports imported from a ZIP of 5 and 2 files ({summary})")
    shot(page, "walk-1-upload.png")

    page.click("text=查看地区汇总")
    page.click("a:text-is('2020')")
    cards = page.inner_text(".cards")
    check("在册机关" in cards and "未发布" in cards, "the dashboard shows who has and has not reported")
    shot(page, "walk-2-dashboard.png")
    page.click("table.list a:text-is('辽宁省')")
    page.click("table.list a:text-is('沈阳市')")
    check("沈阳市 2020 年度报告汇总" in page.inner_text("h1"), "drill into 辽宁省 › 沈阳市")
    reported = page.inner_text(".cards")
    check(reported.split()[2] == "2", f"two agencies of 沈阳市 reported for 2020 ({reported.split()})")
    total = page.inner_text("td[data-key='requests.new.total'] a")
    shot(page, "walk-3-region.png")
    page.click("td[data-key='requests.new.total'] a")
    drill = page.inner_text("main")
    check(f"合计：{total}" in drill, f"the drill-down shows the total {total}")
    check("沈阳市辽中区统计局" in drill and "沈阳市工业和信息化局" in drill, "and the agencies behind it")
    shot(page, "walk-4-drilldown.png")

    page.click("table.list a:text-is('沈阳市辽中区统计局')")
    check("沈阳市辽中区统计局" in page.inner_text("h1"), "the report page of an agency")
    check(page.locator("table.statutory").count() == 3, "with the three statutory tables")
    check("检查结果" in page.inner_text("main"), "and its findings")
    shot(page, "walk-5-report.png")
    forms = page.locator("form.review[action*='/findings/']")
    if forms.count() > 0:
        forms.first.locator("input[name=comment]").fill("原件如此，不需更正")
        forms.first.locator("button[value=dismissed]").click()
        check("驳回" in page.inner_text(".findings"), "a finding dismissed with a comment")
    page.select_option("form[action$='/state'] select[name=state]", "accepted")
    page.click("form[action$='/state'] button[type=submit]")
    check("已通过" in page.inner_text("strong.state"), "the report accepted")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(base + "/regions/0?year=2020")
    width = phone.evaluate("document.documentElement.scrollWidth")
    check(width <= 390 + 1, f"the dashboard fits a phone ({width}px)")
    shot(phone, "walk-6-phone.png")
    browser.close()
shutil.rmtree(work)
