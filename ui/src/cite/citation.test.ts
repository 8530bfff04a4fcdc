import { describe, expect, it } from "vitest";
import { LOCATOR_KINDS, escapeFree, excerptQuote, formatCitation, keyNeedsBraces, locatorLabel, locatorProblem, matchWords } from "./citation";

// The Rust parser is the reference: read its tables to check our labels against them.
const RUST = import.meta.glob("../../../crates/brief/src/citation.rs", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const citationRs = Object.values(RUST)[0] ?? "";

function rustLocatorLabels(): Map<string, string> {
  const table = citationRs.slice(citationRs.indexOf("const LOCATOR_LABELS"), citationRs.indexOf("const CREDIBILITY_LABELS"));
  const out = new Map<string, string>();
  for (const m of table.matchAll(/\("([^"]+)", LocatorKind::(\w+)\)/gu)) out.set(m[1]!, m[2]!.toLowerCase());
  return out;
}

describe("formatCitation", () => {
  it("writes the French form: ASCII commas, « » with spaces, cred.", () => {
    expect(formatCitation({ key: "rfi-blocus-bamako-2025" }, "fr")).toBe("[@rfi-blocus-bamako-2025]");
    expect(formatCitation({ key: "crisisgroup-mali-2025", locator: { kind: "page", value: "8" } }, "fr")).toBe("[@crisisgroup-mali-2025, p. 8]");
    expect(
      formatCitation({ key: "entretien-transporteur-2025", locator: { kind: "section", value: "2" }, excerpt: "On ne roule plus de nuit", credibility: 3 }, "fr"),
    ).toBe("[@entretien-transporteur-2025, § 2, « On ne roule plus de nuit », cred. 3]");
  });

  it("writes the Arabic form: Arabic comma, «» without spaces, مصداقية", () => {
    expect(formatCitation({ key: "crisisgroup-mali-2025", locator: { kind: "page", value: "8" } }, "ar")).toBe("[@crisisgroup-mali-2025، ص. 8]");
    expect(
      formatCitation({ key: "sahil-alyawm-hisar-2025", locator: { kind: "paragraph", value: "3" }, excerpt: "استهداف صهاريج الوقود", credibility: 2 }, "ar"),
    ).toBe("[@sahil-alyawm-hisar-2025، الفقرة 3، «استهداف صهاريج الوقود»، مصداقية 2]");
  });

  it("writes the English form with straight quotes", () => {
    expect(formatCitation({ key: "k", locator: { kind: "chapter", value: "3" }, excerpt: "fuel convoys", credibility: 1 }, "en")).toBe('[@k, ch. 3, "fuel convoys", cred. 1]');
  });

  it("braces keys Pandoc would cut short, escapes Markdown in locators, drops out-of-range credibility", () => {
    expect(formatCitation({ key: "odd.key." }, "en")).toBe("[@{odd.key.}]");
    expect(formatCitation({ key: "a--b" }, "en")).toBe("[@{a--b}]");
    expect(keyNeedsBraces("rfi-blocus-bamako-2025")).toBe(false);
    expect(keyNeedsBraces("تقرير-2025")).toBe(false);
    expect(formatCitation({ key: "k", locator: { kind: "page", value: "4_a*" } }, "en")).toBe("[@k, p. 4\\_a\\*]");
    expect(formatCitation({ key: "k", credibility: 9 }, "fr")).toBe("[@k]");
    expect(escapeFree("[x]")).toBe("\\[x\\]");
  });

  it("refuses locator values that would change the citation's meaning", () => {
    expect(locatorProblem(" ")).toBe("empty");
    expect(locatorProblem("3, 5")).toBe("separator");
    expect(locatorProblem("٣؛ ٥")).toBe("separator");
    expect(locatorProblem("« 4 »")).toBe("quote");
    expect(locatorProblem("3-5")).toBeNull();
  });

  it("uses only locator labels the Rust parser maps to the same kind", () => {
    const rust = rustLocatorLabels();
    expect(rust.size).toBeGreaterThan(30);
    for (const lang of ["ar", "fr", "en"] as const) {
      for (const kind of LOCATOR_KINDS) {
        const label = locatorLabel(kind, lang);
        expect(rust.get(label), `${lang} ${kind} ${label}`).toBe(kind);
      }
    }
  });
});

describe("excerptQuote", () => {
  it("quotes the opening words, more when another excerpt starts the same way", () => {
    const a = "Les camions-citernes n'arrivent plus à Bamako depuis début novembre.";
    const b = "Les camions-citernes n'arrivent plus à Kayes depuis octobre.";
    expect(excerptQuote(a)).toBe("Les camions-citernes n'arrivent plus à Bamako");
    expect(excerptQuote(a, [b], 3)).toBe("Les camions-citernes n'arrivent plus à Bamako");
    expect(excerptQuote("« On ne roule plus de nuit », dit-il.")).toBe("On ne roule plus de nuit");
  });

  it("removes what would end the quote or the citation, and ignores vowel marks when comparing", () => {
    expect(excerptQuote('il a dit "stop" [sic] *vraiment*', [], 10)).toBe("il a dit stop sic vraiment");
    expect(matchWords("الحِصارُ مستمرّ")).toEqual(matchWords("الحصار مستمر"));
    expect(matchWords("Sécurité, 2025")).toEqual(["securite", "2025"]);
  });
});
