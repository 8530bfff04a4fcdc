// The brief's own vocabulary (judgment labels, likelihood and confidence terms) in the
// brief's language, which may differ from the interface language. The words come from the
// same `locales/*/common.ftl` entries the Rust brief parser reads, so what the pickers
// insert is exactly what the parser accepts.

import { FluentBundle, FluentResource } from "@fluent/bundle";
import { ftlFiles, type Lang } from "../i18n";

const bundles = new Map<Lang, FluentBundle>();

function bundleFor(lang: Lang): FluentBundle {
  let bundle = bundles.get(lang);
  if (!bundle) {
    bundle = new FluentBundle(lang, { useIsolating: false });
    for (const text of Object.values(ftlFiles(lang))) bundle.addResource(new FluentResource(text));
    bundles.set(lang, bundle);
  }
  return bundle;
}

/** The agreed term `id` in `lang` (e.g. `likelihood-likely` in fr: "probable"); null when the locale lacks it. */
export function briefTerm(lang: Lang, id: string): string | null {
  const bundle = bundleFor(lang);
  const msg = bundle.getMessage(id);
  if (!msg?.value) return null;
  const text = bundle.formatPattern(msg.value, undefined, []).trim();
  return text === "" ? null : text;
}

/** The term and its accepted variants (`.accept`, separated by `|`), the main term first. */
export function briefTermVariants(lang: Lang, id: string): string[] {
  const out: string[] = [];
  const main = briefTerm(lang, id);
  if (main) out.push(main);
  const bundle = bundleFor(lang);
  const accept = bundle.getMessage(id)?.attributes["accept"];
  if (accept) {
    for (const v of bundle.formatPattern(accept, undefined, []).split("|")) {
      const trimmed = v.trim();
      if (trimmed && !out.includes(trimmed)) out.push(trimmed);
    }
  }
  return out;
}
