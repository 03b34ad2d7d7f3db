import type { RefObject } from 'react';
import type { GraphCanvasHandle } from './GraphCanvas.tsx';

/** Saves a blob as a file the browser downloads. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name made of safe characters only (CI ids hold `/` and `:`). */
export function fileNameOf(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

/** PNG and SVG export of a map, and copying its link. */
export function ExportButtons({ canvas, name }: { canvas: RefObject<GraphCanvasHandle | null>; name: string }) {
  return (
    <div className="field" role="group" aria-label="Export">Export
      <div className="button-row">
        <button type="button" onClick={() => canvas.current && download(canvas.current.exportPng(), `${fileNameOf(name)}.png`)}>PNG</button>
        <button type="button" onClick={() => canvas.current && download(canvas.current.exportSvg(), `${fileNameOf(name)}.svg`)}>SVG</button>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(window.location.href)} title="Copy a link that reproduces this view">Copy link</button>
      </div>
    </div>
  );
}
