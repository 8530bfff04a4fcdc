// Entry point: load the shell's state, build the application, open the first brief.

import "./styles/app.css";
import { App } from "./app/app";
import { h } from "./dom";
import { setLang, t } from "./i18n";
import { call } from "./ipc/api";

async function boot(): Promise<void> {
  try {
    const state = await call("app_state");
    const app = new App(state);
    await app.start();
  } catch (e) {
    // Without the shell's state nothing works: say so plainly, in the system's language.
    const lang = navigator.language.slice(0, 2);
    setLang(lang === "ar" || lang === "fr" ? lang : "en");
    const message = e instanceof Error ? e.message : String(e);
    document.body.replaceChildren(
      h("main", { class: "fatal", role: "alert" }, h("h1", null, t("ui-fatal-title")), h("p", null, t("ui-fatal-text")), h("pre", { dir: "ltr" }, message)),
    );
  }
}

void boot();
