// Opens report files the way a reader does: LibreOffice (headless) converts the workbook and the
// Word document to PDF, poppler renders PDF pages to PNG and reads their text. Used to look at
// the reports (npm run report:pictures) and by the test that opens them; neither needs a server.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The LibreOffice program on PATH (`soffice`, or `libreoffice`), or null when none is installed. */
export async function findSoffice(): Promise<string | null> {
  for (const name of ['soffice', 'libreoffice']) {
    const found = await run('sh', ['-c', `command -v ${name}`]).then(({ stdout }) => stdout.trim(), () => '');
    if (found) return found;
  }
  return null;
}

/**
 * Converts each file to `<file name>.pdf` in `outDir` (bao-cao.xlsx → bao-cao.xlsx.pdf, so a
 * workbook and a document of the same name do not overwrite each other) with a headless
 * LibreOffice under a profile of its own (a LibreOffice already open on the machine, or another
 * conversion, keeps its own).
 */
export async function convertToPdf(soffice: string, files: readonly string[], outDir: string): Promise<string[]> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'chibo-soffice-profile-'));
  try {
    const pdfs: string[] = [];
    for (const file of files) {
      const converted = await mkdtemp(path.join(os.tmpdir(), 'chibo-soffice-out-'));
      try {
        await run(
          soffice,
          [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', converted, file],
          { timeout: 120_000, maxBuffer: 4 * 1024 * 1024 },
        );
        const pdf = path.join(outDir, `${path.basename(file)}.pdf`);
        await copyFile(path.join(converted, `${path.parse(file).name}.pdf`), pdf);
        pdfs.push(pdf);
      } finally {
        await rm(converted, { recursive: true, force: true });
      }
    }
    return pdfs;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The number of pages of a PDF (poppler's pdfinfo). */
export async function pdfPages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return Number(/^Pages:\s+(\d+)/mu.exec(stdout)?.[1] ?? 0);
}

/** A PDF's text (poppler's pdftotext), in reading order, NFC. */
export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return stdout.normalize('NFC');
}

/** Renders page `page` (from 1) of a PDF as `<prefix>.png` at `dpi`; answers the PNG's path. */
export async function pdfPagePng(pdf: string, page: number, prefix: string, dpi = 80): Promise<string> {
  await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  return `${prefix}.png`;
}
