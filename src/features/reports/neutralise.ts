// Text that a spreadsheet would take for a formula (= + - @, or a tab or carriage return before
// one) is neutralised before it reaches any export: unit names and labels come from imports.

const FORMULA_START = /^[=+\-@\t\r]/u;

/** The text as a spreadsheet shows it, never run: prefixed with an apostrophe when it could be a formula. */
export function neutraliseText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
