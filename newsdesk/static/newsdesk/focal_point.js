// The image form: clicking the preview sets the focal point fields (0..1 across and down).
document.addEventListener("DOMContentLoaded", () => {
  const preview = document.querySelector("img.focal-preview");
  const across = document.getElementById("id_focal_x");
  const down = document.getElementById("id_focal_y");
  if (!preview || !across || !down) return;
  preview.addEventListener("click", (event) => {
    const box = preview.getBoundingClientRect();
    across.value = ((event.clientX - box.left) / box.width).toFixed(2);
    down.value = ((event.clientY - box.top) / box.height).toFixed(2);
  });
});
