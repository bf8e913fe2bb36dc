/**
 * Charts as PNG, for slides: the SVG Vega wrote, rasterised by resvg (a Rust SVG
 * renderer shipped prebuilt in its npm package; no browser). Text needs a font: the
 * system's fonts are used, DejaVu Sans or Liberation Sans preferred where installed.
 */
import { Resvg } from '@resvg/resvg-js';

/** PNG bytes of an SVG, at `scale` times its size. @default scale 2 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
