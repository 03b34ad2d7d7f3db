import type { CIType } from '../../schema/ciTypes.ts';
import { impactStates, markStyle, statePalette, typeStyle } from '../graph/graphStyle.ts';

/** Draws a cytoscape node shape as a small SVG, so the legend shows exactly what the map shows. */
function ShapeIcon({ shape, fill, stroke, dashed }: { shape: string; fill: string; stroke: string; dashed?: boolean }) {
  const common = { fill, stroke, strokeWidth: 1.5, strokeDasharray: dashed ? '3 2' : undefined };
  const polygons: Record<string, string> = {
    octagon: '7,1 15,1 21,5 21,11 15,15 7,15 1,11 1,5',
    triangle: '11,1 21,15 1,15',
    diamond: '11,1 21,8 11,15 1,8',
    hexagon: '6,1 16,1 21,8 16,15 6,15 1,8',
    tag: '1,1 16,1 21,8 16,15 1,15',
  };
  return (
    <svg viewBox="0 0 22 16" aria-hidden="true">
      {polygons[shape] ? <polygon points={polygons[shape]} {...common} />
        : shape === 'ellipse' ? <ellipse cx="11" cy="8" rx="9" ry="6.5" {...common} />
        : <rect x="1.5" y="1.5" width="19" height="13" rx={shape === 'round-rectangle' ? 4 : shape === 'barrel' ? 6 : 0} {...common} />}
    </svg>
  );
}

/** The legend of a map, generated from the same tables as its stylesheet: every colour and shape explained. */
export function Legend({ types, states = false, candidates = false }: { types: readonly (CIType | 'Namespace')[]; states?: boolean; candidates?: boolean }) {
  return (
    <div className="legend" aria-label="Legend">
      {states && impactStates.map((state) => (
        <div className="row" key={state}><ShapeIcon shape={statePalette[state].shape} fill={statePalette[state].fill} stroke="#1c2330" /><span><strong>{statePalette[state].label}</strong>: {statePalette[state].meaning}</span></div>
      ))}
      {types.filter((t): t is CIType => t in typeStyle).map((type) => (
        <div className="row" key={type}><ShapeIcon shape={typeStyle[type].shape} fill={typeStyle[type].fill} stroke={typeStyle[type].border} /><span>{typeStyle[type].label}{states ? ' (not impacted)' : ''}</span></div>
      ))}
      <div className="row"><ShapeIcon shape="round-rectangle" fill="#fff" stroke={markStyle.root.border} /><span>{markStyle.root.label} (thick border)</span></div>
      {candidates && <div className="row"><ShapeIcon shape="round-rectangle" fill="#fff" stroke={markStyle.candidate.border} /><span>{markStyle.candidate.label}</span></div>}
      <div className="row"><ShapeIcon shape="rectangle" fill="#fff" stroke="#6b7688" dashed /><span>{markStyle.stale.label}</span></div>
      <div className="row"><svg viewBox="0 0 22 16" aria-hidden="true"><path d="M1 8h16" stroke="#a9b1be" strokeWidth="1.5" /><polygon points="15,4 21,8 15,12" fill="#a9b1be" /></svg><span>Relies on (arrow points to what is relied on)</span></div>
      <div className="row"><svg viewBox="0 0 22 16" aria-hidden="true"><path d="M1 8h16" stroke="#a9b1be" strokeWidth="1.5" strokeDasharray="3 2" /><polygon points="15,4 21,8 15,12" fill="#a9b1be" /></svg><span>Soft dependency (degrades, never takes down)</span></div>
      <div className="row"><svg viewBox="0 0 22 16" aria-hidden="true"><path d="M1 8h20" stroke={markStyle.path.line} strokeWidth="4" /></svg><span>{markStyle.path.label}</span></div>
      <div className="row"><svg viewBox="0 0 22 16" aria-hidden="true"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#6b7688" strokeDasharray="1 2" /></svg><span>{markStyle.more.label}</span></div>
    </div>
  );
}
