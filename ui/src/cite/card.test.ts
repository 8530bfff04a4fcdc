import { afterEach, describe, expect, it } from "vitest";
import { mountSourcesPanel } from "../sources/panel";
import { byTestId, fakeShell, hitOf, sampleDetail, settle, type FakeShell } from "../sources/testing";
import { getSourceCached, invalidateSource, sourceCard } from "./card";
import { openLinkToSource } from "./link-dialog";

declare global {
  interface Window {
    __pwned?: number;
  }
}

let shell: FakeShell | undefined;
afterEach(() => {
  shell?.restore();
  shell = undefined;
  invalidateSource();
  document.body.replaceChildren();
  delete window.__pwned;
});

const hostile = sampleDetail({
  key: "hostile-2025",
  title: "<script>window.__pwned=1</script>",
  authors: [{ literal: '<img src=x onerror="window.__pwned=1">' }, { family: "<b>Bold</b>", given: "<svg onload=window.__pwned=1>" }],
  containerTitle: "<iframe src=javascript:window.__pwned=1>",
  url: "javascript:alert(1)",
  notes: '<img src=x onerror="window.__pwned=1">',
  tags: ["<script>window.__pwned=1</script>"],
  excerpts: [{ id: "h1", text: '<img src=x onerror="window.__pwned=1">', locator: "<b>p. 1</b>" }],
  citedBy: [
    { briefId: "b1", briefTitle: "<script>window.__pwned=1</script>", briefPath: "/tmp/<img src=x onerror=window.__pwned=1>.md", claimId: "c1", kind: "fact", text: "<img src=x onerror=window.__pwned=1>", line: 3, locator: null, credibility: 2 },
  ],
});

function expectInert(root: ParentNode): void {
  for (const tag of ["script", "img", "iframe", "svg", "a", "b"]) expect(root.querySelectorAll(tag), tag).toHaveLength(0);
  expect(window.__pwned).toBeUndefined();
}

describe("sourceCard", () => {
  it("shows every field as text, the URL never as a link", async () => {
    const card = sourceCard(hostile);
    document.body.appendChild(card);
    await settle();
    expectInert(card);
    expect(card.textContent).toContain("<script>window.__pwned=1</script>");
    expect(card.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(card.textContent).toContain("javascript:alert(1)");
    expect(card.querySelector(".src-url")?.textContent).toBe("javascript:alert(1)");
  });

  it("names the Admiralty grade in words and counts the excerpts", () => {
    const card = sourceCard(sampleDetail());
    const badge = card.querySelector("[data-grade=B]")!;
    expect(badge.getAttribute("title")).toBe("usually reliable");
    expect(card.textContent).toContain("Reliability B");
    expect(card.textContent).toContain("usually reliable");
    expect(card.textContent).toContain("2 excerpts");
    expect(card.textContent).toContain("Diallo, Amina; Rédaction Afrique");
    expect(sourceCard(sampleDetail({ grade: null, grading: null })).textContent).toContain("Reliability not graded");
  });
});

describe("hostile source data elsewhere", () => {
  it("stays text in the panel rows and detail view", async () => {
    shell = fakeShell({ sources_search: () => [hitOf(hostile)], source_get: () => hostile });
    const root = document.body.appendChild(document.createElement("div"));
    mountSourcesPanel(root, { onInsertCitation: () => {} });
    await settle();
    const row = byTestId("source-row", root);
    expect(row.textContent).toContain("<script>window.__pwned=1</script>");
    row.click();
    await settle();
    const detail = byTestId("source-detail", root);
    expect(detail.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(detail.querySelector(".src-notes-text")?.textContent).toBe('<img src=x onerror="window.__pwned=1">');
    // javascript: is not a web address: no button to open it.
    expect(detail.querySelector("[data-testid=source-open-url]")).toBeNull();
    expectInert(document.body);
  });

  it("stays text in the link dialog", async () => {
    shell = fakeShell({ sources_search: () => [hitOf(hostile)], source_get: () => hostile });
    void openLinkToSource({ selectedText: "<img src=x onerror=window.__pwned=1>", briefLang: "fr" });
    await settle();
    byTestId("link-dialog").querySelector<HTMLElement>("[data-testid=source-row]")!.click();
    await settle();
    expect(byTestId("link-chosen").textContent).toContain("<script>window.__pwned=1</script>");
    expectInert(document.body);
    byTestId<HTMLButtonElement>("link-cancel").click();
  });
});

describe("getSourceCached", () => {
  it("asks the shell once per key until invalidated, and gives null for an unknown key", async () => {
    const detail = sampleDetail();
    shell = fakeShell({
      source_get: ({ key }) => {
        if (key === detail.key) return detail;
        throw { code: "not_found", message: `no source with key ${key}`, field: "key" };
      },
    });
    const [a, b] = await Promise.all([getSourceCached(detail.key), getSourceCached(detail.key)]);
    expect(a).toEqual(detail);
    expect(b).toBe(a);
    expect(await getSourceCached("missing")).toBeNull();
    expect(shell.callsOf("source_get")).toHaveLength(2);
    invalidateSource(detail.key);
    await getSourceCached(detail.key);
    expect(shell.callsOf("source_get")).toHaveLength(3);
  });

  it("does not cache failures other than not found", async () => {
    let fail = true;
    shell = fakeShell({
      source_get: () => {
        if (fail) throw { code: "library", message: "database is locked", field: null };
        return sampleDetail();
      },
    });
    await expect(getSourceCached("rfi-blocus-bamako-2025")).rejects.toMatchObject({ code: "library" });
    fail = false;
    await expect(getSourceCached("rfi-blocus-bamako-2025")).resolves.toMatchObject({ key: "rfi-blocus-bamako-2025" });
  });
});
