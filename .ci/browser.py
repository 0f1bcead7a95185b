"""The page of `missiedocs serve` in a real browser.

Debian's Chromium, driven headless through chromedriver with Selenium:
on a data folder with a wrong date, the overview names the problem at its
place, the search field filters the documents, "Alles maken" runs the
batch and offers the zip, the page shows the corrected workbook within
seconds without a reload, a document's page offers its PDF, and axe-core
finds no serious or critical accessibility violation on either page.
Fails when the browser cannot be started.

Usage: python3 .ci/browser.py <missiedocs binary> <work folder> [screenshot.png]
"""

import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def data_with_a_wrong_date(binary: str, work: Path) -> Path:
    folder = work / "map"
    subprocess.run([binary, "init", str(folder)], check=True, capture_output=True)
    book = folder / "missies.xlsx"
    set_date(book, "31-02-2024")
    return book


def set_date(book: Path, value) -> None:
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Missies"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("begindatum") + 1, value=value)
    workbook.save(book)


def wait(what: str, seconds: float, holds) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if holds():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{what} within {seconds} s")


def accessible(driver, what: str) -> None:
    axe = Axe(driver)
    axe.inject()
    found = axe.run()
    serious = [v for v in found["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in serious:
        print(f"{what}: {violation['id']} ({violation['impact']}): {violation['help']}")
    assert not serious, f"{what}: {len(serious)} serious or critical violations"
    print(f"{what}: axe-core found no serious or critical violation ({len(found['violations'])} other)")


def main() -> None:
    binary, work = sys.argv[1], Path(sys.argv[2])
    screenshot = sys.argv[3] if len(sys.argv) > 3 else None
    book = data_with_a_wrong_date(binary, work)
    server = subprocess.Popen(
        [str(Path(binary).resolve()), "serve", "--data", str(book.relative_to(work)), "--port", "0"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        base = server.stdout.readline().strip().rstrip("/")
        assert base.startswith("http://127.0.0.1:"), base
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.get(base + "/")
            assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
            problems = driver.find_element(By.ID, "lijst-problemen").text
            assert "blad `Missies`, rij 2, kolom `begindatum`" in problems, problems
            assert "`31-02-2024` is geen bestaande datum" in problems, problems
            if screenshot:
                driver.save_screenshot(screenshot)
            # Typing filters the table.
            rows = driver.find_elements(By.CSS_SELECTOR, "#tabel-documenten tbody tr")
            driver.find_element(By.ID, "zoek-documenten").send_keys("memo")
            shown = [r for r in rows if r.is_displayed()]
            assert 0 < len(shown) < len(rows), (len(shown), len(rows))
            accessible(driver, "overzicht")
            # "Alles maken": the run's progress, then the zip.
            driver.find_element(By.ID, "alles-maken").click()
            wait("the zip offered", 120, lambda: driver.find_elements(By.PARTIAL_LINK_TEXT, "Download de zip"))
            stand = driver.find_element(By.ID, "stand").text
            assert stand.startswith("Klaar: 1 / 6, 5 mislukt"), stand
            href = driver.find_element(By.PARTIAL_LINK_TEXT, "Download de zip").get_attribute("href")
            assert href.endswith("/api/v1/opdrachten/1/zip"), href
            # Live: the workbook corrected on disk shows without a reload.
            driver.execute_script("window.notReloaded = true")
            set_date(book, "2024-06-10")
            took = wait(
                "the corrected workbook shown",
                3,
                lambda: "Geen problemen gevonden" in driver.find_element(By.TAG_NAME, "main").text,
            )
            assert driver.execute_script("return window.notReloaded === true"), "the page was reloaded"
            print(f"live: the corrected workbook shown after {took:.1f} s, without a reload")
            # A document nothing stops offers its PDF.
            driver.get(base + "/documenten/memo-2025-ontvangst-tartu")
            link = driver.find_element(By.PARTIAL_LINK_TEXT, "memo-2025-ontvangst-tartu.pdf")
            assert link.get_attribute("href").endswith("/api/v1/documenten/memo-2025-ontvangst-tartu/pdf")
            # Its pages drawn, sharp: twice as many pixels as shown.
            wait("the preview drawn", 20, lambda: all(
                driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
                for img in driver.find_elements(By.CSS_SELECTOR, ".voorbeeld img")
            ))
            pictures = driver.find_elements(By.CSS_SELECTOR, ".voorbeeld img")
            assert pictures, "a preview"
            for img in pictures:
                natural = driver.execute_script("return arguments[0].naturalWidth", img)
                assert natural >= 2 * img.size["width"] - 2, (natural, img.size)
            accessible(driver, "document")
            print(f"browser: the page shows the problem at its place, filters, offers the PDF and {len(pictures)} page(s) drawn")
        finally:
            driver.quit()
    finally:
        server.kill()


if __name__ == "__main__":
    main()
