// Authors as the form edits them: one per line, "Family, Given" for a person (an Arabic
// comma works too), anything without a comma as a literal name (an organisation, a name
// that has no family/given split). A literal that contains a comma is written in braces:
// "{Médecins Sans Frontières, Mali}".

import type { Person } from "../ipc/bindings";

export type AuthorsResult = { ok: true; authors: Person[] } | { ok: false; line: number };

export function parseAuthors(text: string): AuthorsResult {
  const authors: Person[] = [];
  const lines = text.split(/\r?\n/u);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    if (line.startsWith("{") && line.endsWith("}")) {
      const literal = line.slice(1, -1).trim();
      if (literal === "") return { ok: false, line: i + 1 };
      authors.push({ literal });
      continue;
    }
    const comma = line.search(/[,،]/u);
    if (comma < 0) {
      authors.push({ literal: line });
      continue;
    }
    const family = line.slice(0, comma).trim();
    const given = line.slice(comma + 1).trim();
    // ", Given" names nobody; "Family, Given, more" is ambiguous: both are refused.
    if (family === "" || /[,،]/u.test(given)) return { ok: false, line: i + 1 };
    authors.push({ family, given: given === "" ? null : given });
  }
  return { ok: true, authors };
}

/** The text `parseAuthors` reads back as the same list. */
export function formatAuthors(authors: readonly Person[]): string {
  return authors
    .map((p) => {
      if ("literal" in p) return /[,،]/u.test(p.literal) || (p.literal.startsWith("{") && p.literal.endsWith("}")) ? `{${p.literal}}` : p.literal;
      return p.given ? `${p.family}, ${p.given}` : `${p.family},`;
    })
    .join("\n");
}
