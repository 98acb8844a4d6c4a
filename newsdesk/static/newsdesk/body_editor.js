// The article body's own editor extensions (docs/desk.md, "The body editor"). django-prose-editor
// loads this module for the extensions named in settings.DJANGO_PROSE_EDITOR_EXTENSIONS and
// switched on in newsroom.models.BODY_EXTENSIONS; each export below is one of them.
import {
  Extension,
  Plugin,
  combineTransactionSteps,
  getChangedRanges,
  pm,
} from "django-prose-editor/editor";

const { NodeSelection, TextSelection } = pm.state;
const { AddMarkStep } = pm.transform;

// Spelling checked as the writer types: the browser's own checker, asked for in so many words
// (the editor's NoSpellCheck, on by default, turned it off; BODY_EXTENSIONS turns that off).
export const SpellCheck = Extension.create({
  name: "spellCheck",
  addProseMirrorPlugins() {
    return [new Plugin({ props: { attributes: { spellcheck: "true" } } })];
  },
});

// Once a link is set on the selected words, the caret goes after them, outside the link: the
// next words typed follow the link instead of replacing its words (the selection the link
// dialog leaves behind), and they are not part of the link.
export const CaretAfterLink = Extension.create({
  name: "caretAfterLink",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        appendTransaction(transactions, _oldState, state) {
          const { selection } = state;
          if (selection.empty || !(selection instanceof TextSelection)) return null;
          const linked = transactions.some((tr) =>
            tr.steps.some(
              (step) => step instanceof AddMarkStep && step.mark.type.name === "link",
            ),
          );
          if (!linked) return null;
          const link = state.schema.marks.link;
          if (!state.doc.rangeHasMark(selection.from, selection.to, link)) return null;
          const tr = state.tr.setSelection(TextSelection.create(state.doc, selection.to));
          return tr.setStoredMarks(link.removeFromSet(tr.selection.$head.marks()));
        },
      }),
    ];
  },
});

function pictureless(figure) {
  const image = figure.firstChild;
  return !image || image.type.name !== "image" || !image.attrs.src;
}

// A figure is a picture and its caption, and goes as one: deleting the picture (selected, then
// Backspace or Delete, or cut, or dragged away) deletes the figure with its caption. ProseMirror
// would otherwise fill the figure's required picture with an empty one and keep the caption, an
// orphan caption in the stored HTML. A caption that an edit leaves outside any figure (a deletion
// across the picture) becomes a paragraph, so its words are kept.
export const WholeFigures = Extension.create({
  name: "wholeFigures",
  // Before the editor's own Backspace and Delete (which select or join the blocks around).
  priority: 1000,
  addKeyboardShortcuts() {
    const removeFigure = ({ editor }) => {
      const { selection } = editor.state;
      if (!(selection instanceof NodeSelection)) return false;
      const { $from, node } = selection;
      let from = null;
      if (node.type.name === "figure") from = selection.from;
      else if (node.type.name === "image" && $from.parent.type.name === "figure") {
        from = $from.before();
      }
      if (from === null) return false;
      const figure = editor.state.doc.nodeAt(from);
      return editor.commands.deleteRange({ from, to: from + figure.nodeSize });
    };
    return { Backspace: removeFigure, Delete: removeFigure };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        appendTransaction(transactions, oldState, state) {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          const transform = combineTransactionSteps(oldState.doc, [...transactions]);
          const changes = getChangedRanges(transform);
          const back = transform.mapping.invert();
          // Only a figure this edit took the picture from: one stored without (if any) stays.
          const emptiedNow = (pos) => {
            const before = oldState.doc.nodeAt(back.map(pos));
            return !before || before.type.name !== "figure" || !pictureless(before);
          };
          const emptied = [];
          const orphans = [];
          for (const { newRange } of changes) {
            const from = Math.max(0, newRange.from - 1);
            const to = Math.min(state.doc.content.size, newRange.to + 1);
            state.doc.nodesBetween(from, to, (node, pos, parent) => {
              if (node.type.name === "figure") {
                if (pictureless(node) && emptiedNow(pos)) emptied.push([pos, pos + node.nodeSize]);
                return false;
              }
              if (node.type.name === "caption" && parent.type.name !== "figure") {
                orphans.push(pos);
              }
              return true;
            });
          }
          if (!emptied.length && !orphans.length) return null;
          const tr = state.tr;
          const paragraph = state.schema.nodes.paragraph;
          for (const pos of orphans) tr.setNodeMarkup(pos, paragraph);
          // Last first, so the earlier positions stay where they were.
          const unique = [...new Map(emptied.map((range) => [range[0], range])).values()];
          for (const [from, to] of unique.sort((a, b) => b[0] - a[0])) tr.delete(from, to);
          return tr;
        },
      }),
    ];
  },
});
