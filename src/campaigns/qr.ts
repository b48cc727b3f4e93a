import QRCode from 'qrcode';
import sharp from 'sharp';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/**
 * A printable QR code of a link with the campaign's name underneath, as SVG (for print shops) or
 * PNG (1,000 px wide, for documents and screens).
 */
export async function campaignQr(link: string, caption: string, format: 'svg' | 'png'): Promise<Buffer> {
  const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const margin = 4;
  const cells = size + margin * 2;
  const scale = 1000 / cells;
  const rects: string[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) rects.push(`M${x + margin} ${y + margin}h1v1h-1z`);
    }
  }
  const captionHeight = 140;
  const lines = caption.length > 38 ? [caption.slice(0, caption.lastIndexOf(' ', 38) > 0 ? caption.lastIndexOf(' ', 38) : 38), caption.slice(caption.lastIndexOf(' ', 38) > 0 ? caption.lastIndexOf(' ', 38) + 1 : 38)] : [caption];
  const text = lines
    .slice(0, 2)
    .map((l, i) => `<text x="500" y="${1000 + 55 + i * 55}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="44" fill="#000">${escapeXml(l.slice(0, 60))}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${1000 + captionHeight}" viewBox="0 0 1000 ${1000 + captionHeight}"><rect width="100%" height="100%" fill="#fff"/><g transform="scale(${scale})"><path d="${rects.join('')}" fill="#000" shape-rendering="crispEdges"/></g>${text}</svg>`;
  if (format === 'svg') return Buffer.from(svg);
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toBuffer();
}
