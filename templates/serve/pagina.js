// The page's little script: search fields that filter a list or table,
// "Alles maken" (a run through the API, its progress told as server-sent
// events, then the zip), data sent to be checked, and the live view (the
// page fetches itself anew when the data changed).
"use strict";
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const news = window.EventSource ? new EventSource("/gebeurtenissen") : null;

// Every element a field's data-filter selector names stays shown only
// when its text, or the data-groep of the group it is in, holds what was
// typed (case and accents aside); a group (data-groepen) with nothing
// shown is hidden.
function filters() {
  document.querySelectorAll("input[data-filter]").forEach((field) => {
    const apply = () => {
      const wanted = fold(field.value.trim());
      document.querySelectorAll(field.dataset.filter).forEach((item) => {
        const group = item.closest("[data-groep]");
        const text = item.textContent + " " + (group ? group.dataset.groep : "");
        item.hidden = wanted !== "" && !fold(text).includes(wanted);
      });
      if (field.dataset.groepen) {
        document.querySelectorAll(field.dataset.groepen).forEach((group) => {
          group.hidden = [...group.querySelectorAll(field.dataset.filter)].every((item) => item.hidden);
        });
      }
    };
    field.addEventListener("input", apply);
    apply();
  });
}

// "Alles maken": starts a run, shows its progress as it is told, and
// offers the zip. The run is followed by its number; a page fetched anew
// meanwhile shows it too.
let run = null;

function showRun(stand) {
  const button = document.getElementById("alles-maken");
  const bar = document.getElementById("voortgang");
  const said = document.getElementById("stand");
  // The news and the asking answer in any order: once done, or for fewer
  // documents than already shown, an answer is old news.
  if (!button || !run || stand.opdracht !== run.number || run.finished || stand.gedaan < run.gedaan) return;
  run.gedaan = stand.gedaan;
  bar.max = Math.max(stand.totaal, 1);
  bar.value = stand.gedaan;
  if (stand.status === "bezig") {
    said.textContent = `${button.dataset.bezig}: ${stand.gedaan} / ${stand.totaal}`;
    return;
  }
  run.finished = true;
  if (stand.status === "klaar") {
    said.textContent = `${button.dataset.klaar}: ${stand.gedaan - stand.mislukt} / ${stand.totaal}` +
      (stand.mislukt ? `, ${stand.mislukt} ${button.dataset.mislukt}` : "") + ". ";
    const link = document.createElement("a");
    link.href = `${run.where}/zip`;
    link.textContent = button.dataset.zip;
    said.append(link);
  } else {
    said.textContent = stand.fout;
  }
  button.disabled = false;
}

function makeAll() {
  const button = document.getElementById("alles-maken");
  if (!button) return;
  button.addEventListener("click", async () => {
    button.disabled = true;
    const started = await fetch("/api/v1/opdrachten", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
    });
    const where = started.headers.get("Location");
    if (!where) {
      document.getElementById("stand").textContent = (await started.json()).detail;
      button.disabled = false;
      return;
    }
    run = { where, number: Number(where.split("/").pop()), finished: false, gedaan: 0 };
    // Told as it goes; asked once now, in case it was done before listening,
    // and asked again and again where a browser cannot listen.
    for (;;) {
      const stand = await (await fetch(where)).json();
      showRun(stand);
      if (run.finished) return;
      await new Promise((done) => setTimeout(done, news ? 3000 : 400));
    }
  });
  if (news) news.addEventListener("voortgang", (event) => showRun(JSON.parse(event.data)));
}

// Data sent to be checked: the answer of POST /api/v1/controles as a list.
function checkSent() {
  const form = document.getElementById("controle-formulier");
  if (!form) return;
  const said = document.getElementById("controle-uitkomst");
  const words = form.dataset;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    said.textContent = words.bezig;
    let answer;
    let body;
    try {
      answer = await fetch(form.action, { method: "POST", body: new FormData(form) });
      body = await answer.json();
    } catch (error) {
      // No answer, or one that is not JSON (a proxy's page): say so.
      said.textContent = answer ? `${answer.status} ${answer.statusText}` : String(error);
      return;
    }
    said.textContent = "";
    const head = document.createElement("p");
    if (!answer.ok) {
      head.textContent = body.detail + (body.hint ? ` (hint: ${body.hint})` : "");
      said.append(head);
      return;
    }
    head.textContent = `${body.documenten} ${words.documenten}, ${body.problemen.length} ${words.problemen}.`;
    said.append(head);
    if (!body.problemen.length) {
      head.textContent += " " + words.geen;
      return;
    }
    const list = document.createElement("ul");
    list.className = "problemen";
    body.problemen.forEach((p) => {
      // The first line as check says it: the place, the message, the value.
      const item = document.createElement("li");
      item.append(p.melding.split("\n")[0]);
      if (p.hint) {
        const hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = `hint: ${p.hint}`;
        item.append(document.createElement("br"), hint);
      }
      list.append(item);
    });
    said.append(list);
  });
}

// When the data changed, the page's content is fetched anew and put in
// place: what was typed in the search fields and where the focus was are
// kept, and so are the parts that hold no data (data-behoud) as they are.
function live() {
  if (!news) return;
  news.addEventListener("gewijzigd", async () => {
    const page = await fetch(location.href);
    if (!page.ok) return;
    const fresh = new DOMParser().parseFromString(await page.text(), "text/html");
    const typed = {};
    document.querySelectorAll("input[data-filter]").forEach((f) => { typed[f.id] = f.value; });
    const focused = document.activeElement && document.activeElement.id;
    const caret = focused && typed[focused] !== undefined ? document.activeElement.selectionStart : null;
    fresh.querySelectorAll("main [data-behoud]").forEach((kept) => {
      const old = document.getElementById(kept.id);
      if (old) kept.replaceWith(old);
    });
    document.querySelector("main").replaceWith(fresh.querySelector("main"));
    document.querySelector("footer").replaceWith(fresh.querySelector("footer"));
    Object.entries(typed).forEach(([id, value]) => {
      const field = document.getElementById(id);
      if (field) field.value = value;
    });
    filters();
    const again = focused && document.getElementById(focused);
    if (again) {
      again.focus();
      if (caret !== null) again.setSelectionRange(caret, caret);
    }
  });
}

filters();
makeAll();
checkSent();
live();
