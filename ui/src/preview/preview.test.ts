import { beforeEach, describe, expect, it } from "vitest";
import type { Analysis } from "../ipc/bindings";
import { analysisFor, articleHtml, type Block, FR, makeBlock, newClaimId, pick, rand, resetFixture } from "./article-fixture";
import { Preview, shiftedLine, tint } from "./preview";
import { sanitizeHtml } from "./sanitize";

function fresh(a: Analysis): string {
  const root = document.createElement("div");
  new Preview(root, {}).render(a);
  return root.innerHTML;
}

/** The oracle: the whole article (line numbers in place) sanitised and tinted in one piece. */
function whole(a: Analysis, html = articleHtml(blocks, a.lang === "ar" ? "ar" : "fr")): string {
  const root = document.createElement("div");
  const fragment = sanitizeHtml(html);
  tint(fragment, new Map(a.claims.map((c) => [c.id, c.kind])));
  root.replaceChildren(fragment);
  return root.innerHTML;
}

function topNodes(root: HTMLElement): Node[] {
  return Array.from(root.querySelector("article")!.childNodes);
}

let root: HTMLElement;
let preview: Preview;
let blocks: Block[];

/** The analysis of `blocks` as the shell answers the preview: the markup of blocks it holds left out. */
function next(lang: "fr" | "ar" = "fr"): Analysis {
  return analysisFor(blocks, lang, new Set(preview.knownBlocks()));
}

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

describe("block markup and line numbers", () => {
  it("adds the block's offset to line numbers made of digits only, as the Rust renderer does", () => {
    expect(shiftedLine("3", 10)).toBe("13");
    expect(shiftedLine("007", 10)).toBe("17");
    expect(shiftedLine("007", 0)).toBe("007");
    expect(shiftedLine("1 onclick=x", 10)).toBe("1 onclick=x");
    expect(shiftedLine("", 10)).toBe("");
    expect(shiftedLine("-1", 10)).toBe("-1");
    expect(shiftedLine("4294967290", 10)).toBe("4294967295");
    expect(shiftedLine("4294967296", 10)).toBe("4294967296");
  });

  it("renders a first analysis like the whole article", () => {
    expect(root.innerHTML).toBe(whole(analysisFor(blocks)));
  });

  it("answers false and changes nothing when a block it does not hold is left out", () => {
    const before = root.innerHTML;
    const a = analysisFor(blocks);
    const missing = { ...a, preview: { ...a.preview, blocks: a.preview.blocks.map((b, i) => (i === 2 ? { ...b, key: "gone", html: null } : b)) } };
    expect(preview.render(missing)).toBe(false);
    expect(root.innerHTML).toBe(before);
    expect(preview.render(a)).toBe(true);
  });

  it("lists the keys it holds once each", () => {
    blocks.push({ ...blocks[3]!, texts: [...blocks[3]!.texts] });
    preview.render(next());
    const keys = preview.knownBlocks();
    expect(new Set(keys).size).toBe(keys.length);
    const sent = analysisFor(blocks).preview.blocks.map((b) => b.key);
    expect(sent.length).toBeGreaterThan(keys.length);
    expect(new Set(keys)).toEqual(new Set(sent));
  });
});

describe("incremental preview", () => {
  it("replaces only the block whose markup changed", () => {
    const before = topNodes(root);
    blocks[3]!.texts[0] += " x";
    preview.render(next());
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
    preview.render(next());
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
    preview.render(next());
    const lines = (preview as unknown as { lines: Array<{ line: number; el: HTMLElement }> }).lines;
    const expected = Array.from(root.querySelectorAll<HTMLElement>("[data-line]")).map((el) => ({ line: Number(el.getAttribute("data-line")), el }));
    expect(lines).toEqual(expected);
    expect(lines.every((e) => e.el.isConnected)).toBe(true);
  });

  it("still sanitises hostile markup in a changed block", () => {
    const before = topNodes(root);
    blocks[3] = { kind: "raw", claim: "x", texts: [`<p data-line="20" onclick="window.__pwned=1">x <img src="x" onerror="window.__pwned=2"><a href="javascript:alert(1)">a</a><script>window.__pwned=3</script><svg><script>1</script></svg><span style="color:red" class="claim fact" data-claim-id="forged">s</span></p>`] };
    preview.render(next());
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
      preview.render(next());
      const after = topNodes(root);
      const created = after.filter((n) => !before.has(n));
      expect(created).toHaveLength(op === "add" ? 1 : 0);
      expect(root.innerHTML).toBe(fresh(analysisFor(blocks)));
      expect(root.innerHTML).toBe(whole(analysisFor(blocks)));
    }
  });

  it("re-tints a block whose claim the analysis vouches for, or stops vouching for", () => {
    const a = next();
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
      const a = next(step % 40 === 39 ? "ar" : "fr");
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
    const d = (from: number, line: number, message = "Affirmation sans source") => ({ severity: "warning" as const, code: "unsourced-claim", line, column: 1, from, to: from + 5, message, args: {} });
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
