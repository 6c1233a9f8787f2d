#!/usr/bin/env python3
"""The district office in headless Chromium (issue 27), driven by Selenium.

Started by tests/sync/office_browser.rs (through `bash .ci/office-test`), which runs the district
and `district serve` and obeys files in --control: this script touches `add-east` (the east gate
saves and syncs 12 entries) and `stop-west` (the west gate stops syncing). Debian's chromium and
chromedriver only: nothing is downloaded.
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHECKS = []


def check(name, ok, detail=""):
    CHECKS.append((name, bool(ok)))
    print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""), flush=True)
    if not ok:
        raise SystemExit(1)


def wait_for(what, predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception:  # the page may be between two refreshes
            pass
        time.sleep(0.25)
    return None


def browser(downloads, profile):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1000",
                 "--lang=zh-CN"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
        "safebrowsing.enabled": False,
    })
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def text_of(driver, element_id):
    return driver.find_element(By.ID, element_id).text.strip()


def main():
    parser = argparse.ArgumentParser()
    for name in ["url", "viewer", "password", "control", "downloads", "screenshot"]:
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    expected = json.load(open(os.path.join(args.control, "expected.json")))["total"]
    profile = tempfile.mkdtemp(prefix="ck-office-chromium-")
    driver = browser(args.downloads, profile)
    try:
        run(driver, args, expected)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"office browser test: {len(CHECKS)} passed, 0 failed")


def run(driver, args, expected):
    url = args.url
    # Without a session every page and the download land on the login page.
    for path in ["/today", "/hours", "/exceptions", "/report"]:
        driver.get(url + path)
        check(f"{path} without a session shows the login page",
              driver.current_url.endswith("/login") and driver.find_elements(By.ID, "password"))
    driver.get(url + "/report.xlsx")
    time.sleep(1)
    check("no download without a session",
          not [f for f in os.listdir(args.downloads) if f.endswith(".xlsx")], os.listdir(args.downloads))

    # A wrong password is refused, the right one opens Today.
    driver.get(url + "/login")
    driver.find_element(By.ID, "viewer").send_keys(args.viewer)
    driver.find_element(By.ID, "password").send_keys("not-the-password")
    driver.find_element(By.ID, "login").click()
    refused = wait_for("refusal", lambda: driver.find_elements(By.ID, "login-error"), 20)
    check("a wrong password is refused", refused and "账号或密码不对" in refused[0].text)
    driver.find_element(By.ID, "viewer").clear()
    driver.find_element(By.ID, "viewer").send_keys(args.viewer)
    driver.find_element(By.ID, "password").send_keys(args.password)
    driver.find_element(By.ID, "login").click()
    check("logged in to Today", wait_for("today", lambda: driver.find_elements(By.ID, "total-entries"), 10))

    # The totals equal `district report --format json`.
    for key in ["entries", "people_in", "people_out", "vehicles", "fevers", "red", "yellow",
                "referred", "diverted", "repeats", "voided"]:
        shown = text_of(driver, "total-" + key)
        check(f"total {key} equals the report ({expected[key]})", shown == str(expected[key]), shown)
    body = driver.find_element(By.TAG_NAME, "body").text
    check("both gates are named", "东门 1号岗" in body and "西门 2号岗" in body, body)
    check("no alarm while both gates sync", not driver.find_elements(By.CSS_SELECTOR, "p.alarm"))

    # A kiosk syncs new entries: the number changes without a reload.
    driver.execute_script("window.__stillTheSamePage = true;")
    before = int(text_of(driver, "total-entries"))
    open(os.path.join(args.control, "add-east"), "w").close()
    changed = wait_for("count", lambda: int(text_of(driver, "total-entries")) >= before + 12, 20)
    check("the total changes after the east gate syncs", changed, text_of(driver, "total-entries"))
    check("without a reload", driver.execute_script("return window.__stillTheSamePage === true;"))

    # The west gate stops syncing: it turns red at the top.
    open(os.path.join(args.control, "stop-west"), "w").close()
    alarm = wait_for("alarm", lambda: driver.find_elements(By.ID, "alarm-kiosk_west"), 30)
    check("the silent west gate is red at the top", alarm)
    alarm_text = text_of(driver, "alarm-kiosk_west")
    check("the alarm names the gate and the silence", "西门" in alarm_text and "未同步" in alarm_text, alarm_text)
    row = driver.find_element(By.ID, "gate-kiosk_west")
    check("its row is red", "silent" in row.get_attribute("class"))
    check("the east gate is not", not driver.find_elements(By.ID, "alarm-kiosk_east"))
    driver.save_screenshot(args.screenshot)

    # English on one click, and back.
    driver.find_element(By.ID, "language").click()
    check("English", wait_for("en", lambda: "no sync for" in text_of(driver, "alarm-kiosk_west"), 10))
    driver.get(url + "/today?lang=zh")

    # Hours: the chart library loaded from the server itself, the table adds up.
    driver.get(url + "/hours")
    check("ECharts loaded (vendored)", driver.execute_script("return !!window.echarts;"))
    check("the chart is drawn", driver.find_elements(By.CSS_SELECTOR, "#chart canvas"))
    people = sum(int(text_of(driver, f"hour-{h}-people")) for h in range(24))
    shown_people = int(expected["people"])
    check("hours add up to at least the report's people", people >= shown_people, f"{people} < {shown_people}")

    # Exceptions: masked values, never a full ID number or phone.
    driver.get(url + "/exceptions")
    text = driver.find_element(By.TAG_NAME, "body").text
    check("exceptions are listed", driver.find_elements(By.ID, "exceptions"))
    check("masked values only", "*" in text and not re.search(r"\d{11}", text))

    # The day report: download the XLSX (read back by the Rust test).
    driver.get(url + "/today")
    total = text_of(driver, "total-entries")
    driver.get(url + "/report")
    check("the day report names the district", "幸福街道" in driver.find_element(By.TAG_NAME, "h1").text)
    driver.find_element(By.ID, "download-xlsx").click()
    done = wait_for("download", lambda: [f for f in os.listdir(args.downloads) if f.endswith(".xlsx")], 20)
    check("the XLSX is downloaded", done, os.listdir(args.downloads))
    with open(os.path.join(args.control, "downloaded-total"), "w") as out:
        out.write(total)

    # Logging out ends the session.
    driver.find_element(By.ID, "logout").click()
    wait_for("logged out", lambda: driver.current_url.endswith("/login"), 10)
    driver.get(url + "/today")
    check("after logout Today shows the login page", driver.current_url.endswith("/login"))


if __name__ == "__main__":
    try:
        main()
    except SystemExit as exit:
        if exit.code:
            print(f"office browser test: {sum(ok for _, ok in CHECKS)} passed, 1 failed")
        raise
