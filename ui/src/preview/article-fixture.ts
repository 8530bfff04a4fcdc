// Test support (imported by preview tests and benchmarks only): article markup as the Rust
// renderer writes it (crates/brief/src/html.rs), built from a list of blocks, so tests can
// edit a brief block by block and get the analysis the shell would send.

import type { Analysis, ClaimInfo } from "../ipc/bindings";

// A brief as the Rust renderer would mark it up (see crates/brief/src/html.rs): each block
// knows its text lines, so data-line values follow from the blocks before it.
export type Block = { kind: "h2" | "p" | "judgment" | "ul" | "table" | "quote" | "code" | "hr" | "footnote" | "raw"; texts: string[]; claim: string };

export const FR = [
  "Le blocus du carburant imposé par le JNIM depuis septembre 2025 perturbe l'approvisionnement de Bamako.",
  "Les convois de camions-citernes venant de Dakar et d'Abidjan circulent sous escorte militaire.",
  "Plusieurs stations-service de la capitale sont fermées faute de livraisons.",
  "Le prix du litre a doublé sur le marché parallèle en quelques semaines.",
];
const AR = [
  "فرضت جماعة نصرة الإسلام والمسلمين حصاراً على إمدادات الوقود منذ سبتمبر 2025.",
  "تسير قوافل الصهاريج القادمة من داكار وأبيدجان تحت حراسة عسكرية.",
  "أُغلقت محطات وقود عديدة في العاصمة لانقطاع الإمدادات.",
];

let seed = 7;
/** Restarts the pseudo-random sequence and the claim numbering. */
export function resetFixture(s = 7): void {
  seed = s;
  nextClaim = 1;
}
export function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
}
export function pick<T>(xs: readonly T[]): T {
  return xs[rand(xs.length)]!;
}

function esc(s: string): string {
  return s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/\u00a0/gu, "&nbsp;");
}

let nextClaim = 1;
/** A claim id not used yet. */
export function newClaimId(): string {
  return `c-${nextClaim++}`;
}
export function makeBlock(kind: Block["kind"] = pick(["h2", "p", "p", "p", "judgment", "ul", "table", "quote", "code", "hr", "footnote"] as const)): Block {
  const n = kind === "ul" || kind === "table" ? 2 + rand(3) : kind === "p" ? 1 + rand(2) : 1;
  const texts = Array.from({ length: n }, () => pick([...FR, ...AR]));
  return { kind, texts, claim: newClaimId() };
}

function blockHtml(b: Block, line: number): string {
  const d = /[\u0600-\u06ff]/u.test(b.texts[0] ?? "") ? "rtl" : "ltr";
  const cite = `<span class="cite-group">[<a class="cite" data-key="rfi-blocus-bamako-2025" href="#source-rfi-blocus-bamako-2025" rel="noopener noreferrer" title="« les camions > 40 t »">rfi-blocus-bamako-2025, p.&nbsp;2</a>]</span>`;
  switch (b.kind) {
    case "h2":
      return `<h2 dir="${d}" data-line="${line}">${esc(b.texts[0]!)}</h2>`;
    case "p":
      return `<p dir="${d}" data-line="${line}"><span class="claim fact" data-claim-kind="fact" data-claim-id="${b.claim}">${esc(b.texts.join("\n"))} ${cite}.</span> Voir <a href="https://www.rfi.fr/fr/afrique/">RFI</a><sup class="footnote-ref"><a href="#fn-1">1</a></sup>.</p>`;
    case "judgment":
      return `<p dir="${d}" data-line="${line}" class="claim judgment" data-claim-kind="judgment" data-claim-id="${b.claim}" data-likelihood="likely" data-confidence="moderate"><span class="claim-label"><strong class="claim-kind">Jugement</strong> <span class="claim-qualifiers">(probable, 55–80&nbsp;% ; confiance modérée)</span> :</span> ${esc(b.texts[0]!)}</p>`;
    case "ul":
      return `<ul dir="${d}" data-line="${line}" class="tight">${b.texts.map((t, i) => `<li dir="${d}" data-line="${line + i}"><p dir="${d}" data-line="${line + i}"><span class="claim fact" data-claim-kind="fact" data-claim-id="${b.claim}-${i}">${esc(t)}</span></p></li>`).join("")}</ul>`;
    case "table":
      return `<table dir="${d}" data-line="${line}"><thead><tr><th class="align-left">Ville</th><th class="align-right">Prix</th></tr></thead><tbody>${b.texts.map((t, i) => `<tr class="claim fact" data-claim-kind="fact" data-claim-id="${b.claim}-${i}"><td class="align-left">${esc(t.slice(0, 20))}</td><td class="align-right">${i * 100}</td></tr>`).join("")}</tbody></table>`;
    case "quote":
      return `<blockquote dir="${d}" data-line="${line}" class="claim fact" data-claim-kind="fact" data-claim-id="${b.claim}"><p dir="${d}" data-line="${line}">${esc(b.texts[0]!)}</p></blockquote>`;
    case "code":
      return `<pre dir="ltr" data-line="${line}"><code>${esc(`if a < b && c > d {\n  ${b.texts[0]!.slice(0, 30)}\n}`)}</code></pre>`;
    case "hr":
      return `<hr data-line="${line}">`;
    case "footnote":
      return `<div dir="${d}" data-line="${line}" class="footnote" id="fn-${b.claim}"><sup class="footnote-label">${b.claim}</sup><p dir="${d}" data-line="${line}">${esc(b.texts[0]!)}</p></div>`;
    case "raw":
      return b.texts[0]!;
  }
}

function lineCount(b: Block): number {
  return b.kind === "code" ? 5 : b.kind === "ul" || b.kind === "table" ? b.texts.length + (b.kind === "table" ? 2 : 0) : b.texts.length;
}

const HEADER = `<header><p class="brief-classification">Diffusion restreinte</p><h1 class="brief-title">Le blocus de Bamako</h1></header>`;

function open(lang: "fr" | "ar"): string {
  return `<article class="brief" lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}">`;
}

/** The blocks as the shell sends them: markup with lines counted from the block's first line, and the offset. */
function pieces(blocks: readonly Block[]): Array<{ html: string; line: number; block: Block | null }> {
  const out: Array<{ html: string; line: number; block: Block | null }> = [{ html: HEADER, line: 0, block: null }];
  let line = 7;
  for (const b of blocks) {
    out.push({ html: blockHtml(b, 1), line: line - 1, block: b });
    line += lineCount(b) + 1;
  }
  return out;
}

/**
 * The analysis the shell would send for `blocks` (claims on record: all but every seventh
 * claim id), leaving out the markup of blocks whose key is in `known`. A block's key is
 * its markup.
 */
export function analysisFor(blocks: readonly Block[], lang: "fr" | "ar" = "fr", known: ReadonlySet<string> = new Set()): Analysis {
  const claims: ClaimInfo[] = [];
  const sent = pieces(blocks);
  for (const { html, line, block } of sent) {
    for (const m of html.matchAll(/data-claim-id="([^"]+)" *(?:data-likelihood)?/gu)) {
      const id = m[1]!;
      if (Number(id.replace(/\D/gu, "")) % 7 === 0) continue;
      claims.push({ id, kind: block?.kind === "judgment" ? "judgment" : "fact", line: line + 1 });
    }
  }
  return {
    lang,
    dir: lang === "ar" ? "rtl" : "ltr",
    id: null,
    title: "Le blocus de Bamako",
    preview: { open: open(lang), close: "</article>", blocks: sent.map(({ html, line }) => ({ key: html, line, html: known.has(html) ? null : html })) },
    diagnostics: [],
    claims,
    stats: { claims: { total: 0, fact: 0, judgment: 0, assumption: 0 }, statements: 0, sourcedStatements: 0, shareSourced: null, citedClaims: 0, singleSourceClaims: 0, shareSingleSource: null, sourcesCited: 0, reliability: { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0, ungraded: 0 }, credibility: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, none: 0 } },
  };
}

/** The whole article with its line numbers in place, as `Article::html` in Rust joins it. */
export function articleHtml(blocks: readonly Block[], lang: "fr" | "ar" = "fr"): string {
  const body = pieces(blocks).map(({ html, line }) => html.replace(/ data-line="([0-9]+)"/gu, (_, n: string) => ` data-line="${Number(n) + line}"`));
  return `${open(lang)}${body.join("")}</article>`;
}
