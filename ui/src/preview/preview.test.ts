import { beforeEach, describe, expect, it } from "vitest";
import type { Analysis } from "../ipc/bindings";
import { analysisFor, type Block, FR, makeBlock, newClaimId, pick, rand, resetFixture } from "./article-fixture";
import { splitArticle } from "./blocks";
import { Preview, renderWhole } from "./preview";

function fresh(a: Analysis): string {
  const root = document.createElement("div");
  new Preview(root, {}).render(a);
  return root.innerHTML;
}

function whole(a: Analysis): string {
  const root = document.createElement("div");
  root.replaceChildren(renderWhole(a.html, new Map(a.claims.map((c) => [c.id, c.kind]))));
  return root.innerHTML;
}

function topNodes(root: HTMLElement): Node[] {
  return Array.from(root.querySelector("article")!.childNodes);
}

let root: HTMLElement;
let preview: Preview;
let blocks: Block[];

beforeEach(() => {
  document.body.innerHTML = "";
  root = document.createElement("div");
  document.body.appendChild(root);
  preview = new Preview(root, {});
  resetFixture();
  blocks = Array.from({ length: 12 }, () => makeBlock());
  blocks[3] = makeBlock("p");
  blocks[5] = makeBlock("ul");
  preview.render(analysisFor(blocks));
});

describe("splitArticle", () => {
  it("splits the article into its top-level blocks and keys them without line numbers", () => {
    const a = analysisFor(blocks);
    const split = splitArticle(a.html)!;
    expect(split.open).toBe(`<article class="brief" lang="fr" dir="ltr">`);
    expect(split.close).toBe("</article>");
    expect(split.blocks).toHaveLength(blocks.length + 1);
    expect(split.blocks.map((b) => b.html).join("")).toBe(a.html.slice(split.open.length, -"</article>".length));
    const ul = split.blocks.find((b) => b.html.startsWith("<ul"))!;
    expect(ul.lines.length).toBeGreaterThan(2);
    expect(ul.key).not.toMatch(/data-line="\d/u);
    expect(ul.key).toContain(`data-line=""`);
  });

  it("refuses markup it cannot follow", () => {
    expect(splitArticle("<div>x</div>")).toBeNull();
    expect(splitArticle("<article><p>x</article>")).toBeNull();
    expect(splitArticle("<article><p>x</p>")).toBeNull();
    expect(splitArticle("<article><p>x</p></article><p>y</p>")).toBeNull();
    expect(splitArticle("<article><p>x</b></article>")).toBeNull();
  });

  it("keeps raw text elements and comments whole", () => {
    const split = splitArticle(`<article><script>if (a</p>) {}</script><!-- <p> --><p title='a>b'>x<br></p>t</article>`)!;
    expect(split.blocks.map((b) => b.html)).toEqual(["<script>if (a</p>) {}</script>", "<!-- <p> --><p title='a>b'>x<br></p>", "t"]);
  });
});

describe("incremental preview", () => {
  it("replaces only the block whose markup changed", () => {
    const before = topNodes(root);
    blocks[3]!.texts[0] += " x";
    preview.render(analysisFor(blocks));
    const after = topNodes(root);
    expect(after).toHaveLength(before.length);
    // Node 0 is the header, so block 3 is node 4.
    after.forEach((n, i) => (i === 4 ? expect(n).not.toBe(before[i]) : expect(n).toBe(before[i])));
    expect((after[4] as Element).textContent).toContain(" x");
    expect(root.innerHTML).toBe(fresh(analysisFor(blocks)));
  });

  it("shifts data-line on the blocks after an inserted line, keeping their nodes", () => {
    const before = topNodes(root);
    const lineOf = (i: number): number => Number((topNodes(root)[i] as Element).getAttribute("data-line"));
    const last = lineOf(before.length - 1);
    blocks[3]!.texts.push("Une ligne de plus.");
    preview.render(analysisFor(blocks));
    const after = topNodes(root);
    after.forEach((n, i) => (i === 4 ? expect(n).not.toBe(before[i]) : expect(n).toBe(before[i])));
    expect(lineOf(before.length - 1)).toBe(last + 1);
    expect(root.innerHTML).toBe(fresh(analysisFor(blocks)));
    // Scroll sync follows the new numbers: double-click reports the shifted line.
    const seen: number[] = [];
    const p2 = new Preview(root, { onLineActivate: (l) => seen.push(l) });
    void p2;
    after[after.length - 1]!.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    expect(seen[0]).toBe(last + 1);
  });

  it("keeps the scroll-sync index right after shifts", () => {
    blocks.splice(1, 0, makeBlock("p"), makeBlock("ul"));
    preview.render(analysisFor(blocks));
    const lines = (preview as unknown as { lines: Array<{ line: number; el: HTMLElement }> }).lines;
    const expected = Array.from(root.querySelectorAll<HTMLElement>("[data-line]")).map((el) => ({ line: Number(el.getAttribute("data-line")), el }));
    expect(lines).toEqual(expected);
    expect(lines.every((e) => e.el.isConnected)).toBe(true);
  });

  it("still sanitises hostile markup in a changed block", () => {
    const before = topNodes(root);
    blocks[3] = { kind: "raw", claim: "x", texts: [`<p data-line="20" onclick="window.__pwned=1">x <img src="x" onerror="window.__pwned=2"><a href="javascript:alert(1)">a</a><script>window.__pwned=3</script><svg><script>1</script></svg><span style="color:red" class="claim fact" data-claim-id="forged">s</span></p>`] };
    preview.render(analysisFor(blocks));
    const after = topNodes(root);
    after.forEach((n, i) => (i === 4 ? expect(n).not.toBe(before[i]) : expect(n).toBe(before[i])));
    const p = after[4] as Element;
    expect(p.hasAttribute("onclick")).toBe(false);
    expect(root.querySelector("script, img, svg, [style], [onerror]")).toBeNull();
    expect(p.querySelector("a")!.hasAttribute("href")).toBe(false);
    expect(p.querySelector("[data-claim-id=forged]")!.classList.contains("claim-ok")).toBe(false);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(root.innerHTML).toBe(whole(analysisFor(blocks)));
  });

  it("removes and adds blocks at the start, in the middle and at the end", () => {
    for (const [at, op] of [[0, "remove"], [0, "add"], [5, "remove"], [5, "add"], [-1, "remove"], [-1, "add"]] as const) {
      const before = new Set(topNodes(root));
      const i = at < 0 ? blocks.length + (op === "add" ? 0 : -1) : at;
      if (op === "remove") blocks.splice(i, 1);
      else blocks.splice(i, 0, makeBlock("p"));
      preview.render(analysisFor(blocks));
      const after = topNodes(root);
      const created = after.filter((n) => !before.has(n));
      expect(created).toHaveLength(op === "add" ? 1 : 0);
      expect(root.innerHTML).toBe(fresh(analysisFor(blocks)));
      expect(root.innerHTML).toBe(whole(analysisFor(blocks)));
    }
  });

  it("re-tints a block whose claim the analysis vouches for, or stops vouching for", () => {
    const a = analysisFor(blocks);
    const claimed = a.claims[0]!;
    const before = topNodes(root);
    const without = { ...a, claims: a.claims.slice(1) };
    preview.render(without);
    const el = root.querySelector(`[data-claim-id="${claimed.id}"]`)!;
    expect(el.classList.contains("claim-ok")).toBe(false);
    expect(root.innerHTML).toBe(whole(without));
    const changed = topNodes(root).filter((n, i) => n !== before[i]);
    expect(changed).toHaveLength(1);
    preview.render(a);
    expect(root.querySelector(`[data-claim-id="${claimed.id}"]`)!.classList.contains("claim-ok")).toBe(true);
    expect(root.innerHTML).toBe(whole(a));
  });

  it("equals a whole render over a sequence of random edits", () => {
    for (let step = 0; step < 120; step++) {
      const op = rand(8);
      const i = rand(blocks.length + 1);
      if (op === 0 && blocks.length > 1) blocks.splice(Math.min(i, blocks.length - 1), 1);
      else if (op === 1) blocks.splice(i, 0, makeBlock());
      else if (op === 2 && blocks[i]) blocks[i]!.texts.push(pick(FR));
      else if (op === 3 && blocks[i] && blocks[i]!.texts.length > 1) blocks[i]!.texts.pop();
      else if (op === 4 && blocks[i]) blocks[i]!.claim = newClaimId();
      else if (op === 5 && blocks.length > 2) {
        const [b] = blocks.splice(rand(blocks.length), 1);
        blocks.splice(rand(blocks.length), 0, b!);
      } else if (op === 6 && blocks[i]) blocks[i] = { ...blocks[i]!, texts: [...blocks[i]!.texts] };
      else if (blocks[i]) blocks[i]!.texts[0] = `${blocks[i]!.texts[0]!.slice(0, -1)}${pick(["é", "x", " ", "ب", "&", "<"])}`;
      const switchLang = step % 40 === 39 || step % 40 === 0;
      const a = analysisFor(blocks, step % 40 === 39 ? "ar" : "fr");
      const before = new Set(topNodes(root));
      preview.render(a);
      expect(root.innerHTML, `step ${step}`).toBe(whole(a));
      // One block edited, added or moved: at most two new top-level nodes (a move is a remove plus an add).
      if (!switchLang) expect(topNodes(root).filter((n) => !before.has(n)).length, `step ${step}`).toBeLessThanOrEqual(2);
    }
  });
});

describe("audit panel", () => {
  it("keeps its rows when only offsets moved, jumps to the latest offsets, rebuilds when a row changed", async () => {
    const { AuditPanel } = await import("./audit");
    const panel = document.createElement("section");
    const stats = document.createElement("p");
    const jumps: number[] = [];
    const audit = new AuditPanel(panel, stats, { onJump: (d) => jumps.push(d.from) });
    const d = (from: number, line: number, message = "Affirmation sans source") => ({ severity: "warning" as const, code: "unsourced-claim", line, column: 1, from, to: from + 5, message });
    audit.show([d(10, 3), d(50, 7)], null);
    const rows = Array.from(panel.querySelectorAll("[data-testid=diagnostic]"));
    audit.show([d(11, 3), d(51, 7)], null);
    expect(Array.from(panel.querySelectorAll("[data-testid=diagnostic]"))).toEqual(rows);
    expect(Array.from(panel.querySelectorAll("[data-testid=diagnostic]")).every((r, i) => r === rows[i])).toBe(true);
    panel.querySelectorAll<HTMLButtonElement>("[data-testid=diagnostic] button")[1]!.click();
    expect(jumps).toEqual([51]);
    audit.show([d(11, 3), d(60, 8)], null);
    const after = Array.from(panel.querySelectorAll("[data-testid=diagnostic]"));
    expect(after[1]).not.toBe(rows[1]);
    expect(after[1]!.getAttribute("data-line")).toBe("8");
  });
});
