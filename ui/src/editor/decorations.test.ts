import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import { briefDecorations, rangeDirections } from "./decorations";
import { frontMatterEnd, lineDirections, stringLines } from "./syntax";

const POOL = [
  "",
  "   ",
  "## الوضع الراهن",
  "## Situation",
  "Le blocus du carburant perturbe Bamako [@rfi-blocus-bamako-2025, p. 2].",
  "فرض الحصار على الوقود منذ سبتمبر [@aljazeera-hisar-bamako-2025].",
  "[@rfi-blocus-bamako-2025] عبارة تبدأ باستشهاد.",
  "\u200Fparagraphe forcé de droite à gauche.",
  "- élément de liste",
  "- عنصر قائمة",
  "1. premier point",
  "> une citation",
  "| Ville | Prix |",
  "|---|---|",
  "**Jugement** (probable ; confiance modérée) : la route restera coupée.",
  "**تقدير** (مرجح) : سيستمر الحصار.",
  "123 456",
  "```",
  "suite du paragraphe sans marque",
];

let seed = 3;
function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
}

describe("rangeDirections", () => {
  it("gives every range the directions lineDirections gives the whole document", () => {
    for (let round = 0; round < 60; round++) {
      const lines: string[] = [];
      if (round % 3 !== 0) lines.push("---", `lang: ${round % 2 ? "ar" : "fr"}`, "title: Essai", "---");
      const n = 5 + rand(40);
      for (let i = 0; i < n; i++) lines.push(POOL[rand(POOL.length)]!);
      const doc = stringLines(lines.join("\n"));
      const fallback = round % 2 ? "rtl" : "ltr";
      const all = lineDirections(doc, fallback);
      const head = { fm: frontMatterEnd(doc), fallback } as const;
      for (let k = 0; k < 10; k++) {
        const from = 1 + rand(doc.lines);
        const to = from + rand(doc.lines - from + 1);
        expect(rangeDirections(doc, head, from, to), `round ${round} ${from}-${to}`).toEqual(all.slice(from - 1, to));
      }
    }
  });
});

describe("briefDecorations", () => {
  it("follows edits, including ones to the front matter", () => {
    const text = ["---", "lang: ar", "---", "", "Le paragraphe", "", "", "suite"].join("\n");
    const view = new EditorView({ state: EditorState.create({ doc: text, extensions: [briefDecorations] }), parent: document.body });
    const dirOf = (n: number): string | null => view.contentDOM.querySelectorAll(".cm-line")[n - 1]?.getAttribute("dir") ?? null;
    expect([dirOf(4), dirOf(5), dirOf(8)]).toEqual(["rtl", "ltr", "ltr"]);
    // Arabic typed at the start of the paragraph turns the paragraph right to left.
    view.dispatch({ changes: { from: view.state.doc.line(5).from, insert: "نص " } });
    expect(dirOf(5)).toBe("rtl");
    // The front matter's language changes the fallback of blank lines.
    view.dispatch({ changes: { from: view.state.doc.line(2).from + 6, to: view.state.doc.line(2).to, insert: "fr" } });
    expect(dirOf(4)).toBe("ltr");
    view.destroy();
  });
});
