import QRCode from 'qrcode';
import { libraryOptions, type QrCode } from '../services/qrCode.js';

/** A PNG of the code, through the qrcode library's pngjs renderer, which needs Node. */
export async function qrPng(qr: QrCode): Promise<Uint8Array<ArrayBuffer>> {
  const png = await QRCode.toBuffer(qr.text, { ...libraryOptions(qr.options), type: 'png' });
  return new Uint8Array(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
}
