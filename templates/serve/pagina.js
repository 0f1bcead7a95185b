// Filters a list or table by what is typed in a search field: every
// element the field's data-filter selector names stays shown only when its
// text holds what was typed (case and accents aside).
"use strict";
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
document.querySelectorAll("input[data-filter]").forEach((field) => {
  field.addEventListener("input", () => {
    const wanted = fold(field.value.trim());
    document.querySelectorAll(field.dataset.filter).forEach((item) => {
      item.hidden = wanted !== "" && !fold(item.textContent).includes(wanted);
    });
  });
});
