// Import problems are read by clerks, in Vietnamese: a row's problem is the catalogue's
// Vietnamese message (src/text/messages.ts), placed at its row and column here.

/** "Dòng 5, cột «Ngày sinh»: …", the way a clerk is told where to look. */
export function locatedMessage(row: number, column: string, message: string): string {
  return column === '' ? `Dòng ${row}: ${message}` : `Dòng ${row}, cột «${column}»: ${message}`;
}
