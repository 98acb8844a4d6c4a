// The library's picker window for the body editor (django-prose-editor's "Browse..."): hands the
// chosen picture's address, library id, alt text and caption back to the editor and closes.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.picker-use");
  if (!button || !window.opener || !window.opener.CKEDITOR) return;
  const data = button.dataset;
  window.opener.CKEDITOR.tools.callFunction(Number(data.callback), data.url, {
    id: data.id,
    alternative_text: data.alt,
    caption: data.caption,
  });
  window.close();
});
