// Figures, not a test: `npx vitest bench --run src/preview` (jsdom). Applying an analysis of
// a ~10,000-word article in which one block changed: the whole-article render the preview
// used to do (parse + sanitise + tint everything, replace the DOM, rebuild the line index),
// against the incremental one (compare block keys, redo the changed block only, with the
// markup of the others left out of the analysis as the shell does). Also a line inserted
// near the top (every later block shifts its data-line) and the first render.

import { bench, describe } from "vitest";
import type { Analysis } from "../ipc/bindings";
import { analysisFor, articleHtml, type Block, makeBlock, resetFixture } from "./article-fixture";
import { Preview, tint } from "./preview";
import { sanitizeHtml } from "./sanitize";

resetFixture(11);
const blocks: Block[] = [];
let words = 0;
while (words < 10000) {
  const b = makeBlock();
  blocks.push(b);
  words += b.texts.join(" ").split(/\s+/u).length + 4;
}
const middle = blocks.findIndex((b, i) => i > blocks.length / 2 && b.kind === "p");

// Analyses that differ by one character typed in one paragraph, and by one line inserted
// in the second block (all later data-line values move): whole articles for the old way;
// for the new one, the markup of blocks the preview holds is left out, as the shell does.
const keysOf = (a: Analysis): Set<string> => new Set(a.preview.blocks.map((b) => b.key));
const base = analysisFor(blocks);
const baseHtml = articleHtml(blocks);
blocks[middle]!.texts[0] += "x";
const typed = analysisFor(blocks, "fr", keysOf(base));
const typedHtml = articleHtml(blocks);
const typedKeys = keysOf(analysisFor(blocks));
blocks[middle]!.texts[0] = blocks[middle]!.texts[0]!.slice(0, -1);
const untyped = analysisFor(blocks, "fr", typedKeys);
blocks[1]!.texts.push("Une ligne de plus.");
const shifted = analysisFor(blocks, "fr", keysOf(base));
const shiftedKeys = keysOf(analysisFor(blocks));
blocks[1]!.texts.pop();
const unshifted = analysisFor(blocks, "fr", shiftedKeys);

console.log(`article: ${blocks.length} blocks, ~${words} words, ${Math.round(baseHtml.length / 1024)} KB of HTML`);

function wholeRender(root: HTMLElement, a: Analysis, html: string): void {
  const scroll = root.scrollTop;
  const fragment = sanitizeHtml(html);
  tint(fragment, new Map(a.claims.map((c) => [c.id, c.kind])));
  root.replaceChildren(fragment);
  Array.from(root.querySelectorAll<HTMLElement>("[data-line]")).map((el) => ({ line: Number(el.getAttribute("data-line")), el }));
  root.scrollTop = scroll;
}

describe("one paragraph changed, ~10k-word article", () => {
  const wholeRoot = document.createElement("div");
  let flip = false;
  bench("before: whole-article render", () => {
    flip = !flip;
    wholeRender(wholeRoot, flip ? typed : base, flip ? typedHtml : baseHtml);
  });
  const root = document.createElement("div");
  const preview = new Preview(root, {});
  preview.render(base);
  let flip2 = false;
  bench("after: incremental render", () => {
    flip2 = !flip2;
    preview.render(flip2 ? typed : untyped);
  });
});

describe("a line inserted near the top (every later block shifts)", () => {
  const root = document.createElement("div");
  const preview = new Preview(root, {});
  preview.render(base);
  let flip = false;
  bench("after: incremental render", () => {
    flip = !flip;
    preview.render(flip ? shifted : unshifted);
  });
});

describe("first render of the article", () => {
  const wholeRoot = document.createElement("div");
  bench("before: whole-article render", () => wholeRender(wholeRoot, base, baseHtml));
  bench("after: block by block", () => {
    new Preview(document.createElement("div"), {}).render(base);
  });
});
