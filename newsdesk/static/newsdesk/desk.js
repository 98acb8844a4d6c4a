// The article form's desk (newsdesk/desk): autosave every few seconds while the words change,
// kept in this browser when the server cannot be reached; the unsaved words offered back when
// the form is opened again; who else has the article open; a question before leaving with
// unsaved changes. Readers never see any of it.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("article_form");
  if (!form) return;
  const match = location.pathname.match(/\/admin\/newsroom\/article\/(?:(\d+)\/change|add)\/$/);
  if (!match) return;
  const article = match[1] || "new";
  const base = `/desk/articles/${article}/`;
  const FIELDS = ["headline", "slug", "summary", "body", "lead_image_caption"];
  const AUTOSAVE_MS = 5000;
  const PRESENCE_MS = 10000;
  const stored = `newsdesk-autosave-${article}`;
  // Opened to bring back autosaved words: no offers, and the form is unsaved from the start.
  const restoring = new URLSearchParams(location.search).get("restore") === "autosave";
  const token = () => (form.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "";

  const box = document.createElement("div");
  box.className = "desk-status";
  box.setAttribute("role", "status");
  box.setAttribute("aria-live", "polite");
  const offer = document.createElement("div");
  offer.className = "desk-offer";
  const others = document.createElement("p");
  others.className = "desk-presence";
  form.prepend(offer, others);
  const submitRow = form.querySelector(".submit-row");
  (submitRow || form).before(box);

  const values = () => {
    const found = {};
    for (const name of FIELDS) {
      const field = form.elements.namedItem(name);
      if (field && "value" in field) found[name] = field.value;
    }
    return found;
  };
  const clock = (iso) => new Date(iso).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit", second: "2-digit"});
  const post = (url, body) => fetch(url, {
    method: "POST", credentials: "same-origin",
    headers: {"Content-Type": "application/json", "X-CSRFToken": token()},
    body: JSON.stringify(body || {}),
  });

  // Autosave: what the form holds, when it differs from what was last kept.
  let last = JSON.stringify(values());
  let submitting = false;
  form.addEventListener("submit", () => { submitting = true; localStorage.removeItem(stored); });
  const autosave = async () => {
    const now = JSON.stringify(values());
    if (now === last || submitting) return;
    const fields = JSON.parse(now);
    try {
      const response = await post(base + "autosave/", {fields});
      if (!response.ok) throw new Error(String(response.status));
      const kept = await response.json();
      last = now;
      localStorage.removeItem(stored);
      box.textContent = `Draft saved to the newsroom at ${clock(kept.saved_at)}. Readers see nothing until you save.`;
    } catch (problem) {
      const at = new Date().toISOString();
      localStorage.setItem(stored, JSON.stringify({fields, saved_at: at}));
      box.textContent = `The newsroom cannot be reached: draft kept in this browser at ${clock(at)}.`;
    }
  };
  setInterval(autosave, AUTOSAVE_MS);

  // A colleague who left unsaved words here (gone from presence): an editor may take them
  // over and carry on. Asked on opening and again with every presence beat, so someone who
  // leaves while the form is open shows up within a beat.
  const handovers = document.createElement("div");
  handovers.className = "desk-handovers";
  offer.append(handovers);
  let handoverKey = "[]";
  const showHandovers = (left) => {
    if (restoring) return;
    const key = JSON.stringify(left || []);
    if (key === handoverKey) return;  // unchanged: keep a message a click may have left
    handoverKey = key;
    handovers.replaceChildren(...(left || []).map((person) => {
      const line = document.createElement("p");
      line.className = "desk-left";
      line.textContent = `${person.name} left unsaved words in this article at ${clock(person.saved_at)}. `;
      const take = document.createElement("button");
      take.type = "button";
      take.className = "button";
      take.textContent = `Take over from ${person.name}`;
      take.addEventListener("click", async () => {
        const answer = await post(base + "takeover/", {from: person.id});
        if (answer.ok) {
          location.assign(location.pathname + "?restore=autosave");
        } else {
          const {error: message} = await answer.json().catch(() => ({}));
          line.textContent = message || "They could not be taken over.";
        }
      });
      line.append(take);
      return line;
    }));
  };

  // Unsaved words from before: this browser's (offline) are sent to the newsroom first.
  const restore = async () => {
    const local = JSON.parse(localStorage.getItem(stored) || "null");
    if (local) {
      try {
        const response = await post(base + "autosave/", {fields: local.fields});
        if (response.ok) localStorage.removeItem(stored);
      } catch (problem) { /* still offline: offered again next time */ }
    }
    const response = await fetch(base + "autosave/", {credentials: "same-origin"});
    if (!response.ok) return;
    const {autosave: pending, left} = await response.json();
    if (restoring) return;
    showHandovers(left);
    if (!pending) return;
    const text = document.createElement("p");
    text.textContent = `You have unsaved words in this article from ${clock(pending.saved_at)}. `;
    const bring = document.createElement("a");
    bring.href = location.pathname + "?restore=autosave";
    bring.className = "button";
    bring.textContent = "Restore them";
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "button";
    drop.textContent = "Discard them";
    drop.addEventListener("click", async () => {
      await post(base + "autosave/discard/");
      text.remove();
    });
    text.append(bring, " ", drop);
    offer.prepend(text);
  };
  restore();

  // Leaving with unsaved changes asks first (the browser's own "Leave site?" question). The
  // form as it was opened is the baseline; words brought back from an autosave are unsaved
  // from the start. Saving (any submit button) leaves without asking.
  const snapshot = () => {
    const data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    return JSON.stringify([...data.entries()].map(([k, v]) => [k, typeof v === "string" ? v : v.name]));
  };
  const opened = restoring ? null : snapshot();
  addEventListener("beforeunload", (event) => {
    if (submitting || snapshot() === opened) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // Presence: who else has this article open.
  if (article !== "new") {
    const beat = async () => {
      try {
        const response = await post(base + "presence/");
        if (!response.ok) return;
        const {others: people, left} = await response.json();
        showHandovers(left);
        others.textContent = people.length
          ? "Also open now: " + people.map((p) => `${p.name} (since ${clock(p.since)})`).join(", ")
          : "";
      } catch (problem) { /* next beat */ }
    };
    beat();
    setInterval(beat, PRESENCE_MS);
    addEventListener("pagehide", () => {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", token());
      navigator.sendBeacon(base + "presence/?leave=1", data);
    });
  }
});
