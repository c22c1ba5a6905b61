// The field page's words: texts/<language>.json (flat: key → text with {placeholders}) over the
// staff pages' shared ones, in the language the signed-in account chose (shared/staffTexts.js).
// A new text is a new key in all three files; the Gateway's tests check every file has every key.
// Alerts themselves arrive worded by the server in the field account's alert language.
import { createStaffTexts } from "../shared/staffTexts.js";
import en from "./texts/en.json";
import mk from "./texts/mk.json";
import sq from "./texts/sq.json";

export const texts = createStaffTexts({ mk, sq, en });
export const { t } = texts;
