// The article form, made for writing (docs/desk.md): the slug follows the headline until it is
// edited by hand (and only before the piece is first published: the server says so in the
// slug's data-follow); the body's words and reading time; how long the headline and summary
// are against what a search result shows; and the search result and share card redrawn as the
// words change. The server renders all of it first (newsroom.writing, distribution.appearance);
// this file counts and cuts the same way.

const WORDS_PER_MINUTE = 230;
const WORD = /[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*/gu;
// Any tag but the inline ones stands between words (newsroom/writing.py, plain_text).
const BETWEEN_WORDS = /<(?!\/?(?:a|abbr|b|code|em|i|mark|s|small|span|strong|sub|sup|u)\b)/gi;
const QUIET_MS = 400;  // counts and hints are announced once typing pauses, not every key

const plainText = (html) =>
  new DOMParser().parseFromString((html || "").replace(BETWEEN_WORDS, " <"), "text/html").body
    .textContent || "";
const length = (text) => [...text].length;  // code points, as the server's len()
const cut = (text, most) => (length(text) > most ? [...text].slice(0, most - 1).join("") + "…" : text);
const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

const slugFrom = (text, most) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
  .replace(/[^a-z0-9\s-]/g, "").trim().replace(/[\s-]+/g, "-").replace(/^-+/, "")
  .slice(0, most).replace(/-+$/, "");

const countText = (words) => {
  if (!words) return "No words yet.";
  const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
  return `${plural(words, "word")}, about ${plural(minutes, "minute")} to read.`;
};
const headlineHint = (text, most, suffix) => {
  const count = length(text);
  if (count <= most) return [`${count} of about ${most} characters a search result shows.`, false];
  const site = suffix.replace(/^[\s|]+/, "");
  return [`Warning: ${count} characters. A search result shows about ${most} (the title ends with “${site}”) and cuts the rest.`, true];
};
const summaryHint = (text, most) => {
  const count = length(text.trim());
  if (!count) return ["No summary: search results and share cards show the body's opening words.", false];
  if (count <= most) return [`${count} of about ${most} characters a search result shows.`, false];
  return [`Warning: ${count} characters. Search results and share cards show about ${most} and cut the rest.`, true];
};

let bodyHtml = null;  // the editor's words once it is ready; the textarea's before
let changed = () => {};

// The rich-text editor hides the body's textarea and edits in a surface of its own, which the
// "Body" label does not reach: name that surface after the label, so a screen reader says
// what the field is (WCAG 4.1.2). django-prose-editor announces each editor it makes.
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  if (textarea.name === "body") {
    bodyHtml = () => editor.getHTML();
    editor.on("update", () => changed());
  }
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  if (!label) return;
  if (!label.id) label.id = `${textarea.id}-label`;
  editor.view.dom.setAttribute("aria-labelledby", label.id);
});

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("article_form");
  if (!form) return;
  const field = (name) => form.elements.namedItem(name);
  const headline = field("headline");
  const slug = field("slug");
  const summary = field("summary");
  const body = field("body");
  if (!headline || !slug || !summary || !body) return;  // a form only to read

  // The slug: filled from the headline while it is what the headline makes (or empty).
  const following = () => slug.dataset.follow === "headline";
  const most = slug.maxLength > 0 ? slug.maxLength : 120;
  let follows = following() && (slug.value === "" || slug.value === slugFrom(headline.value, most));
  headline.addEventListener("input", () => {
    if (follows) slug.value = slugFrom(headline.value, most);
  });
  slug.addEventListener("input", () => { follows = following() && slug.value === ""; });

  const panel = form.querySelector("fieldset.appearance");
  const data = panel ? panel.dataset : {};
  const date = field("publish_at_0");
  const show = (selector, text) => {
    const element = form.querySelector(selector);
    if (element && element.textContent !== text) element.textContent = text;
  };
  const hint = (selector, [text, over]) => {
    const element = form.querySelector(selector);
    if (!element) return;
    element.classList.toggle("over", over);
    if (element.textContent !== text) element.textContent = text;
  };
  const words = () => (bodyHtml ? bodyHtml() : body.value);

  // The previews follow every key; the counts and hints (live regions) wait for a pause.
  const redraw = () => {
    if (!panel) return;
    const title = headline.value + data.titleSuffix;
    const opening = plainText(words()).split(/\s+/).filter(Boolean);
    const most = Number(data.descriptionWords);
    const description = summary.value.trim()
      || opening.slice(0, most).join(" ") + (opening.length > most ? "…" : "");
    const typed = date && /^\d{4}-\d{2}-\d{2}$/.test(date.value.trim())
      ? date.value.trim().replaceAll("-", "/") : data.addressDate;
    show(".snippet-address", slug.value
      ? `${data.addressRoot}${typed}/${slug.value}/` : "(the address appears with the slug)");
    show(".snippet-title", cut(title, Number(data.titleShown)));
    show(".snippet-description", cut(description, Number(data.descriptionShown)));
    show(".card-title", headline.value);
    show(".card-description", description);
  };
  let quiet = null;
  const recount = () => {
    show(".field-body .writing-count", countText((plainText(words()).match(WORD) || []).length));
    if (!panel) return;
    hint(".field-headline .length-hint",
      headlineHint(headline.value, Number(data.headlineLimit), data.titleSuffix));
    hint(".field-summary .length-hint", summaryHint(summary.value, Number(data.descriptionShown)));
  };
  changed = () => {
    redraw();
    clearTimeout(quiet);
    quiet = setTimeout(recount, QUIET_MS);
  };
  for (const element of [headline, slug, summary, body, date]) {
    if (element) element.addEventListener("input", () => changed());
  }
  if (date) date.addEventListener("change", () => changed());
});
