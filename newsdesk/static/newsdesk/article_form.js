// The rich-text editor hides the body's textarea and edits in a surface of its own, which the
// "Body" label does not reach: name that surface after the label, so a screen reader says
// what the field is (WCAG 4.1.2). django-prose-editor announces each editor it makes.
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  if (!label) return;
  if (!label.id) label.id = `${textarea.id}-label`;
  editor.view.dom.setAttribute("aria-labelledby", label.id);
});
