"""The page of `missiedocs serve` in a real browser.

Debian's Chromium, driven headless through chromedriver with Selenium:
on a data folder with a wrong date, the overview names the problem at its
place under the documents it stops, the search fields filter the problems
and the documents, the pages of each document made are counted, a
workbook sent through the form is checked, "Alles maken" runs the batch
with its progress told as server-sent events and offers the zip, the page
shows the corrected workbook within seconds without a reload, a
document's page offers its PDF and draws its pages, drawn anew when the
workbook changes, and axe-core finds no serious or critical accessibility
violation on either page.
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
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def data_with_a_wrong_date(binary: str, work: Path) -> Path:
    folder = work / "map"
    subprocess.run([binary, "init", str(folder)], check=True, capture_output=True)
    book = folder / "missies.xlsx"
    set_date(book, "31-02-2024")
    return book


def set_cell(book: Path, sheet_name: str, row: int, column: str, value) -> None:
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[sheet_name]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=row, column=header.index(column) + 1, value=value)
    workbook.save(book)


def set_date(book: Path, value) -> None:
    set_cell(book, "Missies", 2, "begindatum", value)


# Asked inside the page in one go: the page replaces its pictures when the
# workbook changes, so an element found in one call may be gone in the next.
DRAWN = """
const pictures = [...document.querySelectorAll('.voorbeeld img')];
return pictures.length > 0 && pictures.every(img => img.complete && img.naturalWidth > 0);
"""
FIRST_SRC = """
const img = document.querySelector('.voorbeeld img');
return img ? img.getAttribute('src') : null;
"""
MAIN_TEXT = "return document.querySelector('main').innerText"


def wait(what: str, seconds: float, holds) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if holds():
                return time.monotonic() - start
        except StaleElementReferenceException:
            pass  # the page replaced what was looked at: look again
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
    (work / "fout.xlsx").write_bytes(book.read_bytes())
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
            # Grouped under the documents it stops.
            group = driver.find_element(By.CSS_SELECTOR, "#lijst-problemen > li")
            heading = group.find_element(By.TAG_NAME, "h3").text
            assert heading.startswith("Stopt ") and "rib-2024-handelsmissie-tartu" in heading, heading
            if screenshot:
                driver.save_screenshot(screenshot)
            # Typing filters the problems (by a document they stop) and the table.
            search = driver.find_element(By.ID, "zoek-problemen")
            search.send_keys("memo-2025")
            assert not group.is_displayed(), "the group of a problem that does not stop the memo"
            search.clear()
            search.send_keys("rib-2024")
            assert group.is_displayed(), "the group of a problem that stops the letter"
            rows = driver.find_elements(By.CSS_SELECTOR, "#tabel-documenten tbody tr")
            driver.find_element(By.ID, "zoek-documenten").send_keys("memo")
            shown = [r for r in rows if r.is_displayed()]
            assert 0 < len(shown) < len(rows), (len(shown), len(rows))
            # The pages of the document made, counted in the background.
            pages = lambda: driver.find_element(By.CSS_SELECTOR, "#tabel-documenten tbody tr:not([hidden]) td.aantal").text
            wait("the memo's pages counted", 20, lambda: pages().isdigit())
            counted = int(pages())
            accessible(driver, "overzicht")
            # A workbook sent through the form: its problems, at their place.
            driver.find_element(By.ID, "bestand").send_keys(str(work / "fout.xlsx"))
            driver.find_element(By.CSS_SELECTOR, "#controle-formulier button").click()
            wait("the sent workbook checked", 30, lambda: "geen bestaande datum" in driver.find_element(By.ID, "controle-uitkomst").text)
            outcome = driver.find_element(By.ID, "controle-uitkomst").text
            assert "blad `Missies`, rij 2, kolom `begindatum`" in outcome, outcome
            # The workbook alone: its texts are missing too, and said so.
            assert outcome.startswith("6 documenten, 7 problemen"), outcome
            assert "bestand `teksten/collegememo.docx` bestaat niet" in outcome, outcome
            # "Alles maken": the run's progress told as server-sent events, then the zip.
            driver.execute_script(
                "window.told = 0; new EventSource('/gebeurtenissen')"
                ".addEventListener('voortgang', () => { window.told += 1; });"
            )
            time.sleep(0.5)
            driver.find_element(By.ID, "alles-maken").click()
            wait("the zip offered", 120, lambda: driver.find_elements(By.PARTIAL_LINK_TEXT, "Download de zip"))
            stand = driver.find_element(By.ID, "stand").text
            assert stand.startswith("Klaar: 1 / 6, 5 mislukt"), stand
            href = driver.find_element(By.PARTIAL_LINK_TEXT, "Download de zip").get_attribute("href")
            assert href.endswith("/api/v1/opdrachten/1/zip"), href
            told = driver.execute_script("return window.told")
            assert told >= 7, f"{told} progress events for 6 documents"
            # Live: the workbook corrected on disk shows without a reload.
            driver.execute_script("window.notReloaded = true")
            set_date(book, "2024-06-10")
            took = wait(
                "the corrected workbook shown",
                3,
                lambda: "Geen problemen gevonden" in driver.execute_script(MAIN_TEXT),
            )
            assert driver.execute_script("return window.notReloaded === true"), "the page was reloaded"
            print(f"live: the corrected workbook shown after {took:.1f} s, without a reload")
            # A document nothing stops offers its PDF.
            driver.get(base + "/documenten/memo-2025-ontvangst-tartu")
            link = driver.find_element(By.PARTIAL_LINK_TEXT, "memo-2025-ontvangst-tartu.pdf")
            assert link.get_attribute("href").endswith("/api/v1/documenten/memo-2025-ontvangst-tartu/pdf")
            # Its pages drawn, sharp: twice as many pixels as shown.
            wait("the preview drawn", 20, lambda: driver.execute_script(DRAWN))
            pictures = driver.find_elements(By.CSS_SELECTOR, ".voorbeeld img")
            assert len(pictures) == counted, (len(pictures), counted)
            for img in pictures:
                natural = driver.execute_script("return arguments[0].naturalWidth", img)
                assert natural >= 2 * img.size["width"] - 2, (natural, img.size)
            # The subject changed in the workbook: the open preview is drawn anew.
            drawn = driver.execute_script(FIRST_SRC)
            driver.execute_script("window.notReloaded = true")
            set_cell(book, "Documenten", 3, "onderwerp", "Ontvangst delegatie uit Tartu (gewijzigd)")
            took = wait(
                "the preview drawn anew",
                5,
                lambda: driver.execute_script(FIRST_SRC) not in (None, drawn) and driver.execute_script(DRAWN),
            )
            assert "(gewijzigd)" in driver.execute_script(MAIN_TEXT)
            assert driver.execute_script("return window.notReloaded === true"), "the page was reloaded"
            print(f"live: the preview drawn anew {took:.1f} s after the workbook was saved")
            accessible(driver, "document")
            print(f"browser: the problem at its place under what it stops, filters, {counted} page(s) counted and drawn, a workbook sent checked, progress told {told} times")
        finally:
            driver.quit()
    finally:
        server.kill()


if __name__ == "__main__":
    main()
