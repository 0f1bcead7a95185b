// The page's little script: search fields that filter a list or table,
// "Alles maken" (a run through the API, its progress, then the zip), and
// the live view (the page fetches itself anew when the data changed).
"use strict";
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

// Every element a field's data-filter selector names stays shown only
// when its text holds what was typed (case and accents aside).
function filters() {
  document.querySelectorAll("input[data-filter]").forEach((field) => {
    const apply = () => {
      const wanted = fold(field.value.trim());
      document.querySelectorAll(field.dataset.filter).forEach((item) => {
        item.hidden = wanted !== "" && !fold(item.textContent).includes(wanted);
      });
    };
    field.addEventListener("input", apply);
    apply();
  });
}

// Starts a run, follows it, and offers the zip.
function makeAll() {
  const button = document.getElementById("alles-maken");
  if (!button) return;
  const bar = document.getElementById("voortgang");
  const said = document.getElementById("stand");
  button.addEventListener("click", async () => {
    button.disabled = true;
    const started = await fetch("/api/v1/opdrachten", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
    });
    const where = started.headers.get("Location");
    if (!where) {
      said.textContent = (await started.json()).detail;
      button.disabled = false;
      return;
    }
    for (;;) {
      const stand = await (await fetch(where)).json();
      bar.max = Math.max(stand.totaal, 1);
      bar.value = stand.gedaan;
      if (stand.status === "bezig") {
        said.textContent = `${button.dataset.bezig}: ${stand.gedaan} / ${stand.totaal}`;
        await new Promise((done) => setTimeout(done, 400));
        continue;
      }
      if (stand.status === "klaar") {
        said.textContent = `${button.dataset.klaar}: ${stand.gedaan - stand.mislukt} / ${stand.totaal}` +
          (stand.mislukt ? `, ${stand.mislukt} ${button.dataset.mislukt}` : "") + ". ";
        const link = document.createElement("a");
        link.href = `${where}/zip`;
        link.textContent = button.dataset.zip;
        said.append(link);
      } else {
        said.textContent = stand.fout;
      }
      button.disabled = false;
      return;
    }
  });
}

// When a file of the data changes, the page's content is fetched anew and
// put in place, with what was typed in the search fields kept.
function live() {
  if (!window.EventSource) return;
  const events = new EventSource("/gebeurtenissen");
  events.addEventListener("gewijzigd", async () => {
    const typed = {};
    document.querySelectorAll("input[data-filter]").forEach((f) => { typed[f.id] = f.value; });
    const page = await fetch(location.href);
    if (!page.ok) return;
    const fresh = new DOMParser().parseFromString(await page.text(), "text/html");
    document.querySelector("main").replaceWith(fresh.querySelector("main"));
    document.querySelector("footer").replaceWith(fresh.querySelector("footer"));
    Object.entries(typed).forEach(([id, value]) => {
      const field = document.getElementById(id);
      if (field) field.value = value;
    });
    filters();
    makeAll();
  });
}

filters();
makeAll();
live();
