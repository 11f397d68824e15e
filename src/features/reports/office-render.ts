// Opens report files the way a reader does: LibreOffice (headless) converts the workbook and the
// Word document to PDF, poppler renders PDF pages to PNG and reads their text. Used to look at
// the reports (npm run report:pictures) and by the test that opens them; neither needs a server.
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm, symlink } from 'node:fs/promises';
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
 * workbook and a document of the same name do not overwrite each other) with one headless
 * LibreOffice under a profile of its own (a LibreOffice already open on the machine, or another
 * conversion, keeps its own).
 */
export async function convertToPdf(soffice: string, files: readonly string[], outDir: string): Promise<string[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'chibo-soffice-'));
  try {
    // LibreOffice names its PDF after the input less its extension: link bao-cao.xlsx as
    // bao-cao.xlsx.xlsx, and its PDF is bao-cao.xlsx.pdf.
    const inputs = await Promise.all(
      files.map(async (file) => {
        const link = path.join(work, `${path.basename(file)}${path.extname(file)}`);
        await symlink(path.resolve(file), link);
        return link;
      }),
    );
    await run(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...inputs],
      { timeout: 120_000, maxBuffer: 4 * 1024 * 1024 },
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const pdfs = files.map((file) => path.join(outDir, `${path.basename(file)}.pdf`));
  for (const pdf of pdfs) await access(pdf).catch(() => Promise.reject(new Error(`LibreOffice wrote no ${pdf}`)));
  return pdfs;
}

/** The number of pages of a PDF (poppler's pdfinfo). */
export async function pdfPages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return Number(/^Pages:\s+(\d+)/mu.exec(stdout)?.[1] ?? 0);
}

/** A PDF's text (poppler's pdftotext), or one page's (from 1), NFC. */
export async function pdfText(pdf: string, page?: number): Promise<string> {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', ...pages, pdf, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return stdout.normalize('NFC');
}

/** Renders page `page` (from 1) of a PDF as `<prefix>.png` at `dpi`; answers the PNG's path. */
export async function pdfPagePng(pdf: string, page: number, prefix: string, dpi = 80): Promise<string> {
  await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  return `${prefix}.png`;
}
