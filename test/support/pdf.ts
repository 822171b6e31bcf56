import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfContent {
  /** Each page's text, its items joined by spaces. */
  pages: string[];
  /** Images painted on each page (a chart's canvas prints as one). */
  images: number[];
}

/** Reads back what a PDF shows, with Mozilla's pdf.js: the text of every page and its images. */
export async function readPdf(data: Uint8Array): Promise<PdfContent> {
  const doc = await getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  const images: number[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = await page.getTextContent();
    pages.push(
      text.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
    const ops = await page.getOperatorList();
    images.push(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject).length);
  }
  await doc.destroy();
  return { pages, images };
}
