import { describe, expect, it } from "vitest";
import { formatAuthors, parseAuthors } from "./authors";
import { formFieldOf, keyProblem, normalizeDate, parseTags } from "./form";

describe("authors", () => {
  it("reads people, literal names and braced names with commas", () => {
    expect(parseAuthors("Diallo, Amina\n  Crisis Group  \nالكبير، سعيد\nTraoré,\n{Médecins Sans Frontières, Mali}\n")).toEqual({
      ok: true,
      authors: [
        { family: "Diallo", given: "Amina" },
        { literal: "Crisis Group" },
        { family: "الكبير", given: "سعيد" },
        { family: "Traoré", given: null },
        { literal: "Médecins Sans Frontières, Mali" },
      ],
    });
  });

  it("names the line it cannot read", () => {
    expect(parseAuthors("Diallo, Amina\n, Moussa")).toEqual({ ok: false, line: 2 });
    expect(parseAuthors("Diallo, Amina, Fatou")).toEqual({ ok: false, line: 1 });
    expect(parseAuthors("{ }")).toEqual({ ok: false, line: 1 });
  });

  it("writes back what it reads", () => {
    const authors = [
      { family: "Diallo", given: "Amina" },
      { family: "Traoré", given: null },
      { literal: "Médecins Sans Frontières, Mali" },
      { literal: "RFI" },
    ];
    expect(parseAuthors(formatAuthors(authors))).toEqual({ ok: true, authors });
  });
});

describe("form helpers", () => {
  it("normalises partial dates and refuses impossible ones", () => {
    expect(normalizeDate("2025")).toBe("2025");
    expect(normalizeDate("2025-1")).toBe("2025-01");
    expect(normalizeDate("٢٠٢٥-١١-٢٠")).toBe("2025-11-20");
    expect(normalizeDate("2024-02-29")).toBe("2024-02-29");
    expect(normalizeDate("2025-02-29")).toBeNull();
    expect(normalizeDate("2025-13")).toBeNull();
    expect(normalizeDate("20 novembre 2025")).toBeNull();
  });

  it("checks keys like the library does", () => {
    expect(keyProblem("rfi-blocus-bamako-2025")).toBeNull();
    expect(keyProblem("الجزيرة-2025")).toBeNull();
    expect(keyProblem("-x")).toBe("src-error-key-chars");
    expect(keyProblem("a b")).toBe("src-error-key-chars");
    expect(keyProblem("x".repeat(201))).toBe("src-error-key-long");
  });

  it("maps the shell's field names onto the form", () => {
    expect(formFieldOf("containerTitle")).toBe("container-title");
    expect(formFieldOf("container_title")).toBe("container-title");
    expect(formFieldOf("authors[2]")).toBe("authors");
    expect(formFieldOf("type")).toBe("kind");
    expect(formFieldOf("issued")).toBe("issued");
    expect(formFieldOf("id")).toBeNull();
    expect(formFieldOf(null)).toBeNull();
  });

  it("splits tags on Latin and Arabic separators", () => {
    expect(parseTags("mali, sahel، carburant; mali\n")).toEqual(["mali", "sahel", "carburant"]);
  });
});
