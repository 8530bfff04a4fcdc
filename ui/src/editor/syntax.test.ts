import { describe, expect, it } from "vitest";
import { AR_SAMPLE } from "../testing";
import { citationKeys, CITATION_RE, findMarker, firstStrong, frontMatterLang, lineDirections, stringLines, toggleDirectionChange, type TextChange } from "./syntax";

function apply(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.from) + change.insert + text.slice(change.to);
}

describe("citations", () => {
  it("finds bracketed citations with Latin and Arabic separators, not escaped or bare ones", () => {
    const line = "Texte [@a, p. 3; @b-2025] et [@ج-٢، ص. 4؛ @c] puis \\[@x] et @handle.";
    const found = [...line.matchAll(CITATION_RE)].map((m) => m[0]);
    expect(found).toEqual(["[@a, p. 3; @b-2025]", "[@ج-٢، ص. 4؛ @c]"]);
    expect(citationKeys(found[0]!).map((k) => k.key)).toEqual(["a", "b-2025"]);
    expect(citationKeys(found[1]!).map((k) => k.key)).toEqual(["ج-٢", "c"]);
  });
});

describe("claim markers", () => {
  it("recognises the agreed labels in the three languages, in both forms", () => {
    expect(findMarker("**Jugement** (improbable ; confiance modérée) : La prise…")?.kind).toBe("judgment");
    expect(findMarker("- **تقدير** (مرجح؛ ثقة متوسطة): من المرجح")?.kind).toBe("judgment");
    expect(findMarker("**Hypothèse :** Les axes")?.kind).toBe("assumption");
    expect(findMarker("1. **Assumption**: roads stay open")?.kind).toBe("assumption");
    expect(findMarker("**افتراض**: تبقى المحاور")?.kind).toBe("assumption");
    expect(findMarker("**Important** : rien")).toBeNull();
    expect(findMarker("Texte **Jugement** : au milieu")).toBeNull();
  });
});

describe("direction", () => {
  it("takes a block's direction from its first strong character, citations skipped", () => {
    expect(firstStrong("[@rfi-2025] تفرض الجماعة")).toBe("rtl");
    expect(firstStrong("2025 : Le JNIM")).toBe("ltr");
    expect(firstStrong("\u200FLe JNIM")).toBe("rtl");
    expect(firstStrong("12 — 14")).toBeNull();
  });

  it("gives every line of a paragraph its block's direction, front matter left to right", () => {
    const text = "---\nlang: ar\n---\n\nJNIM (جماعة) est\nسطر ثان\n\nنص عربي\n";
    const dirs = lineDirections(stringLines(text), "rtl");
    expect(dirs.slice(0, 3)).toEqual(["ltr", "ltr", "ltr"]);
    expect(dirs[4]).toBe("ltr");
    expect(dirs[5]).toBe("ltr"); // continuation of the Latin-first paragraph
    expect(dirs[7]).toBe("rtl");
  });

  it("toggles with a leading RLM/LRM where the parser reads it, and removes it again", () => {
    const text = "---\nlang: ar\n---\n\n« On ne roule plus de nuit », dit-il.\n";
    const pos = text.indexOf("roule");
    const once = apply(text, toggleDirectionChange(stringLines(text), pos, "rtl"));
    expect(once).toContain("\n\u200F« On ne roule");
    expect(lineDirections(stringLines(once), "rtl")[4]).toBe("rtl");
    const twice = apply(once, toggleDirectionChange(stringLines(once), pos + 1, "rtl"));
    expect(twice).toBe(text);
  });

  it("puts the mark after list prefixes and judgment markers, so the marker stays recognised", () => {
    const text = "- **Jugement** (probable ; confiance élevée) : Le blocus durera.\n";
    const changed = apply(text, toggleDirectionChange(stringLines(text), 10, "ltr"));
    expect(changed).toBe("- **Jugement** (probable ; confiance élevée) : \u200FLe blocus durera.\n");
    expect(findMarker(changed.split("\n")[0]!)?.kind).toBe("judgment");
  });

  it("works from a continuation line and on headings and table rows", () => {
    const para = "Première ligne\nseconde ligne\n";
    expect(apply(para, toggleDirectionChange(stringLines(para), para.indexOf("seconde"), "ltr"))).toBe("\u200FPremière ligne\nseconde ligne\n");
    const heading = "## Situation\n";
    expect(apply(heading, toggleDirectionChange(stringLines(heading), 5, "ltr"))).toBe("## \u200FSituation\n");
    const row = "| Acteur | Rôle |\n";
    expect(apply(row, toggleDirectionChange(stringLines(row), 4, "ltr"))).toBe("|\u200F Acteur | Rôle |\n");
  });

  it("does nothing inside the front matter or on a blank line", () => {
    expect(toggleDirectionChange(stringLines(AR_SAMPLE), 6, "rtl")).toBeNull();
    const text = "a\n\nb\n";
    expect(toggleDirectionChange(stringLines(text), 2, "ltr")).toBeNull();
  });

  it("reads the brief language from the front matter", () => {
    expect(frontMatterLang(AR_SAMPLE)).toBe("ar");
    expect(frontMatterLang("no front matter\nlang: fr")).toBeNull();
  });
});
