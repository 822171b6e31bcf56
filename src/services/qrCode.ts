import QRCode from 'qrcode';
import { z } from 'zod';
import { contrastRatio, invalid } from '../domain/index.js';
import type { CoreDeps } from './deps.js';
import { parseInput } from './parse.js';
import { getLinkOrThrow } from './updateLink.js';

/** A scanner needs the code to stand out from its background: WCAG's contrast for text. */
export const MIN_QR_CONTRAST = 4.5;
const hex = z
  .string()
  .regex(/^[0-9a-fA-F]{6}$/, 'expected six hex digits, without #')
  .transform((v) => v.toLowerCase());

export const qrCodeInput = z
  .object({
    size: z.coerce.number().int().min(64).max(4096).default(512).meta({ description: 'Width and height in pixels' }),
    margin: z.coerce.number().int().min(0).max(16).default(4).meta({ description: 'Quiet zone, in modules' }),
    fg: hex.default('000000').meta({ description: 'Colour of the modules' }),
    bg: hex.default('ffffff').meta({ description: 'Background colour' }),
    ecc: z.enum(['L', 'M', 'Q', 'H']).default('M').meta({ description: 'Error correction: L 7%, M 15%, Q 25%, H 30%' }),
  })
  .strict();
export type QrOptions = z.output<typeof qrCodeInput>;

export interface QrCode {
  /** What the code holds: the short URL, marked so its scans count as QR scans. */
  text: string;
  options: QrOptions;
  /** For a file name: the post's slug. */
  slug: string;
}

/** The QR code of a post: its short URL with ?qr=1, in colours that scan. */
export async function qrCodeFor(deps: CoreDeps, slug: string, raw: unknown): Promise<QrCode> {
  const link = await getLinkOrThrow(deps, slug);
  const options = parseInput(qrCodeInput, raw);
  const ratio = contrastRatio(options.fg, options.bg);
  if (ratio < MIN_QR_CONTRAST) {
    throw invalid(
      'low_contrast',
      `fg ${options.fg} on bg ${options.bg} has a contrast of ${ratio.toFixed(2)}:1; scanners need at least ${MIN_QR_CONTRAST}:1`,
    );
  }
  return { text: `${deps.publicUrl}/${link.slug}?qr=1`, options, slug: link.slug };
}

/** The options as the qrcode library takes them. */
export const libraryOptions = (o: QrOptions) => ({
  errorCorrectionLevel: o.ecc,
  margin: o.margin,
  width: o.size,
  color: { dark: `#${o.fg}`, light: `#${o.bg}` },
});

/** An SVG of the code; pure JavaScript, so the same on Node and Workers. */
export const qrSvg = (qr: QrCode): Promise<string> =>
  QRCode.toString(qr.text, { ...libraryOptions(qr.options), type: 'svg' });
