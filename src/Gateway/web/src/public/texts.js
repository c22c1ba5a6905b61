// The public page's words, from one resource file per language (texts/*.json). Alerts themselves
// arrive already worded by the server in the language chosen at subscription. Keys starting with
// "_" are notes for translators (rom.json's _needsReview lists texts awaiting a native speaker).
import { textTables } from "../shared/texts.js";
import en from "./texts/en.json";
import mk from "./texts/mk.json";
import rom from "./texts/rom.json";
import sq from "./texts/sq.json";

export const { languages, pickLanguage, textsFor } = textTables({ mk, sq, en, rom });
export { translate } from "../shared/texts.js";
