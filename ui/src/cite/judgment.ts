// The judgment / assumption marker picker. It writes the marker the way the brief writer
// in crates/brief/src/writer.rs does — `**Label** (likelihood; confidence): ` with the
// brief language's separator and colon — using the agreed terms of the brief's language.

import "./cite.css";
import { openDialog } from "../dialog";
import { h } from "../dom";
import { currentLang, type Lang } from "../i18n";
import { tx } from "./l10n";
import { briefTerm, briefTermVariants } from "./terms";

export type LikelihoodId = "almost-no-chance" | "very-unlikely" | "unlikely" | "roughly-even-chance" | "likely" | "very-likely" | "almost-certain";
export type ConfidenceId = "low" | "moderate" | "high";
export type MarkerKind = "judgment" | "assumption";

/** The ICD 203 likelihood scale, with its probability ranges in percent. */
export const LIKELIHOODS: ReadonlyArray<{ id: LikelihoodId; from: number; to: number }> = [
  { id: "almost-no-chance", from: 1, to: 5 },
  { id: "very-unlikely", from: 5, to: 20 },
  { id: "unlikely", from: 20, to: 45 },
  { id: "roughly-even-chance", from: 45, to: 55 },
  { id: "likely", from: 55, to: 80 },
  { id: "very-likely", from: 80, to: 95 },
  { id: "almost-certain", from: 95, to: 99 },
];

export const CONFIDENCES: readonly ConfidenceId[] = ["low", "moderate", "high"];

const SEPARATOR: Record<Lang, string> = { fr: " ; ", ar: "؛ ", en: "; " };
const COLON: Record<Lang, string> = { fr: " : ", ar: ": ", en: ": " };

/** The labels the parser accepts for `kind` in `lang`, the agreed one first. */
export function markerLabels(lang: Lang, kind: MarkerKind): string[] {
  return briefTermVariants(lang, `label-${kind}`);
}

export type MarkerChoice = { lang: Lang; kind: MarkerKind; label?: string | null; likelihood?: LikelihoodId | null; confidence?: ConfidenceId | null };

/** The marker prefix, e.g. fr `**Jugement** (probable ; confiance modérée) : `, ar `**تقدير** (مرجح؛ ثقة متوسطة): `. */
export function markerText(choice: MarkerChoice): string {
  const labels = markerLabels(choice.lang, choice.kind);
  const label = choice.label && labels.includes(choice.label) ? choice.label : labels[0];
  if (!label) throw new Error(`no label-${choice.kind} term in the ${choice.lang} locale`);
  const qualifiers: string[] = [];
  if (choice.likelihood) {
    const term = briefTerm(choice.lang, `likelihood-${choice.likelihood}`);
    if (!term) throw new Error(`no likelihood-${choice.likelihood} term in the ${choice.lang} locale`);
    qualifiers.push(term);
  }
  if (choice.confidence) {
    const term = briefTerm(choice.lang, `confidence-${choice.confidence}`);
    if (!term) throw new Error(`no confidence-${choice.confidence} term in the ${choice.lang} locale`);
    qualifiers.push(term);
  }
  const paren = qualifiers.length > 0 ? ` (${qualifiers.join(SEPARATOR[choice.lang])})` : "";
  return `**${label.replace(/[*_\\]/gu, "\\$&")}**${paren}${COLON[choice.lang]}`;
}

let groupCounter = 0;

function radioGroup<T extends string>(
  legendId: string,
  name: string,
  options: ReadonlyArray<{ value: T | ""; label: Node[] }>,
  onChange: () => void,
): HTMLFieldSetElement {
  const set = h("fieldset", { class: "jm-group", "data-group": name }, tx("legend", legendId));
  const suffix = ++groupCounter;
  options.forEach((opt, i) => {
    const id = `jm-${name}-${suffix}-${i}`;
    const input = h("input", { type: "radio", name: `${name}-${suffix}`, value: opt.value, id, "data-name": name, checked: i === 0, onChange });
    set.appendChild(h("div", { class: "jm-option" }, input, h("label", { for: id }, ...opt.label)));
  });
  return set;
}

function checkedValue(root: HTMLElement, name: string): string {
  const input = root.querySelector<HTMLInputElement>(`input[data-name="${name}"]:checked`);
  return input?.value ?? "";
}

/** Opens the picker; resolves to the marker prefix to insert, or null when cancelled. */
export function openJudgmentMarker(opts: { briefLang: Lang; kind: MarkerKind }): Promise<string | null> {
  const lang = opts.briefLang;
  const showBriefTerms = lang !== currentLang();
  const briefSpan = (id: string): Node | null => {
    if (!showBriefTerms) return null;
    const term = briefTerm(lang, id);
    return term ? h("span", { class: "jm-brief-term", lang, dir: "auto" }, term) : null;
  };

  const preview = h("output", { class: "jm-preview", "data-testid": "marker-preview", lang, dir: lang === "ar" ? "rtl" : "ltr", "aria-live": "polite" });
  const labelSelect = h("select", { name: "label", id: `jm-label-${++groupCounter}`, lang, dir: "auto", onChange: () => update() });
  for (const label of markerLabels(lang, opts.kind)) labelSelect.appendChild(h("option", { value: label }, label));

  const body = h("form", { class: "jm-form", "data-testid": "marker-form" });
  body.appendChild(h("div", { class: "field" }, tx("label", "src-jm-label", undefined, { for: labelSelect.id }), labelSelect));

  if (opts.kind === "judgment") {
    const likelihood = radioGroup<LikelihoodId>(
      "src-jm-likelihood",
      "likelihood",
      [
        { value: "", label: [tx("span", "src-jm-none")] },
        ...LIKELIHOODS.map((l) => ({
          value: l.id,
          label: [
            tx("span", `likelihood-${l.id}`, undefined, { class: "jm-term" }),
            tx("span", "src-jm-range", { from: String(l.from).padStart(2, "0"), to: String(l.to).padStart(2, "0") }, { class: "jm-range" }),
            briefSpan(`likelihood-${l.id}`),
          ].filter((n): n is HTMLElement => n !== null),
        })),
      ],
      () => update(),
    );
    const confidence = radioGroup<ConfidenceId>(
      "src-jm-confidence",
      "confidence",
      [
        { value: "", label: [tx("span", "src-jm-none")] },
        ...CONFIDENCES.map((c) => ({
          value: c,
          label: [tx("span", `confidence-${c}`, undefined, { class: "jm-term" }), briefSpan(`confidence-${c}`)].filter((n): n is HTMLElement => n !== null),
        })),
      ],
      () => update(),
    );
    body.append(likelihood, confidence, tx("p", "src-jm-icd203", undefined, { class: "field-hint" }));
  }
  body.append(h("div", { class: "jm-preview-row" }, tx("span", "src-jm-preview", undefined, { class: "jm-preview-label" }), preview));

  const current = (): string =>
    markerText({
      lang,
      kind: opts.kind,
      label: labelSelect.value,
      likelihood: (checkedValue(body, "likelihood") || null) as LikelihoodId | null,
      confidence: (checkedValue(body, "confidence") || null) as ConfidenceId | null,
    });
  function update(): void {
    preview.textContent = current();
  }
  update();

  return new Promise((resolve) => {
    let result: string | null = null;
    openDialog({
      titleId: opts.kind === "judgment" ? "src-jm-title-judgment" : "src-jm-title-assumption",
      body,
      testid: "judgment-dialog",
      actions: [
        { labelId: "src-cancel", testid: "marker-cancel", onClick: () => {} },
        {
          labelId: "src-insert",
          primary: true,
          testid: "marker-insert",
          onClick: () => {
            result = current();
          },
        },
      ],
      onClose: () => resolve(result),
    });
  });
}
