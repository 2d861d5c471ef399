"""Drives the web view in headless Chromium like a professional would, keyboard and forms only,
up to two steps of "samen invullen" with an inwoner (run by scripts/browser-test, in its venv).
Makes the demo data with the built binary, starts it with `serve` on a free loopback port, and
stops it at the end."""
import argparse
import base64
import os
import datetime
import re
import sqlite3
import subprocess
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from wegwijzer_test_support import ROOT, intake_inputs, scratch_dir, serve  # noqa: E402

EMAIL = "demo@wijkteam.example"
PASSWORD = "demo-wachtwoord-123"
PHONE = "0612340000"
# An inwoner who invites Ans (0687654321, in the transcript) to give her view.
INVITING = "0611112222"
OMGEVING_INTAKE = os.path.join(ROOT, "Tests", "DialogTests", "Transcripts", "m1-omgeving.txt")
# Ans answers in the browser, by the link the professional sends: Geld 4, Wonen "weet ik niet".
ANS_SCORES = ["4", ""]
ANS_STRENGTHS = "Ze is heel zorgzaam"
ANS_OFFER = "Ik kan een keer mee naar de corporatie"
checks = 0
driver = None
OUT = None


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        shot("failure")
        print(f"browser-test: FAILED: {what}", file=sys.stderr)
        print(driver.page_source[:3000], file=sys.stderr)
        sys.exit(1)


def accessible(page):
    """axe-core's WCAG 2 A and AA rules on the current page: no violations allowed."""
    axe = Axe(driver)
    axe.inject()
    results = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
        ".then(r => done(r)).catch(e => done({error: String(e)}));")
    check("error" not in results, f"axe ran on {page}: {results.get('error')}")
    violations = results["violations"]
    for v in violations:
        print(f"  {page}: {v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}", file=sys.stderr)
    check(not violations, f"no accessibility violations on {page}")
    return len(results["passes"])


def loading(act):
    """Does `act` (a click or Enter that loads a page) and waits until the old page is gone: a
    WebDriver click returns before the page it starts has replaced the old one, so the next
    lookup could still see the old page (it made this script fail now and then)."""
    old = driver.find_element(By.TAG_NAME, "html")
    act()
    WebDriverWait(driver, 15).until(lambda d: gone(old) and d.execute_script("return document.readyState") == "complete")


def gone(element):
    """True once `element` has left the page. Chromium reports that either as a stale element or,
    while the new page is being swapped in, as an inspector error ("Node with given id does not
    belong to the document"); selenium's staleness_of only knows the first and let the second
    fail a clean-clone run."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def shot(name):
    driver.save_screenshot(os.path.join(OUT, f"{name}.png"))


def demo_data(binary, db):
    """An account with two inwoners: one who went through all three modules by chat, and one who
    invited their sister Ans after module 1 and shares her view; Ans was asked by chat and answers
    in the browser, by a link (`browse`)."""
    steps = [(["user", "add", "--db", db, "--email", EMAIL, "--cost", "10"], PASSWORD + "\n"),
             (["chat", "--db", db, "--phone", PHONE, "--now", "2026-11-23T10:00:00+01:00"], "\n".join(intake_inputs()) + "\n"),
             (["user", "assign", "--db", db, "--phone", PHONE, "--email", EMAIL], None),
             (["chat", "--db", db, "--phone", INVITING, "--now", "2026-11-23T10:00:00+01:00"],
              "\n".join(intake_inputs(OMGEVING_INTAKE)) + "\n"),
             (["remind", "--db", db, "--once", "--now", "2026-11-23T11:00:00+01:00"], None),
             (["user", "assign", "--db", db, "--phone", INVITING, "--email", EMAIL], None)]
    for args, given in steps:
        if subprocess.run([binary, *args], input=given, text=True, stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"browser-test: wegwijzer {' '.join(args[:2])} failed while making the demo data")


# The widths an inwoner reads Mijn Wegwijzer at: a small phone, a tablet held upright, a desktop.
WIDTHS = [("360", 360, 800, True), ("tablet", 820, 1180, False), ("desktop", 1280, 1000, False)]
# The inwoner plays on a phone: between the checks at every width the page goes back to 360 px.
PHONE_SCREEN = {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True}
playing = None


def at_every_width(page, name):
    """The current page at each width: no sideways scrolling, a screenshot, and axe."""
    for label, width, height, mobile in WIDTHS:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        # The emulated size applies after the command returns; measure once the page has it.
        try:
            WebDriverWait(driver, 3).until(lambda d: d.execute_script("return window.innerWidth") == width)
        except WebDriverException:
            pass
        wide = driver.execute_script(
            "return [...document.querySelectorAll('body *')].filter(e => e.offsetWidth > arguments[0] || e.scrollWidth > arguments[0])"
            ".slice(-3).map(e => e.tagName + '.' + e.className + ' ' + e.offsetWidth + '/' + e.scrollWidth)", width)
        scroll = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        check(scroll[0] <= width, f"{page} fits {width} px without scrolling sideways (width {scroll}, too wide: {wide})")
        shot(f"{name}-{label}")
        accessible(f"{page} at {label}")
    play_on(playing)


def play_on(screen):
    """Goes on at `screen` (device metrics), or at the window's own size with None."""
    global playing
    playing = screen
    if screen:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", screen)
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def last_code(db):
    """The newest login code in the outbox, as the inwoner reads it on their phone."""
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT m.text FROM message m JOIN outbox o ON o.messageId = m.id WHERE m.textKey = 'mijn.code' ORDER BY m.id DESC"
        ).fetchone()
    check(row is not None, "a login code went to the inwoner's own channel")
    return re.search(r"\b(\d{6})\b", row[0]).group(1)


def inwoner(base, db):
    """The inwoner on Mijn Wegwijzer: log in with a code from the outbox, see the plan, mark a step
    done, change a date, answer in the web chat, print the plan, log out; every page at 360 px,
    tablet and desktop width, with axe. The steps themselves are taken on a 360 px phone screen."""
    play_on(PHONE_SCREEN)
    driver.get(base + "/mijn")
    check(driver.current_url.endswith("/mijn/inloggen"), "an inwoner without a session is sent to the login")
    check(driver.find_element(By.TAG_NAME, "h1").text == "Inloggen", "inwoner login heading")
    at_every_width("mijn: inloggen", "7-mijn-inloggen")
    loading(lambda: driver.find_element(By.ID, "telefoon").send_keys(PHONE + Keys.ENTER))
    check(driver.find_element(By.TAG_NAME, "h1").text == "Vul je code in", "the code page")
    at_every_width("mijn: code", "7a-mijn-code")
    code = last_code(db)
    loading(lambda: driver.find_element(By.ID, "code").send_keys(code + Keys.ENTER))
    check(driver.find_element(By.TAG_NAME, "h1").text == "Mijn plan", "logged in on Mijn plan")
    check("Een huis zonder schimmel" in driver.find_element(By.TAG_NAME, "main").text, "the inwoner sees their goal")
    at_every_width("mijn: plan", "7b-mijn-plan")

    # Mark the first open step done, with how much it helped.
    step = driver.find_elements(By.CSS_SELECTOR, "li.step")[0]
    step_id = step.get_attribute("id")
    step.find_elements(By.TAG_NAME, "summary")[0].click()
    step.find_element(By.CSS_SELECTOR, "input[name=uitkomst][value=gedaan]").click()
    Select(step.find_element(By.CSS_SELECTOR, "select[name=geholpen]")).select_by_value("8")
    loading(step.find_element(By.CSS_SELECTOR, "form.report button").click)
    check("Opgeslagen" in driver.find_element(By.CSS_SELECTOR, ".notice").text, "the step is saved")
    check("gedaan" in driver.find_element(By.ID, step_id).text, "the step shows as done")

    # Give another open step a new date, a week from today.
    open_steps = [li for li in driver.find_elements(By.CSS_SELECTOR, "li.step") if li.find_elements(By.CSS_SELECTOR, "form.reschedule")]
    check(len(open_steps) >= 1, "another open step to move")
    moved = open_steps[0]
    moved.find_elements(By.TAG_NAME, "summary")[1].click()
    day = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    driver.execute_script("arguments[0].value = arguments[1]", moved.find_element(By.CSS_SELECTOR, "input[name=datum]"), day)
    loading(moved.find_element(By.CSS_SELECTOR, "form.reschedule button").click)
    check("nieuwe datum is opgeslagen" in driver.find_element(By.CSS_SELECTOR, ".notice").text, "the new date is saved")

    # Answer in the web chat: the answer and a reply after it.
    loading(driver.find_element(By.LINK_TEXT, "Gesprek").click)
    at_every_width("mijn: gesprek", "7c-mijn-gesprek")
    driver.find_element(By.ID, "antwoord").send_keys("Het gaat goed met me")
    loading(driver.find_element(By.CSS_SELECTOR, "form.chat-form button[type=submit]").click)
    lines = driver.find_elements(By.CSS_SELECTOR, "ol.chat-lines li")
    answered = [i for i, li in enumerate(lines) if "Het gaat goed met me" in li.text]
    check(len(answered) == 1, "the answer is in the conversation once")
    check(answered[0] < len(lines) - 1 and "out" in lines[-1].get_attribute("class"), "Wegwijzer replied after it")

    for link, page, name in [("Waar sta ik", "stand", "7d-mijn-stand"), ("Mijn mensen", "mensen", "7e-mijn-mensen"),
                             ("Mijn gegevens", "gegevens", "7f-mijn-gegevens")]:
        loading(driver.find_element(By.LINK_TEXT, link).click)
        at_every_width(f"mijn: {page}", name)
    check(len(driver.find_elements(By.CSS_SELECTOR, "a[href='/mijn/gegevens/export']")) == 1, "the download of my data")

    # Print the plan for the fridge.
    loading(driver.find_element(By.LINK_TEXT, "Printen").click)
    check(len(driver.find_elements(By.CSS_SELECTOR, "li.tick.done")) >= 1, "the step done just now is ticked on the fridge page")
    at_every_width("mijn: printen", "7g-mijn-printen")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    check(not driver.find_element(By.CSS_SELECTOR, "header.top").is_displayed(), "print hides the inwoner's menu")
    shot("7h-mijn-printen-print")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # Log out: the plan is closed again.
    loading(driver.find_element(By.CSS_SELECTOR, "form.logout button").click)
    check(driver.current_url.split("?")[0].endswith("/mijn/inloggen"), "logged out to the login")
    driver.get(base + "/mijn")
    check(driver.current_url.endswith("/mijn/inloggen"), "after logout the plan needs a login again")
    play_on(None)


def browse(base, db):
    """The inwoner on Mijn Wegwijzer; then the professional: login, caseload, the inwoner page (with
    the inwoner's change as a signal), a change, a note, the plan, samen invullen, logout; axe on
    every page."""
    global driver
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(arg)
    # A Dutch browser, as most inwoners have: Mijn Wegwijzer speaks the browser's language before login.
    options.add_argument("--lang=nl-NL")
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    try:
        inwoner(base, db)

        # Not logged in: the login page.
        driver.get(base + "/")
        check(driver.current_url.endswith("/login"), "a visitor is sent to /login")
        check(driver.find_element(By.TAG_NAME, "h1").text == "Inloggen", "login page heading")
        accessible("login")

        # A wrong password first: a clear message, still on the login page.
        driver.find_element(By.ID, "email").send_keys(EMAIL)
        loading(lambda: driver.find_element(By.ID, "password").send_keys("verkeerd-wachtwoord" + Keys.ENTER))
        check("horen niet bij elkaar" in driver.find_element(By.CSS_SELECTOR, ".error").text, "wrong password message")

        # Log in with the keyboard only.
        field = driver.find_element(By.ID, "password")
        loading(lambda: field.send_keys(PASSWORD + Keys.ENTER))
        check(driver.find_element(By.TAG_NAME, "h1").text == "Mijn caseload", "caseload after login")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.caseload tbody tr")
        check(len(rows) == 2, "two inwoners on the caseload")
        done = [row for row in rows if "klaar (3 van 3)" in row.text]
        check(len(done) == 1, "module progress in the caseload")
        shot("1-caseload")
        accessible("caseload")

        # Sort by another column (a link, no script).
        loading(driver.find_element(By.LINK_TEXT, "Open acties").click)
        check("sort=open" in driver.current_url, "sorting by a column")

        # The inwoner page.
        done = [row for row in driver.find_elements(By.CSS_SELECTOR, "table.caseload tbody tr") if "klaar (3 van 3)" in row.text]
        loading(done[0].find_element(By.CSS_SELECTOR, "th a").click)
        check(driver.find_element(By.ID, "h-plan").text == "Ondersteuningsplan", "inwoner page has the plan")
        check(len(driver.find_elements(By.CSS_SELECTOR, "figure.radar svg .latest")) >= 1, "radar chart drawn")
        check("niet besproken" in driver.find_element(By.CSS_SELECTOR, "figure.radar svg").get_attribute("innerHTML"),
              "radar chart leaves unrated leefgebieden open")
        check("Spiegelblad module 1" in driver.page_source, "spiegelblad shown")
        check("Een huis zonder schimmel" in driver.page_source, "goal shown")
        check(len(driver.find_elements(By.CSS_SELECTOR, "table.resources tbody tr")) >= 2, "hulpbronnen of a wish with their kinds")
        check("Wie doet mee:" in driver.find_element(By.ID, "plan").text, "the mix of a goal")
        check(len(driver.find_elements(By.CSS_SELECTOR, "figure.network svg g.member")) >= 2, "the network drawn as circles")
        check(len(driver.find_elements(By.CSS_SELECTOR, "table.network-table tbody tr")) >= 2, "the network's table beside it")
        shot("2-inwoner")
        accessible("inwoner")
        driver.find_element(By.ID, "scores").screenshot(os.path.join(OUT, "2b-radar.png"))
        driver.find_element(By.ID, "plan").screenshot(os.path.join(OUT, "2c-plan-section.png"))
        driver.find_element(By.ID, "netwerk").screenshot(os.path.join(OUT, "2d-netwerk.png"))
        driver.set_window_size(820, 1180)  # a tablet held upright
        shot("3-inwoner-tablet")
        driver.set_window_size(1280, 1000)

        # Change the first action: open the details, set it to done with a result.
        details = driver.find_elements(By.CSS_SELECTOR, "table.plan-actions details")[0]
        details.find_element(By.TAG_NAME, "summary").click()
        Select(details.find_element(By.CSS_SELECTOR, "select[name=status]")).select_by_value("gedaan")
        result = details.find_element(By.CSS_SELECTOR, "input[name=resultaat]")
        result.clear()
        result.send_keys("Afspraak met de woningcorporatie staat")
        loading(details.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
        check("De actie is opgeslagen" in driver.find_element(By.CSS_SELECTOR, ".notice").text, "action saved notice")
        check("Afspraak met de woningcorporatie staat" in driver.page_source, "action result shown")

        # A note with markup shows as text.
        note = driver.find_element(By.ID, "notitie")
        note.send_keys("Gebeld <b>vet</b>, gaat goed")
        loading(note.find_element(By.XPATH, "ancestor::form").find_element(By.CSS_SELECTOR, "button").click)
        check("Gebeld <b>vet</b>, gaat goed" in driver.find_element(By.CSS_SELECTOR, "article.note").text, "note shown as typed")

        # The plan for the fridge: on screen, at 360 px, as print media, and its PDF on one A4.
        driver.get(base + driver.current_url.split(base, 1)[1].split("?")[0] + "/plan")
        check(driver.find_element(By.TAG_NAME, "h1").text.startswith("Mijn plan"), "printable plan heading")
        check("Een huis zonder schimmel" in driver.find_element(By.CSS_SELECTOR, ".fridge-goals").text, "plan text")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".fridge-area svg.picto")) >= 1, "a pictogram per leefgebied")
        check(len(driver.find_elements(By.CSS_SELECTOR, "li.tick svg.tickbox")) >= 2, "each action a tick box")
        check(len(driver.find_elements(By.CSS_SELECTOR, "li.tick.done")) == 1, "the action done just now is ticked")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".strength-box")) == 4, "four strength boxes")
        check(driver.find_element(By.CSS_SELECTOR, ".photo-area").is_displayed(), "room for a photo")
        check(EMAIL in driver.find_element(By.CSS_SELECTOR, ".fridge-contact").text, "how to reach the hulpverlener")
        shot("4-plan")
        accessible("plan")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        check(driver.execute_script("return document.documentElement.scrollWidth") <= 360, "plan fits 360 px without scrolling sideways")
        shot("4b-plan-360")
        accessible("plan at 360 px")
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        check(not driver.find_element(By.CSS_SELECTOR, "header.top").is_displayed(), "print hides the navigation")
        shot("4c-plan-print")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        options = PrintOptions()
        options.page_width, options.page_height = 21.0, 29.7
        pdf = base64.b64decode(driver.print_page(options))
        with open(os.path.join(OUT, "plan.pdf"), "wb") as f:
            f.write(pdf)
        check(len(pdf) > 1000, "plan prints to PDF")
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        check(pages == 1, f"plan prints on one A4 (got {pages} pages)")
        driver.get(base + "/signalen")
        check("De inwoner heeft het plan online aangepast" in driver.find_element(By.TAG_NAME, "main").text,
              "the inwoner's online change is a signal for the professional")
        accessible("signalen")
        driver.get(base + "/inwoners/nieuw")
        accessible("nieuwe inwoner")

        # The inwoner who invited Ans: both views side by side, a difference of 3 or more marked.
        driver.get(base + "/")
        others = [row for row in driver.find_elements(By.CSS_SELECTOR, "table.caseload tbody tr") if "klaar (3 van 3)" not in row.text]
        loading(others[0].find_element(By.CSS_SELECTOR, "th a").click)
        inwoner_page = driver.current_url

        # Ans would rather answer on a website: the professional sends her the link, and she answers.
        loading(driver.find_element(By.CSS_SELECTOR, "#omgeving form button").click)
        check("De link is als bericht verstuurd" in driver.find_element(By.CSS_SELECTOR, ".notice").text, "the omgeving link is sent")
        with sqlite3.connect(db) as connection:
            sent = connection.execute("SELECT text FROM message WHERE textKey = 'omgeving.link' ORDER BY id DESC").fetchone()
        check(sent is not None and "/omgeving/" in sent[0], "the link went to Ans")
        driver.delete_all_cookies()  # Ans's own browser
        driver.get(base + "/omgeving/" + sent[0].split("/omgeving/", 1)[1].split()[0])
        check(driver.find_element(By.TAG_NAME, "h1").text == "Hoe zie jij het?", "the omgeving's page")
        at_every_width("omgeving: vragen", "5a-omgeving-link")
        driver.find_element(By.CSS_SELECTOR, "input[name=akkoord][value=ja]").click()
        for select, value in zip(driver.find_elements(By.CSS_SELECTOR, "form.omgeving-form select"), ANS_SCORES):
            Select(select).select_by_value(value)
        driver.find_element(By.ID, "sterk").send_keys(ANS_STRENGTHS)
        driver.find_element(By.ID, "helpen").send_keys(ANS_OFFER)
        loading(driver.find_element(By.CSS_SELECTOR, "form.omgeving-form button").click)
        check("Dank je wel!" in driver.find_element(By.CSS_SELECTOR, ".notice").text, "Ans is thanked")
        accessible("omgeving: bedankt")
        driver.get(base + "/omgeving/" + sent[0].split("/omgeving/", 1)[1].split()[0])
        check("werkt niet meer" in driver.find_element(By.TAG_NAME, "main").text, "the link works once")
        driver.get(base + "/login")
        driver.find_element(By.ID, "email").send_keys(EMAIL)
        loading(lambda: driver.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER))
        driver.get(inwoner_page)
        view = driver.find_element(By.ID, "omgeving")
        check(len(view.find_elements(By.CSS_SELECTOR, "table.omgeving-scores tbody tr")) == 2, "the omgeving's scores per leefgebied")
        check("om over te praten" in view.text, "a difference of 3 or more is marked")
        check("Ik kan een keer mee naar de corporatie" in view.text, "what Ans offers to do")
        view.screenshot(os.path.join(OUT, "5-omgeving.png"))
        accessible("inwoner met de kijk van de omgeving")

        # Samen invullen: two steps of Sam's own conversation, typed with Sam beside the professional.
        loading(driver.find_element(By.LINK_TEXT, "Samen invullen").click)
        check(driver.find_element(By.TAG_NAME, "h1").text == "Samen invullen met Sam", "samen page heading")
        before = driver.find_element(By.ID, "chat-vraag").text
        check(driver.find_element(By.ID, "antwoord").get_attribute("aria-describedby").split()[0] == "chat-vraag",
              "the answer field names the open question")
        check(not driver.find_elements(By.TAG_NAME, "script"), "the samen page sends no script")
        shot("6-samen")
        driver.find_element(By.CSS_SELECTOR, "section.chat").screenshot(os.path.join(OUT, "6a-samen-gesprek.png"))
        accessible("samen invullen")
        driver.find_element(By.ID, "antwoord").send_keys("Een droog huis zonder schimmel")
        driver.find_element(By.ID, "notitie").send_keys("Samen aan tafel ingevuld")
        loading(driver.find_element(By.CSS_SELECTOR, "form.chat-form button[type=submit]").click)
        check("De notitie bij deze stap is opgeslagen" in driver.find_element(By.CSS_SELECTOR, ".notice").text, "step note saved")
        after_first = driver.find_element(By.ID, "chat-vraag").text
        check(after_first != before, "the conversation moved on after the first step")
        check("Een droog huis zonder schimmel" in driver.find_element(By.CSS_SELECTOR, "section.chat").text, "the answer shown")
        # The second step with the keyboard only: Enter in a text area is a new line, so tab to the button.
        driver.find_element(By.ID, "antwoord").send_keys("weet ik niet")
        button = driver.find_element(By.CSS_SELECTOR, "form.chat-form button[type=submit]")
        loading(lambda: button.send_keys(Keys.ENTER))
        check(driver.find_element(By.ID, "chat-vraag").text != after_first, "the conversation moved on after the second step")
        together = [li for li in driver.find_elements(By.CSS_SELECTOR, "ol.chat-lines li.in") if "samen ingevuld" in li.text]
        check(len(together) == 2, "both answers marked as given together")
        accessible("samen invullen na twee stappen")
        driver.set_window_size(820, 1180)  # the tablet on the table between them
        shot("6b-samen-tablet")
        driver.set_window_size(1280, 1000)
        loading(driver.find_element(By.LINK_TEXT, "Terug naar Sam").click)
        check("Inwoner, samen ingevuld" in driver.find_element(By.ID, "gesprek").text, "the inwoner page shows the answers as given together")
        check("Samen aan tafel ingevuld" in driver.find_element(By.ID, "notities").text, "the step's note is a note")

        # Skip link is the first thing the keyboard reaches.
        driver.get(base + "/")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        check(driver.switch_to.active_element.text == "Naar de inhoud", "skip link first in tab order")

        # Log out: back to the login page, the caseload is closed again.
        loading(driver.find_element(By.CSS_SELECTOR, "form.logout button").click)
        driver.get(base + "/")
        check(driver.current_url.endswith("/login"), "logged out")
    finally:
        driver.quit()


def main():
    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--out", required=True, help="the folder for screenshots and the plan's PDF")
    args = parser.parse_args()
    OUT = args.out
    with scratch_dir("wegwijzer-browser-test-") as work:
        db = os.path.join(work, "demo.sqlite")
        demo_data(args.bin, db)
        with serve(args.bin, "web: {plain_http: true}\n", work=work, name="server", db=db, public_url=False) as server:
            browse(server.url, db)
    print(f"browser-test: {checks} checks passed; screenshots in {OUT}")


if __name__ == "__main__":
    main()
