import { afterEach, describe, expect, it } from "vitest";
import { LIKELIHOODS, markerLabels, markerText, openJudgmentMarker } from "./judgment";
import { byTestId, choose, settle } from "../sources/testing";

const README = Object.values(import.meta.glob("../../../README.md", { query: "?raw", import: "default", eager: true }) as Record<string, string>)[0] ?? "";
const WRITER = Object.values(import.meta.glob("../../../crates/brief/src/writer.rs", { query: "?raw", import: "default", eager: true }) as Record<string, string>)[0] ?? "";

afterEach(() => document.body.replaceChildren());

describe("markerText", () => {
  it("writes the markers exactly as the README shows them", () => {
    const fr = markerText({ lang: "fr", kind: "judgment", likelihood: "unlikely", confidence: "moderate" });
    expect(fr).toBe("**Jugement** (improbable ; confiance modérée) : ");
    const en = markerText({ lang: "en", kind: "judgment", likelihood: "likely", confidence: "high" });
    expect(en).toBe("**Judgment** (likely; high confidence): ");
    const ar = markerText({ lang: "ar", kind: "judgment", likelihood: "likely", confidence: "moderate" });
    expect(ar).toBe("**تقدير** (مرجح؛ ثقة متوسطة): ");
    for (const m of [fr, en, ar]) expect(README).toContain(m.trimEnd());
    expect(markerText({ lang: "fr", kind: "assumption" })).toBe("**Hypothèse** : ");
    expect(markerText({ lang: "ar", kind: "assumption" })).toBe("**افتراض**: ");
    expect(README).toContain("**Hypothèse** :");
    expect(README).toContain("**افتراض**:");
  });

  it("uses the writer's separators and colons for each language", () => {
    expect(WRITER).toContain('Lang::Fr => (" ; ", " : ")');
    expect(WRITER).toContain('Lang::Ar => ("؛ ", ": ")');
    expect(WRITER).toContain('Lang::En => ("; ", ": ")');
    expect(markerText({ lang: "ar", kind: "judgment", likelihood: "very-likely", confidence: "high" })).toBe("**تقدير** (مرجح جداً؛ ثقة عالية): ");
    expect(markerText({ lang: "fr", kind: "judgment", confidence: "low" })).toBe("**Jugement** (confiance faible) : ");
    expect(markerText({ lang: "en", kind: "judgment", likelihood: "roughly-even-chance" })).toBe("**Judgment** (roughly even chance): ");
  });

  it("offers the accepted label variants and keeps a chosen one", () => {
    expect(markerLabels("fr", "judgment")).toEqual(["Jugement", "Jugement clé", "Appréciation"]);
    expect(markerText({ lang: "fr", kind: "judgment", label: "Jugement clé", likelihood: "likely" })).toBe("**Jugement clé** (probable) : ");
    // A label that is not one of the parser's falls back to the agreed one.
    expect(markerText({ lang: "en", kind: "judgment", label: "Opinion" })).toBe("**Judgment**: ");
    expect(LIKELIHOODS.map((l) => [l.from, l.to])).toEqual([[1, 5], [5, 20], [20, 45], [45, 55], [55, 80], [80, 95], [95, 99]]);
  });
});

describe("openJudgmentMarker", () => {
  it("resolves to the marker chosen in the dialog, in the brief's language", async () => {
    const pending = openJudgmentMarker({ briefLang: "fr", kind: "judgment" });
    const dialog = byTestId("judgment-dialog");
    expect(dialog.querySelectorAll('input[data-name="likelihood"]')).toHaveLength(8);
    expect(dialog.querySelectorAll('input[data-name="confidence"]')).toHaveLength(4);
    choose(dialog.querySelector('input[data-name="likelihood"][value="very-likely"]'));
    choose(dialog.querySelector('input[data-name="confidence"][value="moderate"]'));
    expect(byTestId("marker-preview").textContent).toBe("**Jugement** (très probable ; confiance modérée) : ");
    byTestId<HTMLButtonElement>("marker-insert").click();
    await expect(pending).resolves.toBe("**Jugement** (très probable ; confiance modérée) : ");
    await settle();
    expect(document.querySelector("[data-testid=judgment-dialog]")).toBeNull();
  });

  it("gives Arabic markers and null on cancel", async () => {
    const pending = openJudgmentMarker({ briefLang: "ar", kind: "judgment" });
    choose(document.querySelector('input[data-name="likelihood"][value="unlikely"]'));
    choose(document.querySelector('input[data-name="confidence"][value="moderate"]'));
    byTestId<HTMLButtonElement>("marker-insert").click();
    await expect(pending).resolves.toBe("**تقدير** (غير مرجح؛ ثقة متوسطة): ");

    const cancelled = openJudgmentMarker({ briefLang: "ar", kind: "assumption" });
    expect(document.querySelector('input[data-name="likelihood"]')).toBeNull();
    byTestId<HTMLButtonElement>("marker-cancel").click();
    await expect(cancelled).resolves.toBeNull();
  });

  it("closes with Escape as a cancel", async () => {
    const pending = openJudgmentMarker({ briefLang: "en", kind: "assumption" });
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await expect(pending).resolves.toBeNull();
  });
});
